"""Configuration: discovery, validation errors with file and line, selection and overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from mplint.api import lint_paths
from mplint.diagnostics import Severity
from mplint.engine import config as config_mod
from mplint.engine.config import Config
from mplint.engine.selection import Selection
from mplint.errors import ConfigError
from mplint.findings import DuplicateKey, ParseError

# A valid request (examples/valid-unversioned.json) whose name is given twice, on lines 2 and 3.
_VALID = (Path(__file__).resolve().parents[1] / "examples" / "valid-unversioned.json").read_text()
DUP = _VALID.replace('"ModelPackageName": "churn-xgboost",', '"ModelPackageName": "a",\n  "ModelPackageName": "b",', 1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    config_mod.clear_cache()
    yield
    config_mod.clear_cache()


def _found(run):
    return [(Path(d.file).name, d.code, d.severity.label, d.span.line) for d in run.diagnostics]


def test_pyproject_section_is_found_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mplint]\nignore = ["MP003"]\n')
    sub = tmp_path / "specs" / "deep"
    sub.mkdir(parents=True)
    (sub / "a.json").write_text(DUP)
    assert _found(lint_paths([str(sub)])) == []


def test_pyproject_without_section_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text("severity:\n  MP003: warning\n")
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (sub / "a.json").write_text(DUP)
    assert _found(lint_paths([str(sub)])) == [("a.json", "MP003", "warning", 3)]


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text("ignore: [MP003]\n")
    other = tmp_path / "other.yaml"
    other.write_text("severity: {MP003: info}\n")
    (tmp_path / "a.json").write_text(DUP)
    run = lint_paths([str(tmp_path / "a.json")], config_file=str(other))
    assert _found(run) == [("a.json", "MP003", "info", 3)]


def test_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text('per-file-ignores:\n  "legacy/*.json": [MP003]\n')
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "a.json").write_text(DUP)
    (tmp_path / "b.json").write_text(DUP)
    assert _found(lint_paths([str(tmp_path)])) == [("b.json", "MP003", "error", 3)]


def test_exclude_and_include(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text("exclude: [generated/]\ninclude: ['*.req']\n")
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "a.json").write_text(DUP)
    (tmp_path / "x.req").write_text('{"Foo": 1,}')
    assert _found(lint_paths([str(tmp_path)])) == [("x.req", "MP001", "error", 1)]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("select: [MP1]\nignroe: [MP105]\n", "unknown configuration key 'ignroe'; did you mean 'ignore'?", 2),
        ("ignore: [XY12]\n", "'ignore': 'XY12' is not a rule code or prefix", 1),
        ("fail-on: sometimes\n", "'fail-on' must be one of error, warning, info, never", 1),
        ("severity:\n  MP105: loud\n", "unknown severity 'loud'", 2),
        ("profile: shop\n", "'profile' must be one of marketplace", 1),
    ],
    ids=["unknown-key", "bad-code", "bad-fail-on", "bad-severity", "bad-profile"],
)
def test_bad_config_names_file_and_line(tmp_path: Path, text: str, message: str, line: int) -> None:
    f = tmp_path / ".mplint.yaml"
    f.write_text(text)
    with pytest.raises(ConfigError) as err:
        config_mod.read(f)
    assert message in err.value.message
    assert (err.value.file, err.value.line) == (str(f), line)


def test_code_matching_no_rule_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text("ignore: [MP999]\n")
    (tmp_path / "a.json").write_text(DUP)
    with pytest.raises(ConfigError, match="MP999 matches no rule"):
        lint_paths([str(tmp_path)])


def test_toml_error_line(tmp_path: Path) -> None:
    f = tmp_path / "pyproject.toml"
    f.write_text('[tool.mplint]\nselect = ["MP1"]\nbogus = 1\n')
    with pytest.raises(ConfigError) as err:
        config_mod.read(f)
    assert err.value.line == 3


def test_selection_longest_prefix_wins() -> None:
    sel = Selection(select=("MP",), ignore=("MP0",))
    assert not sel.enabled(DuplicateKey)
    sel = Selection(select=("MP003",), ignore=("MP0",))
    assert sel.enabled(DuplicateKey) and not sel.enabled(ParseError)


def test_severity_override_longest_prefix() -> None:
    sel = Selection(severity=(("MP0", Severity.INFO), ("MP003", Severity.WARNING)))
    assert sel.severity_of("MP003", Severity.ERROR) is Severity.WARNING
    assert sel.severity_of("MP001", Severity.ERROR) is Severity.INFO


def test_unknown_rule_options_are_rejected() -> None:
    from mplint.api import engine_for

    with pytest.raises(ConfigError, match="names unknown rule 'no-such-rule'"):
        engine_for(Config(options={"no-such-rule": {"x": 1}}))


def test_rule_files_in_rules_dirs_are_not_checked_as_requests(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text("rules-dirs: [policy]\n")
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "team.yaml").write_text(
        "- code: MP901\n  name: group-name-set\n  severity: error\n"
        "  summary: The request names a model group\n  scope: ''\n"
        "  assert: ModelPackageGroupName\n  message: Set ModelPackageGroupName.\n"
        "  docs: {why: Registry only., fix: Add the group.}\n"
        "  examples:\n    valid: [{text: 'ModelPackageGroupName: g\\n'}]\n"
        "    invalid: [{text: 'ModelPackageName: n\\n', at: ''}]\n"
    )
    run = lint_paths([str(tmp_path)])
    assert [Path(f.file).name for f in run.files] == [".mplint.yaml"]  # skipped by the text test
    assert run.diagnostics == []


def test_pyproject_without_our_table_is_not_parsed(tmp_path: Path) -> None:
    """Naming the project mplint is not a [tool.mplint] table (and needs no TOML reader)."""
    f = tmp_path / "pyproject.toml"
    f.write_text('[project]\nname = "mplint-policies"\n[tool.other]\nx = 1\n')
    assert config_mod.read(f) is None
    f.write_text('[tool]\nmplint = {ignore = ["MP206"]}\n')
    assert config_mod.read(f).ignore == ("MP206",)


def test_a_hundred_may_run_unless_the_selection_turns_every_code_of_it_off() -> None:
    assert Selection().may_run("MP3")
    assert not Selection(ignore=("MP3",)).may_run("MP3")
    assert not Selection(select=("MP1",)).may_run("MP3")
    assert Selection(select=("MP1", "MP305")).may_run("MP3")  # one code of it selected
    assert Selection(select=("MP3",), ignore=("MP30",)).may_run("MP3")  # the rest of it runs
    assert not Selection(select=("MP",), ignore=("MP",)).may_run("MP3")


def _built(config: Config) -> set[str]:
    from mplint.api import engine_for

    return {rc.code[:3] for rc in engine_for(config).classes if rc.origin == "built-in"}


def test_only_the_hundreds_a_selection_can_run_are_built() -> None:
    assert _built(Config(select=("MP1",))) == {"MP0", "MP1"}
    assert _built(Config(select=("MP1",), ignore=("MP305",))) == {"MP0", "MP1", "MP3"}  # named: checked
    assert _built(Config(ignore=("MP1", "MP2", "MP3", "MP4", "MP5", "MP6", "MP7", "MP8"))) == {"MP0"}
    every = {f"MP{n}" for n in range(9)}
    # MP8 checks CloudFormation templates only: built when the first template comes.
    assert _built(Config()) == every - {"MP8"}
    assert _built(Config(ignore=("MP801",))) == every  # named: checked now
    # An option given by rule name needs every rule to find the name.
    assert _built(Config(select=("MP1",), options={"instance-type-not-allowed": {}})) == every


TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Package:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: churn
      ModelPackageStatus: Completed
"""


def test_a_hundred_of_one_request_flavour_is_built_when_such_a_request_comes() -> None:
    from mplint.api import engine_for, lint_text

    config = Config()
    engine = engine_for(config)
    lint_text(_VALID, "a.json", config=config)
    assert not any(rc.code.startswith("MP8") for rc in engine.classes)
    found = [(d.code, d.path, d.span.line) for d in lint_text(TEMPLATE, "t.yaml", config=config).diagnostics]
    assert found == [("MP222", "", 6), ("MP809", "ModelPackageStatus", 7)]
    assert {rc.code[:3] for rc in engine.classes if rc.origin == "built-in"} == {f"MP{n}" for n in range(9)}
    assert [type(r).code for r in engine.rules] == sorted(type(r).code for r in engine.rules)
    # The same findings as an engine that built every hundred at once (MP809 named).
    eager = Config(select=("MP", "MP809"))
    assert {rc.code[:3] for rc in engine_for(eager).classes if rc.origin == "built-in"} == {f"MP{n}" for n in range(9)}
    assert found == [(d.code, d.path, d.span.line) for d in lint_text(TEMPLATE, "t.yaml", config=eager).diagnostics]


def test_every_rule_of_a_flavoured_hundred_checks_only_that_flavour() -> None:
    from mplint.engine import registry

    for prefix, flavours in registry.FLAVOURED.items():
        rules = registry.builtin([prefix])
        assert rules and all(r.flavours is not None and r.flavours <= flavours for r in rules)


def test_a_selection_of_some_hundreds_gives_the_same_findings_as_the_whole_registry(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(DUP.replace('"churn-xgboost"', '"churn xgboost"'))
    full = _found(lint_paths([str(tmp_path)], overrides={"ignore": ("MP3", "MP4")}))
    assert full and not any(code.startswith(("MP3", "MP4")) for _, code, _, _ in full)
    config_mod.clear_cache()
    every = _found(lint_paths([str(tmp_path)]))
    assert full == [f for f in every if not f[1].startswith(("MP3", "MP4"))]


def test_a_code_of_a_hundred_not_built_is_still_checked(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(DUP)
    with pytest.raises(ConfigError, match="MP399 matches no rule"):
        lint_paths([str(tmp_path)], overrides={"select": ("MP1",), "ignore": ("MP399",)})
    config_mod.clear_cache()
    assert lint_paths([str(tmp_path)], overrides={"select": ("MP1",), "ignore": ("MP3",)}).files


def test_findings_of_a_hundred_not_built_are_not_kept() -> None:
    from mplint.api import engine_for
    from mplint.diagnostics import Diagnostic
    from mplint.model import Span

    engine = engine_for(Config(select=("MP1",)))
    stray = Diagnostic("MP305", "x", Severity.ERROR, "m", Span(1, 1, 1, 2), "")
    assert engine.finish([stray], "a.json") == []


@pytest.mark.parametrize(
    "path", ["a//b/", "./a", ".", "", "/x/./y", "//a/b", "///a", "a/../b", "..", "../x/", "a/\udcff/"]
)
def test_paths_are_written_posix_style_as_pathlib_writes_them(path: str) -> None:
    from pathlib import Path, PurePosixPath

    assert config_mod.posix_path(path) == PurePosixPath(*Path(path).parts).as_posix()


def test_a_config_given_as_a_relative_path_is_named_and_rooted_as_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cfg.yaml").write_text("select: [MP1]\nfail-on: bogus\n")
    with pytest.raises(ConfigError) as err:
        config_mod.read("./cfg.yaml")
    assert (err.value.file, err.value.line) == ("cfg.yaml", 2)
    (tmp_path / "cfg.yaml").write_text("select: [MP1]\n")
    assert config_mod.read("./cfg.yaml").root == "."


def test_the_pack_is_loaded_only_when_one_of_its_hundreds_can_run() -> None:
    from mplint.api import engine_for
    from mplint.engine import registry
    from mplint.engine.rule_files import pack_rules

    assert {r.code[:3] for r in pack_rules()} <= set(registry.PACK_HUNDREDS)

    def pack(config: Config) -> list[str]:
        return [rc.code for rc in engine_for(config).classes if rc.origin == "pack"]

    assert pack(Config(ignore=("MP4", "MP5"))) == []
    assert pack(Config(select=("MP1",))) == []
    every = sorted(r.code for r in pack_rules())
    assert pack(Config(ignore=("MP4",))) == every  # loaded: its MP5xx rules can run
    assert pack(Config()) == every


def test_a_rule_module_that_fails_to_import_is_an_error_naming_it(monkeypatch) -> None:
    import sys
    import types

    from mplint.engine import registry
    from mplint.errors import RuleFileError
    from mplint.findings import SOURCE_RULES

    fake = types.ModuleType("fake_mp0")
    fake.RULES = SOURCE_RULES  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_mp0", fake)
    monkeypatch.setattr(registry, "_modules", lambda: {"MP0": "fake_mp0", "MP1": "mplint.no_such_rules"})
    assert [r.code for r in registry.builtin(["MP0"])] == ["MP001", "MP002", "MP003", "MP004"]
    with pytest.raises(RuleFileError) as err:
        registry.builtin(["MP0", "MP1"])
    assert str(err.value) == (
        "the built-in rules MP1xx (mplint.no_such_rules) failed to import: No module named 'mplint.no_such_rules'"
    )
