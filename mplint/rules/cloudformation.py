"""Rules for ``AWS::SageMaker::ModelPackage`` in CloudFormation: where its schema and the API differ.

Every rule here looks only at requests read from a template (flavour "cloudformation"); the
differences come from facts 7.1 (the resource's registry schema as cfn-lint ships it).
"""

from __future__ import annotations

import textwrap
from typing import Iterator

from mplint import paths
from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Node, Request
from mplint.rules.base import Invalid, Rule, Valid
from mplint.schema import load as load_schema
from mplint.values import count, describe

RESOURCE = "AWS::SageMaker::ModelPackage"
_CONTAINERS = ("InferenceSpecification.Containers", "AdditionalInferenceSpecifications[*].Containers")
_S3 = "ModelDataSource.S3DataSource"
# API members the resource does not have (facts 7.1), as path patterns over the request.
NOT_IN_CLOUDFORMATION = (
    "ModelPackageRegistrationType", "ModelLifeCycle", "ManagedStorageType",
    *(f"{c}[*].{m}" for c in _CONTAINERS for m in (
        "ProductId", "AdditionalS3DataSource", "AdditionalModelDataSources", "BaseModel",
        "IsCheckpoint", "ModelDataETag", f"{_S3}.ETag", f"{_S3}.ManifestEtag",
        f"{_S3}.HubAccessConfig", f"{_S3}.ManifestS3Uri",
    )),
    "SourceAlgorithmSpecification.SourceAlgorithms[*].ModelDataSource",
    "SourceAlgorithmSpecification.SourceAlgorithms[*].ModelDataETag",
    "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition.TransformResources"
    ".TransformAmiVersion",
)  # fmt: skip
# Members the resource requires where the API does not (facts 7.1, "Stricter in CFN").
REQUIRED_IN_CLOUDFORMATION = (
    *((f"{c}[*]", "Image") for c in _CONTAINERS),
    ("InferenceSpecification", "SupportedContentTypes"),
    ("InferenceSpecification", "SupportedResponseMIMETypes"),
    ("ModelCard", "ModelCardContent"),
    ("ModelCard", "ModelCardStatus"),
)
DATA_INPUT_CONFIG_MAX = 1024
ENVIRONMENT_MAX = 16
READ_ONLY = ("ModelPackageArn", "CreationTime", "ModelPackageStatus")
_TRANSFORM_S3_DATA_TYPE = (
    "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition.TransformInput"
    ".DataSource.S3DataSource.S3DataType"
)
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


def _cfn(request: Request) -> bool:
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
    name = "not-in-cloudformation"
    severity = Severity.ERROR
    summary = "An API member that AWS::SageMaker::ModelPackage does not have"
    VALID = (
        Valid(template("ModelPackageGroupName: churn"), source="cloudformation"),
        Valid("ModelPackageGroupName: churn\nModelLifeCycle: {Stage: dev, StageStatus: ok}\n"),
        Valid(template("ModelPackageGroupName: churn\nFn::Transform: {Name: AWS::Include}"),
              source="cloudformation"),
    )
    INVALID = (
        Invalid(template("ModelPackageGroupName: churn\nModelLifeCycle: {Stage: dev, StageStatus: ok}"),
                source="cloudformation", at="ModelLifeCycle", line=6, column=7,
                message="not a property of AWS::SageMaker::ModelPackage in CloudFormation"),
        Invalid(template(f"""
            InferenceSpecification:
              Containers:
                - Image: {_IMAGE}
                  BaseModel: !Ref Base
            """), source="cloudformation", at="InferenceSpecification.Containers[0].BaseModel",
                line=8, column=13),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the key of each member the resource does not have."""
        if not _cfn(request):
            return
        for pattern in NOT_IN_CLOUDFORMATION:
            parent, name = pattern.rsplit(".", 1) if "." in pattern else ("", pattern)
            for obj in at(request.root, parent) if parent else [request.root]:
                member = obj.get(name)
                if member is not None:
                    message = (f"{member.path} is not a property of {RESOURCE} in CloudFormation; "
                               "remove it, or set it through the API after the stack is created")
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
    name = "missing-cloudformation-property"
    severity = Severity.ERROR
    summary = "A member CloudFormation requires although the API does not"
    VALID = (
        Valid(template("ModelCard: {ModelCardContent: '{}', ModelCardStatus: Draft}"),
              source="cloudformation"),
        Valid(template("ModelCard: !If [HasCard, {ModelCardStatus: Draft}, !Ref AWS::NoValue]"),
              source="cloudformation"),
        Valid("ModelCard: {ModelCardStatus: Draft}\n"),
    )
    INVALID = (
        Invalid(template("ModelCard: {ModelCardStatus: Draft}"), source="cloudformation",
                at="ModelCard", line=5, column=18, message="ModelCardContent"),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each object that lacks a member CloudFormation requires."""
        if not _cfn(request):
            return
        for parent, name in REQUIRED_IN_CLOUDFORMATION:
            for obj in at(request.root, parent):
                if obj.is_object and not obj.open and obj.get(name) is None:
                    where = obj.path or "the properties"
                    message = (f"{where} lacks {name}, which {RESOURCE} requires in "
                               f"CloudFormation (the API does not); add {name}")
                    yield self.report(obj, message)


class DataInputConfigTooLongForCloudFormation(Rule):
    """Finds a `DataInputConfig` longer than CloudFormation's 1024 characters.

    ## What it does
    Reports a container's `ModelInput.DataInputConfig` of 1025 to 16384 characters: the API
    takes up to 16384, the resource's schema only 1024. Longer values are MP106's.

    ## Why is this bad?
    CloudFormation refuses the resource although the API would accept the value.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
          ModelInput: {DataInputConfig: '{"input": [1, 3, 224, 224], ...}'}  # 2,000 characters
    ```

    ## Use instead
    Keep `DataInputConfig` within 1024 characters in a template, or register the package with
    the API.
    """

    code = "MP803"
    name = "cloudformation-data-input-config-too-long"
    severity = Severity.ERROR
    summary = "DataInputConfig longer than CloudFormation's 1024 characters"
    _LONG = '"' + "x" * 1030 + '"'
    VALID = (
        Valid(template(f"InferenceSpecification: {{Containers: [{{ModelInput: {{DataInputConfig: "
                       f"!Sub '${{Shape}}'}}}}]}}"), source="cloudformation"),
        Valid(f"InferenceSpecification: {{Containers: [{{ModelInput: {{DataInputConfig: {_LONG}}}}}]}}\n"),
    )
    INVALID = (
        Invalid(template(f"InferenceSpecification: {{Containers: [{{ModelInput: {{DataInputConfig: "
                         f"{_LONG}}}}}]}}"), source="cloudformation",
                at="InferenceSpecification.Containers[0].ModelInput.DataInputConfig", line=5,
                column=76, message="at most 1024"),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each DataInputConfig too long for CloudFormation only."""
        if not _cfn(request):
            return
        for container in (c for p in _CONTAINERS for c in at(request.root, p + "[*]")):
            value = container.find("ModelInput.DataInputConfig")
            if value is None or value.kind is not Kind.STRING:
                continue
            api_max = _api_max(value.path)
            if DATA_INPUT_CONFIG_MAX < len(value.value) <= api_max:  # type: ignore[arg-type]
                message = (f"{value.path} has {count(len(value.value), 'character')}; "  # type: ignore[arg-type]
                           f"{RESOURCE} takes at most {DATA_INPUT_CONFIG_MAX} in CloudFormation "
                           f"(the API {api_max}); shorten it")
                yield self.report(value, message)


def _api_max(path: str) -> int:
    shape = load_schema().shape_at(path)
    return int(shape.max) if shape is not None and shape.max is not None else 1 << 31


class TooManyEnvironmentVariablesForCloudFormation(Rule):
    """Finds a container `Environment` with more than CloudFormation's 16 variables.

    ## What it does
    Reports a container's `Environment` with 17 to 100 entries: the API takes 100, the
    resource's schema 16. More than 100 is MP108's.

    ## Why is this bad?
    CloudFormation refuses the resource although the API would accept the map.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
          Environment: {V1: "1", V2: "2", ..., V17: "17"}
    ```

    ## Use instead
    At most 16 variables per container in a template (fold settings into one JSON value, or
    bake them into the image).
    """

    code = "MP804"
    name = "cloudformation-too-many-environment-variables"
    severity = Severity.ERROR
    summary = "A container Environment with more than CloudFormation's 16 variables"
    _ENV17 = "{" + ", ".join(f"V{i}: x" for i in range(17)) + "}"
    VALID = (
        Valid(template(f"InferenceSpecification: {{Containers: [{{Environment: !GetAtt A.B}}]}}"),
              source="cloudformation"),
        Valid(f"InferenceSpecification: {{Containers: [{{Environment: {_ENV17}}}]}}\n"),
    )
    INVALID = (
        Invalid(template(f"InferenceSpecification: {{Containers: [{{Environment: {_ENV17}}}]}}"),
                source="cloudformation", at="InferenceSpecification.Containers[0].Environment",
                line=5, column=59, message="17 variables"),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each Environment map too large for CloudFormation only."""
        if not _cfn(request):
            return
        for container in (c for p in _CONTAINERS for c in at(request.root, p + "[*]")):
            env = container.get("Environment")
            if env is None or not env.is_object:
                continue
            size = len(env.value)  # type: ignore[arg-type]
            if ENVIRONMENT_MAX < size <= _api_max(env.path):
                message = (f"{env.path} has {count(size, 'variable')}; {RESOURCE} takes at most "
                           f"{ENVIRONMENT_MAX} per container in CloudFormation; remove some")
                yield self.report(env, message)


class EmptyValidationProfiles(Rule):
    """Finds an empty `ValidationProfiles` list, which CloudFormation refuses.

    ## What it does
    Reports `ValidationSpecification.ValidationProfiles: []` in a template: the resource's
    schema wants exactly one profile, the API accepts none.

    ## Why is this bad?
    CloudFormation refuses the resource.

    ## Example
    ```yaml
    ValidationSpecification:
      ValidationRole: arn:aws:iam::111122223333:role/validation
      ValidationProfiles: []
    ```

    ## Use instead
    Give one validation profile, or leave `ValidationSpecification` out.
    """

    code = "MP805"
    name = "cloudformation-empty-validation-profiles"
    severity = Severity.ERROR
    summary = "An empty ValidationProfiles list, which CloudFormation refuses"
    VALID = (
        Valid(template("ValidationSpecification: {ValidationProfiles: !Ref Profiles}"),
              source="cloudformation"),
        Valid("ValidationSpecification: {ValidationRole: r, ValidationProfiles: []}\n"),
    )
    INVALID = (
        Invalid(template("ValidationSpecification: {ValidationProfiles: []}"),
                source="cloudformation", at="ValidationSpecification.ValidationProfiles",
                line=5, column=53),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at an empty ValidationProfiles list."""
        if not _cfn(request):
            return
        for profiles in at(request.root, "ValidationSpecification.ValidationProfiles"):
            if profiles.is_array and not profiles.items():
                message = (f"{RESOURCE} needs exactly one validation profile in CloudFormation; "
                           "add one, or remove ValidationSpecification")
                yield self.report(profiles, message)


class ConverseDataTypeInCloudFormation(Rule):
    """Finds the transform input `S3DataType: Converse`, which CloudFormation does not know.

    ## What it does
    Reports `Converse` as the S3 data type of a validation job's transform input: the API's
    enum has it, the resource's schema does not.

    ## Why is this bad?
    CloudFormation refuses the resource although the API would accept the value.

    ## Example
    ```yaml
    TransformInput:
      DataSource: {S3DataSource: {S3DataType: Converse, S3Uri: s3://bucket/in/}}
    ```

    ## Use instead
    ```yaml
    TransformInput:
      DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: s3://bucket/in/}}
    ```
    """

    code = "MP806"
    name = "cloudformation-converse-data-type"
    severity = Severity.ERROR
    summary = "Transform input S3DataType Converse, which CloudFormation does not know"
    _PROFILE = ("ValidationSpecification: {{ValidationProfiles: [{{TransformJobDefinition: "
                "{{TransformInput: {{DataSource: {{S3DataSource: {{S3DataType: {}}}}}}}}}}}]}}")
    VALID = (
        Valid(template(_PROFILE.format("S3Prefix")), source="cloudformation"),
        Valid(template(_PROFILE.format("!Ref DataType")), source="cloudformation"),
        Valid(_PROFILE.format("Converse") + "\n"),
    )
    INVALID = (
        Invalid(template(_PROFILE.format("Converse")), source="cloudformation",
                at=_TRANSFORM_S3_DATA_TYPE.replace("[*]", "[0]"), line=5, column=137),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each transform S3DataType of Converse."""
        if not _cfn(request):
            return
        for value in at(request.root, _TRANSFORM_S3_DATA_TYPE):
            if value.kind is Kind.STRING and value.value == "Converse":
                message = (f"S3DataType {describe(value)} is not in {RESOURCE}'s enum in "
                           "CloudFormation (ManifestFile, S3Prefix, AugmentedManifestFile)")
                yield self.report(value, message)


class FrameworkVersionHyphenInCloudFormation(Rule):
    """Finds a container `FrameworkVersion` with a hyphen, which CloudFormation's pattern refuses.

    ## What it does
    Reports a `FrameworkVersion` that the API's pattern accepts but that holds a `-`: the
    resource's schema has an older pattern without it.

    ## Why is this bad?
    CloudFormation refuses the resource although the API would accept the value.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
          Framework: PYTORCH
          FrameworkVersion: 2.1-gpu
    ```

    ## Use instead
    ```yaml
          FrameworkVersion: "2.1"
    ```
    """

    code = "MP807"
    name = "cloudformation-framework-version-hyphen"
    severity = Severity.ERROR
    summary = "A FrameworkVersion with a hyphen, which CloudFormation's pattern refuses"
    VALID = (
        Valid(template("InferenceSpecification: {Containers: [{FrameworkVersion: '2.1'}]}"),
              source="cloudformation"),
        Valid(template("InferenceSpecification: {Containers: [{FrameworkVersion: !Ref V}]}"),
              source="cloudformation"),
        Valid("InferenceSpecification: {Containers: [{FrameworkVersion: 2.1-gpu}]}\n"),
    )
    INVALID = (
        Invalid(template("InferenceSpecification: {Containers: [{FrameworkVersion: 2.1-gpu}]}"),
                source="cloudformation", at="InferenceSpecification.Containers[0].FrameworkVersion",
                line=5, column=64),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each FrameworkVersion the API takes but CloudFormation does not."""
        if not _cfn(request):
            return
        for container in (c for p in _CONTAINERS for c in at(request.root, p + "[*]")):
            value = container.get("FrameworkVersion")
            if value is None or value.kind is not Kind.STRING or "-" not in value.value:  # type: ignore[operator]
                continue
            shape = load_schema().shape_at(value.path)
            if shape is not None and shape.fullmatch(value.value):  # type: ignore[arg-type]
                message = (f"FrameworkVersion {describe(value)} holds '-', which {RESOURCE}'s "
                           "pattern does not allow in CloudFormation; drop the suffix")
                yield self.report(value, message)


class DuplicateContainer(Rule):
    """Finds two identical containers in one list, which CloudFormation refuses.

    ## What it does
    Reports the second of two containers that are equal member for member in
    `InferenceSpecification.Containers` or an additional specification's `Containers`: the
    resource's schema wants unique items.

    ## Why is this bad?
    CloudFormation refuses the resource; the copy is a mistake in any case.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
    ```
    """

    code = "MP808"
    name = "cloudformation-duplicate-container"
    severity = Severity.ERROR
    summary = "Two identical containers in one list, which CloudFormation refuses"
    VALID = (
        Valid(template("InferenceSpecification: {Containers: [{Image: !Ref A}, {Image: !Ref A}]}"),
              source="cloudformation"),
        Valid("InferenceSpecification: {Containers: [{Image: a}, {Image: a}]}\n"),
    )
    INVALID = (
        Invalid(template("InferenceSpecification: {Containers: [{Image: a}, {Image: a}]}"),
                source="cloudformation", at="InferenceSpecification.Containers[1]", line=5,
                column=57),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each container equal to an earlier one of its list."""
        if not _cfn(request):
            return
        for listed in (c for p in _CONTAINERS for c in at(request.root, p)):
            seen: list[tuple[object, int]] = []
            for i, item in enumerate(listed.items()):
                if item.has_unknown():
                    continue
                plain = item.plain()
                first = next((j for value, j in seen if value == plain), None)
                if first is not None:
                    message = (f"{item.path} repeats container [{first}]; {RESOURCE} wants "
                               "unique containers in CloudFormation; remove the copy")
                    yield self.report(item, message)
                seen.append((plain, i))


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
    name = "read-only-property-set"
    severity = Severity.WARNING
    summary = "A read-only property of AWS::SageMaker::ModelPackage set in a template"
    VALID = (
        Valid(template("ModelPackageGroupName: churn\nModelPackageVersion: 2"), source="cloudformation"),
    )
    INVALID = (
        Invalid(template("ModelPackageGroupName: churn\nModelPackageStatus: Completed"),
                source="cloudformation", at="ModelPackageStatus", line=6, column=7),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the key of each read-only property."""
        if not _cfn(request):
            return
        for name in READ_ONLY:
            node = request.extras.get(name)
            if node is not None:
                message = (f"{name} is read-only in {RESOURCE}; CloudFormation sets it, read it "
                           f"with Fn::GetAtt; remove it")
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
    name = "invalid-model-package-version"
    severity = Severity.ERROR
    summary = "ModelPackageVersion is not an integer of at least 1"
    VALID = (
        Valid(template("ModelPackageGroupName: churn\nModelPackageVersion: 3"), source="cloudformation"),
        Valid(template("ModelPackageGroupName: churn\nModelPackageVersion: !Ref V"),
              source="cloudformation"),
    )
    INVALID = (
        Invalid(template("ModelPackageGroupName: churn\nModelPackageVersion: 0"),
                source="cloudformation", at="ModelPackageVersion", line=6, column=28),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at a ModelPackageVersion that is not an integer ≥ 1."""
        node = request.extras.get("ModelPackageVersion")
        if node is None or not node.is_known or not _cfn(request):
            return
        value = node.value
        if node.kind is Kind.STRING and str(value).isdigit():
            value = int(str(value))
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            message = f"ModelPackageVersion must be an integer of at least 1, not {describe(node)}"
            yield self.report(node, message)


RULES = (
    NotInCloudFormation,
    MissingCloudFormationProperty,
    DataInputConfigTooLongForCloudFormation,
    TooManyEnvironmentVariablesForCloudFormation,
    EmptyValidationProfiles,
    ConverseDataTypeInCloudFormation,
    FrameworkVersionHyphenInCloudFormation,
    DuplicateContainer,
    ReadOnlyPropertySet,
    InvalidModelPackageVersion,
)
