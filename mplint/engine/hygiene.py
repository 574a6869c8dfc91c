"""Suppression hygiene: directives that suppress nothing (MP006), name a code no rule has
(MP007), or give no reason when the configuration asks for one (MP008).

A directive's code is judged unused only when a rule it names was selected and ran on the
file (not ignored for it, and checking its kind of request): a run with ``--select`` says
nothing about the directives of the rules it left out. ``# noqa`` codes of other linters are
never judged. Notebooks and JSON are not looked at (JSON holds no comments).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from mplint.diagnostics import Diagnostic, Fix
from mplint.directives import Directive, find
from mplint.findings import HYGIENE_CODES, SuppressionWithoutReason, UnknownSuppressionCode, UnusedSuppression
from mplint.model import Span, Suppressions

if TYPE_CHECKING:
    from mplint.engine.runner import Engine
    from mplint.sources import Loaded

# A suppressed finding: its code and the lines whose directives covered it.
Used = tuple[str, tuple[int, ...]]


def wanted(file: str, text: str | None) -> bool:
    """Tell whether a file's directives are looked at: YAML or Python text with a marker."""
    if not text or ("mplint:" not in text and "noqa" not in text):
        return False
    return file.lower().endswith((".yaml", ".yml", ".template", ".py"))


def _lines(text: str) -> list[str]:
    from mplint.engine.noqa import split_lines

    return [line for line, _ in split_lines(text)]


def _real(d: Directive, supp: list[Suppressions]) -> bool:
    """Tell whether a directive found in the text is one a source read (not text in a value)."""
    codes = set(d.codes) or {"*"}
    for s in supp:
        have = s.whole_file if d.target == 0 else s.by_line.get(d.target, frozenset())
        if codes <= have:
            return True
    return False


def _covers(pattern: str, code: str) -> bool:
    return pattern == "*" or code.startswith(pattern)


def findings(engine: Engine, loaded: Loaded, file: str, text: str, used: Iterable[Used]) -> list[Diagnostic]:
    """Return the hygiene findings of one file's directives (before selection and suppressions)."""
    python = file.lower().endswith(".py")
    lines = _lines(text[1:] if text.startswith("\ufeff") else text)  # sources count no BOM
    supp = list({id(r.suppressions): r.suppressions for r in loaded.requests}.values())
    directives = [d for d in find(lines, python=python) if _real(d, supp)]
    if not directives:
        return []
    by_line: dict[int, set[str]] = {}
    for code, at in used:
        for line in at:
            by_line.setdefault(line, set()).add(code)
    anywhere = {c for codes in by_line.values() for c in codes}
    ran = _ran(engine, loaded, file)
    known = _known(engine)
    config = engine.config
    reasons = config.require_suppression_reason or SuppressionWithoutReason.code in config.select
    out: list[Diagnostic] = []
    for d in directives:
        ours = [c for c in d.codes if c.startswith("MP")] if python else list(d.codes)
        if python and not ours:
            continue  # a noqa of other linters, or a bare noqa: not mplint's to judge
        span = Span(d.line, d.column, d.line, d.end_column)
        if reasons and d.reason is None:
            out.append(SuppressionWithoutReason.finding(span, "the suppression directive gives no reason after '--'"))
        unknown = [c for c in ours if not any(k.startswith(c) for k in known)]
        for c in unknown:
            out.append(UnknownSuppressionCode.finding(span, f"the suppression directive names {c}, which no rule has"))
        judged = [c for c in (ours or ["*"]) if c not in unknown and not any(h.startswith(c) for h in HYGIENE_CODES)]
        unused = [
            c
            for c in judged
            if any(_covers(c, r) for r in ran)
            and not any(_covers(c, code) for code in (anywhere if d.target == 0 else by_line.get(d.target, ())))
        ]
        if unused:
            out.append(_unused(d, unused, lines[d.line - 1], len(lines)))
    return out


def _unused(d: Directive, unused: list[str], line: str, count: int) -> Diagnostic:
    """Return the MP006 finding of a directive, with the fix that drops what it does not use."""
    span = Span(d.line, d.column, d.line, d.end_column)
    left = [c for c in d.codes if c not in unused]
    what = ", ".join(unused) if d.codes else "every rule"
    where = "in this file" if d.target == 0 else "on this line" if not d.own_line else "on the next line"
    message = f"unused suppression of {what}: no such finding {where}"
    if left and d.codes_span is not None:
        start, end = d.codes_span
        fix = Fix(f"Remove {', '.join(unused)} from the directive", Span(d.line, start, d.line, end), ",".join(left))
    elif d.own_line and not line[d.end_column - 1 :].strip():
        whole = Span(d.line, 1, d.line + 1, 1) if d.line < count else Span(d.line, 1, d.line, len(line) + 1)
        fix = Fix("Remove the unused directive", whole, "")
    else:
        before = len(line[: d.column - 1].rstrip(" \t"))
        fix = Fix("Remove the unused directive", Span(d.line, before + 1, d.line, d.end_column), "")
    return UnusedSuppression.finding(span, message, fix=fix)


def _ran(engine: Engine, loaded: Loaded, file: str) -> set[str]:
    """Return the codes of the rules that ran on the file's requests (and the sources' own
    findings the selection keeps), less those ignored for the file."""
    from mplint.findings import SOURCE_RULES

    ran: set[str] = set()
    for request in loaded.requests:
        rules = engine._by_flavour.get(request.flavour, [])
        ran.update(r.code for r in rules if r.code not in request.ignored)
    ran.update(rc.code for rc in SOURCE_RULES if engine.selection.enabled(rc))
    per_file = engine.config.ignored_for(file) if engine.config.per_file_ignores else ()
    return {c for c in ran if not any(c.startswith(p) for p in per_file)}


def _known(engine: Engine) -> frozenset[str]:
    """Return every rule code the configuration knows (built-in, rule files, plugins)."""
    known = engine._known_codes
    if known is None:
        from mplint.engine.registry import rule_classes

        known = frozenset(rc.code for rc in rule_classes(engine.config))
        engine._known_codes = known
    return known
