"""Run mplint as a user would (a subprocess) and render one run in every output format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mplint.api import FileResult, RunResult
from mplint.reporters import get
from mplint.sources.positions import LineIndex

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Ran:
    """What one ``mplint`` process gave: status and both streams."""

    status: int
    stdout: str
    stderr: str


def mplint(*args: str, cwd: Path, stdin: bytes | None = None, timeout: float = 120) -> Ran:
    """Run ``python -m mplint ARGS`` in ``cwd`` with this checkout first on the path."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mplint", *args], cwd=cwd, input=stdin, capture_output=True, timeout=timeout, env=env
    )
    return Ran(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def _refuse(name: str) -> None:
    raise ValueError(f"non-strict JSON constant {name}")


def strict(text: str) -> object:
    """Parse strict JSON (no NaN/Infinity) that also encodes as UTF-8."""
    text.encode("utf-8")
    return json.loads(text, parse_constant=_refuse)


def every_format(result: FileResult) -> dict[str, str]:
    """Return the text, json, sarif and github outputs, and the LSP diagnostics as JSON."""
    run = RunResult(files=[result])
    out = {name: get(name)(run, False) for name in ("text", "json", "sarif", "github")}
    try:
        from mplint.lsp import to_lsp
    except ImportError:  # pragma: no cover - the lsp extra is installed in development
        return out
    from lsprotocol import converters

    index = LineIndex(result.text or "")
    conv = converters.get_converter()
    out["lsp"] = json.dumps([conv.unstructure(to_lsp(d, index)) for d in result.diagnostics], ensure_ascii=False)
    return out


def positions(result: FileResult) -> dict[str, list[tuple[int, int]]]:
    """Return (line, column) of every finding per format, 1-based, columns in characters."""
    outs = every_format(result)
    found: dict[str, list[tuple[int, int]]] = {}
    doc = strict(outs["json"])
    found["json"] = [(d["line"], d["column"]) for d in doc["diagnostics"]]  # type: ignore[index]
    sarif = strict(outs["sarif"])
    found["sarif"] = [
        (
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in sarif["runs"][0]["results"]
    ]  # type: ignore[index]
    found["github"] = []
    for line in outs["github"].splitlines():
        props = dict(p.split("=", 1) for p in line.split("::")[1].split(" ", 1)[1].split(","))
        found["github"].append((int(props["line"]), int(props["col"])))
    found["text"] = []
    for line in outs["text"].splitlines():
        if line.startswith(result.file + ":"):
            _, n, col = line[len(result.file) :].split(":", 3)[:3]
            found["text"].append((int(n), int(col)))
    return found
