"""MP801-MP802: members the API and ``AWS::SageMaker::ModelPackage`` in CloudFormation disagree
on, and what every MP8xx rule reads of a template.

Every MP8xx rule looks only at requests read from a template (flavour "cloudformation"); the
differences come from facts 7.1 (the resource's registry schema as cfn-lint ships it).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from mplint import paths
from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import MIME_LISTS
from mplint.schema import load as load_schema

RESOURCE = "AWS::SageMaker::ModelPackage"
CONTAINERS = ("InferenceSpecification.Containers", "AdditionalInferenceSpecifications[*].Containers")
_S3 = "ModelDataSource.S3DataSource"
# API members the resource does not have (facts 7.1), as path patterns over the request.
NOT_IN_CLOUDFORMATION = (
    "ModelPackageRegistrationType", "ModelLifeCycle", "ManagedStorageType",
    *(f"{c}[*].{m}" for c in CONTAINERS for m in (
        "ProductId", "AdditionalS3DataSource", "AdditionalModelDataSources", "BaseModel",
        "IsCheckpoint", "ModelDataETag", f"{_S3}.ETag", f"{_S3}.ManifestEtag",
        f"{_S3}.HubAccessConfig", f"{_S3}.ManifestS3Uri",
    )),
    "SourceAlgorithmSpecification.SourceAlgorithms[*].ModelDataSource",
    "SourceAlgorithmSpecification.SourceAlgorithms[*].ModelDataETag",
    "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition.TransformResources"
    ".TransformAmiVersion",
)  # fmt: skip
_NOT_IN_CLOUDFORMATION_BY_PARENT: dict[str, tuple[str, ...]] = {}
for _pattern in NOT_IN_CLOUDFORMATION:
    _parent, _, _name = _pattern.rpartition(".")
    _NOT_IN_CLOUDFORMATION_BY_PARENT[_parent] = (*_NOT_IN_CLOUDFORMATION_BY_PARENT.get(_parent, ()), _name)
# Members the resource requires where the API does not (facts 7.1, "Stricter in CFN").
REQUIRED_IN_CLOUDFORMATION = (
    *((f"{c}[*]", "Image") for c in CONTAINERS),
    ("InferenceSpecification", "SupportedContentTypes"),
    ("InferenceSpecification", "SupportedResponseMIMETypes"),
    ("ModelCard", "ModelCardContent"),
    ("ModelCard", "ModelCardStatus"),
)
READ_ONLY = ("ModelPackageArn", "CreationTime", "ModelPackageStatus")
_IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"


def template(properties: str, logical_id: str = "Pkg") -> str:
    """Return a template holding one ModelPackage resource; properties start on line 5, column 7."""
    body = textwrap.indent(textwrap.dedent(properties).strip("\n"), " " * 6)
    return f"Resources:\n  {logical_id}:\n    Type: {RESOURCE}\n    Properties:\n{body}\n"


def at(root: Node, pattern: str) -> Iterator[Node]:
    """Yield the known nodes of a request that a ``[*]`` path pattern reaches, in order."""
    nodes = [root]
    for part in paths.parse(pattern):
        if part == "[*]":
            nodes = [item for n in nodes for item in n.items()]
        else:
            nodes = [child for n in nodes if (child := n.get(part)) is not None]  # type: ignore[arg-type]
    yield from (n for n in nodes if n.is_known)


def api_max(path: str) -> int:
    """Return the API's maximum for the string or map at a path."""
    shape = load_schema().shape_at(path)
    return int(shape.max) if shape is not None and shape.max is not None else 1 << 31


CLOUDFORMATION_ONLY_FLAVOUR = frozenset({"cloudformation"})


def is_cfn(request: Request) -> bool:
    """Tell whether a request was read from a CloudFormation template."""
    return request.flavour == "cloudformation"


class NotInCloudFormation(Rule):
    """Finds an API member that `AWS::SageMaker::ModelPackage` does not have.

    ## What it does
    Reports members of the CreateModelPackage API that the CloudFormation resource lacks:
    `ModelPackageRegistrationType`, `ModelLifeCycle`, `ManagedStorageType`, and in containers
    `ProductId`, `AdditionalS3DataSource`, `AdditionalModelDataSources`, `BaseModel`,
    `IsCheckpoint`, the ETag fields, `HubAccessConfig`, `ManifestS3Uri`; also
    `SourceAlgorithms[].ModelDataSource` and `TransformResources.TransformAmiVersion`.

    ## Why is this bad?
    CloudFormation validates properties against the resource's schema and refuses the stack
    operation; the API would accept the member, so a request file that works can fail as a
    template.

    ## Example
    ```yaml
    Resources:
      Pkg:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageGroupName: churn
          ModelLifeCycle: {Stage: dev, StageStatus: ok}
    ```

    ## Use instead
    ```yaml
    Resources:
      Pkg:
        Type: AWS::SageMaker::ModelPackage
        Properties:
          ModelPackageGroupName: churn
    ```
    Set such members with the API (UpdateModelPackage) after the stack creates the package.
    """

    code = "MP801"
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "not-in-cloudformation"
    severity = Severity.ERROR
    summary = "An API member that AWS::SageMaker::ModelPackage does not have"
    VALID = (
        Valid(template("ModelPackageGroupName: churn"), source="cloudformation"),
        Valid("ModelPackageGroupName: churn\nModelLifeCycle: {Stage: dev, StageStatus: ok}\n"),
        Valid(template("ModelPackageGroupName: churn\nFn::Transform: {Name: AWS::Include}"), source="cloudformation"),
    )
    INVALID = (
        Invalid(
            template("ModelPackageGroupName: churn\nModelLifeCycle: {Stage: dev, StageStatus: ok}"),
            source="cloudformation",
            at="ModelLifeCycle",
            line=6,
            column=7,
            message="not a property of AWS::SageMaker::ModelPackage in CloudFormation",
        ),
        Invalid(
            template(f"""
            InferenceSpecification:
              Containers:
                - Image: {_IMAGE}
                  BaseModel: !Ref Base
            """),
            source="cloudformation",
            at="InferenceSpecification.Containers[0].BaseModel",
            line=8,
            column=13,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the key of each member the resource does not have."""
        if not is_cfn(request):
            return
        for parent, names in _NOT_IN_CLOUDFORMATION_BY_PARENT.items():
            for obj in at(request.root, parent) if parent else [request.root]:
                for member in (m for name in names if (m := obj.get(name)) is not None):
                    message = (
                        f"{member.path} is not a property of {RESOURCE} in CloudFormation; "
                        "remove it, or set it through the API after the stack is created"
                    )
                    yield self.report(member, message, key=True)


class MissingCloudFormationProperty(Rule):
    """Finds a member that CloudFormation requires although the API does not.

    ## What it does
    Reports an object that lacks a member the resource's schema requires: `Image` in every
    container, `SupportedContentTypes` and `SupportedResponseMIMETypes` in
    `InferenceSpecification`, `ModelCardContent` and `ModelCardStatus` in `ModelCard`.

    ## Why is this bad?
    CloudFormation refuses the resource before calling SageMaker, though the same request
    would pass the API.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
      SupportedContentTypes: [text/csv]
      SupportedResponseMIMETypes: [text/csv]
    ```
    """

    code = "MP802"
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "missing-cloudformation-property"
    severity = Severity.ERROR
    summary = "A member CloudFormation requires although the API does not"
    VALID = (
        Valid(template("ModelCard: {ModelCardContent: '{}', ModelCardStatus: Draft}"), source="cloudformation"),
        Valid(
            template("ModelCard: !If [HasCard, {ModelCardStatus: Draft}, !Ref AWS::NoValue]"), source="cloudformation"
        ),
        Valid("ModelCard: {ModelCardStatus: Draft}\n"),
    )
    INVALID = (
        Invalid(
            template("ModelCard: {ModelCardStatus: Draft}"),
            source="cloudformation",
            at="ModelCard",
            line=5,
            column=18,
            message="ModelCardContent",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each object that lacks a member CloudFormation requires."""
        if not is_cfn(request):
            return
        for parent, name in REQUIRED_IN_CLOUDFORMATION:
            for obj in at(request.root, parent):
                if obj.is_object and not obj.open and obj.get(name) is None:
                    where = obj.path or "the properties"
                    message = (
                        f"{where} lacks {name}, which {RESOURCE} requires in "
                        f"CloudFormation (the API does not){_listing(self, request, name)}; "
                        f"add {name}"
                    )
                    yield self.report(obj, message)


def _listing(rule: Rule, request: Request, name: str) -> str:
    """Return ", and an AWS Marketplace listing documents it" when the missing member is a MIME
    list of a Marketplace package: the marketplace rule stays silent on it in a template."""
    certify = request.root.get("CertifyForMarketplace")
    listed = rule.profile == "marketplace" or (
        certify is not None and certify.kind is Kind.BOOL and certify.value is True
    )
    if name not in MIME_LISTS or not listed:
        return ""
    return f", and an AWS Marketplace listing documents it ({MIME_LISTS[name][2]})"


RULES: tuple[type[Rule], ...] = (NotInCloudFormation, MissingCloudFormationProperty)
