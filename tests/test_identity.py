"""Identity, versioning and exclusivity rules (MP201-MP225): exact findings, and silence."""

from __future__ import annotations

import pytest

from mplint.errors import ConfigError
from mplint.model import UNKNOWN
from mplint.rules.identity import exclusivity, names, policy, versioning
from tests.handmade import Open, findings
from tests.linting import lint

IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"
SPEC = f"InferenceSpecification:\n  Containers: [{{Image: {IMAGE}}}]\n"
LISTS = "  SupportedTransformInstanceTypes: [ml.m5.xlarge]\n  SupportedRealtimeInferenceInstanceTypes: [ml.m5.xlarge]\n"
MDS = "{S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}}"

CASES = [
    pytest.param("ModelPackageName: m\n" + SPEC + LISTS, [], id="clean-unversioned"),
    pytest.param("ModelPackageGroupName: g\n" + SPEC, [], id="clean-versioned"),
    pytest.param("ModelPackageDescription: d\n", [("MP201", "", 1, 1)], id="neither-name"),
    pytest.param(
        "ModelPackageName: m\nModelPackageGroupName: g\n" + SPEC, [("MP202", "ModelPackageName", 1, 1)], id="both-names"
    ),
    pytest.param(
        "ModelPackageGroupName: g\nModelPackageName: m\nCertifyForMarketplace: true\n" + SPEC,
        [("MP202", "ModelPackageGroupName", 1, 1)],
        id="both-names-marketplace",
    ),
    pytest.param(
        "ModelPackageGroupName: g\nCertifyForMarketplace: true\n" + SPEC,
        [("MP203", "CertifyForMarketplace", 2, 1)],
        id="certify-true-versioned",
    ),
    pytest.param("ModelPackageGroupName: g\nCertifyForMarketplace: false\n" + SPEC, [], id="certify-false-versioned"),
    pytest.param(
        "ModelPackageName: m\nModelApprovalStatus: Approved\n" + SPEC + LISTS,
        [("MP204", "ModelApprovalStatus", 2, 1)],
        id="approval-unversioned",
    ),
    pytest.param(
        "ModelPackageGroupName: g\nModelApprovalStatus: Approved\n" + SPEC,
        [("MP212", "ModelApprovalStatus", 2, 22)],
        id="approval-versioned",
    ),
    pytest.param("ModelPackageGroupName: g\nTags: []\n" + SPEC, [("MP205", "Tags", 2, 1)], id="tags-versioned"),
    pytest.param(
        "ModelPackageName: m\nSourceUri: arn:aws:sagemaker:x\n" + SPEC + LISTS,
        [("MP206", "SourceUri", 2, 1)],
        id="source-uri-unversioned",
    ),
    pytest.param(
        f"ModelPackageName: m\nInferenceSpecification:\n  Containers:\n    - ModelDataSource: {MDS}\n" + LISTS,
        [("MP207", "InferenceSpecification.Containers[0].ModelDataSource", 4, 7)],
        id="model-data-source-unversioned",
    ),
    pytest.param(
        "ModelPackageName: m\nModelCard: {ModelCardStatus: Draft}\n"
        "CustomerMetadataProperties: {team: growth}\n" + SPEC + LISTS,
        [("MP208", "ModelCard", 2, 1), ("MP209", "CustomerMetadataProperties", 3, 1)],
        id="registry-members-unversioned",
    ),
    pytest.param(
        "ModelPackageName: m\n" + SPEC, [("MP211", "InferenceSpecification", 3, 3)], id="unversioned-without-lists"
    ),
    pytest.param("ModelPackageName: m\n", [("MP220", "", 1, 1)], id="unversioned-nothing-to-run"),
    pytest.param(
        "ModelPackageName: m\nSourceAlgorithmSpecification: {SourceAlgorithms: [{AlgorithmName: a}]}\n",
        [],
        id="unversioned-algorithm",
    ),
    pytest.param(
        "ModelPackageName: m\n" + SPEC + LISTS + "SourceAlgorithmSpecification: "
        "{SourceAlgorithms: [{AlgorithmName: a}]}\n",
        [("MP221", "SourceAlgorithmSpecification", 6, 1)],
        id="inference-and-algorithm",
    ),
    pytest.param("ModelPackageGroupName: g\n", [("MP222", "", 1, 1)], id="version-nothing"),
    pytest.param("ModelPackageGroupName: g\nSourceUri: arn:aws:sagemaker:x\n", [], id="version-source-uri"),
    pytest.param(
        "ModelPackageGroupName: g\nSourceUri: arn:aws:sagemaker:x\n" + SPEC,
        [("MP223", "SourceUri", 2, 1)],
        id="source-uri-with-inference",
    ),
    pytest.param(
        "ModelPackageGroupName: g\nInferenceSpecification:\n  Containers:\n"
        f"    - ModelDataUrl: s3://b/model.tar.gz\n      ModelDataSource: {MDS}\n",
        [("MP224", "InferenceSpecification.Containers[0].ModelDataSource", 5, 7)],
        id="url-and-source",
    ),
    pytest.param(
        "ModelPackageGroupName: g\nInferenceSpecification:\n  Containers:\n"
        f"    - Image: {IMAGE}\n"
        "      AdditionalS3DataSource: {S3DataType: S3Object, S3Uri: s3://b/x.tar.gz}\n",
        [("MP225", "InferenceSpecification.Containers[0].AdditionalS3DataSource", 5, 7)],
        id="additional-s3-data-source",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_findings(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    found = [f for f in lint(text, select=("MP2",)) if f[0] != "MP210"]
    assert found == expected


NAMING = {"model-package-name": "team-[a-z-]+", "model-package-group-name": "team-[a-z-]+", "profile-name": "vp-[0-9]+"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("ModelPackageName: team-churn\n", [], id="name-ok"),
        pytest.param(
            "ModelPackageName: churn-team-x\n", [("MP210", "ModelPackageName", 1, 19)], id="name-bad-full-match"
        ),
        pytest.param(
            "ModelPackageGroupName: arn:aws:sagemaker:us-east-1:111122223333:model-package-group/team-churn\n",
            [],
            id="group-arn-name-part-ok",
        ),
        pytest.param(
            "ModelPackageGroupName: arn:aws:sagemaker:us-east-1:111122223333:model-package-group/churn\n",
            [("MP210", "ModelPackageGroupName", 1, 24)],
            id="group-arn-name-part-bad",
        ),
        pytest.param(
            "ValidationSpecification:\n  ValidationProfiles:\n    - ProfileName: vp-1\n    - ProfileName: profile\n",
            [("MP210", "ValidationSpecification.ValidationProfiles[1].ProfileName", 4, 20)],
            id="profile-name",
        ),
    ],
)
def test_naming_policy(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert lint(text, select=("MP210",), options={"MP210": NAMING}) == expected


def test_naming_policy_is_off_by_default() -> None:
    assert [f for f in lint("ModelPackageName: anything\n") if f[0] == "MP210"] == []


def test_naming_policy_bad_regex_names_the_option() -> None:
    with pytest.raises(ConfigError, match="option 'profile-name' of MP210"):
        lint("ModelPackageName: m\n", options={"MP210": {"profile-name": "vp-("}})


# Values no YAML or JSON file can leave unknown: built by hand, checked by the rule alone.
UNKNOWN_CASES = [
    pytest.param(names.MissingPackageName, Open(ModelPackageDescription="d"), id="MP201-open"),
    pytest.param(names.BothPackageNames, {"ModelPackageName": UNKNOWN}, id="MP202-unknown"),
    pytest.param(
        versioning.MarketplaceCertificationOnVersioned,
        {"ModelPackageGroupName": "g", "CertifyForMarketplace": UNKNOWN},
        id="MP203",
    ),
    pytest.param(
        versioning.ApprovalStatusOnUnversioned,
        Open(ModelPackageName="m", ModelApprovalStatus="Approved"),
        id="MP204-open",
    ),
    pytest.param(versioning.SourceUriOnUnversioned, Open(ModelPackageName="m", SourceUri="arn"), id="MP206-open"),
    pytest.param(
        versioning.CustomerMetadataOnUnversioned,
        Open(ModelPackageName="m", CustomerMetadataProperties={"a": "b"}),
        id="MP209",
    ),
    pytest.param(
        policy.MissingInstanceTypeLists,
        {"ModelPackageName": "m", "InferenceSpecification": Open(Containers=[])},
        id="MP211-open-spec",
    ),
    pytest.param(
        policy.MissingInstanceTypeLists,
        {"ModelPackageName": "m", "InferenceSpecification": UNKNOWN},
        id="MP211-unknown",
    ),
    pytest.param(exclusivity.MissingModelSource, Open(ModelPackageName="m"), id="MP220"),
    pytest.param(
        exclusivity.InferenceAndAlgorithm, Open(ModelPackageName="m", InferenceSpecification=UNKNOWN), id="MP221"
    ),
    pytest.param(exclusivity.VersionWithoutInference, Open(ModelPackageGroupName="g"), id="MP222"),
    pytest.param(exclusivity.SourceUriWithInference, Open(ModelPackageGroupName="g", SourceUri="u"), id="MP223"),
    pytest.param(exclusivity.ModelDataUrlAndSource, {"InferenceSpecification": {"Containers": [UNKNOWN]}}, id="MP224"),
    pytest.param(exclusivity.AdditionalS3DataSource, {"InferenceSpecification": {"Containers": UNKNOWN}}, id="MP225"),
]


@pytest.mark.parametrize(("rule", "tree"), UNKNOWN_CASES)
def test_silent_on_unknown_values(rule: type, tree: object) -> None:
    assert findings(rule, tree) == []


# A member given with a value that is not known statically is present all the same.
PRESENT_CASES = [
    pytest.param(
        versioning.ApprovalStatusOnUnversioned,
        {"ModelPackageName": "m", "ModelApprovalStatus": UNKNOWN},
        [("MP204", "ModelApprovalStatus")],
        id="MP204-unknown",
    ),
    pytest.param(
        versioning.TagsOnVersioned,
        {"ModelPackageGroupName": "g", "Tags": UNKNOWN},
        [("MP205", "Tags")],
        id="MP205-unknown",
    ),
    pytest.param(
        versioning.SourceUriOnUnversioned,
        {"ModelPackageName": "m", "SourceUri": UNKNOWN},
        [("MP206", "SourceUri")],
        id="MP206-unknown",
    ),
    pytest.param(
        versioning.ModelDataSourceOnUnversioned,
        {"ModelPackageName": "m", "InferenceSpecification": {"Containers": [{"ModelDataSource": UNKNOWN}]}},
        [("MP207", "InferenceSpecification.Containers[0].ModelDataSource")],
        id="MP207-unknown",
    ),
    pytest.param(
        versioning.RegistryMemberOnUnversioned,
        {"ModelPackageName": "m", "ModelCard": UNKNOWN},
        [("MP208", "ModelCard")],
        id="MP208-unknown",
    ),
]


@pytest.mark.parametrize(("rule", "tree", "expected"), PRESENT_CASES)
def test_present_with_an_unknown_value(rule: type, tree: object, expected: list[tuple[str, str]]) -> None:
    assert findings(rule, tree) == expected


def test_naming_policy_silent_on_unknown_name() -> None:
    tree = {"ModelPackageName": UNKNOWN}
    assert findings(policy.NamingPolicy, tree, model_package_name="team-.*") == []
    assert findings(policy.NamingPolicy, {"ModelPackageName": "x"}, model_package_name="team-.*") == [
        ("MP210", "ModelPackageName")
    ]


def test_messages_say_who_refuses_what() -> None:
    from mplint.api import lint_text
    from mplint.engine.config import Config

    text = (
        "ModelPackageName: m\nCustomerMetadataProperties: {a: b}\nSourceUri: s3://b/x\n"
        "ModelMetrics: {}\nInferenceSpecification:\n  Containers:\n    - ModelDataSource: "
        "{S3DataSource: {S3Uri: s3://b/, S3DataType: S3Prefix, CompressionType: None}}\n"
    )
    result = lint_text(text, "r.yaml", config=Config(select=("MP206", "MP207", "MP208", "MP209")), forced=True)
    assert [(d.code, d.message) for d in result.diagnostics] == [
        (
            "MP209",
            "CustomerMetadataProperties is described for package versions in a model group; the API "
            "does not forbid it on an unversioned package",
        ),
        (
            "MP206",
            "The SageMaker SDK refuses SourceUri on an unversioned package (the API does not say); "
            "register the model in a group (ModelPackageGroupName)",
        ),
        (
            "MP208",
            "ModelMetrics is a Model Registry feature; the API allows it, but the Model Registry shows "
            "it for versions in a model group, not for unversioned packages",
        ),
        (
            "MP207",
            "The SageMaker SDK refuses ModelDataSource in an unversioned package (and CreateModel "
            "documents it as unusable with AWS Marketplace); give the artifact as ModelDataUrl (a "
            ".tar.gz) or register the model in a group",
        ),
    ]
