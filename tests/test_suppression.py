"""Suppression hygiene: unused directives (MP006), unknown codes (MP007), missing reasons (MP008)."""

from __future__ import annotations

from pathlib import Path

from mplint.diagnostics import Fix
from mplint.model import Span
from tests.linting import findings, lint_file

HYGIENE = ("MP006", "MP007", "MP008")
SHAPE = ("code", "line", "column", "message")


def hygiene(text: str, name: str = "a.yaml", **settings: object) -> list[tuple[object, ...]]:
    return [r for r in findings(text, name, fields=SHAPE, **settings) if r[0] in HYGIENE]


def fixes(text: str, name: str = "a.yaml") -> list[Fix | None]:
    return [d.fix for d in lint_file(text, name).diagnostics if d.code == "MP006"]


def test_a_used_directive_is_no_finding() -> None:
    assert hygiene("ModelPackageGroupName: churn models  # mplint: disable=MP105\n") == []


def test_an_unused_directive_at_the_end_of_a_line() -> None:
    text = "ModelPackageGroupName: churn-models  # mplint: disable=MP105\n"
    assert hygiene(text) == [("MP006", 1, 38, "unused suppression of MP105: no such finding on this line")]
    assert fixes(text) == [Fix("Remove the unused directive", Span(1, 36, 1, 61), "")]


def test_an_unused_directive_on_its_own_line_is_removed_with_its_line() -> None:
    text = "# mplint: disable=MP105\nModelPackageGroupName: churn-models\n"
    assert hygiene(text) == [("MP006", 1, 1, "unused suppression of MP105: no such finding on the next line")]
    assert fixes(text) == [Fix("Remove the unused directive", Span(1, 1, 2, 1), "")]


def test_only_the_unused_code_of_a_directive_is_dropped() -> None:
    text = "ModelApprovalStatus: Approve  # mplint: disable=MP104,MP105\nModelPackageGroupName: g\n"
    assert hygiene(text) == [("MP006", 1, 31, "unused suppression of MP105: no such finding on this line")]
    assert fixes(text) == [Fix("Remove MP105 from the directive", Span(1, 49, 1, 60), "MP104")]


def test_a_code_whose_rule_did_not_run_is_not_judged() -> None:
    text = "ModelPackageGroupName: churn-models  # mplint: disable=MP105\n"
    assert hygiene(text, select=("MP006", "MP3")) == []  # MP105 was not selected
    assert hygiene(text, ignore=("MP105",)) == []
    assert hygiene(text, per_file_ignores=(("*.yaml", ("MP105",)),)) == []


def test_a_file_wide_directive() -> None:
    used = "# mplint: disable-file=MP105\nModelPackageGroupName: churn models\n"
    unused = "# mplint: disable-file=MP105\nModelPackageGroupName: churn-models\n"
    assert hygiene(used) == []
    assert hygiene(unused) == [("MP006", 1, 1, "unused suppression of MP105: no such finding in this file")]


def test_a_prefix_counts_as_used_when_it_hides_a_finding() -> None:
    assert hygiene("ModelPackageGroupName: churn models  # mplint: disable=MP1\n") == []


def test_an_unknown_code() -> None:
    text = "ModelPackageGroupName: churn models  # mplint: disable=MP1055,MP105\n"
    assert hygiene(text) == [("MP007", 1, 38, "the suppression directive names MP1055, which no rule has")]
    assert hygiene("ModelPackageGroupName: g  # mplint: disable=E501\n") == [
        ("MP007", 1, 27, "the suppression directive names E501, which no rule has")
    ]


def test_a_directive_inside_a_quoted_value_is_text() -> None:
    assert hygiene("ModelPackageDescription: 'see # mplint: disable=MP105'\nModelPackageGroupName: g\n") == []


def test_reasons_are_required_only_when_asked() -> None:
    bare = "ModelPackageGroupName: churn models  # mplint: disable=MP105\n"
    reasoned = "ModelPackageGroupName: churn models  # mplint: disable=MP105 -- legacy name, renamed in Q3\n"
    assert hygiene(bare) == []
    assert hygiene(bare, require_suppression_reason=True) == [
        ("MP008", 1, 38, "the suppression directive gives no reason after '--'")
    ]
    assert hygiene(reasoned, require_suppression_reason=True) == []
    # A reason does not change what the directive suppresses.
    assert findings(reasoned, "a.yaml", fields=("code",), select=("MP1",)) == []


def test_python_noqa_codes_of_other_linters_are_left_alone() -> None:
    head = 'import boto3\nsm = boto3.client("sagemaker")\n'
    call = 'sm.create_model_package(ModelPackageGroupName="{}", SourceUri="s3://b/m.tar.gz")'
    assert hygiene(head + call.format("churn-models") + "  # noqa: E501\n", "a.py") == []
    assert hygiene(head + call.format("churn-models") + "  # noqa\n", "a.py") == []
    assert hygiene(head + call.format("churn models") + "  # noqa: E501, MP105 -- old name\n", "a.py") == []
    text = head + call.format("churn-models") + "  # noqa: E501, MP105\n"
    assert hygiene(text, "a.py") == [("MP006", 3, 93, "unused suppression of MP105: no such finding on this line")]
    assert fixes(text, "a.py") == [Fix("Remove MP105 from the directive", Span(3, 101, 3, 112), "E501")]


def test_python_directive_in_a_string_is_not_a_directive() -> None:
    text = (
        'import boto3\nsm = boto3.client("sagemaker")\n'
        'sm.create_model_package(ModelPackageGroupName="g", ModelPackageDescription="# noqa: MP105",'
        ' SourceUri="s3://b/m.tar.gz")\n'
    )
    assert hygiene(text, "a.py") == []


def test_cloudformation_template() -> None:
    text = (
        "Resources:\n"
        "  Model:\n"
        "    Type: AWS::SageMaker::ModelPackage\n"
        "    Properties:\n"
        "      ModelPackageGroupName: churn-models  # mplint: disable=MP105\n"
        "      ModelApprovalStatus: Approve  # mplint: disable=MP104\n"
    )
    assert hygiene(text, "template.yaml") == [
        ("MP006", 5, 44, "unused suppression of MP105: no such finding on this line")
    ]


def test_hygiene_findings_can_be_ignored_and_suppressed() -> None:
    text = "ModelPackageGroupName: churn-models  # mplint: disable=MP105\n"
    assert hygiene(text, ignore=("MP006",)) == []
    assert hygiene("# mplint: disable-file=MP006\n" + text) == []


def test_many_directives() -> None:
    lines = [f"# mplint: disable=MP105 -- n{i}\n" for i in range(20_000)]
    found = hygiene("".join(lines) + "ModelPackageGroupName: churn models\n")
    assert len(found) == 19_999
    assert found[0] == ("MP006", 1, 1, "unused suppression of MP105: no such finding on the next line")
    assert ("MP006", 20_000, 1, "unused suppression of MP105: no such finding on the next line") not in found


def test_line_endings_a_bom_and_encodings_give_the_same_place() -> None:
    text = "ModelPackageGroupName: churn-models  # mplint: disable=MP105\n"
    want = [("MP006", 1, 38, Span(1, 36, 1, 61))]
    for variant in (
        text,
        "\ufeff" + text,
        text.replace("\n", "\r\n"),
        text.encode("utf-16"),
        b"\xef\xbb\xbf" + text.encode(),
    ):
        got = findings(variant, "a.yaml", fields=("code", "line", "column"), select=("MP1", "MP006"))
        assert got == [w[:3] for w in want], variant
        fixes_ = [d.fix.span for d in lint_file(variant, "a.yaml", select=("MP1", "MP006")).diagnostics if d.fix]
        assert fixes_ == [want[0][3]], variant


def test_python_crlf() -> None:
    text = (
        'import boto3\r\nsm = boto3.client("sagemaker")\r\n'
        'sm.create_model_package(ModelPackageGroupName="g", SourceUri="s3://b/m")  # noqa: MP105\r\n'
    )
    assert hygiene(text, "a.py") == [("MP006", 3, 75, "unused suppression of MP105: no such finding on this line")]
    assert fixes(text, "a.py") == [Fix("Remove the unused directive", Span(3, 73, 3, 88), "")]


def test_fix_removes_unused_directives(tmp_path: Path) -> None:
    from tests.linting import invoke

    f = tmp_path / "a.yaml"
    f.write_bytes(
        b"ModelPackageGroupName: churn-models  # mplint: disable=MP105\r\n"
        b"# mplint: disable=MP104\r\n"
        b"ModelApprovalStatus: Approve  # mplint: disable=MP104,MP105 -- old\r\n"
        b"SourceUri: s3://b/m.tar.gz\r\n"
    )
    r = invoke("check", str(f), "--no-cache", "--fix", "--select", "MP1,MP006")
    assert r.exit_code == 0  # both MP104 directives cover the finding on line 3
    assert f.read_bytes() == (
        b"ModelPackageGroupName: churn-models\r\n"
        b"# mplint: disable=MP104\r\n"
        b"ModelApprovalStatus: Approve  # mplint: disable=MP104 -- old\r\n"
        b"SourceUri: s3://b/m.tar.gz\r\n"
    )
