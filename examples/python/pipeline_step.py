"""A SageMaker Pipelines step that registers the trained model: mistakes mplint finds in it."""

from sagemaker.workflow.parameters import ParameterString
from sagemaker.workflow.step_collections import RegisterModel

approval = ParameterString(name="ModelApprovalStatus", default_value="Approved")
bucket = "acme-models"


def register_step(estimator, model_metrics):
    return RegisterModel(
        name="RegisterChurnModel",
        estimator=estimator,
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.p3.2xlarge", "ml.m5.large"],
        transform_instances=["ml.m5.xlarge"],
        model_package_group_name="churn_models",
        approval_status=approval,
        model_metrics=model_metrics,
        sample_payload_url=f"s3://{bucket}/payloads/sample.csv.gz",
    )
