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


@pytest.mark.slow
def test_the_python_idioms_run_clean_on_fixed_seeds() -> None:
    """Every idiom shape (cycles, doublings, chains, shared lines, limits) on a few seeds: no
    crash, positions in the file, strict JSON, and no unreadable-code finding on code Python
    compiles."""
    from fuzz.python_idioms import SHAPES, _chunk

    count, found = _chunk((5, 40, 60))
    assert (count, found) == (40, [])
    assert "shared-lines" in SHAPES


def test_the_python_idioms_catch_an_unreadable_finding_on_valid_code() -> None:
    from fuzz.python_idioms import _unreadable_but_valid
    from mplint.api import lint_text

    valid = "import boto3\nsm = boto3.client('sagemaker')\nsm.create_model_package(ModelPackageName=1)\n"
    broken = "sm.create_model_package(ModelPackageName=(\n"
    assert _unreadable_but_valid(valid, lint_text(valid, "x.py")) == []
    assert _unreadable_but_valid(broken, lint_text(broken, "x.py")) == []  # Python refuses it too
    # the finding of the broken text, given for the valid one: what a wrong MP001 looks like
    (reason,) = _unreadable_but_valid(valid, lint_text(broken, "x.py"))
    assert reason.startswith("MP001 on code Python compiles: Python syntax error")
