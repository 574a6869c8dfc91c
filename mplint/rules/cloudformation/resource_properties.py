"""MP809-MP810: properties only the resource has: read-only ones a template sets, and
``ModelPackageVersion`` (facts 7.1, the resource's registry schema as cfn-lint ships it)."""

from __future__ import annotations

from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.cloudformation.members import CLOUDFORMATION_ONLY_FLAVOUR, READ_ONLY, RESOURCE, is_cfn, template
from mplint.wording import describe


class ReadOnlyPropertySet(Rule):
    """Finds a read-only property of the resource written in a template.

    ## What it does
    Reports `ModelPackageArn`, `CreationTime` or `ModelPackageStatus` under `Properties`:
    the resource's schema marks them read-only (values CloudFormation reports, through
    `Fn::GetAtt`), not values a template sets.

    ## Why is this bad?
    The value does not reach SageMaker: at best it is ignored, and it misleads the reader.

    ## Example
    ```yaml
    Properties:
      ModelPackageGroupName: churn
      ModelPackageStatus: Completed
    ```

    ## Use instead
    ```yaml
    Properties:
      ModelPackageGroupName: churn
    ```
    Read it with `!GetAtt Pkg.ModelPackageStatus`.
    """

    code = "MP809"
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "read-only-property-set"
    severity = Severity.WARNING
    summary = "A read-only property of AWS::SageMaker::ModelPackage set in a template"
    VALID = (Valid(template("ModelPackageGroupName: churn\nModelPackageVersion: 2"), source="cloudformation"),)
    INVALID = (
        Invalid(
            template("ModelPackageGroupName: churn\nModelPackageStatus: Completed"),
            source="cloudformation",
            at="ModelPackageStatus",
            line=6,
            column=7,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the key of each read-only property."""
        if not is_cfn(request):
            return
        for name in READ_ONLY:
            node = request.extras.get(name)
            if node is not None:
                message = (
                    f"{name} is read-only in {RESOURCE}; CloudFormation sets it, read it with Fn::GetAtt; remove it"
                )
                yield self.report(node, message, key=True)


class InvalidModelPackageVersion(Rule):
    """Finds a `ModelPackageVersion` that is not an integer of at least 1.

    ## What it does
    Checks the CloudFormation-only property `ModelPackageVersion`, an integer ≥ 1 in the
    resource's schema.

    ## Why is this bad?
    CloudFormation refuses the resource.

    ## Example
    ```yaml
    Properties:
      ModelPackageGroupName: churn
      ModelPackageVersion: 0
    ```

    ## Use instead
    ```yaml
    Properties:
      ModelPackageGroupName: churn
      ModelPackageVersion: 1
    ```
    """

    code = "MP810"
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "invalid-model-package-version"
    severity = Severity.ERROR
    summary = "ModelPackageVersion is not an integer of at least 1"
    VALID = (
        Valid(template("ModelPackageGroupName: churn\nModelPackageVersion: 3"), source="cloudformation"),
        Valid(template("ModelPackageGroupName: churn\nModelPackageVersion: !Ref V"), source="cloudformation"),
    )
    INVALID = (
        Invalid(
            template("ModelPackageGroupName: churn\nModelPackageVersion: 0"),
            source="cloudformation",
            at="ModelPackageVersion",
            line=6,
            column=28,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at a ModelPackageVersion that is not an integer ≥ 1."""
        node = request.extras.get("ModelPackageVersion")
        if node is None or not node.is_known or not is_cfn(request):
            return
        value = node.value
        if node.kind is Kind.STRING and str(value).isdigit():
            value = int(str(value))
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            message = f"ModelPackageVersion must be an integer of at least 1, not {describe(node)}"
            yield self.report(node, message)


RULES: tuple[type[Rule], ...] = (ReadOnlyPropertySet, InvalidModelPackageVersion)
