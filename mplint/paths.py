"""The member-path syntax of diagnostics: render and parse paths and ``[*]`` / ``.*`` patterns.

Paths read like JMESPath: ``InferenceSpecification.Containers[0].Image``; map keys that are not
plain identifiers are quoted: ``Environment."MY-VAR"``; ``""`` is the request root.
"""

from __future__ import annotations

import functools
import re

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TOKEN = re.compile(r'\.?(?:([A-Za-z_][A-Za-z0-9_]*)|"((?:[^"\\]|\\.)*)"|\[(\d+|\*)\]|(\*))')


SEGMENTS: dict[str, str] = {}


def segment(key: str) -> str:
    """Return how member ``key`` is written in a path: bare when an identifier, else quoted."""
    seg = SEGMENTS.get(key)
    if seg is None:
        seg = key if _IDENT.match(key) else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if len(SEGMENTS) < 65536:  # member names repeat; values used as map keys may not
            SEGMENTS[key] = seg
    return seg


def member(parent: str, key: str) -> str:
    """Return the path of member ``key`` under ``parent``."""
    seg = SEGMENTS.get(key) or segment(key)
    return f"{parent}.{seg}" if parent else seg


def index(parent: str, i: int) -> str:
    """Return the path of item ``i`` under ``parent``."""
    return f"{parent}[{i}]"


@functools.lru_cache(maxsize=4096)
def parse(path: str) -> tuple[str | int, ...]:
    """Split a path into member names (str) and indexes (int); ``*`` stays the string ``"*"``."""
    parts: list[str | int] = []
    pos = 0
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"bad member path {path!r} at {pos}")
        name, quoted, idx, _star = m.groups()
        if name is not None:
            parts.append(name)
        elif quoted is not None:
            parts.append(re.sub(r"\\(.)", r"\1", quoted))
        elif idx is not None:
            parts.append("[*]" if idx == "*" else int(idx))
        else:
            parts.append("*")
        pos = m.end()
    return tuple(parts)


def render(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """Join parsed parts back into a path."""
    out = ""
    for p in parts:
        out = index(out, p) if isinstance(p, int) else member(out, p)
    return out
