"""Which calls are requests, and how their arguments become request members.

boto3's ``create_model_package`` takes the API members as keywords. The SageMaker Python SDK v2
(``Model.register``, ``Estimator.register``, the ``RegisterModel`` step, and the
``Session.create_model_package_from_containers`` / ``_from_algorithm`` helpers) uses its own
parameter names, mapped below (SDK v2.257.7: ``Model.register``, ``Estimator.register``,
``get_model_package_args`` and ``get_create_model_package_request`` in ``session.py``); only
parameters the user wrote become members, and the SDK adds others (defaults, the image of the
model), so SDK requests are open. The SDK sends one package name only: given a group it sends
no ``ModelPackageName`` (it refuses both), so the name given decides the package kind. SDK v3
``ModelPackage.create`` takes every API member in snake_case.
"""

from __future__ import annotations

import libcst as cst

from mplint import paths
from mplint.model import Kind, Span
from mplint.sources.python.eval import Evaluator
from mplint.sources.python.values import Value, VList, VObj, VScalar, VUnknown

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
# Positional parameters. ``Model.register`` and ``Estimator.register`` share their first four
# only (the fifth is ``model_package_name`` in one, ``image_uri`` in the other), so a positional
# argument past them is not mapped; ``RegisterModel`` starts with its step name.
_REGISTER_ORDER = ("content_types", "response_types", "inference_instances", "transform_instances")
_STEP_ORDER = ("name", *_REGISTER_ORDER)
# ``Session.create_model_package_from_containers``: members go to the request as given (dicts in
# the API's shape, not SDK objects); the inference specification exists only with containers.
_FROM_CONTAINERS_ORDER = (
    "containers", "content_types", "response_types", "inference_instances", "transform_instances",
    "model_package_name", "model_package_group_name", "model_metrics", "metadata_properties",
    "marketplace_cert", "approval_status", "description", "drift_check_baselines",
    "customer_metadata_properties", "validation_specification", "domain", "sample_payload_url",
    "task", "skip_model_validation", "source_uri", "model_card", "model_life_cycle",
    "model_package_registration_type",
)  # fmt: skip
_FROM_CONTAINERS_MEMBERS = {
    **{k: v for k, v in SDK2_MEMBERS.items() if k in _FROM_CONTAINERS_ORDER},
    "containers": "InferenceSpecification.Containers",
    "model_card": "ModelCard",
    "model_life_cycle": "ModelLifeCycle",
}
# ``Session.create_model_package_from_algorithm(name, description, algorithm_arn, model_data)``
# sends exactly these members.
_FROM_ALGORITHM_ORDER = ("name", "description", "algorithm_arn", "model_data")
_SESSION_HELPERS = frozenset({"create_model_package_from_containers", "create_model_package_from_algorithm"})
NAME, GROUP = "ModelPackageName", "ModelPackageGroupName"
# SDK objects converted by the SDK itself (``_to_request_dict``, renamed keys): value unknown.
_SDK_OBJECTS = frozenset({"model_metrics", "metadata_properties", "drift_check_baselines", "model_card"})
# Keywords only the SDK's register uses; ``atexit.register(f)`` carries none of them.
DISTINCTIVE = frozenset(SDK2_MEMBERS) - {
    "image_uri",
    "description",
    "domain",
    "task",
    "framework",
    "framework_version",
    "tags",
    "base_model",
}
_SDK3_EXTRA = frozenset({"session", "region"})


def classify(call: cst.Call) -> str | None:
    """Return the called name when ``call`` is a request call, else None."""
    func = call.func
    if isinstance(func, cst.Name):
        return "RegisterModel" if func.value == "RegisterModel" else None
    if not isinstance(func, cst.Attribute):
        return None
    name = func.attr.value
    if name == "create_model_package" or name == "RegisterModel" or name in _SESSION_HELPERS:
        return name
    if name == "register":
        keywords = {a.keyword.value for a in call.args if a.keyword is not None}
        return name if keywords & DISTINCTIVE or _media_types_first(call) else None
    if name == "create" and _ends_with(func.value, "ModelPackage"):
        return name
    return None


def build(kind: str, call: cst.Call, ev: Evaluator) -> tuple[VObj, dict[str, str]]:
    """Return the request's root value and the member names the user wrote (for SDK calls)."""
    if kind == "create_model_package":
        return _boto3(call, ev), {}
    if kind == "create":
        return _sdk3(call, ev)
    if kind == "create_model_package_from_algorithm":
        return _from_algorithm(call, ev)
    if kind == "create_model_package_from_containers":
        return _sdk2(call, ev, _FROM_CONTAINERS_ORDER, _FROM_CONTAINERS_MEMBERS)
    order = _STEP_ORDER if kind == "RegisterModel" else _REGISTER_ORDER
    return _sdk2(call, ev, order, SDK2_MEMBERS)


def _media_types_first(call: cst.Call) -> bool:
    """Tell whether a call's first argument is a list of media types (``["text/csv"]``)."""
    if not call.args or call.args[0].keyword is not None or call.args[0].star:
        return False
    first = call.args[0].value
    if not isinstance(first, (cst.List, cst.Tuple)) or not first.elements:
        return False
    return all(isinstance(e.value, cst.SimpleString) and "/" in e.value.value for e in first.elements)


def _arguments(call: cst.Call, ev: Evaluator, order: tuple[str, ...]) -> VObj:
    """Return the call's arguments by parameter name: keywords, positions (``order``), ``**``."""
    args = VObj(ev.pos(call))
    position = 0
    for arg in call.args:
        if arg.keyword is not None:
            args.set(arg.keyword.value, ev.pos(arg.keyword), ev.eval(arg.value))
        elif arg.star == "**":
            ev.merge(args, ev.eval(arg.value))
        elif arg.star == "*":
            args.open = True
            position = len(order)  # later positions are not known
        else:
            if position < len(order):
                args.set(order[position], None, ev.eval(arg.value))
            position += 1
    return args


def _from_algorithm(call: cst.Call, ev: Evaluator) -> tuple[VObj, dict[str, str]]:
    args = _arguments(call, ev, _FROM_ALGORITHM_ORDER)
    root = VObj(args.span, open=args.open)
    names: dict[str, str] = {}
    members = {"name": NAME, "description": "ModelPackageDescription"}
    for key, member in members.items():
        if key in args.members:
            key_span, value = args.members[key]
            root.set(member, key_span, value)
            names[member] = key
    source = VObj(args.span)
    for key in ("algorithm_arn", "model_data"):
        hit = args.members.get(key)
        if hit is None:
            continue
        placed = "AlgorithmName" if key == "algorithm_arn" else _model_data_member(hit[1])
        if placed is None:
            source.open = True
            continue
        source.set(placed, hit[0], hit[1])
        names["SourceAlgorithmSpecification.SourceAlgorithms[0]." + placed] = key
    spec = VObj(args.span, {"SourceAlgorithms": (None, VList(args.span, [source]))})
    root.set("SourceAlgorithmSpecification", None, spec)
    return root, names


def _model_data_member(value: Value) -> str | None:
    """The SDK sends a dict as ModelDataSource and anything else as ModelDataUrl."""
    if isinstance(value, VObj):
        return "ModelDataSource"
    return "ModelDataUrl" if isinstance(value, VScalar) else None


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


def _sdk2(
    call: cst.Call, ev: Evaluator, order: tuple[str, ...], members: dict[str, str]
) -> tuple[VObj, dict[str, str]]:
    flat = _arguments(call, ev, order)
    root = VObj(flat.span, open=True)
    names: dict[str, str] = {}
    helper = members is not SDK2_MEMBERS
    if helper and "containers" not in flat.members:
        # Without containers the helper sends no inference specification at all.
        members = {k: v for k, v in members.items() if not v.startswith("InferenceSpecification")}
    for key, (key_span, value) in flat.members.items():
        path = _sdk2_path(key, value, members)
        if path is None or (isinstance(value, VScalar) and value.kind is Kind.NULL):
            continue  # the SDK leaves out a parameter given as None
        if key in _SDK_OBJECTS and not helper:
            value = VUnknown(value.span)
        _place(root, path, key_span, value)
        names[path] = key
    if not flat.open:
        # The SDK sends the one package name given (it refuses both).
        if GROUP in root.members and NAME not in root.members:
            root.excludes[GROUP] = frozenset({NAME})
        elif NAME in root.members and GROUP not in root.members:
            root.excludes[NAME] = frozenset({GROUP})
    return root, names


def _sdk2_path(key: str, value: Value, members: dict[str, str]) -> str | None:
    if key == "model_data" and members is SDK2_MEMBERS:
        member = _model_data_member(value)
        return _CONTAINER + member if member is not None else None
    return members.get(key)


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
