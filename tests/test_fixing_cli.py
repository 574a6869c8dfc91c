"""`mplint check --fix`, `--unsafe-fixes`, `--diff`, `--fix-only` and the `fix` config keys on
files: what is written (byte for byte), what is reported, exit statuses, standard input, and
files that must not be written (read-only, FIFOs, links out of the tree)."""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mplint.cli import cli
from mplint.diagnostics import Diagnostic, Fix
from mplint.engine.config import Config
from mplint.engine.run import check_text
from mplint.fixing.rounds import fix_text
from mplint.model import Span
from mplint.result import FileResult

REPO = Path(__file__).resolve().parent.parent
SCHEMA_ERRORS = (REPO / "examples/broken/schema-errors.json").read_bytes()
# The four safe fixes of schema-errors.json: the instance-type typo (MP301), a member name
# (MP101) and two enum values (MP104).
SCHEMA_FIXED = (
    SCHEMA_ERRORS.replace(b'["ml.m5.xlarg"]', b'["ml.m5.xlarge"]')
    .replace(b'"Enviroment"', b'"Environment"')
    .replace(b'"CompressionType": "gzip"', b'"CompressionType": "Gzip"')
    .replace(b'"SkipModelValidation": "none"', b'"SkipModelValidation": "None"')
)
# The unsafe fix left: removing CustomerMetadataProperties (MP209).
UNSAFE_LEFT = "1 more fix is available with --unsafe-fixes\n"
SKELETON = (REPO / "examples/broken/skeleton-leftovers.json").read_bytes()


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["check", "--no-cache", *args], input=stdin)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_writes_the_fix_and_reports_what_is_left(tree: Path) -> None:
    (tree / "a.json").write_bytes(SCHEMA_ERRORS)
    r = run("a.json", "--fix", "-q")
    assert (tree / "a.json").read_bytes() == SCHEMA_FIXED
    assert "MP301" not in r.stdout
    assert r.stdout.endswith(f"Fixed 4 problems in 1 file\n{UNSAFE_LEFT}")
    assert r.exit_code == 1  # findings remain


def test_crlf_bom_and_mode_are_kept(tree: Path) -> None:
    data = codecs.BOM_UTF8 + SCHEMA_ERRORS.replace(b"\n", b"\r\n")
    f = tree / "a.json"
    f.write_bytes(data)
    f.chmod(0o640)
    run("a.json", "--fix")
    assert f.read_bytes() == codecs.BOM_UTF8 + SCHEMA_FIXED.replace(b"\n", b"\r\n")
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert [p.name for p in tree.iterdir()] == ["a.json"]  # no temporary file left behind


def test_unsafe_fixes_are_counted_and_applied_only_when_asked(tree: Path) -> None:
    (tree / "s.json").write_bytes(SKELETON)
    r = run("s.json", "--fix")
    assert (tree / "s.json").read_bytes() == SKELETON
    assert r.stdout.endswith("Fixed 0 problems in 0 files\n2 more fixes are available with --unsafe-fixes\n")
    r = run("s.json", "--fix", "--unsafe-fixes")
    assert (tree / "s.json").read_bytes() == SKELETON.replace(b'"ml.m4.xlarge"', b'"ml.m5.xlarge"')
    assert r.stdout.endswith("Fixed 2 problems in 1 file\n")


def test_diff_changes_nothing_and_patch_gives_the_fix(tree: Path) -> None:
    (tree / "a.json").write_bytes(SCHEMA_ERRORS)
    r = run("a.json", "--diff")
    assert r.exit_code == 1
    assert (tree / "a.json").read_bytes() == SCHEMA_ERRORS
    assert r.stdout.splitlines()[:2] == ["--- a/a.json", "+++ b/a.json"]
    assert r.stderr == "Would apply 4 fixes in 1 file\n"
    subprocess.run(["patch", "-p1", "-s"], input=r.stdout.encode(), cwd=tree, check=True)
    assert (tree / "a.json").read_bytes() == SCHEMA_FIXED
    r = run("a.json", "--diff")
    assert (r.exit_code, r.stdout) == (0, "")


def test_diff_of_a_file_without_final_newline(tree: Path) -> None:
    (tree / "a.json").write_bytes(SCHEMA_ERRORS.rstrip(b"\n"))
    r = run("a.json", "--diff")
    assert r.exit_code == 1
    subprocess.run(["patch", "-p1", "-s"], input=r.stdout.encode(), cwd=tree, check=True)
    assert (tree / "a.json").read_bytes() == SCHEMA_FIXED.rstrip(b"\n")


def test_fix_only_reports_nothing_and_exits_zero(tree: Path) -> None:
    (tree / "a.json").write_bytes(SCHEMA_ERRORS)
    r = run("a.json", "--fix-only")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", f"Fixed 4 problems in 1 file\n{UNSAFE_LEFT}")
    assert (tree / "a.json").read_bytes() == SCHEMA_FIXED
    assert run("a.json", "--fix-only", "--diff").exit_code == 2


def test_stdin_fix_prints_the_fixed_text(tree: Path) -> None:
    r = run("-", "--stdin-filename", "a.json", "--fix", stdin=SCHEMA_ERRORS)
    assert r.stdout_bytes == SCHEMA_FIXED
    assert "Fixed 4 problems in 1 file" in r.stderr
    assert r.exit_code == 1


def test_config_keys_and_no_fix(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "pyproject.toml").write_text("[tool.mplint]\nfix = true\nunsafe-fixes = true\n")
    (tree / "s.json").write_bytes(SKELETON)
    run("s.json", "--no-fix")
    assert (tree / "s.json").read_bytes() == SKELETON
    run("s.json", "--no-unsafe-fixes")
    assert (tree / "s.json").read_bytes() == SKELETON
    run("s.json")
    assert (tree / "s.json").read_bytes() == SKELETON.replace(b'"ml.m4.xlarge"', b'"ml.m5.xlarge"')
    (tree / "bad").mkdir()
    (tree / "bad/pyproject.toml").write_text('[tool.mplint]\nfix = "yes"\n')
    (tree / "bad/s.json").write_bytes(SKELETON)
    monkeypatch.chdir(tree / "bad")
    r = run("s.json")
    assert r.exit_code == 2
    assert "'fix' must be true or false" in r.stderr


def test_read_only_file_is_not_written(tree: Path) -> None:
    f = tree / "a.json"
    f.write_bytes(SCHEMA_ERRORS)
    f.chmod(0o444)
    r = run("a.json", "--fix")
    assert f.read_bytes() == SCHEMA_ERRORS
    assert "mplint: a.json: not fixed: the file is read-only; not written\n" in r.stderr
    assert "MP301" in r.stdout  # still reported, as it is still there
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_link_out_of_the_tree_is_refused_and_a_link_inside_is_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.json"
    outside.write_bytes(SCHEMA_ERRORS)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.json").symlink_to(outside)
    (tree / "real.json").write_bytes(SCHEMA_ERRORS)
    (tree / "inner.json").symlink_to(tree / "real.json")
    monkeypatch.chdir(tree)
    r = run("link.json", "inner.json", "--fix")
    assert outside.read_bytes() == SCHEMA_ERRORS
    assert "link.json: not fixed: it is a symbolic link to a file outside the checked tree; not written" in r.stderr
    assert (tree / "real.json").read_bytes() == SCHEMA_FIXED
    assert (tree / "inner.json").is_symlink()


def test_fifo_is_skipped_not_read_nor_written(tree: Path) -> None:
    os.mkfifo(tree / "pipe.json")
    r = run("pipe.json", "--fix")
    assert (r.exit_code, r.stderr) == (0, "mplint: pipe.json: skipped: a FIFO, not a regular file\n")
    assert stat.S_ISFIFO((tree / "pipe.json").lstat().st_mode)
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_cache_entry_of_a_fixed_file_is_not_reused(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLINT_CACHE_DIR", str(tree / "cache"))
    (tree / "a.json").write_bytes(SCHEMA_ERRORS)
    assert "MP301" in CliRunner().invoke(cli, ["check", "a.json"]).stdout
    CliRunner().invoke(cli, ["check", "a.json", "--fix"])
    assert "MP301" not in CliRunner().invoke(cli, ["check", "a.json"]).stdout


def _lint_with(extra: list[Fix]) -> object:
    def lint(text: str) -> FileResult:
        result = check_text(text.encode(), "a.json", Config(), False, True)
        result.diagnostics = result.diagnostics + [
            Diagnostic("MP999", "test", result.diagnostics[0].severity, "m", f.span, fix=f) for f in extra
        ]
        return result

    return lint


def test_a_round_that_breaks_the_file_is_rejected() -> None:
    text = SCHEMA_ERRORS.decode()
    broken = Fix("breaks the file", Span(1, 1, 1, 2), "[", kind="text")
    done = fix_text(text, "json", _lint_with([broken]), unsafe=False)  # type: ignore[arg-type]
    # The file never takes the bad fix; the good fixes of the same round are applied on their own.
    assert (done.text, done.fixed) == (SCHEMA_FIXED.decode(), 4)
    assert (
        done.note
        == "a fix would make the file unreadable or add a parse-level finding (MP001-MP004); it was not applied"
    )


def test_a_round_that_makes_a_duplicate_key_is_rejected() -> None:
    text = SCHEMA_ERRORS.decode()
    at = text.index('"SupportedContentTypes"')
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    rename = Fix("dup", Span(line, column, line, column + 23), "", kind="key", value="SupportedResponseMIMETypes")
    done = fix_text(text, "json", _lint_with([rename]), unsafe=False)  # type: ignore[arg-type]
    # The rename is left out; the safe fixes of the same round are still applied.
    assert (done.text, done.fixed) == (SCHEMA_FIXED.decode(), 4)
    assert done.note is not None and done.note.startswith("a fix would make the file unreadable")


def test_a_fix_cycle_is_reported_not_looped() -> None:
    text = '{"ModelPackageGroupName": "a", "ModelApprovalStatus": "Approved"}'

    def lint(t: str) -> FileResult:
        result = check_text(t.encode(), "a.json", Config(), False, True)
        at = t.index(": ") + 2
        other = '"b"' if t[at : at + 3] == '"a"' else '"a"'
        flip = Fix("flip", Span(1, at + 1, 1, at + 4), other, kind="text")
        result.diagnostics = [
            Diagnostic(
                "MP999", "t", result.diagnostics[0].severity if result.diagnostics else 1, "m", flip.span, fix=flip
            )
        ]  # type: ignore[arg-type]
        return result

    done = fix_text(text, "json", lint, unsafe=False)
    assert done.text == text.replace('"a"', '"b"')
    assert done.fixed == 1
    assert done.note == "fixes undo each other (a fix cycle); stopped"


def test_write_refuses_what_is_not_a_regular_file(tree: Path) -> None:
    from mplint.fixing.files import write

    os.mkfifo(tree / "pipe.json")
    (tree / "dir.json").mkdir()
    assert write("pipe.json", b"", b"x", [str(tree)]) == "it is not a regular file; not written"
    assert write("dir.json", b"", b"x", [str(tree)]) == "it is not a regular file; not written"
    assert write("gone.json", b"", b"x", [str(tree)]) == "cannot write it: No such file or directory"
    (tree / "a.json").write_bytes(b"{}")
    assert write("a.json", b"{ }", b"x", [str(tree)]) == "the file changed while it was being fixed; not written"
    assert (tree / "a.json").read_bytes() == b"{}"


def test_diff_names_files_as_found_under_a_directory(tree: Path) -> None:
    (tree / "d").mkdir()
    (tree / "d/a.json").write_bytes(SCHEMA_ERRORS)
    r = run(".", "--diff")
    assert r.stdout.splitlines()[:2] == ["--- a/d/a.json", "+++ b/d/a.json"]


def test_json_format_keeps_the_contract_after_fixing(tree: Path) -> None:
    import json

    (tree / "a.json").write_bytes(SCHEMA_ERRORS)
    r = run("a.json", "--fix", "--format", "json")
    doc = json.loads(r.stdout)
    assert "MP301" not in [d["rule"] for d in doc["diagnostics"]]
    assert doc["summary"]["files"] == 1
    assert r.stderr == f"Fixed 4 problems in 1 file\n{UNSAFE_LEFT}"


def test_many_fixes_in_one_file(tree: Path) -> None:
    """Thousands of fixes of one list: applied in one round, each exactly."""
    types = ", ".join(['"ml.m5.xlarg"'] * 3000)
    data = SCHEMA_ERRORS.replace(b'["ml.m5.xlarg"]', f"[{types}]".encode())
    (tree / "a.json").write_bytes(data)
    r = run("a.json", "--fix", "-q")
    assert (tree / "a.json").read_bytes() == SCHEMA_FIXED.replace(b'["ml.m5.xlarge"]', f"[{types}]".encode()).replace(
        b'"ml.m5.xlarg"', b'"ml.m5.xlarge"'
    )
    assert r.stdout.endswith(f"Fixed 3003 problems in 1 file\n{UNSAFE_LEFT}")


def test_a_file_that_is_not_utf8_is_not_fixed(tree: Path) -> None:
    data = SCHEMA_ERRORS.decode().encode("utf-16")
    (tree / "a.json").write_bytes(data)
    r = run("a.json", "--fix")
    assert (tree / "a.json").read_bytes() == data
    assert "mplint: a.json: not fixed: only UTF-8 files are fixed\n" in r.stderr


def test_secrets_in_members_stay_out_of_the_diff(tree: Path) -> None:
    """consistency-containers.json holds credentials in Environment next to the line its fix edits:
    the diff leaves out the context lines that show them, and still applies with patch."""
    data = (REPO / "examples/broken/consistency-containers.json").read_bytes()
    (tree / "c.json").write_bytes(data)
    r = run("c.json", "--diff", "--unsafe-fixes")  # the ImageDigest fix (MP603) is unsafe
    assert r.exit_code == 1
    for secret in ("AKIAIOSFODNN7EXAMPLE", "rk_live_51HxExampleOnlyNotAKey"):
        assert data.count(secret.encode()) == 1
        assert secret not in r.stdout + r.stderr
    subprocess.run(["patch", "-p1", "-s"], input=r.stdout.encode(), cwd=tree, check=True)
    patched = (tree / "c.json").read_bytes()
    (tree / "c.json").write_bytes(data)
    run("c.json", "--fix", "--unsafe-fixes")
    assert (tree / "c.json").read_bytes() == patched != data


def test_unified_masks_a_secret_on_a_changed_line() -> None:
    from mplint.fixing.diff import unified

    before = 'A: 1\nB: "s3cr3t" # x\nC: 3\n'
    after = 'A: 1\nB: "s3cr3t" # y\nC: 3\n'
    expected = "--- a/f.yaml\n+++ b/f.yaml\n@@ -1,3 +1,3 @@\n A: 1\n-B: **** # x\n+B: **** # y\n C: 3\n"
    assert unified("f.yaml", before, after, {'"s3cr3t"'}) == expected


def test_the_text_report_says_how_many_findings_fix_would_fix(tmp_path):
    from click.testing import CliRunner

    from mplint.cli import cli

    (tmp_path / "a.json").write_text(
        '{"ModelPackageGroupName": "g", "ModelApprovalStatus": "Approve",\n "ModelPackageDescripton": "d"}\n'
    )
    runner = CliRunner()
    before = runner.invoke(cli, ["check", str(tmp_path / "a.json"), "--color", "never"])
    assert before.output.splitlines()[-1] == "[*] 2 fixable with --fix."
    # After --fix the report says what is left, and the fixer's own summary says the rest.
    after = runner.invoke(cli, ["check", str(tmp_path / "a.json"), "--fix", "--color", "never"])
    assert not any(line.startswith("[*]") for line in after.output.splitlines())
    assert "Fixed 2 problems in 1 file" in after.output
    clean = runner.invoke(cli, ["check", str(tmp_path / "a.json"), "--color", "never"])
    assert clean.output.splitlines()[-1].startswith(("All clear", "Found"))
