"""Rules that hold a request to the CreateModelPackage input shape: names, types, required members.

All schema rules (these and those in :mod:`mplint.rules.constraints`) read one shared walk of the
request (:mod:`mplint.schema.conformance`); each formats the kind of violation it owns.
"""

from __future__ import annotations

from collections.abc import Iterator

from mplint import paths
from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.constraints import CONSTRAINT_RULES
from mplint.rules.response import output_only
from mplint.schema import CLOUDFORMATION_ONLY
from mplint.schema import conformance as c
from mplint.suggestions import closest, did_you_mean
from mplint.values import describe, quote, short_path, type_name

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
            yield self.report(v.node, _unknown_member_message(v, name), key=True)


def _unknown_member_message(v: c.Violation, name: str) -> str:
    """Return "Unknown member 'x' in P; did you mean 'X'?" (or the members, when few)."""
    parent = paths.render(paths.parse(v.node.path)[:-1])
    message = f"Unknown member {quote(name)} in {_where(parent)}"
    suggestion = closest(name, v.shape.members)
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
            yield self.report(v.node, _wrong_type_message(v))


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


SCHEMA_RULES: tuple[type[Rule], ...] = (
    UnknownMember,
    WrongType,
    MissingRequiredMember,
    *CONSTRAINT_RULES,
)
