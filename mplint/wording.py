"""The wording of messages: how values appear in them (shortened, quoted, escaped, secrets
redacted), named by their JSON type, and counted with their noun."""

from __future__ import annotations

from mplint import secrets
from mplint.lazy_re import lazy
from mplint.model import Kind, Node
from mplint.secrets import CONTROL_TABLE

_NUMBER_WORDS = {True: "integer", False: "number"}


def shorten(text: str, limit: int = 40) -> str:
    """Return text cut to ``limit`` characters, saying how long it was when cut."""
    if len(text) <= limit:
        return text
    cut = secrets.mask_credentials(text)[:limit]  # a credential cut in two is still masked
    return f"{cut}… ({len(text)} characters)"


_LONG_SEGMENT = lazy(r"[^.\[\]\"]{41,}")


def short_path(path: str) -> str:
    """Return a member path for a message, each over-long segment cut to 40 characters."""
    if len(path) <= 120:
        return path
    return _LONG_SEGMENT.sub(lambda m: m.group()[:40] + "…", path)


def quote(text: str, limit: int = 40, length: bool = True) -> str:
    """Return text in single quotes: control characters escaped, long text cut.

    A cut text ends in ``…`` and, with ``length``, says how long it was.
    """
    if len(text) <= limit:
        return "'" + text.translate(CONTROL_TABLE) + "'"
    shown = secrets.mask_credentials(text)[:limit].translate(CONTROL_TABLE)  # masked before the cut
    return f"'{shown}…' ({len(text)} characters)" if length else f"'{shown}…'"


def type_name(node: Node) -> str:
    """Return the JSON-style name of a node's type: string, integer, number, boolean, ..."""
    if node.kind is Kind.NUMBER:
        return _NUMBER_WORDS[isinstance(node.value, int)]
    if node.kind is Kind.OTHER:
        return node.type_name or "value"
    return str(node.kind.value)


def describe(node: Node, limit: int = 40) -> str:
    """Return a short rendering of a node's value as written, for messages (secrets redacted)."""
    if secrets.is_secret(node):
        return secrets.redacted(node)
    if node.kind is Kind.OBJECT:
        return f"an object with {count(len(node.value), 'member')}"  # type: ignore[arg-type]
    if node.kind is Kind.ARRAY:
        return f"a list of {count(len(node.value), 'item')}"  # type: ignore[arg-type]
    if node.kind is Kind.UNKNOWN:
        return "a value known only at run time"
    if node.text is not None and node.kind is not Kind.STRING:
        return shorten(node.text, limit)
    if node.kind is Kind.STRING:
        return quote(node.value if isinstance(node.value, str) else str(node.value), limit)
    if node.kind is Kind.BOOL:
        return "true" if node.value else "false"
    if node.kind is Kind.NULL:
        return "null"
    return shorten(node.text if node.text is not None else str(node.value), limit)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """Return a count with its noun in the right number (``1 item``, ``2 items``)."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
