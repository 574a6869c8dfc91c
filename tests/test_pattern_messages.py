"""Pattern findings in words, with the caret at the first character no match can have."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.rules.pattern_messages import noun
from mplint.schema import load
from mplint.schema.pattern_words import WORDS, first_offence
from tests.linting import findings


def found(text: str, name: str = "r.yaml", **config: object) -> list[tuple[object, ...]]:
    return findings(text, name, fields=("path", "span", "message"), dedent=True, select=("MP105",), **config)


def test_every_pattern_of_the_model_is_said_in_words() -> None:
    shipped = {s.pattern for s in load().shapes.values() if s.pattern}
    assert sorted(shipped - set(WORDS)) == []


@pytest.mark.parametrize(
    ("pattern", "text", "index"),
    [
        ("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", "churn_model_v2", 5),
        ("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", "-churn", 0),
        ("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", "churn-", 6),  # ends too early
        (r"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+", "arn:aws:iam::1234:role/x", 17),
        (r"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+", "arn:aws:iam::١١١١٢٢٢٢٣٣٣٣:role/x", 13),
        ("(https|s3)://([^/]+)/?(.*)", "s3:/bucket/key", 4),
        (r"[-\w]+\/.+", "*/*", 0),
        (r"[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*", "ok\tno", 2),
        ("[Ss][Hh][Aa]256:[0-9a-fA-F]{64}", "sha256:" + "a" * 63 + "g", 70),
    ],
)
def test_first_offence(pattern: str, text: str, index: int) -> None:
    assert first_offence(pattern, text) == index


def test_message_in_words_and_caret_at_the_character() -> None:
    assert found('{"ModelPackageName": "churn_model_v2"}', "r.json") == [
        (
            "ModelPackageName",
            (1, 28, 1, 29),
            "ModelPackageName 'churn_model_v2': a model package name is 1–63 letters, digits and hyphens, "
            "starting and ending with a letter or digit; '_' (character 6) is not allowed",
        )
    ]


def test_a_value_that_ends_too_early_and_an_empty_one() -> None:
    assert found("ModelPackageGroupName: churn-\n") == [
        (
            "ModelPackageGroupName",
            (1, 29, 1, 30),
            "ModelPackageGroupName 'churn-': a model package group name is 1–63 letters, digits and "
            "hyphens, starting with a letter or digit and not ending with a hyphen, or a SageMaker ARN "
            "ending in such a name; it cannot end with '-'",
        )
    ]
    assert [m for _, _, m in found('InferenceSpecification: {Containers: [{Image: ""}]}\n')] == [
        "InferenceSpecification.Containers[0].Image '': an image is at least one character, with no "
        "spaces or other whitespace; it cannot be empty"
    ]


def test_too_long_only_is_left_to_string_length() -> None:
    text = "ModelPackageName: " + "a" * 70 + "\n"
    result = lint_text(text, "r.yaml", config=Config(select=("MP105", "MP106")), forced=True)
    assert [(d.code, d.span.column) for d in result.diagnostics] == [("MP106", 19)]


def test_python_sdk_register_and_escaped_strings() -> None:
    text = """
    model.register(
        model_package_group_name="churn models",
        description="first\\tsecond",
    )
    """
    assert [(p, s) for p, s, _ in found(text, "x.py")] == [
        ("ModelPackageGroupName", (2, 36, 2, 37)),
        ("ModelPackageDescription", (3, 17, 3, 32)),  # an escape: the whole literal
    ]


def test_dict_update_construction_and_a_role_name() -> None:
    text = """
    spec = {"ValidationProfiles": []}
    spec.update(ValidationRole="SageMakerValidation")
    sm.create_model_package(ModelPackageName="m", ValidationSpecification=spec)
    """
    assert found(text, "x.py") == [
        (
            "ValidationSpecification.ValidationRole",
            (2, 29, 2, 30),
            "ValidationSpecification.ValidationRole 'SageMakerValidation': a validation role is an IAM "
            "role ARN, arn:aws:iam::<12-digit account>:role/<name>; 'S' (character 1) is not allowed",
        )
    ]


def test_cloudformation_intrinsics_are_not_checked() -> None:
    text = """
    Resources:
      Pkg:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageGroupName: !Sub "${Team}_models"
    """
    assert found(text, "template.yaml") == []


def test_explain_lists_the_regular_expressions() -> None:
    from mplint.cli import cli

    out = CliRunner().invoke(cli, ["explain", "MP105"]).output
    assert (
        "| 1–63 letters, digits and hyphens, starting and ending with a letter or digit | "
        "`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` | ContainerHostname, EntityName, HubContentName |" in out
    )


@pytest.mark.parametrize(
    ("member", "words"),
    [
        ("ModelPackageGroupName", "model package group name"),
        ("S3Uri", "S3 URI"),
        ("KmsKeyId", "KMS key id"),
        ("SupportedResponseMIMETypes", "supported response MIME types"),
        ("ModelDataUrl", "model data URL"),
        ("ValidationRole", "validation role"),
    ],
)
def test_member_names_in_words(member: str, words: str) -> None:
    assert noun(member) == words


def test_hostile_long_value_is_quick_and_exact() -> None:
    text = "a" * 1000 + "_"
    assert first_offence("[a-zA-Z0-9_-]*[a-z]", text) == 1001
    assert first_offence(r"[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*", "x" * 100_000 + "\x07") == 100_000


def test_an_incomplete_value_is_said_so() -> None:
    assert found("InferenceSpecification:\n  SupportedResponseMIMETypes: [json]\n") == [
        (
            "InferenceSpecification.SupportedResponseMIMETypes[0]",
            (2, 35, 2, 36),  # its last character
            "InferenceSpecification.SupportedResponseMIMETypes[0] 'json': an item of SupportedResponseMIMETypes "
            "is a MIME type: a type of letters, digits, '_' and '-', a '/', then the subtype, like "
            "application/json; it stops before it is complete",
        )
    ]
