"""Hovers: a rule's page on a finding (the text of ``mplint explain CODE``, as Markdown), and a
member's API documentation on a member name (a key of a request, a keyword argument)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from mplint import paths
from mplint.diagnostics import Diagnostic
from mplint.engine import config as config_mod
from mplint.model import Request, Span
from mplint.result import help_uri

_TYPES = {"structure": "object", "list": "list", "map": "map"}


def covers(span: Span, line: int, column: int) -> bool:
    """Tell whether (line, column) lies in ``span``, its end included (a cursor just after a
    short range still counts, and an empty span has its one place)."""
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


def rule_markdown(rule: Any) -> str:
    """Return a rule's page as ``mplint explain`` prints it, its first line a Markdown heading,
    with a link to the rule's documentation."""
    from mplint.rule import FIXABLE

    head = f"### {rule.code} {rule.name} ({rule.severity.label}, {rule.origin})"
    fix = f"Fix: {FIXABLE.get(getattr(rule, 'fixable', ''), 'no')}"
    return f"{head}\n{fix}\n\n{rule.documentation()}\n\n[{rule.code} documentation]({help_uri(rule.code)})"


def findings_markdown(found: Iterable[Diagnostic], config: config_mod.Config) -> str | None:
    """Return the pages of the rules of ``found`` (each once, in order), or None."""
    from mplint.engine import registry

    codes = list(dict.fromkeys(d.code for d in found))
    if not codes:
        return None
    classes = registry.rule_classes(config)
    pages = []
    for code in codes:
        rule = registry.find(classes, code)
        pages.append(
            rule_markdown(rule) if rule is not None else f"### {code}\n\n[{code} documentation]({help_uri(code)})"
        )
    return "\n\n---\n\n".join(pages)


def member_at(
    requests: Sequence[Request], line: int, column: int, cell: int | None = None
) -> tuple[str, str, Span] | None:
    """Return (API path, the name as written, the key's span) of the member whose key is at
    (line, column), or None. In a notebook, ``cell`` is the cell the position counts in (from 1)
    and the span counts within it."""
    for request in requests:
        for node in request.root.walk():
            span = node.key_span
            if span is None:
                continue
            if request.place is not None:
                where, span, _ = request.place(span)
                if where != cell:
                    continue
            if covers(span, line, column):
                name = request.names.get(node.path) or (paths.parse(node.path) or ("",))[-1]
                return node.path, str(name), span
    return None


def member_markdown(path: str, written: str | None = None) -> str | None:
    """Return the API documentation of the member at ``path``: its shape, type, whether it is
    required, its allowed values, pattern and sizes, and the API's words; None when the path
    names no member of the API (an unknown member, a key of a map)."""
    from mplint.schema import load, load_docs

    schema = load()
    try:
        parts = paths.parse(path)
    except ValueError:
        return None
    if not parts or not isinstance(parts[-1], str):
        return None
    name = parts[-1]
    parent = schema.shape_at(paths.render(parts[:-1])) if len(parts) > 1 else schema.root
    if parent is None or parent.type != "structure" or name not in parent.members:
        return None
    shape = schema.shape(parent.members[name])
    kind = _TYPES.get(shape.type, shape.type)
    if shape.type == "list" and shape.member:
        kind = f"list of {_TYPES.get(schema.shape(shape.member).type, schema.shape(shape.member).type)}"
    required = "required" if name in parent.required else "optional"
    lines = [f"### {name} ({kind}, {required})", ""]
    where = f"`{parent.name}.{name}`, shape `{shape.name}`"
    if written and written != name:
        where += f", written `{written}`"
    lines.append(where)
    facts = []
    if shape.enum:
        facts.append("one of " + ", ".join(f"`{v}`" for v in shape.enum))
    if shape.pattern:
        facts.append(f"pattern `{shape.pattern}`")
    size = {"list": "items", "map": "entries"}.get(shape.type, "length" if shape.type == "string" else "value")
    if shape.min is not None or shape.max is not None:
        low = "" if shape.min is None else str(shape.min)
        high = "" if shape.max is None else str(shape.max)
        facts.append(f"{size} {low}..{high}")
    if shape.sensitive:
        facts.append("sensitive (masked in reports)")
    if facts:
        lines += [""] + [f"- {fact}" for fact in facts]
    docs = load_docs()
    text = docs.get(f"{parent.name}.{name}") or docs.get(shape.name)
    if text:
        lines += ["", text]
    return "\n".join(lines)
