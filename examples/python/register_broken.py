"""Register a churn model version: this request has mistakes mplint finds before AWS does."""

import boto3

sm = boto3.client("sagemaker")

BASE = {
    "ModelPackageGroupName": "churn models",
    "InferenceSpecification": {
        "Containers": [{"Image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"}],
        "SupportedContentTypes": ["text/csv"],
        "SupportedResponseMIMETypes": ["text/csv"],
        "SupportedTransformInstanceTypes": ["ml.m5.xlarg"],
    },
}


def register(artifact: str) -> str:
    request = dict(BASE, ModelApprovalStatus="Approve")
    request["InferenceSpecification"]["Containers"][0]["ModelDataUrl"] = artifact
    return sm.create_model_package(**request, ClientToken=None)["ModelPackageArn"]
