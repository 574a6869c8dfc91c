"""Shared test helpers: lint a snippet and get findings as comparable tuples."""

from __future__ import annotations

from typing import Any

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.rule import dedent_example

SUFFIX = {
    "yaml": "example.yaml",
    "json": "example.json",
    "cloudformation": "template.yaml",
    "cloudformation-json": "template.json",
    "python": "example.py",
    "notebook": "example.ipynb",
}


def lint(text: str, source: str = "yaml", *, dedent: bool = True, **config: Any) -> list[tuple[Any, ...]]:
    """Lint a snippet and return sorted ``(code, path, line, column)`` tuples."""
    if dedent:
        text = dedent_example(text)
    result = lint_text(text, SUFFIX[source], config=Config(**config), forced=True)
    return [(d.code, d.path, d.span.line, d.span.column) for d in result.diagnostics]


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-snapshots (rewrite golden files instead of comparing)."""
    parser.addoption("--update-snapshots", action="store_true", help="rewrite tests/snapshots/*")


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Keep the result cache of command-line runs in the tests' scratch space, not the checkout."""
    import os

    old = os.environ.get("MPLINT_CACHE_DIR")
    os.environ["MPLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("mplint-cache"))
    yield
    if old is None:
        os.environ.pop("MPLINT_CACHE_DIR", None)
    else:
        os.environ["MPLINT_CACHE_DIR"] = old
