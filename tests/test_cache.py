"""The result cache: reused only when nothing a finding depends on changed; never a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from mplint.api import lint_paths
from mplint.cli import cli
from mplint.engine import cache as cache_mod
from mplint.engine import config as config_mod
from tests.linting import rows

REPO = Path(__file__).resolve().parents[1]
BROKEN = (REPO / "examples" / "broken" / "schema-errors.json").read_text()
SECRET = (REPO / "examples" / "broken" / "secrets-in-environment.yaml").read_text()
RULE = (
    "- code: MP901\n  name: group-name-set\n  severity: {severity}\n"
    "  summary: The request names a model group\n  scope: ''\n"
    "  assert: ModelPackageGroupName\n  message: Set ModelPackageGroupName.\n"
    "  docs: {{why: Registry only., fix: Add the group.}}\n"
    "  examples:\n    valid: [{{text: 'ModelPackageGroupName: g\\n'}}]\n"
    "    invalid: [{{text: 'ModelPackageName: n\\n', at: ''}}]\n"
)


@pytest.fixture(autouse=True)
def _fresh(monkeypatch, tmp_path):
    config_mod.clear_cache()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.json").write_text(BROKEN)
    (tmp_path / "specs" / "s.yaml").write_text(SECRET)
    yield
    config_mod.clear_cache()


def found(run) -> list[tuple]:
    return rows(run.diagnostics, ("file", "code", "level", "span", "path", "message", "fix"))


def cached_run(directory: str = ".mplint_cache", **kw):
    store = {}

    class Spy(cache_mod.Cache):
        def __init__(self, d):
            super().__init__(d)
            store["cache"] = self

    original = cache_mod.Cache
    cache_mod.Cache = Spy
    try:
        run = lint_paths(["specs"], cache_dir=directory, **kw)
    finally:
        cache_mod.Cache = original
    config_mod.clear_cache()
    return run, (store["cache"].hits, store["cache"].misses)


def test_second_run_reads_every_result_back_exactly():
    first, counts = cached_run()
    assert counts == (0, 2)
    again, counts = cached_run()
    assert counts == (2, 0)
    assert found(again) == found(first) and len(found(first)) > 4
    # Excerpts mask the same secret spans, and the text reporter prints the same report.
    from mplint.reporters.text import render

    assert render(again, False) == render(first, False)
    assert [f.redactions for f in again.files] == [f.redactions for f in first.files]
    assert any(f.redactions for f in first.files)


def test_the_cache_directory_ignores_itself(tmp_path):
    cached_run()
    assert (tmp_path / ".mplint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    leftovers = [p.name for p in (tmp_path / ".mplint_cache").rglob(".tmp-*")]
    assert leftovers == []


def test_a_changed_file_config_or_rule_file_is_checked_again(tmp_path):
    cached_run()
    (tmp_path / "specs" / "a.json").write_text(BROKEN.replace("churn_model_v2", "churn_model_v3"))
    run, counts = cached_run()
    assert counts == (1, 1)
    assert any("churn_model_v3" in d.message for d in run.diagnostics)
    (tmp_path / ".mplint.yaml").write_text("severity: {MP105: info}\n")
    run, counts = cached_run()
    assert counts == (0, 2)
    assert {d.severity.label for d in run.diagnostics if d.code == "MP105"} == {"info"}
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "team.yaml").write_text(RULE.format(severity="warning"))
    (tmp_path / ".mplint.yaml").write_text("severity: {MP105: info}\nrules-dirs: [policy]\n")
    cached_run()
    (tmp_path / "policy" / "team.yaml").write_text(RULE.format(severity="error"))
    run, counts = cached_run()
    assert counts == (0, 2)
    assert [d.severity.label for d in run.diagnostics if d.code == "MP901"] == ["error"]


def test_a_new_mplint_is_never_served_old_results(monkeypatch):
    cached_run()
    monkeypatch.setattr(cache_mod, "__version__", "9.9.9")
    assert cached_run()[1] == (0, 2)
    monkeypatch.setattr(cache_mod, "_code_fingerprint", lambda: "edited")
    assert cached_run()[1] == (0, 2)


def test_command_line_options_are_part_of_the_key():
    cached_run()
    run, counts = cached_run(overrides={"ignore": ("MP105",)})
    assert counts == (0, 2)
    assert "MP105" not in [d.code for d in run.diagnostics]


def results_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(f"results-{cache_mod.FORMAT}-*.json"))


def all_entries(directory: Path) -> dict:
    out = {}
    for f in results_files(directory):
        out.update(json.loads(f.read_text())["entries"])
    return out


@pytest.mark.parametrize(
    "garbage", [b"", b"{", b"[]", b'"x"', b'{"format": 1}', b'{"format": 1, "entries": []}', b"\xff\xfe", b"[" * 100000]
)
def test_a_corrupt_cache_file_is_ignored_and_rewritten(tmp_path, garbage):
    first, _ = cached_run()
    for f in results_files(tmp_path / ".mplint_cache"):
        f.write_bytes(garbage)
    again, counts = cached_run()
    assert counts == (0, 2)
    assert found(again) == found(first)
    assert cached_run()[1] == (2, 0)


@pytest.mark.parametrize(
    "entry",
    [
        None,
        1,
        [],
        {},
        {"requests": 1, "skipped": False, "masks": [], "diagnostics": [[1]]},
        {
            "requests": 1,
            "skipped": False,
            "masks": [],
            "diagnostics": [["MP105", "n", 3, "m", ["a", 1, 1, 2], "", "", None, None, None]],
        },
        {"requests": 1, "skipped": False, "masks": [[None, [1, 2]]], "diagnostics": []},
    ],
)
def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path, entry):
    first, _ = cached_run()
    for f in results_files(tmp_path / ".mplint_cache"):
        doc = json.loads(f.read_text())
        doc["entries"] = dict.fromkeys(doc["entries"], entry)
        f.write_text(json.dumps(doc))
    again, counts = cached_run()
    assert counts == (0, 2)
    assert found(again) == found(first)
    assert cached_run()[1] == (2, 0)


def test_runs_at_once_keep_complete_files(tmp_path):
    """Two caches open at once: each writes a complete file; the entries of both survive when
    the second merges what the first wrote."""
    from mplint.engine.cache import Cache

    a, b = Cache(".mplint_cache"), Cache(".mplint_cache")
    from mplint.engine.config import Config

    cfg = Config()
    a.lint(BROKEN.encode(), "x.json", cfg, False, False)
    b.lint(SECRET.encode(), "y.yaml", cfg, False, False)
    a.finish()
    b.finish()
    assert len(all_entries(tmp_path / ".mplint_cache")) == 2
    assert [p.name for p in (tmp_path / ".mplint_cache").iterdir() if p.name.startswith(".tmp-")] == []


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path):
    (tmp_path / "blocked").write_text("a file where the directory would be")
    run, counts = cached_run("blocked")
    assert counts == (0, 2) and run.diagnostics


def test_cli_uses_the_cache_unless_told_not_to(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLINT_CACHE_DIR", str(tmp_path / "c"))
    first = CliRunner().invoke(cli, ["check", "specs", "--format", "json"])
    assert len(all_entries(tmp_path / "c")) == 2
    second = CliRunner().invoke(cli, ["check", "specs", "--format", "json"])
    assert (second.exit_code, json.loads(second.output)) == (first.exit_code, json.loads(first.output))
    monkeypatch.setenv("MPLINT_CACHE_DIR", str(tmp_path / "none"))
    CliRunner().invoke(cli, ["check", "specs", "--no-cache"])
    assert not os.path.exists(tmp_path / "none")


def test_notebook_findings_keep_their_cell_and_file_position(tmp_path):
    (tmp_path / "specs" / "nb.ipynb").write_bytes((REPO / "examples" / "notebooks" / "broken.ipynb").read_bytes())
    first, _ = cached_run()
    again, counts = cached_run()
    assert counts == (3, 0)
    nb = [(d.cell, d.span, d.file_span) for d in first.diagnostics if d.file.endswith(".ipynb")]
    assert nb and all(cell is not None and where is not None for cell, _, where in nb)
    assert [(d.cell, d.span, d.file_span) for d in again.diagnostics if d.file.endswith(".ipynb")] == nb
    from mplint.reporters.text import render

    assert render(again, False) == render(first, False)
