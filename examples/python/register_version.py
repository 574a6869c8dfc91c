"""Register a new version of the churn model in its model package group."""

import boto3

sm = boto3.client("sagemaker")

IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"


def register(artifact: str) -> str:
    request = {
        "ModelPackageGroupName": "churn-models",
        "ModelApprovalStatus": "PendingManualApproval",
        "InferenceSpecification": {
            "Containers": [{"Image": IMAGE, "ModelDataUrl": artifact}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
            "SupportedTransformInstanceTypes": ["ml.m5.xlarge"],
        },
    }
    request.update(ModelPackageDescription="Gradient-boosted churn model")
    return sm.create_model_package(**request)["ModelPackageArn"]
