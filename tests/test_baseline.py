"""The baseline: --write-baseline records today's findings, --baseline hides them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mplint.engine.config import clear_cache
from tests.linting import invoke

# Two findings: MP105 (group name) and MP104 (approval status).
REQUEST = "ModelPackageGroupName: churn models\nModelApprovalStatus: Approve\nSourceUri: s3://b/m.tar.gz\n"
CODES = ("--select", "MP104,MP105", "--no-cache")


def found(result_output: str) -> list[tuple[str, str, int, int]]:
    doc = json.loads(result_output)
    return [(d["rule"], d["file"], d["line"], d["column"]) for d in doc["diagnostics"]]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text(REQUEST)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_round_trip(repo: Path) -> None:
    r = invoke("check", "specs", *CODES, "--write-baseline", "baseline.json")
    assert (r.exit_code, r.output) == (0, "Wrote 2 findings to baseline.json.\n")
    doc = json.loads((repo / "baseline.json").read_text())
    assert doc["version"] == 1
    assert [(e["file"], e["request"], e["code"], e["path"], e["count"]) for e in doc["findings"]] == [
        ("specs/a.yaml", "", "MP104", "ModelApprovalStatus", 1),
        ("specs/a.yaml", "", "MP105", "ModelPackageGroupName", 1),
    ]
    r = invoke("check", "specs", *CODES, "--baseline", "baseline.json", "--format", "json")
    assert (r.exit_code, found(r.stdout)) == (0, [])

    # Lines added above the findings do not bring them back.
    (repo / "specs" / "a.yaml").write_text("# owner: ml-platform\n\n" + REQUEST)
    r = invoke("check", "specs", *CODES, "--baseline", "baseline.json", "--format", "json")
    assert (r.exit_code, found(r.stdout)) == (0, [])

    # A changed value is a new finding; the old entry is fixed.
    (repo / "specs" / "a.yaml").write_text(REQUEST.replace("churn models", "churn  models"))
    r = invoke("check", "specs", *CODES, "--baseline", "baseline.json", "--format", "json")
    assert (r.exit_code, found(r.stdout)) == (1, [("MP105", "specs/a.yaml", 1, 29)])

    # Fixing one: a summary line, and --write-baseline drops it.
    (repo / "specs" / "a.yaml").write_text(REQUEST.replace("churn models", "churn-models"))
    r = invoke("check", "specs", *CODES, "--baseline", "baseline.json", "--format", "json")
    assert r.exit_code == 0
    assert "mplint: 1 finding in the baseline is fixed; run --write-baseline to drop them\n" in r.stderr
    r = invoke("check", "specs", *CODES, "--write-baseline", "baseline.json")
    assert r.output == "Wrote 1 finding to baseline.json.\n"
    codes = [e["code"] for e in json.loads((repo / "baseline.json").read_text())["findings"]]
    assert codes == ["MP104"]


def test_identical_findings_are_counted(tmp_path: Path) -> None:
    from collections import Counter

    from mplint.diagnostics import Diagnostic, Severity
    from mplint.engine import baseline
    from mplint.model import Span
    from mplint.result import FileResult, RunResult

    file = str(tmp_path / "a.yaml")
    same = Diagnostic("MP105", "n", Severity.ERROR, "m", Span(1, 1, 1, 2), "P", file, "", digest="d")

    def run(n: int) -> RunResult:
        r = RunResult()
        r.files.append(FileResult(file, [same._replace(span=Span(i + 1, 1, i + 1, 2)) for i in range(n)]))
        return r

    path = str(tmp_path / "baseline.json")
    recorded = baseline.updated(run(2), path, None)
    assert recorded == Counter({baseline.Key("a.yaml", "", "MP105", "P", "d"): 2})
    three = run(3)
    assert baseline.apply(three, path, recorded) == baseline.Applied(hidden=2, fixed=0)
    assert [d.span.line for d in three.files[0].diagnostics] == [3]
    one = run(1)
    assert baseline.apply(one, path, recorded) == baseline.Applied(hidden=1, fixed=1)
    assert one.files[0].diagnostics == []


def test_a_call_site_label_loses_its_line(tmp_path: Path) -> None:
    from mplint.diagnostics import Diagnostic, Severity
    from mplint.engine import baseline
    from mplint.model import Span

    d = Diagnostic("MP105", "n", Severity.ERROR, "m", Span(9, 1, 9, 2), "P", str(tmp_path / "a.py"), "create@L9")
    assert baseline.key_of(d, str(tmp_path)) == baseline.Key("a.py", "create@", "MP105", "P", None)
    cell = d._replace(request="create@cell3:L4")
    assert baseline.key_of(cell, str(tmp_path)).request == "create@cell3"


def test_from_another_directory_and_from_the_config(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("check", "specs", *CODES, "--write-baseline", "baseline.json")
    monkeypatch.chdir(repo / "specs")
    r = invoke("check", ".", *CODES, "--baseline", "../baseline.json", "--format", "json")
    assert (r.exit_code, found(r.stdout)) == (0, [])
    (repo / ".mplint.yaml").write_text("baseline: baseline.json\n")
    clear_cache()  # discovery is remembered within a process
    r = invoke("check", "a.yaml", *CODES, "--format", "json")
    assert (r.exit_code, found(r.stdout)) == (0, [])


def test_the_file_is_sorted_and_stable(repo: Path) -> None:
    (repo / "specs" / "b.yaml").write_text(REQUEST)
    invoke("check", "specs", *CODES, "--write-baseline", "baseline.json")
    first = (repo / "baseline.json").read_text()
    invoke("check", "specs", *CODES, "--write-baseline", "baseline.json")
    assert (repo / "baseline.json").read_text() == first
    lines = first.splitlines()
    assert lines[:3] == ["{", '  "version": 1,', '  "findings": [']
    assert len(lines) == 5 + 4  # one line per entry


def test_entries_of_files_not_checked_stay(repo: Path) -> None:
    (repo / "specs" / "b.yaml").write_text(REQUEST)
    invoke("check", "specs", *CODES, "--write-baseline", "baseline.json")
    invoke("check", "specs/a.yaml", *CODES, "--write-baseline", "baseline.json")
    files = sorted({e["file"] for e in json.loads((repo / "baseline.json").read_text())["findings"]})
    assert files == ["specs/a.yaml", "specs/b.yaml"]
    r = invoke("check", "specs/a.yaml", *CODES, "--baseline", "baseline.json")
    assert "fixed" not in r.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": 1,\n "findings": [}\n', "baseline.json:2:15: the baseline is not valid JSON: Expecting value"),
        ('{"findings": []}', "baseline.json:1: not an mplint baseline (no 'version' field)"),
        ('{"version": 7, "findings": []}', "baseline.json:1: baseline version 7 is not supported (expected 1)"),
        ('{"version": 1, "findings": [{"file": 3}]}', "baseline.json: finding 1 of the baseline needs file"),
        (b"\xff\xfe", "baseline.json: the baseline is not UTF-8 (byte 0)"),
        ("[" * 100_000 + "]" * 100_000, "baseline.json: the baseline is nested too deeply"),
    ],
)
def test_a_corrupt_baseline_is_a_clear_error(repo: Path, content: str | bytes, message: str) -> None:
    target = repo / "baseline.json"
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    r = invoke("check", "specs", *CODES, "--baseline", "baseline.json")
    assert r.exit_code == 2
    assert f"mplint: error: {message}" in r.stderr
    assert "Traceback" not in r.output + r.stderr


def test_missing_directory_and_fifo(repo: Path) -> None:
    r = invoke("check", "specs", *CODES, "--baseline", "nope.json")
    assert (r.exit_code, r.stderr) == (
        2,
        "mplint: error: nope.json: cannot read the baseline: No such file or directory\n",
    )
    (repo / "dir.json").mkdir()
    r = invoke("check", "specs", *CODES, "--baseline", "dir.json")
    assert r.exit_code == 2 and "dir.json: cannot read the baseline" in r.stderr
    r = invoke("check", "specs", *CODES, "--write-baseline", "dir.json")
    assert r.exit_code == 2 and "dir.json: " in r.stderr and "Traceback" not in r.stderr
    os.mkfifo(repo / "fifo.json")
    r = invoke("check", "specs", *CODES, "--baseline", "fifo.json")
    assert (r.exit_code, r.stderr) == (2, "mplint: error: fifo.json: cannot read the baseline: not a regular file\n")


def test_a_huge_baseline(repo: Path) -> None:
    entry = {"file": "specs/x.yaml", "request": "", "code": "MP105", "path": "P", "value": None, "count": 1}
    entries = [dict(entry, path=f"P{i}") for i in range(200_000)]
    (repo / "baseline.json").write_text(json.dumps({"version": 1, "findings": entries}))
    r = invoke("check", "specs", *CODES, "--baseline", "baseline.json", "--format", "json")
    assert (r.exit_code, found(r.stdout)) == (1, [("MP105", "specs/a.yaml", 1, 29), ("MP104", "specs/a.yaml", 2, 22)])
    assert "fixed" not in r.stderr  # specs/x.yaml was not checked


def test_secrets_are_not_recoverable_from_the_baseline(repo: Path) -> None:
    secret = "hunter2"
    (repo / "specs" / "a.yaml").write_text(
        REQUEST
        + "InferenceSpecification:\n  Containers:\n  - Image: i\n    Environment:\n"
        + f"      DB_PASSWORD: {secret}\n      AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
    )
    r = invoke("check", "specs", "--no-cache", "--write-baseline", "baseline.json")
    assert r.exit_code == 0
    text = (repo / "baseline.json").read_text()
    doc = json.loads(text)
    secret_entries = [e for e in doc["findings"] if "Environment" in e["path"]]
    assert secret_entries, doc
    assert all(e["value"] is None for e in secret_entries)
    import hashlib

    for word in (secret, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"):
        assert word not in text
        assert hashlib.sha256(word.encode()).hexdigest()[:16] not in text


def test_what_fix_leaves_is_compared_with_the_baseline(repo: Path) -> None:
    # MP105 (a space in a group name) has no certain fix, so --fix leaves it.
    only = ("--select", "MP105", "--no-cache")
    invoke("check", "specs", *only, "--write-baseline", "baseline.json")
    r = invoke("check", "specs", *only, "--fix", "--format", "json")
    assert (r.exit_code, found(r.stdout)) == (1, [("MP105", "specs/a.yaml", 1, 29)])
    r = invoke("check", "specs", *only, "--baseline", "baseline.json", "--fix", "--format", "json")
    assert (r.exit_code, found(r.stdout)) == (0, [])
    assert (repo / "specs" / "a.yaml").read_text() == REQUEST
