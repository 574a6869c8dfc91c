"""Python call sites: which calls are requests, what is known about them, and exact positions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mplint.model import Kind, Request
from mplint.rule import dedent_example
from mplint.sources import python
from mplint.sources.python import guard
from tests import linting

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "python")


def requests(text: str) -> list[Request]:
    loaded = python.load(dedent_example(text), "x.py")
    assert loaded.diagnostics == ()
    return list(loaded.requests)


def nodes(request: Request) -> dict[str, tuple[Kind, int, int]]:
    return {n.path: (n.kind, n.span.line, n.span.column) for n in request.root.walk() if n.path}


def findings(text: str, *select: str) -> list[tuple[str, str, int, int]]:
    return linting.findings(text, "x.py", dedent=True, select=select)


S, U, O, A, N = Kind.STRING, Kind.UNKNOWN, Kind.OBJECT, Kind.ARRAY, Kind.NULL


def test_literal_keywords() -> None:
    (req,) = requests(
        """
        import boto3
        sm = boto3.client("sagemaker")
        sm.create_model_package(
            ModelPackageGroupName="churn",
            ModelApprovalStatus=None,
            InferenceSpecification={"Containers": [{"Image": "img"}]},
        )
        """
    )
    assert (req.label, req.flavour, req.names) == ("create_model_package@L3", "python", {"@line": "3"})
    assert (req.root.span.line, req.root.span.column, req.root.open) == (3, 1, False)
    assert nodes(req) == {
        "ModelPackageGroupName": (S, 4, 27),
        "ModelApprovalStatus": (N, 5, 25),
        "InferenceSpecification": (O, 6, 28),
        "InferenceSpecification.Containers": (A, 6, 43),
        "InferenceSpecification.Containers[0]": (O, 6, 44),
        "InferenceSpecification.Containers[0].Image": (S, 6, 54),
    }
    (status,) = req.select("ModelApprovalStatus")
    key = status.key_span
    assert key is not None and (key.line, key.column, key.end_column) == (5, 5, 24)


def test_dict_variable_update_and_double_star() -> None:
    (req,) = requests(
        """
        req = {"ModelPackageGroupName": "churn"}
        req.update({"ModelPackageDescription": "first"})
        req.update(ModelApprovalStatus="Approved", ModelPackageDescription="second")
        client.create_model_package(**req)
        """
    )
    assert nodes(req) == {
        "ModelPackageGroupName": (S, 1, 33),
        "ModelPackageDescription": (S, 3, 68),
        "ModelApprovalStatus": (S, 3, 32),
    }
    (description,) = req.select("ModelPackageDescription")
    assert description.key_span is not None and description.key_span.line == 3


def test_item_assignment_setdefault_and_del() -> None:
    (req,) = requests(
        """
        url = upload()
        req = {"InferenceSpecification": {"Containers": [{"Image": "img"}]}, "Tags": []}
        req["InferenceSpecification"]["Containers"][0]["ModelDataUrl"] = url
        req["ModelPackageGroupName"] = "g"
        req.setdefault("ModelPackageGroupName", "ignored")
        req.setdefault("ModelApprovalStatus", "Approved")
        del req["Tags"]
        sm.create_model_package(**req)
        """
    )
    assert nodes(req) == {
        "InferenceSpecification": (O, 2, 34),
        "InferenceSpecification.Containers": (A, 2, 49),
        "InferenceSpecification.Containers[0]": (O, 2, 50),
        "InferenceSpecification.Containers[0].Image": (S, 2, 60),
        "InferenceSpecification.Containers[0].ModelDataUrl": (U, 3, 66),
        "ModelPackageGroupName": (S, 4, 32),
        "ModelApprovalStatus": (S, 6, 39),
    }
    (group,) = req.select("ModelPackageGroupName")
    assert group.key_span is not None and group.key_span.column == 5


def test_dict_call_and_concatenation() -> None:
    (req,) = requests(
        """
        prefix = "churn"
        req = dict(ModelPackageGroupName=prefix + "-" "models", ModelPackageDescription=("a" + "b"))
        sm.create_model_package(**req)
        """
    )
    assert [(n.path, n.value) for n in req.root.walk()][1:] == [
        ("ModelPackageGroupName", "churn-models"),
        ("ModelPackageDescription", "ab"),
    ]
    assert nodes(req)["ModelPackageGroupName"] == (S, 2, 34)


def test_module_constant_used_in_a_function() -> None:
    (req,) = requests(
        """
        SPEC = {"Containers": [{"Image": "img"}]}

        def register(name, SPEC_UNUSED=None):
            sm.create_model_package(ModelPackageName=name, InferenceSpecification=SPEC)
        """
    )
    assert nodes(req)["ModelPackageName"] == (U, 4, 46)
    assert nodes(req)["InferenceSpecification.Containers[0].Image"] == (S, 1, 34)
    assert req.label == "create_model_package@L4"


def test_parameter_shadows_module_name() -> None:
    (req,) = requests(
        """
        SPEC = {"Containers": []}
        def register(SPEC):
            sm.create_model_package(InferenceSpecification=SPEC)
        """
    )
    assert nodes(req) == {"InferenceSpecification": (U, 3, 52)}


def test_unresolvable_double_star_opens_the_root() -> None:
    (req,) = requests("sm.create_model_package(ModelPackageGroupName='g', **load_args())\n")
    assert req.root.open is True
    assert nodes(req) == {"ModelPackageGroupName": (S, 1, 47)}


def test_mutation_in_a_branch_is_unknown() -> None:
    (req,) = requests(
        """
        req = {"ModelPackageGroupName": "g", "InferenceSpecification": {"Containers": []}}
        if flag:
            req["ModelPackageGroupName"] = "other"
            req["ModelPackageName"] = "n"
        for x in xs:
            req["InferenceSpecification"].update(extra)
        sm.create_model_package(**req)
        """
    )
    assert nodes(req) == {
        "ModelPackageGroupName": (U, 3, 5),
        "InferenceSpecification": (O, 1, 64),
        "InferenceSpecification.Containers": (A, 1, 79),
    }
    assert (req.root.open, *(n.open for n in req.select("InferenceSpecification"))) == (True, True)


def test_passing_to_a_call_opens_and_aliases_share() -> None:
    (req,) = requests(
        """
        req = {"ModelPackageGroupName": "g"}
        alias = req
        alias["ModelPackageDescription"] = "d"
        print(req)
        fill(req)
        sm.create_model_package(**req)
        """
    )
    assert nodes(req) == {"ModelPackageGroupName": (S, 1, 33), "ModelPackageDescription": (S, 3, 36)}
    assert req.root.open is True


def test_fstring_call_result_and_bytes_are_unknown() -> None:
    (req,) = requests(
        """
        sm.create_model_package(
            ModelPackageGroupName=f"churn-{env}",
            ModelPackageDescription=f"plain {{text}}",
            ClientToken=uuid.uuid4().hex,
            SamplePayloadUrl=b"s3://b/k",
        )
        """
    )
    assert nodes(req) == {
        "ModelPackageGroupName": (U, 2, 27),
        "ModelPackageDescription": (S, 3, 29),
        "ClientToken": (U, 4, 17),
        "SamplePayloadUrl": (U, 5, 22),
    }
    assert [n.value for n in req.select("ModelPackageDescription")] == ["plain {text}"]


def test_calls_in_async_loop_nested_function_and_handler() -> None:
    found = requests(
        """
        async def main(client):
            await client.create_model_package(ModelPackageGroupName="a")

        def lambda_handler(event, context):
            def inner():
                return boto3.client("sagemaker").create_model_package(ModelPackageGroupName="b")
            for name in event["names"]:
                d = {"ModelPackageGroupName": "c"}
                d["ModelPackageName"] = name
                self.client.create_model_package(**d)
            handlers = [lambda r: sm.create_model_package(**r)]
        """
    )
    assert [r.label for r in found] == [
        "create_model_package@L2",
        "create_model_package@L6",
        "create_model_package@L10",
        "create_model_package@L11",
    ]
    assert [n.value for r in found[:3] for n in r.select("ModelPackageGroupName")] == ["a", "b", "c"]
    assert nodes(found[2])["ModelPackageName"] == (U, 9, 33)
    assert (nodes(found[3]), found[3].root.open) == ({}, True)


def test_sdk_register_maps_parameters() -> None:
    (req,) = requests(
        """
        model.register(
            content_types=["text/csv"],
            transform_instances=["ml.m5.xlarge", "ml.m5.xlarg"],
            model_package_group_name="churn",
            approval_status="Approved",
            model_metrics=metrics,
            role=role,
        )
        """
    )
    assert (req.label, req.root.open) == ("register@L1", True)
    assert nodes(req) == {
        "InferenceSpecification": (O, 1, 1),
        "InferenceSpecification.SupportedContentTypes": (A, 2, 19),
        "InferenceSpecification.SupportedContentTypes[0]": (S, 2, 20),
        "InferenceSpecification.SupportedTransformInstanceTypes": (A, 3, 25),
        "InferenceSpecification.SupportedTransformInstanceTypes[0]": (S, 3, 26),
        "InferenceSpecification.SupportedTransformInstanceTypes[1]": (S, 3, 42),
        "ModelPackageGroupName": (S, 4, 30),
        "ModelApprovalStatus": (S, 5, 21),
        "ModelMetrics": (U, 6, 19),
    }
    assert req.names == {
        "InferenceSpecification.SupportedContentTypes": "content_types",
        "InferenceSpecification.SupportedTransformInstanceTypes": "transform_instances",
        "ModelPackageGroupName": "model_package_group_name",
        "ModelApprovalStatus": "approval_status",
        "ModelMetrics": "model_metrics",
        "@line": "1",
    }


def test_register_without_sdk_keywords_is_not_a_request() -> None:
    text = "import atexit\natexit.register(f)\nmodel.register(image_uri='x', description='d')\n"
    assert requests(text) == []


def test_register_model_step_and_sdk3_create() -> None:
    found = requests(
        """
        step = RegisterModel(name="r", content_types=["text/csv"], image_uri="img")
        ModelPackage.create(model_package_group_name="g", model_package_description="d", session=s)
        """
    )
    assert [r.label for r in found] == ["RegisterModel@L1", "create@L2"]
    assert nodes(found[0])["InferenceSpecification.Containers[0].Image"] == (S, 1, 70)
    assert nodes(found[1]) == {"ModelPackageGroupName": (S, 2, 46), "ModelPackageDescription": (S, 2, 77)}
    assert (found[1].root.open, found[1].names["ModelPackageGroupName"]) == (
        False,
        "model_package_group_name",
    )


def test_findings_of_broken_calls() -> None:
    assert findings(
        """
        BAD = "ml.m5.xlarg"
        sm.create_model_package(
            ModelPackageGroupName="churn models",
            ModelApprovalStatus="Approvd",
            InferenceSpecification={
                "Containers": [{"Image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/m:1"}],
                "SupportedContentTypes": ["text/csv"],
                "SupportedResponseMIMETypes": ["text/csv"],
                "SupportedTransformInstanceTypes": [BAD],
            },
            Modelpackagedescription="x",
        )
        """
    ) == [
        ("MP301", "InferenceSpecification.SupportedTransformInstanceTypes[0]", 1, 7),
        ("MP105", "ModelPackageGroupName", 3, 33),  # the caret is at the space
        ("MP104", "ModelApprovalStatus", 4, 25),
        ("MP101", "Modelpackagedescription", 11, 5),
    ]


def test_unknown_values_give_no_finding() -> None:
    assert (
        findings(
            """
        sm.create_model_package(
            ModelPackageGroupName=f"{team}-models",
            ModelApprovalStatus=status,
            InferenceSpecification={
                "Containers": [{"Image": image_uri()}],
                "SupportedContentTypes": types,
                "SupportedResponseMIMETypes": ["text/csv"],
                "SupportedTransformInstanceTypes": [instance],
            },
        )
        """
        )
        == []
    )


def test_noqa_on_the_call_line_and_on_the_value_line() -> None:
    text = """
    sm.create_model_package(  # noqa: MP104
        ModelPackageGroupName="churn models",  # mplint: disable=MP105
        ModelApprovalStatus="Approvd",
    )
    sm.create_model_package(ModelPackageGroupName="churn models")
    """
    assert findings(text, "MP104", "MP105") == [
        ("MP105", "ModelPackageGroupName", 5, 53)
    ]  # at the space of "churn models"


def test_files_without_a_call_are_not_parsed() -> None:
    assert python.load("import os\nprint(os.getcwd())\n", "x.py").requests == ()


def test_importing_the_source_does_not_import_libcst() -> None:
    code = "import sys, mplint.sources.python, mplint.sources.python.source; print('libcst' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_syntax_error_is_a_parse_error_at_its_position() -> None:
    loaded = python.load("sm.create_model_package\né = 1 1\n", "x.py")
    ((d),) = loaded.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("MP001", 2, 7)
    assert d.message == "Python syntax error: invalid syntax"
    assert loaded.requests == ()


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        pytest.param(
            "x = " + "[" * 150 + "]" * 150 + "\ncreate_model_package(x)\n",
            1,
            105,
            "too deeply nested to analyse (101 levels)",
            id="150-brackets",
        ),
        pytest.param(
            "x = " + " + ".join(["'a'"] * 7000) + "\ncreate_model_package\n",
            1,
            6009,
            "too deeply nested to analyse (1001 levels)",
            id="7000-term-chain",
        ),
        pytest.param(
            "".join(" " * i + "if a:\n" for i in range(90))
            + " " * 90
            + "create_model_package("
            + "(" * 20
            + ")" * 21
            + "\n",
            91,
            121,
            "too deeply nested to analyse (101 levels)",
            id="90-indents-20-brackets",
        ),
        pytest.param(
            "if x == 0:\n    pass\n"
            + "".join(f"elif x == {i}:\n    pass\n" for i in range(1, 15000))
            + "else:\n    sm.create_model_package(ModelPackageName='a_b')\n",
            2001,
            8,
            "too deeply nested to analyse (1001 levels)",
            id="15000-branch-elif-chain",
        ),
    ],
)
def test_guard_refuses_before_libcst(text: str, line: int, column: int, message: str) -> None:
    loaded = python.load(text, "x.py")
    assert [(d.code, d.span.line, d.span.column, d.message) for d in loaded.diagnostics] == [
        ("MP001", line, column, message)
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        pytest.param(
            "x = " + "[" * 5000 + "]" * 5000 + "\ncreate_model_package\n",
            1,
            205,
            "too many nested parentheses",
            id="5000-brackets",
        ),
        pytest.param(
            "".join(" " * i + "if a:\n" for i in range(120)) + " " * 120 + "create_model_package\n",
            101,
            1,
            "too many levels of indentation",
            id="120-indents",
        ),
        pytest.param(
            "x = (1,\nsm.create_model_package(\n",
            2,
            24,
            "'(' was never closed",
            id="unclosed-at-the-bracket",
        ),
        pytest.param(
            "x = 1\nsm.create_model_package(ModelPackageName='a)\n",
            2,
            42,
            "unterminated string literal (detected at line 2)",
            id="tokenizer-error",
        ),
        pytest.param(
            "def f():\n  a = 1\n    sm.create_model_package()\n",
            3,
            4,
            "unexpected indent",
            id="indentation",
        ),
        pytest.param(
            "sm.create_model_package(ModelPackageName='é')\n\rx = = 1\n",
            3,
            5,
            "invalid syntax",
            id="lone-cr-counts-as-a-line",
        ),
    ],
)
def test_syntax_errors_are_where_python_reports_them(text: str, line: int, column: int, message: str) -> None:
    loaded = python.load(text, "x.py")
    assert [(d.code, d.span.line, d.span.column, d.message) for d in loaded.diagnostics] == [
        ("MP001", line, column, f"Python syntax error: {message}")
    ]


def test_long_chain_inside_the_call_is_linted() -> None:
    chain = " + ".join(['"a"'] * 600)
    text = f"sm.create_model_package(ModelPackageGroupName={chain}, ModelApprovalStatus='No')\n"
    (req,) = python.load(text, "x.py").requests
    assert [n.value for n in req.select("ModelPackageGroupName")] == ["a" * 600]
    assert findings(text, "MP104", "MP106") == [
        ("MP106", "ModelPackageGroupName", 1, 47),
        ("MP104", "ModelApprovalStatus", 1, 3666),
    ]


def test_guard_limits_are_documented_numbers() -> None:
    assert (guard.NESTING_LIMIT, guard.DEPTH_LIMIT) == (100, 1000)


def test_fixture_files() -> None:
    with open(os.path.join(FIXTURES, "steps.py"), encoding="utf-8") as fh:
        loaded = python.load(fh.read(), "steps.py")
    assert [r.label for r in loaded.requests] == ["create_model_package@L18"]
    assert nodes(loaded.requests[0])["InferenceSpecification.Containers[0].ModelDataUrl"] == (U, 16, 70)


def test_a_function_that_changes_a_module_dict_makes_its_value_uncertain() -> None:
    """Functions that name a module container are followed; others are passed over unvisited."""
    from tests.linting import lint

    text = (
        "REQ = {'ModelPackageName': 'bad_name'}\n"
        "def unrelated(x):\n"
        "    return [i for i in range(x)]\n"
        "def tweak():\n"
        "    REQ['ModelPackageName'] = compute()\n"
        "def register(sm):\n"
        "    sm.create_model_package(**REQ)\n"
    )
    assert [f for f in lint(text, "python", dedent=False) if f[0] == "MP105"] == []
    untouched = text.replace("    REQ['ModelPackageName'] = compute()\n", "    pass\n")
    assert [f for f in lint(untouched, "python", dedent=False) if f[0] == "MP105"] == [
        ("MP105", "ModelPackageName", 1, 32)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'doc = """\n# mplint: disable-file\n"""\nsm.create_model_package(ModelPackageName="bad_name")\n',
            [("MP105", "ModelPackageName", 4, 46)],
            id="directive-in-a-docstring",
        ),
        pytest.param(
            'sm.create_model_package(ModelPackageName="bad_name # mplint: disable=MP105")\n',
            [("MP105", "ModelPackageName", 1, 46)],
            id="directive-in-a-string",
        ),
        pytest.param(
            'x = 1\x0c\nsm.create_model_package(ModelPackageName="bad_name")  # mplint: disable=MP105\n',
            [],
            id="form-feed-does-not-shift-a-comment",
        ),
        pytest.param(
            'x = 1\x0c\nsm.create_model_package(ModelPackageName="bad_name")\n# mplint: disable=MP105\n',
            [("MP105", "ModelPackageName", 2, 46)],
            id="form-feed-does-not-move-the-next-line-directive",
        ),
    ],
)
def test_python_directives_count_only_in_comments(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    from tests.linting import lint

    assert [f for f in lint(text, "python", dedent=False) if f[0] == "MP105"] == expected


@pytest.mark.slow
def test_the_compilers_warnings_about_user_code_are_not_printed(tmp_path: Path) -> None:
    path = tmp_path / "warn.py"
    path.write_text('x = 1if True else 2\ny = "\\d"\nsm.create_model_package(ModelPackageName="a_b")\n')
    ran = subprocess.run([sys.executable, "-m", "mplint", "check", "-q", str(path)], capture_output=True, text=True)
    assert (ran.returncode, ran.stderr) == (1, "")


STRING_LITERALS = [
    ('"abc"', (S, "abc")),
    ("'a\"b'", (S, 'a"b')),
    ('"""x\r\ny"""', (S, "x\ny")),  # a line end inside a literal is read as "\n", as Python does
    ("'''a\nb'''", (S, "a\nb")),
    ('r"a\\b"', (S, "a\\b")),
    ('R"x"', (S, "x")),
    ('U"\u00e9"', (S, "\u00e9")),
    ('"\\x41"', (S, "A")),
    ('"\\uZZ"', (U, None)),  # Python refuses the escape
    ('b"x"', (U, None)),
    ('Rb"x"', (U, None)),
    ('""', (S, "")),
]


@pytest.mark.parametrize(("literal", "expected"), STRING_LITERALS)
def test_string_literals_read_as_python_reads_them(literal: str, expected: tuple[Kind, object]) -> None:
    (req,) = python.load(f"sm.create_model_package(ModelPackageDescription={literal})\n", "x.py").requests
    assert [(n.kind, n.value) for n in req.select("ModelPackageDescription")] == [expected]
