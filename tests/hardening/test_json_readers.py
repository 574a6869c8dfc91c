"""The two JSON readers give the same findings: the C-decoder reader with lazy positions (the
usual path) and the positioned reader (for text the first hands over), on the same files."""

from __future__ import annotations

import random
from typing import Any

import pytest

from fuzz.generate import Generator, mutate, render
from mplint.engine.config import Config
from mplint.sources import json_lazy
from tests.linting import lint_file, rows

CONFIG = Config()


def _lint(data: bytes) -> tuple[Any, ...]:
    result = lint_file(data, "request.json", config=CONFIG)
    return (
        tuple(rows(result.diagnostics, ("code", "path", "span", "message", "severity"))),
        tuple(result.redactions),
        result.requests,
    )


def _both(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = _lint(data)
    with monkeypatch.context() as patch:
        patch.setattr(json_lazy, "parse_document", lambda *args, **kwargs: None)
        slow = _lint(data)
    return fast, slow


@pytest.mark.parametrize("seed", range(4))
def test_generated_requests_give_the_same_findings(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    gen = Generator(rng, break_rate=0.08)
    for _ in range(60):
        text = render(gen.document(), "json", rng)
        data = text.encode("utf-8", "surrogatepass") if rng.random() < 0.8 else mutate(text, rng)
        fast, slow = _both(data, monkeypatch)
        assert fast == slow, data[:200]


def test_a_secret_is_masked_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (
        b'{"ModelPackageGroupName": "g", "InferenceSpecification": {"Containers": [{"Image": "i",\r\n'
        b'  "Environment": {"DB_PASSWORD": "hunter2hunter2", "N": 1.50}}]}}'
    )
    fast, slow = _both(data, monkeypatch)
    assert fast == slow and fast[1]
