"""Instance-type rules MP301-MP304: exact findings, fixes, and silence on what cannot be known."""

from __future__ import annotations

from typing import Any

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.instance_facts import LOCAL_STORAGE_TRANSFORM_TYPES, NON_INFERENCE_TYPES
from mplint.model import Kind, Node, Request, Span
from mplint.rules.facts import REALTIME_FIELDS, TRANSFORM_FIELDS, instance_types
from mplint.rules.instance_types.known import (
    InstanceTypeNotAllowed,
    RealtimeInstanceInTransformList,
    ValidationInstanceNotSupported,
    transform_alternative,
)
from mplint.schema import load
from tests.linting import lint

SELECT = ("MP301", "MP302", "MP303", "MP304")
T = "InferenceSpecification.SupportedTransformInstanceTypes"
R = "InferenceSpecification.SupportedRealtimeInferenceInstanceTypes"
P = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources.InstanceType"

CASES = [
    pytest.param(
        "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarge, ml.c5.large]\n"
        "  SupportedRealtimeInferenceInstanceTypes: [ml.c5.large]\n",
        {},
        [("MP302", f"{T}[1]", 2, 51)],
        id="realtime-only-in-transform-but-fine-in-realtime",
    ),
    pytest.param(
        "AdditionalInferenceSpecifications:\n  - Name: neo\n    Containers: [{Image: x}]\n"
        "    SupportedTransformInstanceTypes: [ml.t2.medium]\n",
        {},
        [("MP302", "AdditionalInferenceSpecifications[0].SupportedTransformInstanceTypes[0]", 4, 39)],
        id="additional-spec",
    ),
    pytest.param(
        "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.t3.medium, ml.p3dn.24xlarge]\n",
        {},
        [("MP301", f"{R}[0]", 2, 45), ("MP301", f"{R}[1]", 2, 59)],
        id="training-types-in-realtime",
    ),
    pytest.param(
        "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarge]\n"
        "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
        "        TransformResources: {InstanceType: ml.c5.xlarge, InstanceCount: 1}\n",
        {},
        [("MP303", P, 6, 44)],
        id="profile-type-not-listed",
    ),
    pytest.param(
        "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarge]\n"
        "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
        "        TransformResources: {InstanceType: ml.c5.large, InstanceCount: 1}\n",
        {},
        [("MP302", P, 6, 44)],
        id="profile-realtime-only-is-mp302-alone",
    ),
    pytest.param(
        "ValidationSpecification:\n  ValidationProfiles:\n    - TransformJobDefinition:\n"
        "        TransformResources: {InstanceType: ml.c5.xlarge, InstanceCount: 1}\n",
        {},
        [],
        id="no-list-no-mp303",
    ),
    pytest.param(
        "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarge]\n"
        "  SupportedRealtimeInferenceInstanceTypes: [ml.p3.2xlarge, ml.g5.xlarge]\n",
        {"options": {"MP304": {"deny": ["ml.p*"]}}},
        [("MP304", f"{R}[0]", 3, 45)],
        id="deny-glob",
    ),
    pytest.param(
        "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.m5.xlarge, ml.g5.xlarge]\n",
        {"options": {"MP304": {"allow": ["ml.m5.*"], "deny": ["ml.m5.24xlarge"]}}},
        [("MP304", f"{T}[1]", 2, 51)],
        id="allow-list",
    ),
    pytest.param(
        "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.g5.xlarge]\n",
        {"select": ("MP",)},
        [],
        id="policy-off-by-default",
    ),
]


@pytest.mark.parametrize(("text", "config", "expected"), CASES)
def test_findings(text: str, config: dict[str, Any], expected: list[tuple[Any, ...]]) -> None:
    config = {"select": SELECT, **config}
    found = [f for f in lint(text, **config) if f[0].startswith("MP3")]
    assert found == expected


@pytest.mark.parametrize(
    ("value", "better"),
    [
        ("ml.c5.large", "ml.c5.xlarge"),
        ("ml.c4.large", "ml.c4.xlarge"),
        ("ml.t2.medium", "ml.m5.large"),
        ("ml.t2.2xlarge", "ml.m5.2xlarge"),
        ("ml.r5.12xlarge", "ml.m5.12xlarge"),
        ("ml.p4d.24xlarge", "ml.m5.24xlarge"),
        ("ml.r8g.48xlarge", "ml.m5.24xlarge"),
    ],
)
def test_transform_alternative(value: str, better: str) -> None:
    assert transform_alternative(value) == better
    assert better in instance_types("TransformInstanceType")


def _fixes(text: str, source: str = "json") -> list[tuple[str, str, int, int]]:
    result = lint_text(text, f"x.{source}", config=Config(select=SELECT), forced=True)
    return [(d.code, d.fix.replacement, d.fix.span.column, d.fix.span.end_column) for d in result.diagnostics if d.fix]


def test_fix_keeps_json_quotes() -> None:
    text = '{"InferenceSpecification": {"SupportedTransformInstanceTypes": ["ml.c5.large", "ml.m5.xlarg"]}}'
    assert _fixes(text) == [("MP302", '"ml.c5.xlarge"', 65, 78), ("MP301", '"ml.m5.xlarge"', 80, 93)]


def test_fix_plain_yaml() -> None:
    text = "InferenceSpecification:\n  SupportedTransformInstanceTypes: [ml.c5.large]\n"
    assert _fixes(text, "yaml") == [("MP302", "ml.c5.xlarge", 37, 48)]


def test_messages() -> None:
    text = "InferenceSpecification:\n  SupportedRealtimeInferenceInstanceTypes: [ml.t3.medium]\n"
    result = lint_text(text, "x.yaml", config=Config(select=SELECT), forced=True)
    assert [d.message for d in result.diagnostics] == [
        "'ml.t3.medium' is a training/processing/notebook instance type, not offered for "
        "inference; did you mean 'ml.t2.medium'?"
    ]


def test_field_patterns_are_the_schema_instance_type_fields() -> None:
    schema = load()
    for pattern in TRANSFORM_FIELDS:
        assert schema.shape_at(pattern).name == "TransformInstanceType"  # type: ignore[union-attr]
    for pattern in REALTIME_FIELDS:
        assert schema.shape_at(pattern).name == "ProductionVariantInstanceType"  # type: ignore[union-attr]


def test_fact_tables() -> None:
    assert len(LOCAL_STORAGE_TRANSFORM_TYPES) == 32 and len(NON_INFERENCE_TYPES) == 108
    inference = instance_types("TransformInstanceType") | instance_types("ProductionVariantInstanceType")
    assert instance_types("TransformInstanceType") >= LOCAL_STORAGE_TRANSFORM_TYPES
    assert not set(NON_INFERENCE_TYPES) & inference


# Unknown values, built by hand the way a Python source marks run-time values.
def _n(kind: Kind, value: object, path: str) -> Node:
    return Node(kind, value, Span(1, 1, 1, 2), path)


def _obj(path: str, **members: Node) -> Node:
    return _n(Kind.OBJECT, members, path)


def _unknown(path: str) -> Node:
    return _n(Kind.UNKNOWN, None, path)


def _profile(instance: Node) -> Node:
    base = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition"
    resources = _obj(f"{base}.TransformResources", InstanceType=instance)
    profile = _obj(
        "ValidationSpecification.ValidationProfiles[0]", TransformJobDefinition=_obj(base, TransformResources=resources)
    )
    return _obj(
        "ValidationSpecification",
        ValidationProfiles=_n(Kind.ARRAY, [profile], "ValidationSpecification.ValidationProfiles"),
    )


def test_unknown_values_are_never_reported() -> None:
    listed = _n(Kind.ARRAY, [_unknown(f"{T}[0]")], T)
    spec = _obj("InferenceSpecification", SupportedTransformInstanceTypes=listed)
    root = _obj("", InferenceSpecification=spec, ValidationSpecification=_profile(_n(Kind.STRING, "ml.c5.xlarge", P)))
    request = Request(root)
    assert list(RealtimeInstanceInTransformList().check(request)) == []
    assert list(ValidationInstanceNotSupported().check(request)) == []
    policy = InstanceTypeNotAllowed(InstanceTypeNotAllowed.Options(deny=("ml.*",)))
    assert [d.path for d in policy.check(request)] == [P]  # the known one only
    root = _obj("", ValidationSpecification=_profile(_unknown(P)))
    assert list(policy.check(Request(root))) == []
