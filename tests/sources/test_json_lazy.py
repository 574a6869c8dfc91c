"""The C-decoder reader gives exactly the tree of the positioned reader, or hands the file to it."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mplint.model import Node
from mplint.sources import json_lazy, json_parser
from mplint.sources.json_lazy import LazyNode


def _facts(root: Node, backwards: bool = False) -> list[tuple[object, ...]]:
    nodes = list(root.walk())
    facts = [
        (n.kind, repr(n.value) if not isinstance(n.value, (dict, list)) else None, n.path, n.span, n.key_span, n.text)
        for n in (reversed(nodes) if backwards else nodes)
    ]
    return facts[::-1] if backwards else facts


def _same(text: str) -> None:
    slow, found = json_parser.parse(text)
    assert slow is not None and not found
    for backwards in (False, True):  # positions are looked up lazily: order must not matter
        fast = json_lazy.parse(text, json_parser.MAX_DEPTH)
        assert fast is not None
        assert _facts(fast, backwards) == _facts(slow)


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8) | st.sampled_from(
    ['a"b', "back\\slash", '\\"', "\u2028", "tab\there", "x:y", "{[,]}", "é✓", "😀"]
)
SCALARS = TEXT | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False) | st.booleans() | st.none()
DOCS = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=20
)


@pytest.mark.slow
@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    doc=DOCS,
    indent=st.sampled_from([None, 0, 2, "\t"]),
    ascii_only=st.booleans(),
    separators=st.sampled_from([None, (",", ":"), (" , ", " : ")]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
)
def test_every_node_matches_the_positioned_reader(
    doc: Any, indent: Any, ascii_only: bool, separators: Any, newline: str, bom: bool
) -> None:
    text = json.dumps(doc, indent=indent, ensure_ascii=ascii_only, separators=separators)
    text = text.replace("\n", newline)
    _same(("\ufeff" if bom else "") + text)


@pytest.mark.parametrize(
    "text",
    [
        '{"A": 1.50, "B": -0.0, "C": 1e5, "D": NaN, "E": -Infinity, "F": [true, false, null]}',
        '  {\n\t"k\\"ey" :\n "v\\\\" ,"x":{}}\n',
        '{"a": {"b": [{"c": "d"}, []]}, "e": "\u2028 line"}',
        '"just a string"',
        "[]",
        json.dumps({"Long": list(range(70)), "Tags": [{"Key": str(i)} for i in range(66)]}),  # indexes past 64
    ],
)
def test_hand_written_documents_match(text: str) -> None:
    _same(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',  # a duplicate key: the positioned reader reports it
        '{"a": 1,}',  # not JSON
        "[" * 101 + "]" * 101,  # deeper than the limit
        "1" * 5000,  # an integer Python will not convert
        "",
    ],
)
def test_unusual_documents_go_to_the_positioned_reader(text: str) -> None:
    assert json_lazy.parse(text, json_parser.MAX_DEPTH) is None


def test_depth_at_the_limit_is_read() -> None:
    text = "[" * 100 + "]" * 100
    assert json_lazy.parse(text, json_parser.MAX_DEPTH) is not None


def test_positions_are_only_computed_when_a_span_is_read() -> None:
    root = json_lazy.parse('{"A": {"B": [1, "x"]}, "Z": {"Y": 2}}', json_parser.MAX_DEPTH)
    assert isinstance(root, LazyNode)
    assert not root._at._found
    item = root.find("A.B[1]")
    assert item is not None and (item.span.line, item.span.column, item.span.end_column) == (1, 17, 20)
    assert ("A", "B", 1) in root._at._found
    assert ("Z", "Y") not in root._at._found


# Documents shaped like requests, with now and then a value of the wrong type, an unknown
# member or a bad map key: the walk done while building must equal the walk over the tree.
from shaped import shaped  # noqa: E402

from mplint.model import Request, Span  # noqa: E402
from mplint.schema import conformance, load  # noqa: E402

SCHEMA = load()
ODD = st.sampled_from([None, 0, -1, 1.5, True, "", "x" * 300, [], {}, {"Bogus": 1}, ["a", 2]])


def _walked(found: Any, typed: Any) -> tuple[object, ...]:
    violations = sorted(
        (v.kind, v.node.path, v.at_key, v.text, v.member, v.size, v.shape.name) for vs in found.values() for v in vs
    )
    return violations, {t: [(n.path, shape.name) for n, shape in group] for t, group in typed.items() if group}


@pytest.mark.slow
@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    doc=shaped(
        SCHEMA.root,
        odd=ODD,
        text=TEXT,
        keys=st.sampled_from(["K", "bad key!", "", "x" * 200]),
        extra_member=True,
        finite=True,
    )
)
def test_the_schema_walk_over_either_reader_gives_the_same_violations_and_typed_nodes(doc: Any) -> None:
    text = json.dumps(doc, indent=1)
    fast = json_lazy.parse(text, json_parser.MAX_DEPTH)
    slow, problems = json_parser.parse(text)
    assert fast is not None and slow is not None and not problems
    fast_typed: Any = defaultdict(list)
    slow_typed: Any = defaultdict(list)
    fast_found = conformance.check(fast, SCHEMA, fast_typed)
    slow_found = conformance.check(slow, SCHEMA, slow_typed)
    assert _walked(fast_found, fast_typed) == _walked(slow_found, slow_typed)


def test_a_json_request_is_walked_against_the_schema_when_a_rule_asks() -> None:
    from mplint.sources import json_source

    loaded = json_source.load('{"ModelPackageName": "bad name", "Bogus": 1}', "request.json")
    request: Request = loaded.requests[0]
    found = conformance.violations(request)
    assert sorted((v.kind, v.node.path, v.at_key, v.text, v.node.span) for vs in found.values() for v in vs) == [
        ("pattern", "ModelPackageName", False, "bad name", Span(1, 22, 1, 32)),
        ("unknown-member", "Bogus", True, "Bogus", Span(1, 43, 1, 44)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '{"a" : 1, "a" : 2}',  # spaced colons
        '{"x": {"a":1,"b":2,"a":3}}',  # nested, compact
        '{"v": "say \\":\\" here", "a": 1, "a": 2}',  # a quote-colon inside a string as well
        '[{"k": 1}, {"k": 1, "k": 1}]',
    ],
)
def test_a_repeated_key_is_always_handed_over(text: str) -> None:
    assert json_lazy.parse(text, json_parser.MAX_DEPTH) is None
    _, found = json_parser.parse(text)
    assert [d.code for d in found] == ["MP003"]


@pytest.mark.parametrize(
    "text",
    [
        '{"v": "a\\": b", "w": ": x"}',  # quote-colons inside strings, no repeat
        '{"v": "a\\" : b"}',
        '{"a" :1, "b"\n:2}',
    ],
)
def test_quote_colons_in_strings_are_not_mistaken_for_repeats(text: str) -> None:
    assert json_lazy.parse(text, json_parser.MAX_DEPTH) is not None
    _same(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"A": {"k": 1}, "B": {"k": 2}}',  # the same key twice: read the container
        '{"A": {"k": 1}, "v": "k", "B": {"m": 3}}',  # a value spelt like the key
        '{"A": {"k\\u0041": 1}, "B": {"kA": 2}}',  # escapes: keys may be spelt otherwise
        '{"Z": [1, 2, {"deep": {"k": "v"}}], "k": 0}',
    ],
)
def test_keys_written_once_are_found_without_reading_siblings(text: str) -> None:
    _same(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"Card": "{\\"k\\": 1}", "k": 2}',  # escaped quotes in a string value, key once
        '{"x\\"k": 1, "A": {"k": 2}}',  # a key holding a quote before the one looked for
        '{"A": {"k": 1}, "B": {"\\u006b": 2}}',  # \\u escapes: keys may be spelt otherwise
        '{"A": {"k": 1}, "B": {"k\\/": 2}, "k/": 3}',
        '{"a": [1, {"b": "\\\\"}], "b": {"c": 1}}',
    ],
)
def test_keys_found_directly_match_the_positioned_reader(text: str) -> None:
    _same(text)
