"""Typing of YAML scalars: YAML 1.2 core schema (as the AWS CLI reads) and PyYAML's YAML 1.1.

Where the two disagree on a plain scalar, the 1.2 reading carries a note saying how a YAML 1.1
reader would have taken it (``yes`` → true, ``0755`` → 493, ``1:20`` → 80, ...).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Callable
from typing import cast

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from mplint.model import Kind, Value

Typed = tuple[Kind, Value, str | None]  # kind, value, type_name

_TAG = "tag:yaml.org,2002:"
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_TIMESTAMP = re.compile(
    r"""[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\Z
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?\Z""",
    re.X,
)
# Python refuses int() of more than 4,300 digits; longer integers become floats.
_MAX_INT_DIGITS = 4000
# Plain scalars that YAML 1.1 could type start with one of these; the rest are strings in both.
_MAYBE_TYPED = frozenset("0123456789+-.~yYnNoOtTfF")

# The tag PyYAML's YAML 1.1 resolver gives a plain scalar (its stubs leave the method untyped).
_resolve = cast("Callable[[type[ScalarNode], str, tuple[bool, bool]], str]", Resolver().resolve)
_constructor = SafeConstructor()


def core_12(text: str) -> Typed:
    """Type a plain scalar by the YAML 1.2 core schema (plus timestamps, as ruamel.yaml does)."""
    if text in _NULL:
        return Kind.NULL, None, None
    if text in _BOOL:
        return Kind.BOOL, _BOOL[text], None
    if _INT.match(text):
        return Kind.NUMBER, _integer(text, 10), None
    if _OCT.match(text):
        return Kind.NUMBER, _integer(text[2:], 8), None
    if _HEX.match(text):
        return Kind.NUMBER, _integer(text[2:], 16), None
    if _FLOAT.match(text):
        return Kind.NUMBER, float(text), None
    inf = _INF.match(text)
    if inf:
        return Kind.NUMBER, -math.inf if inf.group(1) == "-" else math.inf, None
    if _NAN.match(text):
        return Kind.NUMBER, math.nan, None
    if _TIMESTAMP.match(text):
        return _timestamp(text)
    return Kind.STRING, text, None


def pyyaml_11(text: str) -> Typed:
    """Type a plain scalar the way PyYAML's YAML 1.1 resolver and safe constructor do."""
    tag = _resolve(ScalarNode, text, (True, False))
    return tagged(tag, text) or (Kind.STRING, text, None)


def tagged(tag: str, text: str) -> Typed | None:
    """Construct a scalar with an explicit standard tag; None when the tag is not a scalar one."""
    name = tag[len(_TAG) :] if tag.startswith(_TAG) else ""
    try:
        if name == "str":
            return Kind.STRING, text, None
        if name == "null":
            return Kind.NULL, None, None
        if name == "int" and len(text) > _MAX_INT_DIGITS:
            return Kind.NUMBER, float(text.replace("_", "")), None
        if name in ("bool", "int", "float"):
            method = getattr(_constructor, f"construct_yaml_{name}")
            value = method(ScalarNode(tag, text))
            return (Kind.BOOL if name == "bool" else Kind.NUMBER), value, None
        if name == "timestamp":
            return _timestamp(text)
        if name == "binary":
            return Kind.OTHER, base64.b64decode(text.encode("ascii")), "binary"
    except (
        ConstructorError,
        ValueError,
        KeyError,
        IndexError,
        AttributeError,
        TypeError,
        binascii.Error,
        UnicodeEncodeError,
        OverflowError,
    ):  # PyYAML's constructors assume text their resolver matched
        raise ValueError(f"cannot read {text!r} as !!{name}") from None
    return None


def yaml11_note(text: str, typed: Typed) -> str | None:
    """Say how a YAML 1.1 reader would take a plain scalar, when that differs from ``typed``."""
    if text[:1] not in _MAYBE_TYPED:
        return None
    try:
        old = pyyaml_11(text)
    except (ValueError, yaml.YAMLError):
        return None
    if _same(old, typed):
        return None
    return (
        f"YAML 1.1 readers take `{text}` as {describe(old)}; the AWS CLI reads YAML 1.2, where it is {describe(typed)}"
    )


def describe(typed: Typed) -> str:
    """Name a typed value in words: true, null, the integer 493, the string 'yes'."""
    kind, value, type_name = typed
    if kind is Kind.BOOL:
        return "true" if value else "false"
    if kind is Kind.NULL:
        return "null"
    if kind is Kind.NUMBER:
        return f"the integer {value}" if isinstance(value, int) else f"the number {value!r}"
    if kind is Kind.OTHER:
        return f"a {type_name}"
    return f"the string {value!r}"


def _same(a: Typed, b: Typed) -> bool:
    if a[0] is not b[0] or a[2] != b[2] or type(a[1]) is not type(b[1]):
        return False
    if isinstance(a[1], float) and math.isnan(a[1]):
        return isinstance(b[1], float) and math.isnan(b[1])
    return a[0] is Kind.OTHER or a[1] == b[1]


def _integer(digits: str, base: int) -> int | float:
    if len(digits) > _MAX_INT_DIGITS:
        return float(digits) if base == 10 else math.inf
    return int(digits, base)


def _timestamp(text: str) -> Typed:
    try:
        value = _constructor.construct_yaml_timestamp(ScalarNode(_TAG + "timestamp", text))
    except (ValueError, ConstructorError, AttributeError, TypeError):  # not a timestamp's text
        return Kind.OTHER, text, "timestamp"
    return Kind.OTHER, value, "timestamp"
