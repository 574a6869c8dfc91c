"""Which Python texts are parsed: the register( rule, both ways, and what it means end to end."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mplint.api import lint_text
from mplint.rule import dedent_example
from mplint.sources import detect
from mplint.sources.python import candidates, sdk
from mplint.sources.python.candidates import could_hold_request

# (id, text, can hold a request)
CASES = [
    # Words that name a request call on their own.
    ("boto3", "sm.create_model_package(**spec)\n", True),
    ("session-from-containers", "sess.create_model_package_from_containers(x)\n", True),
    ("register-step", "step = RegisterModel(name='r')\n", True),
    ("sdk3-create", "ModelPackage.create(model_package_group_name='g')\n", True),
    ("sdk3-create-spaced", "ModelPackage .create(x)\n", True),
    ("model-package-word-alone", "ARN_KEY = 'ModelPackageArn'\nprint(ModelPackage)\n", False),
    # register( with an SDK keyword in its arguments.
    ("keyword", "step.register(content_types=['text/csv'])\n", True),
    ("keyword-next-lines", "x.register(\n    role,\n    approval_status='Approved',\n)\n", True),
    ("keyword-space-before-bracket", "x.register (model_package_group_name='g')\n", True),
    ("keyword-as-positional-name", "thing.register(content_types, response_types)\n", True),
    ("keyword-after-bracket-in-string", "x.register(description='a :) one', approval_status=s)\n", True),
    ("keyword-after-nested-call", "x.register(f(g(1), [2]), model_metrics=m)\n", True),
    # register( without a hint: plugin registries, exit hooks, blueprints, admin sites.
    ("atexit", "import atexit\natexit.register(print)\n", False),
    ("plugin-registry", "registry.register(MyPlugin)\n", False),
    ("admin-site", "admin.site.register(Task, TaskAdmin)\n", False),
    ("blueprint", "app.register_blueprint(bp)\nbp.register(app, options)\n", False),
    ("codecs", "codecs.register(search_function)\n", False),
    ("decorator", "@registry.register('name')\nclass P: ...\n", False),
    ("non-sdk-keywords", "model.regist(content_types=1)\nx.register(image_uri='i', description='d')\n", False),
    ("keyword-after-the-call", "hooks.register(cleanup)\ncontent_types = ['text/csv']\n", False),
    ("keyword-only-in-a-name", "r.register(my_content_types_cache)\n", False),
    ("keyword-in-bracket-closed-before", "r.register(f(x))\n(approval_status)\n", False),
    # Positional SDK calls: the arguments or the receiver carry the hint.
    ("positional-mime", "thing.register(['text/csv'], ['application/json'], ['ml.m5.large'])\n", True),
    ("positional-instance", 'thing.register(ct, rt, ["ml.m5.large"], tr)\n', True),
    ("positional-model-receiver", "model.register(ct, rt, inst, tr)\n", True),
    ("positional-estimator-receiver", "self.xgb_estimator.register(a, b, c)\n", True),
    ("positional-receiver-spaced", "pytorch_model . register (a)\n", True),
    ("positional-plain-receiver", "thing.register(ct, rt, inst, tr)\n", False),
    ("mime-after-the-call", "thing.register(f)\nTYPES = ['text/csv']\n", False),
    # Arguments unpacked from a dict built elsewhere in the file.
    ("unpack-with-keyword-elsewhere", "args = {'content_types': ['text/csv']}\nthing.register(**args)\n", True),
    ("unpack-star-with-keyword-elsewhere", "a = dict(approval_status='x')\nthing.register(x, *rest)\n", True),
    ("unpack-without-keyword", "hooks.register(*handlers, **options)\n", False),
    # Odd texts: the window is bounded, unclosed brackets and strings end nowhere.
    ("unclosed-call", "x.register(\n" + "a, " * 50 + "content_types", True),
    ("keyword-beyond-window", "x.register(" + " " * (candidates.WINDOW + 10) + "content_types=1)", False),
    ("unclosed-string", "x.register('(, approval_status=s)\n", True),
    ("empty", "", False),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_could_hold_request(text: str, expected: bool) -> None:
    assert could_hold_request(text) is expected


def test_detect_uses_the_rule_for_python_files() -> None:
    assert detect("a.py", "atexit.register(print)\n") is None
    assert detect("a.py", "model.register(['text/csv'])\n") == "python"
    assert detect("a.py", "atexit.register(print)\n", forced=True) == "python"


def test_distinctive_keywords_are_the_sdk_modules() -> None:
    assert candidates.DISTINCTIVE == sdk.DISTINCTIVE


def test_every_request_call_the_sdk_module_classifies_is_a_candidate() -> None:
    """Each SDK keyword alone makes a register call a candidate (the rule never loses one)."""
    missed = [k for k in sorted(sdk.DISTINCTIVE) if not could_hold_request(f"x.register({k}=v)\n")]
    assert missed == []


SDK_CALL = """\
import atexit
atexit.register(print)
model.register(
    description="churn (v2",
    content_types=["text/csv"],
    approval_status="Aproved",
)
"""


def test_a_register_call_after_noise_is_checked() -> None:
    result = lint_text(SDK_CALL, "pipeline.py", explicit=False)
    found = [(d.code, d.path, d.span.line, d.span.column) for d in result.diagnostics]
    assert (result.skipped, result.requests) == (False, 1)
    assert found == [("MP104", "ModelApprovalStatus", 6, 21)]


def test_noise_alone_is_skipped_without_libcst() -> None:
    code = (
        "import sys\n"
        "from mplint.api import lint_text\n"
        "texts = ['import atexit\\natexit.register(print)\\n', 'registry.register(MyPlugin)\\n',\n"
        "         'admin.site.register(Task)\\n']\n"
        "print([lint_text(t, 'a.py', explicit=False).skipped for t in texts], 'libcst' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[True, True, True] False\n"


def notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [{"cell_type": "code", "source": dedent_example(c)} for c in cells],
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
        }
    )


def test_notebook_code_gets_the_rule() -> None:
    noise = lint_text(notebook("import atexit\natexit.register(print)\n"), "n.ipynb", explicit=False)
    assert (noise.skipped, noise.diagnostics) == (True, [])
    registered = lint_text(notebook("import atexit\n", SDK_CALL), "n.ipynb", explicit=False)
    found = [(d.code, d.path, d.cell, d.span.line, d.span.column) for d in registered.diagnostics]
    assert found == [("MP104", "ModelApprovalStatus", 2, 6, 21)]


NOTEBOOK_CASES = [
    ("noise", ("import atexit\n", "atexit.register(print)\nregistry.register(Plugin)\n"), None),
    (
        "keyword-next-line",
        ("model = Model()\n", "pkg = thing.register(\n    role,\n    approval_status='x',\n)\n"),
        "notebook",
    ),
    ("positional-literals", ('thing.register(["text/csv"], ["text/csv"], ["ml.m5.large"])\n',), "notebook"),
    ("model-receiver", ("xgb_model.register(ct, rt)\n",), "notebook"),
    ("bracket-in-a-string-first", ('thing.register(f(")"),\n    model_metrics=m)\n',), "notebook"),
    ("boto3", ("sm.create_model_package(**spec)\n",), "notebook"),
]


@pytest.mark.parametrize("indent", [1, None], ids=["indented", "minified"])
@pytest.mark.parametrize(("cells", "kind"), [c[1:] for c in NOTEBOOK_CASES], ids=[c[0] for c in NOTEBOOK_CASES])
def test_detect_notebooks_by_their_code(cells: tuple[str, ...], kind: str | None, indent: int | None) -> None:
    doc = {
        "cells": [{"cell_type": "code", "source": c.splitlines(keepends=True)} for c in cells],
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
    }
    assert detect("n.ipynb", json.dumps(doc, indent=indent)) == kind


HOSTILE = [
    ("many-unclosed-calls", "x.register(" * 200_000, True),  # past MAX_CALLS: the parser decides
    ("calls-under-the-cap", "atexit.register(f)\n" * (candidates.MAX_CALLS - 1), False),
    ("calls-at-the-cap", "atexit.register(f)\n" * candidates.MAX_CALLS, True),
    ("long-receiver", "model" + "a" * 1_000_000 + ".register(x)\n", False),  # read back REACH chars
    ("long-space", "model" + " " * 1_000_000 + ".register(x)\n", False),
    ("space-before-bracket", "x.register" + " " * 1_000_000 + "(content_types=1)\n", False),
    ("huge-arguments", "x.register(" + "[" * 1_000_000 + "content_types", False),
    ("odd-characters", "x.register(\x00\ud800\u2028, approval_status=s)\n", True),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_texts(text: str, expected: bool) -> None:
    assert could_hold_request(text) is expected
    assert could_hold_request(text, notebook=True) is expected
