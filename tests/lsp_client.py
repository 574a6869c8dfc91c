"""A real JSON-RPC client of ``mplint lsp`` over stdio, as an editor speaks to it (no mocks of
the server), and helpers to open documents and read what the server publishes."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


class Client:
    """Start ``python -m mplint lsp`` in ``cwd`` and exchange JSON-RPC messages with it."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mplint", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.inbox.put(json.loads(out.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        """Send a request and return its result (raising on an error response)."""
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == ident and "method" not in m, timeout)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait(self, match: Callable[[dict[str, Any]], bool], timeout: float = 30) -> dict[str, Any]:
        """Return the next message that matches, answering server requests on the way."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching message from the server")
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise EOFError("the server closed its output")
            if match(message):
                return message
            if "method" in message and "id" in message:  # e.g. client/registerCapability
                self.send({"id": message["id"], "result": None})

    def diagnostics(self, uri: str, timeout: float = 30) -> dict[str, Any]:
        """Return the params of the next publishDiagnostics for a document."""
        message = self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout
        )
        return message["params"]

    def initialize(self, root: Path, notebooks: bool = False) -> dict[str, Any]:
        caps: dict[str, Any] = {
            "textDocument": {
                "publishDiagnostics": {"versionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
            },
            "general": {"positionEncodings": ["utf-16"]},
        }
        if notebooks:  # a client that syncs notebooks as notebooks (LSP 3.17)
            caps["notebookDocument"] = {"synchronization": {"executionSummarySupport": False}}
        result = self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": caps})
        self.notify("initialized", {})
        return result

    def close(self, timeout: float = 30) -> int:
        """Shut down and exit politely; return the exit status."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def open_doc(client: Client, path: Path, text: str, language: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}
    )
    return uri


def found(params: dict) -> list[tuple]:
    """Return (code, severity, start line, start char, end line, end char) of published diagnostics."""
    out = []
    for d in params["diagnostics"]:
        r = d["range"]
        out.append(
            (
                d["code"],
                d["severity"],
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
            )
        )
    return out
