"""Hygiene rules (MP720-MP733): exact findings, no double reports, silence on unknown values."""

from __future__ import annotations

import pytest

from mplint.model import UNKNOWN
from mplint.rules.hygiene import content as declared
from mplint.rules.hygiene import skeletons as hygiene
from tests.handmade import findings
from tests.linting import lint

CASES = [
    pytest.param(
        "AdditionalInferenceSpecifications:\n  - {Name: a}\n  - {Name: b}\n  - {Name: a}\n",
        [("MP720", "AdditionalInferenceSpecifications[2].Name", 4, 12)],
        id="duplicate-spec-name",
    ),
    pytest.param("Tags: [{Key: t, Value: a}, {Key: T, Value: b}]\n", [], id="tag-keys-by-case"),
    pytest.param(
        "Tags: [{Key: t, Value: a}, {Key: t, Value: b}, {Key: t, Value: c}]\n",
        [("MP721", "Tags[1].Key", 1, 34), ("MP721", "Tags[2].Key", 1, 54)],
        id="duplicate-tag-keys",
    ),
    pytest.param('Tags: [{Key: "aws:cost", Value: a}]\n', [("MP722", "Tags[0].Key", 1, 14)], id="reserved-tag"),
    pytest.param(
        "CustomerMetadataProperties: {KeyName: x}\n",
        [("MP723", "CustomerMetadataProperties.KeyName", 1, 30)],
        id="keyname-map",
    ),
    pytest.param("MetadataProperties: {CommitId: KeyName}\n", [], id="keyname-value-not-key"),
    pytest.param(
        '{"ModelPackageName": "", "ClientToken": "", "InferenceSpecification": '
        '{"Containers": [{"Image": "", "Environment": {"KeyName": ""}}]}}',
        [("MP724", "", 1, 1), ("MP723", "InferenceSpecification.Containers[0].Environment.KeyName", 1, 117)],
        id="skeleton",
    ),
    pytest.param(
        '{"ModelPackageName": "", "ModelPackageDescription": "", "SourceUri": ""}',
        [],
        id="one-placeholder-is-not-a-skeleton",
    ),
    pytest.param(
        "InferenceSpecification:\n  Containers: [{ModelDataUrl: s3://b/model.tgz}]\n",
        [("MP725", "InferenceSpecification.Containers[0].ModelDataUrl", 2, 31)],
        id="not-tar-gz",
    ),
    pytest.param("InferenceSpecification:\n  Containers: [{ModelDataUrl: model.pkl}]\n", [], id="not-a-url-is-mp105"),
    pytest.param(
        "CertifyForMarketplace: true\nInferenceSpecification:\n  Containers: [{ModelDataUrl: s3://b/model.pkl}]\n",
        [],
        id="marketplace-left-to-mp506",
    ),
    pytest.param(
        "SourceAlgorithmSpecification:\n  SourceAlgorithms: [{AlgorithmName: a, ModelDataUrl: s3://b/m.zip}]\n",
        [("MP725", "SourceAlgorithmSpecification.SourceAlgorithms[0].ModelDataUrl", 2, 55)],
        id="algorithm-not-tar-gz",
    ),
    pytest.param("Task: IMAGE_CLASSIFICATION\nDomain: COMPUTER_VISION\n", [], id="listed"),
    pytest.param(
        "Task: summarization\nDomain: nlp\n", [("MP726", "Task", 1, 7), ("MP727", "Domain", 2, 9)], id="unlisted"
    ),
    pytest.param(
        "ModelCard: {ModelCardContent: '[1, 2]'}\n",
        [("MP728", "ModelCard.ModelCardContent", 1, 31)],
        id="card-not-object",
    ),
    pytest.param(
        "ModelCard: {ModelCardContent: '{\"model_package_details\": 1}'}\n",
        [("MP729", "ModelCard.ModelCardContent", 1, 31)],
        id="card-package-details",
    ),
    pytest.param(
        "AdditionalInferenceSpecifications:\n"
        "  - {Name: a, Containers: [{ContainerHostname: h}]}\n"
        "  - {Name: b, Containers: [{ContainerHostname: h}]}\n",
        [],
        id="hostnames-per-specification",
    ),
    pytest.param(
        "AdditionalInferenceSpecifications:\n"
        "  - {Name: a, SupportedContentTypes: [], SupportedResponseMIMETypes: [a/b, A/B]}\n",
        [
            ("MP731", "AdditionalInferenceSpecifications[0].SupportedContentTypes", 2, 38),
            ("MP732", "AdditionalInferenceSpecifications[0].SupportedResponseMIMETypes[1]", 2, 76),
        ],
        id="mime-lists",
    ),
    pytest.param(
        "CertifyForMarketplace: true\nInferenceSpecification: {SupportedContentTypes: []}\n",
        [],
        id="marketplace-empty-list-left-to-mp510",
    ),
    pytest.param(
        'ModelLifeCycle: {Stage: a, StageStatus: b, StageDescription: "x\\ny"}\n',
        [("MP733", "ModelLifeCycle.StageDescription", 1, 62)],
        id="line-break",
    ),
    pytest.param('ModelPackageDescription: "x\\ny"\n', [], id="description-is-mp105"),
    pytest.param(
        '{"MetadataProperties": {"CommitId": "4f2c\\u2028e1", "Repository": "\\u00e9t\\u00e9"}}',
        [("MP733", "MetadataProperties.CommitId", 1, 37)],
        id="unicode-line-break",
    ),
    pytest.param(
        '{"ModelPackageName": "", "ModelPackageDescription": "", "ClientToken": "x"}',
        [],
        id="two-placeholders-are-not-a-skeleton",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_findings(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    source = "json" if text.startswith("{") else "yaml"
    assert lint(text, source, select=("MP72", "MP73")) == expected


def test_line_break_in_sensitive_content_is_not_shown() -> None:
    from mplint.api import lint_text
    from mplint.engine.config import Config

    text = 'ModelCard: {ModelCardContent: "{\\"secret\\": 1}\\n"}\n'
    result = lint_text(text, "x.yaml", config=Config(select=("MP733",)), forced=True)
    assert [d.path for d in result.diagnostics] == ["ModelCard.ModelCardContent"]
    assert "secret" not in result.diagnostics[0].message


UNKNOWN_CASES = [
    pytest.param(
        hygiene.DuplicateAdditionalSpecificationName,
        {"AdditionalInferenceSpecifications": [{"Name": UNKNOWN}, {"Name": UNKNOWN}]},
        id="MP720",
    ),
    pytest.param(hygiene.DuplicateTagKey, {"Tags": [{"Key": UNKNOWN}, {"Key": UNKNOWN}]}, id="MP721"),
    pytest.param(hygiene.ReservedTagKey, {"Tags": [{"Key": UNKNOWN}]}, id="MP722"),
    pytest.param(hygiene.SkeletonMapKey, {"CustomerMetadataProperties": UNKNOWN}, id="MP723"),
    pytest.param(
        hygiene.UneditedSkeleton, {"ModelPackageName": UNKNOWN, "ClientToken": UNKNOWN, "SourceUri": ""}, id="MP724"
    ),
    pytest.param(hygiene.ModelDataNotTarGz, {"SamplePayloadUrl": UNKNOWN}, id="MP725"),
    pytest.param(declared.UnlistedTask, {"Task": UNKNOWN}, id="MP726"),
    pytest.param(declared.UnlistedDomain, {"Domain": UNKNOWN}, id="MP727"),
    pytest.param(declared.ModelCardContentNotJson, {"ModelCard": {"ModelCardContent": UNKNOWN}}, id="MP728"),
    pytest.param(declared.ModelCardPackageDetails, {"ModelCard": UNKNOWN}, id="MP729"),
    pytest.param(
        declared.DuplicateContainerHostname,
        {"InferenceSpecification": {"Containers": [{"ContainerHostname": UNKNOWN}, {"ContainerHostname": UNKNOWN}]}},
        id="MP730",
    ),
    pytest.param(
        declared.EmptyMimeTypeList, {"InferenceSpecification": {"SupportedContentTypes": UNKNOWN}}, id="MP731"
    ),
    pytest.param(
        declared.DuplicateMimeType,
        {"InferenceSpecification": {"SupportedContentTypes": [UNKNOWN, UNKNOWN]}},
        id="MP732",
    ),
    pytest.param(declared.LineBreakInSingleLineField, {"MetadataProperties": UNKNOWN}, id="MP733"),
]


@pytest.mark.parametrize(("rule", "tree"), UNKNOWN_CASES)
def test_silent_on_unknown_values(rule: type, tree: object) -> None:
    assert findings(rule, tree) == []


@pytest.mark.parametrize("suffix", ["x.json", "x.yaml"])
def test_skeleton_lists_placeholders_in_document_order(suffix: str) -> None:
    from mplint.api import lint_text
    from mplint.engine.config import Config

    text = (
        '{"AdditionalInferenceSpecifications": [{"Name": "a", "Containers": [{"Image": ""}]}], '
        '"CustomerMetadataProperties": {"KeyName": "v"}, '
        '"InferenceSpecification": {"Containers": [{"Image": "i", "ModelDataSource": {"S3DataSource": '
        '{"ModelAccessConfig": {"AcceptEula": true}}}}]}, '
        '"ModelPackageName": ""}'
    )
    result = lint_text(text, suffix, config=Config(select=("MP724",)), forced=True)
    assert [d.message for d in result.diagnostics] == [
        "4 values look like placeholders of a generated CLI skeleton "
        "(AdditionalInferenceSpecifications[0].Containers[0].Image, "
        "CustomerMetadataProperties.KeyName, "
        "InferenceSpecification.Containers[0].ModelDataSource.S3DataSource.ModelAccessConfig.AcceptEula, …); "
        "fill them in or remove the members you do not need"
    ]
