"""MP201-MP202: which name a request gives its package, ModelPackageName (an unversioned
package) or ModelPackageGroupName (a version in a group).

Facts: the CreateModelPackage API reference; the SageMaker Python SDK's own guards; the service
messages reproduced by moto (see the domain facts, sections 2.1 and 2.2).
"""

from __future__ import annotations

from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import GROUP, NAME, given

_UNKNOWN_ROOT = "sm.create_model_package(**spec_from_env())"


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


RULES: tuple[type[Rule], ...] = (MissingPackageName, BothPackageNames)
