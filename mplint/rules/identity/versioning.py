"""MP203-MP209: members that apply to one kind of package only (facts 2.2).

An unversioned package has `ModelPackageName`; a versioned one `ModelPackageGroupName`. Each
rule here decides only when the kind is certain (see :attr:`Facts.package_kind`). Six of them
are one row each of :class:`MisplacedMember`: which members, on which kind, and what to say.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import UNVERSIONED, VERSIONED, Facts
from mplint.rules.fixes import remove_fix


class MisplacedMember(Rule):
    """A rule that finds top-level members on the kind of package they do not apply to.

    Each subclass is one row: its ``members``, the ``wrong_kind`` of package, the ``advice``
    that ends the message, and what the message ``said`` first ("{member}" and "{kind}" are
    filled in). With ``only_true``, only the boolean true is reported. A member given with a
    value that is not known statically is present all the same.
    """

    members: ClassVar[tuple[str, ...]] = ()
    wrong_kind: ClassVar[str] = ""
    advice: ClassVar[str] = ""
    said: ClassVar[str] = "{member} does not apply to {kind} packages"
    only_true: ClassVar[bool] = False
    fixable = "unsafe"

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        if len(cls.members) == 1:  # with several, any one of them is enough to report
            cls.needs = frozenset(cls.members)

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each member's key when the package is of the wrong kind."""
        root = request.root
        for member in self.members:
            node = root.get(member)
            if node is None or Facts.of(request).package_kind != self.wrong_kind:
                continue
            if self.only_true and not (node.kind is Kind.BOOL and node.value is True):
                continue
            said = self.said.format(member=member, kind=self.wrong_kind)
            fix = remove_fix(request, node, f"Remove {member} (unsafe: the request changes)")
            yield self.report(node, f"{said}; {self.advice}", key=True, fix=fix)


class MarketplaceCertificationOnVersioned(MisplacedMember):
    """Finds `CertifyForMarketplace: true` on a version in a model group.

    ## What it does
    Reports `CertifyForMarketplace: true` when the request has `ModelPackageGroupName`.
    `false` is left alone: the SageMaker Python SDK always sends it.

    ## Why is this bad?
    Marketplace packages are unversioned; the API says the member does not apply to versioned
    packages.

    ## Example
    ```yaml
    ModelPackageGroupName: churn-models
    CertifyForMarketplace: true
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model
    CertifyForMarketplace: true
    ```
    """

    code = "MP203"
    name = "marketplace-certification-on-versioned"
    severity = Severity.ERROR
    summary = "CertifyForMarketplace is true on a versioned package"
    VALID = (
        Valid("ModelPackageGroupName: churn-models\nCertifyForMarketplace: false\n"),
        Valid("ModelPackageName: churn-model\nCertifyForMarketplace: true\n"),
        Valid("sm.create_model_package(ModelPackageGroupName='g', CertifyForMarketplace=flag())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageGroupName: churn-models\nCertifyForMarketplace: true\n",
            at="CertifyForMarketplace",
            line=2,
            column=1,
        ),
    )

    members = ("CertifyForMarketplace",)
    wrong_kind = VERSIONED
    advice = "use ModelPackageName instead of a group to list the package on Marketplace"
    only_true = True


class ApprovalStatusOnUnversioned(MisplacedMember):
    """Finds `ModelApprovalStatus` on an unversioned package.

    ## What it does
    Reports `ModelApprovalStatus` when the request has `ModelPackageName` and no group.

    ## Why is this bad?
    The API says the status does not apply to unversioned packages. The service tolerates it
    (the SageMaker Python SDK always sends one), so it is only misleading.

    ## Example
    ```yaml
    ModelPackageName: churn-model
    ModelApprovalStatus: Approved
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model
    ```
    """

    code = "MP204"
    name = "approval-status-on-unversioned"
    severity = Severity.WARNING
    summary = "ModelApprovalStatus on an unversioned package"
    VALID = (
        Valid("ModelPackageGroupName: churn-models\nModelApprovalStatus: Approved\n"),
        Valid(
            "sm.create_model_package(ModelPackageName='m', ModelApprovalStatus='Approved', **extra())", source="python"
        ),
    )
    INVALID = (
        Invalid(
            "ModelPackageName: churn-model\nModelApprovalStatus: Approved\n", at="ModelApprovalStatus", line=2, column=1
        ),
    )

    members = ("ModelApprovalStatus",)
    wrong_kind = UNVERSIONED
    advice = "remove it, or register the model in a group"


class TagsOnVersioned(MisplacedMember):
    """Finds `Tags` on a version in a model group.

    ## What it does
    Reports `Tags` when the request has `ModelPackageGroupName`.

    ## Why is this bad?
    The API says a versioned package cannot have tags: it takes the group's. SDK pipeline
    steps still send them, so the service's behaviour is not certain; tag the group instead.

    ## Example
    ```yaml
    ModelPackageGroupName: churn-models
    Tags: [{Key: team, Value: growth}]
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    ```
    """

    code = "MP205"
    name = "tags-on-versioned"
    severity = Severity.WARNING
    summary = "Tags on a versioned package (it takes the group's tags)"
    VALID = (
        Valid("ModelPackageName: churn-model\nTags: [{Key: team, Value: growth}]\n"),
        Valid("sm.create_model_package(ModelPackageGroupName='g', **tags_from_env())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageGroupName: churn-models\nTags: [{Key: team, Value: growth}]\n", at="Tags", line=2, column=1
        ),
        # Present with a value not known statically: present all the same.
        Invalid(
            "sm.create_model_package(ModelPackageGroupName='g', Tags=tags_from_env())",
            source="python",
            at="Tags",
            line=1,
            column=52,
        ),
    )

    members = ("Tags",)
    wrong_kind = VERSIONED
    advice = "tag the model package group instead (a version takes the group's tags)"


class SourceUriOnUnversioned(MisplacedMember):
    """Finds `SourceUri` on an unversioned package.

    ## What it does
    Reports `SourceUri` when the request has `ModelPackageName` and no group.

    ## Why is this bad?
    The SageMaker Python SDK refuses it: "Un-versioned SageMaker Model Package currently cannot
    be created with source_uri".

    ## Example
    ```yaml
    ModelPackageName: churn-model
    SourceUri: arn:aws:sagemaker:us-east-1:111122223333:model/churn
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    SourceUri: arn:aws:sagemaker:us-east-1:111122223333:model/churn
    ```
    """

    code = "MP206"
    name = "source-uri-on-unversioned"
    severity = Severity.WARNING
    summary = "SourceUri on an unversioned package"
    VALID = (
        Valid("ModelPackageGroupName: churn-models\nSourceUri: arn:aws:sagemaker:x\n"),
        Valid("sm.create_model_package(ModelPackageName='m', SourceUri=uri(), **more())", source="python"),
    )
    INVALID = (
        Invalid("ModelPackageName: churn-model\nSourceUri: arn:aws:sagemaker:x\n", at="SourceUri", line=2, column=1),
    )

    members = ("SourceUri",)
    wrong_kind = UNVERSIONED
    advice = "register the model in a group (ModelPackageGroupName)"
    said = "The SageMaker SDK refuses SourceUri on an unversioned package (the API does not say)"


class ModelDataSourceOnUnversioned(Rule):
    """Finds a container with `ModelDataSource` in an unversioned package.

    ## What it does
    Reports `ModelDataSource` in the containers of `InferenceSpecification` and of
    `AdditionalInferenceSpecifications` when the request has `ModelPackageName` and no group.

    ## Why is this bad?
    The SageMaker Python SDK refuses it ("Un-versioned SageMaker Model Package currently
    cannot be created with ModelDataSource"), and CreateModel documents that `ModelDataSource`
    cannot be used with Marketplace or batch transform.

    ## Example
    ```yaml
    ModelPackageName: churn-model
    InferenceSpecification:
      Containers:
        - ModelDataSource: {S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}}
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model
    InferenceSpecification:
      Containers:
        - ModelDataUrl: s3://b/m/model.tar.gz
    ```
    """

    code = "MP207"
    name = "model-data-source-on-unversioned"
    severity = Severity.WARNING
    summary = "ModelDataSource in a container of an unversioned package"
    _SNIPPET = (
        "InferenceSpecification:\n  Containers:\n    - ModelDataSource: "
        "{S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}}\n"
    )
    VALID = (
        Valid("ModelPackageGroupName: churn-models\n" + _SNIPPET),
        Valid("sm.create_model_package(ModelPackageName='m', InferenceSpecification=spec())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageName: churn-model\n" + _SNIPPET,
            at="InferenceSpecification.Containers[0].ModelDataSource",
            line=4,
            column=7,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each container's ModelDataSource key."""
        facts = Facts.of(request)
        if facts.package_kind != UNVERSIONED:
            return
        for container in facts.containers:
            source = container.get("ModelDataSource")
            if source is not None:  # present, whatever its value
                yield self.report(
                    source,
                    "The SageMaker SDK refuses ModelDataSource in an "
                    "unversioned package (and CreateModel documents it as unusable "
                    "with AWS Marketplace); give the artifact as ModelDataUrl (a .tar.gz) or "
                    "register the model in a group",
                    key=True,
                )


class RegistryMemberOnUnversioned(MisplacedMember):
    """Finds Model Registry members on an unversioned package.

    ## What it does
    Reports `MetadataProperties`, `ModelMetrics`, `DriftCheckBaselines`, `ModelLifeCycle` and
    `ModelCard` when the request has `ModelPackageName` and no group.

    ## Why is this bad?
    They are Model Registry features, meaningful for versions in a model group. The API does
    not forbid them on unversioned packages, so this is only a hint.

    ## Example
    ```yaml
    ModelPackageName: churn-model
    ModelLifeCycle: {Stage: Development, StageStatus: InProgress}
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    ModelLifeCycle: {Stage: Development, StageStatus: InProgress}
    ```
    """

    code = "MP208"
    name = "registry-member-on-unversioned"
    severity = Severity.INFO
    summary = "A Model Registry member on an unversioned package"
    members = ("MetadataProperties", "ModelMetrics", "DriftCheckBaselines", "ModelLifeCycle", "ModelCard")
    VALID = (
        Valid("ModelPackageGroupName: churn-models\nMetadataProperties: {CommitId: 4f2c9e1}\n"),
        Valid("sm.create_model_package(ModelPackageName='m', ModelCard=card(), **more())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageName: churn-model\nMetadataProperties: {CommitId: 4f2c9e1}\n",
            at="MetadataProperties",
            line=2,
            column=1,
        ),
    )

    wrong_kind = UNVERSIONED
    advice = (
        "the API allows it, but the Model Registry shows it for versions in a model group, not for unversioned packages"
    )
    said = "{member} is a Model Registry feature"


class CustomerMetadataOnUnversioned(MisplacedMember):
    """Finds `CustomerMetadataProperties` on an unversioned package.

    ## What it does
    Reports `CustomerMetadataProperties` when the request has `ModelPackageName` and no group.

    ## Why is this bad?
    The API describes them as properties "associated with the model package versions"; on an
    unversioned package they may not be what you expect. Only a hint.

    ## Example
    ```yaml
    ModelPackageName: churn-model
    CustomerMetadataProperties: {team: growth}
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    CustomerMetadataProperties: {team: growth}
    ```
    """

    code = "MP209"
    name = "customer-metadata-on-unversioned"
    severity = Severity.INFO
    summary = "CustomerMetadataProperties on an unversioned package"
    VALID = (
        Valid("ModelPackageGroupName: churn-models\nCustomerMetadataProperties: {team: growth}\n"),
        Valid("sm.create_model_package(CustomerMetadataProperties={'team': 'growth'}, **names())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageName: churn-model\nCustomerMetadataProperties: {team: growth}\n",
            at="CustomerMetadataProperties",
            line=2,
            column=1,
        ),
    )

    members = ("CustomerMetadataProperties",)
    wrong_kind = UNVERSIONED
    advice = "the API does not forbid it on an unversioned package"
    said = "CustomerMetadataProperties is described for package versions in a model group"


RULES: tuple[type[Rule], ...] = (
    MarketplaceCertificationOnVersioned,
    ApprovalStatusOnUnversioned,
    TagsOnVersioned,
    SourceUriOnUnversioned,
    ModelDataSourceOnUnversioned,
    RegistryMemberOnUnversioned,
    CustomerMetadataOnUnversioned,
)
