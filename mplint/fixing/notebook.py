"""A notebook cell's new source written back into the .ipynb JSON.

Only the JSON strings of the changed source lines are written again (each line a string of the
cell's ``source`` list, as nbformat keeps it); the rest of the file (layout, outputs, metadata)
stays byte for byte.
"""

from __future__ import annotations

import json
import re

from mplint.sources import notebook as nb
from mplint.sources.positions import LineIndex

_LINES = re.compile(r"[^\n]*\n|[^\n]+")


def replace_cell(text: str, cell: int, source: str) -> str | None:
    """Return the notebook ``text`` with cell ``cell`` (1-based) holding ``source``; None when the
    cell's source cannot be found in the file."""
    from mplint.sources.json_lazy import Positions

    cells = nb._all_cells(text)
    if cells is None or not 1 <= cell <= len(cells):
        return None
    c = cells[cell - 1]
    if source == c.source:
        return text
    index = LineIndex(text)
    positions = Positions(text, 1 if text.startswith("\ufeff") else 0)
    ascii_only = text.isascii()

    def token(path: str) -> tuple[int, int]:
        span = positions.span(path)
        return index.offset(span.line, span.column), index.offset(span.end_line, span.end_column)

    def encode(s: str) -> str:
        return json.dumps(s, ensure_ascii=ascii_only)

    try:
        if not c.pieces:
            start, end = token(c.path)
            if text[start:end] == "[]":
                return None
            return text[:start] + encode(source) + text[end:]
        if [j for j, _ in c.pieces] != list(range(len(c.pieces))):
            return None
        old = _split(c.source, c.pieces)
        tokens = [token(f"{c.path}[{j}]") for j in range(len(old))]
    except (KeyError, IndexError, ValueError):
        return None
    new = _LINES.findall(source)
    k = 0
    while k < min(len(old), len(new)) and old[k] == new[k]:
        k += 1
    s = 0
    while s < min(len(old), len(new)) - k and old[-1 - s] == new[-1 - s]:
        s += 1
    old_mid, new_mid = range(k, len(old) - s), new[k : len(new) - s]
    sep = text[tokens[0][1] : tokens[1][0]] if len(tokens) > 1 else ", "
    written = sep.join(encode(line) for line in new_mid)
    if old_mid:
        start, end = tokens[old_mid[0]][0], tokens[old_mid[-1]][1]
        if not new_mid:
            if k > 0:
                start = tokens[k - 1][1]
            elif len(old) - s < len(old):
                end = tokens[len(old) - s][0]
        return text[:start] + written + text[end:]
    if k > 0:
        at = tokens[k - 1][1]
        return text[:at] + sep + written + text[at:]
    at = tokens[0][0]
    return text[:at] + written + sep + text[at:]


def _split(source: str, pieces: tuple[tuple[int, int], ...]) -> list[str]:
    out, at = [], 0
    for _, length in pieces:
        out.append(source[at : at + length])
        at += length
    return out
