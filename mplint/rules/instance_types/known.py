"""MP301-MP304: the instance types a model package names: unknown or misspelt, real-time only
in a transform list, not supported for validation, or outside a team's policy."""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Iterator, Sequence

from mplint.diagnostics import Diagnostic, Severity
from mplint.instance_facts import NON_INFERENCE_TYPES, size_rank, split
from mplint.model import Request
from mplint.rule import Invalid, Rule, RuleOptions, Valid
from mplint.rules.facts import (
    INSTANCE_TYPE_SHAPES,
    REALTIME,
    REALTIME_FIELDS,
    TRANSFORM,
    TRANSFORM_FIELDS,
    fields,
    instance_types,
    replace_fix,
)
from mplint.rules.fixes import sole
from mplint.schema import conformance
from mplint.suggestions import best_match, did_you_mean
from mplint.wording import quote

_USE = {TRANSFORM: "transform", REALTIME: "real-time inference"}


@functools.cache
def _realtime_only() -> frozenset[str]:
    """Return the types the API offers for real-time inference but not for transform."""
    return instance_types(REALTIME) - instance_types(TRANSFORM)


@functools.lru_cache(maxsize=1024)
def suggest_instance_type(value: str, choices: Sequence[str]) -> str | None:
    """Return the instance type ``value`` most likely means: case, ``ml.`` prefix, spelling.

    Memoised: ``choices`` is an enum tuple of the schema, and the same misspellings recur
    across the files of a repository (the close-match search costs a millisecond).
    """
    text = value.strip().lower()
    if not text.startswith("ml."):
        text = "ml." + text
    if text in choices:
        return text
    return best_match(text, choices, _TYPE_CUTOFF)


@functools.lru_cache(maxsize=1024)
def _sole_type(value: str, choices: Sequence[str], suggestion: str) -> bool:
    """Tell whether ``suggestion`` is the one type ``value`` can mean: the same type but for
    case, spaces or the ``ml.`` prefix, or the only one at the best spelling score (memoised
    as the suggestion is)."""
    text = value.strip().lower()
    text = text if text.startswith("ml.") else "ml." + text
    return text == suggestion or sole(text, choices, suggestion, _TYPE_CUTOFF)


_TYPE_CUTOFF = 0.8


def transform_alternative(value: str) -> str | None:
    """Return the transform type to use instead of a real-time-only one.

    The same family at the nearest size at or above the given one (else the largest below);
    when the family has no transform type at all, ``ml.m5`` at the nearest size (larger on a tie).
    """
    parts = split(value)
    if parts is None:
        return None
    family, size = parts
    rank = size_rank(size)
    transform = instance_types(TRANSFORM)
    same = [t for t in transform if (p := split(t)) is not None and p[0] == family]
    if same:
        above = [t for t in same if size_rank(split(t)[1]) >= rank]  # type: ignore[index]
        pool = above or same
        key = (lambda t: size_rank(split(t)[1])) if above else (lambda t: -size_rank(split(t)[1]))  # type: ignore[index]
        return min(pool, key=key)
    m5 = [t for t in transform if t.startswith("ml.m5.")]
    return min(m5, key=lambda t: (abs(size_rank(split(t)[1]) - rank), -size_rank(split(t)[1])))  # type: ignore[index]


class UnknownInstanceType(Rule):
    """Finds an instance type SageMaker does not offer for the field's use.

    ## What it does
    Checks the transform instance types (`SupportedTransformInstanceTypes`, a validation
    profile's `TransformResources.InstanceType`) and the real-time ones
    (`SupportedRealtimeInferenceInstanceTypes`) against the API's lists, and suggests the
    intended type: upper case, a missing `ml.` prefix, a typo. A real-time-only type in a
    transform field is left to `realtime-instance-in-transform-list`. A training, processing or
    notebook type is named as such, since it is offered for neither inference list.

    ## Why is this bad?
    botocore does not check the lists; the service rejects the request ("Member must satisfy
    enum value set").

    ## Example
    ```yaml
    InferenceSpecification:
      SupportedTransformInstanceTypes: [ml.m5.xlarg]
      SupportedRealtimeInferenceInstanceTypes: [m5.xlarge]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      SupportedTransformInstanceTypes: [ml.m5.xlarge]
      SupportedRealtimeInferenceInstanceTypes: [ml.m5.xlarge]
    ```
    """

    code = "MP301"
    fixable = "safe"
    name = "unknown-instance-type"
    severity = Severity.ERROR
    summary = "An instance type SageMaker does not offer for this use"
    VALID = (
        Valid("InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarge]\n"),
        # Real-time only: another rule's concern.
        Valid("InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.t2.medium]\n"),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarg]\n",
            at="InferenceSpecification.SupportedTransformInstanceTypes[0]",
            line=2,
            column=37,
            message="'ml.m5.xlarg' is not a SageMaker transform instance type; did you mean 'ml.m5.xlarge'?",
        ),
        Invalid(
            "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [m5.xlarge]\n",
            at="InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]",
            line=2,
            column=45,
            message="did you mean 'ml.m5.xlarge'?",
        ),
        Invalid(
            "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.t3.medium]\n",
            at="InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]",
            line=2,
            column=45,
            message="'ml.t3.medium' is a training/processing/notebook instance type, not offered for inference",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each instance type in neither list its field accepts."""
        for v in conformance.violations(request).get(conformance.ENUM, ()):
            shape = v.shape.name
            if shape not in INSTANCE_TYPE_SHAPES or v.at_key:
                continue
            text = v.text or ""
            if shape == TRANSFORM and text in instance_types(REALTIME):
                continue
            suggestion = suggest_instance_type(text, v.shape.enum)
            uses = NON_INFERENCE_TYPES.get(text)
            if uses is not None:
                message = f"{quote(text)} is a {uses} instance type, not offered for inference"
            else:
                message = f"{quote(text)} is not a SageMaker {_USE[shape]} instance type"
            fix = None
            if suggestion is not None and v.node.string is not None and _sole_type(text, v.shape.enum, suggestion):
                fix = replace_fix(v.node, suggestion)
            yield self.report(v.node, message + did_you_mean(suggestion), fix=fix)


class RealtimeInstanceInTransformList(Rule):
    """Flags an instance type that can only serve endpoints where a transform type is needed.

    ## What it does
    Checks `SupportedTransformInstanceTypes` (of `InferenceSpecification` and of every
    additional specification) and a validation profile's `TransformResources.InstanceType` for
    types that SageMaker offers for real-time endpoints only (`ml.t2.*`, `ml.c5.large`,
    `ml.r5.*`, `ml.m5d.*`, Graviton types, ...), and offers the closest transform type: the same
    family at the nearest size at or above the given one, else `ml.m5` at the nearest size.

    ## Why is this bad?
    The transform instance types are a strict subset of the real-time ones; the service rejects
    a real-time-only type in a transform field ("Member must satisfy enum value set").

    ## Example
    ```yaml
    InferenceSpecification:
      SupportedTransformInstanceTypes: [ml.m5.xlarge, ml.c5.large]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      SupportedTransformInstanceTypes: [ml.m5.xlarge, ml.c5.xlarge]
    ```
    """

    code = "MP302"
    fixable = "unsafe"
    name = "realtime-instance-in-transform-list"
    severity = Severity.ERROR
    summary = "A real-time-only instance type where batch transform needs its own type"
    VALID = (
        Valid("InferenceSpecification: {SupportedTransformInstanceTypes: [ml.m5.xlarge]}"),
        Valid("InferenceSpecification: {SupportedRealtimeInferenceInstanceTypes: [ml.t2.medium]}"),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={"
            "'SupportedTransformInstanceTypes': [transform_type()]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            """
            InferenceSpecification:
              SupportedTransformInstanceTypes: [ml.m5.xlarge, ml.c5.large]
            """,
            at="InferenceSpecification.SupportedTransformInstanceTypes[1]",
            line=2,
            column=51,
            message="did you mean 'ml.c5.xlarge'?",
        ),
        Invalid(
            """
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    TransformResources: {InstanceType: ml.t2.medium, InstanceCount: 1}
            """,
            at="ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.InstanceType",
            line=4,
            column=44,
            message="did you mean 'ml.m5.large'?",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each real-time-only type in a transform field."""
        realtime_only = _realtime_only()
        for node in fields(request, TRANSFORM_FIELDS):
            if node.value not in realtime_only:
                continue
            better = transform_alternative(str(node.value))
            message = (
                f"{quote(str(node.value))} serves real-time endpoints only; batch transform and "
                "model validation do not offer it"
            )
            fix = None
            if better is not None:  # another type: another price and capacity
                fix = replace_fix(node, better)._replace(
                    title=f"Replace with '{better}' (unsafe: another instance type, price and capacity)", safe=False
                )
            yield self.report(node, message + did_you_mean(better), fix=fix)


class ValidationInstanceNotSupported(Rule):
    """Flags a validation profile that runs on a type the package does not list for transform.

    ## What it does
    Checks that a validation profile's `TransformResources.InstanceType` is one of
    `InferenceSpecification.SupportedTransformInstanceTypes`. Silent when the list is absent,
    empty or not known statically, and when the type itself is wrong (other rules say so).

    ## Why is this bad?
    Validation should prove the package works where buyers and pipelines will run it; a profile
    on an unlisted type validates a configuration the package does not offer. This is a
    recommended consistency check, not an API constraint.

    ## Example
    ```yaml
    InferenceSpecification:
      SupportedTransformInstanceTypes: [ml.m5.xlarge]
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformResources: {InstanceType: ml.c5.xlarge, InstanceCount: 1}
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      SupportedTransformInstanceTypes: [ml.m5.xlarge, ml.c5.xlarge]
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformResources: {InstanceType: ml.c5.xlarge, InstanceCount: 1}
    ```
    """

    code = "MP303"
    needs = frozenset({"InferenceSpecification"})
    name = "validation-instance-not-supported"
    severity = Severity.WARNING
    summary = "The validation profile's instance type is not among the supported transform types"
    VALID = (
        Valid(
            """
            InferenceSpecification:
              SupportedTransformInstanceTypes: [ml.m5.xlarge, ml.c5.xlarge]
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    TransformResources: {InstanceType: ml.c5.xlarge, InstanceCount: 1}
            """
        ),
        # No list to compare with (a versioned package may omit it).
        Valid(
            """
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    TransformResources: {InstanceType: ml.c5.xlarge, InstanceCount: 1}
            """
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={"
            "'SupportedTransformInstanceTypes': types_from_env()}, ValidationSpecification={"
            "'ValidationProfiles': [{'TransformJobDefinition': {'TransformResources': "
            "{'InstanceType': 'ml.c5.xlarge', 'InstanceCount': 1}}}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            """
            InferenceSpecification:
              SupportedTransformInstanceTypes: [ml.m5.xlarge]
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    TransformResources: {InstanceType: ml.c5.xlarge, InstanceCount: 1}
            """,
            at="ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.InstanceType",
            line=6,
            column=44,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each profile instance type missing from the transform list."""
        listed = request.root.find("InferenceSpecification.SupportedTransformInstanceTypes")
        if listed is None or not listed.is_array or not listed.items() or listed.has_unknown():
            return
        supported = [item.value for item in listed.items()]
        for node in fields(request, TRANSFORM_FIELDS[2:]):
            if node.value in supported or node.value not in instance_types(TRANSFORM):
                continue
            shown = ", ".join(quote(str(v)) for v in supported[:5])
            more = ", ..." if len(supported) > 5 else ""
            yield self.report(
                node,
                f"validation runs on {quote(str(node.value))}, which "
                "InferenceSpecification.SupportedTransformInstanceTypes does not list "
                f"({shown}{more}); validate on a listed type or add it to the list",
            )


class InstancePolicyOptions(RuleOptions):
    """Glob patterns (``ml.p*``) of the instance types an organisation allows and denies."""

    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()


class InstanceTypeNotAllowed(Rule):
    """Flags an instance type that the organisation's allow-list or deny-list rules out.

    ## What it does
    Checks every instance-type field (transform and real-time lists of every specification, the
    validation profile's instance type) against the options `allow` and `deny`, lists of glob
    patterns such as `ml.m5.*` or `ml.p*`. A type is ruled out when it matches a `deny` pattern,
    or when `allow` is given and it matches none of its patterns. Off by default: turn it on by
    setting its options.

    ## Why is this bad?
    Organisations keep packages to instance types they have quota, budget or approval for; a
    package that lists other types invites deployments that fail or cost more than planned.

    ## Example
    ```yaml
    # options: {MP304: {deny: ["ml.p*"]}}
    InferenceSpecification:
      SupportedRealtimeInferenceInstanceTypes: [ml.p3.2xlarge]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      SupportedRealtimeInferenceInstanceTypes: [ml.g5.xlarge]
    ```
    """

    code = "MP304"
    name = "instance-type-not-allowed"
    severity = Severity.ERROR
    summary = "An instance type the organisation's instance-type policy rules out"
    Options = InstancePolicyOptions
    default_enabled = False
    VALID = (
        Valid(
            "InferenceSpecification: {SupportedRealtimeInferenceInstanceTypes: [ml.g5.xlarge]}",
            options={"deny": ["ml.p*"]},
        ),
        Valid(
            "InferenceSpecification: {SupportedTransformInstanceTypes: [ml.m5.xlarge]}",
            options={"allow": ["ml.m5.*", "ml.c5.*"]},
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={"
            "'SupportedRealtimeInferenceInstanceTypes': [gpu_type()]})",
            source="python",
            options={"deny": ["ml.p*"]},
        ),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification: {SupportedRealtimeInferenceInstanceTypes: [ml.p3.2xlarge]}",
            options={"deny": ["ml.p*"]},
            at="InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]",
            line=1,
            column=68,
            message="denied by the instance-type policy ('ml.p*')",
        ),
        Invalid(
            "InferenceSpecification: {SupportedTransformInstanceTypes: [ml.g5.xlarge]}",
            options={"allow": ["ml.m5.*", "ml.c5.*"]},
            at="InferenceSpecification.SupportedTransformInstanceTypes[0]",
            line=1,
            column=60,
            message="not in the instance-type allow-list ('ml.m5.*', 'ml.c5.*')",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each instance type the policy rules out."""
        allow, deny = self.options.allow, self.options.deny
        if not allow and not deny:
            return
        for node in fields(request, TRANSFORM_FIELDS + REALTIME_FIELDS):
            value = str(node.value)
            denied = [p for p in deny if fnmatch.fnmatchcase(value, p)]
            if denied:
                why = f"denied by the instance-type policy ({quote(denied[0])})"
            elif allow and not any(fnmatch.fnmatchcase(value, p) for p in allow):
                why = "not in the instance-type allow-list (" + ", ".join(map(quote, allow)) + ")"
            else:
                continue
            yield self.report(node, f"{quote(value)} is {why}; use a type the policy allows")


RULES: tuple[type[Rule], ...] = (
    UnknownInstanceType,
    RealtimeInstanceInTransformList,
    ValidationInstanceNotSupported,
    InstanceTypeNotAllowed,
)
