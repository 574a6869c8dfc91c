"""MP210-MP212: what a team's policy asks of a registration: names that follow a pattern
(opt-in), instance-type lists on an unversioned package, and no version approved by the
request that registers it.

Facts: the CreateModelPackage API reference; the SageMaker Python SDK's own guards; the service
messages reproduced by moto (see the domain facts, sections 2.1 and 2.2).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from mplint.diagnostics import Diagnostic, Severity
from mplint.errors import ConfigError
from mplint.model import Kind, Node, Request
from mplint.rule import Invalid, Rule, RuleOptions, Valid
from mplint.rules.facts import GROUP, NAME, UNVERSIONED, Facts, given
from mplint.schema import patterns
from mplint.wording import quote

_IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"


class NamingOptions(RuleOptions):
    """Regular expressions (full match) the organisation's names must follow; None: any."""

    model_package_name: str | None = None
    model_package_group_name: str | None = None
    profile_name: str | None = None

    def check(self) -> None:
        for name in self.defaults():
            text = getattr(self, name)
            if text is None:
                continue
            option = name.replace("_", "-")
            try:
                re.compile(text)
            except re.error as exc:
                raise ConfigError(
                    f"option '{option}' of MP210 (naming-policy) is not a valid regular expression: {exc}"
                ) from None
            nested = patterns.nested_quantifier(text)
            if nested:
                raise ConfigError(
                    f"option '{option}' of MP210 (naming-policy): {quote(nested)} "
                    "repeats a group that itself repeats, which can take exponential "
                    "time on a long name; rewrite it without the nested quantifier"
                )


class NamingPolicy(Rule):
    """Finds names that break the organisation's naming policy.

    ## What it does
    Checks `ModelPackageName`, the name part of `ModelPackageGroupName` (a group ARN's last
    segment) and each validation profile's `ProfileName` against regular expressions from the
    configuration; each must match the whole name. Off until configured:

    `options: {MP210: {model-package-name: "team-.*", model-package-group-name: "team-.*"}}`

    ## Why is this bad?
    Names that do not follow the convention escape the IAM policies, cost reports and clean-up
    jobs that select resources by name.

    ## Example
    ```yaml
    ModelPackageGroupName: churn-models
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: team-growth-churn-models
    ```
    """

    code = "MP210"
    name = "naming-policy"
    severity = Severity.WARNING
    summary = "A name that breaks the organisation's naming policy"
    default_enabled = False
    Options = NamingOptions
    _OPTIONS: ClassVar[dict[str, str]] = {"model-package-name": "team-.*", "model-package-group-name": "team-.*"}
    VALID = (
        Valid("ModelPackageGroupName: team-churn\n", options=_OPTIONS),
        Valid(
            "ModelPackageGroupName: arn:aws:sagemaker:us-east-1:111122223333:model-package-group/team-churn\n",
            options=_OPTIONS,
        ),
        Valid("sm.create_model_package(ModelPackageName=name_from_env())", source="python", options=_OPTIONS),
    )
    INVALID = (
        Invalid(
            "ModelPackageGroupName: churn-models\n",
            options=_OPTIONS,
            at="ModelPackageGroupName",
            line=1,
            column=24,
            message="'churn-models' does not match the pattern 'team-.*'",
        ),
        Invalid(
            "ValidationSpecification:\n  ValidationProfiles:\n    - ProfileName: p1\n",
            options={"profile-name": "validation-[a-z0-9-]+"},
            at="ValidationSpecification.ValidationProfiles[0].ProfileName",
            line=3,
            column=20,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each configured name that does not fully match its pattern."""
        opts: NamingOptions = self.options
        root = request.root
        named: list[tuple[Node | None, str | None, str]] = [
            (root.get(NAME), opts.model_package_name, NAME),
            (root.get(GROUP), opts.model_package_group_name, GROUP),
        ]
        profiles = root.find("ValidationSpecification.ValidationProfiles")
        for profile in profiles.items() if profiles is not None else ():
            named.append((profile.get("ProfileName"), opts.profile_name, "ProfileName"))
        for node, pattern, label in named:
            if node is None or pattern is None or not node.is_string:
                continue
            text: str = node.value  # type: ignore[assignment]
            if label == GROUP:
                text = text.rsplit("/", 1)[-1]
            matched = patterns.user_fullmatch(pattern, text)
            if matched is None:
                yield self.report(
                    node,
                    f"checking {label} against the naming-policy pattern "
                    f"{quote(pattern, limit=80)} took too long and was stopped; "
                    "simplify the pattern (options of MP210)",
                )
            elif not matched:
                yield self.report(
                    node,
                    f"{label} {quote(text)} does not match the pattern "
                    f"{quote(pattern, limit=80)} of the naming policy; rename it",
                )


class MissingInstanceTypeLists(Rule):
    """Finds an unversioned package whose inference specification lacks an instance-type list.

    ## What it does
    Reports `InferenceSpecification` of an unversioned package (`ModelPackageName`, no group)
    when it lacks `SupportedTransformInstanceTypes` or `SupportedRealtimeInferenceInstanceTypes`.

    ## Why is this bad?
    The API requires both lists for unversioned packages; the SageMaker Python SDK refuses
    the call ("inference_instances and transform_instances must be provided").

    ## Example
    ```yaml
    ModelPackageName: churn-model
    InferenceSpecification:
      Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1}]
      SupportedTransformInstanceTypes: [ml.m5.xlarge]
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model
    InferenceSpecification:
      Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1}]
      SupportedTransformInstanceTypes: [ml.m5.xlarge]
      SupportedRealtimeInferenceInstanceTypes: [ml.m5.xlarge]
    ```
    """

    code = "MP211"
    needs = frozenset({"InferenceSpecification"})
    name = "missing-instance-type-lists"
    severity = Severity.ERROR
    summary = "An unversioned package without both supported instance-type lists"
    LISTS = ("SupportedTransformInstanceTypes", "SupportedRealtimeInferenceInstanceTypes")
    _SPEC = f"InferenceSpecification:\n  Containers: [{{Image: {_IMAGE}}}]\n"
    VALID = (
        Valid("ModelPackageGroupName: churn-models\n" + _SPEC),
        Valid("sm.create_model_package(ModelPackageName='m', InferenceSpecification=spec())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageName: churn-model\n" + _SPEC + "  SupportedTransformInstanceTypes: [ml.m5.xlarge]\n",
            at="InferenceSpecification",
            line=3,
            column=3,
            message="lacks SupportedRealtimeInferenceInstanceTypes",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the inference specification naming the missing lists."""
        spec = request.root.get("InferenceSpecification")
        if spec is None or not spec.is_object or spec.open:
            return
        if Facts.of(request).package_kind != UNVERSIONED:
            return
        missing = [name for name in self.LISTS if spec.get(name) is None]
        if missing:
            yield self.report(
                spec,
                f"InferenceSpecification lacks {' and '.join(missing)}, "
                "which an unversioned package requires; list the instance types "
                "buyers may use",
            )


STATUS = "ModelApprovalStatus"


def default_of(node: Node) -> str:
    """Return " by default (pipeline parameter 'X')" when the value is a parameter's default."""
    return f" by default (pipeline parameter '{node.parameter}')" if node.parameter else ""


class ApprovalOptions(RuleOptions):
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


RULES: tuple[type[Rule], ...] = (NamingPolicy, MissingInstanceTypeLists, ApprovedAtRegistration)
