"""MP610-MP612: model metrics and drift baselines that are not what their slot says."""

from __future__ import annotations

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.rule import dedent_example
from tests.linting import lint

SELECT = ("MP610", "MP611", "MP612")


def test_boto3_dict_update_star_star_construction() -> None:
    text = """
    metrics = {"ModelQuality": {"Statistics": {"ContentType": "json", "S3Uri": f"{base}/statistics.json"}}}
    metrics["ModelDataQuality"] = {
        "Statistics": {"ContentType": "application/json", "S3Uri": "s3://b/data/statistics.json"},
        "Constraints": {"ContentType": "application/json", "S3Uri": "s3://b/data/statistics.json"},
    }
    metrics.update({"Bias": {"Report": {"ContentType": "application/json", "S3Uri": "s3://b/shap/analysis.json"}}})
    request = {"ModelPackageGroupName": "churn", "ModelMetrics": metrics}
    sm.create_model_package(**request)
    """
    result = lint_text(dedent_example(text), "x.py", config=Config(select=SELECT), forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column, d.fix and d.fix.replacement) for d in result.diagnostics] == [
        ("MP610", "ModelMetrics.ModelQuality.Statistics.ContentType", 1, 59, '"application/json"'),
        ("MP611", "ModelMetrics.ModelDataQuality.Constraints.S3Uri", 4, 65, None),
        ("MP612", "ModelMetrics.Bias.Report.S3Uri", 6, 81, None),
    ]


def test_drift_baselines_in_a_template_and_intrinsics_left_alone() -> None:
    text = """
    Resources:
      Pkg:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageGroupName: churn
          DriftCheckBaselines:
            ModelQuality:
              Statistics: {ContentType: text/csv, S3Uri: !Sub "s3://${Bucket}/b/statistics.json"}
              Constraints: {ContentType: text/csv, S3Uri: !Sub "s3://${Bucket}/b/statistics.json"}
            Bias:
              ConfigFile: {ContentType: JSON, S3Uri: s3://b/explainability-config.json}
    """
    found = list(lint(text, "cloudformation", select=SELECT))
    assert found == [
        ("MP610", "DriftCheckBaselines.Bias.ConfigFile.ContentType", 11, 37),
        ("MP612", "DriftCheckBaselines.Bias.ConfigFile.S3Uri", 11, 50),
    ]


def test_mime_types_with_parameters_and_wildcards_pass() -> None:
    for value in ("application/json", "text/csv; charset=utf-8", "application/x-parquet", "*/*x"):
        text = f"ModelMetrics:\n  Explainability:\n    Report: {{ContentType: '{value}', S3Uri: s3://b/e.json}}\n"
        expected = [] if value != "*/*x" else [("MP610", "ModelMetrics.Explainability.Report.ContentType", 3, 27)]
        assert lint(text, select=SELECT) == expected


def test_sdk_register_metrics_objects_are_unknown() -> None:
    text = "model.register(model_package_group_name='g', model_metrics=ModelMetrics(model_statistics=s))\n"
    assert lint(text, "python", select=SELECT) == []


def test_hostile_many_sources() -> None:
    reports = "\n".join(f"    K{i}: {{ContentType: json, S3Uri: s3://b/{i}}}" for i in range(2000))
    found = lint(f"ModelMetrics:\n  Bias:\n{reports}\n", select=("MP610",))
    assert (len(found), found[0]) == (2000, ("MP610", "ModelMetrics.Bias.K0.ContentType", 3, 23))
