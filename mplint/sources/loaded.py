"""What a source makes of a file (:class:`Loaded`), and the member names that make a mapping a
request. A leaf below every source module, so none of them imports the ``mplint.sources``
package that picks them."""

from __future__ import annotations

from typing import NamedTuple

from mplint.diagnostics import Diagnostic
from mplint.model import Request

# The CreateModelPackage top-level members; a JSON/YAML mapping is a request only if it has one.
TOP_LEVEL_MEMBERS = frozenset(
    {
        "ModelPackageName", "ModelPackageGroupName", "ModelPackageDescription",
        "ModelPackageRegistrationType", "InferenceSpecification", "ValidationSpecification",
        "SourceAlgorithmSpecification", "CertifyForMarketplace", "Tags", "ModelApprovalStatus",
        "MetadataProperties", "ModelMetrics", "ClientToken", "Domain", "Task", "SamplePayloadUrl",
        "CustomerMetadataProperties", "DriftCheckBaselines", "AdditionalInferenceSpecifications",
        "SkipModelValidation", "SourceUri", "SecurityConfig", "ModelCard", "ModelLifeCycle",
        "ManagedStorageType",
    }
)  # fmt: skip
# Lower-cased member name -> member name, for recognising miscased requests.
MEMBERS_BY_FOLDED = {m.lower(): m for m in TOP_LEVEL_MEMBERS}


class Loaded(NamedTuple):
    """What a source made of one file: its requests and its own findings (parse errors, ...)."""

    requests: tuple[Request, ...]
    diagnostics: tuple[Diagnostic, ...]
