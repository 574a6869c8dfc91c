"""Huge numbers, NaN and lone surrogates: findings print, and JSON/SARIF stay strict UTF-8 JSON."""

from __future__ import annotations

import pytest
from running import every_format, strict

from mplint.api import lint_text
from mplint.engine.config import Config

SCHEMA_ONLY = Config(select=("MP0", "MP1"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(
            "9" * 5000,
            "Tags must be a list, not the number 9999999999999999999999999999999999999999… (5000 characters)",
            id="5000-digits",
        ),  # read as a float: int() refuses 4,300+ digits
        pytest.param("NaN", "Tags must be a list, not the number NaN", id="nan"),
        pytest.param("-Infinity", "Tags must be a list, not the number -Infinity", id="infinity"),
        pytest.param('"\\ud800"', "Tags must be a list, not the string '\\ud800'", id="lone-surrogate"),
    ],
)
def test_odd_values_print_in_every_format(value: str, message: str) -> None:
    text = '{"ModelPackageGroupName": "g", "Tags": ' + value + "}"
    result = lint_text(text, "x.json", config=SCHEMA_ONLY, forced=True)
    assert [(d.code, d.span.line, d.span.column, d.message) for d in result.diagnostics] == [("MP102", 1, 40, message)]
    outputs = every_format(result)
    assert strict(outputs["json"])["diagnostics"][0]["message"] == message  # type: ignore[index]
    assert strict(outputs["sarif"])["runs"][0]["results"][0]["message"]["text"] == message  # type: ignore[index]
    for text_out in outputs.values():
        text_out.encode("utf-8")


def test_lone_surrogate_in_a_key_keeps_paths_printable() -> None:
    # Found by the fuzzer: the path carried the surrogate into the JSON report.
    result = lint_text('{"ModelPackageGroupName": "g", "\\udc00": 1}', "x.json", config=SCHEMA_ONLY, forced=True)
    assert [(d.code, d.path) for d in result.diagnostics] == [("MP101", '"\\udc00"')]
    strict(every_format(result)["json"])
