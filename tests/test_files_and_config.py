"""Which files are checked, and with which configuration: gitignore-style globs, .gitignore,
--exclude/--extend-exclude/--force-exclude, extend, --show-files/--show-settings, named files,
and the exit status from the configuration each file was checked with."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mplint.api import lint_paths
from mplint.engine import config as config_mod
from mplint.errors import ConfigError
from tests import linting

REPO = Path(__file__).resolve().parents[1]
VALID = (REPO / "examples" / "valid-unversioned.json").read_text()
# A request whose only finding is MP105 (a warning when the config says so), on line 1.
BAD_GROUP = '{"ModelPackageGroupName": "churn models", "InferenceSpecification": {"Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1"}], "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}\n'


@pytest.fixture(autouse=True)
def _fresh(monkeypatch, tmp_path):
    config_mod.clear_cache()
    monkeypatch.chdir(tmp_path)
    yield
    config_mod.clear_cache()


def run_cli(*args: str):
    return linting.invoke("check", "--no-cache", *args, catch_exceptions=False)


def checked(run) -> list[str]:
    return sorted(f.file for f in run.files if not f.skipped)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# --- exit status from the configuration used ------------------------------------------------


def test_fail_on_of_a_config_given_with_config_sets_the_exit_status(tmp_path):
    write(tmp_path / "specs" / "a.json", BAD_GROUP)
    write(tmp_path / "ci" / "mplint.yaml", "fail-on: never\n")
    codes = [d["rule"] for d in json.loads(run_cli("specs", "--format", "json").output)["diagnostics"]]
    assert "MP105" in codes
    assert run_cli("specs", "-q").exit_code == 1
    assert run_cli("specs", "-q", "--config", "ci/mplint.yaml").exit_code == 0


def test_severity_of_a_config_given_with_config_sets_the_exit_status(tmp_path):
    write(tmp_path / "specs" / "a.json", BAD_GROUP)
    write(tmp_path / "ci" / "mplint.yaml", "severity: {MP1: info, MP2: info, MP6: info}\nfail-on: warning\n")
    write(tmp_path / "ci" / "strict.yaml", "fail-on: info\nseverity: {MP1: info, MP2: info, MP6: info}\n")
    assert run_cli("specs", "-q", "--config", "ci/mplint.yaml").exit_code == 0
    assert run_cli("specs", "-q", "--config", "ci/strict.yaml").exit_code == 1


def test_each_file_is_judged_by_its_own_config_and_the_command_line_wins(tmp_path):
    write(tmp_path / "lenient" / ".mplint.yaml", "fail-on: never\n")
    write(tmp_path / "lenient" / "a.json", BAD_GROUP)
    write(tmp_path / "strict" / "b.json", BAD_GROUP)
    assert run_cli("lenient", "-q").exit_code == 0
    assert run_cli("lenient", "strict", "-q").exit_code == 1
    assert run_cli("strict", "-q", "--fail-on", "never").exit_code == 0
    assert run_cli("strict", "-q", "--exit-zero").exit_code == 0


# --- files named on the command line --------------------------------------------------------


def test_named_files_without_a_request_give_no_finding(tmp_path):
    write(tmp_path / "tsconfig.json", '{\n  // comment\n  "compilerOptions": {"strict": true}\n}\n')
    write(tmp_path / "mkdocs.yml", "site_name: x\nplugins:\n  - x: !!python/name:material.emoji\n")
    write(tmp_path / "chart" / "templates" / "deploy.yaml", "{{- if .Values.on }}\nkind: Deployment\n{{- end }}\n")
    result = run_cli("tsconfig.json", "mkdocs.yml", "chart/templates/deploy.yaml")
    assert (result.exit_code, result.output) == (0, "All clear: no problems in 0 files (3 skipped, 0 requests).\n")


def test_a_named_file_of_another_kind_is_skipped_with_a_note(tmp_path):
    write(tmp_path / "README.md", "# Requests\nModelPackageName: x\n\n* a list, which YAML cannot read\n")
    run = lint_paths(["README.md"])
    assert (run.files, run.diagnostics) == ([], [])
    assert run.notes == ["README.md: skipped: not a JSON, YAML, CloudFormation, Python or notebook file"]


def test_include_still_forces_a_named_file(tmp_path):
    write(tmp_path / ".mplint.yaml", "include: ['*.req']\n")
    write(tmp_path / "x.req", '{"Foo": 1,}')
    write(tmp_path / "y.json", '{"Foo": 1,}')
    run = lint_paths(["x.req", "y.json"])
    assert [(d.file, d.code, d.span.line) for d in run.diagnostics] == [("x.req", "MP001", 1)]


# --- globs with .gitignore semantics ----------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "excluded"),
    [
        ("**/broken/*.json", ["broken/a.json", "x/broken/a.json"]),
        ("broken/*.json", ["broken/a.json"]),  # anchored: a slash inside the glob
        ("broken/", ["broken/a.json", "broken/sub/c.json", "x/broken/a.json"]),  # a directory anywhere
        ("*.json", ["a.json", "broken/a.json", "broken/sub/c.json", "x/broken/a.json"]),
        ("/a.json", ["a.json"]),
    ],
)
def test_exclude_globs_follow_gitignore(tmp_path, glob, excluded):
    files = ["a.json", "broken/a.json", "broken/sub/c.json", "x/broken/a.json"]
    for f in files:
        write(tmp_path / f, VALID)
    write(tmp_path / ".mplint.yaml", f"exclude: ['{glob}']\n")
    assert checked(lint_paths(["."])) == sorted(f"./{f}" for f in files if f not in excluded)


def test_per_file_ignores_and_a_reinclude(tmp_path):
    dup = VALID.replace(
        '"ModelPackageName": "churn-xgboost",', '"ModelPackageName": "a",\n  "ModelPackageName": "b",', 1
    )
    for f in ("broken/a.json", "broken/keep.json", "x/broken/b.json"):
        write(tmp_path / f, dup)
    write(
        tmp_path / ".mplint.yaml",
        "per-file-ignores:\n  '**/broken/*.json': [MP003]\n  'broken/keep.json': []\nexclude: ['x/', '!x/broken/']\n",
    )
    found = [(d.file, d.code, d.span.line) for d in lint_paths(["."]).diagnostics]
    assert found == []
    write(tmp_path / ".mplint.yaml", "per-file-ignores:\n  'broken/*.json': [MP003]\n")
    config_mod.clear_cache()
    found = [(d.file, d.code, d.span.line) for d in lint_paths(["."]).diagnostics]
    assert found == [("./x/broken/b.json", "MP003", 3)]


# --- .gitignore -------------------------------------------------------------------------------


def git_tree(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "build/\n*.gen.json\n!keep.gen.json\n")
    write(tmp_path / "sub" / ".gitignore", "local.json\n")
    write(tmp_path / ".git" / "info" / "exclude", "scratch/\n")
    for f in (
        "a.json",
        "build/b.json",
        "x.gen.json",
        "keep.gen.json",
        "sub/local.json",
        "sub/c.json",
        "scratch/d.json",
    ):
        write(tmp_path / f, VALID)


def test_gitignore_and_info_exclude_are_respected_when_walking(tmp_path):
    git_tree(tmp_path)
    assert checked(lint_paths(["."])) == ["./a.json", "./keep.gen.json", "./sub/c.json"]
    assert checked(lint_paths(["sub"])) == ["sub/c.json"]  # the root's .gitignore still counts


def test_no_respect_gitignore_and_named_files(tmp_path):
    git_tree(tmp_path)
    everything = [
        "./a.json",
        "./build/b.json",
        "./keep.gen.json",
        "./scratch/d.json",
        "./sub/c.json",
        "./sub/local.json",
        "./x.gen.json",
    ]
    assert checked(lint_paths(["."], overrides={"respect_gitignore": False})) == everything
    # A file or directory named explicitly is checked even when ignored.
    assert checked(lint_paths(["build/b.json"])) == ["build/b.json"]
    assert checked(lint_paths(["build"])) == ["build/b.json"]


# --- --exclude, --extend-exclude, --force-exclude ---------------------------------------------


def test_exclude_options(tmp_path):
    for f in ("a.json", "gen/b.json", "old/c.json"):
        write(tmp_path / f, BAD_GROUP)
    write(tmp_path / ".mplint.yaml", "exclude: [old/]\n")
    files = lambda r: sorted({json.loads(r.output) and d["file"] for d in json.loads(r.output)["diagnostics"]})  # noqa: E731
    assert files(run_cli(".", "--format", "json")) == ["./a.json", "./gen/b.json"]
    assert files(run_cli(".", "--format", "json", "--extend-exclude", "gen/")) == ["./a.json"]
    assert files(run_cli(".", "--format", "json", "--exclude", "gen/")) == ["./a.json", "./old/c.json"]
    # Named explicitly (as pre-commit does), exclude applies only with --force-exclude.
    assert files(run_cli("old/c.json", "a.json", "--format", "json")) == ["a.json", "old/c.json"]
    assert files(run_cli("old/c.json", "a.json", "--format", "json", "--force-exclude")) == ["a.json"]


# --- extend -----------------------------------------------------------------------------------


def test_a_nested_config_extends_the_root_one(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.mplint]\nprofile = "marketplace"\nexclude = ["/legacy/"]\n'
        '[tool.mplint.options.naming-policy]\nmodel-package-group-name = "^team-"\n',
    )
    write(tmp_path / "team" / ".mplint.yaml", 'extend: "../pyproject.toml"\nignore: [MP206]\n')
    write(tmp_path / "team" / "a.json", BAD_GROUP)
    write(tmp_path / "team" / "legacy" / "b.json", BAD_GROUP)  # not under the root's legacy/
    write(tmp_path / "legacy" / "c.json", BAD_GROUP)
    cfg = config_mod.discover(tmp_path / "team")
    assert (cfg.profile, cfg.ignore, cfg.exclude) == ("marketplace", ("MP206",), ("/legacy/",))
    assert cfg.options == {"naming-policy": {"model-package-group-name": "^team-"}}
    run = lint_paths(["."])
    assert checked(run) == ["./team/a.json", "./team/legacy/b.json"]
    assert ("./team/a.json", "MP210") in [(d.file, d.code) for d in run.diagnostics]
    origins = dict(cfg.origins)
    assert origins["profile"] == f"{tmp_path / 'pyproject.toml'}:2"
    assert origins["ignore"] == f"{tmp_path / 'team' / '.mplint.yaml'}:2"


def test_extend_cycles_and_missing_files_are_errors_with_a_line(tmp_path):
    write(tmp_path / "a.yaml", "ignore: [MP206]\nextend: b.yaml\n")
    write(tmp_path / "b.yaml", "extend: a.yaml\n")
    with pytest.raises(ConfigError) as err:
        config_mod.read(tmp_path / "a.yaml")
    assert "a cycle" in err.value.message and err.value.line == 1 and err.value.file.endswith("b.yaml")
    write(tmp_path / "c.yaml", "\nextend: nowhere.yaml\n")
    with pytest.raises(ConfigError) as err:
        config_mod.read(tmp_path / "c.yaml")
    assert (err.value.message, err.value.line) == ("'extend': no config file 'nowhere.yaml'", 2)


# --- config errors name the file and the line -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message", "line"),
    [
        (".mplint.yaml", "select:\n  - MP1\n  - XY12\n", "'select': 'XY12' is not a rule code", 3),
        (".mplint.yaml", "fail-on: error\nseverity: {MP105: warning, MP106: loud}\n", "unknown severity 'loud'", 2),
        (".mplint.yaml", "\n\nrespect-gitignore: maybe\n", "'respect-gitignore' must be true or false", 3),
        (".mplint.yaml", "- just\n- a list\n", "the mplint settings must be a mapping", 1),
        ("pyproject.toml", '[tool.mplint]\nignore = [\n  "MP206",\n  "bad",\n]\n', "'BAD' is not a rule code", 4),
        ("pyproject.toml", '[tool.mplint]\nselect = ["MP1" x\nfoo = 1\n', "invalid TOML", 2),
        ("pyproject.toml", '[tool.mplint]\nselect = ["MP1"\n', "invalid TOML", 2),  # at the end
        ("pyproject.toml", '[tool.mplint]\n[tool.mplint.severity]\nMP105 = "loud"\n', "unknown severity 'loud'", 3),
    ],
)
def test_config_errors_have_a_line(tmp_path, name, text, message, line):
    f = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as err:
        config_mod.read(f)
    assert message in err.value.message
    assert (err.value.file, err.value.line) == (str(f), line)


def test_a_code_matching_no_rule_names_its_line(tmp_path):
    write(tmp_path / ".mplint.yaml", "select: [MP]\nignore:\n  - MP206\n  - MP999\n")
    write(tmp_path / "a.json", VALID)
    result = run_cli("a.json")
    assert result.exit_code == 2
    assert f"{tmp_path / '.mplint.yaml'}:4: MP999 matches no rule" in result.output


# --- --show-files and --show-settings ---------------------------------------------------------


def test_show_files_tells_what_is_checked_and_why_the_rest_is_not(tmp_path):
    git_tree(tmp_path)
    write(tmp_path / "package.json", '{"name": "x"}\n')
    write(tmp_path / ".mplint.yaml", "include: ['*.req']\nexclude: ['sub/c.json']\n")
    write(tmp_path / "r.req", "anything\n")
    write(tmp_path / "README.md", "# Requests\n")
    result = run_cli(".", "README.md", "--show-files")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "./.git/: skipped: hidden, dependency or virtualenv directory",
        "./.mplint.yaml: skipped: names no CreateModelPackage member (the text test)",
        "./a.json: checked as json",
        "./build/: skipped: ignored by .gitignore",
        "./keep.gen.json: checked as json",
        "./package.json: skipped: names no CreateModelPackage member (the text test)",
        "./r.req: checked as yaml (matched by include)",
        "./scratch/: skipped: ignored by .gitignore",
        "./sub/c.json: skipped: excluded by the configuration",
        "./sub/local.json: skipped: ignored by .gitignore",
        "./x.gen.json: skipped: ignored by .gitignore",
        "README.md: skipped: not a JSON, YAML, CloudFormation, Python or notebook file",
    ]


def test_show_settings_says_where_each_value_comes_from(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.mplint]\nfail-on = "error"\n')
    write(tmp_path / "team" / ".mplint.yaml", "extend: ../pyproject.toml\nignore: [MP206]\n")
    result = run_cli("team", "--show-settings", "--select", "MP1,MP2")
    lines = result.output.splitlines()
    assert lines[:3] == [
        "Settings for team",
        f"  config file: {tmp_path / 'team' / '.mplint.yaml'}",
        f"  globs are relative to: {tmp_path / 'team'}",
    ]
    assert "  select            = [MP1, MP2]    # command line" in lines
    assert f"  ignore            = [MP206]    # {tmp_path / 'team' / '.mplint.yaml'}:2" in lines
    assert f"  fail-on           = error    # {tmp_path / 'pyproject.toml'}:2" in lines
    assert "  profile           = (not set)    # default" in lines


# --- hostile input ----------------------------------------------------------------------------


def test_odd_gitignore_files_never_stop_a_walk(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    slow = "*a*a*a*a*b"
    (tmp_path / ".gitignore").write_bytes(
        b"\\\n!\n\xff\xfe bad bytes\n" + slow.encode() + b"\nbuild/\n" + b"# comment\n" + b"x" * 100000 + b"\n"
    )
    write(tmp_path / "sub" / ".gitignore" / "not-a-file.json", VALID)  # a directory named .gitignore
    write(tmp_path / "a.json", VALID)
    write(tmp_path / "build" / "b.json", VALID)
    write(tmp_path / ("a" * 200 + ".json"), VALID)  # would take seconds against the slow pattern
    run = lint_paths(["."])
    assert checked(run) == ["./a.json", "./" + "a" * 200 + ".json"]  # .gitignore/ is a hidden directory
    assert run.notes == [
        ".gitignore:4: pattern passed over: more than 2 '*' in one path "
        f"segment ('{slow}') cannot be matched in reasonable time"
    ]


@pytest.mark.slow
def test_a_very_long_gitignore_is_read_up_to_its_limit(tmp_path):
    from mplint.engine import discovery as walk_mod

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    lines = [f"gen{i}/" for i in range(walk_mod.MAX_GITIGNORE_LINES)] + ["late.json"]
    write(tmp_path / ".gitignore", "\n".join(lines) + "\n")
    write(tmp_path / "late.json", VALID)
    write(tmp_path / "gen7" / "x.json", VALID)
    run = lint_paths(["."])
    assert checked(run) == ["./late.json"]
    assert run.notes == [f".gitignore: only the first {walk_mod.MAX_GITIGNORE_LINES} lines are read"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("exclude:\n  - ok/\n  - '*a*a*a*b'\n", 3, "more than 2 '*' in one path segment"),
        ("per-file-ignores:\n  '!': [MP1]\n", 2, "not a valid glob"),
        ("include: ['\\']\n", 1, "not a valid glob"),
    ],
)
def test_globs_that_cannot_be_matched_safely_are_config_errors(tmp_path, text, line, message):
    f = write(tmp_path / ".mplint.yaml", text)
    with pytest.raises(ConfigError) as err:
        config_mod.read(f)
    assert message in err.value.message
    assert (err.value.file, err.value.line) == (str(f), line)


def test_a_slow_command_line_glob_is_a_usage_error(tmp_path):
    write(tmp_path / "a.json", VALID)
    result = run_cli(".", "--exclude", "*x*x*x*y")
    assert result.exit_code == 2 and "more than 2 '*' in one path segment" in result.output


def test_a_long_extend_chain_is_an_error(tmp_path):
    for i in range(config_mod.MAX_EXTEND_DEPTH + 2):
        write(tmp_path / f"c{i}.yaml", f"extend: c{i + 1}.yaml\n")
    write(tmp_path / f"c{config_mod.MAX_EXTEND_DEPTH + 2}.yaml", "ignore: [MP206]\n")
    with pytest.raises(ConfigError) as err:
        config_mod.read(tmp_path / "c0.yaml")
    assert err.value.line == 1 and "extends itself" in err.value.message


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("ignore: [MP206]\nrules-dirs:\n  - policies/\n", "rules-dirs: 'policies/' does not exist", 3),
        ("ignore: [MP206]\noptions:\n  no-such-rule: {x: 1}\n", "'options' names unknown rule 'no-such-rule'", 3),
        ("options:\n  naming-policy:\n    model-package-group-nam: x\n", "unknown option 'model-package-group-nam'", 2),
    ],
)
def test_errors_found_when_rules_load_name_the_line(tmp_path, text, message, line):
    write(tmp_path / ".mplint.yaml", text)
    write(tmp_path / "a.json", VALID)
    result = run_cli("a.json")
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert first.startswith(f"mplint: error: {tmp_path / '.mplint.yaml'}:{line}: ") and message in first, first


def test_a_config_that_is_not_utf8_names_the_line(tmp_path):
    f = tmp_path / ".mplint.yaml"
    f.write_bytes(b"ignore: [MP206]\nfail-on: \xff\n")
    with pytest.raises(ConfigError) as err:
        config_mod.read(f)
    assert (err.value.line, err.value.message) == (2, "cannot read config: not UTF-8 (invalid start byte at byte 25)")
