"""MP701-MP707: the validation job: limits of the batch transform it runs, and when it runs at all.

Validation runs a real batch transform job, so CreateTransformJob's documented limits apply
(domain facts, sections 2.4 and 2.5).
"""

from __future__ import annotations

from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import Facts
from mplint.wording import describe

MAX_PAYLOAD_MB = 100
MAX_INSTANCES = 100
SPLITTING = ("Line", "RecordIO", "TFRecord")
_PROFILE = "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
_JOB = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition"
_UNKNOWN = "sm.create_model_package(ValidationSpecification=validation_from_env())"


def number(node: Node | None) -> float | None:
    """Return a known number's value (booleans are not numbers), or None."""
    if node is None or node.kind is not Kind.NUMBER or isinstance(node.value, bool):
        return None
    return node.value  # type: ignore[return-value]


def is_true(node: Node | None) -> bool:
    """Tell whether a node is the boolean true."""
    return node is not None and node.kind is Kind.BOOL and node.value is True


class PayloadTooLarge(Rule):
    """Finds a validation job whose `MaxPayloadInMB` is over 100.

    ## What it does
    Reports `MaxPayloadInMB` above 100 in a validation profile's transform job.

    ## Why is this bad?
    Validation runs a batch transform job, and CreateTransformJob documents 100 MB as the
    largest payload; the job cannot start.

    ## Example
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition: {MaxPayloadInMB: 200}
    ```

    ## Use instead
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition: {MaxPayloadInMB: 6}
    ```
    """

    code = "MP701"
    needs = frozenset({"ValidationSpecification"})
    name = "payload-too-large"
    severity = Severity.ERROR
    summary = "A validation job's MaxPayloadInMB is over 100"
    VALID = (Valid(_PROFILE + "        MaxPayloadInMB: 100\n"), Valid(_UNKNOWN, source="python"))
    INVALID = (Invalid(_PROFILE + "        MaxPayloadInMB: 200\n", at=f"{_JOB}.MaxPayloadInMB", line=4, column=25),)

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each MaxPayloadInMB over the limit."""
        for job in Facts.of(request).validation_jobs:
            node = job.get("MaxPayloadInMB")
            value = number(node)
            if node is not None and value is not None and value > MAX_PAYLOAD_MB:
                yield self.report(
                    node,
                    f"MaxPayloadInMB is {describe(node)}; a transform job "
                    f"takes at most {MAX_PAYLOAD_MB} MB per payload",
                )


class ConcurrentPayloadTooLarge(Rule):
    """Finds a validation job whose concurrency times payload size is over 100 MB.

    ## What it does
    Reports `MaxConcurrentTransforms` when `MaxConcurrentTransforms × MaxPayloadInMB` is above
    100 (a payload over 100 on its own is `payload-too-large`'s finding).

    ## Why is this bad?
    CreateTransformJob documents that the product may not exceed 100 MB; the job cannot start.

    ## Example
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition: {MaxConcurrentTransforms: 8, MaxPayloadInMB: 20}
    ```

    ## Use instead
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition: {MaxConcurrentTransforms: 4, MaxPayloadInMB: 20}
    ```
    """

    code = "MP702"
    needs = frozenset({"ValidationSpecification"})
    name = "concurrent-payload-too-large"
    severity = Severity.ERROR
    summary = "A validation job's MaxConcurrentTransforms × MaxPayloadInMB is over 100"
    VALID = (
        Valid(_PROFILE + "        {MaxConcurrentTransforms: 5, MaxPayloadInMB: 20}\n"),
        Valid(_PROFILE + "        {MaxConcurrentTransforms: 8, MaxPayloadInMB: 200}\n"),
        Valid(
            "sm.create_model_package(ValidationSpecification={'ValidationProfiles': [{"
            "'TransformJobDefinition': {'MaxConcurrentTransforms': 8, 'MaxPayloadInMB': mb()}"
            "}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            _PROFILE + "        {MaxConcurrentTransforms: 8, MaxPayloadInMB: 20}\n",
            at=f"{_JOB}.MaxConcurrentTransforms",
            line=4,
            column=35,
            message="8 × 20 MB = 160 MB",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at MaxConcurrentTransforms when the product is over the limit."""
        for job in Facts.of(request).validation_jobs:
            node = job.get("MaxConcurrentTransforms")
            workers, payload = number(node), number(job.get("MaxPayloadInMB"))
            if node is None or workers is None or payload is None or payload > MAX_PAYLOAD_MB:
                continue
            if workers * payload > MAX_PAYLOAD_MB:
                yield self.report(
                    node,
                    f"{workers:g} × {payload:g} MB = {workers * payload:g} "
                    f"MB in flight; a transform job allows at most "
                    f"{MAX_PAYLOAD_MB} MB: lower MaxConcurrentTransforms or "
                    "MaxPayloadInMB",
                )


class BatchStrategyWithoutSplit(Rule):
    """Finds `BatchStrategy: MultiRecord` without a `SplitType` that splits the input.

    ## What it does
    Reports `BatchStrategy: MultiRecord` in a validation job whose `TransformInput.SplitType`
    is absent or `None`.

    ## Why is this bad?
    CreateTransformJob documents that the batch strategy needs `SplitType` `Line`, `RecordIO`
    or `TFRecord`; without it records cannot be batched.

    ## Example
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            BatchStrategy: MultiRecord
            TransformInput: {ContentType: text/csv}
    ```

    ## Use instead
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            BatchStrategy: MultiRecord
            TransformInput: {ContentType: text/csv, SplitType: Line}
    ```
    """

    code = "MP703"
    needs = frozenset({"ValidationSpecification"})
    name = "batch-strategy-without-split"
    severity = Severity.ERROR
    summary = "BatchStrategy MultiRecord without a splitting SplitType"
    VALID = (
        Valid(_PROFILE + "        BatchStrategy: MultiRecord\n        TransformInput: {SplitType: Line}\n"),
        Valid(_PROFILE + "        BatchStrategy: SingleRecord\n        TransformInput: {}\n"),
        Valid(
            "sm.create_model_package(ValidationSpecification={'ValidationProfiles': [{"
            "'TransformJobDefinition': {'BatchStrategy': 'MultiRecord', 'TransformInput': "
            "{'SplitType': split()}}}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            _PROFILE + "        BatchStrategy: MultiRecord\n        TransformInput: {SplitType: None}\n",
            at=f"{_JOB}.BatchStrategy",
            line=4,
            column=24,
            message="SplitType is 'None'",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at BatchStrategy when the input is not split."""
        for job in Facts.of(request).validation_jobs:
            strategy, given = job.get("BatchStrategy"), job.get("TransformInput")
            if strategy is None or strategy.value != "MultiRecord" or not strategy.is_string:
                continue
            if given is None or not given.is_object or given.open:
                continue
            split = given.get("SplitType")
            if split is not None and (not split.is_known or split.value in SPLITTING):
                continue
            state = "absent" if split is None else f"{describe(split)}"
            yield self.report(
                strategy,
                f"BatchStrategy MultiRecord needs TransformInput."
                f"SplitType Line, RecordIO or TFRecord; SplitType is {state}",
            )


class TooManyTransformInstances(Rule):
    """Finds a validation job with more than 100 instances.

    ## What it does
    Reports `TransformResources.InstanceCount` above 100 in a validation job.

    ## Why is this bad?
    The API documents 100 as the maximum instance count of a transform job; the model only
    states the minimum, so clients do not catch it.

    ## Example
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 500}
    ```

    ## Use instead
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 1}
    ```
    """

    code = "MP704"
    needs = frozenset({"ValidationSpecification"})
    name = "too-many-transform-instances"
    severity = Severity.ERROR
    summary = "A validation job with more than 100 instances"
    VALID = (
        Valid(_PROFILE + "        TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 100}\n"),
        Valid(_UNKNOWN, source="python"),
    )
    INVALID = (
        Invalid(
            _PROFILE + "        TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 500}\n",
            at=f"{_JOB}.TransformResources.InstanceCount",
            line=4,
            column=73,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each InstanceCount over the limit."""
        for job in Facts.of(request).validation_jobs:
            node = job.find("TransformResources.InstanceCount")
            value = number(node)
            if node is not None and value is not None and value > MAX_INSTANCES:
                yield self.report(
                    node,
                    f"InstanceCount is {describe(node)}; a transform job "
                    f"runs on at most {MAX_INSTANCES} instances (one is enough "
                    "for validation)",
                )


class AugmentedManifestInput(Rule):
    """Finds a validation job reading an augmented manifest.

    ## What it does
    Reports `S3DataType: AugmentedManifestFile` in a validation job's transform input.

    ## Why is this bad?
    The API documents `AugmentedManifestFile` as not compatible with transform input; the
    validation job fails.

    ## Example
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformInput:
              DataSource: {S3DataSource: {S3DataType: AugmentedManifestFile, S3Uri: s3://b/m.json}}
    ```

    ## Use instead
    ```yaml
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition:
            TransformInput:
              DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: s3://b/input/}}
    ```
    """

    code = "MP705"
    needs = frozenset({"ValidationSpecification"})
    name = "augmented-manifest-input"
    severity = Severity.ERROR
    summary = "A validation job reads an AugmentedManifestFile"
    _INPUT = "        TransformInput:\n          DataSource: {S3DataSource: {S3DataType: %s, S3Uri: s3://b/in/}}\n"
    VALID = (Valid(_PROFILE + _INPUT % "S3Prefix"), Valid(_UNKNOWN, source="python"))
    INVALID = (
        Invalid(
            _PROFILE + _INPUT % "AugmentedManifestFile",
            at=f"{_JOB}.TransformInput.DataSource.S3DataSource.S3DataType",
            line=5,
            column=51,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each AugmentedManifestFile data type."""
        for job in Facts.of(request).validation_jobs:
            node = job.find("TransformInput.DataSource.S3DataSource.S3DataType")
            if node is not None and node.is_string and node.value == "AugmentedManifestFile":
                yield self.report(
                    node, "AugmentedManifestFile is not compatible with transform input; use S3Prefix or ManifestFile"
                )


class SkippedValidationSpecification(Rule):
    """Finds a `ValidationSpecification` that `SkipModelValidation: All` keeps from running.

    ## What it does
    Reports `SkipModelValidation: All` when the request also has a `ValidationSpecification`
    (a Marketplace package is `marketplace-skips-validation`'s finding, MP504).

    ## Why is this bad?
    The validation profile will not run, so the specification only looks like it is tested.

    ## Example
    ```yaml
    SkipModelValidation: All
    ValidationSpecification:
      ValidationRole: arn:aws:iam::111122223333:role/SageMakerValidation
      ValidationProfiles: []
    ```

    ## Use instead
    ```yaml
    SkipModelValidation: None
    ValidationSpecification:
      ValidationRole: arn:aws:iam::111122223333:role/SageMakerValidation
      ValidationProfiles: []
    ```
    """

    code = "MP706"
    needs = frozenset({"SkipModelValidation"})
    name = "skipped-validation-specification"
    severity = Severity.WARNING
    summary = "SkipModelValidation All keeps the ValidationSpecification from running"
    _SPEC = "ValidationSpecification: {ValidationRole: arn:aws:iam::111122223333:role/v}\n"
    VALID = (
        Valid("SkipModelValidation: None\n" + _SPEC),
        Valid("SkipModelValidation: All\n"),
        Valid("sm.create_model_package(SkipModelValidation='All', **validation())", source="python"),
    )
    INVALID = (
        Invalid(
            "SkipModelValidation: All\n" + _SPEC, at="SkipModelValidation", line=1, column=22, message="will not run"
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at SkipModelValidation when a specification is given too."""
        root = request.root
        skip = root.get("SkipModelValidation")
        if skip is None or not skip.is_string or skip.value != "All":
            return
        if root.get("ValidationSpecification") is None:
            return
        if is_true(root.get("CertifyForMarketplace")):
            return  # marketplace-skips-validation (MP504) reports it as an error
        yield self.report(
            skip,
            "SkipModelValidation All means the ValidationSpecification "
            "will not run; set it to None, or drop the specification",
        )


class ModelDataSourceWithValidation(Rule):
    """Finds a container with `ModelDataSource` in a package that is validated.

    ## What it does
    Reports `ModelDataSource` in the containers of a request that has a
    `ValidationSpecification`.

    ## Why is this bad?
    Validation runs a batch transform job, and CreateModel documents that `ModelDataSource`
    cannot be used with batch transform. Applying that to validation is an inference.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - ModelDataSource: {S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}}
    ValidationSpecification: {ValidationRole: arn:aws:iam::111122223333:role/v}
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers:
        - ModelDataUrl: s3://b/m/model.tar.gz
    ValidationSpecification: {ValidationRole: arn:aws:iam::111122223333:role/v}
    ```
    """

    code = "MP707"
    needs = frozenset({"ValidationSpecification"})
    name = "model-data-source-with-validation"
    severity = Severity.WARNING
    summary = "ModelDataSource in a package with a ValidationSpecification"
    _SPEC = (
        "InferenceSpecification:\n  Containers:\n    - ModelDataSource: {S3DataSource: "
        "{S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}}\n"
    )
    _VALIDATION = "ValidationSpecification: {ValidationRole: arn:aws:iam::111122223333:role/v}\n"
    VALID = (
        Valid(_SPEC),
        Valid("sm.create_model_package(InferenceSpecification=spec(), **validation())", source="python"),
    )
    INVALID = (
        Invalid(_SPEC + _VALIDATION, at="InferenceSpecification.Containers[0].ModelDataSource", line=3, column=7),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each container's ModelDataSource when validation is asked for."""
        if request.root.get("ValidationSpecification") is None:
            return
        for container in Facts.of(request).containers:
            source = container.get("ModelDataSource")
            if source is not None:
                yield self.report(
                    source,
                    "Validation runs a batch transform job, which cannot "
                    "use ModelDataSource; give the artifact as ModelDataUrl (a "
                    ".tar.gz)",
                    key=True,
                )


RULES: tuple[type[Rule], ...] = (
    PayloadTooLarge,
    ConcurrentPayloadTooLarge,
    BatchStrategyWithoutSplit,
    TooManyTransformInstances,
    AugmentedManifestInput,
    SkippedValidationSpecification,
    ModelDataSourceWithValidation,
)
