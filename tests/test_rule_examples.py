"""Every rule's VALID and INVALID examples, run as tests (ids like MP301-invalid-0)."""

from __future__ import annotations

from typing import Any

import pytest

from mplint.engine import registry
from mplint.engine.config import Config
from mplint.rule import Invalid, Rule, Valid
from tests.linting import SUFFIX, lint_file

RULES = registry.rule_classes(Config())


def _cases() -> list[Any]:
    out = []
    for rule in RULES:
        for i, case in enumerate(rule.VALID):
            out.append(pytest.param(rule, case, id=f"{rule.code}-valid-{i}"))
        for i, case in enumerate(rule.INVALID):
            out.append(pytest.param(rule, case, id=f"{rule.code}-invalid-{i}"))
    return out


def _run(rule: type[Rule], case: Valid) -> list[Any]:
    options = {rule.code: case.options} if case.options else {}
    config = Config(select=(rule.code,) if not rule.reported_by_source else (), options=options, profile=case.profile)
    result = lint_file(case.text, SUFFIX[case.source], config=config, dedent=True)
    return [d for d in result.diagnostics if d.code == rule.code]


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_example(rule: type[Rule], case: Valid) -> None:
    found = _run(rule, case)
    if not isinstance(case, Invalid):
        assert [(d.path, d.span.line, d.span.column, d.message) for d in found] == []
        return
    assert len(found) == 1, [(d.path, d.span.line, d.span.column, d.message) for d in found]
    d = found[0]
    got = (d.path, d.span.line if case.line else None, d.span.column if case.column else None)
    assert got == (case.at, case.line, case.column), d.message
    if case.message:
        assert case.message in d.message
