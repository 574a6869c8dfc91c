"""Reporters turn a run's diagnostics into text for one output format; they never print."""

from __future__ import annotations

from collections.abc import Callable

from mplint.result import RunResult

Reporter = Callable[[RunResult, bool], str]


def get(name: str) -> Reporter:
    """Return the reporter for a format name (text, json, sarif, github, junit, gitlab)."""
    if name == "text":
        from mplint.reporters.text import render
    elif name == "json":
        from mplint.reporters.json_report import render
    elif name == "sarif":
        from mplint.reporters.sarif import render
    elif name == "github":
        from mplint.reporters.github import render
    elif name == "junit":
        from mplint.reporters.junit import render
    elif name == "gitlab":
        from mplint.reporters.gitlab import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
