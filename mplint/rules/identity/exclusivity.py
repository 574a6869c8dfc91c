"""MP220-MP225: how a package says what it runs: members that go together or exclude each other.

Facts: the CreateModelPackage API reference and developer guide, the SageMaker Python SDK, and
an observed service refusal (boto/boto3#4510); see the domain facts, sections 2.3 and 2.6.
"""

from __future__ import annotations

from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import ALGORITHM, UNVERSIONED, VERSIONED, Facts

INFERENCE = "InferenceSpecification"
_IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1"
_SPEC = f"InferenceSpecification: {{Containers: [{{Image: {_IMAGE}}}]}}\n"
_ALGO = "SourceAlgorithmSpecification: {SourceAlgorithms: [{AlgorithmName: churn-algo}]}\n"
_SOURCE = "{S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}}"


class MissingModelSource(Rule):
    """Finds an unversioned package with neither an inference specification nor an algorithm.

    ## What it does
    Reports the request of an unversioned package (`ModelPackageName`, no group) that has
    neither `InferenceSpecification` nor `SourceAlgorithmSpecification`.

    ## Why is this bad?
    The API builds a package from one of the two: your inference image, or an algorithm
    resource. With neither, the package has nothing to run.

    ## Example
    ```yaml
    ModelPackageName: churn-model
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model
    InferenceSpecification:
      Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1}]
    ```
    """

    code = "MP220"
    name = "missing-model-source"
    severity = Severity.ERROR
    summary = "An unversioned package without InferenceSpecification or an algorithm"
    VALID = (
        Valid("ModelPackageName: churn-model\n" + _SPEC),
        Valid("ModelPackageName: churn-model\n" + _ALGO),
        Valid("sm.create_model_package(ModelPackageName='m', **spec_from_env())", source="python"),
    )
    INVALID = (
        Invalid("ModelPackageName: churn-model\n", at="", line=1, column=1, message="add InferenceSpecification"),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the root when both members are absent."""
        root = request.root
        if Facts.of(request).package_kind != UNVERSIONED:
            return
        if root.get(INFERENCE) is None and root.get(ALGORITHM) is None:
            yield self.report(
                root,
                "An unversioned package needs something to run: add "
                "InferenceSpecification (your image) or "
                "SourceAlgorithmSpecification (an algorithm resource)",
            )


class InferenceAndAlgorithm(Rule):
    """Finds an unversioned package with both an inference specification and an algorithm.

    ## What it does
    Reports `SourceAlgorithmSpecification` of an unversioned package that also has
    `InferenceSpecification`.

    ## Why is this bad?
    The API and the console describe two exclusive ways to build a package; giving both leaves
    it unclear which the package runs. Recommended practice, not a documented refusal.

    ## Example
    ```yaml
    ModelPackageName: churn-model
    InferenceSpecification: {Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1}]}
    SourceAlgorithmSpecification: {SourceAlgorithms: [{AlgorithmName: churn-algo}]}
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model
    InferenceSpecification: {Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1}]}
    ```
    """

    code = "MP221"
    needs = frozenset({ALGORITHM, INFERENCE})
    name = "inference-and-algorithm"
    severity = Severity.WARNING
    summary = "An unversioned package with both InferenceSpecification and an algorithm"
    VALID = (
        Valid("ModelPackageName: churn-model\n" + _SPEC),
        Valid("ModelPackageGroupName: churn-models\n" + _SPEC + _ALGO),
        Valid("sm.create_model_package(ModelPackageName=n(), **spec_from_env())", source="python"),
    )
    INVALID = (Invalid("ModelPackageName: churn-model\n" + _SPEC + _ALGO, at=ALGORITHM, line=3, column=1),)

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the algorithm specification when both are given."""
        root = request.root
        algorithm = root.get(ALGORITHM)
        if Facts.of(request).package_kind == UNVERSIONED and algorithm is not None and root.get(INFERENCE) is not None:
            yield self.report(
                algorithm,
                "Give either InferenceSpecification (your image) or "
                "SourceAlgorithmSpecification (an algorithm), not both",
                key=True,
            )


class VersionWithoutInference(Rule):
    """Finds a version in a model group with neither an inference specification nor a SourceUri.

    ## What it does
    Reports the request of a versioned package (`ModelPackageGroupName`) that has neither
    `InferenceSpecification` nor `SourceUri`.

    ## Why is this bad?
    The developer guide says a registered version must include the model artifacts and the
    inference code; `SourceUri` is the documented way to register without a container. A
    `ModelPackageRegistrationType: Logged` version may carry neither, so this is a hint.

    ## Example
    ```yaml
    ModelPackageGroupName: churn-models
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    InferenceSpecification:
      Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1}]
    ```
    """

    code = "MP222"
    name = "version-without-inference"
    severity = Severity.INFO
    summary = "A versioned package without InferenceSpecification or SourceUri"
    VALID = (
        Valid("ModelPackageGroupName: churn-models\n" + _SPEC),
        Valid("ModelPackageGroupName: churn-models\nSourceUri: arn:aws:sagemaker:x\n"),
        Valid("sm.create_model_package(ModelPackageGroupName='g', **spec_from_env())", source="python"),
    )
    INVALID = (Invalid("ModelPackageGroupName: churn-models\n", at="", line=1, column=1),)

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the root when both members are absent."""
        root = request.root
        if Facts.of(request).package_kind != VERSIONED:
            return
        if root.get(INFERENCE) is None and root.get("SourceUri") is None:
            yield self.report(
                root,
                "This version names no inference code: add "
                "InferenceSpecification, or SourceUri to register a model "
                "without a container",
            )


class SourceUriWithInference(Rule):
    """Finds a versioned package with both `SourceUri` and an inference specification.

    ## What it does
    Reports `SourceUri` of a versioned package that also has `InferenceSpecification`.

    ## Why is this bad?
    The SageMaker Python SDK states the two cannot be passed together: a model or model
    package ARN fills in the inference specification itself; for other sources it creates the
    package first and sets `SourceUri` afterwards with UpdateModelPackage.

    ## Example
    ```yaml
    ModelPackageGroupName: churn-models
    SourceUri: arn:aws:sagemaker:us-east-1:111122223333:model/churn
    InferenceSpecification: {Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1}]}
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    SourceUri: arn:aws:sagemaker:us-east-1:111122223333:model/churn
    ```
    """

    code = "MP223"
    needs = frozenset({"SourceUri", INFERENCE})
    name = "source-uri-with-inference"
    severity = Severity.ERROR
    summary = "SourceUri together with InferenceSpecification"
    VALID = (
        Valid("ModelPackageGroupName: churn-models\nSourceUri: arn:aws:sagemaker:x\n"),
        Valid("sm.create_model_package(ModelPackageGroupName=g(), SourceUri=u(), **more())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageGroupName: churn-models\nSourceUri: arn:aws:sagemaker:x\n" + _SPEC,
            at="SourceUri",
            line=2,
            column=1,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at SourceUri when a version also has an inference specification."""
        root = request.root
        uri = root.get("SourceUri")
        if Facts.of(request).package_kind == VERSIONED and uri is not None and root.get(INFERENCE) is not None:
            yield self.report(
                uri,
                "SourceUri and InferenceSpecification cannot be given "
                "together; drop SourceUri, or drop InferenceSpecification and let "
                "the source fill it in",
                key=True,
            )


class ModelDataUrlAndSource(Rule):
    """Finds a container that gives its artifacts both as `ModelDataUrl` and `ModelDataSource`.

    ## What it does
    Reports `ModelDataSource` in a container (or source algorithm) that also has
    `ModelDataUrl`.

    ## Why is this bad?
    Not documented as exclusive, but the SageMaker Python SDK sets exactly one; with both it
    is unclear which artifacts the model loads.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - ModelDataUrl: s3://b/m/model.tar.gz
          ModelDataSource: {S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}}
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers:
        - ModelDataUrl: s3://b/m/model.tar.gz
    ```
    """

    code = "MP224"
    name = "model-data-url-and-source"
    severity = Severity.WARNING
    summary = "A container with both ModelDataUrl and ModelDataSource"
    VALID = (
        Valid(f"InferenceSpecification:\n  Containers:\n    - ModelDataSource: {_SOURCE}\n"),
        Valid(
            "sm.create_model_package(InferenceSpecification={'Containers': [{'ModelDataUrl': u(), **artifacts()}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  Containers:\n    - ModelDataUrl: s3://b/m/model.tar.gz"
            f"\n      ModelDataSource: {_SOURCE}\n",
            at="InferenceSpecification.Containers[0].ModelDataSource",
            line=4,
            column=7,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at ModelDataSource where ModelDataUrl is given too."""
        for holder in Facts.of(request).artifact_holders:
            source = holder.get("ModelDataSource")
            if source is not None and holder.get("ModelDataUrl") is not None:
                yield self.report(
                    source, "Give the artifacts as ModelDataUrl or as ModelDataSource, not both", key=True
                )


class AdditionalS3DataSource(Rule):
    """Finds a container with `AdditionalS3DataSource`.

    ## What it does
    Reports `AdditionalS3DataSource` in the containers of `InferenceSpecification` and of
    `AdditionalInferenceSpecifications`.

    ## Why is this bad?
    The API model allows it, but the service has been seen to refuse it: "AdditionalS3DataSource
    is not allowed in InferenceSpecification" (boto/boto3#4510).

    ## Example
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
          AdditionalS3DataSource: {S3DataType: S3Object, S3Uri: s3://b/extra.tar.gz}
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
    ```
    """

    code = "MP225"
    name = "additional-s3-data-source"
    severity = Severity.WARNING
    summary = "AdditionalS3DataSource in a container (the service has refused it)"
    VALID = (
        Valid(f"InferenceSpecification:\n  Containers:\n    - Image: {_IMAGE}\n"),
        Valid("sm.create_model_package(InferenceSpecification={'Containers': containers()})", source="python"),
    )
    INVALID = (
        Invalid(
            f"InferenceSpecification:\n  Containers:\n    - Image: {_IMAGE}\n"
            "      AdditionalS3DataSource: {S3DataType: S3Object, S3Uri: s3://b/x.tar.gz}\n",
            at="InferenceSpecification.Containers[0].AdditionalS3DataSource",
            line=4,
            column=7,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each AdditionalS3DataSource key."""
        for container in Facts.of(request).containers:
            extra = container.get("AdditionalS3DataSource")
            if extra is not None:
                yield self.report(
                    extra,
                    "The service has refused AdditionalS3DataSource in an "
                    "inference specification (boto/boto3#4510); put the files in "
                    "the model artifacts instead",
                    key=True,
                )


RULES: tuple[type[Rule], ...] = (
    MissingModelSource,
    InferenceAndAlgorithm,
    VersionWithoutInference,
    SourceUriWithInference,
    ModelDataUrlAndSource,
    AdditionalS3DataSource,
)
