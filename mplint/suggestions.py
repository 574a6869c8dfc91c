"""Suggestions for misspelt names and values: case-insensitive match first, then the closest."""

from __future__ import annotations

from typing import Iterable


def _fold(word: str) -> str:
    """Return a word without case, underscores or hyphens, for loose comparison."""
    return word.lower().replace("_", "").replace("-", "")


def closest(word: str, choices: Iterable[str], cutoff: float = 0.75) -> str | None:
    """Return the choice ``word`` most likely meant, or None when nothing is close."""
    options = list(choices)
    folded = {_fold(c): c for c in options}
    same = folded.get(_fold(word))
    if same is not None:
        return same
    # difflib's ratio is at most 2*min(a, b)/(a + b): a word far longer or shorter than a choice
    # cannot reach the cutoff against it, so such choices are not compared (that comparison is
    # quadratic in the word's length).
    size = len(word)
    lowered = {c.lower(): c for c in options if 2 * min(size, len(c)) >= cutoff * (size + len(c))}
    if not lowered:
        return None
    import difflib

    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[found[0]] if found else None


def did_you_mean(suggestion: str | None) -> str:
    """Return ``; did you mean 'X'?`` for a suggestion, or nothing."""
    return f"; did you mean '{suggestion}'?" if suggestion is not None else ""
