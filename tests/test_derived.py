"""Helpers that derive facts from a request root answer for the root they are given."""

from __future__ import annotations

from mplint.rules.identity import containers, package_kind
from mplint.sources import json_source


def _root(text: str):  # type: ignore[no-untyped-def]
    return json_source.load(text, "request.json").requests[0].root


def test_a_remembered_result_belongs_to_its_root() -> None:
    one = _root('{"ModelPackageName": "a", "InferenceSpecification": {"Containers": [{"Image": "i"}]}}')
    two = _root('{"ModelPackageGroupName": "g", "InferenceSpecification": {"Containers": []}}')
    assert [c.path for c in containers(one)] == ["InferenceSpecification.Containers[0]"]
    assert list(containers(two)) == []
    assert [c.path for c in containers(one)] == ["InferenceSpecification.Containers[0]"]
    assert (package_kind(one), package_kind(two), package_kind(one)) == ("unversioned", "versioned", "unversioned")
    assert containers(one) is containers(one)  # asked twice in a row: worked out once
