"""Instance-type facts the API model cannot give: local instance storage and other-use types.

The enums themselves (transform, real-time) come from the generated schema data; these tables
hold what botocore does not say. Sources are cited per table.
"""

from __future__ import annotations

# Transform instance types with local (instance store) NVMe storage: every size of these
# families in the TransformInstanceType enum. The TransformResources.VolumeKmsKeyId API doc says a
# VolumeKmsKeyId cannot be requested for instance types with local storage and defers to EC2's
# instance-store tables ("Instance store volumes", EC2 User Guide; product pages for g6/g6e).
# https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TransformResources.html
# https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-store-volumes.html
_LOCAL_STORAGE = (
    ("g4dn", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"),
    ("g5", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("g6", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("g6e", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("trn1", "2xlarge 32xlarge"),
)

# Instance types that SageMaker offers for training, processing or notebooks but for neither
# inference list: (TrainingInstanceType | ProcessingInstanceType | notebook InstanceType) minus
# (ProductionVariantInstanceType | TransformInstanceType), from the botocore 1.44.8 SageMaker model.
_OTHER_USE = (
    ("c5n", "18xlarge 2xlarge 4xlarge 9xlarge xlarge", "training"),
    ("c6id", "12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large xlarge", "notebook"),
    ("c7i-flex", "12xlarge 16xlarge 2xlarge 4xlarge 8xlarge xlarge", "training/processing"),
    ("c8i-flex", "12xlarge 16xlarge 2xlarge 4xlarge 8xlarge xlarge", "training/processing"),
    ("c8i", "12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge xlarge",
     "training/processing"),
    ("m5d", "16xlarge 8xlarge", "notebook"),
    ("m6id", "12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large xlarge", "notebook"),
    ("m7i-flex", "12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large xlarge", "training/processing"),
    ("m8i-flex", "12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large xlarge", "training/processing"),
    ("m8i", "12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large xlarge",
     "training/processing"),
    ("p3dn", "24xlarge", "training/notebook"),
    ("r5", "16xlarge 8xlarge", "training/processing/notebook"),
    ("r5d", "16xlarge 8xlarge", "training/processing"),
    ("r6id", "12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large xlarge", "notebook"),
    ("r8i-flex", "12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large xlarge", "training/processing"),
    ("r8i", "12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large xlarge",
     "training/processing"),
    ("t3", "2xlarge large medium xlarge", "training/processing/notebook"),
)  # fmt: skip

LOCAL_STORAGE_TRANSFORM_TYPES: frozenset[str] = frozenset(
    f"ml.{family}.{size}" for family, sizes in _LOCAL_STORAGE for size in sizes.split()
)

# Instance type -> the uses it has ("training/processing/notebook"), none of them inference.
NON_INFERENCE_TYPES: dict[str, str] = {
    f"ml.{family}.{size}": uses for family, sizes, uses in _OTHER_USE for size in sizes.split()
}


def split(instance_type: str) -> tuple[str, str] | None:
    """Return (family, size) of ``ml.<family>.<size>``, or None for another shape."""
    parts = instance_type.split(".")
    if len(parts) != 3 or parts[0] != "ml":
        return None
    return parts[1], parts[2]


def size_rank(size: str) -> float:
    """Return a number that orders sizes: medium < large < xlarge < 2xlarge < ... ."""
    if size == "medium":
        return 0.5
    if size == "large":
        return 1.0
    if size.endswith("xlarge"):
        multiple = size[: -len("xlarge")]
        return 2.0 * (int(multiple) if multiple.isdigit() else 1)
    return -1.0
