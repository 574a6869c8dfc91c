"""Rules about which kind of package a request makes: unversioned (a name) or versioned (a group).

Facts: the CreateModelPackage API reference; the SageMaker Python SDK's own guards; the service
messages reproduced by moto (see the domain facts, sections 2.1 and 2.2).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import ClassVar

from mplint.diagnostics import Diagnostic, Severity
from mplint.errors import ConfigError
from mplint.model import Kind, Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.derived import once_per_root
from mplint.schema import patterns
from mplint.values import quote

NAME = "ModelPackageName"
GROUP = "ModelPackageGroupName"
UNVERSIONED = "unversioned"
VERSIONED = "versioned"
_IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"
_UNKNOWN_ROOT = "sm.create_model_package(**spec_from_env())"


def given(root: Node, member: str) -> Node | None:
    """Return a top-level member unless it is absent or written as null.

    The AWS CLI passes a null member of ``--cli-input-json`` to botocore, whose parameter
    validation rejects it before sending ("Invalid type for parameter ModelPackageName, value:
    None": ``botocore/validate.py``, ``type_check``; ``awscli/customizations/cliinputjson.py``
    ``_update_call_parameters`` copies every key). wrong-type reports the null; the other rules
    read the request the user means once it is fixed, without that member.
    """
    node = root.get(member)
    return None if node is None or node.kind is Kind.NULL else node


@once_per_root
def package_kind(root: Node) -> str | None:
    """Return "unversioned" (a name, no group), "versioned" (a group, no name), or None.

    None when the root is not a known object, when both or neither name is given, or when the
    root is open (its unknown members may hold the other name) unless the name given excludes
    the other (the SageMaker SDK sends one name only).
    """
    if root.kind is not Kind.OBJECT:
        return None
    name, group = given(root, NAME), given(root, GROUP)  # a null name is no name (see given)
    if (name is None) == (group is None):
        return None
    written, other = (name, GROUP) if group is None else (group, NAME)
    if root.open and other not in getattr(written, "excludes", ()):
        return None
    return UNVERSIONED if group is None else VERSIONED


@once_per_root
def containers(root: Node) -> Iterator[Node]:
    """Yield the container objects of the inference specification and the additional ones."""
    specs = [root.get("InferenceSpecification")]
    additional = root.get("AdditionalInferenceSpecifications")
    specs.extend(additional.items() if additional is not None else ())
    for spec in specs:
        listed = spec.get("Containers") if spec is not None else None
        for item in listed.items() if listed is not None else ():
            if item.is_object:
                yield item


class MissingPackageName(Rule):
    """Finds a request that names neither a model package nor a model package group.

    ## What it does
    Reports the request when it has neither `ModelPackageName` (an unversioned package) nor
    `ModelPackageGroupName` (a version in a model group).

    ## Why is this bad?
    The service cannot tell which kind of package to make and answers "Missing ARN".

    ## Example
    ```yaml
    ModelPackageDescription: churn classifier
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    ModelPackageDescription: churn classifier
    ```
    """

    code = "MP201"
    name = "missing-package-name"
    severity = Severity.ERROR
    summary = "Neither ModelPackageName nor ModelPackageGroupName is given"
    VALID = (
        Valid("ModelPackageGroupName: churn-models\n"),
        Valid(_UNKNOWN_ROOT, source="python"),
    )
    INVALID = (
        Invalid("ModelPackageDescription: churn classifier\n", at="", line=1, column=1, message="set ModelPackageName"),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the root when it lacks both names."""
        root = request.root
        if root.kind is Kind.OBJECT and not root.open and root.get(NAME) is None and root.get(GROUP) is None:
            yield self.report(
                root,
                "The request names no package (the service answers "
                "'Missing ARN'); set ModelPackageName for an unversioned package "
                "or ModelPackageGroupName for a version in a model group",
            )


class BothPackageNames(Rule):
    """Finds a request that gives both a model package name and a model package group name.

    ## What it does
    Reports the name that should go when both `ModelPackageName` and `ModelPackageGroupName`
    are given: the group when the request asks for Marketplace certification, the package name
    otherwise.

    ## Why is this bad?
    The service refuses it: "Both ModelPackageName and ModelPackageGroupName are provided in
    the input. Cannot determine which one to use." A generated CLI skeleton holds both.

    ## Example
    ```yaml
    ModelPackageName: churn-model
    ModelPackageGroupName: churn-models
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    ```
    """

    code = "MP202"
    needs = frozenset({NAME, GROUP})
    name = "both-package-names"
    severity = Severity.ERROR
    summary = "Both ModelPackageName and ModelPackageGroupName are given"
    VALID = (
        Valid("ModelPackageName: churn-model\n"),
        Valid("sm.create_model_package(ModelPackageGroupName=group_from_env())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageName: churn-model\nModelPackageGroupName: churn-models\n",
            at="ModelPackageName",
            line=1,
            column=1,
            message="remove ModelPackageName",
        ),
        Invalid(
            "ModelPackageName: churn-model\nModelPackageGroupName: churn-models\nCertifyForMarketplace: true\n",
            at="ModelPackageGroupName",
            line=2,
            column=1,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the name to remove when both are present."""
        name, group = given(request.root, NAME), given(request.root, GROUP)
        if name is None or group is None:
            return
        certify = request.root.get("CertifyForMarketplace")
        if certify is not None and certify.kind is Kind.BOOL and certify.value is True:
            yield self.report(
                group,
                "Both names are given and the package is for Marketplace; "
                "remove ModelPackageGroupName (Marketplace packages are "
                "unversioned)",
                key=True,
            )
        else:
            yield self.report(
                name,
                "Both names are given; the service cannot tell which to "
                "use: remove ModelPackageName for a version in the group, or "
                "ModelPackageGroupName for an unversioned package",
                key=True,
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
        if package_kind(request.root) != UNVERSIONED:
            return
        missing = [name for name in self.LISTS if spec.get(name) is None]
        if missing:
            yield self.report(
                spec,
                f"InferenceSpecification lacks {' and '.join(missing)}, "
                "which an unversioned package requires; list the instance types "
                "buyers may use",
            )


@dataclass(frozen=True)
class NamingOptions:
    """Regular expressions (full match) the organisation's names must follow; None: any."""

    model_package_name: str | None = None
    model_package_group_name: str | None = None
    profile_name: str | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            text = getattr(self, f.name)
            if text is None:
                continue
            option = f.name.replace("_", "-")
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


RULES: tuple[type[Rule], ...] = (
    MissingPackageName,
    BothPackageNames,
    NamingPolicy,
    MissingInstanceTypeLists,
)
