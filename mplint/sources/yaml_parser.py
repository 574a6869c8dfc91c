"""A YAML reader that keeps positions: PyYAML's event stream → one tree of Nodes per document.

Nodes are built from events with an explicit stack (no recursive composer), so nesting depth,
anchors and aliases, and merge keys are handled here, with limits that stop hostile input early.
Positions come from the marks' character index, converted with editor line numbering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import yaml

from mplint.diagnostics import Diagnostic
from mplint.findings import ParseError
from mplint.model import Node, Span
from mplint.sources.positions import LineIndex, Stop
from mplint.sources.yaml_builder import Builder, end_of, start_of

TagHandler = Callable[[str, Node], Node]
_LOADER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


@dataclass
class Stream:
    """The documents of a YAML stream: their roots, where each began, and the findings."""

    documents: list[Node] = field(default_factory=list)
    starts: list[Span] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # (start, end) character offsets of the quoted and block scalars: a ``#`` there is text.
    texts: list[tuple[int, int]] = field(default_factory=list)


def parse(
    text: str, *, version: str = "1.2", tag_handler: TagHandler | None = None
) -> tuple[list[Node], list[Diagnostic]]:
    """Read every document of a YAML text; return their root nodes and the findings."""
    stream = parse_stream(text, version=version, tag_handler=tag_handler)
    return stream.documents, stream.diagnostics


def parse_stream(text: str, *, version: str = "1.2", tag_handler: TagHandler | None = None) -> Stream:
    """Read a YAML text into a Stream; reading stops at the first error."""
    lines = LineIndex(text)
    stream = Stream()
    builder = Builder(lines, version, tag_handler, stream.diagnostics)
    try:
        for event in _events(text):
            if isinstance(event, yaml.DocumentStartEvent):
                stream.starts.append(lines.point(start_of(event)))
            elif isinstance(event, yaml.ScalarEvent) and event.style and "#" in event.value:
                stream.texts.append((start_of(event), end_of(event)))
            root = builder.feed(event)
            if root is not None:
                stream.documents.append(root)
    except Stop as stop:
        stream.diagnostics.append(ParseError.finding(lines.point(stop.offset), stop.message))
    except yaml.MarkedYAMLError as err:
        stream.diagnostics.append(_marked_error(err, lines))
    except yaml.reader.ReaderError as err:
        offset = _char_offset(text, err.position)
        message = f"{err.reason} (U+{err.character:04X})"
        stream.diagnostics.append(ParseError.finding(lines.point(offset), message))
    except UnicodeEncodeError as err:
        message = f"unpaired surrogate U+{ord(text[err.start]):04X} in the text"
        stream.diagnostics.append(ParseError.finding(lines.point(err.start), message))
    return stream


def in_texts(texts: list[tuple[int, int]], lines: LineIndex) -> Callable[[int, int], bool] | None:
    """Return whether a (line, column) lies inside one of ``texts`` (None when there are none)."""
    if not texts:
        return None
    import bisect

    starts = [start for start, _ in texts]

    def inside(line: int, column: int) -> bool:
        offset = lines.offset(line, column)
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and texts[i][0] <= offset < texts[i][1]

    return inside


def _events(text: str) -> Iterator[yaml.Event]:
    return yaml.parse(text, Loader=_LOADER)


def _marked_error(err: yaml.MarkedYAMLError, lines: LineIndex) -> Diagnostic:
    mark = err.problem_mark or err.context_mark
    offset = mark.index if mark is not None else 0
    message = err.problem or err.context or "cannot read the YAML"
    if message.startswith("exceeded maximum nesting depth"):
        # libyaml scans a run of flow brackets to its end before the builder sees an event,
        # and gives up at 1,000 levels: report our limit where it is passed, as for the others.
        from mplint.sources.yaml_builder import MAX_DEPTH, TOO_DEEP

        opened = _flow_level(lines.text, MAX_DEPTH + 1)
        if opened is not None:
            return ParseError.finding(lines.point(opened), TOO_DEEP)
    if offset < len(lines.text) and lines.text[offset] == "\t":
        message += " (a tab; YAML indents with spaces only)"
    elif err.context and err.problem:
        message = f"{err.problem} ({err.context})"
    return ParseError.finding(lines.point(offset), message)


def _flow_level(text: str, level: int) -> int | None:
    """Return the offset of the bracket that opens flow level ``level`` (None if none does),
    passing over quoted scalars and comments."""
    depth = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "[{":
            depth += 1
            if depth == level:
                return i
        elif ch in "]}":
            depth = max(depth - 1, 0)
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n\r"):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "'\"" and (depth > 0 or i == 0 or text[i - 1] in " \t\n\r:-,[{"):
            end = _quote_end(text, i)
            if end < 0:
                return None
            i = end + 1
            continue
        i += 1
    return None


def _quote_end(text: str, start: int) -> int:
    """Return the offset of the quote closing the scalar opened at ``start`` (-1: none)."""
    quote = text[start]
    i = start + 1
    while True:
        j = text.find(quote, i)
        if j < 0:
            return -1
        if quote == "'" and text.startswith("''", j):
            i = j + 2  # '' is an escaped quote
            continue
        if quote == '"' and _escaped(text, j):
            i = j + 1
            continue
        return j


def _escaped(text: str, at: int) -> bool:
    slashes = 0
    while at - slashes - 1 >= 0 and text[at - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _char_offset(text: str, position: int) -> int:
    """Return the character offset of a reader error's position (libyaml counts UTF-8 bytes)."""
    if _LOADER is yaml.SafeLoader:
        return position
    return len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
