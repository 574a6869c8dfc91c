"""MP005 describe-response, and null members: one wrong-type finding, absent for other rules."""

from __future__ import annotations

import json

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.rule import dedent_example
from tests.linting import lint

RESPONSE = {
    "ModelPackageGroupName": "churn",
    "ModelPackageVersion": 3,
    "ModelPackageArn": "arn:aws:sagemaker:us-east-1:111122223333:model-package/churn/3",
    "ModelPackageDescription": "v3",
    "CreationTime": "2026-01-05T10:00:00.000000+00:00",
    "ModelPackageStatus": "Completed",
    "ModelPackageStatusDetails": {"ValidationStatuses": []},
    "CreatedBy": {"UserProfileName": "ana"},
    "LastModifiedTime": "2026-01-05T10:00:00.000000+00:00",
    "LastModifiedBy": {"UserProfileName": "ana"},
    "ApprovalDescription": "ok",
    "ResponseMetadata": {"RequestId": "abc", "HTTPStatusCode": 200},
}


def test_a_saved_response_is_one_finding_with_a_fix_that_reparses_clean() -> None:
    text = json.dumps(RESPONSE, indent=2)
    result = lint_text(text, "pkg.json", config=Config(ignore=("MP222",)), forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("MP005", "ModelPackageVersion", 3, 3)
    ]
    d = result.diagnostics[0]
    assert d.message == (
        "This is a DescribeModelPackage response, not a CreateModelPackage request: "
        "ModelPackageVersion, ModelPackageArn, CreationTime, ModelPackageStatus and 6 more are output "
        "only, and botocore refuses members the request does not have (Unknown parameter in input); "
        "remove them to register it again"
    )
    assert d.fix is not None and "unsafe" in d.fix.title
    assert json.loads(d.fix.replacement) == {"ModelPackageGroupName": "churn", "ModelPackageDescription": "v3"}
    assert lint_text(d.fix.replacement, "pkg.json", config=Config(ignore=("MP222",)), forced=True).diagnostics == []


def test_one_stray_output_member_is_an_unknown_member() -> None:
    assert lint('{"ModelPackageGroupName": "g", "ModelPackageArn": "a"}', "json", ignore=("MP222",)) == [
        ("MP101", "ModelPackageArn", 1, 32)
    ]


def test_yaml_response_and_python_dict_literal() -> None:
    text = "ModelPackageGroupName: churn\nModelPackageStatus: Completed\nCreationTime: 2026-01-05\n"
    assert lint(text, ignore=("MP222",)) == [("MP005", "ModelPackageStatus", 2, 1)]
    py = """
    response = {"ModelPackageGroupName": "churn", "ModelPackageArn": arn, "ModelPackageStatus": "Completed"}
    sm.create_model_package(**response)
    """
    result = lint_text(dedent_example(py), "x.py", config=Config(ignore=("MP222",)), forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column, d.fix) for d in result.diagnostics] == [
        ("MP005", "ModelPackageArn", 1, 47, None)
    ]


def test_cloudformation_read_only_properties_are_not_a_response() -> None:
    text = """
    Resources:
      Pkg:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageGroupName: churn
          ModelPackageArn: arn
          ModelPackageStatus: Completed
    """
    assert [f for f in lint(text, "cloudformation") if f[0] == "MP005"] == []


def test_null_members_one_finding_each_and_absent_for_other_rules() -> None:
    text = """
    {"ModelPackageGroupName": "g", "ModelPackageName": null,
     "ValidationSpecification": {"ValidationRole": "arn:aws:iam::111122223333:role/r", "ValidationProfiles": [{
       "ProfileName": "p", "TransformJobDefinition": {
         "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/i/"}}},
         "TransformOutput": {"S3OutputPath": "s3://b/o/", "KmsKeyId": null},
         "TransformResources": {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1, "VolumeKmsKeyId": null}}}]}}
    """
    P = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition."
    result = lint_text(dedent_example(text), "r.json", config=Config(ignore=("MP222",)), forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("MP102", "ModelPackageName", 1, 52),
        ("MP102", P + "TransformOutput.KmsKeyId", 5, 67),
        ("MP102", P + "TransformResources.VolumeKmsKeyId", 6, 99),
    ]
    assert result.diagnostics[0].message == (
        "ModelPackageName: null is not allowed: botocore and the AWS CLI refuse it before sending "
        "(Invalid type for parameter, value: None); give a value or omit the member"
    )


def test_a_null_group_leaves_an_unversioned_package() -> None:
    text = "ModelPackageName: m\nModelPackageGroupName: null\nModelApprovalStatus: Approved\n"
    assert lint(text, select=("MP102", "MP202", "MP204", "MP212")) == [
        ("MP102", "ModelPackageGroupName", 2, 24),
        ("MP204", "ModelApprovalStatus", 3, 1),
    ]


def test_a_response_with_a_secret_gets_no_fix_and_no_echo() -> None:
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    data = dict(
        RESPONSE,
        InferenceSpecification={
            "Containers": [
                {
                    "Image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1",
                    "Environment": {"AWS_SECRET_ACCESS_KEY": secret},
                }
            ]
        },
    )
    result = lint_text(json.dumps(data, indent=2), "pkg.json", config=Config(select=("MP005",)), forced=True)
    assert [(d.code, d.fix) for d in result.diagnostics] == [("MP005", None)]
    assert secret not in result.diagnostics[0].message


def test_hostile_response_shapes() -> None:
    # Thousands of members, and YAML scalars JSON has no word for, in what the fix keeps.
    many = {f"Extra{i}": i for i in range(5000)}
    text = json.dumps({**RESPONSE, **many})
    found = lint_text(text, "pkg.json", config=Config(select=("MP005", "MP101")), forced=True).diagnostics
    assert (len(found), found[0].code, sum(d.code == "MP101" for d in found)) == (5001, "MP005", 5000)
    yaml_text = (
        "ModelPackageGroupName: g\nModelPackageStatus: Completed\nCreationTime: 2026-01-05\nDomain: 2026-01-06\n"
    )
    (d,) = lint_text(yaml_text, "pkg.yaml", config=Config(select=("MP005",)), forced=True).diagnostics
    assert d.fix is not None and json.loads(d.fix.replacement) == {"ModelPackageGroupName": "g", "Domain": "2026-01-06"}
