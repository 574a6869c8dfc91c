"""MP803-MP808: values the API takes but ``AWS::SageMaker::ModelPackage`` in CloudFormation refuses.

Facts 7.1 ("Stricter in CFN", "Looser/outdated in CFN"): a value the API takes but the resource's
schema refuses. Values the API refuses too are the schema rules' (MP105-MP108), not these.
"""

from __future__ import annotations

from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.cloudformation.members import (
    CLOUDFORMATION_ONLY_FLAVOUR,
    CONTAINERS,
    RESOURCE,
    api_max,
    at,
    is_cfn,
    template,
)
from mplint.schema import load as load_schema
from mplint.wording import count, describe

DATA_INPUT_CONFIG_MAX = 1024
ENVIRONMENT_MAX = 16
_TRANSFORM_S3_DATA_TYPE = (
    "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition.TransformInput"
    ".DataSource.S3DataSource.S3DataType"
)


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
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "cloudformation-data-input-config-too-long"
    severity = Severity.ERROR
    summary = "DataInputConfig longer than CloudFormation's 1024 characters"
    _LONG = '"' + "x" * 1030 + '"'
    VALID = (
        Valid(
            template("InferenceSpecification: {Containers: [{ModelInput: {DataInputConfig: !Sub '${Shape}'}}]}"),
            source="cloudformation",
        ),
        Valid(f"InferenceSpecification: {{Containers: [{{ModelInput: {{DataInputConfig: {_LONG}}}}}]}}\n"),
    )
    INVALID = (
        Invalid(
            template(f"InferenceSpecification: {{Containers: [{{ModelInput: {{DataInputConfig: {_LONG}}}}}]}}"),
            source="cloudformation",
            at="InferenceSpecification.Containers[0].ModelInput.DataInputConfig",
            line=5,
            column=76,
            message="at most 1024",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each DataInputConfig too long for CloudFormation only."""
        if not is_cfn(request):
            return
        for container in (c for p in CONTAINERS for c in at(request.root, p + "[*]")):
            value = container.find("ModelInput.DataInputConfig")
            if value is None or value.kind is not Kind.STRING:
                continue
            limit = api_max(value.path)
            if DATA_INPUT_CONFIG_MAX < len(value.value) <= limit:  # type: ignore[arg-type]
                message = (
                    f"{value.path} has {count(len(value.value), 'character')}; "  # type: ignore[arg-type]
                    f"{RESOURCE} takes at most {DATA_INPUT_CONFIG_MAX} in CloudFormation "
                    f"(the API {limit}); shorten it"
                )
                yield self.report(value, message)


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
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "cloudformation-too-many-environment-variables"
    severity = Severity.ERROR
    summary = "A container Environment with more than CloudFormation's 16 variables"
    _ENV17 = "{" + ", ".join(f"V{i}: x" for i in range(17)) + "}"
    VALID = (
        Valid(template("InferenceSpecification: {Containers: [{Environment: !GetAtt A.B}]}"), source="cloudformation"),
        Valid(f"InferenceSpecification: {{Containers: [{{Environment: {_ENV17}}}]}}\n"),
    )
    INVALID = (
        Invalid(
            template(f"InferenceSpecification: {{Containers: [{{Environment: {_ENV17}}}]}}"),
            source="cloudformation",
            at="InferenceSpecification.Containers[0].Environment",
            line=5,
            column=59,
            message="17 variables",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each Environment map too large for CloudFormation only."""
        if not is_cfn(request):
            return
        for container in (c for p in CONTAINERS for c in at(request.root, p + "[*]")):
            env = container.get("Environment")
            if env is None or not env.is_object:
                continue
            size = len(env.value)  # type: ignore[arg-type]
            if ENVIRONMENT_MAX < size <= api_max(env.path):
                message = (
                    f"{env.path} has {count(size, 'variable')}; {RESOURCE} takes at most "
                    f"{ENVIRONMENT_MAX} per container in CloudFormation; remove some"
                )
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
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "cloudformation-empty-validation-profiles"
    severity = Severity.ERROR
    summary = "An empty ValidationProfiles list, which CloudFormation refuses"
    VALID = (
        Valid(template("ValidationSpecification: {ValidationProfiles: !Ref Profiles}"), source="cloudformation"),
        Valid("ValidationSpecification: {ValidationRole: r, ValidationProfiles: []}\n"),
    )
    INVALID = (
        Invalid(
            template("ValidationSpecification: {ValidationProfiles: []}"),
            source="cloudformation",
            at="ValidationSpecification.ValidationProfiles",
            line=5,
            column=53,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at an empty ValidationProfiles list."""
        if not is_cfn(request):
            return
        for profiles in at(request.root, "ValidationSpecification.ValidationProfiles"):
            if profiles.is_array and not profiles.items():
                message = (
                    f"{RESOURCE} needs exactly one validation profile in CloudFormation; "
                    "add one, or remove ValidationSpecification"
                )
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
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "cloudformation-converse-data-type"
    severity = Severity.ERROR
    summary = "Transform input S3DataType Converse, which CloudFormation does not know"
    _PROFILE = (
        "ValidationSpecification: {{ValidationProfiles: [{{TransformJobDefinition: "
        "{{TransformInput: {{DataSource: {{S3DataSource: {{S3DataType: {}}}}}}}}}}}]}}"
    )
    VALID = (
        Valid(template(_PROFILE.format("S3Prefix")), source="cloudformation"),
        Valid(template(_PROFILE.format("!Ref DataType")), source="cloudformation"),
        Valid(_PROFILE.format("Converse") + "\n"),
    )
    INVALID = (
        Invalid(
            template(_PROFILE.format("Converse")),
            source="cloudformation",
            at=_TRANSFORM_S3_DATA_TYPE.replace("[*]", "[0]"),
            line=5,
            column=137,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each transform S3DataType of Converse."""
        if not is_cfn(request):
            return
        for value in at(request.root, _TRANSFORM_S3_DATA_TYPE):
            if value.kind is Kind.STRING and value.value == "Converse":
                message = (
                    f"S3DataType {describe(value)} is not in {RESOURCE}'s enum in "
                    "CloudFormation (ManifestFile, S3Prefix, AugmentedManifestFile)"
                )
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
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "cloudformation-framework-version-hyphen"
    severity = Severity.ERROR
    summary = "A FrameworkVersion with a hyphen, which CloudFormation's pattern refuses"
    VALID = (
        Valid(template("InferenceSpecification: {Containers: [{FrameworkVersion: '2.1'}]}"), source="cloudformation"),
        Valid(template("InferenceSpecification: {Containers: [{FrameworkVersion: !Ref V}]}"), source="cloudformation"),
        Valid("InferenceSpecification: {Containers: [{FrameworkVersion: 2.1-gpu}]}\n"),
    )
    INVALID = (
        Invalid(
            template("InferenceSpecification: {Containers: [{FrameworkVersion: 2.1-gpu}]}"),
            source="cloudformation",
            at="InferenceSpecification.Containers[0].FrameworkVersion",
            line=5,
            column=64,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each FrameworkVersion the API takes but CloudFormation does not."""
        if not is_cfn(request):
            return
        for container in (c for p in CONTAINERS for c in at(request.root, p + "[*]")):
            value = container.get("FrameworkVersion")
            if value is None or value.kind is not Kind.STRING or "-" not in value.value:  # type: ignore[operator]
                continue
            shape = load_schema().shape_at(value.path)
            if shape is not None and shape.fullmatch(value.value):  # type: ignore[arg-type]
                message = (
                    f"FrameworkVersion {describe(value)} holds '-', which {RESOURCE}'s "
                    "pattern does not allow in CloudFormation; drop the suffix"
                )
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
    flavours = CLOUDFORMATION_ONLY_FLAVOUR
    name = "cloudformation-duplicate-container"
    severity = Severity.ERROR
    summary = "Two identical containers in one list, which CloudFormation refuses"
    VALID = (
        Valid(
            template("InferenceSpecification: {Containers: [{Image: !Ref A}, {Image: !Ref A}]}"),
            source="cloudformation",
        ),
        Valid("InferenceSpecification: {Containers: [{Image: a}, {Image: a}]}\n"),
    )
    INVALID = (
        Invalid(
            template("InferenceSpecification: {Containers: [{Image: a}, {Image: a}]}"),
            source="cloudformation",
            at="InferenceSpecification.Containers[1]",
            line=5,
            column=57,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each container equal to an earlier one of its list."""
        if not is_cfn(request):
            return
        for listed in (c for p in CONTAINERS for c in at(request.root, p)):
            seen: list[tuple[object, int]] = []
            for i, item in enumerate(listed.items()):
                if item.has_unknown():
                    continue
                plain = item.plain()
                first = next((j for value, j in seen if value == plain), None)
                if first is not None:
                    message = (
                        f"{item.path} repeats container [{first}]; {RESOURCE} wants "
                        "unique containers in CloudFormation; remove the copy"
                    )
                    yield self.report(item, message)
                seen.append((plain, i))


RULES: tuple[type[Rule], ...] = (
    DataInputConfigTooLongForCloudFormation,
    TooManyEnvironmentVariablesForCloudFormation,
    EmptyValidationProfiles,
    ConverseDataTypeInCloudFormation,
    FrameworkVersionHyphenInCloudFormation,
    DuplicateContainer,
)
