"""Which Python texts can hold a request call: a text test, decided before anything is parsed.

A Python file (or a notebook's joined code) is parsed only when :func:`could_hold_request` says
yes; it never imports libcst. The rule:

- ``create_model_package`` (boto3, and the SDK session's ``create_model_package_from_...``),
  ``RegisterModel`` and ``ModelPackage.create`` make a text a candidate wherever they occur.
- ``register(`` is everywhere (``atexit.register``, plugin registries, ``admin.site.register``,
  blueprints), so a ``register(`` call counts only when it carries an SDK hint. Its arguments
  are the text from the bracket to the matching close bracket (brackets inside one-line string
  literals are passed over; at most :data:`WINDOW` characters are read). A hint is:

  1. a keyword only the SDK's ``register`` uses (:data:`DISTINCTIVE`, e.g. ``content_types``),
     written anywhere in the arguments: as a keyword, or as the name of a positional value;
  2. a literal only SDK registrations write among the arguments: a MIME type
     (``"text/csv"``) or an instance type (``"ml.m5.large"``) — positional SDK calls;
  3. a receiver whose name says model or estimator (``model.register(...)``,
     ``self.xgb_estimator.register(...)``) — positional calls of variables;
  4. ``*``/``**`` unpacking in the arguments, when the text names a distinctive keyword
     anywhere (the arguments are built elsewhere in the file).

  ``atexit.register(print)`` and ``registry.register(MyPlugin)`` carry none of these.

A yes costs a parse that finds nothing; a no loses a request, so every doubt is a yes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mplint.lazy_re import lazy

if TYPE_CHECKING:
    import re

# The keywords only the SDK's register uses: ``DISTINCTIVE`` of mplint.sources.python.sdk
# (a test keeps the two equal; that module imports libcst, this one must not).
DISTINCTIVE = frozenset({
    "content_types", "response_types", "inference_instances", "transform_instances",
    "model_package_name", "model_package_group_name", "nearest_model_name",
    "data_input_configuration", "model_metrics", "metadata_properties", "drift_check_baselines",
    "marketplace_cert", "approval_status", "customer_metadata_properties",
    "validation_specification", "sample_payload_url", "skip_model_validation", "source_uri",
    "model_card", "model_life_cycle", "model_package_registration_type",
})  # fmt: skip
WINDOW = 20_000  # characters of a register call's arguments read at most
MAX_CALLS = 100  # register( calls without a hint looked at, at most, before answering yes
REACH = 200  # characters of space, or of a receiver's name, looked through at most
_CREATE = lazy(r"ModelPackage\s*\.\s*create\b")
# Brackets, and one-line string literals (whose brackets do not count).
_BRACKETS = lazy(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|[()\[\]{}]")
_KEYWORD = lazy(r"\b(?:" + "|".join(sorted(DISTINCTIVE)) + r")\b")
_LITERAL = lazy(r"""["'](?:(?:text|application|image|audio|video)/[\w.+-]+|ml\.[a-z0-9-]+\.\w+)["']""")
_UNPACK = lazy(r"(?:^|,)\s*\*")
_SPACE = " \t\\\r\n"  # what may stand between the parts of a call (a backslash continues a line)


def could_hold_request(text: str, *, notebook: bool = False) -> bool:
    """Tell whether a Python text may hold a request call (see the module's rule).

    With ``notebook``, ``text`` is a notebook's JSON: its code is searched where it is written
    (quotes unescaped), and a call's arguments are the :data:`WINDOW` characters after its
    bracket, since brackets cannot be matched across the JSON strings of a cell's lines.
    The work is bounded: past :data:`MAX_CALLS` ``register(`` calls without a hint, the answer
    is yes (the parser, with its own limits, decides).
    """
    if notebook:
        text = text.replace('\\"', '"')
    # Substring searches first (C speed); the patterns only run where a word was found.
    if "create_model_package" in text or "RegisterModel" in text:
        return True
    if "ModelPackage" in text and _CREATE.search(text):
        return True
    calls = 0
    unpacked = False
    start = text.find("register")
    while start >= 0:
        end = start + 8
        if not (start and (text[start - 1].isalnum() or text[start - 1] == "_")):
            end = _skip_space(text, end)
            if end < len(text) and text[end] == "(":
                hint = _sdk_register(text, start, end + 1, notebook)
                if hint:
                    return True
                unpacked = unpacked or hint is None
                calls += 1
                if calls >= MAX_CALLS:
                    return True
        start = text.find("register", end)
    return unpacked and _names_keyword(text)


def _sdk_register(text: str, start: int, open_end: int, notebook: bool) -> bool | None:
    """Tell whether the ``register(`` call at ``start`` (its bracket ends at ``open_end``)
    carries an SDK hint; None when only its unpacked arguments could."""
    args = text[open_end : open_end + WINDOW if notebook else _close(text, open_end)]
    if _names_keyword(args) or (("/" in args or "ml." in args) and _LITERAL.search(args)):
        return True
    receiver = _receiver(text, start).lower()
    if "model" in receiver or "estimator" in receiver:
        return True
    return None if "*" in args and _UNPACK.search(args) else False


def _skip_space(text: str, i: int) -> int:
    """Return the offset of the first character at or after ``i`` that is not space (looking
    :data:`REACH` characters on at most)."""
    stop = min(i + REACH, len(text))
    while i < stop and text[i] in _SPACE:
        i += 1
    return i


def _receiver(text: str, start: int) -> str:
    """Return the name before ``.register`` at ``start`` (``m`` of ``self.m.register``), or ""
    (looking :data:`REACH` characters back at most)."""
    stop = max(start - REACH, 0)
    i = start - 1
    while i >= stop and text[i] in _SPACE:
        i -= 1
    if i < stop or text[i] != ".":
        return ""
    i -= 1
    while i >= stop and text[i] in _SPACE:
        i -= 1
    end = i + 1
    while i >= stop and (text[i].isalnum() or text[i] == "_"):
        i -= 1
    return text[i + 1 : end]


def _names_keyword(text: str) -> bool:
    """Tell whether ``text`` names one of the SDK's distinctive keywords as a word."""
    return any(word in text for word in DISTINCTIVE) and bool(_KEYWORD.search(text))


def _close(text: str, pos: int) -> int:
    """Return the offset of the bracket that closes the one opened just before ``pos``
    (or where the window ends)."""
    end = min(pos + WINDOW, len(text))
    depth = 1
    m: re.Match[str]
    for m in _BRACKETS.finditer(text, pos, end):
        c = m.group()
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return m.start()
    return end
