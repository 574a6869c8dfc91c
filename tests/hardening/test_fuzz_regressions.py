"""Inputs the fuzzer (fuzz/run.py) found to break mplint, kept so they stay fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.checks import problems
from mplint.api import lint_text
from mplint.engine.config import Config

CASES = [
    # A lone surrogate in a member name reached the JSON report through the finding's path,
    # which could not be encoded as UTF-8 (json, seed 1, 16 of 4,000 inputs).
    pytest.param(
        b'{"ModelPackageGroupName": "g", "Tags": [{"Key": "k", "\\ud800": "v"}]}', "x.json", id="surrogate-in-key-json"
    ),
    pytest.param(
        b'{"ModelPackageGroupName": "g", "CustomerMetadataProperties": {"\\udc00x": "v"}}',
        "x.json",
        id="surrogate-in-map-key-json",
    ),
    pytest.param(b'ModelPackageGroupName: g\n"\\ud800": 1\n', "x.yaml", id="surrogate-in-key-yaml"),
    # The same in a CloudFormation logical id, which names the request (cloudformation, 12 of
    # the first 500,000 inputs).
    pytest.param(
        b'{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"\\ud800Pkg": '
        b'{"Type": "AWS::SageMaker::ModelPackage", "Properties": '
        b'{"ModelPackageGroupName": "g", "CertifyForMarketplace": 1}}}}',
        "template.json",
        id="surrogate-in-logical-id",
    ),
]


FOUND = [
    # libcst reads a string with a bad \u escape that Python refuses; evaluating it raised
    # SyntaxError (python, 11 of 4,000 inputs). Now an unknown value: the rest is still checked.
    pytest.param(
        b"sm.create_model_package(ModelPackageName='a\\uZZ', CertifyForMarketplace='yes')\n",
        "x.py",
        [("MP220", None, 1, 1), ("MP102", None, 1, 73)],
        id="python-bad-escape",
    ),
    # A call cut short: tokenize put the error one line past the end of the file; now it is
    # where Python's compiler puts it, at the bracket that is never closed.
    pytest.param(
        b"import boto3\nsm = boto3.client('sagemaker')\nsm.create_model_package(",
        "x.py",
        [("MP001", None, 3, 24)],
        id="python-eof-in-call",
    ),
    # A lone surrogate escaped in a notebook's JSON made libcst raise UnicodeEncodeError.
    pytest.param(
        b'{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, '
        b'"source": "sm.create_model_package(ModelPackageName=\'\\udc00\')"}], "metadata": {}, '
        b'"nbformat": 4, "nbformat_minor": 5}',
        "x.ipynb",
        [("MP001", 1, 1, 43)],
        id="notebook-surrogate",
    ),
    # json.loads counts lines at "\n" only: a notebook with CR line ends got a line past the end.
    pytest.param(
        b'{"cells": [\r{"cell_type" "code", "source": "sm.create_model_package()"}]}',
        "x.ipynb",
        [("MP001", None, 2, 14)],
        id="notebook-cr-line-ends",
    ),
    # PyYAML's constructors index into the text: an empty !!int raised IndexError (yaml, 3 of
    # the first 100,000 inputs), a !!timestamp that is no timestamp AttributeError.
    pytest.param(b"ModelPackageGroupName: g\nTags: [!!int ]\n", "x.yaml", [("MP001", None, 2, 8)], id="yaml-empty-int"),
    pytest.param(
        b"ModelPackageGroupName: g\nTags: [!!float '']\n", "x.yaml", [("MP001", None, 2, 8)], id="yaml-empty-float"
    ),
    pytest.param(
        b"ModelPackageGroupName: g\nTags: [!!timestamp x]\n", "x.yaml", [("MP102", None, 2, 8)], id="yaml-bad-timestamp"
    ),
    pytest.param(
        b"Resources:\n  P:\n    Type: AWS::SageMaker::ModelPackage\n    Properties:\n"
        b"      ModelPackageGroupName: g\n      Tags: [!!int ]\n",
        "template.yaml",
        [("MP001", None, 6, 14)],
        id="template-empty-int",
    ),
]


INPUTS = Path(__file__).with_name("inputs")
FOUND.append(
    # "\n\r" is two line ends for editors and libcst; the syntax error's line was clamped to the
    # "\n" count, leaving column 192 on a 25-character line (python, 1 of 400,000 inputs).
    pytest.param(
        (INPUTS / "python-newline-then-cr.py.bin").read_bytes(),
        "x.py",
        [("MP001", None, 4, 24)],
        id="python-newline-then-cr",
    ),
)


@pytest.mark.parametrize(("data", "name", "expected"), FOUND)
def test_fuzz_finding(data: bytes, name: str, expected: list[tuple[str, int | None, int, int]]) -> None:
    result = lint_text(data, name, config=Config(), forced=True)
    found = [(d.code, d.cell, d.span.line, d.span.column) for d in result.diagnostics]
    assert [f for f in found if f[0] in {e[0] for e in expected}] == expected
    assert problems(result, full=True) == []


@pytest.mark.parametrize(("data", "name"), CASES)
def test_fuzz_regression(data: bytes, name: str) -> None:
    result = lint_text(data, name, config=Config(), forced=True)
    assert result.diagnostics  # each of these is a broken request
    assert problems(result, full=True) == []
