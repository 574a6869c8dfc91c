"""Reporters turn a run's diagnostics into text for one output format; they never print."""

from __future__ import annotations

from collections.abc import Callable

from mplint.result import RunResult

Reporter = Callable[[RunResult, bool], str]


# Format name -> the module of mplint.reporters that renders it (imported when asked for).
_MODULES = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
}


def get(name: str) -> Reporter:
    """Return the reporter for a format name (text, json, sarif, github, junit, gitlab)."""
    import importlib

    render: Reporter = importlib.import_module(f"mplint.reporters.{_MODULES[name]}").render
    return render


FORMATS = tuple(_MODULES)
