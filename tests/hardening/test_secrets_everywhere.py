"""Whatever looks like a credential is masked in every excerpt and message (issue 12)."""

from __future__ import annotations

import json

import pytest
from running import every_format

from mplint.api import RunResult, lint_text
from mplint.engine.config import Config
from mplint.reporters.statistics import render as statistics

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
PASSWORD = "hunter2-secret"
URL_PASSWORD = "S3cretPass"
SECRETS = (ACCESS_KEY, SECRET_KEY, PASSWORD, URL_PASSWORD, ACCESS_KEY[:12], SECRET_KEY[:20])


def _nothing_secret(result: object) -> None:
    outs = every_format(result)  # type: ignore[arg-type]
    outs["statistics"] = statistics(RunResult(files=[result]))  # type: ignore[list-item]
    # SARIF's rule help quotes AWS's documented example keys: look at its results.
    outs["sarif"] = json.dumps(json.loads(outs["sarif"])["runs"][0]["results"])
    for fmt, out in outs.items():
        leaked = [s for s in SECRETS if s in out]
        assert leaked == [], fmt


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        pytest.param(
            "x.json",
            '{"ModelPackageGroupName": "g", "Environment": {"DB_PASSWORD": "' + PASSWORD + '" "X": 1}}\n',
            [("MP001", 1, 80)],
            id="minified-json",
        ),
        pytest.param(
            "x.yaml",
            "ModelPackageGroupName: g\nInferenceSpecification: {Containers: [{Environment: "
            "{DB_PASSWORD: " + PASSWORD + ", X: [}]}\n",
            [("MP001", 2, 87)],
            id="yaml-flow",
        ),
        pytest.param(
            "t.yaml",
            "Resources:\n  P: {Type: 'AWS::SageMaker::ModelPackage', Properties: "
            "{ModelPackageGroupName: g, Environment: {API_TOKEN: '" + PASSWORD + "', X: }}\n",
            [("MP001", 3, 1)],
            id="cloudformation-flow",
        ),
    ],
)
def test_parse_error_excerpts_mask_secret_named_values_anywhere_in_the_line(
    name: str, text: str, found: list[tuple[str, int, int]]
) -> None:
    result = lint_text(text, name, config=Config(select=("MP0",)), forced=True)
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == found
    _nothing_secret(result)


def test_a_notebook_cell_that_cannot_be_parsed_has_its_excerpt_masked() -> None:
    source = (
        'import boto3\nsm = boto3.client("sagemaker")\nsm.create_model_package(ModelPackageGroupName="g", '
        'Environment={"DB_PASSWORD": "' + PASSWORD + '"} X="' + ACCESS_KEY + '")\n'
    )
    notebook = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    result = lint_text(json.dumps(notebook), "n.ipynb", config=Config(select=("MP0",)))
    assert [(d.code, d.cell, d.span.line) for d in result.diagnostics] == [("MP001", 1, 3)]
    _nothing_secret(result)


def test_a_shadowed_duplicate_secret_is_masked() -> None:
    text = (
        "ModelPackageGroupName: g\nInferenceSpecification: {Containers: [{Image: i, Environment: "
        "{DB_PASSWORD: " + PASSWORD + ", DB_PASSWORD: other-value}}]}\n"
    )
    result = lint_text(text, "x.yaml", config=Config(select=("MP003",)), forced=True)
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [("MP003", 2, 93)]
    _nothing_secret(result)
    assert "other-value" not in every_format(result)["text"]


def test_credentials_outside_environment_are_masked_in_messages_and_excerpts() -> None:
    text = (
        "ModelPackageGroupName: g\n"
        f"ModelApprovalStatus: 'postgres://admin:{URL_PASSWORD}@db.example.com/x {ACCESS_KEY}'\n"
        f"ModelPackageDescription: 5\nTags:\n  - {{Key: {ACCESS_KEY}, Value: 6}}\n"
        f"CustomerMetadataProperties: {{k: 7, k2: {SECRET_KEY}}}\n"
        f"SkipModelValidation: '{SECRET_KEY}'\n"
    )
    result = lint_text(text, "x.yaml", config=Config(select=("MP1",)), forced=True)
    found = [(d.code, d.span.line, d.message) for d in result.diagnostics]
    assert found == [
        (
            "MP104",
            2,
            "ModelApprovalStatus 'postgres://admin:**********@db.example.c…' (65 characters) "
            "is not one of Approved, Rejected, PendingManualApproval",
        ),
        ("MP102", 3, "ModelPackageDescription must be a string, not the integer 5"),
        ("MP102", 5, "Tags[0].Value must be a string, not the integer 6"),
        ("MP102", 6, "CustomerMetadataProperties.k must be a string, not the integer 7"),
        ("MP104", 7, "SkipModelValidation '****************************************' is not one of All, None"),
    ]
    _nothing_secret(result)
