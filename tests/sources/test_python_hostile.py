"""Python code that used to crash or hang the evaluator: each case is the smallest input and its
exact outcome. Values past a limit are unknown (never reported); the run goes on."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mplint.model import Kind, Request
from mplint.sources import python
from mplint.sources.python import values
from tests.linting import lint

if TYPE_CHECKING:
    from multiprocessing.queues import SimpleQueue

U = Kind.UNKNOWN


def request(text: str) -> Request:
    loaded = python.load(text, "x.py")
    assert loaded.diagnostics == ()
    (req,) = loaded.requests
    return req


def kinds(req: Request) -> list[tuple[str, str]]:
    return [(n.path, n.kind.value) for n in req.root.walk() if n.path]


def test_a_call_inside_a_match_statement() -> None:
    text = (
        "req = {'ModelPackageGroupName': 'g'}\n"
        "match command:\n"
        "    case {'name': name}:\n"
        "        req['ModelPackageDescription'] = name\n"
        "        sm.create_model_package(**req, ModelApprovalStatus='Aproved')\n"
        "    case [first, *rest] if first:\n"
        "        sm.create_model_package(ModelPackageGroupName='bad name')\n"
        "    case _:\n"
        "        pass\n"
    )
    assert lint(text, "python", dedent=False, select=("MP104", "MP105")) == [
        ("MP104", "ModelApprovalStatus", 5, 60),
        ("MP105", "ModelPackageGroupName", 7, 59),  # MP105 points at the character that breaks the pattern
    ]
    reqs = python.load(text, "x.py").requests
    assert kinds(reqs[0]) == [
        ("ModelPackageGroupName", "string"),
        ("ModelPackageDescription", "unknown"),
        ("ModelApprovalStatus", "string"),
    ]


def test_an_integer_over_pythons_digit_limit_is_a_float() -> None:
    digits = "9" * 5000
    text = f"x = -{digits}\nsm.create_model_package(ModelPackageName='m', Tags=x, ClientToken=0x{'f' * 5000})\n"
    found = python.load(text, "x.py")
    (req,) = found.requests
    (tags,), (token,) = req.select("Tags"), req.select("ClientToken")
    assert (tags.kind, tags.value, tags.text) == (Kind.NUMBER, float("-inf"), "-" + digits)
    assert (token.kind, token.value, token.text) == (Kind.NUMBER, float("inf"), "0x" + "f" * 5000)
    assert lint(text, "python", dedent=False, select=("MP102",)) == [
        ("MP102", "Tags", 1, 5),
        ("MP102", "ClientToken", 2, 67),
    ]


def test_a_4000_digit_integer_stays_an_integer() -> None:
    req = request(f"sm.create_model_package(ModelPackageName='m', ClientToken={'9' * 4000})\n")
    assert [n.value for n in req.select("ClientToken")] == [10**4000 - 1]


def test_a_dict_that_holds_itself_ends() -> None:
    req = request('d = {}\nd["Tags"] = [d, d]\nsm.create_model_package(**d)\n')
    assert kinds(req) == [
        ("Tags", "array"),
        ("Tags[0]", "object"),
        ("Tags[0].Tags", "unknown"),
        ("Tags[1]", "object"),
        ("Tags[1].Tags", "unknown"),
    ]


def test_a_list_appended_to_itself_ends() -> None:
    req = request("t = []\nt.append(t)\nt.extend(t)\nsm.create_model_package(Tags=t)\n")
    assert kinds(req) == [("Tags", "array"), ("Tags[0]", "unknown"), ("Tags[1]", "unknown")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lines", "member"),
    [
        pytest.param(["d = {}", *["d = [d, d]"] * 60], "Tags", id="list-doubling-60"),
        pytest.param(["d = {}", *['d = {"a": d, "b": d}'] * 60], "Tags", id="dict-doubling-60"),
        pytest.param(["d = 's'", *["d = d + d"] * 32], "ModelPackageDescription", id="string-doubling-32"),
        pytest.param(["d = [1]", *["d.extend(d)"] * 60], "Tags", id="extend-doubling-60"),
        pytest.param(["d = [1]", *["d = [*d, *d]"] * 60], "Tags", id="star-doubling-60"),
        pytest.param(["d = [1]", *["d = d + d"] * 60], "Tags", id="plus-doubling-60"),
    ],
)
def test_exponential_values_are_unknown(lines: list[str], member: str) -> None:
    text = "\n".join([*lines, f"sm.create_model_package(ModelPackageName='bad name', {member}=d)", ""])
    req = request(text)
    assert [n.kind for n in req.select(member)] == [U]
    line = len(lines) + 1
    assert lint(text, "python", dedent=False, select=("MP1",)) == [
        ("MP105", "ModelPackageName", line, 46)
    ]  # the space of 'bad name'


def test_a_shared_value_counts_at_each_place_up_to_the_node_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(values, "MAX_NODES", 7)
    text = (
        "t = {'Key': 'k', 'Value': 'v'}\nsm.create_model_package(ModelPackageName='m', Tags=[t, t], ClientToken=[t])\n"
    )
    req = request(text)
    # ModelPackageName (1) and Tags (1 + 2 x 3) fill the 8 nodes; ClientToken's 4 do not fit.
    assert kinds(req) == [
        ("ModelPackageName", "string"),
        ("Tags", "array"),
        ("Tags[0]", "object"),
        ("Tags[0].Key", "string"),
        ("Tags[0].Value", "string"),
        ("Tags[1]", "object"),
        ("Tags[1].Key", "string"),
        ("Tags[1].Value", "string"),
        ("ClientToken", "unknown"),
    ]


def test_past_the_step_budget_values_are_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(values, "MAX_STEPS", 40)
    lines = [f"d = 'v{i}'" for i in range(60)]
    text = "\n".join([*lines, "sm.create_model_package(ModelPackageName='bad name', ModelPackageDescription=d)", ""])
    req = request(text)
    assert [n.kind for n in (*req.select("ModelPackageName"), *req.select("ModelPackageDescription"))] == [U, U]
    assert lint(text, "python", dedent=False, select=("MP1",)) == []


@pytest.mark.slow
def test_a_value_nested_past_the_depth_limit_is_unknown_there() -> None:
    text = "d = 'leaf'\n" + "d = [d]\n" * 3000 + "sm.create_model_package(Tags=d)\n"
    req = request(text)
    nodes = list(req.root.walk())
    assert (len(nodes), nodes[-1].kind, nodes[-1].path.count("[0]")) == (102, U, 100)


def test_many_calls_reading_one_module_dict_share_nothing() -> None:
    text = "REQ = {'ModelPackageGroupName': 'g'}\n" + "".join(
        f"def f{i}(sm):\n    if x:\n        REQ['ModelPackageDescription'] = 'd{i}'\n"
        f"        sm.create_model_package(**REQ)\n"
        for i in range(50)
    )
    reqs = python.load(text, "x.py").requests
    assert [n.value for r in reqs for n in r.select("ModelPackageDescription")] == [f"d{i}" for i in range(50)]
    assert [n.value for r in reqs for n in r.select("ModelPackageGroupName")] == ["g"] * 50


CALL = "sm.create_model_package(ModelPackageGroupName='g', ModelPackageDescription='d')\n"


def test_the_parse_thread_serves_file_after_file_and_restores_the_recursion_limit() -> None:
    """One thread runs every parse: a file that stops it (too deep to analyse) leaves it serving
    the next file, and the caller's recursion limit is the one it set."""
    import sys

    limit = sys.getrecursionlimit()
    deep = "x = " + "(" * 150 + "1" + ")" * 150 + "\nsm.create_model_package(ModelPackageDescription=x)\n"
    for _ in range(3):
        stopped = python.load(deep, "x.py")
        found = [(d.code, d.span.line, d.span.column, d.message) for d in stopped.diagnostics]
        assert found == [("MP001", 1, 105, "too deeply nested to analyse (101 levels)")]
        assert [n.value for n in request(CALL).root.walk() if n.path] == ["g", "d"]
    assert sys.getrecursionlimit() == limit


def test_a_forked_process_parses_in_a_thread_of_its_own() -> None:
    """A pool worker is forked from a process whose parse thread it does not inherit."""
    import multiprocessing

    request(CALL)  # the parse thread of this process is running
    context = multiprocessing.get_context("fork")
    queue = context.SimpleQueue()
    child = context.Process(target=_parse_in_child, args=(queue,))
    child.start()
    child.join(60)
    assert (child.exitcode, queue.get()) == (0, ["g", "d"])


def _parse_in_child(queue: SimpleQueue[list[object]]) -> None:
    queue.put([n.value for n in request(CALL).root.walk() if n.path])


@pytest.mark.parametrize("breaks", ["", "\x0c\x0c\x0c", "\x1c\x1d", "\u2028"])
def test_a_call_inside_an_assigned_value_still_changes_what_it_touches(breaks: str) -> None:
    """Values whose text holds no call are not walked for effects; the text is read at libcst's
    lines, which form feeds and the other breaks of str.splitlines do not end."""
    text = (
        f"d = {{'ModelApprovalStatus': 'Aproved'}}  # {breaks}\n"
        "z = [d.update(ModelApprovalStatus=status)]\n"
        "e = {'ModelApprovalStatus': 'Aproved'}\n"
        "w = [(e := make())]\n"
        "f = {'ModelApprovalStatus': 'Rejectd'}\n"
        "g = [f]\n"
        "sm.create_model_package(ModelPackageGroupName='g', **d)\n"
        "sm.create_model_package(ModelPackageGroupName='g', **e)\n"
        "sm.create_model_package(ModelPackageGroupName='g', **f)\n"
    )
    # update() may have set d's status, := rebinds e: unknown, not reported; f is only read.
    found = [(f[0], f[2], f[3]) for f in lint(text, "python", dedent=False) if f[0] == "MP104"]
    assert found == [("MP104", 5, 29)]


def test_a_chain_of_thousands_of_functions_calling_each_other_is_followed_without_recursion() -> None:
    """The function that changes the dict is called through 3,000 others: the locator keeps the
    callers of callers with a worklist (it recursed, and the file ended in MP002)."""
    parts = [
        "spec = {'ModelPackageGroupName': 'g', 'ModelApprovalStatus': 'Aproved'}\n",
        "def f0():\n    spec['ModelApprovalStatus'] = 'Approved'\n",
        *(f"def f{i}():\n    f{i - 1}()\n" for i in range(1, 3000)),
        "f2999()\nsm.create_model_package(**spec)\n",
    ]
    found = [(f[0], f[2]) for f in lint("".join(parts), "python", dedent=False)]
    assert [f for f in found if f[0] in ("MP002", "MP104")] == []
    loaded = python.load("".join(parts), "x.py")
    assert loaded.diagnostics == ()
    assert [r.label for r in loaded.requests] == ["create_model_package@L6003"]


def test_thousands_of_functions_that_each_change_the_dict_are_not_followed_one_by_one() -> None:
    """Past 200 functions reached (or 2,000 changes), a call may change every name: the run
    stays linear in the number of functions (it grew with their square), and nothing known
    before the call is reported after it."""
    parts = [
        "spec = {'ModelPackageGroupName': 'g', 'ModelApprovalStatus': 'Aproved'}\n",
        "def f0():\n    spec['ModelApprovalStatus'] = 'Approved'\n",
        *(f"def f{i}():\n    spec['K{i}'] = {i}\n    f{i - 1}()\n" for i in range(1, 2000)),
        "f1999()\nsm.create_model_package(**spec)\n",
    ]
    loaded = python.load("".join(parts), "x.py")
    assert loaded.diagnostics == ()
    (req,) = loaded.requests
    assert kinds(req) == []  # spec is unknown after the call
    assert [f for f in lint("".join(parts), "python", dedent=False) if f[0] in ("MP002", "MP104")] == []
