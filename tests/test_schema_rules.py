"""The schema rules (MP101-MP109) and unknown-instance-type (MP301): exact findings."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from schema_requests import request

from mplint import paths
from mplint.model import UNKNOWN, Kind, Node, Request, Span
from mplint.rules import builtin_rules
from mplint.rules.instance_types.known import UnknownInstanceType
from mplint.rules.schema import RULES as SCHEMA_RULES
from mplint.schema import conformance
from tests.linting import rows

RULES = [cls() for cls in (*SCHEMA_RULES, UnknownInstanceType)]
IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"
ROLE = "arn:aws:iam::111122223333:role/SageMakerValidation"

VALID_JSON = """
{
  "ModelPackageName": "my-model",
  "ModelPackageDescription": "Detects X in images",
  "InferenceSpecification": {
    "Containers": [{"Image": "111122223333.dkr.ecr.us-east-2.amazonaws.com/my-inference:1.0",
                    "ModelDataUrl": "s3://my-bucket-us-east-2/model/model.tar.gz"}],
    "SupportedTransformInstanceTypes": ["ml.m5.xlarge"],
    "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.xlarge"],
    "SupportedContentTypes": ["image/jpeg"],
    "SupportedResponseMIMETypes": ["application/json"]
  },
  "ValidationSpecification": {
    "ValidationRole": "arn:aws:iam::111122223333:role/SageMakerValidation",
    "ValidationProfiles": [{
      "ProfileName": "validation-profile-1",
      "TransformJobDefinition": {
        "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket-us-east-2/validation/input/"}},
                           "ContentType": "image/jpeg"},
        "TransformOutput": {"S3OutputPath": "s3://my-bucket-us-east-2/validation/output/", "Accept": "application/json"},
        "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}
      }
    }]
  },
  "CertifyForMarketplace": true
}
"""

VALID_YAML = """
ModelPackageGroupName: my-group  # The name or ARN of the model package group
ModelApprovalStatus: PendingManualApproval
SkipModelValidation: None
CustomerMetadataProperties: {team: churn, "clé": "équipe"}
Tags: [{Key: project, Value: churn}]
InferenceSpecification:
  Containers:
  - Image: 111122223333.dkr.ecr.us-east-2.amazonaws.com/my-inference@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
    Environment:
      SAGEMAKER_PROGRAM: inference.py
      MODEL_SERVER_WORKERS: "2"
    FrameworkVersion: "1.13"
    ModelDataSource:
      S3DataSource: {S3Uri: "s3://b/m/", S3DataType: S3Prefix, CompressionType: None}
  SupportedContentTypes: ["text/csv", "*/*"]
  SupportedResponseMIMETypes: [application/json]
ModelCard:
  ModelCardContent: |
    {"model_overview": {}}
  ModelCardStatus: Draft
"""

CASES: list[tuple[str, str, str, list[tuple[str, str, int, int]]]] = [
    # (id, source, text, expected findings)
    ("valid-json", "json", VALID_JSON, []),
    ("valid-yaml", "yaml", VALID_YAML, []),
    ("empty-tags", "json", '{"Tags": []}', []),
    # MP101 unknown-member
    (
        "miscased-member",
        "yaml",
        "ModelPackageGroupName: g\nmodelPackageName: a\n",
        [("MP101", "modelPackageName", 2, 1)],
    ),
    (
        "unknown-nested-member",
        "json",
        '{"InferenceSpecification": {"Containers": [{"Image": "i", "Imagee": "j"}]}}',
        [("MP101", "InferenceSpecification.Containers[0].Imagee", 1, 59)],
    ),
    # MP102 wrong-type
    ("yes-is-a-string", "yaml", "CertifyForMarketplace: yes\n", [("MP102", "CertifyForMarketplace", 1, 24)]),
    (
        "float-for-string",
        "yaml",
        f"InferenceSpecification:\n  Containers:\n    - Image: {IMAGE}\n      FrameworkVersion: 1.13\n",
        [("MP102", "InferenceSpecification.Containers[0].FrameworkVersion", 4, 25)],
    ),
    (
        "int-for-env-value",
        "yaml",
        f"InferenceSpecification:\n  Containers:\n    - Image: {IMAGE}\n      Environment: {{PORT: 8080}}\n",
        [("MP102", "InferenceSpecification.Containers[0].Environment.PORT", 4, 27)],
    ),
    ("null-member", "json", '{"ModelPackageName": null}', [("MP102", "ModelPackageName", 1, 22)]),
    ("bool-is-no-integer", "json", _profile := "", []),  # replaced below
    ("list-root", "json", '["ModelPackageName"]', [("MP102", "", 1, 1)]),
    ("scalar-root", "yaml", "ModelPackageName\n", [("MP102", "", 1, 1)]),
    ("string-for-object", "yaml", "InferenceSpecification: none\n", [("MP102", "InferenceSpecification", 1, 25)]),
    ("object-for-list", "json", '{"Tags": {"Key": "a"}}', [("MP102", "Tags", 1, 10)]),
    # MP103 missing-required-member
    (
        "missing-containers",
        "yaml",
        "InferenceSpecification:\n  SupportedContentTypes: [text/csv]\n",
        [("MP103", "InferenceSpecification", 2, 3)],
    ),
    (
        "missing-two-members",
        "json",
        f'{{"ValidationSpecification": {{"ValidationRole": "{ROLE}", "ValidationProfiles": [{{}}]}}}}',
        [
            ("MP103", "ValidationSpecification.ValidationProfiles[0]", 1, 125),
            ("MP103", "ValidationSpecification.ValidationProfiles[0]", 1, 125),
        ],
    ),
    # MP104 invalid-enum-value
    (
        "enum-case",
        "yaml",
        "ModelApprovalStatus: approved\nSkipModelValidation: none\n",
        [("MP104", "ModelApprovalStatus", 1, 22), ("MP104", "SkipModelValidation", 2, 22)],
    ),
    ("enum-null-is-a-type-error", "yaml", "SkipModelValidation: null\n", [("MP102", "SkipModelValidation", 1, 22)]),
    # MP105 pattern-mismatch
    (
        "role-name-not-arn",
        "yaml",
        "ValidationSpecification:\n  ValidationRole: SageMakerValidationRole\n  ValidationProfiles: []\n",
        [("MP105", "ValidationSpecification.ValidationRole", 2, 19)],
    ),
    (
        "env-key",
        "yaml",
        f'InferenceSpecification:\n  Containers:\n    - Image: {IMAGE}\n      Environment: {{MY-VAR: "1"}}\n',
        [("MP105", 'InferenceSpecification.Containers[0].Environment."MY-VAR"', 4, 23)],  # at '-'
    ),
    (
        "empty-image-fails-its-pattern",
        "json",
        '{"InferenceSpecification": {"Containers": [{"Image": ""}]}}',
        [("MP105", "InferenceSpecification.Containers[0].Image", 1, 54)],
    ),
    (
        "multi-line-description",
        "yaml",
        "ModelPackageDescription: |\n  Detects churn.\n  Trained on 2024 data.\n",
        [("MP105", "ModelPackageDescription", 1, 26)],
    ),
    (
        "line-break-in-dot-star-field-is-left-to-a-warning",
        "json",
        '{"InferenceSpecification": {"Containers": [{"Image": "i"}], "SupportedContentTypes": ["text/csv\\n"]}}',
        [],
    ),
    (
        "response-mime-star",
        "yaml",
        "InferenceSpecification:\n  Containers: [{Image: i}]\n  SupportedResponseMIMETypes: ['*/*']\n",
        [("MP105", "InferenceSpecification.SupportedResponseMIMETypes[0]", 3, 33)],
    ),  # at the first '*'
    # MP106 string-length
    (
        "name-too-long",
        "yaml",
        "ModelPackageName: " + "a" * 64 + "\n",
        [("MP106", "ModelPackageName", 1, 19)],
    ),
    ("empty-client-token", "json", '{"ClientToken": ""}', [("MP106", "ClientToken", 1, 17)]),
    (
        "long-description-skips-pattern",
        "json",
        '{"ModelPackageDescription": "' + "\\n" * 1100 + '"}',
        [("MP106", "ModelPackageDescription", 1, 29)],
    ),
    # MP107 list-length
    (
        "empty-transform-list",
        "yaml",
        "InferenceSpecification:\n  Containers: [{Image: i}]\n  SupportedTransformInstanceTypes: []\n",
        [("MP107", "InferenceSpecification.SupportedTransformInstanceTypes", 3, 36)],
    ),
    (
        "two-validation-profiles",
        "yaml",
        f"ValidationSpecification:\n  ValidationRole: {ROLE}\n  ValidationProfiles: [{{}}, {{}}]\n",
        [
            ("MP107", "ValidationSpecification.ValidationProfiles", 3, 23),
            ("MP103", "ValidationSpecification.ValidationProfiles[0]", 3, 24),
            ("MP103", "ValidationSpecification.ValidationProfiles[0]", 3, 24),
            ("MP103", "ValidationSpecification.ValidationProfiles[1]", 3, 28),
            ("MP103", "ValidationSpecification.ValidationProfiles[1]", 3, 28),
        ],
    ),
    # MP108 map-size
    ("empty-metadata", "yaml", "CustomerMetadataProperties: {}\n", [("MP108", "CustomerMetadataProperties", 1, 29)]),
    # MP109 number-out-of-range
    (
        "instance-count-zero",
        "json",
        '{"ValidationSpecification": {"ValidationRole": "' + ROLE + '", "ValidationProfiles": [{"ProfileName": "p",'
        ' "TransformJobDefinition": {"MaxPayloadInMB": -1,'
        ' "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/i/"}}},'
        ' "TransformOutput": {"S3OutputPath": "s3://b/o/"},'
        ' "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 0}}}]}}',
        [
            ("MP109", "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.MaxPayloadInMB", 1, 191),
            (
                "MP109",
                "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.InstanceCount",
                1,
                419,
            ),
        ],
    ),
    # MP301 unknown-instance-type
    (
        "instance-types",
        "yaml",
        "InferenceSpecification:\n  Containers: [{Image: i}]\n"
        "  SupportedTransformInstanceTypes: [ml.m5.xlarg, ML.M5.XLARGE, ml.t2.medium, ml.m5.xlarge]\n"
        "  SupportedRealtimeInferenceInstanceTypes: [m5.xlarge, ml.t3.medium, ml.t2.medium]\n",
        [
            ("MP301", "InferenceSpecification.SupportedTransformInstanceTypes[0]", 3, 37),
            ("MP301", "InferenceSpecification.SupportedTransformInstanceTypes[1]", 3, 50),
            ("MP301", "InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]", 4, 45),
            ("MP301", "InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[1]", 4, 56),
        ],
    ),
]


def _profile_with_bool_count() -> str:
    return (
        '{"ValidationSpecification": {"ValidationRole": "' + ROLE + '", "ValidationProfiles": [{"ProfileName": "p",'
        ' "TransformJobDefinition": {"MaxConcurrentTransforms": 1.5,'
        ' "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/i/"}}},'
        ' "TransformOutput": {"S3OutputPath": "s3://b/o/"},'
        ' "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": true}}}]}}'
    )


CASES[[c[0] for c in CASES].index("bool-is-no-integer")] = (
    "bool-is-no-integer",
    "json",
    _profile_with_bool_count(),
    [
        (
            "MP102",
            "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.MaxConcurrentTransforms",
            1,
            200,
        ),
        (
            "MP102",
            "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.InstanceCount",
            1,
            429,
        ),
    ],
)


def findings(req: Request) -> list[tuple[str, str, int, int]]:
    """Run every schema rule; return (code, path, line, column) in position order."""
    found = [d for rule in RULES for d in rule.check(req)]
    found.sort(key=lambda d: (d.span.line, d.span.column, d.code, d.path))
    return rows(found)


def messages(text: str, source: str = "yaml") -> list[str]:
    """Return the messages of every schema finding on a text."""
    req = request(text, source)
    return [d.message for rule in RULES for d in rule.check(req)]


@pytest.mark.parametrize(("source", "text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_findings(source: str, text: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert findings(request(text, source)) == expected


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "ModelPackageGroupName: g\nmodelPackageName: a\n",
            "yaml",
            ["Unknown member 'modelPackageName' in the request; did you mean 'ModelPackageName'?"],
        ),
        (
            "ModelPackageGroupName: g\nmodel_package_name: a\n",
            "yaml",
            ["Unknown member 'model_package_name' in the request; did you mean 'ModelPackageName'?"],
        ),
        (
            "SecurityConfig: {KmsKeyId: k, Key: x}\n",
            "yaml",
            ["Unknown member 'Key' in SecurityConfig; expected one of KmsKeyId"],
        ),
        (
            '{"ModelPackageName": null}',
            "json",
            [
                "ModelPackageName: null is not allowed: botocore and the AWS "
                "CLI refuse it before sending (Invalid type for parameter, "
                "value: None); give a value or omit the member"
            ],
        ),
        ('{"Tags": [null]}', "json", ["Tags[0]: null is not allowed in a list; remove the item"]),
        ("[1, 2]\n", "yaml", ["The request must be an object, not a list"]),
        (
            "ModelCard: {ModelCardContent: 12}\n",
            "yaml",
            ["ModelCard.ModelCardContent must be a string, not the integer value redacted (2 characters)"],
        ),
        (
            "InferenceSpecification: {SupportedContentTypes: []}\n",
            "yaml",
            ["InferenceSpecification is missing required member Containers"],
        ),
        (
            "ModelApprovalStatus: approved\n",
            "yaml",
            [
                "ModelApprovalStatus 'approved' is not one of Approved, Rejected, PendingManualApproval; "
                "did you mean 'Approved'?"
            ],
        ),
        (
            "InferenceSpecification:\n  Containers:\n    - ModelDataSource:\n        S3DataSource:"
            " {S3Uri: 's3://b/m.tar.gz', S3DataType: S3Object, CompressionType: gzip}\n",
            "yaml",
            [
                "InferenceSpecification.Containers[0].ModelDataSource.S3DataSource.CompressionType 'gzip'"
                " is not one of None, Gzip; did you mean 'Gzip'?"
            ],
        ),
        (
            "ValidationSpecification: {ValidationRole: my-role-that-is-long, ValidationProfiles: []}\n",
            "yaml",
            [
                "ValidationSpecification.ValidationRole 'my-role-that-is-long': a validation role is an IAM "
                "role ARN, arn:aws:iam::<12-digit account>:role/<name>; 'm' (character 1) is not allowed"
            ],
        ),
        (
            'ModelPackageDescription: "a\\nb"\n',
            "yaml",
            [
                r"ModelPackageDescription 'a\nb': a model package description is letters, digits, spaces, "
                "symbols and punctuation, with no line breaks, tabs or other control characters; a line "
                "break (character 2) is not allowed"
            ],
        ),
        (
            '{"ModelPackageDescription": "' + "x" * 40000 + '"}',
            "json",
            ["ModelPackageDescription '" + "x" * 40 + "…' has 40000 characters; the maximum is 1024"],
        ),
        (
            '{"ModelCard": {"ModelCardContent": "' + "s" * 100001 + '"}}',
            "json",
            ["ModelCard.ModelCardContent (value not shown) has 100001 characters; the maximum is 100000"],
        ),
        (
            "CustomerMetadataProperties: {'': x}\n",
            "yaml",
            ["Key '' of CustomerMetadataProperties has 0 characters; the minimum is 1"],
        ),
        (
            "InferenceSpecification: {Containers: []}\n",
            "yaml",
            ["InferenceSpecification.Containers has 0 items; the minimum is 1"],
        ),
        ("CustomerMetadataProperties: {}\n", "yaml", ["CustomerMetadataProperties has 0 entries; the minimum is 1"]),
        (
            "InferenceSpecification: {Containers: [{Image: i}], SupportedTransformInstanceTypes: [ml.m5.xlarg]}\n",
            "yaml",
            ["'ml.m5.xlarg' is not a SageMaker transform instance type; did you mean 'ml.m5.xlarge'?"],
        ),
        (
            "InferenceSpecification: {Containers: [{Image: i}], SupportedTransformInstanceTypes: [ML.M5.XLARGE]}\n",
            "yaml",
            ["'ML.M5.XLARGE' is not a SageMaker transform instance type; did you mean 'ml.m5.xlarge'?"],
        ),
        (
            "InferenceSpecification: {Containers: [{Image: i}], SupportedRealtimeInferenceInstanceTypes: [m5.xlarge]}\n",
            "yaml",
            ["'m5.xlarge' is not a SageMaker real-time inference instance type; did you mean 'ml.m5.xlarge'?"],
        ),
        (
            "InferenceSpecification: {Containers: [{Image: i}], SupportedTransformInstanceTypes: [banana]}\n",
            "yaml",
            ["'banana' is not a SageMaker transform instance type"],
        ),
    ],
)
def test_messages(text: str, source: str, expected: list[str]) -> None:
    assert messages(text, source) == expected


def test_wrong_type_message_carries_the_source_note() -> None:
    req = request("CertifyForMarketplace: yes\n")
    node = req.root.get("CertifyForMarketplace")
    assert node is not None
    expected = "CertifyForMarketplace must be a boolean (true or false), not the string 'yes'"
    assert messages("CertifyForMarketplace: yes\n") == [f"{expected} ({node.note})" if node.note else expected]


# Requests built from Python data, for what no text source can write: unknown values, open objects.
class Open(dict):  # type: ignore[type-arg]
    """An object whose member set is partly unknown."""


def build(value: Any, path: str = "", line: list[int] | None = None) -> Node:
    """Return a Node tree for plain data, one synthetic line per node; ``UNKNOWN`` stays unknown."""
    line = line if line is not None else [0]
    line[0] += 1
    span = Span(line[0], 1, line[0], 2)
    if value is UNKNOWN:
        return Node(Kind.UNKNOWN, None, span, path, span)
    if isinstance(value, dict):
        members = {k: build(v, paths.member(path, k), line) for k, v in value.items()}
        return Node(Kind.OBJECT, members, span, path, span, open=isinstance(value, Open))
    if isinstance(value, list):
        return Node(Kind.ARRAY, [build(v, paths.index(path, i), line) for i, v in enumerate(value)], span, path)
    kinds = {str: Kind.STRING, bool: Kind.BOOL, int: Kind.NUMBER, float: Kind.NUMBER, type(None): Kind.NULL}
    return Node(kinds[type(value)], value, span, path, span)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"ModelPackageName": UNKNOWN, "ModelApprovalStatus": UNKNOWN, "InferenceSpecification": UNKNOWN}, []),
        ({"InferenceSpecification": {"Containers": [UNKNOWN], "SupportedTransformInstanceTypes": [UNKNOWN]}}, []),
        ({"InferenceSpecification": Open({"SupportedContentTypes": ["text/csv"]})}, []),
        (UNKNOWN, []),
        (
            {"InferenceSpecification": Open({"Containres": UNKNOWN})},
            [("MP101", "InferenceSpecification.Containres", 3, 1)],
        ),
        (
            {"ValidationSpecification": {"ValidationProfiles": [UNKNOWN]}},
            [("MP103", "ValidationSpecification", 2, 1)],
        ),
        (Open({"CustomerMetadataProperties": Open({})}), []),
        ({"ModelPackageName": True}, [("MP102", "ModelPackageName", 2, 1)]),
    ],
)
def test_unknown_values_are_never_reported(data: Any, expected: list[tuple[str, str, int, int]]) -> None:
    assert findings(Request(build(data))) == expected


def test_cloudformation_only_properties_are_not_unknown() -> None:
    root = build({"ModelPackageVersion": 2, "ApprovalDescription": "x", "Bogus": 1})
    assert findings(Request(root, flavour="cloudformation")) == [("MP101", "Bogus", 4, 1)]
    # In a request file, two output-only members make a saved DescribeModelPackage response:
    # describe-response reports them once, so only 'Bogus' is an unknown member.
    assert findings(Request(root)) == [("MP101", "Bogus", 4, 1)]


def test_one_walk_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Node] = []
    real = conformance.check

    def counting(root: Node, schema: Any, typed: Any = None) -> Any:
        calls.append(root)
        return real(root, schema, typed)

    monkeypatch.setattr(conformance, "check", counting)
    req = request(VALID_YAML)
    findings(req)
    findings(req)
    assert calls == [req.root]


def test_rules_are_registered_in_code_order() -> None:
    ours = {cls.code for cls in (*SCHEMA_RULES, UnknownInstanceType)}
    codes = [cls.code for cls in builtin_rules() if cls.code in ours]
    assert codes == sorted(ours)
    for cls in (*SCHEMA_RULES, UnknownInstanceType):
        assert cls in builtin_rules()
        doc = cls.documentation()
        for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert heading in doc, (cls.code, heading)


@pytest.mark.parametrize("cls", [*SCHEMA_RULES, UnknownInstanceType], ids=lambda cls: cls.code)
def test_rule_examples(cls: Any) -> None:
    rule = cls()
    for case in cls.VALID:
        assert list(rule.check(request(case.text, case.source))) == [], case
    for case in cls.INVALID:
        found = list(rule.check(request(case.text, case.source)))
        assert [(d.path, d.span.line, d.span.column) for d in found] == [(case.at, case.line, case.column)]
        assert case.message is None or case.message in found[0].message


def test_short_value_breaking_the_pattern_is_a_pattern_finding() -> None:
    """A role name where an ARN belongs: the pattern explains more than "19 characters"."""
    from tests.linting import lint

    text = '{"ValidationSpecification": {"ValidationRole": "SageMakerValidation",\n "ValidationProfiles": []}}'
    found = [f for f in lint(text, "json", dedent=False) if f[0] in ("MP105", "MP106")]
    assert found == [("MP105", "ValidationSpecification.ValidationRole", 1, 49)]  # at the 'S'
    empty = [f for f in lint('{"ClientToken": ""}', "json", dedent=False) if f[0] in ("MP105", "MP106")]
    assert empty == [("MP106", "ClientToken", 1, 17)]


# Words and choices for the spelling searches: a small alphabet, so that near words are common.
SPELLINGS = {
    "word": st.text(alphabet="abcdeMnoPRSTmpkg._-", max_size=14),
    "choices": st.lists(st.text(alphabet="abcdeMnoPRSTmpkg._-", max_size=14), max_size=12),
    "cutoff": st.sampled_from([0.0, 0.6, 0.75, 0.8]),
}


@pytest.mark.slow
@settings(max_examples=300, derandomize=True, deadline=None)
@given(**SPELLINGS)
def test_best_match_answers_as_difflib_does(word: str, choices: list[str], cutoff: float) -> None:
    import difflib

    from mplint.suggestions import best_match

    expected = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    assert best_match(word, choices, cutoff) == (expected[0] if expected else None)


@pytest.mark.slow
@settings(max_examples=300, derandomize=True, deadline=None)
@given(**SPELLINGS)
def test_best_matches_are_every_choice_at_difflibs_best_score(word: str, choices: list[str], cutoff: float) -> None:
    import difflib

    from mplint.suggestions import best_matches

    scores = [(difflib.SequenceMatcher(None, c, word).ratio(), c) for c in choices]  # as get_close_matches
    best = max((s for s, _ in scores if s >= cutoff), default=None)
    expected = sorted(c for s, c in scores if s == best)
    assert sorted(best_matches(word, choices, cutoff)) == expected


def test_a_misspelt_instance_types_fix_is_certain_only_when_one_type_is_nearest() -> None:
    from mplint.rules.facts import TRANSFORM, instance_types
    from mplint.rules.instance_types.known import _sole_type, suggest_instance_type

    choices = tuple(sorted(instance_types(TRANSFORM)))
    assert suggest_instance_type("ml.m5.xlarg", choices) == "ml.m5.xlarge"
    assert _sole_type("ml.m5.xlarg", choices, "ml.m5.xlarge")
    # ml.c4.xlarge and ml.c5.xlarge are equally near: the message suggests one, no fix is offered
    assert suggest_instance_type("ml.c.xlarge", choices) == "ml.c5.xlarge"
    assert not _sole_type("ml.c.xlarge", choices, "ml.c5.xlarge")
