"""What the tests share: lint a text and get its findings as comparable tuples; run the CLI in-process.

Each test module names the shape it asserts (which fields, which file name, which rules) in one line
that calls these; the work of linting and of taking findings apart is done here only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from click.testing import CliRunner, Result

from mplint.api import FileResult, lint_text
from mplint.diagnostics import Diagnostic
from mplint.engine.config import Config
from mplint.rule import dedent_example

# The file name each example ``source`` is linted as (rule examples and ``lint`` name sources).
SUFFIX = {
    "yaml": "example.yaml",
    "json": "example.json",
    "cloudformation": "template.yaml",
    "cloudformation-json": "template.json",
    "python": "example.py",
    "notebook": "example.ipynb",
}

# What a field name takes from a finding.
FIELDS: dict[str, Callable[[Diagnostic], Any]] = {
    "code": lambda d: d.code,
    "path": lambda d: d.path,
    "line": lambda d: d.span.line,
    "column": lambda d: d.span.column,
    "span": lambda d: d.span,
    "message": lambda d: d.message,
    "severity": lambda d: d.severity,
    "level": lambda d: d.severity.label,
    "request": lambda d: d.request,
    "cell": lambda d: d.cell,
    "file": lambda d: d.file,
    "fix": lambda d: d.fix,
}

# The usual shape: which rule, where in the request, where in the file.
WHERE = ("code", "path", "line", "column")


def rows(diagnostics: Iterable[Diagnostic], fields: tuple[str, ...] = WHERE) -> list[tuple[Any, ...]]:
    """Return one tuple of ``fields`` per finding, in the order given."""
    getters = [FIELDS[f] for f in fields]
    return [tuple(get(d) for get in getters) for d in diagnostics]


def lint_file(
    text: str | bytes,
    name: str,
    *,
    config: Config | None = None,
    dedent: bool = False,
    forced: bool = True,
    **settings: Any,
) -> FileResult:
    """Lint ``text`` as the file ``name``; ``forced`` takes it as a request whatever it holds.

    The configuration is ``config`` (default ``Config()``) with ``settings`` replacing its fields.
    """
    if dedent:
        assert isinstance(text, str)
        text = dedent_example(text)
    config = (config or Config())._replace(**settings)
    return lint_text(text, name, config=config, forced=forced)


def findings(
    text: str | bytes,
    name: str,
    *,
    fields: tuple[str, ...] = WHERE,
    config: Config | None = None,
    dedent: bool = False,
    forced: bool = True,
    **settings: Any,
) -> list[tuple[Any, ...]]:
    """Lint ``text`` as the file ``name`` (see :func:`lint_file`); return tuples of ``fields``."""
    return rows(lint_file(text, name, config=config, dedent=dedent, forced=forced, **settings).diagnostics, fields)


def lint(text: str, source: str = "yaml", *, dedent: bool = True, **settings: Any) -> list[tuple[Any, ...]]:
    """Lint a snippet of a ``source`` kind (see ``SUFFIX``); return ``(code, path, line, column)`` tuples."""
    return findings(text, SUFFIX[source], dedent=dedent, **settings)


def invoke(*args: str, **kw: Any) -> Result:
    """Run ``mplint ARGS`` in this process (click's runner); ``kw`` goes to ``CliRunner.invoke``."""
    from mplint.cli import cli

    return CliRunner().invoke(cli, list(args), **kw)
