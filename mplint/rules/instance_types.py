"""Rules about the instance types a model package names."""

from __future__ import annotations

import difflib
import functools
from typing import Iterator, Sequence

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Request
from mplint.rules.base import Invalid, Rule, Valid
from mplint.schema import conformance, load
from mplint.suggestions import did_you_mean
from mplint.values import quote

TRANSFORM = "TransformInstanceType"
REALTIME = "ProductionVariantInstanceType"
# The enum shapes of instance types; the generic enum rule leaves them to the rules here.
INSTANCE_TYPE_SHAPES = frozenset({TRANSFORM, REALTIME})
_USE = {TRANSFORM: "transform", REALTIME: "real-time inference"}


@functools.cache
def instance_types(shape: str) -> frozenset[str]:
    """Return the instance types of an enum shape, from the schema data."""
    return frozenset(load().shape(shape).enum)


def suggest_instance_type(value: str, choices: Sequence[str]) -> str | None:
    """Return the instance type ``value`` most likely means: case, ``ml.`` prefix, spelling."""
    text = value.strip().lower()
    if not text.startswith("ml."):
        text = "ml." + text
    if text in choices:
        return text
    found = difflib.get_close_matches(text, choices, n=1, cutoff=0.8)
    return found[0] if found else None


class UnknownInstanceType(Rule):
    """Finds an instance type SageMaker does not offer for the field's use.

    ## What it does
    Checks the transform instance types (`SupportedTransformInstanceTypes`, a validation
    profile's `TransformResources.InstanceType`) and the real-time ones
    (`SupportedRealtimeInferenceInstanceTypes`) against the API's lists, and suggests the
    intended type: upper case, a missing `ml.` prefix, a typo. A real-time-only type in a
    transform field is left to `realtime-instance-in-transform-list`.

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
            message="'ml.m5.xlarg' is not a SageMaker transform instance type; "
            "did you mean 'ml.m5.xlarge'?",
        ),
        Invalid(
            "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [m5.xlarge]\n",
            at="InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]",
            line=2,
            column=45,
            message="did you mean 'ml.m5.xlarge'?",
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
            message = f"{quote(text)} is not a SageMaker {_USE[shape]} instance type"
            yield self.report(v.node, message + did_you_mean(suggestion))


INSTANCE_TYPE_RULES: tuple[type[Rule], ...] = (UnknownInstanceType,)
