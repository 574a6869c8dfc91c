"""Suppression directives count only in comments; lines are numbered as editors number them (issue 12)."""

from __future__ import annotations

import json

from mplint.api import lint_text
from mplint.directives import scan_python
from mplint.engine.config import Config
from mplint.model import Suppressions
from tests.linting import findings

SCHEMA = Config(select=("MP1",))


def _found(text: str, name: str) -> list[tuple[str, int, int]]:
    return findings(text, name, fields=("code", "line", "column"), config=SCHEMA)


def test_a_directive_inside_a_quoted_yaml_value_is_text() -> None:
    text = 'ModelPackageGroupName: "bad name # mplint: disable=MP105"\n'
    assert _found(text, "x.yaml") == [("MP105", 1, 28)]  # the character that breaks the pattern


def test_a_disable_file_inside_a_block_scalar_is_text() -> None:
    text = "ModelPackageGroupName: g\nModelPackageDescription: |\n  text\n  # mplint: disable-file\nModelApprovalStatus: nope\n"
    assert _found(text, "x.yaml") == [("MP105", 2, 26), ("MP104", 5, 22)]


def test_a_yaml_comment_still_suppresses() -> None:
    text = 'ModelPackageGroupName: "bad name"  # mplint: disable=MP105\nModelApprovalStatus: "a # b"  # mplint: disable=MP104\n'
    assert _found(text, "x.yaml") == []


def test_python_directives_are_read_from_comments_only() -> None:
    source = (
        'DOC = """\n# mplint: disable-file\n"""\n'
        's = "x  # noqa: MP104"\n'
        "call(a=1)  # noqa: MP105\n"
        "# mplint: disable=MP106\n"
        "call(b=2)\n"
        'call(c="# mplint: disable=MP1")  # a comment # mplint: disable=MP107\n'
    )
    assert scan_python(source) == Suppressions(
        {5: frozenset({"MP105"}), 7: frozenset({"MP106"}), 8: frozenset({"MP107"})}, frozenset()
    )


def test_a_form_feed_does_not_shift_python_directives() -> None:
    source = "a = 1\n\x0c\nb = 2  # noqa: MP104\n"
    assert scan_python(source) == Suppressions({3: frozenset({"MP104"})}, frozenset())


def test_cr_only_python_lines_are_lines() -> None:
    assert scan_python("a = 1\r# noqa: MP104\rb = 2\r") == Suppressions({3: frozenset({"MP104"})}, frozenset())


def test_noqa_in_a_cr_only_notebook_cell() -> None:
    source = (
        'import boto3\rsm = boto3.client("sagemaker")\r'
        'sm.create_model_package(ModelPackageGroupName="g", ModelApprovalStatus="bad")  # noqa: MP104\r'
        'sm.create_model_package(ModelPackageGroupName="g", ModelApprovalStatus="worse")\r'
    )
    notebook = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    result = lint_text(json.dumps(notebook), "n.ipynb", config=Config(select=("MP104",)))
    assert [(d.code, d.cell, d.span.line, d.span.column) for d in result.diagnostics] == [("MP104", 1, 4, 72)]


def test_a_directive_inside_a_quoted_template_value_is_text() -> None:
    text = (
        "Resources:\n  Pkg:\n    Type: AWS::SageMaker::ModelPackage\n    Properties:\n"
        "      ModelPackageGroupName: 'bad name # mplint: disable=MP105'\n"
    )
    result = lint_text(text, "template.yaml", config=SCHEMA, forced=True)
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("MP105", 5, 34)
    ]  # the character that breaks the pattern


def test_a_docstring_holding_disable_file_in_a_notebook_cell_is_text() -> None:
    source = (
        '"""Register.\n\n# mplint: disable-file\n"""\nimport boto3\nsm = boto3.client("sagemaker")\n'
        'sm.create_model_package(ModelPackageGroupName="g", ModelApprovalStatus="bad")\n'
    )
    notebook = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    result = lint_text(json.dumps(notebook), "n.ipynb", config=Config(select=("MP104",)))
    assert [(d.code, d.cell, d.span.line, d.span.column) for d in result.diagnostics] == [("MP104", 1, 7, 72)]
