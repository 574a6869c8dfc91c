"""MP305-MP306: instance types that are valid API values but cannot, or should not, run:
not offered in a Region, or of a previous generation."""

from __future__ import annotations

from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Fix, Severity
from mplint.errors import ConfigError
from mplint.instance_facts import split
from mplint.model import Node, Request
from mplint.rule import Invalid, Rule, RuleOptions, Valid
from mplint.rules.facts import Facts, instance_types, replacement
from mplint.schema import regions as region_data
from mplint.wording import quote

_OTHER_USE = {"transform": "realtime", "realtime": "transform"}


def _regions_text(regions: frozenset[str] | tuple[str, ...], limit: int = 6) -> str:
    ordered = sorted(regions)
    shown = ", ".join(ordered[:limit])
    return shown + (f" and {len(ordered) - limit} more" if len(ordered) > limit else "")


class RegionOptions(RuleOptions):
    """Options of instance-type-not-offered: the Regions the package deploys to."""

    regions: tuple[str, ...] = ()


class InstanceTypeNotOffered(Rule):
    """Finds an instance type that no Region (or none of yours) offers for its use.

    ## What it does
    Checks every instance-type field (the real-time and transform lists of
    `InferenceSpecification` and `AdditionalInferenceSpecifications`, a validation profile's
    `TransformResources.InstanceType`) against the Regions where SageMaker offers the type for
    that use. A previous-generation type that is a valid API value but offered for inference in
    no Region (`ml.p2.*`, `ml.p3.*`) is reported. A current-generation type the data prices
    nowhere (`ml.c6in`, `ml.p5e`, `ml.trn2`: sold with reserved capacity, or newer than the
    data) is not, and neither is a transform type the data prices for real-time inference only
    (`ml.inf2`, `ml.trn1`): there the data is less certain than the type. With the Regions you
    deploy to (the `regions` config key or `--region`), a type not offered in one of them is
    reported with the Regions that do offer it.

    ## Why is this bad?
    The API accepts the value, so the package registers, but an endpoint or a transform job
    (model validation is one) on that type cannot start. The Regions come from the AWS Pricing
    API as shipped by cfn-lint (the data its rule E3643 uses); a Region missing from that
    data is reported too, so this is a warning.

    ## Example
    ```yaml
    InferenceSpecification:
      SupportedRealtimeInferenceInstanceTypes: [ml.p3.2xlarge]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      SupportedRealtimeInferenceInstanceTypes: [ml.g5.2xlarge]
    ```

    ## Source
    cfn-lint (pinned in the `dev` extra) `src/cfnlint/data/schemas/extensions/aws_sagemaker_hosting/`
    and `aws_sagemaker_transform/instancetype_enum.json`, derived from the AWS Pricing API,
    regenerated into `mplint/schema/regions.json` by `python -m mplint.schema.generate_regions`.
    The instance-type enums are botocore's.
    """

    Options = RegionOptions
    code = "MP305"
    name = "instance-type-not-offered"
    severity = Severity.WARNING
    summary = "An instance type offered in no Region, or not in the Regions you deploy to"
    VALID = (
        Valid("InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.g5.2xlarge]\n"),
        Valid(
            "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarge]\n",
            options={"regions": ["eu-west-1"]},
        ),
        Valid(
            "sm.create_model_package(InferenceSpecification={'SupportedTransformInstanceTypes': [gpu_type()]})",
            source="python",
        ),
        Valid(
            "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.c6in.xlarge, ml.p5e.48xlarge]\n"
        ),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.p3.2xlarge]\n",
            at="InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]",
            line=2,
            column=45,
            message="'ml.p3.2xlarge' is offered for real-time inference in no Region",
        ),
        Invalid(
            "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.g6e.xlarge]\n",
            options={"regions": ["af-south-1"]},
            at="InferenceSpecification.SupportedTransformInstanceTypes[0]",
            line=2,
            column=37,
            message="is not offered for batch transform in af-south-1; Regions that offer it:",
        ),
        Invalid(
            "model.register(\n    model_package_group_name='churn',\n    inference_instances=['ml.p2.xlarge'],\n)\n",
            source="python",
            at="InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]",
            line=3,
            column=26,
            message="'ml.p2.xlarge' is offered for real-time inference in no Region",
        ),
    )

    def __init__(self, options: RegionOptions | None = None, profile: str | None = None) -> None:
        super().__init__(options, profile)
        problem = region_data.unknown_region(self.options.regions)
        if problem is not None:  # --region: the config file's key was checked with its line
            raise ConfigError(problem)

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each API-valid type not offered where it must run."""
        wanted = self.options.regions
        for use, _shape, words, node in Facts.of(request).instance_types:
            value: str = node.value  # type: ignore[assignment]
            where = region_data.offers(use).where(value)
            if not where:
                if region_data.offers(_OTHER_USE[use]).where(value) or not _retired(value):
                    continue  # the data is not sure: priced for the other use only, or a
                    # current-generation type it does not price (reserved capacity, or newer)
                yield self.report(
                    node,
                    f"{quote(value)} is offered for {words} in no Region "
                    f"(AWS Pricing data, cfn-lint {region_data.cfn_lint_version()}); "
                    "an endpoint or job on it cannot start",
                )
                continue
            missing = [r for r in wanted if r not in where]
            if missing:
                yield self.report(
                    node,
                    f"{quote(value)} is not offered for {words} in "
                    f"{', '.join(missing)}; Regions that offer it: "
                    f"{_regions_text(where)}",
                )


# Previous-generation families SageMaker still lists for inference, and what replaced them.
# (family, successor family or None, advice). A successor is named only where it is the same
# kind of instance one generation on (m4 -> m5, c4 -> c5); GPU and burstable families have no
# one-to-one successor for inference, so the advice names candidates and no fix is offered.
# Source: Amazon EC2 "Previous generation instances"
# (https://aws.amazon.com/ec2/previous-generation/) and the EC2 instance-type pages.
PREVIOUS_GENERATION = {
    "m4": ("m5", "ml.m5 (same size where it exists)"),
    "c4": ("c5", "ml.c5 (same size where it exists)"),
    "t2": (None, "ml.m5.large or ml.c5.large (SageMaker offers no newer burstable type for inference)"),
    "p2": (None, "ml.g4dn (NVIDIA T4) or ml.g5"),
    "p3": (None, "ml.g5 or ml.g6 (single GPU), or ml.p4d.24xlarge"),
}


def _retired(value: str) -> bool:
    """Tell whether a type belongs to a previous-generation family (see PREVIOUS_GENERATION)."""
    parts = split(value)
    return parts is not None and parts[0] in PREVIOUS_GENERATION


def successor(value: str, shape: str) -> str | None:
    """Return the same size in the successor family when the API offers it for this use."""
    parts = split(value)
    if parts is None:
        return None
    family, size = parts
    entry = PREVIOUS_GENERATION.get(family)
    if entry is None or entry[0] is None:
        return None
    candidate = f"ml.{entry[0]}.{size}"
    return candidate if candidate in instance_types(shape) else None


class PreviousGenerationInstanceType(Rule):
    """Finds an instance type from a previous-generation family and names its successor.

    ## What it does
    Reports `ml.m4`, `ml.c4`, `ml.t2`, `ml.p2` and `ml.p3` types in any instance-type field,
    with the current-generation family to use instead. Where the successor has the same size
    (`ml.m4.xlarge` → `ml.m5.xlarge`) a fix is offered; it is marked unsafe, since the new
    type differs in price, memory and CPU.

    ## Why is this bad?
    These families are two or more generations behind the ones SageMaker offers for the same
    use (m4 and c4 behind m5/c5, m6i/c6i and m7i/c7i; the K80 and V100 GPUs of P2 and P3
    behind the T4, A10G and L4 of g4dn, g5 and g6; T2 has no burstable successor for
    inference): fewer Regions, less capacity, and a higher price for the same work. P2 and P3
    are no longer offered for SageMaker inference in any Region (`instance-type-not-offered`).
    No AWS document forbids them, so this is advice: info.

    ## Example
    ```yaml
    InferenceSpecification:
      SupportedRealtimeInferenceInstanceTypes: [ml.m4.xlarge]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      SupportedRealtimeInferenceInstanceTypes: [ml.m5.xlarge]
    ```

    ## Source
    Amazon EC2 "Previous generation instances" (https://aws.amazon.com/ec2/previous-generation/)
    for the families AWS has moved there; the successor families are those the botocore enums
    list for the same use; the Regions from the cfn-lint Pricing data (`regions.json`).
    """

    code = "MP306"
    fixable = "unsafe"
    name = "previous-generation-instance-type"
    severity = Severity.INFO
    summary = "An instance type from a previous-generation family (a successor is named)"
    VALID = (
        Valid("InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.m5.xlarge]\n"),
        Valid("model.register(approval_status='PendingManualApproval', inference_instances=[kind])", source="python"),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.m4.xlarge]\n",
            at="InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]",
            line=2,
            column=45,
            message="'ml.m4.xlarge' is a previous-generation type; use ml.m5.xlarge",
        ),
        Invalid(
            "model.register(\n    approval_status='PendingManualApproval',\n"
            "    transform_instances=['ml.p3.2xlarge'],\n)\n",
            source="python",
            at="InferenceSpecification.SupportedTransformInstanceTypes[0]",
            line=3,
            column=26,
            message="use ml.g5 or ml.g6",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield an info finding at each type of a previous-generation family."""
        for _use, shape, _words, node in Facts.of(request).instance_types:
            parts = split(str(node.value))
            if parts is None or parts[0] not in PREVIOUS_GENERATION:
                continue
            better = successor(str(node.value), shape)
            advice = better or PREVIOUS_GENERATION[parts[0]][1]
            message = f"{quote(str(node.value))} is a previous-generation type; use {advice}"
            yield self.report(node, message, fix=_unsafe_fix(node, better))


def _unsafe_fix(node: Node, better: str | None) -> Fix | None:
    if better is None:
        return None
    return Fix(
        f"Replace with '{better}' (unsafe: another instance type, price and capacity)",
        node.span,
        replacement(node, better),
        safe=False,
        kind="value",
        value=better,
    )


RULES: tuple[type[Rule], ...] = (InstanceTypeNotOffered, PreviousGenerationInstanceType)
