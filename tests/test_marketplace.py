"""Marketplace readiness: the Python rules MP540-MP541 and the pack's MP5xx on whole requests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.linting import lint

ROOT = Path(__file__).parent.parent
IMAGE = "111122223333.dkr.ecr.us-east-2.amazonaws.com/churn@sha256:" + "0f" * 32
OTHER = "444455556666.dkr.ecr.us-east-2.amazonaws.com/churn@sha256:" + "0f" * 32
ROLE = "arn:aws:iam::111122223333:role/v"

ACCOUNTS = [
    pytest.param(
        f"CertifyForMarketplace: true\nInferenceSpecification:\n  Containers:\n    - Image: {OTHER}\n"
        f"ValidationSpecification:\n  ValidationRole: {ROLE}\n",
        {},
        [("MP540", "InferenceSpecification.Containers[0].Image", 4, 14)],
        id="other-account",
    ),
    pytest.param(
        f"CertifyForMarketplace: true\nInferenceSpecification:\n  Containers:\n    - Image: {IMAGE}\n"
        f"    - Image: {OTHER}\nValidationSpecification:\n  ValidationRole: {ROLE}\n",
        {},
        [("MP540", "InferenceSpecification.Containers[1].Image", 5, 14)],
        id="second-container",
    ),
    pytest.param(
        f"InferenceSpecification:\n  Containers:\n    - Image: {OTHER}\n"
        f"ValidationSpecification:\n  ValidationRole: {ROLE}\n",
        {"profile": "marketplace"},
        [("MP540", "InferenceSpecification.Containers[0].Image", 3, 14)],
        id="profile",
    ),
    pytest.param(
        f"CertifyForMarketplace: false\nInferenceSpecification:\n  Containers:\n    - Image: {OTHER}\n"
        f"ValidationSpecification:\n  ValidationRole: {ROLE}\n",
        {},
        [],
        id="not-certified",
    ),
    pytest.param(
        f"CertifyForMarketplace: true\nInferenceSpecification:\n  Containers:\n    - Image: {OTHER}\n",
        {},
        [],
        id="no-role",
    ),
    pytest.param(
        "CertifyForMarketplace: true\nInferenceSpecification:\n  Containers:\n    - Image: acme/churn:1\n"
        f"ValidationSpecification:\n  ValidationRole: {ROLE}\n",
        {},
        [],
        id="not-ecr-is-mp505s",
    ),
]


@pytest.mark.parametrize(("text", "config", "expected"), ACCOUNTS)
def test_image_account(text: str, config: dict[str, str], expected: list[tuple[str, str, int, int]]) -> None:
    assert lint(text, select=("MP540",), **config) == expected


BASE = f"CertifyForMarketplace: true\nInferenceSpecification:\n  Containers:\n    - Image: {IMAGE}\n"
REGIONS = [
    pytest.param(
        BASE + "      ModelDataUrl: https://m.s3.eu-west-1.amazonaws.com/m.tar.gz\n",
        [("MP541", "InferenceSpecification.Containers[0].ModelDataUrl", 5, 21)],
        id="virtual-host",
    ),
    pytest.param(
        BASE + "      ModelDataUrl: https://s3.eu-west-1.amazonaws.com/m/m.tar.gz\n",
        [("MP541", "InferenceSpecification.Containers[0].ModelDataUrl", 5, 21)],
        id="path-style",
    ),
    pytest.param(
        BASE + "      ModelDataUrl: https://m.s3-eu-west-1.amazonaws.com/m.tar.gz\n",
        [("MP541", "InferenceSpecification.Containers[0].ModelDataUrl", 5, 21)],
        id="dash-style",
    ),
    pytest.param(BASE + "      ModelDataUrl: https://m.s3.us-east-2.amazonaws.com/m.tar.gz\n", [], id="same-region"),
    pytest.param(BASE + "      ModelDataUrl: s3://bucket-in-eu-west-1/m.tar.gz\n", [], id="s3-scheme-no-region"),
    pytest.param(BASE + "      ModelDataUrl: https://m.s3.amazonaws.com/m.tar.gz\n", [], id="global-endpoint"),
    pytest.param(
        BASE + "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
        "        TransformOutput: {S3OutputPath: 'https://o.s3.eu-west-1.amazonaws.com/out/'}\n",
        [
            (
                "MP541",
                "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformOutput.S3OutputPath",
                8,
                41,
            )
        ],
        id="validation-output",
    ),
    pytest.param(
        BASE + "    - Image: " + IMAGE.replace("us-east-2", "eu-west-1") + "\n"
        "      ModelDataUrl: https://m.s3.eu-west-1.amazonaws.com/m.tar.gz\n",
        [],
        id="images-disagree",
    ),
]


@pytest.mark.parametrize(("text", "expected"), REGIONS)
def test_asset_regions(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert lint(text, select=("MP541",)) == expected


def _marketplace_codes(path: Path, profile: str | None = None) -> list[tuple[str, str]]:
    from mplint.api import lint_text
    from mplint.engine.config import Config

    result = lint_text(path.read_text(encoding="utf-8"), str(path), config=Config(profile=profile), forced=True)
    return [(d.code, d.path) for d in result.diagnostics if d.code[:3] in ("MP4", "MP5")]


@pytest.mark.parametrize("name", ["marketplace-ready.json", "valid-unversioned.json", "valid-versioned.yaml"])
def test_valid_examples_give_no_pack_or_marketplace_finding(name: str) -> None:
    assert _marketplace_codes(ROOT / "examples" / name) == []


def test_marketplace_ready_example_passes_the_profile() -> None:
    assert _marketplace_codes(ROOT / "examples" / "marketplace-ready.json", "marketplace") == []


def test_broken_marketplace_examples() -> None:
    assert _marketplace_codes(ROOT / "examples" / "broken" / "marketplace-listing.json") == [
        ("MP509", "ModelPackageDescription"),
        ("MP504", "SkipModelValidation"),
        ("MP505", "InferenceSpecification.Containers[0].Image"),
        ("MP512", "InferenceSpecification.Containers[0].Image"),
        ("MP506", "InferenceSpecification.Containers[0].ModelDataUrl"),
        ("MP513", "InferenceSpecification.Containers[0].ProductId"),
        ("MP540", "InferenceSpecification.Containers[1].Image"),
        ("MP541", "InferenceSpecification.Containers[1].ModelDataUrl"),
        ("MP508", "InferenceSpecification.SupportedRealtimeInferenceInstanceTypes"),
        ("MP511", "InferenceSpecification.SupportedResponseMIMETypes"),
        ("MP503", "ValidationSpecification.ValidationProfiles"),
    ]
    assert _marketplace_codes(ROOT / "examples" / "broken" / "marketplace-not-yet.yaml", "marketplace") == [
        ("MP502", ""),
        ("MP514", ""),
        ("MP501", "ModelPackageGroupName"),
        ("MP507", "SourceAlgorithmSpecification"),
    ]


def test_a_missing_mime_list_in_a_template_is_one_finding_that_names_the_listing() -> None:
    from mplint.api import lint_text
    from mplint.engine.config import Config
    from mplint.rule import dedent_example

    text = dedent_example("""
    Resources:
      Pkg:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageName: churn
          CertifyForMarketplace: true
          InferenceSpecification:
            Containers: [{Image: i}]
            SupportedResponseMIMETypes: []
    """)
    result = lint_text(text, "template.yaml", config=Config(select=("MP510", "MP511", "MP802")), forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column, d.message) for d in result.diagnostics] == [
        (
            "MP802",
            "InferenceSpecification",
            8,
            9,
            "InferenceSpecification lacks SupportedContentTypes, which AWS::SageMaker::ModelPackage requires "
            "in CloudFormation (the API does not), and an AWS Marketplace listing documents it "
            "(marketplace-missing-content-types); add SupportedContentTypes",
        ),
        (
            "MP511",
            "InferenceSpecification.SupportedResponseMIMETypes",
            9,
            37,
            "SupportedResponseMIMETypes is missing or empty; the listing must document the output MIME "
            "types, e.g. [application/json].",
        ),
    ]
    request = (
        "ModelPackageName: churn\nCertifyForMarketplace: true\nInferenceSpecification:\n  Containers: [{Image: i}]\n"
    )
    assert list(lint(request, select=("MP510", "MP511"))) == [
        ("MP510", "InferenceSpecification", 4, 3),
        ("MP511", "InferenceSpecification", 4, 3),
    ]
