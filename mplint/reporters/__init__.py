"""Reporters turn a run's diagnostics into text for one output format; they never print."""

from __future__ import annotations

from collections.abc import Callable

from mplint.result import RunResult

Reporter = Callable[[RunResult, bool], str]


def get(name: str) -> Reporter:
    """Return the reporter for a format name (text, json, sarif, github, junit, gitlab)."""
    if name == "text":
        from mplint.reporters import text

        return text.render
    if name == "json":
        from mplint.reporters import json_report

        return json_report.render
    if name == "sarif":
        from mplint.reporters import sarif

        return sarif.render
    if name == "github":
        from mplint.reporters import github

        return github.render
    if name == "junit":
        from mplint.reporters import junit

        return junit.render
    if name == "gitlab":
        from mplint.reporters import gitlab

        return gitlab.render
    raise KeyError(name)


FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
