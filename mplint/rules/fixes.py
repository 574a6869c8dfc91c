"""The fixes rules offer, as intents (:class:`mplint.diagnostics.Fix`): rename a member's key,
replace a value, remove a member. Each helper returns None when the result is not certain
(the suggestion is one of several, the key or the value is not written where the member is).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection

from mplint import paths
from mplint.diagnostics import Fix
from mplint.model import Kind, Node, Request, Span
from mplint.rules.facts import replace_fix, replacement
from mplint.suggestions import best_matches

# Strings YAML 1.1 readers take as booleans (the YAML 1.1 bool type), and ``true``/``false``
# written as strings: where the shape wants a boolean they have one certain meaning.
_TRUE = frozenset({"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"})
_FALSE = frozenset({"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"})
# A decimal integer as JSON writes one (no sign +, no leading zero, no separators), short
# enough that no reader rounds it.
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}")
_NUMBER_SHAPES = frozenset({"integer", "long", "float", "double"})
_LONGEST = 200  # words longer than this are never compared (difflib is quadratic)


def sole(word: str, choices: Collection[str], suggestion: str | None, cutoff: float) -> bool:
    """Tell whether ``suggestion`` is the one choice ``word`` can mean: the only choice equal
    to it but for case, ``_`` and ``-``, or else the only choice at the best spelling score."""
    if suggestion is None or len(word) > _LONGEST:
        return False
    fold = _fold(word)
    same = [c for c in choices if _fold(c) == fold]
    if same:
        return same == [suggestion]
    lowered: dict[str, list[str]] = {}
    for choice in choices:
        lowered.setdefault(choice.lower(), []).append(choice)
    top = [choice for low in best_matches(word.lower(), lowered, cutoff) for choice in lowered[low]]
    return top == [suggestion]


def _fold(word: str) -> str:
    return word.lower().replace("_", "").replace("-", "")


def rename_fix(request: Request, node: Node, name: str) -> Fix | None:
    """Return the safe fix that renames the member ``node`` to ``name``; None when the key is
    not written (a spread, a front end's own keyword), or ``name`` is already a member there."""
    key = node.key_span
    parent = _parent(request, node)
    if key is None or parent is None or parent.get(name) is not None or parent.open:
        return None
    if not _own(parent, node, key):
        return None  # brought in by a spread (``**kwargs``, a YAML merge key): written elsewhere
    if request.names.get(node.path, _last(node)) != _last(node):
        return None  # a front end's keyword, not the API member name
    quoted = key.line == key.end_line and key.end_column - key.column == len(_last(node)) + 2
    text = json.dumps(name) if quoted else name
    return Fix(f"Rename to '{name}'", key, text, kind="key", value=name)


def remove_fix(request: Request, node: Node, title: str) -> Fix | None:
    """Return the unsafe fix that removes the member ``node`` (key, value and separator).

    None unless the key and the value are both written, in that order, inside the object that
    holds the member: a member a spread (``**kwargs``, a YAML merge key) or a name bound
    elsewhere brings in is not removed from where it happens to be written.
    """
    key, span = node.key_span, node.span
    parent = _parent(request, node)
    if key is None or parent is None or parent.kind is not Kind.OBJECT:
        return None
    whole = Span(key.line, key.column, span.end_line, span.end_column)
    if (key[2], key[3]) > (span[0], span[1]) or not _own(parent, node, whole):
        return None
    if request.place is not None and request.place(key)[0] != request.place(span)[0]:
        return None  # a notebook: key and value in different cells
    return Fix(title, whole, "", safe=False, kind="remove")


def value_fix(request: Request, node: Node, value: object, title: str) -> Fix:
    """Return the safe fix that writes ``value`` (a plain JSON value) in place of the node's;
    its ``replacement`` is written as the request's language writes it (Python: ``True``)."""
    if isinstance(value, str):
        return replace_fix(node, value)._replace(title=title)
    text = repr(value) if request.flavour in _PYTHON else json.dumps(value)
    return Fix(title, node.span, text, kind="value", value=value)


_PYTHON = frozenset({"python", "notebook"})


def retype_fix(request: Request, node: Node, wanted: str) -> Fix | None:
    """Return the fix that writes a value as the type the shape wants, when the conversion is
    exact: ``"5"`` → 5 for an integer, ``"1.5"`` → 1.5 for a number, ``yes``/``"true"`` → true
    for a boolean, 5 → ``"5"`` and 1.13 → ``"1.13"`` (as written) for a string."""
    text = node.string
    if text is not None and wanted == "boolean":
        # yes/no/on/off only as YAML plain scalars (a source note says how YAML 1.1 reads them);
        # written as quoted strings, or in JSON and Python, they were meant as strings.
        if text in ("true", "false") or (node.note is not None and (text in _TRUE or text in _FALSE)):
            return value_fix(request, node, text in _TRUE, f"Replace with {'true' if text in _TRUE else 'false'}")
        return None
    if text is not None and wanted in _NUMBER_SHAPES:
        if _INTEGER.fullmatch(text):
            return value_fix(request, node, int(text), f"Replace with the number {text}")
        if wanted in ("float", "double") and _DECIMAL.fullmatch(text) and repr(float(text)) == text:
            return value_fix(request, node, float(text), f"Replace with the number {text}")
        return None
    number = node.number
    if number is not None and wanted == "string":
        written = node.text if node.text is not None else (str(number) if isinstance(number, int) else None)
        if written is None or not (_INTEGER.fullmatch(written) or _DECIMAL.fullmatch(written)):
            return None
        return Fix(
            f"Replace with the string {json.dumps(written)}",
            node.span,
            json.dumps(written),
            kind="value",
            value=written,
        )
    return None


def _last(node: Node) -> str:
    try:
        parts = paths.parse(node.path)
    except ValueError:
        return ""
    return str(parts[-1]) if parts else ""


def _parent(request: Request, node: Node) -> Node | None:
    """Return the object that holds the member ``node``, when ``node`` is its member."""
    try:
        parts = paths.parse(node.path)
    except ValueError:
        return None
    if not parts or not isinstance(parts[-1], str):
        return None
    parent = request.root.find(paths.render(parts[:-1])) if len(parts) > 1 else request.root
    return parent if parent is not None and parent.get(parts[-1]) is node else None


def _own(parent: Node, node: Node, span: Span) -> bool:
    """Tell whether ``span`` (a member's key, or its key to its value's end) is written in
    ``parent`` itself: inside its span, and overlapping no other member's key or value (a
    member a YAML merge key brings in is written inside the anchored mapping)."""
    if not _within(span, parent.span):
        return False
    for other in parent.value.values() if type(parent.value) is dict else ():
        if other is node:
            continue
        if _overlap(span, other.span) or (other.key_span is not None and _overlap(span, other.key_span)):
            return False
    return True


def _overlap(a: Span, b: Span) -> bool:
    return (a[0], a[1]) < (b[2], b[3]) and (b[0], b[1]) < (a[2], a[3])


def _within(inner: Span, outer: Span) -> bool:
    return (outer[0], outer[1]) <= (inner[0], inner[1]) and (inner[2], inner[3]) <= (outer[2], outer[3])


__all__ = ["remove_fix", "rename_fix", "replacement", "retype_fix", "sole", "value_fix"]
