"""Where a member's removal cuts: the member with its separator (a comma, or its YAML lines).

A member alone on its line(s) goes with the whole line(s) and its trailing comma; a member
among others on a line goes with the comma after it (or, when it is the last one, the comma
before it). A comment on the removed member's own line goes with it; every other comment stays.
"""

from __future__ import annotations

_BLANK = " \t"


def member(text: str, start: int, end: int, fmt: str) -> tuple[int, int] | None:
    """Return the (start, end) offsets to delete to remove the member written at [start, end)."""
    # A YAML block scalar's span takes the line breaks after it: the member ends at its text.
    end = start + len(text[start:end].rstrip(" \t\r\n"))
    if fmt == "yaml" and not _in_flow(text, start, end):
        return _yaml_block(text, start, end)
    if fmt == "python" and not _python_member(text, start, end):
        return None
    return _with_comma(text, start, end, fmt)


def _python_member(text: str, start: int, end: int) -> bool:
    """Tell whether [start, end) is exactly one keyword argument of a call or one entry of a
    dict literal, as libcst reads the module (a text libcst cannot read, such as a notebook cell
    with IPython magics, is read with its magic lines blanked)."""
    import libcst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from mplint.sources.notebook import python_code
    from mplint.sources.positions import LineIndex

    try:
        module = libcst.parse_module(text)
    except Exception:
        try:
            module = libcst.parse_module(python_code(text))
        except Exception:
            return False
    index = LineIndex(text)
    want = (index.position(start), index.position(end))
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    for node, where in positions.items():
        if isinstance(node, (libcst.Arg, libcst.DictElement)):
            if isinstance(node, libcst.Arg) and node.keyword is None:
                continue
            got = ((where.start.line, where.start.column + 1), (where.end.line, where.end.column + 1))
            if got == want:
                return True
    return False


def _line_start(text: str, at: int) -> int:
    return max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1


def _eol(text: str, at: int) -> int:
    """Return the offset of the line break that ends the line holding ``at`` (or the text's end)."""
    ends = [i for i in (text.find("\n", at), text.find("\r", at)) if i >= 0]
    return min(ends) if ends else len(text)


def _past_break(text: str, eol: int) -> int:
    if text.startswith("\r\n", eol):
        return eol + 2
    return eol + 1 if eol < len(text) else eol


def _rest_is_blank(text: str, at: int, fmt: str) -> bool:
    rest = text[at : _eol(text, at)].strip(_BLANK)
    return not rest or (fmt != "json" and rest.startswith("#"))


def _in_flow(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip(" \t\r\n")
    after = text[end:].lstrip(_BLANK)
    return before[-1:] in ("{", ",") or after[:1] in (",", "}")


def _with_comma(text: str, start: int, end: int, fmt: str) -> tuple[int, int]:
    line_start = _line_start(text, start)
    own_line = not text[line_start:start].strip(_BLANK)
    after = end + len(text[end:]) - len(text[end:].lstrip(_BLANK))
    if text.startswith(",", after):
        past = after + 1
        if own_line and _rest_is_blank(text, past, fmt):
            return line_start, _past_break(text, _eol(text, past))
        skip = len(text[past:]) - len(text[past:].lstrip(_BLANK))
        rest = text[past + skip : past + skip + 1]
        return start, past + (skip if rest not in ("", "\n", "\r") else 0)
    before = text[:start].rstrip(" \t\r\n")
    tail = _eol(text, end) if own_line and _rest_is_blank(text, end, fmt) else end
    if before.endswith(","):
        return len(before) - 1, tail
    if own_line and tail != end:
        return line_start, _past_break(text, tail)
    return start, end


def _yaml_block(text: str, start: int, end: int) -> tuple[int, int] | None:
    line_start = _line_start(text, start)
    lead = text[line_start:start]
    eol = _eol(text, end)
    if text[end:eol].strip(_BLANK) and not text[end:eol].strip(_BLANK).startswith("#"):
        return None
    cut_end = _past_break(text, eol)
    if not lead.strip(_BLANK):
        return line_start, cut_end
    if lead.strip(_BLANK) != "-":
        return None
    # The first member of a sequence item: the next member of the item takes its place after "- ".
    column = start - line_start
    nxt = text[cut_end : _eol(text, cut_end)]
    indent = len(nxt) - len(nxt.lstrip(" "))
    if indent != column or not nxt.strip() or nxt.strip().startswith(("#", "-")):
        return None
    return start, cut_end + indent
