"""The GitHub Actions annotation reporter: exact lines and workflow-command escaping."""

from __future__ import annotations

from mplint.api import FileResult, RunResult
from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Span
from mplint.reporters import github


def run_of(*diags: Diagnostic) -> RunResult:
    return RunResult(files=[FileResult(d.file, diagnostics=[d], requests=1) for d in diags])


def test_one_line_per_finding_with_severity_commands():
    run = run_of(
        Diagnostic(
            "MP105",
            "pattern-mismatch",
            Severity.ERROR,
            "bad name",
            Span(3, 19, 3, 32),
            "ModelPackageGroupName",
            "specs/a.yaml",
        ),
        Diagnostic("MP601", "stale-thing", Severity.WARNING, "look", Span(1, 1, 2, 4), "", "specs/b.yaml"),
        Diagnostic("MP900", "org-note", Severity.INFO, "fyi", Span(5, 2, 5, 3), "X", "specs/c.json", request="Pkg"),
    )
    assert github.render(run).splitlines() == [
        "::error file=specs/a.yaml,line=3,col=19,endLine=3,endColumn=32,title=MP105 pattern-mismatch::bad name",
        # A span over several lines gives lines only: GitHub misplaces columns on such spans.
        "::warning file=specs/b.yaml,line=1,endLine=2,title=MP601 stale-thing::look",
        "::notice file=specs/c.json,line=5,col=2,endLine=5,endColumn=3,title=MP900 org-note::fyi [Pkg]",
    ]


def test_escaping_of_message_and_properties():
    d = Diagnostic(
        "MP105",
        "pattern-mismatch",
        Severity.ERROR,
        "100% wrong: a, b\r\nnext line",
        Span(1, 2, 1, 3),
        "",
        "dir,x/50%: a.json",
    )
    assert github.render(run_of(d)) == (
        "::error file=dir%2Cx/50%25%3A a.json,line=1,col=2,endLine=1,endColumn=3,"
        "title=MP105 pattern-mismatch::100%25 wrong: a, b%0D%0Anext line\n"
    )


def test_notebook_cell_goes_into_the_title():
    d = Diagnostic(
        "MP105",
        "pattern-mismatch",
        Severity.ERROR,
        "m",
        Span(4, 1, 4, 5),
        "A",
        "nb.ipynb",
        request="create_model_package@cell2:L4",
        cell=2,
    )
    assert github.render(run_of(d)) == (
        "::error file=nb.ipynb,line=4,col=1,endLine=4,endColumn=5,title=MP105 pattern-mismatch (cell 2)"
        "::m [create_model_package@cell2:L4]\n"
    )


def test_no_findings_no_output():
    assert github.render(RunResult()) == ""


def test_a_multi_line_span_from_a_real_file_has_no_columns():
    from mplint.api import lint_text

    text = '{"ModelPackageGroupName": "g",\n "ValidationSpecification": {\n }\n}\n'
    result = lint_text(text, "specs/v.json", forced=True)
    multi = [d for d in result.diagnostics if d.span.end_line != d.span.line]
    assert multi, "the empty ValidationSpecification spans lines 2-3"
    lines = github.render(RunResult(files=[result])).splitlines()
    for d in multi:
        head = f"file=specs/v.json,line={d.span.line},endLine={d.span.end_line},title={d.code} {d.name}::"
        assert any(head in line for line in lines), lines
    assert all(",col=" not in line for line in lines if ",endLine=3," in line)
