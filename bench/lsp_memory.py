"""Measure the language server's memory (RSS) as an editor opens and closes large modules.

    python bench/lsp_memory.py [--documents 10] [--lines 2000] [--rounds 3] [--edits 0]

Starts ``python -m mplint lsp`` once, opens one small document to pay for imports, then for each
round opens ``--documents`` distinct 2,000-line Python modules (each waits for its diagnostics),
closes them all (with ``--edits N``, each module is changed N times, whole text, before the
next opens, waiting for the diagnostics of each change), and prints the server's resident set size after the warm-up, with the modules
open, and after they are closed. Memory given back on close shows as the "closed" figure
returning near the warm-up figure, round after round.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from lsp_client import Client  # noqa: E402
from lsp_latency import python_module  # noqa: E402


def rss_mib(pid: int) -> float:
    """Return the resident set size of a process in MiB (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        client = Client(root)
        try:
            client.initialize(root)
            warm = (root / "warm.py").as_uri()
            client.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": warm, "languageId": "python", "version": 1, "text": python_module(200)}},
            )
            client.diagnostics(warm, timeout=120)
            client.notify("textDocument/didClose", {"textDocument": {"uri": warm}})
            client.diagnostics(warm)
            time.sleep(0.5)
            print(f"after warm-up: {rss_mib(client.proc.pid):.1f} MiB")
            for r in range(args.rounds):
                uris = []
                for i in range(args.documents):
                    uri = (root / f"r{r}-m{i}.py").as_uri()
                    text = python_module(args.lines) + f"\nROUND_{r}_MODULE_{i} = {i}\n"
                    client.notify(
                        "textDocument/didOpen",
                        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
                    )
                    client.diagnostics(uri, timeout=120)
                    for e in range(args.edits):
                        client.notify(
                            "textDocument/didChange",
                            {
                                "textDocument": {"uri": uri, "version": e + 2},
                                "contentChanges": [{"text": text + f"EDIT_{e} = {e}\n"}],
                            },
                        )
                        client.diagnostics(uri, timeout=120)
                    uris.append(uri)
                opened = rss_mib(client.proc.pid)
                for uri in uris:
                    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
                    client.diagnostics(uri)
                time.sleep(0.5)
                print(
                    f"round {r + 1}: {args.documents} open {opened:.1f} MiB, all closed "
                    f"{rss_mib(client.proc.pid):.1f} MiB"
                )
            client.close()
        finally:
            client.kill()


if __name__ == "__main__":
    main()
