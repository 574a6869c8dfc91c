"""Suggestions for misspelt names and values: case-insensitive match first, then the closest."""

from __future__ import annotations

import functools
from collections.abc import Iterable


def _fold(word: str) -> str:
    """Return a word without case, underscores or hyphens, for loose comparison."""
    return word.lower().replace("_", "").replace("-", "")


def closest(word: str, choices: Iterable[str], cutoff: float = 0.75) -> str | None:
    """Return the choice ``word`` most likely meant, or None when nothing is close."""
    folded, lowered = _forms(tuple(choices))
    same = folded.get(_fold(word))
    if same is not None:
        return same
    # difflib's ratio is at most 2*min(a, b)/(a + b): a word far longer or shorter than a choice
    # cannot reach the cutoff against it, so such choices are not compared (that comparison is
    # quadratic in the word's length).
    size = len(word)
    near = {low: c for low, c in lowered.items() if 2 * min(size, len(c)) >= cutoff * (size + len(c))}
    if not near:
        return None
    found = best_match(word.lower(), near, cutoff)
    return near[found] if found is not None else None


@functools.lru_cache(maxsize=256)
def _forms(choices: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """Return the choices by folded and by lower-cased form (the same choices recur: a shape's
    members, an enum), each form keeping the last choice that has it."""
    return {_fold(c): c for c in choices}, {c.lower(): c for c in choices}


def best_match(word: str, possibilities: Iterable[str], cutoff: float) -> str | None:
    """Return what ``difflib.get_close_matches(word, possibilities, n=1, cutoff)`` returns
    (None for nothing), comparing fewer pairs. Ties go, as in difflib, to the greater string."""
    top = best_matches(word, possibilities, cutoff)
    return max(top) if top else None


def best_matches(word: str, possibilities: Iterable[str], cutoff: float) -> list[str]:
    """Return every possibility at the best spelling score of at least ``cutoff`` (difflib's
    ratio against ``word``), comparing fewer pairs than difflib does.

    difflib scores every possibility that passes its cheap bounds. Here possibilities are tried
    in order of the length bound (an upper bound of the score), and the search stops when that
    bound falls below the best score found: the rest cannot reach it.
    """
    import difflib

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    size = len(word)
    ordered = sorted(
        ((2.0 * min(size, len(x)) / (size + len(x)) if size + len(x) else 1.0, x) for x in possibilities), reverse=True
    )
    best = cutoff
    top: list[str] = []
    for bound, x in ordered:
        if bound < best:
            break
        matcher.set_seq1(x)
        if matcher.quick_ratio() < best:
            continue
        score = matcher.ratio()
        if score > best or (score == best and not top):
            best, top = score, [x]
        elif score == best:
            top.append(x)
    return top


def did_you_mean(suggestion: str | None) -> str:
    """Return ``; did you mean 'X'?`` for a suggestion, or nothing."""
    return f"; did you mean '{suggestion}'?" if suggestion is not None else ""
