"""Odd file names, special files, sizes, duplicates and the -o file (issue 12)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from running import mplint, strict

from mplint.api import lint_paths, lint_text
from mplint.cli import cli
from mplint.engine.config import Config, parse_settings

BROKEN = '{"ModelPackageGroupName": "g", "CertifyForMarketplace": "yes"}\n'
ONLY_102 = ("--select", "MP102")
# How each format writes the file name ``bad<0xff><ESC>.json`` found by walking ``.`` (SARIF
# percent-encodes the bytes of the name, so its URI is the file's).
ODD_NAME = {
    "text": "./bad\\xff\\x1b.json:1:57: MP102",
    "json": '"file": "./bad\\\\xff\\\\x1b.json"',
    "sarif": '"uri": "bad%FF%1B.json"',
    "github": "::error file=bad\\xff\\x1b.json,line=1,col=57,",
}


@pytest.fixture
def odd_name(tmp_path: Path) -> Path:
    """A directory holding a request whose file name has a byte that is not UTF-8."""
    folder = tmp_path / "repo"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xff\x1b.json"), "w", encoding="utf-8") as fh:
        fh.write(BROKEN)
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_file_name_that_is_not_utf8_prints_escaped_in_every_format(odd_name: Path, fmt: str) -> None:
    ran = mplint("check", ".", "--format", fmt, *ONLY_102, cwd=odd_name)  # stdout decoded strictly
    assert ran.status == 1
    assert ODD_NAME[fmt] in ran.stdout
    assert "\x1b" not in ran.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_file_name_that_is_not_utf8_can_be_written_with_o(odd_name: Path, fmt: str) -> None:
    ran = mplint("check", ".", "--format", fmt, "-o", "report.out", *ONLY_102, cwd=odd_name)
    assert (ran.status, ran.stdout, ran.stderr) == (1, "", "")
    assert ODD_NAME[fmt] in (odd_name / "report.out").read_bytes().decode("utf-8")


def test_the_json_report_of_an_odd_name_is_strict_utf8_json(odd_name: Path) -> None:
    ran = mplint("check", ".", "--format", "json", *ONLY_102, cwd=odd_name)
    assert [d["file"] for d in strict(ran.stdout)["diagnostics"]] == ["./bad\\xff\\x1b.json"]


def test_any_internal_error_is_mp002_of_that_file_and_the_others_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mplint import sources

    real = sources.load

    def load(text: str, name: str, kind: str):  # type: ignore[no-untyped-def]
        if name.endswith("a.json"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, name, kind)

    monkeypatch.setattr(sources, "load", load)
    (tmp_path / "a.json").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "b.json").write_text(BROKEN, encoding="utf-8")
    run = lint_paths([str(tmp_path / "a.json"), str(tmp_path / "b.json")], overrides={"select": ("MP102",)})
    found = [(os.path.basename(d.file), d.code, d.span.line, d.span.column) for d in run.diagnostics]
    assert found == [("a.json", "MP002", 1, 1), ("b.json", "MP102", 1, 57)]
    assert run.diagnostics[0].message.startswith(
        f"internal error while checking {tmp_path / 'a.json'}: RecursionError: maximum recursion depth exceeded ("
    )
    assert run.internal_error


def test_a_file_over_the_size_limit_is_one_mp001(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"ModelPackageGroupName": "' + "x" * 10_000_000 + '"}', encoding="utf-8")
    run = lint_paths([str(big)])
    assert [(d.code, d.span.line, d.span.column, d.message) for d in run.diagnostics] == [
        (
            "MP001",
            1,
            1,
            "the file is 10,000,029 bytes, over the 10,000,000-byte limit for request files; "
            "not checked (raise max-file-size in the config to check it)",
        )
    ]


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text("max-file-size: 1KB\nselect: [MP001, MP102]\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(BROKEN + " " * 1000, encoding="utf-8")
    (tmp_path / "b.json").write_text(BROKEN, encoding="utf-8")
    run = lint_paths([str(tmp_path)])
    assert [(os.path.basename(d.file), d.code) for d in run.diagnostics] == [("a.json", "MP001"), ("b.json", "MP102")]
    assert (
        lint_text("x" * 30, "c.json", config=Config(max_file_size=20))
        .diagnostics[0]
        .message.startswith("the file is 30 bytes, over the 20-byte limit")
    )


@pytest.mark.parametrize("value", ["ten", "-1", "true", "10 TB"])
def test_a_bad_size_limit_is_a_config_error_with_its_line(value: str) -> None:
    from mplint.errors import ConfigError

    text = f"select: [MP1]\nmax-file-size: {value}\n"
    import yaml

    with pytest.raises(ConfigError) as info:
        parse_settings(yaml.safe_load(text), ".mplint.yaml", text)
    assert (info.value.line, str(info.value).split(": ", 1)[-1]) == (
        2,
        "'max-file-size' must be a size in bytes, or with a unit like 10MB",
    )


@pytest.mark.parametrize("how", ["walked", "named"])
def test_a_fifo_is_skipped_with_a_note(tmp_path: Path, how: str) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "a.json").write_text(BROKEN, encoding="utf-8")
    args = ["."] if how == "walked" else ["pipe.json", "a.json"]
    ran = mplint("check", *args, "--format", "json", *ONLY_102, cwd=tmp_path, timeout=60)
    pipe = "./pipe.json" if how == "walked" else "pipe.json"
    assert (ran.status, ran.stderr) == (1, f"mplint: {pipe}: skipped: a FIFO, not a regular file\n")
    assert [d["file"] for d in strict(ran.stdout)["diagnostics"]] == ["./a.json" if how == "walked" else "a.json"]


@pytest.mark.parametrize("args", [("a.json", "a.json"), (".", "a.json"), ("a.json", "./a.json", ".")])
def test_a_file_given_twice_is_linted_once(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "a.json").write_text(BROKEN, encoding="utf-8")
    ran = mplint("check", *args, "--format", "json", *ONLY_102, cwd=tmp_path)
    doc = strict(ran.stdout)
    assert [d["rule"] for d in doc["diagnostics"]] == ["MP102"]
    assert doc["summary"]["files"] == 1


def test_an_output_file_that_is_an_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "victim.json").write_text(BROKEN, encoding="utf-8")
    ran = mplint("check", "victim.json", "-o", "./victim.json", cwd=tmp_path)
    assert ran.status == 2
    assert "the output file ./victim.json is one of the inputs; choose another -o path" in ran.stderr
    assert (tmp_path / "victim.json").read_text(encoding="utf-8") == BROKEN


def test_a_report_that_fails_to_render_leaves_the_previous_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mplint.reporters import json_report

    (tmp_path / "a.json").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "report.json").write_text("previous report", encoding="utf-8")

    def boom(run: object, color: bool = False) -> str:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(json_report, "render", boom)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "a.json", "--format", "json", "-o", "report.json"])
    assert isinstance(result.exception, RuntimeError)
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "report.json"]  # no temporary file left


def test_the_report_replaces_the_previous_one_with_ordinary_permissions(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "report.json").write_text("previous report", encoding="utf-8")
    ran = mplint("check", "a.json", "--format", "json", "-o", "report.json", *ONLY_102, cwd=tmp_path)
    assert ran.status == 1
    assert [d["rule"] for d in json.loads((tmp_path / "report.json").read_text())["diagnostics"]] == ["MP102"]
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_fifo_put_in_place_after_the_walk_is_a_read_failure_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mplint.engine import discovery as walk

    os.mkfifo(tmp_path / "late.json")
    monkeypatch.setattr(walk, "_regular", lambda path, notes: True)  # the walk saw a regular file
    run = lint_paths([str(tmp_path / "late.json")])
    assert [(d.code, d.message) for d in run.diagnostics] == [("MP001", "cannot read the file: not a regular file")]
