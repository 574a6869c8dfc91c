"""Property tests: documents built from the real schema, mutated; every result is whole and in the file."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shaped import shaped

from fuzz.checks import problems
from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.schema import load

pytestmark = pytest.mark.slow

SCHEMA = load()
CONFIG = Config()
BUDGET = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WRONG = st.sampled_from([None, 0, 1.5, True, "x", [], {}, ["a", 1], {"K": None}])
LEAF_TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["ml.m5.xlarge", "s3://b/k", "text/csv", "on", "1.10", "0755", "~", "AKIAIOSFODNN7EXAMPLE"]
)


DOCUMENTS = shaped(SCHEMA.root, odd=WRONG, text=LEAF_TEXT, keys=st.text(max_size=6))


@st.composite
def mutated(draw: st.DrawFn, render: str) -> bytes:
    """Render a document, then delete, duplicate or truncate a few byte ranges."""
    doc = draw(DOCUMENTS)
    if render == "json":
        text = json.dumps(doc, indent=draw(st.sampled_from([None, 2])), ensure_ascii=draw(st.booleans()))
    else:
        text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=draw(st.booleans()))
    data = text.encode("utf-8", "surrogatepass")
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        i = draw(st.integers(0, len(data)))
        j = min(len(data), i + draw(st.integers(1, 12)))
        op = draw(st.sampled_from(["delete", "duplicate", "truncate", "insert"]))
        if op == "delete":
            data = data[:i] + data[j:]
        elif op == "duplicate":
            data = data[:j] + data[i:j] + data[j:]
        elif op == "truncate":
            data = data[:i]
        else:
            data = (
                data[:i]
                + draw(
                    st.sampled_from(
                        [b"{", b"]", b":", b",", b"\t", b"\r", b"&a", b"*a", b"<<", b"\xff", b"\x00", b"\xe2\x80\xa8"]
                    )
                )
                + data[i:]
            )
    return data


@BUDGET
@given(mutated("json"))
def test_json_documents_give_whole_results(data: bytes) -> None:
    assert problems(lint_text(data, "x.json", config=CONFIG, forced=True), full=True) == []


@BUDGET
@given(mutated("yaml"))
def test_yaml_documents_give_whole_results(data: bytes) -> None:
    assert problems(lint_text(data, "x.yaml", config=CONFIG, forced=True), full=True) == []


@BUDGET
@given(DOCUMENTS)
def test_unmutated_documents_parse_without_a_parse_error(doc: dict[str, Any]) -> None:
    result = lint_text(json.dumps(doc, allow_nan=True), "x.json", config=CONFIG, forced=True)
    assert problems(result) == []
    assert [d for d in result.diagnostics if d.code == "MP001"] == []


@st.composite
def call_sites(draw: st.DrawFn) -> tuple[str, bool]:
    """Return a boto3 call site built from a document, sometimes cut or edited; and if it is intact."""
    doc = draw(DOCUMENTS)
    args = []
    for name, member in doc.items():
        args.append(f"{name}=value_from_env()" if draw(st.booleans()) and draw(st.booleans()) else f"{name}={member!r}")
    text = (
        "import boto3\nsm = boto3.client('sagemaker')\nsm.create_model_package(\n"
        + "".join(f"    {arg},\n" for arg in args)
        + ")\n"
    )
    edit = draw(st.sampled_from(["none", "none", "delete", "truncate", "insert"]))
    if edit == "none":
        return text, True
    i = draw(st.integers(0, len(text)))
    if edit == "delete":
        text = text[:i] + text[i + draw(st.integers(1, 8)) :]
    elif edit == "truncate":
        text = text[:i]
    else:
        text = text[:i] + draw(st.sampled_from(["(", ")", "[", "**", "\\", "'", "\t", "lambda:", "\u2028"])) + text[i:]
    return text, False


@BUDGET
@given(call_sites())
def test_python_call_sites_give_whole_results(site: tuple[str, bool]) -> None:
    text, intact = site
    result = lint_text(text, "x.py", config=CONFIG, forced=True)
    assert problems(result, full=True) == []
    if intact:
        assert (result.requests, [d for d in result.diagnostics if d.code == "MP001"]) == (1, [])
