"""Which calls are requests, and how their arguments become request members.

boto3's ``create_model_package`` takes the API members as keywords. The SageMaker Python SDK v2
(``Model.register``, ``Estimator.register``, the ``RegisterModel`` step) uses its own parameter
names, mapped below (SDK v2.257.6, ``Model.register`` and ``get_model_package_args``); only
parameters the user wrote become members, and the SDK adds others (defaults, the image of the
model), so SDK requests are open. SDK v3 ``ModelPackage.create`` takes every API member in
snake_case.
"""

from __future__ import annotations

import libcst as cst

from mplint import paths
from mplint.model import Span
from mplint.sources.python_eval import Evaluator
from mplint.sources.python_values import Value, VList, VObj, VScalar, VUnknown

_CONTAINER = "InferenceSpecification.Containers[0]."
SDK2_MEMBERS = {
    "content_types": "InferenceSpecification.SupportedContentTypes",
    "response_types": "InferenceSpecification.SupportedResponseMIMETypes",
    "inference_instances": "InferenceSpecification.SupportedRealtimeInferenceInstanceTypes",
    "transform_instances": "InferenceSpecification.SupportedTransformInstanceTypes",
    "model_package_name": "ModelPackageName",
    "model_package_group_name": "ModelPackageGroupName",
    "image_uri": _CONTAINER + "Image",
    "framework": _CONTAINER + "Framework",
    "framework_version": _CONTAINER + "FrameworkVersion",
    "nearest_model_name": _CONTAINER + "NearestModelName",
    "data_input_configuration": _CONTAINER + "ModelInput.DataInputConfig",
    "base_model": _CONTAINER + "BaseModel",
    "model_metrics": "ModelMetrics",
    "metadata_properties": "MetadataProperties",
    "drift_check_baselines": "DriftCheckBaselines",
    "marketplace_cert": "CertifyForMarketplace",
    "approval_status": "ModelApprovalStatus",
    "description": "ModelPackageDescription",
    "customer_metadata_properties": "CustomerMetadataProperties",
    "validation_specification": "ValidationSpecification",
    "domain": "Domain",
    "task": "Task",
    "sample_payload_url": "SamplePayloadUrl",
    "skip_model_validation": "SkipModelValidation",
    "source_uri": "SourceUri",
    "model_card": "ModelCard",
    "model_life_cycle": "ModelLifeCycle",
    "model_package_registration_type": "ModelPackageRegistrationType",
    "tags": "Tags",
}
# SDK objects converted by the SDK itself (``_to_request_dict``, renamed keys): value unknown.
_SDK_OBJECTS = frozenset({"model_metrics", "metadata_properties", "drift_check_baselines", "model_card"})
# Keywords only the SDK's register uses; ``atexit.register(f)`` carries none of them.
DISTINCTIVE = frozenset(SDK2_MEMBERS) - {"image_uri", "description", "domain", "task", "framework",
                                         "framework_version", "tags", "base_model"}
_SDK3_EXTRA = frozenset({"session", "region"})


def classify(call: cst.Call) -> str | None:
    """Return the called name when ``call`` is a request call, else None."""
    func = call.func
    if isinstance(func, cst.Name):
        return "RegisterModel" if func.value == "RegisterModel" else None
    if not isinstance(func, cst.Attribute):
        return None
    name = func.attr.value
    if name == "create_model_package" or name == "RegisterModel":
        return name
    if name == "register":
        keywords = {a.keyword.value for a in call.args if a.keyword is not None}
        return name if keywords & DISTINCTIVE else None
    if name == "create" and _ends_with(func.value, "ModelPackage"):
        return name
    return None


def build(kind: str, call: cst.Call, ev: Evaluator) -> tuple[VObj, dict[str, str]]:
    """Return the request's root value and the member names the user wrote (for SDK calls)."""
    if kind == "create_model_package":
        return _boto3(call, ev), {}
    if kind == "create":
        return _sdk3(call, ev)
    return _sdk2(call, ev)


def _boto3(call: cst.Call, ev: Evaluator) -> VObj:
    root = VObj(ev.pos(call))
    for arg in call.args:
        if arg.keyword is not None:
            root.set(arg.keyword.value, ev.pos(arg.keyword), ev.eval(arg.value))
        elif arg.star == "**":
            ev.merge(root, ev.eval(arg.value))
    return root


def _sdk3(call: cst.Call, ev: Evaluator) -> tuple[VObj, dict[str, str]]:
    flat = _boto3(call, ev)
    root = VObj(flat.span, open=flat.open)
    names: dict[str, str] = {}
    for key, (key_span, value) in flat.members.items():
        if key in _SDK3_EXTRA:
            continue
        member = "".join(part[:1].upper() + part[1:] for part in key.split("_"))
        root.set(member, key_span, value)
        names[member] = key
    return root, names


def _sdk2(call: cst.Call, ev: Evaluator) -> tuple[VObj, dict[str, str]]:
    flat = _boto3(call, ev)
    root = VObj(flat.span, open=True)
    names: dict[str, str] = {}
    for key, (key_span, value) in flat.members.items():
        path = _sdk2_path(key, value)
        if path is None:
            continue
        if key in _SDK_OBJECTS:
            value = VUnknown(value.span)
        _place(root, path, key_span, value)
        names[path] = key
    return root, names


def _sdk2_path(key: str, value: Value) -> str | None:
    if key == "model_data":
        if isinstance(value, VScalar):
            return _CONTAINER + "ModelDataUrl"
        return _CONTAINER + "ModelDataSource" if isinstance(value, VObj) else None
    return SDK2_MEMBERS.get(key)


def _place(root: VObj, path: str, key_span: Span | None, value: Value) -> None:
    """Put ``value`` at ``path`` under ``root``, making open objects along the way."""
    parts = paths.parse(path)
    node: Value = root
    for i, part in enumerate(parts[:-1]):
        following = parts[i + 1]
        if isinstance(part, int):
            assert isinstance(node, VList)
            while len(node.items) <= part:
                node.items.append(VObj(root.span, open=True))
            node = node.items[part]
            continue
        assert isinstance(node, VObj)
        hit = node.members.get(part)
        if hit is None or not isinstance(hit[1], (VObj, VList)):
            fresh: Value = VList(root.span) if isinstance(following, int) else VObj(root.span, open=True)
            node.set(part, None, fresh)
            hit = (None, fresh)
        node = hit[1]
    assert isinstance(node, VObj)
    node.set(str(parts[-1]), key_span, value)


def _ends_with(expr: cst.BaseExpression, name: str) -> bool:
    if isinstance(expr, cst.Name):
        return expr.value == name
    return isinstance(expr, cst.Attribute) and expr.attr.value == name
