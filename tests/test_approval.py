"""MP212 approved-at-registration: request files, boto3 with dict + update + **, SDK register."""

from __future__ import annotations

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.rule import dedent_example
from tests.linting import lint


def messages(text: str, source: str = "example.py", **config: object) -> list[tuple[object, ...]]:
    result = lint_text(dedent_example(text), source, config=Config(select=("MP212",), **config), forced=True)
    return [(d.path, d.span.line, d.span.column, d.message) for d in result.diagnostics]


def test_boto3_dict_update_and_star_star() -> None:
    text = """
    args = {"ModelPackageGroupName": "churn"}
    args.update(ModelApprovalStatus="Approved")
    sm.create_model_package(**args, InferenceSpecification=spec)
    """
    assert lint(text, "python", select=("MP212",)) == [("MP212", "ModelApprovalStatus", 2, 33)]


def test_sdk_register_names_the_sdk_keyword() -> None:
    text = """
    model.register(
        content_types=["text/csv"],
        model_package_group_name=group,
        approval_status="Approved",
    )
    """
    assert messages(text) == [
        (
            "ModelApprovalStatus",
            4,
            21,
            "approval_status is Approved when the version is registered: it skips review, and where "
            "approval triggers deployment (the usual MLOps templates) it deploys at once; register it "
            "as PendingManualApproval and approve it after review",
        )
    ]


def test_registered_model_step_and_other_statuses() -> None:
    step = "RegisterModel(name='r', estimator=est, approval_status='Approved', model_package_group_name='g')\n"
    assert lint(step, "python", select=("MP212",)) == [("MP212", "ModelApprovalStatus", 1, 56)]
    for status in ("PendingManualApproval", "Rejected", "approved"):
        assert lint(f"ModelPackageGroupName: g\nModelApprovalStatus: {status}\n", select=("MP212",)) == []


def test_unknown_values_and_unversioned_packages_are_left_alone() -> None:
    assert (
        lint(
            "model.register(model_package_group_name='g', approval_status=status_param)\n", "python", select=("MP212",)
        )
        == []
    )
    assert lint("sm.create_model_package(ModelApprovalStatus=f'{s}', **rest)\n", "python", select=("MP212",)) == []
    assert lint("ModelPackageName: m\nModelApprovalStatus: Approved\n", select=("MP212",)) == []
    # Neither or both names: the kind is unknown, the version may still be approved.
    assert lint("ModelApprovalStatus: Approved\n", select=("MP212",)) == [("MP212", "ModelApprovalStatus", 1, 22)]


def test_allow_auto_approval_option() -> None:
    text = "ModelPackageGroupName: g\nModelApprovalStatus: Approved\n"
    assert lint(text, select=("MP212",), options={"MP212": {"allow-auto-approval": True}}) == []
    assert lint(text, select=("MP212",), options={"approved-at-registration": {"allow-auto-approval": False}}) == [
        ("MP212", "ModelApprovalStatus", 2, 22)
    ]


def test_a_pipeline_parameter_default_is_named() -> None:
    text = """
    from sagemaker.workflow.parameters import ParameterString
    from sagemaker.workflow.step_collections import RegisterModel

    approval = ParameterString(name="ApprovalStatus", default_value="Approved")
    step = RegisterModel(
        name="Register",
        estimator=estimator,
        model_package_group_name="churn",
        approval_status=approval,
    )
    """
    assert messages(text) == [
        (
            "ModelApprovalStatus",
            4,
            65,
            "approval_status is Approved by default (pipeline parameter 'ApprovalStatus') when the version "
            "is registered: it skips review, and where approval triggers deployment (the usual MLOps "
            "templates) it deploys at once; register it as PendingManualApproval and approve it after review",
        )
    ]
    pending = text.replace('default_value="Approved"', 'default_value="PendingManualApproval"')
    assert messages(pending) == []
    assert messages(text.replace(', default_value="Approved"', "")) == []  # no default: unknown


def test_hostile_values_are_not_approvals() -> None:
    for value in ("[Approved]", "{Approved: true}", "null", "Approved\u200b", "'Approved '", "APPROVED"):
        assert lint(f"ModelPackageGroupName: g\nModelApprovalStatus: {value}\n", select=("MP212",)) == []
    many = "".join(f"V{i}: Approved\n" for i in range(5000))
    assert lint(f"ModelPackageGroupName: g\n{many}ModelApprovalStatus: Approved\n", select=("MP212",)) == [
        ("MP212", "ModelApprovalStatus", 5002, 22)
    ]
