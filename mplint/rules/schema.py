"""MP1xx, the API schema: the CreateModelPackage input shape (names, types, required members)
and the values it allows (enums, patterns, lengths, sizes, ranges).

Every rule here reads one shared walk of the request (:mod:`mplint.schema.conformance`) and
formats the kind of violation it owns.
"""

from __future__ import annotations

from collections.abc import Iterator

from mplint import paths
from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import INSTANCE_TYPE_SHAPES, is_placeholder, output_only, replace_fix
from mplint.rules.fixes import rename_fix, retype_fix, sole
from mplint.rules.pattern_messages import message_and_span, pattern_table
from mplint.schema import CLOUDFORMATION_ONLY
from mplint.schema import conformance as c
from mplint.suggestions import closest, did_you_mean
from mplint.wording import count, describe, quote, short_path, type_name

_EXPECTED = {
    "structure": "an object",
    "map": "an object",
    "list": "a list",
    "string": "a string",
    "blob": "a string",
    "boolean": "a boolean (true or false)",
    "integer": "an integer",
    "long": "an integer",
    "float": "a number",
    "double": "a number",
    "timestamp": "a timestamp",
}
_LISTED = 8  # a shape with up to this many members lists them when no name is close
_IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"


def _where(path: str) -> str:
    """Return how a message names a node: its path, or "the request" for the root."""
    return short_path(path) or "the request"


class UnknownMember(Rule):
    """Finds a member the API does not know.

    ## What it does
    Reports a key that is not a member of the object's shape, with the closest member name
    (case-insensitive matches first).

    ## Why is this bad?
    botocore, and so boto3 and the AWS CLI, refuse the whole request: "Unknown parameter in
    input". Member names are case-sensitive.

    ## Example
    ```yaml
    ModelPackageGroupName: churn
    modelApprovalStatus: Approved
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn
    ModelApprovalStatus: Approved
    ```
    """

    code = "MP101"
    fixable = "safe"
    name = "unknown-member"
    severity = Severity.ERROR
    summary = "A member the CreateModelPackage API does not have"
    VALID = (Valid("ModelPackageName: churn-model\n"),)
    INVALID = (
        Invalid(
            "ModelPackageGroupName: churn\nmodelApprovalStatus: Approved\n",
            at="modelApprovalStatus",
            line=2,
            column=1,
            message="did you mean 'ModelApprovalStatus'?",
        ),
        Invalid(
            f"""
            InferenceSpecification:
              Containers:
                - Image: {_IMAGE}
                  Enviroment: {{MODEL_SERVER_WORKERS: "2"}}
            """,
            at="InferenceSpecification.Containers[0].Enviroment",
            line=4,
            column=7,
            message="did you mean 'Environment'?",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the key of each unknown member."""
        response = {id(n) for n in output_only(request.root)} if request.flavour != "cloudformation" else ()
        for v in c.violations(request).get(c.UNKNOWN_MEMBER, ()):
            name = v.text or ""
            if response and id(v.node) in response:
                continue  # describe-response reports a saved response once
            if request.flavour == "cloudformation" and name in CLOUDFORMATION_ONLY:
                continue
            suggestion = closest(name, v.shape.members)
            fix = None
            if sole(name, v.shape.members, suggestion, _MEMBER_CUTOFF):
                fix = rename_fix(request, v.node, suggestion)  # type: ignore[arg-type]
            yield self.report(v.node, _unknown_member_message(v, name, suggestion), key=True, fix=fix)


_MEMBER_CUTOFF = 0.75  # closest()'s default


def _unknown_member_message(v: c.Violation, name: str, suggestion: str | None) -> str:
    """Return "Unknown member 'x' in P; did you mean 'X'?" (or the members, when few)."""
    parent = paths.render(paths.parse(v.node.path)[:-1])
    message = f"Unknown member {quote(name)} in {_where(parent)}"
    if suggestion is None and len(v.shape.members) <= _LISTED:
        return f"{message}; expected one of {', '.join(v.shape.members)}"
    return message + did_you_mean(suggestion)


class WrongType(Rule):
    """Finds a value of the wrong JSON type.

    ## What it does
    Reports a value whose type is not the one the API expects: a string for a boolean, a
    number for a string, a number with a fraction for an integer, null anywhere. YAML request
    files are read as the AWS CLI reads them (YAML 1.2), so `yes` is a string and `1.13` a
    number; the message says so.

    ## Why is this bad?
    botocore refuses the request before sending it: "Invalid type for parameter".

    ## Example
    ```yaml
    CertifyForMarketplace: yes
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
          FrameworkVersion: 1.13
    ```

    ## Use instead
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
          FrameworkVersion: "1.13"
    ```
    """

    code = "MP102"
    fixable = "safe"
    name = "wrong-type"
    severity = Severity.ERROR
    summary = "A value of the wrong type (string, number, boolean, list, object)"
    VALID = (
        Valid("CertifyForMarketplace: true\n"),
        Valid('{"CertifyForMarketplace": false}', source="json"),
    )
    INVALID = (
        Invalid(
            "CertifyForMarketplace: yes\n",
            at="CertifyForMarketplace",
            line=1,
            column=24,
            message="must be a boolean (true or false), not the string 'yes'",
        ),
        Invalid(
            '{"ModelPackageName": 42}',
            source="json",
            at="ModelPackageName",
            line=1,
            column=22,
            message="must be a string, not the integer 42",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each value of the wrong type."""
        for v in c.violations(request).get(c.WRONG_TYPE, ()):
            yield self.report(v.node, _wrong_type_message(v), fix=retype_fix(request, v.node, v.shape.type))


def _wrong_type_message(v: c.Violation) -> str:
    """Return what was expected and what was found, with the source's note if any."""
    node = v.node
    expected = _EXPECTED.get(v.shape.type, v.shape.type)
    if node.kind is Kind.NULL and node.path:
        if node.path.endswith("]"):
            return f"{node.path}: null is not allowed in a list; remove the item"
        return (
            f"{node.path}: null is not allowed: botocore and the AWS CLI refuse it before "
            "sending (Invalid type for parameter, value: None); give a value or omit the "
            "member"
        )
    if node.kind is Kind.OBJECT:
        actual = "an object"
    elif node.kind is Kind.ARRAY:
        actual = "a list"
    elif node.kind is Kind.NULL:
        actual = "null"
    else:
        actual = f"the {type_name(node)} {describe(node)}"
    message = f"{_where(node.path)} must be {expected}, not {actual}"
    message = message[0].upper() + message[1:]
    return f"{message} ({node.note})" if node.note else message


class MissingRequiredMember(Rule):
    """Finds an object that lacks a member the API requires.

    ## What it does
    Reports the object (at its start) that lacks a required member, such as `Containers` in
    `InferenceSpecification` or `InstanceCount` in `TransformResources`. Objects whose members
    are partly known only at run time are not reported.

    ## Why is this bad?
    botocore refuses the request: "Missing required parameter".

    ## Example
    ```yaml
    InferenceSpecification:
      SupportedContentTypes: [text/csv]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
      SupportedContentTypes: [text/csv]
    ```
    """

    code = "MP103"
    name = "missing-required-member"
    severity = Severity.ERROR
    summary = "An object lacks a member the API requires"
    VALID = (Valid(f"InferenceSpecification:\n  Containers:\n    - Image: {_IMAGE}\n"),)
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  SupportedContentTypes: [text/csv]\n",
            at="InferenceSpecification",
            line=2,
            column=3,
            message="InferenceSpecification is missing required member Containers",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each object lacking a required member."""
        for v in c.violations(request).get(c.MISSING_MEMBER, ()):
            subject = v.node.path or "The request"
            yield self.report(v.node, f"{subject} is missing required member {v.member}")


_ENUM_LISTED = 8  # enums up to this size are listed in full in messages


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
    fixable = "safe"
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
            if v.shape.name in INSTANCE_TYPE_SHAPES:
                continue
            suggestion = closest(v.text or "", v.shape.enum, cutoff=_ENUM_CUTOFF)
            fix = None
            certain = sole(v.text or "", v.shape.enum, suggestion, _ENUM_CUTOFF)
            if certain and not v.at_key and v.node.string is not None:
                fix = replace_fix(v.node, suggestion)  # type: ignore[arg-type]
            yield self.report(v.node, _enum_message(v, suggestion), key=v.at_key, fix=fix)


_ENUM_CUTOFF = 0.6


def _enum_message(v: c.Violation, suggestion: str | None) -> str:
    """Return "P 'x' is not one of A, B; did you mean 'A'?"."""
    allowed = v.shape.enum
    listed = f"one of {', '.join(allowed)}" if len(allowed) <= _ENUM_LISTED else "an allowed value"
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


RULES: tuple[type[Rule], ...] = (
    UnknownMember,
    WrongType,
    MissingRequiredMember,
    InvalidEnumValue,
    PatternMismatch,
    StringLength,
    ListLength,
    MapSize,
    NumberOutOfRange,
)
