"""Values and keys written in the file's own style: the quoting of the text they replace."""

from __future__ import annotations

import json
import re

# A YAML plain scalar that reads back as the same string: no indicator first, no ": " or " #",
# not a word YAML resolves to another type (a bool, a null, a number of YAML 1.1 or 1.2).
_PLAIN_SAFE = re.compile(r"[A-Za-z_/.][^:#\n\r\t,\[\]{}]*")
_YAML_SPECIAL = re.compile(
    r"(?i:y|n|yes|no|true|false|on|off|null|~)"
    r"|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|0[xob][0-9a-fA-F_]+|[\d:]+"
)


def json_value(value: object, ascii_only: bool) -> str:
    """Return ``value`` written as JSON (escaped to ASCII when the file is all ASCII)."""
    return json.dumps(value, ensure_ascii=ascii_only)


def yaml_value(value: object, written: str, ascii_only: bool) -> str:
    """Return ``value`` written as the YAML scalar ``written`` is: its quotes, or plain when plain
    reads back the same."""
    if not isinstance(value, str):
        if value is None:
            return "null"
        return json.dumps(value)
    quote = written[:1]
    if quote in ("|", ">") or "\n" in written or "\r" in written:
        return json_value(value, ascii_only)  # a block or multi-line scalar becomes one quoted line
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    if quote != '"' and _plain(value):
        return value
    return json_value(value, ascii_only)


def _plain(value: str) -> bool:
    return (
        bool(_PLAIN_SAFE.fullmatch(value))
        and value == value.strip()
        and not _YAML_SPECIAL.fullmatch(value)
        and " #" not in value
    )


def python_value(value: object, written: str) -> str | None:
    """Return ``value`` as a Python literal in the style of the literal ``written`` (its string
    prefix and quote character, read with libcst); None when ``written`` is not a plain literal."""
    if not isinstance(value, str):
        if value is None or isinstance(value, (bool, int, float)):
            return repr(value)
        return None
    import libcst

    try:
        node = libcst.parse_expression(written)
    except Exception:
        return None
    if not isinstance(node, libcst.SimpleString):
        return None
    prefix, quote = node.prefix, node.quote
    if "b" in prefix.lower():
        return None
    raw = "r" in prefix.lower()
    if raw:
        if "\\" in value or quote[0] in value or "\n" in value:
            return None
        return f"{prefix}{quote}{value}{quote}"
    body = value.replace("\\", "\\\\")
    if len(quote) == 1:
        body = body.replace(quote, "\\" + quote).replace("\n", "\\n").replace("\r", "\\r")
    elif quote[0] in body[-1:] or quote in body:
        body = body.replace(quote[0], "\\" + quote[0])
    return f"{prefix}{quote}{body}{quote}"


def python_key(value: str, written: str) -> str | None:
    """Return a key renamed in the style it is written: a keyword argument's name, or a string."""
    if written.isidentifier():
        return value if value.isidentifier() else None
    return python_value(value, written)
