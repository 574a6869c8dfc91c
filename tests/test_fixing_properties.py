"""Properties of --fix over every example and over generated request files (JSON and YAML,
every quoting style, CRLF, BOM, tabs, with or without a final newline):

- the fixed file parses, with no more findings than before;
- fixing again changes nothing;
- the --diff output applied with ``patch`` gives the --fix result;
- the bytes outside the spans the fixes edit are unchanged.

They cover whatever fixes the rules offer: the examples carry the fixes of today's rules, and
the generated files hold the typos those fixes are for.
"""

from __future__ import annotations

import codecs
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mplint.cli import cli
from mplint.engine.config import Config
from mplint.engine.run import check_text
from mplint.fixing.edits import plan
from mplint.fixing.files import fix_bytes
from mplint.fixing.rounds import wanted

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (REPO / "examples").rglob("*") if p.is_file())


def _findings(data: bytes, name: str) -> list[tuple[str, str]]:
    return [(d.code, d.path) for d in check_text(data, name, Config(), False, True).diagnostics]


def _outside_spans_unchanged(before: bytes, after: bytes, name: str, kind: str) -> None:
    """Check that ``after`` is ``before`` with only the first round's edited spans changed
    (for files fixed in one round)."""
    bom = len(codecs.BOM_UTF8) if before.startswith(codecs.BOM_UTF8) else 0
    assert after[:bom] == before[:bom]
    text, new = before[bom:].decode(), after[bom:].decode()
    result = check_text(before, name, Config(), False, True)
    fixes = [f for d in result.diagnostics if (f := wanted(d, True)) is not None]
    if kind == "notebook" or not fixes:
        return
    planned = plan(text, kind, fixes)
    at = 0
    for p in planned:
        piece = text[at : p.start]
        assert new.startswith(piece), (name, piece)
        new = new[len(piece) :]
        assert new.startswith(p.text)
        new = new[len(p.text) :]
        at = p.end
    if not plan(
        after[bom:].decode(),
        kind,
        [f for d in check_text(after, name, Config(), False, True).diagnostics if (f := wanted(d, True))],
    ):
        assert new == text[at:]


def _check_fixed(data: bytes, name: str, kind: str) -> bytes:
    done = fix_bytes(data, name, Config(), unsafe=True)
    after = data if done is None else done.after
    before_findings = _findings(data, name)
    after_findings = _findings(after, name)
    assert after_findings.count(("MP001", "")) <= before_findings.count(("MP001", ""))
    # A fix of CertifyForMarketplace (MP102: `yes` -> true) turns the marketplace rules (MP5xx)
    # on, as the user meant: their findings are new checks, not what the fix broke.
    marketplace = (
        [f for f in after_findings if f[0].startswith("MP5")]
        if ("MP102", "CertifyForMarketplace") in before_findings
        else []
    )
    assert len(after_findings) - len(marketplace) <= len(before_findings)
    again = fix_bytes(after, name, Config(), unsafe=True)
    assert again is None or (again.fixed, again.after) == (0, after)
    if done is not None and done.fixed and done.note is None:
        _outside_spans_unchanged(data, after, name, kind)
    return after


@pytest.mark.slow
def test_every_example_fixes_to_a_valid_file_and_diff_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fixed_tree, patched_tree = tmp_path / "fixed", tmp_path / "patched"
    shutil.copytree(REPO / "examples", fixed_tree)
    shutil.copytree(REPO / "examples", patched_tree)
    monkeypatch.chdir(patched_tree)
    diff = CliRunner().invoke(cli, ["check", ".", "--no-cache", "--diff", "--unsafe-fixes"])
    assert diff.exit_code == 1  # the examples carry fixes
    subprocess.run(["patch", "-p1", "-s"], input=diff.stdout.encode(), cwd=patched_tree, check=True)
    monkeypatch.chdir(fixed_tree)
    CliRunner().invoke(cli, ["check", ".", "--no-cache", "--fix", "--unsafe-fixes"])
    changed = 0
    for original in EXAMPLES:
        rel = original.relative_to(REPO / "examples")
        before, after = original.read_bytes(), (fixed_tree / rel).read_bytes()
        assert (patched_tree / rel).read_bytes() == after, rel
        if before != after:
            changed += 1
            from mplint import sources

            kind = sources.detect(str(rel), before.decode("utf-8-sig"), forced=True) or "json"
            assert _check_fixed(before, str(rel), kind) == after
    assert changed >= 5
    again = CliRunner().invoke(cli, ["check", ".", "--no-cache", "--diff", "--unsafe-fixes"])
    assert (again.exit_code, again.stdout) in ((0, ""), (1, ""))


TYPES = ["ml.m5.xlarge", "ml.m5.xlarg", "ml.c5.larg", "ml.m4.xlarge", "ml.t2.medium", "ml.c5.2xlarge"]
CONTENT = ["text/csv", "Text/CSV", "application/json", "application/JSON"]
STATUS = ["Approved", "approved", "Approve", "PendingManualApproval", None]


@st.composite
def requests(draw: st.DrawFn) -> dict[str, object]:
    spec: dict[str, object] = {
        "Containers": [{"Image": "111122223333.dkr.ecr.us-east-2.amazonaws.com/churn:1"}],
        "SupportedTransformInstanceTypes": draw(st.lists(st.sampled_from(TYPES), min_size=1, max_size=3)),
        "SupportedRealtimeInferenceInstanceTypes": draw(st.lists(st.sampled_from(TYPES), min_size=1, max_size=2)),
        "SupportedContentTypes": draw(st.lists(st.sampled_from(CONTENT), min_size=1, max_size=2)),
        "SupportedResponseMIMETypes": ["text/csv"],
    }
    request: dict[str, object] = {"ModelPackageGroupName": "churn", "InferenceSpecification": spec}
    status = draw(st.sampled_from(STATUS))
    if status is not None:
        request["ModelApprovalStatus"] = status
    return request


def _yaml(value: object, indent: str, quote: str, level: int = 0, block: bool = False) -> list[str]:
    pad = indent * level
    lines: list[str] = []
    assert isinstance(value, dict)
    for k, v in value.items():
        if isinstance(v, dict):
            lines.append(f"{pad}{k}:")
            lines.extend(_yaml(v, indent, quote, level + 1, block))
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            lines.append(f"{pad}{k}:")
            for item in v:
                inner = _yaml(item, indent, quote, level + 2, block)
                lines.append(f"{pad}{indent}- " + inner[0].lstrip())
                lines.extend(inner[1:])
        elif isinstance(v, list) and block:
            lines.append(f"{pad}{k}:")
            lines.extend(f"{pad}{indent}- {_scalar(s, quote)}" for s in v)
        elif isinstance(v, list):
            lines.append(f"{pad}{k}: [{', '.join(_scalar(s, quote) for s in v)}]")
        else:
            lines.append(f"{pad}{k}: {_scalar(v, quote)}  # {k}")
    return lines


def _scalar(s: object, quote: str) -> str:
    text = str(s)
    return f"{quote}{text}{quote}" if quote else text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    request=requests(),
    fmt=st.sampled_from(["json", "yaml"]),
    indent=st.sampled_from(["  ", "    ", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    final_newline=st.booleans(),
    quote=st.sampled_from(["", "'", '"']),
    block=st.booleans(),
)
def test_generated_requests_fix_cleanly(
    request: dict[str, object],
    fmt: str,
    indent: str,
    newline: str,
    bom: bool,
    final_newline: bool,
    quote: str,
    block: bool,
) -> None:
    if fmt == "json":
        text = json.dumps(request, indent=indent)
    else:
        text = "\n".join(["# generated", *_yaml(request, indent if indent != "\t" else "  ", quote, block=block)])
    text = text.replace("\n", newline) + (newline if final_newline else "")
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode()
    after = _check_fixed(data, f"request.{fmt}", fmt)
    # The typo MP301 knows is fixed whatever the quoting, line ending or indentation.
    assert b"xlarg" not in after.replace(b"xlarge", b"")
    assert after.startswith(codecs.BOM_UTF8) == bom
    assert after.endswith(newline.encode()) == final_newline
    if newline == "\r\n":
        assert b"\n" not in after.replace(b"\r\n", b"")
