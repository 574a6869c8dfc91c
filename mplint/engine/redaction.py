"""Keep secrets out of what a run prints: record where secret values are, scrub the messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mplint.diagnostics import Diagnostic
from mplint.result import FileResult

if TYPE_CHECKING:
    from mplint.sources import Loaded


def redact(result: FileResult, loaded: Loaded, diags: list[Diagnostic]) -> list[Diagnostic]:
    """Record the spans of secret values and scrub any secret text left in the messages."""
    from mplint import secrets

    result._unsearched.extend(loaded.requests)
    if not loaded.requests and result.text is not None:
        from mplint.sources.positions import LineIndex

        result.lexical_redactions = secrets.lexical_spans(LineIndex(result.text).lines())
    if not diags:
        return diags  # nothing to scrub
    said = "\x00".join(
        d.message if d.fix is None else f"{d.message}\x00{d.fix.title}\x00{d.fix.replacement}" for d in diags
    )
    if not any(secrets.shown_in(secrets.request_candidates(r), said) for r in loaded.requests):
        return diags  # no value that could be secret appears in what is printed
    words = secrets.texts(n for _, n in result.secrets)
    if not words:
        return diags
    scrub = secrets.scrubber(words)
    out = []
    for d in diags:
        message = scrub(d.message)
        fix = d.fix
        if fix is not None and scrub(fix.title + "\x00" + fix.replacement) != fix.title + "\x00" + fix.replacement:
            fix = None  # a fix that would write a secret is dropped rather than shown
        out.append(d if message == d.message and fix is d.fix else d.stamped(message=message, fix=fix))
    return out
