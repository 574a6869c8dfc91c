"""The language server's end of life, as the LSP specification has it (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls")

from tests.test_lsp import Client

pytestmark = pytest.mark.slow


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = Client(tmp_path)
    c.initialize(tmp_path)
    yield c
    c.kill()


def test_exit_without_shutdown_exits_1(client: Client) -> None:
    client.notify("exit", None)
    assert client.proc.wait(30) == 1


def test_a_request_after_shutdown_gets_invalid_request_and_exit_then_exits_0(client: Client) -> None:
    assert client.request("shutdown", None) is None
    client.next_id += 1
    ident = client.next_id
    client.send(
        {
            "id": ident,
            "method": "textDocument/codeAction",
            "params": {
                "textDocument": {"uri": "file:///x.json"},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": []},
            },
        }
    )
    reply = client.wait(lambda m: m.get("id") == ident)
    assert reply["error"] == {"code": -32600, "message": "textDocument/codeAction: the server is shutting down"}
    client.notify("exit", None)
    assert client.proc.wait(30) == 0
