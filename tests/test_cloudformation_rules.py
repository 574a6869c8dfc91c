"""CloudFormation-only rules MP801-MP810: exact findings, and silence where they must not fire."""

from __future__ import annotations

from typing import Any

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.rules.cloudformation.members import template
from tests.linting import findings

IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"
LONG = "x" * 1025
ENV = lambda n: "{" + ", ".join(f"V{i}: x" for i in range(n)) + "}"  # noqa: E731


def found(text: str, filename: str = "template.yaml", select: tuple[str, ...] = ("MP8",)) -> list[Any]:
    return findings(text, filename, select=select)


CASES = [
    (
        "api-member-missing-from-cfn",
        "ModelPackageGroupName: g\nManagedStorageType: Restricted",
        [("MP801", "ManagedStorageType", 6, 7)],
    ),
    (
        "nested-members-missing-from-cfn",
        f"""
        InferenceSpecification:
          Containers:
            - Image: {IMAGE}
              ProductId: prod-1
              ModelDataSource: {{S3DataSource: {{S3Uri: s3://b/m/, ManifestS3Uri: s3://b/m.json}}}}
          SupportedContentTypes: [text/csv]
          SupportedResponseMIMETypes: [text/csv]
        SourceAlgorithmSpecification:
          SourceAlgorithms: [{{AlgorithmName: a, ModelDataSource: !Ref Source}}]
        """,
        [
            ("MP801", "InferenceSpecification.Containers[0].ProductId", 8, 13),
            ("MP801", "InferenceSpecification.Containers[0].ModelDataSource.S3DataSource.ManifestS3Uri", 9, 64),
            ("MP801", "SourceAlgorithmSpecification.SourceAlgorithms[0].ModelDataSource", 13, 47),
        ],
    ),
    (
        "cfn-required-members",
        f"""
        InferenceSpecification:
          Containers: [{{ModelDataUrl: s3://b/m.tar.gz}}, {{Image: {IMAGE}}}, !Ref Third]
        ModelCard: {{}}
        """,
        [
            ("MP802", "InferenceSpecification", 6, 9),
            ("MP802", "InferenceSpecification", 6, 9),
            ("MP802", "InferenceSpecification.Containers[0]", 6, 22),
            ("MP802", "ModelCard", 7, 18),
            ("MP802", "ModelCard", 7, 18),
        ],
    ),
    (
        "required-member-from-unknown-is-fine",
        "InferenceSpecification: !If [A, {}, {}]\nModelCard: {Fn::Transform: x}",
        [],
    ),
    (
        "data-input-config-over-1024",
        f"InferenceSpecification: {{Containers: [{{ModelInput: {{DataInputConfig: {LONG}}}}}]}}",
        [
            ("MP802", "InferenceSpecification", 5, 31),
            ("MP802", "InferenceSpecification", 5, 31),
            ("MP802", "InferenceSpecification.Containers[0]", 5, 45),
            ("MP803", "InferenceSpecification.Containers[0].ModelInput.DataInputConfig", 5, 76),
        ],
    ),
    (
        "data-input-config-at-1024",
        "AdditionalInferenceSpecifications: [{Containers: [{ModelInput: {DataInputConfig: "
        + "x" * 1024
        + "}, Image: i}]}]",
        [],
    ),
    (
        "environment-over-16",
        f"AdditionalInferenceSpecifications: [{{Name: a, Containers: [{{Image: i, Environment: {ENV(17)}}}]}}]",
        [("MP804", "AdditionalInferenceSpecifications[0].Containers[0].Environment", 5, 90)],
    ),
    (
        "environment-at-16",
        f"AdditionalInferenceSpecifications: [{{Name: a, Containers: [{{Image: i, Environment: {ENV(16)}}}]}}]",
        [],
    ),
    (
        "environment-over-100-is-mp108s",
        f"AdditionalInferenceSpecifications: [{{Name: a, Containers: [{{Image: i, Environment: {ENV(101)}}}]}}]",
        [],
    ),
    (
        "empty-validation-profiles",
        "ValidationSpecification: {ValidationRole: r, ValidationProfiles: []}",
        [("MP805", "ValidationSpecification.ValidationProfiles", 5, 72)],
    ),
    (
        "duplicate-container-second",
        "AdditionalInferenceSpecifications: [{Name: a, Containers: [{Image: i}, {Image: j}, {Image: i}]}]",
        [("MP808", "AdditionalInferenceSpecifications[0].Containers[2]", 5, 90)],
    ),
    (
        "framework-version-pattern-bad-is-mp105s",
        "AdditionalInferenceSpecifications: [{Name: a, Containers: [{Image: i, FrameworkVersion: x-1}]}]",
        [],
    ),
    (
        "read-only-and-version",
        "ModelPackageGroupName: g\nCreationTime: 2024-01-01\nModelPackageVersion: '0'",
        [("MP809", "CreationTime", 6, 7), ("MP810", "ModelPackageVersion", 7, 28)],
    ),
    ("version-as-digit-string", "ModelPackageGroupName: g\nModelPackageVersion: '4'", []),
]


@pytest.mark.parametrize(("properties", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_cloudformation_rules(properties: str, expected: list[Any]) -> None:
    assert found(template(properties)) == expected


REQUEST_FILE = f"""
ModelPackageGroupName: g
ModelLifeCycle: {{Stage: dev, StageStatus: ok}}
ModelCard: {{ModelCardStatus: Draft}}
InferenceSpecification:
  Containers: [{{ModelDataUrl: s3://b/m.tar.gz, Environment: {ENV(17)}}}, {{ModelDataUrl: s3://b/m.tar.gz, Environment: {ENV(17)}}}]
ValidationSpecification: {{ValidationRole: r, ValidationProfiles: []}}
"""


@pytest.mark.parametrize("filename", ["request.yaml", "request.json"])
def test_request_files_are_not_held_to_cloudformation(filename: str) -> None:
    text = REQUEST_FILE
    if filename.endswith(".json"):
        import json

        import yaml

        text = json.dumps(yaml.safe_load(REQUEST_FILE))
    assert found(text, filename) == []


def test_too_long_for_the_api_is_left_to_mp106() -> None:
    text = template(
        "InferenceSpecification: {Containers: [{Image: i, ModelInput: {DataInputConfig: "
        + "x" * 16385
        + "}}], SupportedContentTypes: [], SupportedResponseMIMETypes: []}"
    )
    assert found(text, select=("MP8", "MP106")) == [
        ("MP106", "InferenceSpecification.Containers[0].ModelInput.DataInputConfig", 5, 86)
    ]


def test_the_engine_runs_template_rules_on_templates_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from mplint.api import engine_for
    from mplint.rule import Rule

    engine = engine_for(Config(select=("MP8",)))
    template_rules = {type(r) for r in engine.rules if r.flavours == frozenset({"cloudformation"})}
    assert len(template_rules) == 10
    ran: list[str] = []
    for cls in template_rules:
        original = cls.check

        def spy(self: Rule, request: Any, original: Any = original) -> Any:
            ran.append(self.code)
            return original(self, request)

        monkeypatch.setattr(cls, "check", spy)
    lint_text(
        '{"ModelPackageGroupName": "g", "ManagedStorageType": "Restricted"}',
        "request.json",
        config=Config(select=("MP8",)),
        forced=True,
    )
    assert ran == []
    assert found(template("ModelPackageGroupName: g\nManagedStorageType: Restricted")) == [
        ("MP801", "ManagedStorageType", 6, 7)
    ]
    assert len(ran) == 10
