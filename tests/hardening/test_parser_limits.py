"""Parser limits: hostile nesting ends in one finding at the spot, and the run goes on."""

from __future__ import annotations

from pathlib import Path

from running import mplint, strict

from mplint.sources import json_parser, yaml_builder
from tests import linting

DEEP_JSON = ("[" * 100_000 + "]" * 100_000).encode()
DEEP_YAML = "ModelPackageName: a\nX:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(600))
TOO_DEEP = "nested more than 100 levels deep; mplint does not analyse it"
BROKEN = '{"ModelPackageName": "churn_model", "CertifyForMarketplace": "yes"}\n'


def findings(data: bytes | str, name: str) -> list[tuple[str, str, int, int, str]]:
    return linting.findings(data, name, fields=(*linting.WHERE, "message"))


def test_limits_are_the_documented_ones() -> None:
    assert (json_parser.MAX_DEPTH, yaml_builder.MAX_DEPTH, yaml_builder.MAX_EXPANSION) == (100, 100, 100_000)


def test_deep_json_arrays_stop_at_the_101st_bracket() -> None:
    assert findings(DEEP_JSON, "deep.json") == [("MP001", "", 1, 101, TOO_DEEP)]


def test_deep_yaml_block_mappings_stop_at_the_101st_level() -> None:
    # Line 102 holds the 101st nested mapping's key, indented 2 x 100 spaces.
    assert findings(DEEP_YAML, "deep.yaml") == [("MP001", "", 102, 201, TOO_DEEP)]


def test_python_nested_brackets_are_a_finding_not_a_crash() -> None:
    text = "sm.create_model_package(ModelPackageName=" + "[" * 5000 + "]" * 5000 + ")\n"
    assert findings(text, "deep.py") == [("MP001", "", 1, 241, "Python syntax error: too many nested parentheses")]
    valid = "sm.create_model_package(ModelPackageName=" + "[" * 150 + "]" * 150 + ")\n"  # Python reads it
    assert findings(valid, "deep.py") == [("MP001", "", 1, 141, "too deeply nested to analyse (101 levels)")]


def test_python_long_plus_chain_is_a_finding_not_a_crash() -> None:
    text = "x = " + " + ".join(["'a'"] * 7000) + "\nsm.create_model_package(ModelPackageName=x)\n"
    assert findings(text, "chain.py") == [("MP001", "", 1, 6009, "too deeply nested to analyse (1001 levels)")]


def test_python_call_with_a_600_term_chain_is_still_linted() -> None:
    name = " + ".join(["'a'"] * 600)
    text = f"sm.create_model_package(ModelPackageName={name}, CertifyForMarketplace='yes')\n"
    assert [(c, p, line, col) for c, p, line, col, _ in findings(text, "call.py")] == [
        ("MP220", "", 1, 1),
        ("MP106", "ModelPackageName", 1, 42),
        ("MP102", "CertifyForMarketplace", 1, 3663),
    ]


def test_cli_reports_the_hazard_and_still_checks_the_other_files(tmp_path: Path) -> None:
    # A request (it names a member), so the walk does not skip it as a non-request file.
    (tmp_path / "a-deep.json").write_bytes(b'{"ModelPackageName": "a", "X": ' + DEEP_JSON + b"}")
    (tmp_path / "b-deep.yaml").write_text(DEEP_YAML, encoding="utf-8")
    (tmp_path / "c-broken.json").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "d-deep.py").write_text(
        "sm.create_model_package(ModelPackageName=" + "[" * 5000 + "]" * 5000 + ")\n", encoding="utf-8"
    )
    (tmp_path / "e-chain.py").write_text(
        "x = " + " + ".join(["'a'"] * 7000) + "\nsm.create_model_package(ModelPackageName=x)\n", encoding="utf-8"
    )
    ran = mplint("check", ".", "--format", "json", cwd=tmp_path)
    assert (ran.status, ran.stderr) == (1, "")
    got = [(d["file"], d["rule"], d["line"], d["column"]) for d in strict(ran.stdout)["diagnostics"]]
    assert got == [
        ("./a-deep.json", "MP001", 1, 131),  # the object is level 1: 99 arrays fit
        ("./b-deep.yaml", "MP001", 102, 201),
        ("./c-broken.json", "MP220", 1, 1),
        ("./c-broken.json", "MP105", 1, 28),
        ("./c-broken.json", "MP102", 1, 62),
        ("./d-deep.py", "MP001", 1, 241),
        ("./e-chain.py", "MP001", 1, 6009),
    ]
