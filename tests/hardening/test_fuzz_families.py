"""The structure-aware fuzz families (fuzz/hostile.py) run clean on a few fixed seeds, and each
finds what it is built to find when the guarantee is switched off."""

from __future__ import annotations

import random

import pytest

from fuzz import hostile


@pytest.mark.parametrize("family", ["secrets", "controls", "rules", "files"])
def test_a_family_runs_clean_on_fixed_seeds(family: str) -> None:
    rng = random.Random(12)
    found = [hostile.FAMILIES[family](rng)[1] for _ in range(25)]
    assert [f for f in found if f] == []


def test_the_counts_family_runs_clean_on_small_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hostile, "COUNTS", (200,))
    monkeypatch.setattr(hostile, "HUGE", 300)
    rng = random.Random(5)
    assert [hostile.FAMILIES["counts"](rng)[1] for _ in range(12)] == [[]] * 12


def test_the_secrets_check_sees_a_leak() -> None:
    outputs = {"text": f"x.json:1:1: MP104 'key {hostile.ACCESS_KEY}'", "json": "{}"}
    assert hostile._no_secret(outputs) == ["text output shows AKIAIOSF...", "text output shows AKIAIOSF..."]


def test_the_controls_check_sees_a_raw_escape() -> None:
    assert hostile._nothing_raw({"github": "::error ::\x1b[2J", "text": "\\x1b"}) == ["github output holds raw '\\x1b'"]


def test_the_files_family_catches_a_file_linted_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    from mplint.engine import discovery as walk

    real = walk.walk

    def twice(paths, config_for=None):  # type: ignore[no-untyped-def]
        found = real(paths, config_for)
        found.files.extend(found.files[:1])
        return found

    monkeypatch.setattr(walk, "walk", twice)
    rng = random.Random(3)
    found = [hostile.FAMILIES["files"](rng)[1] for _ in range(5)]
    assert any(p and p[0].startswith("a file was linted twice") for p in found)
