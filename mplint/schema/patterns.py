"""Java regular expressions from the API model, applied in Python with Java's full-match meaning.

The service checks every pattern with ``java.util.regex`` as a full match. Python differs in a
few places the model's patterns touch, so each pattern is translated once before compiling:

* ``\\w \\d \\s`` (and their negations) are ASCII-only in Java: rewritten to explicit classes;
* ``.`` excludes ``\\n \\r \\u0085 \\u2028 \\u2029`` in Java, only ``\\n`` in Python;
* ``$`` may carry a quantifier in Java (``${1,128}`` means ``$``); the quantifier is dropped;
* ``\\p{L}``-style classes need the ``regex`` package, imported only when such a pattern is used
  (never with ``regex.ASCII``, which would make ``\\p{L}`` ASCII-only too).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

from mplint.lazy_re import lazy

_TERMINATORS = "\\n\\r\\x85\\u2028\\u2029"
_DOT = f"[^{_TERMINATORS}]"
# Java's $ without MULTILINE: at the end, or before a line terminator that ends the input.
_DOLLAR = f"(?=(?:\\r\\n|[{_TERMINATORS}])?\\Z)"
_SETS = {"w": "A-Za-z0-9_", "d": "0-9", "s": " \\t\\n\\x0B\\f\\r"}
# Java's POSIX-named classes are ASCII-only, unlike the regex package's.
_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7F",
    "Alpha": "A-Za-z",
    "Digit": "0-9",
    "Alnum": "A-Za-z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Space": " \\t\\n\\x0B\\f\\r",
    "XDigit": "0-9a-fA-F",
}
_QUANTIFIER = lazy(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")
_PROPERTY = lazy(r"\\([pP])(\{[^}]*\}|[A-Za-z])")
_DOT_ONLY = lazy(r"\.(?:[*+]|\{\d+(?:,\d*)?\})")
_LINE_BREAK = lazy(f"[{_TERMINATORS}]")
_BACKREFERENCE = lazy(r"\\(?:[1-9]|k<)")


class Translation(NamedTuple):
    """A Java pattern rewritten for Python, and whether it needs the ``regex`` package."""

    python: str
    needs_regex: bool


def translate(java: str) -> Translation:
    """Rewrite a Java pattern so that Python's full match gives Java's answer."""
    out: list[str] = []
    needs_regex = False
    # Groups are only ever tested, never read: non-capturing ones match faster (unless a
    # backreference needs them).
    group = "(" if _BACKREFERENCE.search(java) else "(?:"
    i = 0
    while i < len(java):
        c = java[i]
        if c == "(" and not java.startswith("?", i + 1):
            out.append(group)
            i += 1
        elif c == "\\":
            piece, i, uses_p = _escape(java, i)
            needs_regex |= uses_p
            out.append(piece)
        elif c == "[":
            piece, i, uses_p = _char_class(java, i)
            needs_regex |= uses_p
            out.append(piece)
        elif c == ".":
            out.append(_DOT)
            i += 1
        elif c == "$":
            out.append(_DOLLAR)
            m = _QUANTIFIER.match(java, i + 1)
            i = m.end() if m else i + 1
        else:
            out.append(c)
            i += 1
    return Translation("".join(out), needs_regex)


def _escape(java: str, i: int) -> tuple[str, int, bool]:
    """Translate the escape at ``java[i]`` outside a class; return (text, next index, uses \\p)."""
    letter = java[i + 1 : i + 2]
    if letter.lower() in _SETS:
        negate = "^" if letter.isupper() else ""
        return f"[{negate}{_SETS[letter.lower()]}]", i + 2, False
    m = _PROPERTY.match(java, i)
    if m:
        text, uses_p = _property(m)
        return (text if text.startswith("\\") else f"[{text}]"), m.end(), uses_p
    if letter == "z":
        return "\\Z", i + 2, False
    if letter == "Z":
        return _DOLLAR, i + 2, False
    return java[i : i + 2], i + 2, False


def _property(m: re.Match[str]) -> tuple[str, bool]:
    """Return a ``\\p``/``\\P`` class as Python text (a range list for POSIX names)."""
    name = m.group(2).strip("{}")
    if name in _POSIX:
        ranges = _POSIX[name]
        return (f"^{ranges}" if m.group(1) == "P" else ranges), False
    return m.group(0), True


def _char_class(java: str, i: int) -> tuple[str, int, bool]:
    """Translate the class starting at ``java[i] == '['``; return (text, next index, uses \\p)."""
    j = i + 1
    negated = java.startswith("^", j)
    j += negated
    plain: list[str] = []  # pieces that can sit inside one Python class
    excluded: list[str] = []  # ranges of negated shorthands (\S, \W, \D, \P{Alpha}) in the class
    uses_p = False
    while j < len(java) and java[j] != "]":
        if java[j] != "\\":
            plain.append(java[j])
            j += 1
            continue
        letter = java[j + 1 : j + 2]
        m = _PROPERTY.match(java, j)
        if letter.lower() in _SETS:
            (excluded if letter.isupper() else plain).append(_SETS[letter.lower()])
            j += 2
        elif m:
            text, p = _property(m)
            uses_p |= p
            (excluded if text.startswith("^") else plain).append(text.lstrip("^"))
            j = m.end()
        else:
            plain.append(java[j : j + 2])
            j += 2
    return _class_text(negated, "".join(plain), excluded), j + 1, uses_p


def _class_text(negated: bool, plain: str, excluded: list[str]) -> str:
    """Build a Python class from its plain part and the complements it contains."""
    if not excluded:
        return f"[{'^' if negated else ''}{plain}]"
    if any(ranges in plain for ranges in excluded):
        # A class holding a set and its complement ([\S\s]) is any character.
        return "(?!)" if negated else "[\\s\\S]"
    if negated:
        # Not in plain and inside every excluded set: [^x\S] is a \s that is not x.
        ahead = "".join(f"(?=[{r}])" for r in excluded[:-1])
        avoid = f"(?![{plain}])" if plain else ""
        return f"(?:{avoid}{ahead}[{excluded[-1]}])"
    options = [f"[^{r}]" for r in excluded] + ([f"[{plain}]"] if plain else [])
    return options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"


Matcher = Callable[[str], bool]
# The translation of a pattern every text matches (the model's [\S\s]*, "anything").
_ANYTHING = "[\\s\\S]*"
_COMPILED: dict[str, Matcher | None] = {}
# Patterns the standard library matches as they are: their compiled ``fullmatch`` itself.
_PLAIN: dict[str, Callable[[str], object] | None] = {}


def truthy_matcher(java: str) -> Callable[[str], object] | None:
    """Return :func:`matcher`, or for a plain pattern the compiled ``fullmatch`` (a match or
    None rather than a bool: one call less on the hot path of the schema walk); None when
    there is nothing to test (a pattern every text matches, or one that cannot compile)."""
    test = matcher(java)
    return _PLAIN.get(java, test)


def matcher(java: str) -> Matcher | None:
    """Return a full-match test for a Java pattern, compiled once; None if it cannot compile."""
    try:
        return _COMPILED[java]
    except KeyError:
        pass
    found = _compile(java)
    _COMPILED[java] = found
    return found


_GENERAL = lazy(r"\\p\{(?:Is)?([LMNPSZC][a-z]?)\}")


def _ascii_members(category: str) -> str:
    """Return the ASCII characters of a Unicode general category, escaped for a class."""
    import unicodedata

    chars = [chr(c) for c in range(128) if unicodedata.category(chr(c)).startswith(category)]
    return "".join(re.escape(ch) for ch in chars)


def ascii_version(python: str) -> str | None:
    """Return a ``re`` pattern equal to a ``\\p``-class pattern on ASCII text, or None.

    On ASCII text a Unicode category is just its ASCII members, so most values (names, ARNs,
    plain descriptions) are matched with the standard library and the ``regex`` package is
    imported only for text beyond ASCII.
    """
    if "\\P{" in python:
        return None
    text: str = _GENERAL.sub(lambda m: _ascii_members(m.group(1)), python)
    if "\\p{" in text:
        return None
    text = text.replace("[]", "(?!)")
    try:
        re.compile(text)
    except re.error:
        return None
    return text


def _compile(java: str) -> Matcher | None:
    """Compile a translated pattern with ``re``, or ``regex`` when it uses ``\\p`` classes."""
    t = translate(java)
    if t.needs_regex:
        ascii_text = ascii_version(t.python)
        full: list[Callable[[str], object]] = []

        def unicode_match(text: str) -> object:
            if not full:
                import regex  # only text beyond ASCII in a \p{...} pattern pays for this import

                try:
                    full.append(regex.compile(t.python).fullmatch)
                except regex.error:
                    full.append(lambda _text: True)  # cannot judge: never report
            return full[0](text)

        if ascii_text is None:
            import regex

            try:
                unicode_full = regex.compile(t.python).fullmatch
            except regex.error:
                return None
            return lambda text: unicode_full(text) is not None
        ascii_match = re.compile(ascii_text).fullmatch
        return lambda text: (ascii_match(text) if text.isascii() else unicode_match(text)) is not None
    else:
        if t.python == _ANYTHING:
            _PLAIN[java] = None  # for truthy_matcher: nothing to test
            return lambda _text: True
        try:
            fullmatch = re.compile(t.python).fullmatch
        except re.error:
            return None
        _PLAIN[java] = fullmatch
    return lambda text: fullmatch(text) is not None


def fullmatch(java: str, text: str) -> bool | None:
    """Tell whether ``text`` fully matches a Java pattern (None if it cannot be compiled)."""
    test = matcher(java)
    return None if test is None else test(text)


_SINGLE_LINE_ONLY: dict[str, bool] = {}


def single_line_only(java: str) -> bool:
    """Tell whether a pattern only forbids line breaks (``.*``, ``.+``, ``.{0,1024}``)."""
    hit = _SINGLE_LINE_ONLY.get(java)
    if hit is None:
        hit = _SINGLE_LINE_ONLY[java] = _DOT_ONLY.fullmatch(java) is not None
    return hit


def has_line_break(text: str) -> bool:
    """Tell whether text holds a Java line terminator."""
    if text.isascii():
        return "\n" in text or "\r" in text
    return _LINE_BREAK.search(text) is not None


# How long a user-supplied pattern may run on one value before it is stopped (seconds).
USER_TIMEOUT = 0.25


def user_fullmatch(pattern: str, text: str) -> bool | None:
    """Full-match a user's pattern (config, rule file) with a time limit; None when it ran out."""
    import regex

    try:
        return regex.fullmatch(pattern, text, timeout=USER_TIMEOUT) is not None
    except TimeoutError:
        return None


def nested_quantifier(pattern: str) -> str | None:
    """Return ``pattern`` when a repeated group holds nothing but repeats (``(a+)+``, ``(a*b*)*``).

    Such a group can split one run of characters in exponentially many ways, so a backtracking
    matcher takes exponential time on a near-miss. Separated repeats (``([a-z]+-)*``) are fine.
    Patterns only the ``regex`` package reads are not inspected; the time limit still holds.
    """
    if sys.version_info >= (3, 11):
        from re import _parser as sre_parse
    else:
        import sre_parse

    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    stack: list[list[Any]] = [list(tree.data)]
    while stack:
        for op, arg in stack.pop():
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT"):
                if arg[1] == sre_parse.MAXREPEAT and _only_repeats(list(arg[2]), sre_parse.MAXREPEAT):
                    return pattern
                stack.append(list(arg[2]))
            elif name == "SUBPATTERN":
                stack.append(list(arg[-1]))
            elif name == "BRANCH":
                stack.extend(list(b) for b in arg[1])
            elif name in ("ASSERT", "ASSERT_NOT", "POSSESSIVE_REPEAT", "ATOMIC_GROUP"):
                stack.append(list(arg[-1]))
    return None


def _only_repeats(items: list[Any], unbounded: int) -> bool:
    """Tell whether a group body is (after unwrapping groups) only unbounded repeats."""
    while len(items) == 1 and str(items[0][0]) == "SUBPATTERN":
        items = list(items[0][1][-1])
    return bool(items) and all(str(op) in ("MAX_REPEAT", "MIN_REPEAT") and arg[1] == unbounded for op, arg in items)
