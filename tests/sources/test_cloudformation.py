"""CloudFormation templates as a request source: requests, labels, intrinsics, suppressions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.model import Kind
from mplint.rule import dedent_example
from mplint.sources import cloudformation, detect
from tests.linting import findings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cloudformation"


def found(
    text: str, filename: str = "template.yaml", select: tuple[str, ...] = ("MP0", "MP1", "MP8")
) -> list[tuple[Any, ...]]:
    """Lint a template with the source and CloudFormation rules; return (code, request, path, line, column)."""
    return findings(text, filename, fields=("code", "request", "path", "line", "column"), forced=False, select=select)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def template(body: str) -> str:
    return dedent_example(body)


def test_intrinsics_in_short_and_long_form_are_never_reported() -> None:
    assert found(fixture("intrinsics.yaml")) == []


def test_intrinsics_become_unknown_nodes() -> None:
    loaded = cloudformation.load(fixture("intrinsics.yaml"), "template.yaml")
    short, long = loaded.requests
    assert (short.label, long.label) == ("ShortForms", "LongForms")
    assert {r.flavour for r in loaded.requests} == {"cloudformation"}
    image = short.root.find("InferenceSpecification.Containers[0].Image")
    assert image is not None and image.kind is Kind.UNKNOWN
    assert (image.path, image.span.line, image.span.column) == ("InferenceSpecification.Containers[0].Image", 15, 20)
    listed = long.root.find("InferenceSpecification.SupportedTransformInstanceTypes")
    assert listed is not None and [i.kind for i in listed.items()] == [Kind.UNKNOWN] * 2
    no_value = long.root.find("InferenceSpecification.SupportedRealtimeInferenceInstanceTypes")
    assert no_value is not None and no_value.kind is Kind.UNKNOWN


def test_fn_if_at_member_level_makes_objects_open_or_unknown() -> None:
    loaded = cloudformation.load(fixture("fn-if.yaml"), "template.yaml")
    conditional, mixed = loaded.requests
    assert conditional.root.kind is Kind.OBJECT and conditional.root.open
    assert (conditional.root.path, conditional.root.span.line) == ("", 5)
    spec = mixed.root.get("InferenceSpecification")
    assert spec is not None and spec.kind is Kind.UNKNOWN
    card = mixed.root.get("ModelCard")
    assert card is not None and card.open and list(card.value) == ["ModelCardStatus"]  # type: ignore[arg-type]
    # Neither "missing" ModelCardContent (MP802) nor a name conflict is reported.
    assert found(fixture("fn-if.yaml")) == []


def test_json_template() -> None:
    assert found(fixture("template.json"), "stack.template") == [
        ("MP104", "ChurnPackage", "ModelApprovalStatus", 9, 32),
    ]


def test_sam_template_reads_yaml_11_booleans() -> None:
    # `yes` is a boolean to CloudFormation's YAML 1.1 reader, unlike in a request file.
    assert found(fixture("sam.yaml")) == [
        ("MP102", "ChurnPackage", "ModelPackageDescription", 17, 32),
    ]
    request_file = "ModelPackageName: churn\nModelPackageDescription: yes\n"
    assert found(request_file, "request.yaml") == []


def test_cdk_synthesised_template() -> None:
    assert found(fixture("cdk.template.json"), "cdk.out/ChurnStack.template.json") == [
        ("MP801", "ChurnPackageB1E2F3A4", "ModelLifeCycle", 21, 5),
    ]


def test_template_without_model_package_is_skipped() -> None:
    text = fixture("no-model-package.yaml")
    assert detect("template.yaml", text) == "cloudformation"
    assert cloudformation.load(text, "template.yaml").requests == ()
    result = lint_text(text, "template.yaml", config=Config())
    assert (result.skipped, result.diagnostics) == (True, [])
    other = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
    assert detect("template.yaml", other) is None


@pytest.mark.parametrize("name", ["template.yaml", "spec.yaml", "stack.json", "infra.template"])
def test_recognised_by_content_whatever_the_name(name: str) -> None:
    text = fixture("template.json") if name.endswith((".json", ".template")) else fixture("sam.yaml")
    assert detect(name, text) == "cloudformation"


def test_cloudformation_only_properties_are_not_unknown_members() -> None:
    text = template(
        """
        Resources:
          Pkg:
            Type: AWS::SageMaker::ModelPackage
            Properties:
              ModelPackageGroupName: churn
              ModelPackageVersion: 3
              ApprovalDescription: ok
              LastModifiedTime: "2024-01-01T00:00:00Z"
              AdditionalInferenceSpecificationsToAdd: []
              ModelPackageStatusDetails: {ValidationStatuses: []}
              ModelPackageArn: arn:aws:sagemaker:us-east-1:111122223333:model-package/churn/3
        """
    )
    assert found(text) == [("MP809", "Pkg", "ModelPackageArn", 11, 7)]
    (request,) = cloudformation.load(text, "template.yaml").requests
    assert sorted(request.root.value) == ["ModelPackageGroupName"]  # type: ignore[arg-type]
    assert request.extras["ModelPackageVersion"].path == "ModelPackageVersion"
    assert sorted(request.extras) == [
        "AdditionalInferenceSpecificationsToAdd",
        "ApprovalDescription",
        "LastModifiedTime",
        "ModelPackageArn",
        "ModelPackageStatusDetails",
        "ModelPackageVersion",
    ]


def test_resource_without_properties_is_an_empty_request_at_the_resource() -> None:
    text = "Resources:\n  Empty:\n    Type: AWS::SageMaker::ModelPackage\n"
    (request,) = cloudformation.load(text, "template.yaml").requests
    assert (request.label, request.root.kind, request.root.value, request.root.path) == ("Empty", Kind.OBJECT, {}, "")
    assert (request.root.span.line, request.root.span.column) == (3, 5)


METADATA = """
    Resources:
      Ignored:
        Type: AWS::SageMaker::ModelPackage
        Metadata:
          mplint: {ignore: [MP104, mp801]}
        Properties:
          ModelPackageGroupName: churn
          ModelApprovalStatus: Aproved
          ModelLifeCycle: {Stage: dev, StageStatus: ok}
      Checked:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageGroupName: churn
          ModelApprovalStatus: Aproved
    """


def test_metadata_ignore_applies_to_its_resource_only() -> None:
    text = template(METADATA)
    first = cloudformation.load(text, "template.yaml").requests[0]
    assert first.ignored == frozenset({"MP104", "MP801"})
    assert found(text) == [("MP104", "Checked", "ModelApprovalStatus", 14, 28)]


def test_comment_directives_suppress_findings() -> None:
    text = template(
        """
        Resources:
          Pkg:
            Type: AWS::SageMaker::ModelPackage
            Properties:
              ModelPackageGroupName: churn
              ModelApprovalStatus: Aproved  # mplint: disable=MP104
              # mplint: disable=MP801
              ModelLifeCycle: {Stage: dev, StageStatus: ok}
              ManagedStorageType: Restricted
        """
    )
    assert found(text) == [("MP801", "Pkg", "ManagedStorageType", 9, 7)]


def test_duplicate_keys_inside_properties_get_api_paths_others_are_dropped() -> None:
    text = template(
        """
        Resources:
          B:
            Type: AWS::S3::Bucket
            Properties: {BucketName: a, BucketName: b}
          Pkg:
            Type: AWS::SageMaker::ModelPackage
            Properties:
              ModelPackageGroupName: churn
              ModelPackageGroupName: churn2
        """
    )
    assert found(text) == [("MP003", "Pkg", "ModelPackageGroupName", 9, 7)]


def test_parse_error_is_reported() -> None:
    text = "Resources:\n  Pkg:\n    Type: AWS::SageMaker::ModelPackage\n    Properties: [\n"
    assert found(text) == [("MP001", "", "", 5, 1)]


def test_unknown_local_tag_is_unknown_not_a_parse_error() -> None:
    text = template(
        """
        Resources:
          Pkg:
            Type: AWS::SageMaker::ModelPackage
            Properties:
              ModelPackageGroupName: !Custom churn
        """
    )
    assert found(text) == []
