"""Consistency rules MP601-MP604 and environment rules MP605-MP606: exact findings, no leaks."""

from __future__ import annotations

from typing import Any

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.model import Kind, Node, Request, Span
from mplint.rules.consistency.containers import ImageDigestMismatch, ImageNotInEcr, ValidationContentTypeNotSupported
from mplint.rules.consistency.environment import CredentialInEnvironment, SecretNamedEnvironmentValue
from tests.linting import lint

SELECT = ("MP601", "MP602", "MP603", "MP604", "MP605", "MP606")
B = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition"
C = "InferenceSpecification.Containers[0]"
ECR = "111122223333.dkr.ecr.us-east-1.amazonaws.com"


def _validation(content: str, listed: str) -> str:
    return (
        f"InferenceSpecification: {{SupportedContentTypes: {listed}}}\n"
        "ValidationSpecification:\n  ValidationProfiles:\n"
        f"    - TransformJobDefinition: {{TransformInput: {{ContentType: '{content}'}}}}\n"
    )


def _env(**env: str) -> str:
    body = ", ".join(f"{k}: '{v}'" for k, v in env.items())
    return f"InferenceSpecification: {{Containers: [{{Image: '{ECR}/m:1', Environment: {{{body}}}}}]}}\n"


CASES = [
    pytest.param(
        _validation("application/json", "[text/csv]"),
        [("MP601", f"{B}.TransformInput.ContentType", 4, 62)],
        id="content-type",
    ),
    pytest.param(_validation("TEXT/CSV; charset=utf-8", "[text/csv]"), [], id="case-and-parameters"),
    pytest.param(_validation("text/csv", "['*/*']"), [], id="wildcard"),
    pytest.param(_validation("text/csv", "['text/*']"), [], id="type-wildcard"),
    pytest.param(_validation("text/csv", "[]"), [], id="empty-list"),
    pytest.param(
        "ValidationSpecification:\n  ValidationProfiles:\n"
        "    - TransformJobDefinition: {TransformInput: {ContentType: text/csv}}\n",
        [],
        id="no-list",
    ),
    pytest.param(
        f"InferenceSpecification: {{Containers: [{{Image: '{ECR}/m:1@sha256:{'a' * 64}'}}]}}\n", [], id="tag-and-digest"
    ),
    pytest.param(
        "InferenceSpecification: {Containers: [{Image: 'public.ecr.aws/acme/m:1'}]}\n",
        [("MP604", f"{C}.Image", 1, 47)],
        id="ecr-public",
    ),
    pytest.param(
        "AdditionalInferenceSpecifications: [{Name: n, Containers: [{Image: 'nginx'}]}]\n",
        [("MP604", "AdditionalInferenceSpecifications[0].Containers[0].Image", 1, 68)],
        id="docker-hub",
    ),
    pytest.param("InferenceSpecification: {Containers: [{Image: 'a b'}]}\n", [], id="whitespace-is-mp105"),
    pytest.param(
        _env(DB_PASSWORD="s3cr3t-pw", MAX_TOKENS="4096", TOKENIZER="bert"),
        [("MP606", f"{C}.Environment.DB_PASSWORD", 1, 126)],
        id="password",
    ),
    pytest.param(
        _env(HF_TOKEN="{{resolve:secretsmanager:hf}}", SECRET_NAME="prod/hf", API_KEY_ARN="arn:x"), [], id="references"
    ),
    pytest.param(
        _env(PRIVATE="-----BEGIN RSA PRIVATE KEY-----\\nMIIB"),
        [("MP605", f"{C}.Environment.PRIVATE", 1, 122)],
        id="pem",
    ),
    pytest.param(
        _env(SESSION="ASIAIOSFODNN7EXAMPLE"), [("MP605", f"{C}.Environment.SESSION", 1, 122)], id="session-key"
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_findings(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert lint(text, select=SELECT) == expected


def test_messages_never_echo_secrets() -> None:
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    text = _env(AWS_SECRET_ACCESS_KEY=secret, APP_API_KEY="sk-live-abcdef123456")
    result = lint_text(text, "x.yaml", config=Config(select=SELECT), forced=True)
    messages = [d.message for d in result.diagnostics]
    assert [d.code for d in result.diagnostics] == ["MP605", "MP606"]
    assert "value redacted (40 characters)" in messages[0]
    assert "value redacted (20 characters)" in messages[1]
    for m in messages:
        assert "wJalr" not in m and "EXAMPLE" not in m and "sk-live" not in m


def test_digest_fix_keeps_json_quotes() -> None:
    text = (
        f'{{"InferenceSpecification": {{"Containers": [{{"Image": "{ECR}/m@sha256:{"a" * 64}", '
        f'"ImageDigest": "sha256:{"b" * 64}"}}]}}}}'
    )
    result = lint_text(text, "x.json", config=Config(select=SELECT), forced=True)
    assert [(d.code, d.fix.replacement) for d in result.diagnostics if d.fix] == [("MP603", f'"sha256:{"a" * 64}"')]


def _n(kind: Kind, value: object, path: str) -> Node:
    return Node(kind, value, Span(1, 1, 1, 2), path)


def test_unknown_values_are_never_reported() -> None:
    env = _n(Kind.OBJECT, {"DB_PASSWORD": _n(Kind.UNKNOWN, None, f"{C}.Environment.DB_PASSWORD")}, f"{C}.Environment")
    container = _n(
        Kind.OBJECT,
        {
            "Image": _n(Kind.UNKNOWN, None, f"{C}.Image"),
            "ImageDigest": _n(Kind.STRING, "sha256:" + "b" * 64, f"{C}.ImageDigest"),
            "Environment": env,
        },
        C,
    )
    listed = _n(
        Kind.ARRAY,
        [_n(Kind.UNKNOWN, None, "InferenceSpecification.SupportedContentTypes[0]")],
        "InferenceSpecification.SupportedContentTypes",
    )
    containers = _n(Kind.ARRAY, [container], "InferenceSpecification.Containers")
    spec = _n(Kind.OBJECT, {"Containers": containers, "SupportedContentTypes": listed}, "InferenceSpecification")
    request = Request(_n(Kind.OBJECT, {"InferenceSpecification": spec}, ""))
    for rule in (
        ImageDigestMismatch,
        ImageNotInEcr,
        ValidationContentTypeNotSupported,
        CredentialInEnvironment,
        SecretNamedEnvironmentValue,
    ):
        assert list(rule().check(request)) == [], rule.code
