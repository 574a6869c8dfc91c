"""The fixes rules offer, as intents (kind, span, value, safe, replacement), and where they
must offer none; and every rule's ``fixable`` agrees with what its examples give."""

from __future__ import annotations

import json
from typing import Any

import pytest

from mplint.diagnostics import Fix
from mplint.engine import registry
from mplint.engine.config import Config
from mplint.model import Span
from mplint.rule import FIXABLE, Rule
from tests.linting import SUFFIX, findings, invoke, lint_file

RULES = registry.rule_classes(Config())
_IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"


def fixes(text: str, source: str, code: str, dedent: bool = True) -> list[tuple[Any, ...]]:
    """Return (path, line, column, fix) of each finding of ``code``."""
    found = findings(text, SUFFIX[source], fields=("code", "path", "line", "column", "fix"), dedent=dedent)
    return [row[1:] for row in found if row[0] == code]


def _example_fixes(rule: type[Rule]) -> list[Fix]:
    out = []
    for case in rule.INVALID:
        options = {rule.code: case.options} if case.options else {}
        select = (rule.code,) if not rule.reported_by_source else ()
        config = Config(select=select, options=options, profile=case.profile)
        result = lint_file(case.text, SUFFIX[case.source], config=config, dedent=True)
        out.extend(d.fix for d in result.diagnostics if d.code == rule.code and d.fix is not None)
    return out


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_fixable_matches_the_examples(rule: type[Rule]) -> None:
    assert rule.fixable in FIXABLE
    found = _example_fixes(rule)
    if not rule.fixable:
        assert found == [], f"{rule.code} gives fixes: declare fixable"
        return
    assert found, f"{rule.code} declares fixable={rule.fixable!r} but no INVALID example gives a fix"
    safety = {f.safe for f in found}
    if rule.fixable == "safe":
        assert safety == {True}
    elif rule.fixable == "unsafe":
        assert safety == {False}
    assert all(f.kind in ("text", "value", "key", "remove") for f in found)


# MP101: rename a misspelt member ----------------------------------------------------------


def test_rename_member_yaml() -> None:
    text = f"""
    InferenceSpecification:
      Containers:
        - Image: {_IMAGE}
          Enviroment: {{A: "1"}}
    """
    assert fixes(text, "yaml", "MP101") == [
        (
            "InferenceSpecification.Containers[0].Enviroment",
            4,
            7,
            Fix("Rename to 'Environment'", Span(4, 7, 4, 17), "Environment", True, "key", "Environment"),
        )
    ]


def test_rename_member_json_keeps_quotes_in_replacement() -> None:
    text = '{"ModelPackageName": "m", "modelApprovalStatus": "Approved"}'
    fix = Fix(
        "Rename to 'ModelApprovalStatus'",
        Span(1, 27, 1, 48),
        '"ModelApprovalStatus"',
        True,
        "key",
        "ModelApprovalStatus",
    )
    assert fixes(text, "json", "MP101") == [("modelApprovalStatus", 1, 27, fix)]


def test_rename_member_cloudformation() -> None:
    text = f"""
    Resources:
      Pkg:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageGroupName: g
          InferenceSpecification:
            Containers:
              - Image: {_IMAGE}
                Enviroment: {{A: "1"}}
            SupportedContentTypes: [text/csv]
            SupportedResponseMIMETypes: [text/csv]
    """
    fix = Fix("Rename to 'Environment'", Span(9, 13, 9, 23), "Environment", True, "key", "Environment")
    assert fixes(text, "cloudformation", "MP101") == [("InferenceSpecification.Containers[0].Enviroment", 9, 13, fix)]


def test_rename_member_python_in_a_dict_built_earlier() -> None:
    text = f"""
    spec = {{"Containers": [{{"Image": "{_IMAGE}", "Enviroment": {{}}}}]}}
    sm.create_model_package(ModelPackageGroupName="g", InferenceSpecification=spec)
    """
    fix = Fix("Rename to 'Environment'", Span(1, 90, 1, 102), '"Environment"', True, "key", "Environment")
    assert fixes(text, "python", "MP101") == [("InferenceSpecification.Containers[0].Enviroment", 1, 90, fix)]


def test_no_rename_when_the_right_name_is_already_there() -> None:
    text = f"""
    InferenceSpecification:
      Containers:
        - Image: {_IMAGE}
          Environment: {{A: "1"}}
          Enviroment: {{B: "2"}}
    """
    assert fixes(text, "yaml", "MP101") == [("InferenceSpecification.Containers[0].Enviroment", 5, 7, None)]


def test_no_rename_when_the_suggestion_is_one_of_several() -> None:
    # 'AdditinceSpecification' is as close to ValidationSpecification as to another member.
    assert fixes("ModelPackageName: m\nAdditinceSpecification: {}\n", "yaml", "MP101", dedent=False) == [
        ("AdditinceSpecification", 2, 1, None)
    ]


def test_no_rename_of_a_key_a_spread_brings_in() -> None:
    text = """
    extra = {"modelApprovalStatus": "Approved"}
    sm.create_model_package(ModelPackageGroupName="g", **extra)
    """
    assert fixes(text, "python", "MP101") == [("modelApprovalStatus", 1, 10, None)]


def test_no_rename_of_a_key_a_yaml_merge_key_brings_in() -> None:
    text = """
    InferenceSpecification:
      Containers:
        - &c {Image: x, Enviroment: {}}
    AdditionalInferenceSpecifications:
      - Name: a
        Containers:
          - <<: *c
            Image: y
    """
    rows = fixes(text, "yaml", "MP101")
    assert ("AdditionalInferenceSpecifications[0].Containers[0].Enviroment", 3, 21, None) in rows


# MP104 and MP301: a misspelt value ----------------------------------------------------


def test_enum_case_fix_in_json() -> None:
    text = '{"ModelPackageGroupName": "g", "ModelApprovalStatus": "Approve"}'
    fix = Fix("Replace with 'Approved'", Span(1, 55, 1, 64), '"Approved"', True, "value", "Approved")
    assert fixes(text, "json", "MP104") == [("ModelApprovalStatus", 1, 55, fix)]


def test_enum_case_fix_in_yaml() -> None:
    text = """
    InferenceSpecification:
      Containers:
        - Image: x
          ModelDataSource: {S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: gzip}}
    """
    path = "InferenceSpecification.Containers[0].ModelDataSource.S3DataSource.CompressionType"
    fix = Fix("Replace with 'Gzip'", Span(4, 97, 4, 101), "Gzip", True, "value", "Gzip")
    assert fixes(text, "yaml", "MP104") == [(path, 4, 97, fix)]


def test_no_enum_fix_when_two_values_are_as_close() -> None:
    text = """
    ValidationSpecification:
      ValidationRole: arn:aws:iam::111122223333:role/r
      ValidationProfiles:
        - ProfileName: p
          TransformJobDefinition:
            TransformInput:
              DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: s3://b/k}}
              SplitType: Recocord
            TransformOutput: {S3OutputPath: s3://b/o}
            TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 1}
    """
    path = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformInput.SplitType"
    assert fixes(text, "yaml", "MP104") == [(path, 8, 22, None)]


def test_no_enum_fix_on_an_unknown_value() -> None:
    text = """
    sm.create_model_package(ModelPackageGroupName="g", ModelApprovalStatus=f"{status}", SkipModelValidation="all")
    """
    fix = Fix("Replace with 'All'", Span(1, 105, 1, 110), '"All"', True, "value", "All")
    assert fixes(text, "python", "MP104") == [("SkipModelValidation", 1, 105, fix)]


def test_enum_fix_in_a_notebook_is_in_cell_coordinates() -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Register\n"]},
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": [
                    "sm.create_model_package(\n",
                    "    ModelPackageGroupName='g',\n",
                    "    SkipModelValidation='none',\n",
                    ")\n",
                ],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    found = findings(json.dumps(notebook, indent=1), "example.ipynb", fields=("code", "cell", "line", "column", "fix"))
    fix = Fix("Replace with 'None'", Span(3, 25, 3, 31), '"None"', True, "value", "None")
    assert [row for row in found if row[0] == "MP104"] == [("MP104", 2, 3, 25, fix)]


def test_instance_type_typo_fix_is_safe() -> None:
    text = "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarg]\n"
    fix = Fix("Replace with 'ml.m5.xlarge'", Span(2, 37, 2, 48), "ml.m5.xlarge", True, "value", "ml.m5.xlarge")
    assert fixes(text, "yaml", "MP301", dedent=False) == [
        ("InferenceSpecification.SupportedTransformInstanceTypes[0]", 2, 37, fix)
    ]


def test_realtime_only_type_replacement_is_unsafe() -> None:
    text = '{"InferenceSpecification": {"SupportedTransformInstanceTypes": ["ml.c5.large"]}}'
    title = "Replace with 'ml.c5.xlarge' (unsafe: another instance type, price and capacity)"
    fix = Fix(title, Span(1, 65, 1, 78), '"ml.c5.xlarge"', False, "value", "ml.c5.xlarge")
    assert fixes(text, "json", "MP302") == [("InferenceSpecification.SupportedTransformInstanceTypes[0]", 1, 65, fix)]


# MP102: a value written as another type -------------------------------------------------


def test_yaml_11_boolean_becomes_true() -> None:
    fix = Fix("Replace with true", Span(1, 24, 1, 27), "true", True, "value", True)
    assert fixes("CertifyForMarketplace: yes\n", "yaml", "MP102", dedent=False) == [
        ("CertifyForMarketplace", 1, 24, fix)
    ]


def test_quoted_yes_is_not_changed() -> None:
    # Quoted, "yes" was written as a string on purpose: no certain boolean.
    assert fixes('CertifyForMarketplace: "yes"\n', "yaml", "MP102", dedent=False) == [
        ("CertifyForMarketplace", 1, 24, None)
    ]
    assert fixes('{"CertifyForMarketplace": "yes"}', "json", "MP102") == [("CertifyForMarketplace", 1, 27, None)]


def test_python_boolean_is_written_as_python() -> None:
    text = 'sm.create_model_package(ModelPackageName="m", CertifyForMarketplace="false")\n'
    fix = Fix("Replace with false", Span(1, 69, 1, 76), "False", True, "value", False)
    assert fixes(text, "python", "MP102", dedent=False) == [("CertifyForMarketplace", 1, 69, fix)]


def test_number_written_as_string_and_the_reverse() -> None:
    text = """
    InferenceSpecification:
      Containers:
        - Image: x
          FrameworkVersion: 1.10
    ValidationSpecification:
      ValidationRole: arn:aws:iam::111122223333:role/r
      ValidationProfiles:
        - ProfileName: p
          TransformJobDefinition:
            TransformInput: {DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: s3://b/k}}}
            TransformOutput: {S3OutputPath: s3://b/o}
            TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: "2"}
    """
    count = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.InstanceCount"
    assert fixes(text, "yaml", "MP102") == [
        (
            "InferenceSpecification.Containers[0].FrameworkVersion",
            4,
            25,
            Fix('Replace with the string "1.10"', Span(4, 25, 4, 29), '"1.10"', True, "value", "1.10"),
        ),
        (count, 12, 73, Fix("Replace with the number 2", Span(12, 73, 12, 76), "2", True, "value", 2)),
    ]


def test_inexact_number_conversions_are_not_offered() -> None:
    # "2.0" for an integer, "02" and " 2" are not exactly an integer.
    for written in ('"2.0"', '"02"', '" 2"', '"1e3"'):
        text = (
            '{"ValidationSpecification": {"ValidationRole": "arn:aws:iam::111122223333:role/r", "ValidationProfiles": '
            '[{"ProfileName": "p", "TransformJobDefinition": {"TransformInput": {"DataSource": {"S3DataSource": '
            '{"S3DataType": "S3Prefix", "S3Uri": "s3://b/k"}}}, "TransformOutput": {"S3OutputPath": "s3://b/o"}, '
            f'"TransformResources": {{"InstanceType": "ml.m5.xlarge", "InstanceCount": {written}}}}}}}]}}}}'
        )
        rows = fixes(text, "json", "MP102")
        assert [row[3] for row in rows] == [None], written


# MP003: duplicate keys ---------------------------------------------------------------------


def test_duplicate_json_key_removes_the_earlier_member() -> None:
    text = '{\n  "ModelPackageName": "a",\n  "ModelPackageName": "b"\n}\n'
    title = "Remove the earlier 'ModelPackageName' (unsafe: keeps the value the AWS CLI keeps)"
    fix = Fix(title, Span(2, 3, 2, 26), "", False, "remove", None)
    assert fixes(text, "json", "MP003", dedent=False) == [("ModelPackageName", 3, 3, fix)]


def test_duplicate_yaml_key_has_no_fix() -> None:
    assert fixes("ModelPackageName: a\nModelPackageName: b\n", "yaml", "MP003", dedent=False) == [
        ("ModelPackageName", 2, 1, None)
    ]


# MP203-MP209 and MP723: members to remove --------------------------------------------------


def _remove(member: str, span: Span, code_title: str = "the request changes") -> Fix:
    return Fix(f"Remove {member} (unsafe: {code_title})", span, "", False, "remove", None)


def test_misplaced_member_removed_in_yaml_block() -> None:
    text = """
    ModelPackageName: m
    MetadataProperties:
      ProjectId: p
    ModelApprovalStatus: Approved  # kept comment is the fixer's business
    """
    assert fixes(text, "yaml", "MP208") == [
        ("MetadataProperties", 2, 1, _remove("MetadataProperties", Span(2, 1, 3, 15)))
    ]
    assert fixes(text, "yaml", "MP204") == [
        ("ModelApprovalStatus", 4, 1, _remove("ModelApprovalStatus", Span(4, 1, 4, 30)))
    ]


def test_misplaced_member_removed_from_python_call() -> None:
    text = """
    sm.create_model_package(
        ModelPackageName="m",
        ModelApprovalStatus="Approved",
    )
    """
    fix = _remove("ModelApprovalStatus", Span(3, 5, 3, 35))
    assert fixes(text, "python", "MP204") == [("ModelApprovalStatus", 3, 5, fix)]


def test_misplaced_member_removed_in_cloudformation_with_ref_value() -> None:
    text = """
    Resources:
      Pkg:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageName: m
          ModelApprovalStatus: !Ref Status
    """
    fix = _remove("ModelApprovalStatus", Span(6, 7, 6, 39))
    assert fixes(text, "cloudformation", "MP204") == [("ModelApprovalStatus", 6, 7, fix)]


def test_no_removal_of_a_member_written_elsewhere() -> None:
    spread = """
    extra = {"ModelApprovalStatus": "Approved"}
    sm.create_model_package(ModelPackageName="m", **extra)
    """
    assert fixes(spread, "python", "MP204") == [("ModelApprovalStatus", 1, 10, None)]
    bound = """
    status = "Approved"
    sm.create_model_package(ModelPackageName="m", ModelApprovalStatus=status)
    """
    assert fixes(bound, "python", "MP204") == [("ModelApprovalStatus", 2, 47, None)]
    merged = """
    base: &base {ModelApprovalStatus: Approved}
    <<: *base
    ModelPackageName: m
    """
    assert fixes(merged, "yaml", "MP204") == [("ModelApprovalStatus", 1, 14, None)]


def test_no_removal_in_a_notebook_when_key_and_value_are_in_different_cells() -> None:
    cells = [
        ["status = 'Approved'\n"],
        ["sm.create_model_package(ModelPackageName='m', ModelApprovalStatus=status)\n"],
    ]
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c} for c in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    found = findings(json.dumps(notebook), "example.ipynb", fields=("code", "cell", "line", "column", "fix"))
    assert [row for row in found if row[0] == "MP204"] == [("MP204", 2, 1, 47, None)]


def test_skeleton_map_key_removed() -> None:
    text = '{"ModelPackageName": "m", "CustomerMetadataProperties": {"KeyName": "", "team": "a"}}'
    fix = Fix("Remove the KeyName entry (unsafe: the map changes)", Span(1, 58, 1, 71), "", False, "remove", None)
    assert fixes(text, "json", "MP723") == [("CustomerMetadataProperties.KeyName", 1, 58, fix)]


# Hostile input -----------------------------------------------------------------------------


def test_a_huge_misspelt_key_gives_no_fix_and_no_hang() -> None:
    key = "Enviroment" * 5000
    text = f'{{"InferenceSpecification": {{"Containers": [{{"Image": "x", "{key}": 1}}]}}}}'
    rows = fixes(text, "json", "MP101")
    assert [(r[1], r[2], r[3]) for r in rows] == [(1, 59, None)]


def test_a_secret_is_never_written_by_a_fix() -> None:
    text = """
    InferenceSpecification:
      Containers:
        - Image: x
          Environment: {DB_PASSWORD: 8675309123}
    """
    assert fixes(text, "yaml", "MP102") == [
        ("InferenceSpecification.Containers[0].Environment.DB_PASSWORD", 4, 34, None)
    ]


def test_crlf_and_bom_give_the_same_fix_spans() -> None:
    text = '{\n  "ModelPackageName": "a",\n  "ModelPackageName": "b",\n  "CertifyForMarketplace": "true"\n}\n'
    fields = ("code", "line", "column", "fix")
    plain = [r for r in findings(text, "example.json", fields=fields) if r[0] != "MP220"]
    crlf = [r for r in findings(text.replace("\n", "\r\n"), "example.json", fields=fields) if r[0] != "MP220"]
    bom = [r for r in findings("\ufeff" + text, "example.json", fields=fields) if r[0] != "MP220"]
    title = "Remove the earlier 'ModelPackageName' (unsafe: keeps the value the AWS CLI keeps)"
    assert plain == [
        ("MP003", 3, 3, Fix(title, Span(2, 3, 2, 26), "", False, "remove", None)),
        ("MP102", 4, 28, Fix("Replace with true", Span(4, 28, 4, 34), "true", True, "value", True)),
    ]
    assert crlf == plain
    assert bom == plain


# What the rule's page and the rule list say ---------------------------------------------------


def test_explain_says_whether_a_rule_fixes() -> None:
    page = invoke("explain", "MP101")
    assert page.exit_code == 0
    assert page.output.splitlines()[:2] == [
        "MP101 unknown-member (error, built-in)",
        "Fix: safe (applied by --fix, where the fix is certain)",
    ]
    assert invoke("explain", "MP204").output.splitlines()[1] == "Fix: unsafe (applied by --fix --unsafe-fixes only)"
    assert invoke("explain", "MP105").output.splitlines()[1] == "Fix: no"


def test_rules_list_the_fix_in_every_format() -> None:
    rows = {r["code"]: r["fix"] for r in json.loads(invoke("rules", "--format", "json").output)}
    assert (rows["MP101"], rows["MP204"], rows["MP105"]) == ("safe", "unsafe", "")
    table = invoke("rules", "--format", "markdown").output.splitlines()
    assert "| code | name | severity | on by default | fix | origin | summary |" in table
    assert any(line.startswith("| MP003 | `duplicate-key` | error | yes | unsafe | built-in |") for line in table)
    text = invoke("rules").output.splitlines()
    mp101 = next(line for line in text if line.startswith("MP101"))
    mp105 = next(line for line in text if line.startswith("MP105"))
    assert mp101.endswith("(fix: safe)")
    assert "(fix:" not in mp105


def test_replacement_is_a_string_literal_wherever_the_value_is_quoted() -> None:
    # A raw Python string, a JSON string with an escape, a YAML single-quoted scalar: a plain
    # edit of the span must still read back as the string.
    python = "sm.create_model_package(ModelPackageGroupName=\"g\", ModelApprovalStatus=r'approve')\n"
    json_text = '{"ModelPackageGroupName": "g", "ModelApprovalStatus": "appr\\u006fve"}'
    yaml_text = "ModelPackageGroupName: g\nModelApprovalStatus: 'approve'\n"
    fix = Fix("Replace with 'Approved'", Span(1, 72, 1, 82), '"Approved"', True, "value", "Approved")
    assert fixes(python, "python", "MP104", dedent=False) == [("ModelApprovalStatus", 1, 72, fix)]
    fix = fix._replace(span=Span(1, 55, 1, 69))
    assert fixes(json_text, "json", "MP104", dedent=False) == [("ModelApprovalStatus", 1, 55, fix)]
    fix = fix._replace(span=Span(2, 22, 2, 31))
    assert fixes(yaml_text, "yaml", "MP104", dedent=False) == [("ModelApprovalStatus", 2, 22, fix)]


def test_no_instance_type_fix_when_two_sizes_are_as_close() -> None:
    # ml.p3.xlarge does not exist: ml.p3.2xlarge and ml.p3.8xlarge are equally close.
    text = "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.p3.xlarge]\n"
    rows = fixes(text, "yaml", "MP301", dedent=False)
    assert rows == [("InferenceSpecification.SupportedTransformInstanceTypes[0]", 2, 37, None)]


def test_no_rename_beside_unknown_kwargs() -> None:
    # **kwargs of unknown keys may already hold ModelApprovalStatus: renaming could duplicate it.
    text = 'def register(**kw):\n    sm.create_model_package(ModelPackageGroupName="g", modelApprovalStatus="Approved", **kw)\n'
    assert fixes(text, "python", "MP101", dedent=False) == [("modelApprovalStatus", 2, 56, None)]
