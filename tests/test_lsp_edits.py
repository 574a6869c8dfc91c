"""The language server's edits without a server: suppression comments in each format (and where
none may go), fixes as text edits, positions in UTF-16 units, member docs."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as lsp

from mplint.diagnostics import Fix
from mplint.lsp.convert import char_position, text_format
from mplint.lsp.disable import apply, file_edit, line_edit
from mplint.lsp.fixes import fix_edits
from mplint.lsp.hover import member_markdown
from mplint.model import Span
from mplint.sources.positions import LineIndex


def test_yaml_line_directive_keeps_tabs_and_merges_with_a_reason():
    assert line_edit("a: 1\t\nb: 2\n", "yaml", "MP105", 1) == (Span(1, 6, 1, 6), "# mplint: disable=MP105")
    text = "a: b  # mplint: disable=MP105 -- legacy name\n"
    edit = line_edit(text, "yaml", "MP101", 1)
    assert apply(text, edit) == "a: b  # mplint: disable=MP105,MP101 -- legacy name\n"


def test_no_yaml_line_directive_inside_a_block_or_quoted_scalar():
    block = "ModelPackageDescription: |\n  line one\n  line two\nModelPackageGroupName: a b\n"
    assert line_edit(block, "yaml", "MP106", 2) is None
    assert line_edit(block, "yaml", "MP105", 4) == (Span(4, 27, 4, 27), "  # mplint: disable=MP105")
    quoted = 'ModelPackageDescription: "one\n  two"\nX: 1\n'
    assert line_edit(quoted, "yaml", "MP106", 1) is None


def test_no_line_directive_on_an_empty_line_or_outside_the_file():
    # On a line of its own a directive means the next line, so an empty line gets none.
    assert line_edit("a: 1\n\nb: 2\n", "yaml", "MP105", 2) is None
    assert line_edit("a: 1\n", "yaml", "MP105", 0) is None
    assert line_edit("a: 1\n", "yaml", "MP105", 99) is None
    assert line_edit('{"a": 1}\n', "json", "MP105", 1) is None
    assert file_edit('{"a": 1}\n', "json", "MP105") is None


def test_file_directive_keeps_bom_line_ends_and_the_leading_block():
    # Text that keeps its BOM (editors strip it) does not read a directive on its first line, so
    # none is offered there; the BOM is never moved.
    assert file_edit("\ufeffa: 1\n", "yaml", "MP105") is None
    assert line_edit("\ufeffa: 1\nb: 2\n", "yaml", "MP105", 2) == (Span(2, 5, 2, 5), "  # mplint: disable=MP105")
    cr = "# head\ra: 1\r"
    assert apply(cr, file_edit(cr, "yaml", "MP105")) == "# head\r# mplint: disable-file=MP105\ra: 1\r"
    only_comments = "# just a comment"
    edit = file_edit(only_comments, "python", "MP001")
    assert apply(only_comments, edit) == "# just a comment\n# mplint: disable-file=MP001"
    directives = "%YAML 1.2\n---\na: 1\n"
    assert apply(directives, file_edit(directives, "yaml", "MP105")).startswith(
        "%YAML 1.2\n---\n# mplint: disable-file"
    )
    assert file_edit("", "yaml", "MP105") == (Span(1, 1, 1, 1), "# mplint: disable-file=MP105\n")


def test_python_directives_only_in_comments():
    text = 'x = """\n# mplint: disable-file=MP101\n"""\ncall(a=1)\n'
    # The string that looks like a directive is not one: a new comment goes at the top.
    assert file_edit(text, "python", "MP105") == (Span(1, 1, 1, 1), "# mplint: disable-file=MP105\n")
    assert line_edit(text, "python", "MP105", 2) is None  # inside the string
    assert apply(text, line_edit(text, "python", "MP105", 4)).endswith("call(a=1)  # noqa: MP105\n")
    merged = "call(a=1)  # mplint: disable=MP101\n"
    assert apply(merged, line_edit(merged, "python", "MP105", 1)) == "call(a=1)  # mplint: disable=MP101,MP105\n"


def test_a_huge_file_and_a_huge_line():
    text = "a: 1\n" * 100_000 + "b: " + "x" * 100_000 + "\n"
    assert line_edit(text, "yaml", "MP106", 100_001) == (
        Span(100_001, 100_004, 100_001, 100_004),
        "  # mplint: disable=MP106",
    )


def test_fix_edits_keep_the_first_of_overlapping_fixes_and_skip_what_they_cannot_write():
    text = "a: xy\nb: z\n"
    fixes = [
        Fix("second", Span(1, 4, 1, 6), "XY", kind="value", value="XY"),
        Fix("first", Span(1, 4, 1, 5), "X", kind="value", value="X"),
        Fix("key", Span(2, 1, 2, 2), "c", kind="key", value="c"),
        Fix("remove", Span(2, 1, 2, 5), "", safe=False, kind="remove"),
        Fix("backwards", Span(2, 4, 2, 1), "q"),
        Fix("beyond", Span(9, 1, 9, 2), "q"),
    ]
    assert fix_edits(text, "yaml", fixes) == [(Span(1, 4, 1, 5), "X"), (Span(2, 1, 2, 2), "c")]


def test_positions_in_utf16_units_and_formats():
    index = LineIndex("k: '\U0001f600x'\n")
    assert char_position(lsp.Position(0, 6), index) == (1, 6)  # after the emoji's two units: "x"
    assert char_position(lsp.Position(0, 99), index) == (1, 8)  # past the end: the end
    assert [
        text_format(u, p, t)
        for u, p, t in [
            ("file:///a.yml", "/a.yml", ""),
            ("file:///a.template", "/a.template", " {"),
            ("file:///a.template", "/a.template", "Resources:"),
            ("vscode-notebook-cell:/n.ipynb#x", "/n.ipynb", ""),
            ("file:///n.ipynb", "/n.ipynb", "{"),
        ]
    ] == ["yaml", "json", "yaml", "python", "notebook"]


def test_member_docs_only_for_members_of_the_api():
    head = member_markdown("CustomerMetadataProperties")
    assert head is not None and head.startswith("### CustomerMetadataProperties (map, optional)\n\n")
    assert member_markdown("CustomerMetadataProperties.team") is None  # a key of a map
    assert member_markdown("Tags[0]") is None
    assert member_markdown("Enviroment") is None
    assert member_markdown("a..[") is None
    tags = member_markdown("Tags")
    assert tags is not None and tags.startswith(
        "### Tags (list of object, optional)\n\n`CreateModelPackageInput.Tags`, shape `TagList`\n\n- items 0..50"
    )
