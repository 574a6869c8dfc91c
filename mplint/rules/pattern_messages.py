"""Pattern findings a person can read: the pattern in words, the caret at the first bad character."""

from __future__ import annotations

from mplint import paths
from mplint.lazy_re import lazy
from mplint.model import Node, Span
from mplint.schema import Shape, load
from mplint.schema.conformance import Violation
from mplint.schema.pattern_words import first_offence, words
from mplint.wording import quote

_WORD = lazy(r"[A-Z]+[0-9]*(?=[A-Z][a-z]|\b|[0-9])|[A-Z]?[a-z]+[0-9]*|[0-9]+[A-Za-z]*")
_ACRONYMS = {
    "uri": "URI",
    "url": "URL",
    "kms": "KMS",
    "arn": "ARN",
    "mime": "MIME",
    "s3": "S3",
    "ami": "AMI",
    "id": "id",
    "ecr": "ECR",
}


def noun(member: str) -> str:
    """Return a member name in words: ``ModelPackageGroupName`` -> ``model package group name``."""
    parts = _WORD.findall(member) or [member]
    return " ".join(_ACRONYMS.get(p.lower(), p.lower()) for p in parts)


def _article(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _subject_noun(v: Violation) -> str:
    """Return what the value is meant to be: "a model package name", "a key of Environment"."""
    parts = paths.parse(v.node.path)
    if v.at_key:
        parent = next((p for p in reversed(parts[:-1]) if isinstance(p, str)), "map")
        return f"a key of {parent}"
    member = next((p for p in reversed(parts) if isinstance(p, str)), "")
    if parts and isinstance(parts[-1], int):
        return f"an item of {member}" if member else "an item"
    return _article(noun(member)) if member else "the value"


def message_and_span(v: Violation) -> tuple[str, Span | None] | None:
    """Return the finding's message and the span of the first offending character.

    None when the only trouble is length (the length rule reports it); a span of None means
    the whole value (the text is not written one-to-one in the source, or it ends too early).
    """
    text, pattern = v.text or "", v.shape.pattern or ""
    said = words(pattern)
    what = f"{_subject_noun(v)} is {said}" if said else f"it must match the pattern {pattern}"
    index = first_offence(pattern, text)
    if index is not None and _too_long_only(v.shape, text, index):
        return None
    if index is None:
        return f"{v.subject()}: {what}", None
    if index >= len(text):
        if not text:
            tail = "it cannot be empty"
        elif text[-1].isalnum():
            tail = "it stops before it is complete"
        else:
            tail = f"it cannot end with {quote(text[-1])}"
        return f"{v.subject()}: {what}; {tail}", _char_span(v, len(text) - 1)
    shown = "a line break" if text[index] in "\r\n" else quote(text[index])
    return (f"{v.subject()}: {what}; {shown} (character {index + 1}) is not allowed", _char_span(v, index))


def _too_long_only(shape: Shape, text: str, index: int) -> bool:
    return shape.max is not None and len(text) > shape.max and index >= shape.max


def _char_span(v: Violation, index: int) -> Span | None:
    """Return the span of character ``index`` of the value when the source writes it one to
    one (a plain or simply quoted single-line string), else None."""
    if index < 0:
        return None
    node: Node = v.node
    span = node.key_span if v.at_key else node.span
    if span is None or span.line != span.end_line:
        return None
    text = v.text or ""
    width = span.end_column - span.column
    if width == len(text):
        start = span.column
    elif width == len(text) + 2:
        start = span.column + 1
    else:
        return None
    return Span(span.line, start + index, span.line, start + index + 1)


def pattern_table() -> str:
    """Return the Markdown table of every pattern in the schema: in words, the regex, shapes."""
    by_pattern: dict[str, list[str]] = {}
    for shape in load().shapes.values():
        if shape.pattern:
            by_pattern.setdefault(shape.pattern, []).append(shape.name)
    rows = ["| in words | pattern (Java, full match) | shapes |", "|---|---|---|"]
    for pattern, shapes in sorted(by_pattern.items(), key=lambda item: item[1][0]):
        said = words(pattern) or "—"
        escaped = pattern.replace("|", "\\|")
        rows.append(f"| {said} | `{escaped}` | {', '.join(sorted(shapes))} |")
    return "\n".join(rows)
