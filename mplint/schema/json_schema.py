"""A draft-07 JSON Schema of the CreateModelPackage request, for editors' completion and hovers.

Built from the same shapes and member docs the rules use. Patterns are Java full-match patterns;
JSON Schema patterns are ECMA-262 searches, so each is anchored, ``$`` quantifiers (legal only in
Java) are dropped, and a pattern with ``\\p{...}`` classes is left out: editors compile patterns
without the Unicode flag, where ``\\p{L}`` means the letter ``p``. The linter still checks those.
"""

from __future__ import annotations

import re
from typing import Any

from mplint.schema import Schema, Shape, load, load_docs

DRAFT = "http://json-schema.org/draft-07/schema#"
_UNSUPPORTED = re.compile(r"\\[pP]")
_DOLLAR_QUANTIFIER = re.compile(r"(?<!\\)\$(?:[*+?]|\{\d*(?:,\d*)?\})")
_NUMBERS = {"integer": "integer", "long": "integer", "float": "number", "double": "number"}


def ecma_pattern(java: str) -> str | None:
    """Return an anchored ECMA-262 pattern for a Java full-match pattern, or None."""
    if _UNSUPPORTED.search(java):
        return None
    body = _DOLLAR_QUANTIFIER.sub("$", java).replace("\\z", "$").replace("\\Z", "$")
    return f"^(?:{body})$"


def _ref(name: str, description: str | None) -> dict[str, Any]:
    """Return a reference to a shape; the description sits beside it via allOf (draft-07)."""
    ref = {"$ref": f"#/definitions/{name}"}
    return {"description": description, "allOf": [ref]} if description else ref


def _scalar(shape: Shape) -> dict[str, Any]:
    if shape.type == "boolean":
        return {"type": "boolean"}
    if shape.type in _NUMBERS:
        out: dict[str, Any] = {"type": _NUMBERS[shape.type]}
        if shape.min is not None:
            out["minimum"] = shape.min
        if shape.max is not None:
            out["maximum"] = shape.max
        return out
    out = {"type": "string"}
    if shape.enum:
        out["enum"] = list(shape.enum)
    if shape.min is not None:
        out["minLength"] = shape.min
    if shape.max is not None:
        out["maxLength"] = shape.max
    pattern = ecma_pattern(shape.pattern) if shape.pattern else None
    if pattern:
        out["pattern"] = pattern
    return out


def _sizes(shape: Shape, low: str, high: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if shape.min:
        out[low] = shape.min
    if shape.max is not None:
        out[high] = shape.max
    return out


def shape_schema(shape: Shape, docs: dict[str, str]) -> dict[str, Any]:
    """Return the JSON Schema of one shape (members and items by reference)."""
    if shape.type == "structure":
        props = {m: _ref(target, docs.get(f"{shape.name}.{m}")) for m, target in shape.members.items()}
        out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
        if shape.required:
            out["required"] = list(shape.required)
    elif shape.type == "list":
        out = {"type": "array", "items": _ref(shape.member or "", None), **_sizes(shape, "minItems", "maxItems")}
    elif shape.type == "map":
        out = {
            "type": "object",
            "additionalProperties": _ref(shape.value or "", None),
            "propertyNames": _ref(shape.key or "", None),
            **_sizes(shape, "minProperties", "maxProperties"),
        }
    else:
        out = _scalar(shape)
    if docs.get(shape.name):
        out = {"description": docs[shape.name], **out}
    return out


def build(schema: Schema | None = None, docs: dict[str, str] | None = None) -> dict[str, Any]:
    """Return the draft-07 schema of the request (the shipped model and docs by default)."""
    schema = schema or load()
    docs = dict(load_docs()) if docs is None else docs
    definitions = {name: shape_schema(shape, docs) for name, shape in sorted(schema.shapes.items())}
    root = definitions.pop(schema.root_name)
    return {
        "$schema": DRAFT,
        "title": "SageMaker CreateModelPackage request",
        **root,
        "description": (
            f"Input of CreateModelPackage (API {schema.api_version}, botocore {schema.botocore_version}), "
            "as read by `aws sagemaker create-model-package --cli-input-json/--cli-input-yaml`."
        ),
        "definitions": definitions,
    }
