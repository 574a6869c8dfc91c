"""Request trees built by hand, for values no file format can leave unknown."""

from __future__ import annotations

from typing import Any

from mplint import paths
from mplint.model import UNKNOWN, Kind, Node, Request, Span
from mplint.rule import Rule
from tests.linting import rows

_SPAN = Span(1, 1, 1, 2)


class Open(dict):  # type: ignore[type-arg]
    """A mapping whose member set is partly unknown (``**kwargs`` that could not be resolved)."""


def build(value: Any, path: str = "") -> Node:
    """Return a Node tree for a plain value; ``UNKNOWN`` leaves become unknown nodes."""
    if value is UNKNOWN:
        return Node(Kind.UNKNOWN, None, _SPAN, path)
    if isinstance(value, dict):
        members = {k: build(v, paths.member(path, k)) for k, v in value.items()}
        return Node(Kind.OBJECT, members, _SPAN, path, open=isinstance(value, Open))
    if isinstance(value, list):
        return Node(Kind.ARRAY, [build(v, paths.index(path, i)) for i, v in enumerate(value)], _SPAN, path)
    if isinstance(value, bool):
        return Node(Kind.BOOL, value, _SPAN, path)
    if isinstance(value, (int, float)):
        return Node(Kind.NUMBER, value, _SPAN, path)
    if value is None:
        return Node(Kind.NULL, None, _SPAN, path)
    return Node(Kind.STRING, value, _SPAN, path)


def findings(rule: type[Rule], value: Any, **options: Any) -> list[tuple[str, str]]:
    """Run one rule on a hand-built request; return ``(code, path)`` pairs."""
    opts = rule.Options(**options) if rule.Options is not None else None
    return rows(rule(opts).check(Request(build(value))), ("code", "path"))
