"""The locator keeps what a request call can depend on, and libcst gives the same requests.

The differential tests run every Python text of the suite twice: libcst over the whole module
(the reference) and libcst over the statements the locator keeps. Requests must be equal node
for node: kind, value, span, key span, path, open.
"""

from __future__ import annotations

import ast
import glob
import os
from typing import Any

import pytest

from mplint.api import lint_text
from mplint.engine import registry
from mplint.engine.config import Config
from mplint.model import Node
from mplint.rule import dedent_example
from mplint.sources.python import locate, source
from mplint.sources.python.ranges import ranges

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))

NOISE_BEFORE = '''"""A module with more in it than the request."""
import json
import logging

log = logging.getLogger(__name__)
COUNT = 3


def helper(value: str) -> str:
    log.info("helping %s", value)
    return json.dumps({"value": value, "count": COUNT})


class Registry:
    """Plugins, registered by name."""

    def register(self, plugin):
        self.plugins.append(plugin)

'''
NOISE_AFTER = """

def unrelated(items: list[str]) -> dict[str, int]:
    out = {}
    for item in items:
        out[item] = len(item)
    return out
"""


def _python_texts() -> list[Any]:
    out = []
    for rule in registry.rule_classes(Config()):
        for i, case in enumerate((*rule.VALID, *rule.INVALID)):
            if case.source == "python":
                out.append(pytest.param(dedent_example(case.text), id=f"{rule.code}-{i}"))
    for path in sorted(
        glob.glob(os.path.join(ROOT, "examples", "python", "*.py"))
        + glob.glob(os.path.join(ROOT, "tests", "fixtures", "python", "*.py"))
    ):
        with open(path, encoding="utf-8") as fh:
            out.append(pytest.param(fh.read(), id=os.path.basename(path)))
    return out


def _dump(node: Node) -> Any:
    if isinstance(node.value, dict):
        value: Any = {k: _dump(v) for k, v in node.value.items()}
    elif isinstance(node.value, list):
        value = [_dump(v) for v in node.value]
    else:
        value = node.value
    return (node.kind, value, node.span, node.key_span, node.path, node.open, node.note)


def _requests(text: str, whole: bool) -> list[Any]:
    analysis = source._in_big_stack(lambda: source._parse_and_evaluate(text)) if whole else source.analyse(text)
    assert analysis.problem is None
    return [
        (s.name, s.span, s.names, _dump(source.make_request(s, "x.py", source.same_place, "r", None).root))  # type: ignore[arg-type]
        for s in analysis.sites
    ]


@pytest.mark.parametrize("text", _python_texts())
def test_located_requests_equal_whole_module_requests(text: str) -> None:
    assert _requests(text, whole=False) == _requests(text, whole=True)


@pytest.mark.parametrize("text", _python_texts())
def test_located_requests_equal_whole_module_requests_amid_other_code(text: str) -> None:
    padded = NOISE_BEFORE + text + NOISE_AFTER
    assert _requests(padded, whole=False) == _requests(padded, whole=True)


def _kept(text: str) -> list[int]:
    located = locate.reduce(text, ast.parse(text))
    assert located is not None
    lines = text.splitlines()
    assert located.text.splitlines() == [lines[i - 1] for i in located.line_map[1:]]
    return located.line_map[1:]


def test_only_the_call_and_what_it_reads_are_kept() -> None:
    text = (
        "import boto3\n"  # 1
        "import json\n"  # 2
        "sm = boto3.client('sagemaker')\n"  # 3
        "NAME = 'churn'\n"  # 4
        "OTHER = {'a': 1}\n"  # 5
        "def report(x: dict) -> str:\n"  # 6
        "    return json.dumps(OTHER)\n"  # 7
        "spec = {'Containers': []}\n"  # 8
        "spec['SupportedContentTypes'] = ['text/csv']\n"  # 9
        "log_name = NAME.upper()\n"  # 10
        "sm.create_model_package(ModelPackageGroupName=NAME, InferenceSpecification=spec)\n"  # 11
    )
    # NAME.upper() reads an attribute of NAME only: it cannot change NAME's value.
    assert _kept(text) == [3, 4, 8, 9, 11]


def test_a_class_keeps_its_header_and_the_methods_that_matter() -> None:
    text = (
        "@dataclass\n"  # 1
        "class Stack(\n"  # 2
        "    Base,\n"  # 3
        "):\n"  # 4
        "    '''A stack.'''\n"  # 5
        "    def unrelated(self):\n"  # 6
        "        return 1\n"  # 7
        "\n"  # 8
        "    @property\n"  # 9
        "    def register_model(self):\n"  # 10
        "        self.sm.create_model_package(ModelPackageName='a_b')\n"  # 11
        "    def create_model_package(self, **kw):\n"  # 12
        "        return kw\n"  # 13
    )
    assert _kept(text) == [1, 2, 3, 4, 9, 10, 11, 12, 13]


def test_a_function_that_changes_a_module_dict_is_kept_and_one_that_reads_an_attribute_is_not() -> None:
    text = (
        "REQ = {'ModelPackageName': 'a'}\n"  # 1
        "def tweak():\n"  # 2
        "    REQ['ModelPackageName'] = compute()\n"  # 3
        "def describe():\n"  # 4
        "    return REQ.keys_of_mine\n"  # 5
        "def grow():\n"  # 6
        "    REQ.update(Extra=1)\n"  # 7
        "def rebind():\n"  # 8
        "    global REQ\n"  # 9
        "    REQ = {}\n"  # 10
        "sm.create_model_package(**REQ)\n"  # 11
    )
    assert _kept(text) == [1, 2, 3, 6, 7, 8, 9, 10, 11]


def test_names_are_followed_through_aliases_until_nothing_new() -> None:
    text = (
        "a = {'ModelPackageName': 'x'}\n"  # 1
        "b = a\n"  # 2
        "c = {'unrelated': 1}\n"  # 3
        "b['ModelApprovalStatus'] = 'No'\n"  # 4
        "d = b\n"  # 5
        "sm.create_model_package(**d)\n"  # 6
    )
    assert _kept(text) == [1, 2, 4, 5, 6]


def test_a_module_without_a_call_word_needs_no_libcst() -> None:
    text = "import atexit\nx = 1\n"
    assert locate.reduce(text, ast.parse(text)) is None


def test_line_ends_of_every_kind_are_kept_in_place() -> None:
    text = "x = 1\r\ny = 2\rsm.create_model_package(ModelPackageName=y)\n\x0cz = 3\n"
    located = locate.reduce(text, ast.parse(text))
    assert located is not None
    assert (located.text, located.line_map) == ("y = 2\rsm.create_model_package(ModelPackageName=y)\n", [0, 2, 3])


def test_positions_inside_a_class_are_those_of_the_file() -> None:
    from tests.linting import lint

    text = (
        "class Helper:\n"
        "    def noise(self):\n"
        "        return [i for i in range(3)]\n"
        "    def go(self, sm):\n"
        "        sm.create_model_package(ModelPackageName='bad_name', ModelApprovalStatus='Approve')\n"
    )
    found = [f for f in lint(text, "python", dedent=False) if f[0] in ("MP104", "MP105")]
    # MP105 points at the character that breaks the pattern: the "_" of 'bad_name'.
    assert found == [("MP105", "ModelPackageName", 5, 54), ("MP104", "ModelApprovalStatus", 5, 82)]


@pytest.mark.parametrize("text", _python_texts())
def test_positions_equal_those_of_the_metadata_wrapper(text: str) -> None:
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    module = cst.parse_module(text)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    found = ranges(module)
    assert len(found) == len(expected)
    for node, at in expected.items():
        assert found[id(node)] == (at.start.line, at.start.column, at.end.line, at.end.column), node


@pytest.mark.slow
def test_a_100k_line_module_gives_libcst_only_the_lines_of_its_request() -> None:
    """libcst never sees the 100,000 lines: its cost (and the analysis') follows the request."""
    filler = "".join(f"def f{i}(x):\n    return [y * {i} for y in x]\n\n" for i in range(34_000))
    text = (
        "import boto3\nsm = boto3.client('sagemaker')\n"
        + filler
        + ("NAME = 'churn_v2'\nsm.create_model_package(ModelPackageName=NAME)\n")
    )
    assert text.count("\n") > 100_000
    located = locate.reduce(text, ast.parse(text))
    assert located is not None
    assert located.line_map[1:] == [2, 102003, 102004]
    (site,) = source.analyse(text).sites
    assert (site.name, site.span.line) == ("create_model_package", 102004)


def test_a_statement_that_shares_a_line_with_the_call_is_kept_whole() -> None:
    text = (
        "import boto3\n"  # 1
        "sm = boto3.client('sagemaker')\n"  # 2
        "x = (1,\n"  # 3
        "     2); sm.create_model_package(ModelPackageName='a_b')\n"  # 4
        "sm.create_model_package(ModelPackageName='c_d'); y = [3,\n"  # 5
        "     4]\n"  # 6
        "z = 5\n"  # 7
    )
    assert _kept(text) == [2, 3, 4, 5, 6]
    found = [(d.code, d.span.line, d.span.column) for d in lint_text(text, "x.py").diagnostics if d.code == "MP105"]
    assert found == [("MP105", 4, 53), ("MP105", 5, 44)]  # at the "_" of each name


def test_a_run_of_thousands_of_statements_sharing_lines_is_kept_whole_in_one_pass() -> None:
    # Each statement shares its last line with the next one's first; the call is in the last.
    lines = [
        "x0 = (1,",
        *(f"  2); x{i} = (1," for i in range(1, 2000)),
        "  2); sm.create_model_package(ModelPackageName='a_b')",
    ]
    text = "\n".join(lines) + "\n"
    assert _kept(text) == list(range(1, 2002))
    found = [(d.code, d.span.line, d.span.column) for d in lint_text(text, "x.py").diagnostics if d.code == "MP105"]
    assert found == [("MP105", 2001, 50)]
