"""Governance of model versions: a version approved by the request that registers it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.identity import GROUP, NAME, given

STATUS = "ModelApprovalStatus"


def default_of(node: Node) -> str:
    """Return " by default (pipeline parameter 'X')" when the value is a parameter's default."""
    return f" by default (pipeline parameter '{node.parameter}')" if node.parameter else ""


@dataclass(frozen=True)
class ApprovalOptions:
    """Options of approved-at-registration."""

    # A team whose pipeline approves on purpose (tests gate the registration) turns it off here.
    allow_auto_approval: bool = False


class ApprovedAtRegistration(Rule):
    """Finds a model version that is approved by the request that registers it.

    ## What it does
    Reports `ModelApprovalStatus: Approved` on a request that registers a version in a model
    group (or whose kind cannot be told), written in a request file, a boto3 call, an SDK
    `register(approval_status="Approved")` or `RegisterModel` step, or as the default of a
    pipeline parameter (`ParameterString(name="ApprovalStatus", default_value="Approved")`).
    An unversioned package is left to `approval-status-on-unversioned`. The option
    `allow-auto-approval = true` turns the check off for pipelines that approve on purpose.

    ## Why is this bad?
    The Model Registry's approval status is the review gate: a version registered as
    `Approved` skips review, and in the usual MLOps set-ups (SageMaker Projects templates,
    EventBridge rules on the approval-state change) a new approved version deploys at once.
    The API allows it, so this is a governance warning, not an error.

    ## Example
    ```yaml
    ModelPackageGroupName: churn-models
    ModelApprovalStatus: Approved
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    ModelApprovalStatus: PendingManualApproval
    ```
    Approve the version after review (`UpdateModelPackage`, the console or Studio).

    ## Source
    API reference `CreateModelPackage.ModelApprovalStatus` (the status must be `Approved` to
    deploy the model) and the developer guide "Events that Amazon SageMaker AI
    sends to Amazon EventBridge", section "SageMaker model package state change"
    (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html),
    the event deployment automation reacts to. That approving deploys is a convention of
    MLOps set-ups, not an API rule: warning.
    """

    code = "MP212"
    needs = frozenset({STATUS})
    name = "approved-at-registration"
    severity = Severity.WARNING
    summary = "A model version approved by the request that registers it (review skipped)"
    Options = ApprovalOptions
    VALID = (
        Valid("ModelPackageGroupName: churn-models\nModelApprovalStatus: PendingManualApproval\n"),
        Valid(
            "ModelPackageGroupName: churn-models\nModelApprovalStatus: Approved\n",
            options={"allow-auto-approval": True},
        ),
        Valid("ModelPackageName: churn-model\nModelApprovalStatus: Approved\n"),
        Valid("model.register(model_package_group_name='g', approval_status=status)", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageGroupName: churn-models\nModelApprovalStatus: Approved\n",
            at=STATUS,
            line=2,
            column=22,
            message="ModelApprovalStatus is Approved when the version is registered",
        ),
        Invalid(
            "model.register(\n    model_package_group_name='churn',\n    approval_status='Approved',\n)\n",
            source="python",
            at=STATUS,
            line=3,
            column=21,
            message="approval_status is Approved when the version is registered",
        ),
        Invalid(
            '{"ModelPackageGroupName": "g", "ModelApprovalStatus": "Approved"}',
            source="json",
            at=STATUS,
            line=1,
            column=55,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding when the registering request approves the version."""
        if self.options.allow_auto_approval:
            return
        root = request.root
        node = root.get(STATUS)
        if node is None or node.kind is not Kind.STRING or node.value != "Approved":
            return
        if given(root, NAME) is not None and given(root, GROUP) is None:
            return  # unversioned: approval-status-on-unversioned says the status does not apply
        written = request.names.get(STATUS, STATUS)
        yield self.report(
            node,
            f"{written} is Approved{default_of(node)} when the version is "
            "registered: it skips review, and where approval triggers deployment "
            "(the usual MLOps templates) it deploys at once; register it as "
            "PendingManualApproval and approve it after review",
        )


RULES: tuple[type[Rule], ...] = (ApprovedAtRegistration,)
