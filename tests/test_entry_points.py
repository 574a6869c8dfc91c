"""The entry-point scanner reads dist-info directories on sys.path like importlib.metadata."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mplint.engine.plugins import EntryPoint, entry_points


def _dist(root: Path, dirname: str, name: str, entry_points_txt: str) -> None:
    meta = root / dirname
    meta.mkdir()
    (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n\nBody\n")
    (meta / "entry_points.txt").write_text(entry_points_txt)


def test_finds_the_group_and_the_distribution_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _dist(
        tmp_path,
        "mplint_acme-1.0.dist-info",
        "mplint-acme",
        "[console_scripts]\nacme = acme:main\n\n[mplint.rules]\nteam = acme_rules:TeamPrefix\n",
    )
    _dist(tmp_path, "other-2.0.dist-info", "other", "[console_scripts]\nother = other:main\n")
    other = tmp_path / "second"
    other.mkdir()
    _dist(other, "mplint_acme-0.9.dist-info", "mplint-acme", "[mplint.rules]\nold = acme_old:Rule\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(other), str(tmp_path / "missing")])
    assert entry_points("mplint.rules") == [EntryPoint("team", "acme_rules:TeamPrefix", "mplint-acme")]


def test_load_resolves_module_and_attribute() -> None:
    assert EntryPoint("x", "mplint.engine.plugins:entry_points", "mplint").load() is entry_points
