"""Rules on the values a request gives: enums, patterns, lengths, sizes and ranges.

They read the shared schema walk (:mod:`mplint.schema.conformance`), like the rules in
:mod:`mplint.rules.schema`.
"""

from __future__ import annotations

from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.instance_types import INSTANCE_TYPE_SHAPES
from mplint.rules.pattern_messages import message_and_span, pattern_table
from mplint.rules.placeholders import is_placeholder
from mplint.schema import conformance as c
from mplint.suggestions import closest, did_you_mean
from mplint.values import count, describe

_LISTED = 8  # enums up to this size are listed in full in messages
_IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"


class InvalidEnumValue(Rule):
    """Finds a value outside a member's set of allowed values.

    ## What it does
    Reports a string that is not one of the values the API allows for the member (for
    example `ModelApprovalStatus`, `CompressionType`, `SkipModelValidation`), suggesting the
    value that differs only in case or is spelt closest. Instance types are checked by
    `unknown-instance-type`.

    ## Why is this bad?
    The values are case-sensitive and botocore does not check them: the service rejects the
    request ("Member must satisfy enum value set").

    ## Example
    ```yaml
    ModelApprovalStatus: approved
    ```

    ## Use instead
    ```yaml
    ModelApprovalStatus: Approved
    ```
    """

    code = "MP104"
    name = "invalid-enum-value"
    severity = Severity.ERROR
    summary = "A value that is not one of the member's allowed values"
    VALID = (Valid("ModelApprovalStatus: Approved\nSkipModelValidation: None\n"),)
    INVALID = (
        Invalid(
            "ModelApprovalStatus: approved\n",
            at="ModelApprovalStatus",
            line=1,
            column=22,
            message="did you mean 'Approved'?",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each value outside its enum (instance types excepted)."""
        for v in c.violations(request).get(c.ENUM, ()):
            if v.shape.name not in INSTANCE_TYPE_SHAPES:
                yield self.report(v.node, _enum_message(v), key=v.at_key)


def _enum_message(v: c.Violation) -> str:
    """Return "P 'x' is not one of A, B; did you mean 'A'?"."""
    allowed = v.shape.enum
    listed = f"one of {', '.join(allowed)}" if len(allowed) <= _LISTED else "an allowed value"
    suggestion = closest(v.text or "", allowed, cutoff=0.6)
    return f"{v.subject()} is not {listed}" + did_you_mean(suggestion)


class PatternMismatch(Rule):
    """Finds a string that does not match the member's pattern.

    ## What it does
    Applies the API model's regular expression to the whole value, as the service does (Java
    semantics: `\\w`, `\\d`, `\\s` are ASCII-only; `\\p{L}` classes are Unicode). Empty strings
    are checked too: several patterns need at least one character. Map keys are checked
    against the key pattern.

    ## Why is this bad?
    botocore does not check patterns; the service rejects the request ("Member must satisfy
    regular expression pattern").

    ## Example
    ```yaml
    ValidationSpecification:
      ValidationRole: SageMakerValidationRole
    ```

    ## Use instead
    ```yaml
    ValidationSpecification:
      ValidationRole: arn:aws:iam::111122223333:role/SageMakerValidationRole
    ```
    """

    code = "MP105"
    name = "pattern-mismatch"
    severity = Severity.ERROR
    summary = "A string that does not match the member's pattern"
    VALID = (
        Valid("ValidationSpecification:\n  ValidationRole: arn:aws:iam::111122223333:role/SageMakerValidationRole\n"),
    )
    INVALID = (
        Invalid(
            "ValidationSpecification:\n  ValidationRole: SageMakerValidationRole\n",
            at="ValidationSpecification.ValidationRole",
            line=2,
            column=19,
            message="ValidationSpecification.ValidationRole 'SageMakerValidationRole': a validation "
            "role is an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>; 'S' "
            "(character 1) is not allowed",
        ),
        Invalid(
            f"""
            InferenceSpecification:
              Containers:
                - Image: {_IMAGE}
                  Environment:
                    MY-VAR: "1"
            """,
            at='InferenceSpecification.Containers[0].Environment."MY-VAR"',
            line=5,
            column=11,
            message="a key of Environment is letters, digits and '_', not starting with a digit; "
            "'-' (character 3) is not allowed",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each string (or map key) that fails its pattern."""
        for v in c.violations(request).get(c.PATTERN, ()):
            if not v.at_key and is_placeholder(v.node, v.shape):
                continue  # placeholder-value says what it is
            said = message_and_span(v)
            if said is None:
                continue  # too long only: string-length reports it
            message, span = said
            found = self.report(v.node, message, key=v.at_key)
            yield found if span is None else found._replace(span=span)

    @classmethod
    def documentation(cls) -> str:
        """Return the rule's page, with every pattern of the API model in words."""
        return super().documentation() + "\n\n## The patterns\n" + pattern_table()


class StringLength(Rule):
    """Finds a string shorter or longer than the member allows.

    ## What it does
    Reports a string (or map key) whose length in characters is outside the member's
    minimum and maximum, such as a model package name over 63 characters or an empty
    `ClientToken`.

    ## Why is this bad?
    botocore refuses values under the minimum; the service rejects values over the maximum
    ("Member must have length less than or equal to").

    ## Example
    ```yaml
    ModelPackageName: churn-model-for-retail-banking-customers-in-the-eu-west-1-region
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model-retail-eu-west-1
    ```
    """

    code = "MP106"
    name = "string-length"
    severity = Severity.ERROR
    summary = "A string shorter or longer than the member allows"
    VALID = (Valid("ModelPackageName: churn-model-retail-eu-west-1\n"),)
    INVALID = (
        Invalid(
            "ModelPackageName: churn-model-for-retail-banking-customers-in-the-eu-west-1-region\n",
            at="ModelPackageName",
            line=1,
            column=19,
            message="has 64 characters; the maximum is 63",
        ),
        Invalid(
            '{"ClientToken": ""}',
            source="json",
            at="ClientToken",
            line=1,
            column=17,
            message="has 0 characters; the minimum is 1",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each string (or map key) of the wrong length."""
        for v in c.violations(request).get(c.LENGTH, ()):
            bound = v.bound(v.size)
            message = f"{v.subject(length=False)} has {count(v.size, 'character')}; {bound}"
            yield self.report(v.node, message, key=v.at_key)


class ListLength(Rule):
    """Finds a list with fewer or more items than the member allows.

    ## What it does
    Reports a list whose number of items is outside the member's minimum and maximum: an
    empty `SupportedTransformInstanceTypes`, two validation profiles, 16 containers.

    ## Why is this bad?
    botocore refuses lists under the minimum; the service rejects lists over the maximum.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
      SupportedTransformInstanceTypes: []
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
      SupportedTransformInstanceTypes: [ml.m5.xlarge]
    ```
    """

    code = "MP107"
    name = "list-length"
    severity = Severity.ERROR
    summary = "A list with fewer or more items than the member allows"
    VALID = (Valid("InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarge]\n"),)
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  SupportedTransformInstanceTypes: []\n",
            at="InferenceSpecification.SupportedTransformInstanceTypes",
            line=2,
            column=36,
            message="has 0 items; the minimum is 1",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each list of the wrong length."""
        for v in c.violations(request).get(c.ITEMS, ()):
            bound = v.bound(v.size)
            message = f"{v.where} has {count(v.size, 'item')}; {bound}"
            yield self.report(v.node, message)


class MapSize(Rule):
    """Finds a map with fewer or more entries than the member allows.

    ## What it does
    Reports a map whose number of entries is outside the member's minimum and maximum, such
    as an empty `CustomerMetadataProperties` or more than 16 transform environment variables.

    ## Why is this bad?
    botocore does not check map sizes; the service rejects the request.

    ## Example
    ```yaml
    CustomerMetadataProperties: {}
    ```

    ## Use instead
    ```yaml
    CustomerMetadataProperties:
      team: churn
    ```
    """

    code = "MP108"
    name = "map-size"
    severity = Severity.ERROR
    summary = "A map with fewer or more entries than the member allows"
    VALID = (Valid("CustomerMetadataProperties:\n  team: churn\n"),)
    INVALID = (
        Invalid(
            "CustomerMetadataProperties: {}\n",
            at="CustomerMetadataProperties",
            line=1,
            column=29,
            message="has 0 entries; the minimum is 1",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each map of the wrong size."""
        for v in c.violations(request).get(c.ENTRIES, ()):
            bound = v.bound(v.size)
            message = f"{v.where} has {count(v.size, 'entry', 'entries')}; {bound}"
            yield self.report(v.node, message)


class NumberOutOfRange(Rule):
    """Finds a number below or above what the member allows.

    ## What it does
    Reports an integer outside the member's minimum and maximum, such as `InstanceCount: 0`
    left over from a generated skeleton.

    ## Why is this bad?
    botocore refuses numbers under the minimum; the service rejects the others.

    ## Example
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 0}
    ```

    ## Use instead
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 1}
    ```
    """

    code = "MP109"
    name = "number-out-of-range"
    severity = Severity.ERROR
    summary = "A number below or above what the member allows"
    VALID = (
        Valid(
            "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
            "        TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 1}\n"
        ),
    )
    INVALID = (
        Invalid(
            "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
            "        TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 0}\n",
            at="ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.InstanceCount",
            line=4,
            column=73,
            message="is 0; the minimum is 1",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each number out of range."""
        for v in c.violations(request).get(c.RANGE, ()):
            bound = v.bound(v.node.value)  # type: ignore[arg-type]
            yield self.report(v.node, f"{v.node.path} is {describe(v.node)}; {bound}")


CONSTRAINT_RULES: tuple[type[Rule], ...] = (
    InvalidEnumValue,
    PatternMismatch,
    StringLength,
    ListLength,
    MapSize,
    NumberOutOfRange,
)
