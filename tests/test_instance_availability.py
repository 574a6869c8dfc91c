"""MP305 (instance type not offered in a Region) and MP306 (previous-generation family)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config, parse_settings
from mplint.errors import ConfigError
from mplint.rule import dedent_example
from mplint.schema import generate_regions, regions
from tests.linting import lint

SELECT = ("MP305", "MP306")
T = "InferenceSpecification.SupportedTransformInstanceTypes"
R = "InferenceSpecification.SupportedRealtimeInferenceInstanceTypes"
P = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.InstanceType"


@pytest.mark.slow
def test_shipped_region_data_matches_a_fresh_generation() -> None:
    pytest.importorskip("cfnlint")
    assert generate_regions.REGIONS_FILE.read_text("utf-8") == generate_regions.generate()


@pytest.mark.slow
def test_region_data_check_mode(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("cfnlint")
    stale = tmp_path / "regions.json"
    stale.write_text("{}\n")
    monkeypatch.setattr(generate_regions, "REGIONS_FILE", stale)
    assert generate_regions.main(["--check"]) == 1
    monkeypatch.setattr(
        generate_regions, "REGIONS_FILE", generate_regions.Path(regions.__file__).with_name("regions.json")
    )
    assert generate_regions.main(["--check"]) == 0


def test_region_data_header_and_what_no_region_offers() -> None:
    assert regions.cfn_lint_version() == "1.58.0"
    realtime, transform = regions.offers("realtime"), regions.offers("transform")
    assert (len(realtime.regions), len(transform.regions)) == (38, 36)
    assert realtime.where("ml.p3.2xlarge") == frozenset() == transform.where("ml.p2.xlarge")
    assert "us-east-1" in transform.where("ml.m5.xlarge")
    assert transform.where("ml.g6e.xlarge") == {"ap-south-1", "ap-south-2", "us-east-1", "us-east-2", "us-west-2"}


def test_loading_region_data_imports_no_cfn_lint() -> None:
    code = "import sys; from mplint.schema import regions as r; r.offers('transform');print('cfnlint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def test_no_region_every_field() -> None:
    text = """
    ModelPackageGroupName: g
    InferenceSpecification:
      SupportedTransformInstanceTypes: [ml.p2.xlarge, ml.m5.xlarge]
      SupportedRealtimeInferenceInstanceTypes: [ml.p3.16xlarge]
    AdditionalInferenceSpecifications:
      - SupportedTransformInstanceTypes: [ml.p3.8xlarge]
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformResources: {InstanceType: ml.p2.8xlarge, InstanceCount: 1}
    """
    assert lint(text, select=("MP305",)) == [
        ("MP305", f"{T}[0]", 3, 37),
        ("MP305", f"{R}[0]", 4, 45),
        ("MP305", "AdditionalInferenceSpecifications[0].SupportedTransformInstanceTypes[0]", 6, 39),
        ("MP305", P, 10, 44),
    ]


def test_configured_regions_name_where_it_is_offered() -> None:
    text = "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.g6e.xlarge, ml.m5.xlarge]\n"
    result = lint_text(
        text, "r.yaml", config=Config(select=("MP305",), regions=("eu-west-3", "us-east-1")), forced=True
    )
    assert [(d.path, d.span.line, d.span.column, d.message) for d in result.diagnostics] == [
        (
            f"{T}[0]",
            2,
            37,
            "'ml.g6e.xlarge' is not offered for batch transform in eu-west-3; Regions "
            "that offer it: ap-south-1, ap-south-2, us-east-1, us-east-2, us-west-2",
        ),
    ]
    assert lint(text, select=("MP305",)) == []  # offered somewhere; no Regions configured


def test_regions_key_in_a_config_file_and_an_unknown_region() -> None:
    config = parse_settings({"regions": ["ap-south-1"]}, "pyproject.toml")
    assert config.regions == ("ap-south-1",)
    text = "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.g7e.2xlarge]\n"
    found = lint(text, select=("MP305",), regions=("ap-south-1",))
    assert found == (
        [] if "ap-south-1" in regions.offers("realtime").where("ml.g7e.2xlarge") else [("MP305", f"{R}[0]", 2, 45)]
    )
    with pytest.raises(ConfigError, match="'regions': 'eu-west-9' is not a Region"):
        lint(text, select=("MP305",), regions=("eu-west-9",))
    with pytest.raises(ConfigError, match="'regions' must be a list"):
        parse_settings({"regions": [1]}, "pyproject.toml")
    with pytest.raises(ConfigError) as failed:
        parse_settings(
            {"regions": ["us-east-1", "eu-west-9"]},
            ".mplint.yaml",
            text="select: [MP]\nregions: [us-east-1, eu-west-9]\n",
        )
    assert (str(failed.value.message), failed.value.file, failed.value.line) == (
        "'regions': 'eu-west-9' is not a Region SageMaker offers inference in; did you mean 'eu-west-3'?",
        ".mplint.yaml",
        2,
    )


def test_cli_region_option(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from mplint.cli import cli

    path = tmp_path / "r.json"
    path.write_text(
        json.dumps(
            {
                "ModelPackageGroupName": "g",
                "InferenceSpecification": {"SupportedTransformInstanceTypes": ["ml.g6e.xlarge"]},
            }
        )
    )
    out = CliRunner().invoke(cli, ["check", str(path), "-q", "--select", "MP305", "--region", "eu-west-1"])
    assert out.exit_code == 1
    assert "MP305 'ml.g6e.xlarge' is not offered for batch transform in eu-west-1" in out.output
    out = CliRunner().invoke(cli, ["check", str(path), "-q", "--select", "MP305", "--region", "us-east-1"])
    assert out.exit_code == 0


def test_dict_update_and_star_star_construction() -> None:
    text = """
    import boto3
    sm = boto3.client("sagemaker")
    spec = {"Containers": [{"Image": image}]}
    spec.update({"SupportedRealtimeInferenceInstanceTypes": ["ml.m4.xlarge", "ml.p3.2xlarge"]})
    args = {"ModelPackageGroupName": "churn", "InferenceSpecification": spec}
    sm.create_model_package(**args, ModelApprovalStatus="PendingManualApproval")
    """
    assert lint(text, "python", select=SELECT) == [
        ("MP306", f"{R}[0]", 4, 58),
        ("MP305", f"{R}[1]", 4, 74),
        ("MP306", f"{R}[1]", 4, 74),
    ]


def test_sdk_register_with_previous_generation_types_and_the_fix() -> None:
    text = """
    model.register(
        model_package_group_name="churn",
        inference_instances=["ml.c4.large", "ml.t2.medium"],
        transform_instances=["ml.c4.xlarge"],
    )
    """
    result = lint_text(dedent_example(text), "x.py", config=Config(select=("MP306",)), forced=True)
    found = [(d.path, d.span.line, d.span.column, d.message, d.fix and d.fix.replacement) for d in result.diagnostics]
    assert found == [
        (f"{R}[0]", 3, 26, "'ml.c4.large' is a previous-generation type; use ml.c5.large", '"ml.c5.large"'),
        (
            f"{R}[1]",
            3,
            41,
            "'ml.t2.medium' is a previous-generation type; use ml.m5.large or ml.c5.large "
            "(SageMaker offers no newer burstable type for inference)",
            None,
        ),
        (f"{T}[0]", 4, 26, "'ml.c4.xlarge' is a previous-generation type; use ml.c5.xlarge", '"ml.c5.xlarge"'),
    ]
    assert "unsafe" in result.diagnostics[0].fix.title  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["ml.m4.${Size}", "ml.m5.xlarge", "ml.m4.nope", "m4.xlarge"])
def test_unknown_or_other_values_are_left_alone(value: str) -> None:
    text = (
        f"sm.create_model_package(InferenceSpecification={{'SupportedRealtimeInferenceInstanceTypes': [f'{value}']}})"
    )
    assert lint(text, "python", select=SELECT) == []
    yaml_text = f"InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: ['{value}']\n"
    assert list(lint(yaml_text, select=SELECT)) == []


def test_hostile_many_values_one_finding_each() -> None:
    items = ", ".join(["ml.p3.2xlarge"] * 5000)
    text = f"InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [{items}]\n"
    found = lint(text, select=("MP305",))
    assert len(found) == 5000 and found[0] == ("MP305", f"{R}[0]", 2, 45)


def test_a_type_priced_for_the_other_use_only_is_not_said_to_be_nowhere() -> None:
    # ml.inf2.xlarge is a TransformInstanceType, but the data prices it for endpoints only.
    assert regions.offers("transform").where("ml.inf2.xlarge") == frozenset()
    assert regions.offers("realtime").where("ml.inf2.xlarge") != frozenset()
    text = "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.inf2.xlarge, ml.p3.2xlarge]\n"
    assert lint(text, select=("MP305",)) == [("MP305", f"{T}[1]", 2, 53)]
    assert lint(text, select=("MP305",), regions=("us-east-1",)) == [("MP305", f"{T}[1]", 2, 53)]
