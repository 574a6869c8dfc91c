"""The guard's counting bound: when it says a located text is within the limits, the
tokenizing scan finds nothing there either (it is only a shortcut past the scan).

The limits are lowered so that generated code of a few lines crosses them often.
"""

from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mplint.sources.python import guard, locate, source

ATOMS = st.sampled_from(["x", "1", "'s'", "'a' 'b'", "f(x)", "x.y", "(not x)", "-x"])


def _grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds("{} {} {}".format, inner, st.sampled_from(["+", "*", "and", "or", "<=", "|", "**"]), inner),
        st.builds("({})".format, inner),
        st.builds("[{}]".format, inner),
        st.builds("{{1: {}}}".format, inner),
        st.builds("f({}, y)".format, inner),
        st.builds("x[{}]".format, inner),
        st.builds("{} if x else {}".format, inner, inner),
        st.builds("(lambda: {})".format, inner),
        st.builds("({}).real".format, inner),
    )


EXPRESSIONS = st.recursive(ATOMS, _grow, max_leaves=10)


def _statement(expr: str, kind: int, depth: int) -> str:
    pad = "    " * depth
    if kind == 0:
        return f"{pad}v = {expr}\n"
    if kind == 1:
        return f"{pad}if {expr}:\n{pad}    pass\n{pad}elif x:\n{pad}    pass\n{pad}elif y:\n{pad}    pass\n"
    if kind == 2:
        return f"{pad}sm.create_model_package(ModelPackageDescription={expr})\n"
    body = "".join(f"{'    ' * (d + 1)}if x:\n" for d in range(depth, depth + 3))
    return f"{pad}if x:\n{body}{'    ' * (depth + 4)}v = {expr}\n"


STATEMENTS = st.lists(
    st.builds(_statement, EXPRESSIONS, st.integers(0, 3), st.integers(0, 2)).filter(lambda s: not s.startswith(" ")),
    min_size=1,
    max_size=5,
)


@pytest.mark.slow
@settings(max_examples=400, derandomize=True, deadline=None)
@given(statements=STATEMENTS)
def test_within_the_counted_bound_the_scan_finds_nothing(statements: list[str]) -> None:
    text = "".join(statements) + "sm.create_model_package(ModelPackageGroupName=v)\n"
    located = locate.reduce(text, ast.parse(text))
    assert located is not None
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(guard, "NESTING_LIMIT", 6)
        mp.setattr(guard, "DEPTH_LIMIT", 24)
        if guard.surely_within_limits(located.text, located.pieces):
            assert guard.scan(located.text) is None


def test_the_bound_lets_ordinary_request_code_past_the_scan() -> None:
    text = (
        "import boto3\n"
        "sm = boto3.client('sagemaker')\n"
        "SPEC = {'Containers': [{'Image': IMAGE, 'ModelDataUrl': 's3://b/m.tar.gz'}]}\n"
        "def register(version: str) -> str:\n"
        "    if version.startswith('v'):\n"
        "        return sm.create_model_package(ModelPackageGroupName='g', InferenceSpecification=SPEC)['Arn']\n"
        "    elif version:\n"
        "        return ''\n"
    )
    located = locate.reduce(text, ast.parse(text))
    assert located is not None
    assert guard.surely_within_limits(located.text, located.pieces)


def test_nesting_past_the_limit_is_left_to_the_scan_and_reported_where_it_is() -> None:
    deep = "x = " + "(" * 150 + "1" + ")" * 150 + "\nsm.create_model_package(ModelPackageDescription=x)\n"
    located = locate.reduce(deep, ast.parse(deep))
    assert located is not None
    assert not guard.surely_within_limits(located.text, located.pieces)
    assert source.analyse(deep).problem == guard.Problem(1, 105, "too deeply nested to analyse (101 levels)")
