"""The YAML source: YAML 1.2 typing, spans, anchors and merges, limits, and bad input at its position."""

from __future__ import annotations

import datetime

import pytest

from mplint.model import Kind, Node
from mplint.sources import yaml_parser, yaml_source
from tests.linting import rows

REQUEST = """\
ModelPackageName: churn  # mplint: disable=MP105
InferenceSpecification:
  Containers:
  - Image: img
    Environment:
      "MY-VAR": "1"
      a.b: 2
  SupportedTransformInstanceTypes: [ml.m5.xlarge, ml.c5.xlarge]
CertifyForMarketplace: true
"""

# (path, kind, line, column, end_line, end_column)
SPANS = [
    ("", Kind.OBJECT, 1, 1, 9, 28),
    ("ModelPackageName", Kind.STRING, 1, 19, 1, 24),
    ("InferenceSpecification", Kind.OBJECT, 3, 3, 8, 64),
    ("InferenceSpecification.Containers", Kind.ARRAY, 4, 3, 7, 13),
    ("InferenceSpecification.Containers[0]", Kind.OBJECT, 4, 5, 7, 13),
    ("InferenceSpecification.Containers[0].Image", Kind.STRING, 4, 12, 4, 15),
    ('InferenceSpecification.Containers[0].Environment."MY-VAR"', Kind.STRING, 6, 17, 6, 20),
    ('InferenceSpecification.Containers[0].Environment."a.b"', Kind.NUMBER, 7, 12, 7, 13),
    ("InferenceSpecification.SupportedTransformInstanceTypes", Kind.ARRAY, 8, 36, 8, 64),
    ("InferenceSpecification.SupportedTransformInstanceTypes[1]", Kind.STRING, 8, 51, 8, 63),
    ("CertifyForMarketplace", Kind.BOOL, 9, 24, 9, 28),
]


def _tree(text: str) -> dict[str, Node]:
    docs, found = yaml_parser.parse(text)
    assert found == [] and len(docs) == 1
    return {n.path: n for n in docs[0].walk()}


def _row(n: Node) -> tuple[object, ...]:
    return (n.path, n.kind, n.span.line, n.span.column, n.span.end_line, n.span.end_column)


@pytest.mark.parametrize("expected", SPANS, ids=[s[0] or "root" for s in SPANS])
def test_node_spans(expected: tuple[object, ...]) -> None:
    assert _row(_tree(REQUEST)[expected[0]]) == expected  # type: ignore[index]


def test_key_span_includes_quotes() -> None:
    node = _tree(REQUEST)['InferenceSpecification.Containers[0].Environment."MY-VAR"']
    assert node.key_span is not None
    assert (node.key_span.line, node.key_span.column, node.key_span.end_column) == (6, 7, 15)


def _findings(text: str) -> list[tuple[str, str, int, int]]:
    return rows(yaml_source.load(text, "x.yaml").diagnostics)


BAD = [
    ("tab-indentation", "ModelPackageName: a\nInferenceSpecification:\n\tContainers: []\n", (3, 1), "tab"),
    ("unclosed-flow", "ModelPackageName: [a, b\n", (2, 1), ""),
    ("unterminated-quote", 'ModelPackageName: "abc\n', (2, 1), "unexpected end of stream"),
    ("bad-indentation", "ModelPackageName: a\n  Domain: b\n", (2, 9), "mapping values are not allowed"),
    ("nul-character", "ModelPackageName: a\x00\n", (1, 20), "not allowed"),
    ("unknown-tag", "ModelPackageName: !Ref Name\n", (1, 19), "unknown tag !Ref"),
    ("undefined-alias", "ModelPackageName: *nothing\n", (1, 19), "undefined alias"),
    ("recursive-alias", "ModelPackageName: &a [*a]\n", (1, 23), "contains it"),
    ("empty-file", "", (1, 1), "empty file"),
    ("comments-only", "# ModelPackageName: a\n", (1, 1), "empty file"),
    ("complex-key", "? [a, b]\n: c\n", (1, 3), "mapping key"),
    ("bad-merge", "ModelPackageName: a\nX:\n  <<: 3\n", (3, 7), "merge key"),
]


@pytest.mark.parametrize(("text", "where", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_a_parse_error_at_its_position(text: str, where: tuple[int, int], words: str) -> None:
    loaded = yaml_source.load(text, "x.yaml")
    assert loaded.requests == ()
    assert [(d.code, d.path, d.span.line, d.span.column) for d in loaded.diagnostics] == [("MP001", "", *where)]
    assert words in loaded.diagnostics[0].message


def test_600_level_block_mapping_stops_at_depth_100() -> None:
    text = "ModelPackageName: a\n" + "".join(" " * i + f"k{i}:\n" for i in range(600)) + " " * 600 + "v: 1\n"
    assert _findings(text) == [("MP001", "", 102, 101)]


def test_alias_bomb_stops() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = "ModelPackageName: a\n" + "\n".join(lines) + "\n"
    found = yaml_source.load(text, "x.yaml").diagnostics
    assert [(d.code, d.span.line) for d in found] == [("MP001", 7)]
    assert "alias expansion exceeds 100,000 nodes" in found[0].message


def test_aliases_are_copied_with_their_own_paths() -> None:
    text = "Tags: &t [{Key: a, Value: b}]\nOther: *t\n"
    tree = _tree(text)
    assert _row(tree["Other[0].Key"]) == ("Other[0].Key", Kind.STRING, 1, 17, 1, 18)
    assert tree["Other"].key_span is not None and tree["Other"].key_span.line == 2


MERGE = """\
base: &base {Image: base-image, Mode: SingleModel, Framework: A}
extra: &extra {Image: extra-image, Framework: B, Nearest: n}
Container:
  <<: [*base, *extra]
  Mode: MultiModel
"""


def test_merge_keys_explicit_wins_then_earlier_mapping_wins() -> None:
    docs, found = yaml_parser.parse(MERGE)
    assert found == []
    container = docs[0].find("Container")
    assert container is not None
    assert container.plain() == {"Mode": "MultiModel", "Image": "base-image", "Framework": "A", "Nearest": "n"}
    assert _row(container.value["Image"]) == ("Container.Image", Kind.STRING, 1, 21, 1, 31)  # type: ignore[index]


def test_merged_then_overridden_key_is_not_a_duplicate() -> None:
    assert _findings("ModelPackageName: a\nb: &b {x: 1}\nc:\n  <<: *b\n  x: 2\n") == []


def test_duplicate_keys_point_at_the_second() -> None:
    text = "ModelPackageName: a\nInferenceSpecification:\n  Containers: []\n  Containers: [1]\n"
    assert _findings(text) == [("MP003", "InferenceSpecification.Containers", 4, 3)]


def test_second_document_is_reported_and_first_is_linted() -> None:
    loaded = yaml_source.load("ModelPackageName: a\n---\nModelPackageName: b\n", "x.yaml")
    assert [(d.code, d.path, d.span.line, d.span.column) for d in loaded.diagnostics] == [("MP004", "", 2, 1)]
    assert loaded.requests[0].root.plain() == {"ModelPackageName": "a"}


# (text, kind, value, note words or None)
TYPING = [
    ("yes", Kind.STRING, "yes", "take `yes` as true"),
    ("on", Kind.STRING, "on", "take `on` as true"),
    ("No", Kind.STRING, "No", "take `No` as false"),
    ("0755", Kind.NUMBER, 755, "the integer 493"),
    ("1_000", Kind.STRING, "1_000", "the integer 1000"),
    ("1:20", Kind.STRING, "1:20", "the integer 80"),
    ("1e5", Kind.NUMBER, 100000.0, "the string '1e5'"),
    ("0o17", Kind.NUMBER, 15, "the string '0o17'"),
    ("0x1F", Kind.NUMBER, 31, None),
    ("1.10", Kind.NUMBER, 1.1, None),
    ("8080", Kind.NUMBER, 8080, None),
    ("True", Kind.BOOL, True, None),
    ("~", Kind.NULL, None, None),
    ("", Kind.NULL, None, None),
    ("-.inf", Kind.NUMBER, float("-inf"), None),
    ("ml.m5.xlarge", Kind.STRING, "ml.m5.xlarge", None),
    ("'yes'", Kind.STRING, "yes", None),
    ('"8080"', Kind.STRING, "8080", None),
]


@pytest.mark.parametrize(("text", "kind", "value", "note"), TYPING, ids=[t[0] or "empty" for t in TYPING])
def test_yaml_12_typing_with_yaml_11_notes(text: str, kind: Kind, value: object, note: str | None) -> None:
    node = _tree(f"v: {text}\n")["v"]
    assert (node.kind, node.value) == (kind, value)
    assert (note is None) == (node.note is None)
    if note:
        assert note in (node.note or "") and "YAML 1.2" in (node.note or "")


def test_plain_scalars_keep_their_text() -> None:
    tree = _tree("a: 1.10\nb: 'q'\n")
    assert (tree["a"].text, tree["b"].text) == ("1.10", None)


def test_dates_are_timestamps() -> None:
    tree = _tree("d: 2024-01-02\nt: 2024-01-02T03:04:05Z\n")
    assert (tree["d"].kind, tree["d"].type_name, tree["d"].value) == (
        Kind.OTHER,
        "timestamp",
        datetime.date(2024, 1, 2),
    )
    assert (tree["t"].kind, tree["t"].type_name) == (Kind.OTHER, "timestamp")


def test_5000_digit_number_does_not_raise() -> None:
    node = _tree("n: " + "7" * 5000 + "\n")["n"]
    assert (node.kind, node.value, node.text) == (Kind.NUMBER, float("inf"), "7" * 5000)


def test_yaml_11_reading_for_templates() -> None:
    docs, _ = yaml_parser.parse("v: yes\nw: 0755\n", version="1.1")
    assert docs[0].plain() == {"v": True, "w": 493}


def test_tag_handler_receives_local_tags() -> None:
    seen: list[tuple[str, str]] = []

    def handler(tag: str, node: Node) -> Node:
        seen.append((tag, node.path))
        return Node(Kind.UNKNOWN, None, node.span, node.path, node.key_span)

    docs, found = yaml_parser.parse("a: !Ref x\nb: !If [c, 1, 2]\n", tag_handler=handler)
    assert found == [] and seen == [("!Ref", "a"), ("!If", "b")]
    assert docs[0].plain() == {"a": docs[0].find("a").plain(), "b": docs[0].find("b").plain()}  # type: ignore[union-attr]
    assert docs[0].find("b").kind is Kind.UNKNOWN  # type: ignore[union-attr]


# Positions use the character index, numbered as an editor numbers lines.
POSITIONS = [
    ("non-ascii", "ModelPackageDescription: é😀é\nModelPackageName: x\n", (2, 19)),
    ("crlf", "ModelPackageDescription: a\r\nModelPackageName: x\r\n", (2, 19)),
    ("cr-only", "ModelPackageDescription: a\rModelPackageName: x\r", (2, 19)),
    ("u2028-in-quotes", 'ModelPackageDescription: "a\u2028b"\nModelPackageName: x\n', (2, 19)),
    ("nel-in-quotes", 'ModelPackageDescription: "a\u0085b"\nModelPackageName: x\n', (2, 19)),
]


@pytest.mark.parametrize(("text", "where"), [p[1:] for p in POSITIONS], ids=[p[0] for p in POSITIONS])
def test_positions_follow_the_editor(text: str, where: tuple[int, int]) -> None:
    node = _tree(text)["ModelPackageName"]
    assert (node.span.line, node.span.column) == where


def test_non_ascii_columns_count_characters() -> None:
    node = _tree("ModelPackageDescription: é😀é\n")["ModelPackageDescription"]
    assert (node.span.column, node.span.end_column) == (26, 29)


SOURCE_CASES = [
    ("request", "ModelPackageName: a\n", 1, Kind.OBJECT),
    ("not-a-request", "name: left-pad\nversion: 1.0.0\n", 0, None),
    ("list-root", "- ModelPackageName: a\n", 1, Kind.ARRAY),
    ("null-root", "---\n...\n", 1, Kind.NULL),
]


@pytest.mark.parametrize(("text", "count", "kind"), [c[1:] for c in SOURCE_CASES], ids=[c[0] for c in SOURCE_CASES])
def test_source_returns_requests(text: str, count: int, kind: Kind | None) -> None:
    loaded = yaml_source.load(text, "x.yaml")
    assert len(loaded.requests) == count
    if count:
        assert (loaded.requests[0].root.kind, loaded.requests[0].label) == (kind, "")


def test_suppressions_come_from_comments() -> None:
    request = yaml_source.load(REQUEST, "x.yaml").requests[0]
    assert request.suppressions.by_line == {1: frozenset({"MP105"})}
