"""The facts rules share are worked out once per request and belong to that request alone."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from mplint.api import lint_text
from mplint.model import Request
from mplint.rules.facts import Facts
from mplint.sources import json_source

ONE = '{"ModelPackageName": "a", "InferenceSpecification": {"Containers": [{"Image": "i"}]}}'
TWO = '{"ModelPackageGroupName": "g", "InferenceSpecification": {"Containers": []}}'


def _request(text: str) -> Request:
    return json_source.load(text, "request.json").requests[0]


def test_facts_belong_to_their_request() -> None:
    one, two = _request(ONE), _request(TWO)
    assert [c.path for c in Facts.of(one).containers] == ["InferenceSpecification.Containers[0]"]
    assert Facts.of(two).containers == ()
    assert [c.path for c in Facts.of(one).containers] == ["InferenceSpecification.Containers[0]"]
    kinds = (Facts.of(one).package_kind, Facts.of(two).package_kind, Facts.of(one).package_kind)
    assert kinds == ("unversioned", "versioned", "unversioned")


def test_facts_are_made_once_per_request() -> None:
    one = _request(ONE)
    facts = Facts.of(one)
    assert Facts.of(one) is facts
    assert one.facts is facts
    assert facts.containers is facts.containers  # asked twice: worked out once
    assert Facts.of(_request(ONE)) is not facts  # the same text read again is another request


def test_facts_of_the_derived_kinds() -> None:
    text = (
        '{"ModelPackageName": "m", "InferenceSpecification": {"Containers": [{"Image": "i", '
        '"Environment": {"A": "1", "B": 2}}], "SupportedTransformInstanceTypes": ["ml.m5.large", "ml.nope"]}, '
        '"SourceAlgorithmSpecification": {"SourceAlgorithms": [{"AlgorithmName": "x"}]}, '
        '"ValidationSpecification": {"ValidationProfiles": [{"TransformJobDefinition": {}}, {}]}, '
        '"ModelMetrics": {"Bias": {"Report": {"ContentType": "json", "S3Uri": "s3://b/r"}}}}'
    )
    request = _request(text)
    facts = Facts.of(request)
    assert [n.path for n in facts.artifact_holders] == [
        "InferenceSpecification.Containers[0]",
        "SourceAlgorithmSpecification.SourceAlgorithms[0]",
    ]
    assert [n.path for n in facts.specifications] == ["InferenceSpecification"]
    assert [n.path for n in facts.validation_jobs] == [
        "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition"
    ]
    assert [(name, n.path) for name, n in facts.environment] == [
        ("A", "InferenceSpecification.Containers[0].Environment.A")
    ]
    assert [n.path for n in facts.metric_sources] == ["ModelMetrics.Bias.Report"]
    assert [(use, n.value) for use, _, _, n in facts.instance_types] == [("transform", "ml.m5.large")]


def test_rules_on_threads_see_only_their_own_request() -> None:
    """Requests of both kinds checked at once on threads give what each gives alone."""
    versioned = '{"ModelPackageGroupName": "g", "Tags": [{"Key": "t", "Value": "v"}]}'
    unversioned = '{"ModelPackageName": "m", "ModelApprovalStatus": "Approved"}'

    def found(text: str) -> list[tuple[str, str, int, int]]:
        result = lint_text(text, "r.json", forced=True)
        return [(d.code, d.path, d.span.line, d.span.column) for d in result.diagnostics]

    alone = {versioned: found(versioned), unversioned: found(unversioned)}
    assert alone[versioned] == [("MP222", "", 1, 1), ("MP205", "Tags", 1, 32)]
    assert alone[unversioned] == [("MP220", "", 1, 1), ("MP204", "ModelApprovalStatus", 1, 27)]
    texts = [versioned, unversioned] * 50
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(found, texts))
    assert results == [alone[t] for t in texts]


def test_a_request_with_facts_is_freed_when_dropped() -> None:
    """Facts refer to their request weakly: no cycle keeps a checked request (and its tree) alive
    until the garbage collector runs."""
    import gc
    import weakref

    request = _request(ONE)
    facts = Facts.of(request)
    assert (facts.package_kind, facts.request is request) == ("unversioned", True)
    gone = weakref.ref(request)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del request, facts
        assert gone() is None
    finally:
        if enabled:
            gc.enable()
