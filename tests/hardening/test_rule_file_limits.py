"""Rule-file expressions: a depth limit when loaded, a cost budget when evaluated (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from running import mplint

from mplint.rules.declarative import MAX_COST, Expression, check_expression

RULE = """- code: {code}
  name: {name}
  severity: error
  summary: A rule of the team
  scope: ""
  assert: "{expression}"
  message: Not as the team wants.
  docs:
    why: The team says so.
    fix: Do as the team says.
  examples:
    valid:
      - text: "ModelPackageDescription: d\\n"
    invalid:
      - text: "ModelPackageGroupName: g\\n"
        at: ""
        line: 1
        column: 1
"""
DEEP = "(" * 3000 + "ModelPackageDescription" + ")" * 3000
DOUBLING = "[@,@][] | " * 26 + "length(@) > `0`"


def _repository(tmp_path: Path, expression: str) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "team.yaml").write_text(
        RULE.format(code="MP960", name="team-rule", expression=expression), encoding="utf-8"
    )
    (tmp_path / "req.json").write_text(
        '{"ModelPackageGroupName": "g", "CertifyForMarketplace": "yes"}\n', encoding="utf-8"
    )
    return tmp_path


@pytest.mark.slow
def test_an_expression_nesting_3000_parentheses_is_a_rule_file_error_with_its_line(tmp_path: Path) -> None:
    repo = _repository(tmp_path, DEEP)
    ran = mplint("check", "req.json", "--rules-dir", "rules", cwd=repo)
    assert (ran.status, ran.stdout) == (2, "")
    assert ran.stderr.endswith(
        "rules/team.yaml:6: bad JMESPath in 'assert': the expression nests more than 50 levels deep\n"
    )
    assert "Traceback" not in ran.stderr


@pytest.mark.parametrize("text", ["(" * 51 + "a" + ")" * 51, "[" * 51 + "]" * 51, "!" * 5000 + "a"])
def test_the_depth_limit_refuses_every_kind_of_nesting(text: str) -> None:
    with pytest.raises(ValueError, match=r"^the expression nests more than 50 levels deep$"):
        check_expression(text)


def test_brackets_inside_quotes_do_not_count() -> None:
    check_expression("contains(ModelPackageDescription, '" + "(" * 200 + "')")
    check_expression("(" * 50 + "a" + ")" * 50)


@pytest.mark.slow
def test_an_exponential_expression_is_mp002_naming_the_rule_and_the_others_still_run(tmp_path: Path) -> None:
    repo = _repository(tmp_path, DOUBLING)
    ran = mplint("check", "req.json", "--rules-dir", "rules", "--select", "MP960,MP102", "--format", "github", cwd=repo)
    assert (ran.status, ran.stderr) == (2, "")
    assert [
        line.split("::")[1].split(",title=")[1] + "::" + line.split("::", 2)[2] for line in ran.stdout.splitlines()
    ] == [
        "MP002 internal-error::rule MP960 (team-rule) was stopped on the request: its expression "
        "`[@,@][] | [@,@][] | [@,@][] | [@,@][] | [@,@][] | [@,@][]...` needs more than 1,000,000 steps",
        "MP102 wrong-type::CertifyForMarketplace must be a boolean (true or false), not the string 'yes'",
    ]


def test_the_budget_leaves_ordinary_expressions_alone() -> None:
    big = {"Tags": [{"Key": f"k{i}", "Value": "v"} for i in range(10_000)]}
    assert Expression("length(Tags[?Key != 'x'].Value) == `10000`").truthy(big)
    assert MAX_COST == 1_000_000


def test_a_shared_doubling_is_stopped_before_to_string_walks_every_copy() -> None:
    from mplint.rules.declarative import ExpressionTooCostly

    with pytest.raises(ExpressionTooCostly):
        Expression("[@,@] | " * 60 + "length(to_string(@)) > `0`").truthy({"a": 1})


def test_a_big_request_doubled_a_little_is_stopped_too() -> None:
    from mplint.rules.declarative import ExpressionTooCostly

    request = {"Tags": [{"Key": f"k{i}", "Value": "v"} for i in range(1_000)]}  # 3,002 values written out
    assert Expression("[@,@] | " * 8 + "length(to_string(@)) > `0`").truthy(request)  # 256 copies
    with pytest.raises(ExpressionTooCostly):
        Expression("[@,@] | " * 9 + "length(to_string(@)) > `0`").truthy(request)  # 512 copies: 1.5M
