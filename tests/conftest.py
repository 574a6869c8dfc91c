"""Test options and session fixtures (the helpers the tests share are in tests/helpers.py)."""

from __future__ import annotations

from typing import Any

import pytest


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
