"""Work that grows with the input stays linear (issue 12). Speed itself is measured in bench/."""

from __future__ import annotations

import json

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.sources import json_lazy


def test_many_unknown_members_are_found_without_a_whole_text_search_each(monkeypatch: pytest.MonkeyPatch) -> None:
    searches: list[str] = []
    real = json_lazy.Positions._unique_key

    def counted(self, key):  # type: ignore[no-untyped-def]
        searches.append(key)
        return real(self, key)

    monkeypatch.setattr(json_lazy.Positions, "_unique_key", counted)
    members = {"ModelPackageGroupName": "g", **{f"k{i}": 1 for i in range(1_000)}}
    text = json.dumps(members)
    result = lint_text(text, "x.json", config=Config(select=("MP101",)), forced=True)
    found = [(d.code, d.span.line, d.span.column) for d in result.diagnostics]
    assert found == [("MP101", 1, text.index(f'"k{i}"') + 1) for i in range(1_000)]
    assert len(searches) <= 64
