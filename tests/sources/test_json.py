"""The JSON source: node spans and paths, duplicate keys, and every malformed input at its position."""

from __future__ import annotations

import json
import math

import pytest

from mplint.model import Kind
from mplint.sources import json_parser, json_source
from tests.linting import rows

REQUEST = """\
{
  "ModelPackageName": "churn",
  "InferenceSpecification": {
    "Containers": [{"Image": "img", "Environment": {"MY-VAR": "1", "a.b": "2"}}],
    "SupportedTransformInstanceTypes": ["ml.m5.xlarge", "ml.c5.xlarge"]
  },
  "CertifyForMarketplace": true
}
"""

# (path, kind, line, column, end_line, end_column)
SPANS = [
    ("", Kind.OBJECT, 1, 1, 8, 2),
    ("ModelPackageName", Kind.STRING, 2, 23, 2, 30),
    ("InferenceSpecification", Kind.OBJECT, 3, 29, 6, 4),
    ("InferenceSpecification.Containers", Kind.ARRAY, 4, 19, 4, 81),
    ("InferenceSpecification.Containers[0]", Kind.OBJECT, 4, 20, 4, 80),
    ("InferenceSpecification.Containers[0].Image", Kind.STRING, 4, 30, 4, 35),
    ('InferenceSpecification.Containers[0].Environment."MY-VAR"', Kind.STRING, 4, 63, 4, 66),
    ('InferenceSpecification.Containers[0].Environment."a.b"', Kind.STRING, 4, 75, 4, 78),
    ("InferenceSpecification.SupportedTransformInstanceTypes[1]", Kind.STRING, 5, 57, 5, 71),
    ("CertifyForMarketplace", Kind.BOOL, 7, 28, 7, 32),
]


def _spans(text: str) -> dict[str, tuple[object, ...]]:
    root, found = json_parser.parse(text)
    assert found == [] and root is not None
    return {
        n.path: (n.path, n.kind, n.span.line, n.span.column, n.span.end_line, n.span.end_column) for n in root.walk()
    }


@pytest.mark.parametrize("expected", SPANS, ids=[s[0] or "root" for s in SPANS])
def test_node_spans(expected: tuple[object, ...]) -> None:
    assert _spans(REQUEST)[expected[0]] == expected  # type: ignore[index]


KEY_SPANS = [
    ("ModelPackageName", (2, 3, 2, 21)),
    ('InferenceSpecification.Containers[0].Environment."MY-VAR"', (4, 53, 4, 61)),
    ("CertifyForMarketplace", (7, 3, 7, 26)),
]


@pytest.mark.parametrize(("path", "expected"), KEY_SPANS, ids=[k[0] for k in KEY_SPANS])
def test_key_spans_include_quotes(path: str, expected: tuple[int, ...]) -> None:
    root, _ = json_parser.parse(REQUEST)
    node = root.find(path) if root else None
    assert node is not None and node.key_span is not None
    s = node.key_span
    assert (s.line, s.column, s.end_line, s.end_column) == expected


def _findings(text: str) -> list[tuple[str, str, int, int]]:
    return rows(json_parser.parse(text)[1])


BAD = [
    ("trailing-comma-object", '{"ModelPackageName": "churn-model",}', ("MP001", "", 1, 36), "trailing comma"),
    ("trailing-comma-array", '{"Tags": [1, 2,]}', ("MP001", "", 1, 16), "trailing comma"),
    ("missing-brace", '{\n  "ModelPackageName": "a"\n', ("MP001", "", 3, 1), "missing '}'"),
    ("unterminated-string", '{"ModelPackageName": "abc', ("MP001", "", 1, 22), "unterminated string"),
    ("line-break-in-string", '{"a": "x\ny"}', ("MP001", "", 1, 9), "unterminated string"),
    ("missing-comma", '{"a": 1\n "b": 2}', ("MP001", "", 2, 2), "expected ',' or '}' after a member"),
    ("missing-colon", '{"a" 1}', ("MP001", "", 1, 6), "expected ':'"),
    ("single-quotes", "{'a': 1}", ("MP001", "", 1, 2), "double quotes"),
    ("comment", '{\n  // note\n  "a": 1}', ("MP001", "", 2, 3), "comments"),
    ("extra-data", '{"a": 1} {"b": 2}', ("MP001", "", 1, 10), "extra data"),
    ("empty-file", "", ("MP001", "", 1, 1), "empty file"),
    ("blank-file", " \n\n", ("MP001", "", 1, 1), "empty file"),
    ("bad-escape", '{"a": "\\q"}', ("MP001", "", 1, 8), "invalid escape"),
    ("missing-value", '{"a": }', ("MP001", "", 1, 7), "expected a value"),
    ("deep-array", "[" * 100_000, ("MP001", "", 1, 101), "nested more than 100 levels deep"),
    ("crlf-error-line", '{\r\n"a": 1,\r\n}', ("MP001", "", 3, 1), "trailing comma"),
    ("cr-only-error-line", '{\r"a": 1,\r}', ("MP001", "", 3, 1), "trailing comma"),
]


@pytest.mark.parametrize(("text", "expected", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_a_parse_error_at_its_position(text: str, expected: tuple[object, ...], words: str) -> None:
    root, found = json_parser.parse(text)
    assert root is None
    assert [(d.code, d.path, d.span.line, d.span.column) for d in found] == [expected]
    assert words in found[0].message


def test_depth_100_is_read() -> None:
    root, found = json_parser.parse("[" * 100 + "]" * 100)
    assert found == [] and root is not None


def test_duplicate_key_points_at_second_key_and_keeps_last_value() -> None:
    text = '{"ModelPackageName": "a",\n "ModelPackageName": "b"}'
    root, found = json_parser.parse(text)
    assert [(d.code, d.path, d.span.line, d.span.column) for d in found] == [("MP003", "ModelPackageName", 2, 2)]
    assert "keeps only this last value" in found[0].message
    assert root is not None and root.plain() == {"ModelPackageName": "b"}


def test_nested_duplicate_key_has_its_path() -> None:
    text = '{"InferenceSpecification": {"Containers": [{"Image": "a", "Image": "b"}]}}'
    assert _findings(text) == [("MP003", "InferenceSpecification.Containers[0].Image", 1, 59)]


SCALARS = [
    ("integer", "12", Kind.NUMBER, 12),
    ("float", "1.5e2", Kind.NUMBER, 150.0),
    ("negative-zero", "-0", Kind.NUMBER, 0),
    ("true", "true", Kind.BOOL, True),
    ("null", "null", Kind.NULL, None),
    ("lone-surrogate", '"\\ud800"', Kind.STRING, "\ud800"),
    ("escapes", '"a\\n\\u00e9"', Kind.STRING, "a\né"),
]


@pytest.mark.parametrize(("text", "kind", "value"), [s[1:] for s in SCALARS], ids=[s[0] for s in SCALARS])
def test_scalars_read_like_json_loads(text: str, kind: Kind, value: object) -> None:
    root, found = json_parser.parse(text)
    assert found == [] and root is not None
    assert (root.kind, root.value) == (kind, value) == (kind, json.loads(text))


def test_nan_and_infinity_are_floats() -> None:
    root, _ = json_parser.parse("[NaN, Infinity, -Infinity]")
    values = [n.value for n in root.items()] if root else []
    assert math.isnan(values[0]) and values[1:] == [math.inf, -math.inf]  # type: ignore[arg-type]


def test_5000_digit_number_is_a_float_with_its_text() -> None:
    digits = "9" * 5000
    root, found = json_parser.parse(f'{{"n": {digits}}}')
    node = root.find("n") if root else None
    assert found == [] and node is not None
    assert (node.kind, node.value, node.text) == (Kind.NUMBER, math.inf, digits)


def test_number_keeps_its_text() -> None:
    root, _ = json_parser.parse('{"v": 1.10}')
    node = root.find("v") if root else None
    assert node is not None and (node.value, node.text) == (1.1, "1.10")


def test_u2028_in_a_string_does_not_start_a_line() -> None:
    text = '{"ModelPackageDescription": "a\u2028b\u0085c",\n "ModelPackageName": 1}'
    spans = _spans(text)
    assert spans["ModelPackageName"] == ("ModelPackageName", Kind.NUMBER, 2, 22, 2, 23)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr-only"])
def test_line_numbers_follow_the_editor(newline: str) -> None:
    text = newline.join(["{", '  "ModelPackageName": "a",', '  "Domain": "b"', "}"])
    assert _spans(text)["Domain"] == ("Domain", Kind.STRING, 3, 13, 3, 16)


SOURCE_CASES = [
    ("request", '{"ModelPackageName": "a"}', 1, Kind.OBJECT),
    ("not-a-request", '{"name": "left-pad", "version": "1.0.0"}', 0, None),
    ("list-root", '[{"ModelPackageName": "a"}]', 1, Kind.ARRAY),
    ("scalar-root", '"ModelPackageName"', 1, Kind.STRING),
    ("null-root", "null", 1, Kind.NULL),
]


@pytest.mark.parametrize(("text", "count", "kind"), [c[1:] for c in SOURCE_CASES], ids=[c[0] for c in SOURCE_CASES])
def test_source_returns_requests(text: str, count: int, kind: Kind | None) -> None:
    loaded = json_source.load(text, "x.json")
    assert len(loaded.requests) == count
    if count:
        request = loaded.requests[0]
        assert (request.root.kind, request.label, request.flavour) == (kind, "", "request")


def test_source_skips_a_non_request_mapping_silently() -> None:
    loaded = json_source.load('{"a": 1, "a": 2}', "package.json")
    assert loaded.requests == () and loaded.diagnostics == ()
