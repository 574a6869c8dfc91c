"""Build Requests from YAML or JSON text for the schema tests.

The real sources are used when they are importable; until then a small reader over PyYAML's
composed node tree gives positioned Nodes with YAML 1.2 core-schema typing, as the AWS CLI reads
request files.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from mplint import paths
from mplint.model import Kind, Node, Request, Span
from mplint.rule import dedent_example

_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")


def request(text: str, source: str = "yaml") -> Request:
    """Return the one Request in an example's text (dedented as examples are)."""
    text = dedent_example(text)
    real = _real_source(text, source)
    if real is not None:
        return real
    if source == "json":
        from mplint.sources import json_parser

        root, found = json_parser.parse(text)
        assert root is not None, found
        return Request(root)
    return Request(_node(yaml.compose(text), ""))


def _real_source(text: str, source: str) -> Request | None:
    """Return the Request the real source makes, or None when that source is not written yet."""
    try:
        module: Any = __import__(f"mplint.sources.{source}_source", fromlist=["load"])
    except ImportError:
        return None
    loaded = module.load(text, f"example.{source}")
    assert len(loaded.requests) == 1, loaded.diagnostics
    return loaded.requests[0]  # type: ignore[no-any-return]


def _span(node: yaml.Node) -> Span:
    """Return a YAML node's span, 1-based with an exclusive end."""
    s, e = node.start_mark, node.end_mark
    return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)


def _node(node: yaml.Node, path: str, key_span: Span | None = None) -> Node:
    """Convert a composed YAML node (recursively; test inputs are small)."""
    span = _span(node)
    if isinstance(node, yaml.MappingNode):
        members = {k.value: _node(v, paths.member(path, k.value), _span(k)) for k, v in node.value}
        return Node(Kind.OBJECT, members, span, path, key_span)
    if isinstance(node, yaml.SequenceNode):
        items = [_node(v, paths.index(path, i)) for i, v in enumerate(node.value)]
        return Node(Kind.ARRAY, items, span, path, key_span)
    kind, value = _scalar(node)
    return Node(kind, value, span, path, key_span, text=node.value)


def _scalar(node: yaml.ScalarNode) -> tuple[Kind, object]:
    """Type a scalar by the YAML 1.2 core schema (quoted scalars are strings)."""
    text = node.value
    if node.style is not None:
        return Kind.STRING, text
    if _NULL.match(text):
        return Kind.NULL, None
    if text in _BOOL:
        return Kind.BOOL, _BOOL[text]
    if _INT.match(text):
        return Kind.NUMBER, int(text)
    if _FLOAT.match(text):
        return Kind.NUMBER, float(text)
    return Kind.STRING, text
