"""MP734 placeholder-value: one finding per placeholder, the pattern rule silent on it."""

from __future__ import annotations

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.rule import dedent_example
from mplint.rules.facts import placeholder_text
from tests.linting import lint


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("string", "string"),
        ("<INSERT>", "<INSERT>"),
        ("arn:aws:sagemaker:<region>:1:x", "<region>"),
        ("REPLACE_ME", "REPLACE_ME"),
        ("replace-me-bucket", "replace-me"),
        ("dummy role", "dummy"),
        ("TODO", "TODO"),
        ("TODO: describe", "TODO"),
        ("s3://xxx/model.tar.gz", "xxx"),
        ("arn:aws:iam::XXXXXXXXXXXX:role/r", "XXXXXXXXXXXX"),
        ("strings", None),
        ("a string", None),
        ("todo-app", None),
        ("xxl-models", None),
        ("ml.m5.4xlarge", None),
        ("dummyfile", None),
        ("", None),
        ("<>", None),
    ],
)
def test_placeholder_text(text: str, found: str | None) -> None:
    assert placeholder_text(text) == found


def test_pattern_rule_does_not_also_fire_and_repeats_are_one_finding() -> None:
    text = """
    {
      "ModelPackageGroupName": "<ModelPackageGroupName>",
      "ValidationSpecification": {
        "ValidationRole": "<ModelPackageGroupName>",
        "ValidationProfiles": [{"ProfileName": "<ModelPackageGroupName>"}]
      },
      "ModelPackageDescription": "string"
    }
    """
    result = lint_text(dedent_example(text), "r.json", config=Config(select=("MP105", "MP734")), forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column, d.message) for d in result.diagnostics] == [
        (
            "MP734",
            "ModelPackageGroupName",
            2,
            28,
            "ModelPackageGroupName is a placeholder ('<ModelPackageGroupName>'); put the real value in "
            "(the same placeholder is also at ValidationSpecification.ValidationRole, "
            "ValidationSpecification.ValidationProfiles[0].ProfileName)",
        ),
        (
            "MP734",
            "ModelPackageDescription",
            7,
            30,
            "ModelPackageDescription is a placeholder ('string'); put the real value in",
        ),
    ]


def test_nine_places_are_named_three_and_counted() -> None:
    env = ", ".join(f"V{i}: TODO" for i in range(9))
    found = lint_text(
        f"ModelPackageGroupName: g\nInferenceSpecification:\n  Containers:\n    - Environment: {{{env}}}\n",
        "r.yaml",
        config=Config(select=("MP734",)),
        forced=True,
    ).diagnostics
    assert [(d.path, d.message.split("also at ")[1]) for d in found] == [
        (
            "InferenceSpecification.Containers[0].Environment.V0",
            "InferenceSpecification.Containers[0].Environment.V1, InferenceSpecification.Containers[0]"
            ".Environment.V2, InferenceSpecification.Containers[0].Environment.V3 and 5 more)",
        ),
    ]


def test_dict_update_construction_and_sdk_keyword_names() -> None:
    text = """
    request = dict(ModelPackageGroupName="churn")
    request.update({"SamplePayloadUrl": "s3://REPLACE_ME/payload.tar.gz"})
    sm.create_model_package(**request)
    model.register(model_package_group_name="churn", description="dummy model")
    """
    result = lint_text(dedent_example(text), "x.py", config=Config(select=("MP734", "MP105")), forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column, d.message.split(";")[0]) for d in result.diagnostics] == [
        (
            "MP734",
            "SamplePayloadUrl",
            2,
            37,
            "SamplePayloadUrl holds a placeholder, 'REPLACE_ME', in 's3://REPLACE_ME/payload.tar.gz'",
        ),
        ("MP734", "ModelPackageDescription", 4, 62, "description holds a placeholder, 'dummy', in 'dummy model'"),
    ]


def test_unknown_values_enums_and_secrets_are_left_alone() -> None:
    assert (
        lint("sm.create_model_package(ModelPackageGroupName=f'<{team}>', **extra)\n", "python", select=("MP734",)) == []
    )
    assert lint("ModelPackageGroupName: g\nSkipModelValidation: TODO\n", select=("MP734",)) == []
    secret = "AKIA" + "XXXXXXXXXXXXXXXX"
    found = lint_text(
        f"ModelPackageGroupName: g\nInferenceSpecification:\n  Containers:\n"
        f"    - Environment: {{AWS_ACCESS_KEY_ID: {secret}}}\n",
        "r.yaml",
        config=Config(select=("MP734",)),
        forced=True,
    ).diagnostics
    assert [d for d in found if secret in d.message] == []


def test_hostile_long_value() -> None:
    assert lint("ModelPackageDescription: '" + "<" * 100_000 + "'\n", select=("MP734",)) == []
    assert lint("ModelPackageDescription: '" + "x" * 2000 + " <a>'\n", select=("MP734",)) == [
        ("MP734", "ModelPackageDescription", 1, 26)
    ]


def test_the_same_placeholder_in_different_values_is_one_finding() -> None:
    text = """
    InferenceSpecification:
      Containers: [{ModelDataUrl: "s3://<bucket>/model.tar.gz"}]
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformOutput: {S3OutputPath: "s3://<bucket>/out/", KmsKeyId: "<kms-key-arn>"}
            TransformResources: {VolumeKmsKeyId: "<kms-key-arn>"}
    """
    result = lint_text(dedent_example(text), "r.yaml", config=Config(), forced=True)
    T = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition."
    assert [
        (d.code, d.path, d.span.line, d.span.column, d.message)
        for d in result.diagnostics
        if d.code in ("MP734", "MP105", "MP401", "MP604")
    ] == [
        (
            "MP734",
            "InferenceSpecification.Containers[0].ModelDataUrl",
            2,
            31,
            "InferenceSpecification.Containers[0].ModelDataUrl holds a placeholder, '<bucket>', in "
            f"'s3://<bucket>/model.tar.gz'; put the real value in (the same placeholder is also at "
            f"{T}TransformOutput.S3OutputPath)",
        ),
        (
            "MP734",
            f"{T}TransformOutput.KmsKeyId",
            6,
            73,
            f"{T}TransformOutput.KmsKeyId is a placeholder ('<kms-key-arn>'); put the real value in "
            f"(the same placeholder is also at {T}TransformResources.VolumeKmsKeyId)",
        ),
    ]
