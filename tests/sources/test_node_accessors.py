"""The typed accessors of a Node give the value of its kind, and None for any other kind, from
every source that builds nodes (both JSON readers, YAML)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mplint.model import Node
from mplint.sources import json_lazy, json_parser, yaml_parser

JSON = '{"s": "x", "i": 2, "f": 1.5, "b": true, "z": null, "o": {"k": "v"}, "a": ["w"]}'
YAML = "s: x\ni: 2\nf: 1.5\nb: true\nz: null\no: {k: v}\na: [w]\nt: 2024-01-02\nbad: !!timestamp 2024-13\n"


def _fast(text: str) -> Node:
    root = json_lazy.parse(text, json_lazy.MAX_DEPTH)
    assert root is not None
    return root


def _positioned(text: str) -> Node:
    root, found = json_parser.parse(text)
    assert root is not None and not found
    return root


def _yaml(text: str) -> Node:
    roots, found = yaml_parser.parse(text)
    assert not found
    return roots[0]


def _read(node: Node) -> tuple[object, ...]:
    mapping, array = node.mapping, node.array
    return (
        node.string,
        node.number,
        node.boolean,
        None if mapping is None else sorted(mapping),
        None if array is None else [item.path for item in array],
    )


EXPECTED = {
    "s": ("x", None, None, None, None),
    "i": (None, 2, None, None, None),
    "f": (None, 1.5, None, None, None),
    "b": (None, None, True, None, None),
    "z": (None, None, None, None, None),
    "o": (None, None, None, ["k"], None),
    "a": (None, None, None, None, ["a[0]"]),
}


@pytest.mark.parametrize("read", [_fast, _positioned])
def test_each_json_kind_answers_its_own_accessor_only(read: Callable[[str], Node]) -> None:
    root = read(JSON)
    assert {name: _read(node) for name, node in root.members()} == EXPECTED
    assert _read(root) == (None, None, None, sorted(EXPECTED), None)


def test_yaml_kinds_answer_the_same_and_a_timestamp_answers_none() -> None:
    root = _yaml(YAML)
    found = {name: _read(node) for name, node in root.members()}
    assert found == {
        **EXPECTED,
        "t": (None, None, None, None, None),  # a date: Kind.OTHER
        "bad": (None, None, None, None, None),  # a timestamp YAML cannot read: OTHER holding text
    }
    assert [(n.kind.value, n.type_name) for n in (root.mapping or {}).values()][-2:] == [
        ("other", "timestamp"),
        ("other", "timestamp"),
    ]


def test_get_items_members_and_find_follow_the_value() -> None:
    root = _fast(JSON)
    assert root.get("s") is not None and root.get("nope") is None
    item = root.find("a[0]")
    assert item is not None and (item.path, item.string) == ("a[0]", "w")
    assert [n.path for n in root.walk()] == ["", "s", "i", "f", "b", "z", "o", "o.k", "a", "a[0]"]
    assert root.find("s.x") is None and root.find("a[1]") is None
    text = root.get("s")
    assert text is not None and (text.get("x"), text.items(), list(text.members())) == (None, [], [])
