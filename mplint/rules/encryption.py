"""Rules about the KMS keys a model package names: their form, and where they are not allowed."""

from __future__ import annotations

from collections.abc import Iterator

from mplint import paths
from mplint.diagnostics import Diagnostic, Severity
from mplint.instance_facts import LOCAL_STORAGE_TRANSFORM_TYPES
from mplint.lazy_re import lazy
from mplint.model import Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import fields, replace_fix
from mplint.suggestions import did_you_mean
from mplint.wording import quote

_PROFILE = "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition"
KMS_FIELDS = (
    f"{_PROFILE}.TransformOutput.KmsKeyId",
    f"{_PROFILE}.TransformResources.VolumeKmsKeyId",
    "SecurityConfig.KmsKeyId",
)
# The five forms a KMS key can be named by (facts §4.2; KMS key-id docs), each a full match.
_KEY_ID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_MRK_ID = r"mrk-[0-9a-f]{32}"
_ALIAS = r"alias/[a-zA-Z0-9/_-]+"
_ARN = r"arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:"
KEY_FORMS = lazy(rf"{_KEY_ID}|{_MRK_ID}|{_ARN}key/(?:{_KEY_ID}|{_MRK_ID})|{_ALIAS}|{_ARN}{_ALIAS}")
# What the SageMaker KmsKeyId shape accepts; anything else is the pattern rule's finding.
_SAGEMAKER_PATTERN = lazy(r"[a-zA-Z0-9:/_-]*")
_BARE_NAME = lazy(r"[a-zA-Z0-9_-]*[g-zG-Z_][a-zA-Z0-9_-]*")


def _hint(value: str) -> tuple[str, str | None]:
    """Return what the value seems meant to be, and a corrected value when it is plain."""
    if value.startswith("arn:"):
        return (
            "a KMS ARN is arn:<partition>:kms:<region>:<12-digit account>:key/<key id> or ...:alias/<alias name>",
            None,
        )
    if value.startswith("mrk-"):
        return "a multi-Region key id is 'mrk-' and 32 lower-case hex digits", None
    if value.startswith("alias/"):
        return "an alias name is 'alias/' and the alias", None
    if _BARE_NAME.fullmatch(value):
        return "an alias name starts with 'alias/'", f"alias/{value}"
    return "a key id is a lower-case UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab", None


class MalformedKmsKey(Rule):
    """Flags a KMS key that is none of key id, multi-Region key id, key ARN, alias or alias ARN.

    ## What it does
    Checks `TransformOutput.KmsKeyId`, `TransformResources.VolumeKmsKeyId` (validation profile)
    and `SecurityConfig.KmsKeyId` against the five documented ways to name a KMS key (full
    match). A value the API's own pattern rejects is left to `pattern-mismatch`; an empty value
    and a value not known statically are not checked. The domain notes rate these near-misses as
    a recommended check; mplint reports them as errors because the key cannot be resolved.

    ## Why is this bad?
    SageMaker passes the value to KMS, which cannot resolve it: the validation job or the
    request fails, often only after the package is registered. A bare alias without `alias/`
    and an ARN with a truncated key id are the common slips.

    ## Example
    ```yaml
    SecurityConfig:
      KmsKeyId: ExampleAlias
    ```

    ## Use instead
    ```yaml
    SecurityConfig:
      KmsKeyId: alias/ExampleAlias
    ```
    """

    code = "MP401"
    fixable = "safe"
    name = "malformed-kms-key"
    severity = Severity.ERROR
    summary = "A KMS key value that is none of the forms KMS accepts"
    VALID = (
        Valid("SecurityConfig: {KmsKeyId: alias/ExampleAlias}"),
        Valid("SecurityConfig: {KmsKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab}"),
        Valid("SecurityConfig: {KmsKeyId: mrk-1234abcd12ab34cd56ef1234567890ab}"),
        Valid(
            "SecurityConfig: {KmsKeyId: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'}"
        ),
        Valid("SecurityConfig: {KmsKeyId: 'arn:aws-cn:kms:cn-north-1:111122223333:alias/ml/models'}"),
        # The API pattern rejects it: pattern-mismatch's finding, not this rule's.
        Valid("SecurityConfig: {KmsKeyId: alias/my.key}"),
        Valid(
            "sm.create_model_package(ModelPackageGroupName='g', SecurityConfig={'KmsKeyId': key_id()})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "SecurityConfig: {KmsKeyId: ExampleAlias}",
            at="SecurityConfig.KmsKeyId",
            line=1,
            column=28,
            message="did you mean 'alias/ExampleAlias'?",
        ),
        Invalid(
            """
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    TransformOutput:
                      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/not-a-uuid
            """,
            at="ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformOutput.KmsKeyId",
            line=5,
            column=21,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each KMS key value of no accepted form."""
        for node in fields(request, KMS_FIELDS):
            value = str(node.value)
            if not value or not _SAGEMAKER_PATTERN.fullmatch(value) or KEY_FORMS.fullmatch(value):
                continue
            why, better = _hint(value)
            fix = replace_fix(node, better) if better is not None else None
            message = (
                f"{quote(value, 80)} is not a KMS key id, key ARN, alias name or alias ARN "
                f"({why}){did_you_mean(better)}"
            )
            yield self.report(node, message, fix=fix)


class VolumeKeyWithLocalStorage(Rule):
    """Flags a `VolumeKmsKeyId` on a validation instance type whose storage is local NVMe.

    ## What it does
    Reports `TransformResources.VolumeKmsKeyId` when the profile's `InstanceType` is one of the
    32 transform types with local instance storage (every size of `ml.g4dn`, `ml.g5`, `ml.g6`,
    `ml.g6e` and `ml.trn1`). The "`d` in the name" rule of thumb is wrong here; mplint uses an
    explicit table taken from EC2's instance-store tables.

    ## Why is this bad?
    The TransformResources API reference says local instance-store volumes are encrypted by a
    hardware module on the instance and that a `VolumeKmsKeyId` cannot be requested with such
    instance types; the validation job fails.

    ## Example
    ```yaml
    TransformResources:
      InstanceType: ml.g5.xlarge
      InstanceCount: 1
      VolumeKmsKeyId: alias/ml-volumes
    ```

    ## Use instead
    ```yaml
    TransformResources:
      InstanceType: ml.g5.xlarge
      InstanceCount: 1
    ```
    """

    code = "MP402"
    name = "volume-kms-key-with-local-storage"
    severity = Severity.ERROR
    summary = "A VolumeKmsKeyId on an instance type whose storage is local and hardware-encrypted"
    VALID = (
        Valid(
            """
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    TransformResources: {InstanceType: ml.m5.xlarge, InstanceCount: 1, VolumeKmsKeyId: alias/v}
            """
        ),
        Valid(
            """
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    TransformResources: {InstanceType: ml.g5.xlarge, InstanceCount: 1}
            """
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', ValidationSpecification={"
            "'ValidationProfiles': [{'TransformJobDefinition': {'TransformResources': "
            "{'InstanceType': instance_type(), 'InstanceCount': 1, 'VolumeKmsKeyId': 'alias/v'}}}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            """
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    TransformResources:
                      InstanceType: ml.g5.xlarge
                      InstanceCount: 1
                      VolumeKmsKeyId: alias/ml-volumes
            """,
            at="ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.VolumeKmsKeyId",
            line=7,
            column=27,
            message="local instance storage",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each volume key set beside a local-storage instance type."""
        for node in fields(request, KMS_FIELDS[1:2]):
            if not node.value:
                continue
            resources = request.root.find(paths.render(paths.parse(node.path)[:-1]))
            instance = resources.get("InstanceType") if resources is not None else None
            if instance is None or instance.value not in LOCAL_STORAGE_TRANSFORM_TYPES:
                continue
            yield self.report(
                node,
                f"{quote(str(instance.value))} has local instance storage, which a hardware module "
                "on the instance encrypts; a VolumeKmsKeyId cannot be requested with it "
                "(TransformResources API reference): remove VolumeKmsKeyId or use an "
                "EBS-only type such as ml.m5 or ml.c5",
            )


RULES: tuple[type[Rule], ...] = (MalformedKmsKey, VolumeKeyWithLocalStorage)
