"""Declarative rule files: format errors, evaluation, unknown values, profiles and the pack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mplint.cli import cli
from mplint.engine import registry
from mplint.engine.config import Config
from mplint.engine.registry import rule_classes as load_all
from mplint.engine.rule_files import load_file, pack_rules
from mplint.errors import RuleFileError
from mplint.model import Kind, Node, Request, Span
from mplint.rules import declarative
from mplint.rules.declarative import Expression
from tests.linting import lint

FIXTURES = Path(__file__).parent / "fixtures" / "rulefiles"
ROOT = Path(__file__).parent.parent
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
_AT = Span(1, 1, 1, 2)
UNKNOWN_VALUE = object()


def tree(value: Any, path: str = "", open_object: bool = False) -> Node:
    """Build a Node tree by hand; ``UNKNOWN_VALUE`` becomes an UNKNOWN node."""
    from mplint import paths

    if value is UNKNOWN_VALUE:
        return Node(Kind.UNKNOWN, None, _AT, path)
    if isinstance(value, dict):
        members = {k: tree(v, paths.member(path, k)) for k, v in value.items()}
        return Node(Kind.OBJECT, members, _AT, path, open=open_object)
    if isinstance(value, list):
        return Node(Kind.ARRAY, [tree(v, paths.index(path, i)) for i, v in enumerate(value)], _AT, path)
    kind = {str: Kind.STRING, bool: Kind.BOOL, type(None): Kind.NULL}.get(type(value), Kind.NUMBER)
    return Node(kind, value, _AT, path)


def rule(code: str) -> type:
    found = registry.find(registry.rule_classes(Config()), code)
    assert found is not None, code
    return found


BAD_FILES = [
    pytest.param("bad-yaml.yaml", 9, "invalid YAML", id="bad-yaml"),
    pytest.param("bad-jmespath.yaml", 6, "bad JMESPath in 'assert'", id="bad-jmespath"),
    pytest.param("missing-key.yaml", 1, "rule is missing 'message'", id="missing-key"),
    pytest.param("unknown-key.yaml", 6, "unknown key 'reportat'; did you mean 'report-at'?", id="unknown-key"),
    pytest.param("bad-severity.yaml", 3, "unknown severity 'fatal'", id="bad-severity"),
    pytest.param("bad-code.yaml", 1, "code 'ORG-1' must be MP followed by three digits", id="bad-code"),
    pytest.param(
        "duplicate-code.yaml", 13, "rule code MP960 (other-rule) is already used by sample-rule", id="duplicate-code"
    ),
    pytest.param(
        "builtin-code.yaml", 1, "rule code MP101 (sample-rule) is already used by unknown-member", id="builtin-code"
    ),
    pytest.param("bad-scope.yaml", 5, "'A..B' is not a member path", id="bad-scope"),
    pytest.param("example-without-at.yaml", 9, "each invalid example names 'at'", id="example-without-at"),
]


@pytest.mark.parametrize(("name", "line", "message"), BAD_FILES)
def test_bad_rule_file_names_file_and_line(name: str, line: int, message: str) -> None:
    path = str(FIXTURES / "bad" / name)
    with pytest.raises(RuleFileError) as err:
        load_all(Config(rules_dirs=(path,)))
    assert (err.value.file, err.value.line) == (path, line)
    assert message in err.value.message


def test_missing_rules_dir_is_an_error() -> None:
    with pytest.raises(RuleFileError, match="rules-dirs: 'nowhere' does not exist"):
        load_all(Config(rules_dirs=("nowhere",), root=str(FIXTURES)))


def test_rules_dirs_resolve_against_the_config_root_and_keep_their_origin() -> None:
    config = Config(rules_dirs=("good",), root=str(FIXTURES), select=("MP95",))
    rules = {r.code: r for r in load_all(config)}
    assert sorted(c for c in rules if c.startswith("MP95")) == ["MP950", "MP951"]
    assert rules["MP950"].origin.endswith(os.path.join("rulefiles", "good", "team.yaml"))
    text = """
        ModelPackageDescription: churn model
        InferenceSpecification:
          Containers:
            - {Image: a, ContainerHostname: a}
            - Image: b
        """
    assert lint(text, rules_dirs=("good",), root=str(FIXTURES), select=("MP95",)) == [
        ("MP950", "ModelPackageDescription", 1, 26),
        ("MP951", "InferenceSpecification.Containers[1]", 5, 7),
    ]


def test_org_rule_examples_run() -> None:
    for cls in load_file(str(FIXTURES / "good" / "team.yaml")):
        config = Config(rules_dirs=("good",), root=str(FIXTURES), select=(cls.code,))
        for case in cls.INVALID:
            found = [
                (c, p)
                for c, p, *_ in lint(case.text, rules_dirs=config.rules_dirs, root=config.root, select=config.select)
            ]
            assert found == [(cls.code, case.at)]


# -- evaluation -------------------------------------------------------------------------------

EXPRESSIONS = [
    ("A.B", {"A": {"B": "x"}}),
    ("A.B", {"A": {"B": ""}}),
    ("A.B", {"A": {"B": []}}),
    ("A.B", {"A": "text"}),
    ("A.B", {}),
    ("A == `true`", {"A": True}),
    ("A == `true`", {"A": 1}),
    ("A != `null`", {"A": None}),
    ("A != `null`", {}),
    ("A == 'x'", {"A": "x"}),
    ("A == `1`", {"A": True}),
    ("A == `1`", {"A": 1}),
    ("A.B == `[]`", {"A": {"B": []}}),
    ("!A", {"A": ""}),
    ("!A", {"A": {"B": 1}}),
    ("!A.B", {}),
    ("! A", {"A": 0}),
]


@pytest.mark.parametrize(("text", "value"), EXPRESSIONS, ids=[f"{t}|{v}" for t, v in EXPRESSIONS])
def test_simple_expressions_agree_with_jmespath(text: str, value: Any) -> None:
    import jmespath

    expected = jmespath.search(text, value) not in (None, False, "", [], {})
    assert Expression(text).truthy(value) is expected


def test_jmespath_is_not_imported_for_a_request_without_validation() -> None:
    code = (
        "import sys\n"
        "from mplint.api import lint_text\n"
        'lint_text(\'{"ModelPackageName": "m", "CertifyForMarketplace": true}\', \'a.json\')\n'
        "print('jmespath' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False", out.stderr


# -- unknown values (built by hand, as a Python or CloudFormation source would) ---------------

UNKNOWNS = [
    pytest.param(
        "MP410",
        {
            "ValidationSpecification": {
                "ValidationProfiles": [
                    {
                        "TransformJobDefinition": {
                            "TransformOutput": {"S3OutputPath": "s3://b/", "KmsKeyId": UNKNOWN_VALUE}
                        }
                    }
                ]
            }
        },
        id="MP410-unknown-key",
    ),
    pytest.param(
        "MP410",
        {
            "ValidationSpecification": {
                "ValidationProfiles": [{"TransformJobDefinition": {"TransformOutput": UNKNOWN_VALUE}}]
            }
        },
        id="MP410-unknown-output",
    ),
    pytest.param(
        "MP411",
        {
            "ValidationSpecification": {
                "ValidationProfiles": [
                    {"TransformJobDefinition": {"TransformResources": {"InstanceType": UNKNOWN_VALUE}}}
                ]
            }
        },
        id="MP411-unknown-instance-type",
    ),
    pytest.param("MP502", {"ModelPackageName": "m", "CertifyForMarketplace": UNKNOWN_VALUE}, id="MP502-unknown-flag"),
    pytest.param(
        "MP505",
        {"CertifyForMarketplace": True, "InferenceSpecification": {"Containers": [{"Image": UNKNOWN_VALUE}]}},
        id="MP505-unknown-image",
    ),
    pytest.param(
        "MP509",
        {"CertifyForMarketplace": True, "ModelPackageDescription": UNKNOWN_VALUE},
        id="MP509-unknown-description",
    ),
    pytest.param(
        "MP540",
        {
            "CertifyForMarketplace": True,
            "InferenceSpecification": {"Containers": [{"Image": UNKNOWN_VALUE}]},
            "ValidationSpecification": {"ValidationRole": "arn:aws:iam::111122223333:role/v"},
        },
        id="MP540-unknown-image",
    ),
]


@pytest.mark.parametrize(("code", "value"), UNKNOWNS)
def test_unknown_values_are_never_reported(code: str, value: dict[str, Any]) -> None:
    cls = rule(code)
    assert list(cls(profile=None).check(Request(tree(value)))) == []


def test_an_open_object_is_never_missing_a_member() -> None:
    cls = rule("MP502")
    root = tree({"ModelPackageName": "m", "CertifyForMarketplace": True}, open_object=True)
    assert list(cls().check(Request(root))) == []
    closed = tree({"ModelPackageName": "m", "CertifyForMarketplace": True})
    assert [d.path for d in cls().check(Request(closed))] == [""]


def test_an_unknown_elsewhere_does_not_silence_a_root_rule() -> None:
    root = tree({"ModelPackageName": UNKNOWN_VALUE, "CertifyForMarketplace": True})
    assert [d.code for d in rule("MP502")().check(Request(root))] == ["MP502"]


# -- profiles ---------------------------------------------------------------------------------

UNCERTIFIED = """
    ModelPackageGroupName: churn-models
    InferenceSpecification:
      Containers:
        - Image: docker.io/acme/churn:1
          ModelDataUrl: s3://b/m.pkl
    """


def test_marketplace_rules_wait_for_the_flag_without_the_profile() -> None:
    assert [c for c, *_ in lint(UNCERTIFIED) if c.startswith("MP5")] == []


def test_the_marketplace_profile_shows_the_distance_to_a_listing() -> None:
    assert lint(UNCERTIFIED, select=("MP5",), profile="marketplace") == [
        ("MP502", "", 1, 1),
        ("MP509", "", 1, 1),
        ("MP514", "", 1, 1),
        ("MP501", "ModelPackageGroupName", 1, 24),
        ("MP510", "InferenceSpecification", 3, 3),
        ("MP511", "InferenceSpecification", 3, 3),
        ("MP505", "InferenceSpecification.Containers[0].Image", 4, 14),
        ("MP512", "InferenceSpecification.Containers[0].Image", 4, 14),
        ("MP506", "InferenceSpecification.Containers[0].ModelDataUrl", 5, 21),
    ]


def test_opt_in_pack_rules_stay_off_by_default() -> None:
    assert [c for c, *_ in lint("ModelPackageGroupName: churn\n") if c.startswith("MP41")] == []
    assert lint("ModelPackageGroupName: churn\n", select=("MP412",)) == [("MP412", "", 1, 1)]


# -- the pack ---------------------------------------------------------------------------------


def test_pack_expressions_compile_and_docs_have_every_section() -> None:
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for cls in load_file(str(path), "pack", validate=True):
            doc = cls.documentation()
            assert [s for s in SECTIONS if s not in doc] == [], cls.code
            assert cls.VALID and cls.INVALID, cls.code
    assert {r.origin for r in pack_rules()} == {"pack"}


def test_local_storage_list_matches_the_instance_facts() -> None:
    from mplint.instance_facts import LOCAL_STORAGE_TRANSFORM_TYPES

    text = (ROOT / "rules" / "encryption.yaml").read_text(encoding="utf-8")
    listed = set(__import__("re").findall(r'"(ml\.[a-z0-9]+\.[0-9]*x?large)"', text))
    assert listed == set(LOCAL_STORAGE_TRANSFORM_TYPES)


def test_generated_classes_are_not_builtin_modules() -> None:
    assert all(r.__module__ == declarative.GENERATED_MODULE for r in pack_rules())


def test_explain_builds_the_page_from_the_rule_file() -> None:
    result = CliRunner().invoke(cli, ["explain", "MP410"])
    assert result.exit_code == 0
    assert result.output.startswith("MP410 validation-output-without-kms-key (warning, pack)\n")
    assert "## Why is this bad?\nValidation results can contain model outputs." in result.output


def test_rules_dir_option_adds_rules_and_shows_their_origin(tmp_path: Path) -> None:
    request = tmp_path / "req.yaml"
    request.write_text("ModelPackageName: m\nModelPackageDescription: churn\n", encoding="utf-8")
    good = str(FIXTURES / "good")
    listed = CliRunner().invoke(cli, ["rules", "--rules-dir", good])
    assert listed.exit_code == 0
    row = next(line for line in listed.output.splitlines() if line.startswith("MP950"))
    assert os.path.join("good", "team.yaml") in row
    checked = CliRunner().invoke(
        cli, ["check", str(request), "--rules-dir", good, "--select", "MP950", "--format", "json"]
    )
    assert checked.exit_code == 1, checked.output
    assert '"rule": "MP950"' in checked.output


def test_bad_rule_dir_on_the_command_line_exits_2(tmp_path: Path) -> None:
    request = tmp_path / "req.yaml"
    request.write_text("ModelPackageName: m\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(request), "--rules-dir", str(FIXTURES / "bad" / "bad-code.yaml")])
    assert result.exit_code == 2
    assert "bad-code.yaml:1: code 'ORG-1'" in result.output


def test_the_example_policy_checks_the_example_request() -> None:
    from mplint.api import lint_paths

    run = lint_paths([str(ROOT / "examples" / "policies")])
    found = [(d.code, d.path, d.span.line, d.span.column) for d in run.diagnostics]
    assert found == [
        ("MP412", "", 4, 1),
        ("MP901", "ModelPackageGroupName", 4, 24),
        ("MP212", "ModelApprovalStatus", 5, 22),
        ("MP903", "ModelApprovalStatus", 5, 22),
    ]


def test_the_example_policy_rules_pass_their_own_examples() -> None:
    policy = ROOT / "examples" / "policies"
    for cls in load_file(str(policy / "rules" / "acme.yaml")):
        for case in cls.VALID:
            assert [
                c for c, *_ in lint(case.text, case.source, rules_dirs=("rules",), root=str(policy), select=(cls.code,))
            ] == []
        for case in cls.INVALID:
            found = lint(case.text, rules_dirs=("rules",), root=str(policy), select=(cls.code,))
            assert [(c, p) for c, p, *_ in found] == [(cls.code, case.at)]


def test_a_type_error_in_an_assertion_is_left_to_the_schema_rules() -> None:
    text = """
        CertifyForMarketplace: true
        InferenceSpecification:
          Containers:
            - {Image: 42, ModelDataUrl: 7}
        """
    assert [c for c, *_ in lint(text) if c in ("MP505", "MP506", "MP512")] == []


def test_needs_are_the_members_whose_absence_ends_the_check() -> None:
    rules = {r.code: r for r in pack_rules()}
    plain = {code: rc() for code, rc in rules.items()}
    market = {code: rc(profile="marketplace") for code, rc in rules.items()}
    assert plain["MP410"].needs == {"ValidationSpecification"}
    assert plain["MP505"].needs == {"CertifyForMarketplace", "InferenceSpecification"}
    assert plain["MP502"].needs == {"CertifyForMarketplace"}  # a scope at the root needs nothing
    assert market["MP505"].needs == {"InferenceSpecification"}  # the profile turns it on
    assert market["MP502"].needs == frozenset()
    for text, needs in [
        ("A", {"A"}),
        ("A.B", {"A"}),
        ("A == `false`", {"A"}),
        ("!A", set()),
        ("A == `null`", set()),
        ("A != `true`", set()),
        ("length(A) > `1`", set()),
    ]:
        cls = declarative.rule_class(rules["MP502"].spec._replace(request_when=text), "test")
        assert cls().needs == needs, text


@pytest.mark.slow
def test_passing_over_rules_by_needs_changes_no_finding() -> None:
    from mplint.api import engine_for, lint_text

    texts = [(e.text, e.source) for rc in registry.rule_classes(Config()) for e in (*rc.VALID, *rc.INVALID)]
    texts += [(p.read_text(), p.suffix) for p in (ROOT / "examples").rglob("*") if p.suffix in (".json", ".yaml")]
    suffix = {
        "yaml": "x.yaml",
        "json": "x.json",
        "cloudformation": "t.yaml",
        "python": "x.py",
        "notebook": "x.ipynb",
        ".json": "x.json",
        ".yaml": "x.yaml",
    }
    for profile in (None, "marketplace"):
        config = Config(profile=profile) if profile else Config()
        gated = [lint_text(t, suffix[s], config=config, forced=True).diagnostics for t, s in texts]
        engine = engine_for(config)
        assert any(r.needs for r in engine.rules)
        saved = [(r, r.needs) for r in engine.rules]
        try:
            for r, _ in saved:
                r.needs = frozenset()
            assert [lint_text(t, suffix[s], config=config, forced=True).diagnostics for t, s in texts] == gated
        finally:
            for r, needs in saved:
                r.needs = needs
