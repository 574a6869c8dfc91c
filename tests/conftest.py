"""Test options and session fixtures; what the tests share for linting a text and running the CLI is in linting.py."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent


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


@pytest.fixture(scope="session")
def hook_home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's own cache (PRE_COMMIT_HOME) for the hook at this checkout's HEAD.

    Building the hook's environment is most of what the pre-commit tests cost, so it is built
    once per session, and kept in pytest's cache directory for the next session while HEAD is
    the same commit: pre-commit builds the hook from that commit, so the kept environment is the
    one a new build would give. Another HEAD starts it afresh. Without pytest's cache
    (``-p no:cacheprovider``) it is scratch space of this session.
    """
    cache = getattr(request.config, "cache", None)
    if cache is None:
        return tmp_path_factory.mktemp("pre-commit-home")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    home = Path(cache.mkdir("pre-commit-home"))
    stamp = home / "mplint-rev"
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != rev:
        shutil.rmtree(home)
        home.mkdir()
        stamp.write_text(rev, encoding="utf-8")
    return home
