"""Regex cost: schema patterns run only on values within the length bounds; user patterns are bounded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from running import mplint

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.schema import Shape, load

LONG = 40_000


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Record (shape name, value length) of every schema pattern match."""
    calls: list[tuple[str, int]] = []
    real = Shape.fullmatch

    def fullmatch(self: Shape, text: str) -> bool:
        calls.append((self.name, len(text)))
        return real(self, text)

    monkeypatch.setattr(Shape, "fullmatch", fullmatch)
    return calls


def _request(mime: str, key: str, value: str) -> str:
    return (
        '{"ModelPackageGroupName": "g", "InferenceSpecification": {"Containers": [{"Image": "i"}], '
        '"SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["' + mime + '"]}, '
        '"CustomerMetadataProperties": {"' + key + '": "' + value + '"}}'
    )


def test_long_values_are_measured_never_matched(spy: list[tuple[str, int]]) -> None:
    # Near misses: a pattern would have to backtrack over the whole value to refuse them.
    text = _request("a" * LONG + "/", "k" * LONG + "\\u0000", "v" * LONG + "\\u0000")
    started = time.perf_counter()
    result = lint_text(text, "x.json", config=Config(select=("MP1",)), forced=True)
    elapsed = time.perf_counter() - started
    key = "CustomerMetadataProperties." + '"' + "k" * LONG + '\\u0000"'
    a40, k40, v40 = "a" * 40, "k" * 40, "v" * 40
    assert [(d.code, d.path[:60], d.span.column, d.message) for d in result.diagnostics] == [
        (
            "MP106",
            "InferenceSpecification.SupportedResponseMIMETypes[0]",
            161,
            f"InferenceSpecification.SupportedResponseMIMETypes[0] '{a40}…' has 40001 characters; the maximum is 1024",
        ),
        (
            "MP106",
            key[:60],
            40199,
            f"Key '{k40}…' of CustomerMetadataProperties has 40001 characters; the maximum is 128",
        ),
        (
            "MP106",
            key[:60],
            80209,
            f"CustomerMetadataProperties.\"{k40}…\" '{v40}…' has 40001 characters; the maximum is 256",
        ),
    ]
    shapes = load().shapes
    assert [(name, n) for name, n in spy if n > (shapes[name].max or n)] == []
    assert elapsed < 2  # generous: the work is linear in the input


def test_naming_policy_pattern_that_runs_away_is_stopped() -> None:
    options = {"MP210": {"model-package-name": "(a|aa)+"}}
    text = "ModelPackageName: " + "a" * 60 + "b\n"
    result = lint_text(text, "x.yaml", config=Config(select=("MP210",), options=options), forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column, d.message) for d in result.diagnostics] == [
        (
            "MP210",
            "ModelPackageName",
            1,
            19,
            "checking ModelPackageName against the naming-policy pattern '(a|aa)+' took too long and "
            "was stopped; simplify the pattern (options of MP210)",
        ),
    ]


def test_nested_quantifier_in_config_is_refused_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text(
        'select: [MP2]\noptions:\n  MP210:\n    model-package-name: "(a+)+$"\n', encoding="utf-8"
    )
    (tmp_path / "r.yaml").write_text("ModelPackageName: aaa\n", encoding="utf-8")
    ran = mplint("check", "r.yaml", cwd=tmp_path)
    assert (ran.status, ran.stdout) == (2, "")
    assert ran.stderr == (
        f"mplint: error: {tmp_path / '.mplint.yaml'}:3: option 'model-package-name' of MP210 "
        "(naming-policy): '(a+)+$' repeats a group that itself repeats, which can take exponential "
        "time on a long name; rewrite it without the nested quantifier\n"
    )


@pytest.mark.parametrize("pattern", ["team-.*", "([a-z]+-)*[a-z]+", "(a{1,3}){2}", "(?:ab)+"])
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    from mplint.rules.identity.policy import NamingOptions

    assert NamingOptions(model_package_name=pattern).model_package_name == pattern


def test_rule_files_carry_no_regular_expressions() -> None:
    from mplint.rules.declarative_format import OPTIONAL, REQUIRED

    # Checks in rule files are JMESPath, which has no regex function: nothing to bound there.
    assert not [k for k in (*REQUIRED, *OPTIONAL) if "pattern" in k or "regex" in k or "match" in k]
