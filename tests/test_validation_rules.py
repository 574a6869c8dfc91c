"""Validation-job rules (MP701-MP707): exact findings, and silence on what cannot be known."""

from __future__ import annotations

import pytest

from mplint.model import UNKNOWN
from mplint.rules.hygiene import validation
from tests.handmade import Open, findings
from tests.linting import lint

JOB = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition"
HEAD = "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
MDS = "{S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}}"


def job(*lines: str) -> str:
    """Return a request whose one validation job has the given member lines."""
    return HEAD + "".join(f"        {line}\n" for line in lines)


CASES = [
    pytest.param(job("MaxPayloadInMB: 100", "MaxConcurrentTransforms: 1"), [], id="at-limits"),
    pytest.param(job("MaxPayloadInMB: 101"), [("MP701", f"{JOB}.MaxPayloadInMB", 4, 25)], id="payload-over"),
    pytest.param(
        job("MaxPayloadInMB: 200", "MaxConcurrentTransforms: 4"),
        [("MP701", f"{JOB}.MaxPayloadInMB", 4, 25)],
        id="payload-over-not-twice",
    ),
    pytest.param(
        job("MaxPayloadInMB: 25", "MaxConcurrentTransforms: 5"),
        [("MP702", f"{JOB}.MaxConcurrentTransforms", 5, 34)],
        id="product-over",
    ),
    pytest.param(job("MaxPayloadInMB: 25", "MaxConcurrentTransforms: 4"), [], id="product-at"),
    pytest.param(job("MaxPayloadInMB: 0", "MaxConcurrentTransforms: 64"), [], id="payload-0"),
    pytest.param(
        job("BatchStrategy: MultiRecord", "TransformInput: {ContentType: text/csv}"),
        [("MP703", f"{JOB}.BatchStrategy", 4, 24)],
        id="multirecord-no-split",
    ),
    pytest.param(
        job("BatchStrategy: MultiRecord", "TransformInput: {SplitType: RecordIO}"), [], id="multirecord-recordio"
    ),
    pytest.param(job("BatchStrategy: SingleRecord", "TransformInput: {SplitType: None}"), [], id="singlerecord"),
    pytest.param(job("BatchStrategy: MultiRecord"), [], id="multirecord-input-absent"),
    pytest.param(
        job("TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 101}"),
        [("MP704", f"{JOB}.TransformResources.InstanceCount", 4, 73)],
        id="instances-over",
    ),
    pytest.param(
        job("TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 0}"), [], id="instances-zero-is-schema"
    ),
    pytest.param(
        job("TransformInput:", "  DataSource: {S3DataSource: {S3DataType: AugmentedManifestFile, S3Uri: s}}"),
        [("MP705", f"{JOB}.TransformInput.DataSource.S3DataSource.S3DataType", 5, 51)],
        id="augmented-manifest",
    ),
    pytest.param(
        "SkipModelValidation: All\nValidationSpecification: {ValidationRole: r}\n",
        [("MP706", "SkipModelValidation", 1, 22)],
        id="skip-with-spec",
    ),
    pytest.param(
        "SkipModelValidation: All\nCertifyForMarketplace: true\nValidationSpecification: {ValidationRole: r}\n",
        [],
        id="skip-marketplace-mp504",
    ),
    pytest.param("SkipModelValidation: None\nValidationSpecification: {ValidationRole: r}\n", [], id="no-skip"),
    pytest.param(
        f"InferenceSpecification:\n  Containers:\n    - ModelDataSource: {MDS}\n"
        "ValidationSpecification: {ValidationRole: r}\n",
        [("MP707", "InferenceSpecification.Containers[0].ModelDataSource", 3, 7)],
        id="model-data-source-validated",
    ),
    pytest.param(
        f"InferenceSpecification:\n  Containers:\n    - ModelDataSource: {MDS}\n",
        [],
        id="model-data-source-not-validated",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_findings(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert lint(text, select=("MP7",)) == expected


def _tree(**members: object) -> dict[str, object]:
    return {"ValidationSpecification": {"ValidationProfiles": [{"TransformJobDefinition": members}]}}


UNKNOWN_CASES = [
    pytest.param(validation.PayloadTooLarge, _tree(MaxPayloadInMB=UNKNOWN), id="MP701"),
    pytest.param(
        validation.ConcurrentPayloadTooLarge, _tree(MaxPayloadInMB=UNKNOWN, MaxConcurrentTransforms=64), id="MP702"
    ),
    pytest.param(
        validation.BatchStrategyWithoutSplit,
        _tree(BatchStrategy="MultiRecord", TransformInput={"SplitType": UNKNOWN}),
        id="MP703-unknown-split",
    ),
    pytest.param(
        validation.BatchStrategyWithoutSplit, _tree(BatchStrategy="MultiRecord", TransformInput=Open()), id="MP703-open"
    ),
    pytest.param(
        validation.BatchStrategyWithoutSplit,
        _tree(BatchStrategy=UNKNOWN, TransformInput={}),
        id="MP703-unknown-strategy",
    ),
    pytest.param(
        validation.TooManyTransformInstances, _tree(TransformResources={"InstanceCount": UNKNOWN}), id="MP704"
    ),
    pytest.param(validation.AugmentedManifestInput, _tree(TransformInput={"DataSource": UNKNOWN}), id="MP705"),
    pytest.param(
        validation.SkippedValidationSpecification,
        {"SkipModelValidation": UNKNOWN, "ValidationSpecification": {}},
        id="MP706",
    ),
    pytest.param(
        validation.ModelDataSourceWithValidation,
        {"InferenceSpecification": {"Containers": [UNKNOWN]}, "ValidationSpecification": {}},
        id="MP707",
    ),
]


@pytest.mark.parametrize(("rule", "tree"), UNKNOWN_CASES)
def test_silent_on_unknown_values(rule: type, tree: object) -> None:
    assert findings(rule, tree) == []
