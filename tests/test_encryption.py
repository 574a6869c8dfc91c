"""KMS key rules MP401-MP402: exact findings, and silence on what cannot be known."""

from __future__ import annotations

from typing import Any

import pytest

from mplint.model import Kind, Node, Request, Span
from mplint.rules.encryption import KEY_FORMS, MalformedKmsKey, VolumeKeyWithLocalStorage
from tests.linting import lint

SELECT = ("MP401", "MP402", "MP105")
B = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition"


def _profile(resources: str, output: str = "{S3OutputPath: s3://b/o/}") -> str:
    return (
        "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
        f"        TransformOutput: {output}\n        TransformResources: {resources}\n"
    )


CASES = [
    pytest.param(
        "SecurityConfig: {KmsKeyId: ExampleAlias}\n", [("MP401", "SecurityConfig.KmsKeyId", 1, 28)], id="bare-alias"
    ),
    pytest.param(
        "SecurityConfig: {KmsKeyId: 'mrk-1234'}\n", [("MP401", "SecurityConfig.KmsKeyId", 1, 28)], id="short-mrk"
    ),
    pytest.param(
        "SecurityConfig: {KmsKeyId: 'arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab'}\n",
        [("MP401", "SecurityConfig.KmsKeyId", 1, 28)],
        id="short-account",
    ),
    pytest.param(
        "SecurityConfig: {KmsKeyId: 'alias/my.key'}\n",
        [("MP105", "SecurityConfig.KmsKeyId", 1, 37)],
        id="pattern-is-mp105-only",
    ),
    pytest.param("SecurityConfig: {KmsKeyId: ''}\n", [], id="empty-not-checked"),
    pytest.param(
        _profile(
            "{InstanceType: ml.g4dn.xlarge, InstanceCount: 1, VolumeKmsKeyId: alias/v}",
            "{S3OutputPath: s3://b/o/, KmsKeyId: bad-alias_x}",
        ),
        [("MP401", f"{B}.TransformOutput.KmsKeyId", 4, 62), ("MP402", f"{B}.TransformResources.VolumeKmsKeyId", 5, 94)],
        id="both",
    ),
    pytest.param(
        _profile("{InstanceType: ml.trn1.2xlarge, InstanceCount: 1, VolumeKmsKeyId: ''}"), [], id="empty-volume-key"
    ),
    pytest.param(
        _profile("{InstanceType: ml.inf2.xlarge, InstanceCount: 1, VolumeKmsKeyId: alias/v}"), [], id="ebs-only-inf2"
    ),
    pytest.param(
        _profile("{InstanceType: ml.m5d.xlarge, InstanceCount: 1, VolumeKmsKeyId: alias/v}"),
        [],
        id="realtime-only-type-is-another-rules-finding",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_findings(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert lint(text, select=SELECT) == expected


@pytest.mark.parametrize(
    "value",
    [
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "mrk-1234abcd12ab34cd56ef1234567890ab",
        "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
        "alias/aws/sagemaker",
        "arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias",
    ],
)
def test_the_five_forms(value: str) -> None:
    assert KEY_FORMS.fullmatch(value)


def _n(kind: Kind, value: object, path: str) -> Node:
    return Node(kind, value, Span(1, 1, 1, 2), path)


def test_unknown_values_are_never_reported() -> None:
    res = f"{B}.TransformResources"
    resources = _n(
        Kind.OBJECT,
        {
            "InstanceType": _n(Kind.UNKNOWN, None, f"{res}.InstanceType"),
            "VolumeKmsKeyId": _n(Kind.STRING, "alias/v", f"{res}.VolumeKmsKeyId"),
        },
        res,
    )
    job = _n(Kind.OBJECT, {"TransformResources": resources}, B)
    profile = _n(Kind.OBJECT, {"TransformJobDefinition": job}, "ValidationSpecification.ValidationProfiles[0]")
    profiles = _n(Kind.ARRAY, [profile], "ValidationSpecification.ValidationProfiles")
    spec = _n(Kind.OBJECT, {"ValidationProfiles": profiles}, "ValidationSpecification")
    security = _n(Kind.OBJECT, {"KmsKeyId": _n(Kind.UNKNOWN, None, "SecurityConfig.KmsKeyId")}, "SecurityConfig")
    root = _n(Kind.OBJECT, {"ValidationSpecification": spec, "SecurityConfig": security}, "")
    request = Request(root)
    assert list(MalformedKmsKey().check(request)) == []
    assert list(VolumeKeyWithLocalStorage().check(request)) == []
