"""Secrets: no output format ever shows a planted secret; messages say how long it was."""

from __future__ import annotations

import pytest
from running import every_format, mplint

from mplint import secrets
from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.model import Kind, Node, Span

SECRET_KEY = "Zq3vR8tLm2Wx9Yk4Hs7Dp1Fg6Jc5Nb0Ae2Ui8OoQ"  # 40 characters, mixed
PASSWORD = "correct-horse-battery-staple-42"
TOKEN = "8675309123"
GITHUB = "ghp_PlantedTokenAboveAFinding0123456789"
ACCESS_ID = "AKIAPLANTEDKEYID0001"
PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7planted"
CARD = "planted model card content 7f3a"
PLANTED = (SECRET_KEY, PASSWORD, TOKEN, GITHUB, ACCESS_ID, PEM_BODY, CARD)

REQUEST = f"""\
ModelPackageGroupName: churn-models
InferenceSpecification:
  Containers:
    - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
      Environment:
        AWS_SECRET_ACCESS_KEY: {SECRET_KEY}
        DB_PASSWORD: {PASSWORD}
        API_TOKEN: {TOKEN}
        GITHUB_TOKEN: {GITHUB}
        BAD-NAME: finding-below-a-secret
        SOME_SETTING: {ACCESS_ID}
        TLS_KEY: |
          -----BEGIN PRIVATE KEY-----
          {PEM_BODY}
          -----END PRIVATE KEY-----
  SupportedContentTypes: [text/csv]
  SupportedResponseMIMETypes: [text/csv]
  SupportedRealtimeInferenceInstanceTypes: [ml.m5.xlarge]
  SupportedTransformInstanceTypes: [ml.m5.xlarge]
ModelCard:
  ModelCardContent: 12{CARD}
  ModelCardStatus: Draft
"""


def _leaks(text: str) -> list[str]:
    return [s for s in PLANTED if s in text]


def test_no_format_shows_a_planted_secret() -> None:
    result = lint_text(REQUEST, "request.yaml", forced=True)
    codes = [(d.code, d.span.line) for d in result.diagnostics]
    # The findings sit on the secrets' lines, and one on the line below a secret.
    assert ("MP605", 6) in codes and ("MP606", 7) in codes and ("MP102", 8) in codes
    assert ("MP105", 10) in codes
    outputs = every_format(result)
    assert {name: _leaks(text) for name, text in outputs.items()} == {
        "text": [],
        "json": [],
        "sarif": [],
        "github": [],
        "lsp": [],
    }


def test_messages_say_how_long_the_value_was() -> None:
    result = lint_text(REQUEST, "request.yaml", forced=True)
    by_line = {(d.code, d.span.line): d.message for d in result.diagnostics}
    assert by_line[("MP102", 8)] == (
        "InferenceSpecification.Containers[0].Environment.API_TOKEN must be a string, "
        "not the integer value redacted (10 characters)"
    )
    assert "value redacted (40 characters)" in by_line[("MP605", 6)]


def test_text_excerpt_masks_the_secret_spans() -> None:
    result = lint_text(REQUEST, "request.yaml", forced=True)
    text = every_format(result)["text"]
    assert " 6 |         AWS_SECRET_ACCESS_KEY: " + "*" * 40 in text.split("\n")
    assert result.redactions[:3] == [Span(6, 32, 6, 72), Span(7, 22, 7, 53), Span(8, 20, 8, 30)]


@pytest.mark.slow
def test_cli_output_never_shows_a_secret(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "request.yaml").write_text(REQUEST, encoding="utf-8")
    for fmt in ("text", "json", "sarif", "github"):
        ran = mplint("check", "request.yaml", "--format", fmt, cwd=tmp_path)
        assert (ran.status, _leaks(ran.stdout), ran.stderr) == (1, [], "")


def test_unparsable_file_masks_secret_looking_lines() -> None:
    text = f'ModelPackageGroupName: g\nInferenceSpecification:\n  Environment: {{DB_PASSWORD: "{PASSWORD}\n'
    result = lint_text(text, "broken.yaml", forced=True)
    assert [d.code for d in result.diagnostics] == ["MP001"]
    assert _leaks(every_format(result)["text"]) == []


@pytest.mark.parametrize(
    ("path", "kind", "value", "secret"),
    [
        ("InferenceSpecification.Containers[0].Environment.DB_PASSWORD", Kind.STRING, "x", True),
        ("InferenceSpecification.Containers[0].Environment.apiKey", Kind.STRING, "x", True),
        ("InferenceSpecification.Containers[0].Environment.PRIVATE_KEY_PEM", Kind.STRING, "x", True),
        (
            "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.Environment.HF_TOKEN",
            Kind.STRING,
            "x",
            True,
        ),
        ("InferenceSpecification.Containers[0].Environment.PLAIN", Kind.STRING, ACCESS_ID, True),
        ("InferenceSpecification.Containers[0].Environment.PLAIN", Kind.STRING, "ml.m5.xlarge", False),
        ("InferenceSpecification.Containers[0].Environment.TOKENIZER", Kind.STRING, "bert", False),
        ("InferenceSpecification.Containers[0].Environment.API_TOKEN", Kind.NUMBER, 12, True),
        ("InferenceSpecification.Containers[0].Environment.API_TOKEN", Kind.UNKNOWN, None, False),
        ("ModelCard.ModelCardContent", Kind.STRING, "{}", True),
        ("ModelPackageDescription", Kind.STRING, ACCESS_ID, False),
    ],
)
def test_what_counts_as_secret(path: str, kind: Kind, value: object, secret: bool) -> None:
    assert secrets.is_secret(Node(kind, value, Span(1, 1, 1, 2), path)) is secret


PYTHON = f'''import boto3
sm = boto3.client("sagemaker")
ENV = {{
    "DB_PASSWORD": "{PASSWORD}",
    "API_TOKEN": {TOKEN},
}}
sm.create_model_package(
    ModelPackageGroupName="churn-models",
    InferenceSpecification={{"Containers": [{{"Image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/c:1",
                                            "Environment": ENV}}]}},
)
'''


def test_python_and_notebook_sources_redact_too() -> None:
    import json

    notebook = json.dumps(
        {
            "cells": [
                {"cell_type": "markdown", "metadata": {}, "source": "# Register"},
                {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": PYTHON},
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )
    for text, name in ((PYTHON, "register.py"), (notebook, "register.ipynb")):
        result = lint_text(text, name, forced=True)
        assert [(d.code, d.cell, d.span.line) for d in result.diagnostics if d.code in ("MP102", "MP606")] == [
            ("MP606", None if name.endswith(".py") else 2, 4),
            ("MP102", None if name.endswith(".py") else 2, 5),
        ]
        outputs = every_format(result)
        assert {k: _leaks(v) for k, v in outputs.items()} == {k: [] for k in outputs}
        assert "*" * 10 in outputs["text"]


def test_secret_nodes_are_exactly_the_nodes_is_secret_accepts() -> None:
    from mplint.sources import yaml_source

    text = REQUEST + (
        "AdditionalInferenceSpecifications:\n"
        "  - Containers:\n"
        "      - Environment: {PLAIN: x, MY_SECRET: y, NESTED: {TOKEN: z}}\n"
        "ValidationSpecification:\n"
        "  ValidationProfiles:\n"
        "    - TransformJobDefinition: {Environment: {API_KEY: k, Other: [1, 2]}}\n"
    )
    root = yaml_source.load(text, "request.yaml").requests[0].root
    expected = [n.path for n in root.walk() if secrets.is_secret(n)]
    assert sorted(n.path for n in secrets.secret_nodes(root)) == sorted(expected)
    assert "ModelCard.ModelCardContent" in expected
    assert "AdditionalInferenceSpecifications[0].Containers[0].Environment.MY_SECRET" in expected
    assert "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.Environment.API_KEY" in expected


def test_a_json_request_finds_its_secrets_from_the_environments_its_source_collected() -> None:
    import json as json_module

    import yaml

    from mplint.sources import json_source

    doc = yaml.safe_load(REQUEST)
    doc["Bogus"] = {"Environment": {"DB_PASSWORD": "hunter2-but-longer"}, "x": [{"Environment": {"TOKEN": "t0k3n"}}]}
    request = json_source.load(json_module.dumps(doc, indent=2), "request.json").requests[0]
    walked = sorted(n.path for n in secrets.secret_nodes(request.root))
    assert sorted(n.path for n in secrets.request_secrets(request)) == walked
    assert "Bogus.Environment.DB_PASSWORD" in walked and "Bogus.x[0].Environment.TOKEN" in walked


@pytest.mark.parametrize(
    "text, name",
    [
        ("just a string\n", "r.yaml"),
        ("- [1, {Environment: {TOKEN: abc123}}]\n", "r.yaml"),
        ('"just a string"', "r.json"),
        ("42", "r.json"),
    ],
)
def test_a_request_that_is_not_a_mapping_is_searched_for_secrets_without_failing(text: str, name: str) -> None:
    result = lint_text(text, name, config=Config(), forced=True)
    assert result.diagnostics and all(d.code != "MP002" for d in result.diagnostics)


def test_messages_are_scrubbed_only_when_a_candidate_value_appears_in_them() -> None:
    from mplint import sources
    from mplint.api import FileResult
    from mplint.diagnostics import Diagnostic, Severity
    from mplint.engine import redaction

    loaded = sources.load(REQUEST, "request.yaml", "yaml")
    assert loaded is not None
    candidates = secrets.request_candidates(loaded.requests[0])
    assert secrets.shown_in(candidates, f"x {PASSWORD[:40]} y")
    assert secrets.shown_in(candidates, f"cut: {SECRET_KEY[:40]}…")
    assert not secrets.shown_in(candidates, "nothing secret here")
    multiline = [(None, Node(Kind.STRING, "line one\nline two", Span(1, 1, 1, 2), "Environment.K"))]
    assert secrets.shown_in(multiline, "value 'line one\\nline two'")
    assert not secrets.shown_in(multiline, "value 'line one'")

    def finding(message: str) -> Diagnostic:
        return Diagnostic("MP999", "test", Severity.ERROR, message, Span(1, 1, 1, 2), "")

    clean, leaking = finding("no value of the request"), finding(f"quotes {PASSWORD} from elsewhere")
    out = redaction.redact(FileResult("request.yaml"), loaded, [clean, leaking])
    assert out[0] is clean
    assert PASSWORD not in out[1].message and f"value redacted ({len(PASSWORD)} characters)" in out[1].message


def test_a_notebook_secret_written_in_another_cell_is_masked_in_its_cell() -> None:
    import json

    env_cell, call_cell = PYTHON.split("sm.create_model_package(")
    notebook = json.dumps(
        {
            "cells": [
                {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": env_cell},
                {
                    "cell_type": "code",
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                    "source": "sm.create_model_package(" + call_cell,
                },
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )
    result = lint_text(notebook, "register.ipynb", forced=True)
    # The secrets are written in cell 1 (lines 4 and 5); the call is in cell 2.
    assert [(d.code, d.cell, d.span.line, d.request) for d in result.diagnostics if d.code in ("MP102", "MP606")] == [
        ("MP606", 1, 4, "create_model_package@cell2:L1"),
        ("MP102", 1, 5, "create_model_package@cell2:L1"),
    ]
    assert {cell: [s.line for s in spans] for cell, spans in result.cell_redactions.items()} == {1: [4, 5]}
    outputs = every_format(result)
    assert {k: _leaks(v) for k, v in outputs.items()} == {k: [] for k in outputs}
    assert "*" * 10 in outputs["text"]
