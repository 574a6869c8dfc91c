"""Quick fixes, disable actions, fix-all and hovers of ``mplint lsp``, driven over stdio as an
editor drives them: the server publishes, the client asks for actions, applies their edits and
sees what the server publishes then."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from mplint.result import help_uri
from tests.lsp_client import Client, found, open_doc

pytestmark = pytest.mark.slow
pytest.importorskip("pygls")

YAML = (
    "# registered by CI\n"
    "ModelPackageGroupName: churn\n"
    "InferenceSpecification:\n"
    "  Containers:\n"
    "    - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1\n"
    "  SupportedTransformInstanceTypes: [ml.m5.xlarg]\n"
    "  SupportedContentTypes: [text/csv]\n"
    "  SupportedResponseMIMETypes: [text/csv]\n"
    "ModelApprovalStatus: Approved\n"
    "Tags:\n"
    "  - {Key: team, Value: growth, Bad: 1}\n"
)


@pytest.fixture
def client(tmp_path):
    (tmp_path / ".mplint.yaml").write_text("select: [MP1, MP301]\n", encoding="utf-8")
    c = Client(tmp_path)
    yield c
    c.kill()


def rng(l1: int, c1: int, l2: int, c2: int) -> dict[str, Any]:
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


def actions_for(client: Client, uri: str, diags: list[dict], only: list[str] | None = None) -> list[dict]:
    context: dict[str, Any] = {"diagnostics": diags}
    if only is not None:
        context["only"] = only
    return client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diags[0]["range"] if diags else rng(0, 0, 0, 0), "context": context},
    )


def summary(actions: list[dict], uri: str) -> list[tuple]:
    """Return (title, kind, isPreferred, [(range, newText)]) of each action."""
    return [
        (
            a["title"],
            a["kind"],
            a.get("isPreferred"),
            [(e["range"], e["newText"]) for e in a["edit"]["changes"][uri]],
        )
        for a in actions
    ]


def apply(text: str, edits: list[tuple[dict, str]]) -> str:
    """Apply LSP edits (ASCII text, so UTF-16 units are characters) as an editor does."""
    lines = [*text.splitlines(keepends=True), ""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    out = text
    for r, new in sorted(edits, key=lambda e: (e[0]["start"]["line"], e[0]["start"]["character"]), reverse=True):
        a = starts[r["start"]["line"]] + r["start"]["character"]
        b = starts[r["end"]["line"]] + r["end"]["character"]
        out = out[:a] + new + out[b:]
    return out


def change(client: Client, uri: str, text: str, version: int) -> dict:
    client.notify(
        "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}
    )
    return client.diagnostics(uri)


def test_value_fix_and_disable_actions_in_yaml_then_the_finding_goes(client, tmp_path):
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "req.yaml", YAML, "yaml")
    params = client.diagnostics(uri)
    assert found(params) == [("MP301", 1, 5, 36, 5, 47), ("MP101", 1, 10, 31, 10, 34)]
    mp301 = params["diagnostics"][0]
    assert mp301["codeDescription"] == {"href": help_uri("MP301")}
    assert mp301["data"]["fix"]["kind"] == "value" and mp301["data"]["fix"]["safe"] is True
    actions = actions_for(client, uri, [mp301])
    fix = [(rng(5, 36, 5, 47), "ml.m5.xlarge")]
    assert summary(actions, uri) == [
        ("Replace with 'ml.m5.xlarge'", "quickfix", True, fix),
        ("Disable MP301 on this line", "quickfix", None, [(rng(5, 48, 5, 48), "  # mplint: disable=MP301")]),
        ("Disable MP301 in this file", "quickfix", None, [(rng(1, 0, 1, 0), "# mplint: disable-file=MP301\n")]),
        ("Fix all mplint problems", "source.fixAll.mplint", None, fix),
    ]
    assert [a["diagnostics"] for a in actions[:3]] == [[mp301]] * 3
    # The line's directive: MP301 goes, MP101 on another line stays.
    on_line = apply(YAML, summary(actions, uri)[1][3])
    assert on_line.splitlines()[5] == "  SupportedTransformInstanceTypes: [ml.m5.xlarg]  # mplint: disable=MP301"
    assert [c for c, *_ in found(change(client, uri, on_line, 2))] == ["MP101"]
    # The file's directive goes after the leading comment.
    in_file = apply(YAML, summary(actions, uri)[2][3])
    assert in_file.startswith("# registered by CI\n# mplint: disable-file=MP301\nModelPackageGroupName: churn\n")
    assert [c for c, *_ in found(change(client, uri, in_file, 3))] == ["MP101"]
    # The quick fix itself.
    assert [c for c, *_ in found(change(client, uri, apply(YAML, fix), 4))] == ["MP101"]
    assert client.close() == 0


def test_an_existing_yaml_directive_gets_the_code_added(client, tmp_path):
    client.initialize(tmp_path)
    text = YAML.replace("Bad: 1}\n", "Bad: 1}  # mplint: disable=MP105\n").replace(
        "# registered by CI\n", "%YAML 1.2\n---\n# mplint: disable-file=MP109\n"
    )
    uri = open_doc(client, tmp_path / "req.yaml", text, "yaml")
    diags = client.diagnostics(uri)["diagnostics"]
    mp101 = diags[1]
    assert (mp101["code"], mp101["range"]) == ("MP101", rng(12, 31, 12, 34))
    titled = {t: edits for t, _, _, edits in summary(actions_for(client, uri, [mp101]), uri)}
    assert titled == {
        "Disable MP101 on this line": [(rng(12, 63, 12, 63), ",MP101")],
        "Disable MP101 in this file": [(rng(2, 28, 2, 28), ",MP101")],
        "Fix all mplint problems": [(rng(7, 36, 7, 47), "ml.m5.xlarge")],
    }
    merged = apply(text, titled["Disable MP101 on this line"])
    assert merged.splitlines()[12] == "  - {Key: team, Value: growth, Bad: 1}  # mplint: disable=MP105,MP101"
    assert [c for c, *_ in found(change(client, uri, merged, 2))] == ["MP301"]
    assert client.close() == 0


PYTHON = (
    "#!/usr/bin/env python\r\n"
    "# -*- coding: utf-8 -*-\r\n"
    "import boto3\r\n"
    "sm = boto3.client('sagemaker')\r\n"
    "sm.create_model_package(ModelPackageGroupName='a b', ModelApprovalStatus='Approved')  # noqa: E501\r\n"
)


def test_disable_actions_in_python_keep_crlf_and_merge_with_noqa(client, tmp_path):
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "register.py", PYTHON, "python")
    diags = client.diagnostics(uri)["diagnostics"]
    assert [(d["code"], d["range"]) for d in diags] == [("MP105", rng(4, 48, 4, 49))]  # the space of 'a b'
    end = len(PYTHON.splitlines()[4])
    assert summary(actions_for(client, uri, diags), uri) == [
        ("Disable MP105 on this line", "quickfix", None, [(rng(4, end, 4, end), ", MP105")]),
        ("Disable MP105 in this file", "quickfix", None, [(rng(2, 0, 2, 0), "# mplint: disable-file=MP105\r\n")]),
    ]
    on_line = PYTHON.replace("# noqa: E501", "# noqa: E501, MP105")
    assert change(client, uri, on_line, 2)["diagnostics"] == []
    assert change(client, uri, PYTHON, 3)["diagnostics"] == diags
    in_file = PYTHON.replace("import boto3", "# mplint: disable-file=MP105\r\nimport boto3")
    assert change(client, uri, in_file, 4)["diagnostics"] == []
    assert client.close() == 0


def test_no_line_directive_where_a_comment_would_be_text_or_break_the_code(client, tmp_path):
    client.initialize(tmp_path)
    text = "import boto3\nboto3.client('sagemaker').create_model_package(ModelPackageGroupName='a b', \\\n    ModelPackageDescription='x')\n"
    uri = open_doc(client, tmp_path / "register.py", text, "python")
    diags = client.diagnostics(uri)["diagnostics"]
    assert [(d["code"], d["range"]) for d in diags] == [("MP105", rng(1, 71, 1, 72))]
    # A comment after the line's backslash would be a syntax error: only the file's directive.
    assert [a["title"] for a in actions_for(client, uri, diags)] == ["Disable MP105 in this file"]
    assert client.close() == 0


def test_json_offers_the_fix_but_no_disable_action(client, tmp_path):
    client.initialize(tmp_path)
    text = '{"ModelPackageGroupName": "churn",\n "InferenceSpecification": {"SupportedTransformInstanceTypes": ["ml.m5.xlarg"]}}\n'
    uri = open_doc(client, tmp_path / "req.json", text, "json")
    diags = [d for d in client.diagnostics(uri)["diagnostics"] if d["code"] == "MP301"]
    assert summary(actions_for(client, uri, diags), uri) == [
        ("Replace with 'ml.m5.xlarge'", "quickfix", True, [(rng(1, 64, 1, 77), '"ml.m5.xlarge"')]),
        ("Fix all mplint problems", "source.fixAll.mplint", None, [(rng(1, 64, 1, 77), '"ml.m5.xlarge"')]),
    ]
    assert client.close() == 0


def test_key_fix_unsafe_fix_and_remove_fix_from_diagnostic_data(client, tmp_path):
    """A fix travels in the diagnostic's data and comes back with the request, as editors echo it."""
    client.initialize(tmp_path)
    text = "ModelPackageGroupName: churn\nModelAprovalStatus: Approved\n"
    uri = open_doc(client, tmp_path / "req.yaml", text, "yaml")
    client.diagnostics(uri)

    def diag(kind: str, safe: bool, value: Any) -> dict:
        fix = {"title": "Rename to 'ModelApprovalStatus'", "replacement": "ModelApprovalStatus", "range": [1, 0, 1, 18]}
        fix.update({"span": [2, 1, 2, 19], "safe": safe, "kind": kind, "value": value})
        return {"range": rng(1, 0, 1, 18), "message": "m", "code": "MP101", "source": "mplint", "data": {"fix": fix}}

    key = actions_for(client, uri, [diag("key", True, "ModelApprovalStatus")], only=["quickfix"])
    assert summary(key, uri)[0] == (
        "Rename to 'ModelApprovalStatus'",
        "quickfix",
        True,
        [(rng(1, 0, 1, 18), "ModelApprovalStatus")],
    )
    unsafe = actions_for(client, uri, [diag("key", False, "ModelApprovalStatus")], only=["quickfix"])
    assert summary(unsafe, uri)[0][:3] == ("Rename to 'ModelApprovalStatus' (unsafe)", "quickfix", None)
    said = diag("text", False, None)
    said["data"]["fix"]["title"] = "Rewrite the request as JSON (unsafe: comments go)"
    assert actions_for(client, uri, [said], only=["quickfix"])[0]["title"] == said["data"]["fix"]["title"]
    # A removal whose span is not exactly one member (here: the key alone) is not written.
    partial = actions_for(client, uri, [diag("remove", False, None)], only=["quickfix"])
    assert [a["title"] for a in partial] == ["Disable MP101 on this line", "Disable MP101 in this file"]
    member = diag("remove", False, None)
    member["data"]["fix"].update({"title": "Remove 'ModelAprovalStatus'", "span": [2, 1, 2, 29]})
    removal = actions_for(client, uri, [member], only=["quickfix"])
    assert summary(removal, uri)[0] == (
        "Remove 'ModelAprovalStatus' (unsafe)",
        "quickfix",
        None,
        [(rng(1, 0, 2, 0), "")],
    )
    other = {"range": rng(1, 0, 1, 18), "message": "x", "code": "E1", "source": "other"}
    assert actions_for(client, uri, [other], only=["quickfix"]) == []
    assert client.close() == 0


def test_fix_all_applies_every_safe_fix_once(client, tmp_path):
    client.initialize(tmp_path)
    text = YAML.replace("[ml.m5.xlarg]", "[ml.m5.xlarg, ml.c5.xlarg]")
    uri = open_doc(client, tmp_path / "req.yaml", text, "yaml")
    assert [c for c, *_ in found(client.diagnostics(uri))] == ["MP301", "MP301", "MP101"]
    actions = actions_for(client, uri, [], only=["source.fixAll"])
    edits = [(rng(5, 36, 5, 47), "ml.m5.xlarge"), (rng(5, 49, 5, 60), "ml.c5.xlarge")]
    assert summary(actions, uri) == [("Fix all mplint problems", "source.fixAll.mplint", None, edits)]
    assert [c for c, *_ in found(change(client, uri, apply(text, edits), 2))] == ["MP101"]
    assert actions_for(client, uri, [], only=["source.fixAll.mplint"]) == []  # nothing left to fix
    assert actions_for(client, uri, [], only=["refactor"]) == []
    assert client.close() == 0


def hover(client: Client, uri: str, line: int, character: int) -> Any:
    return client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
    )


def test_hover_on_a_finding_shows_the_rules_page(client, tmp_path):
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "req.yaml", YAML, "yaml")
    client.diagnostics(uri)
    explain = subprocess.run(
        [sys.executable, "-m", "mplint", "explain", "MP301"], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    result = hover(client, uri, 5, 40)
    assert result["range"] == rng(5, 36, 5, 47)  # the finding's
    assert result["contents"]["kind"] == "markdown"
    value = result["contents"]["value"]
    assert value.startswith(
        "### MP301 unknown-instance-type (error, built-in)\nFix: safe (applied by --fix, where the fix is certain)\n\nFinds an instance type"
    )
    assert value == f"### {explain.rstrip()}\n\n[MP301 documentation]({help_uri('MP301')})"
    assert client.close() == 0


def test_hover_on_a_member_name_shows_its_api_docs_and_nothing_elsewhere(client, tmp_path):
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "req.yaml", YAML, "yaml")
    client.diagnostics(uri)
    result = hover(client, uri, 8, 3)
    assert result["range"] == rng(8, 0, 8, 19)  # the key's
    value = result["contents"]["value"]
    assert value.startswith(
        "### ModelApprovalStatus (string, optional)\n\n"
        "`CreateModelPackageInput.ModelApprovalStatus`, shape `ModelApprovalStatus`\n\n"
        "- one of `Approved`, `Rejected`, `PendingManualApproval`\n\n"
        "Whether the model is approved for deployment."
    )
    image = hover(client, uri, 4, 8)["contents"]["value"]
    assert image.startswith(
        "### Image (string, optional)\n\n`ModelPackageContainerDefinition.Image`, shape `ContainerImage`\n\n- pattern `[\\S]+`\n- length 0..255\n\n"
    )
    assert hover(client, uri, 8, 25) is None  # the value "Approved"
    assert hover(client, uri, 0, 5) is None  # the comment
    assert client.close() == 0


def test_hover_on_a_python_keyword_argument(client, tmp_path):
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "register.py", PYTHON, "python")
    client.diagnostics(uri)
    start = PYTHON.splitlines()[4].index("ModelApprovalStatus")
    result = hover(client, uri, 4, start + 3)
    assert result["range"] == rng(4, start, 4, start + len("ModelApprovalStatus"))  # the keyword's
    value = result["contents"]["value"]
    assert value.startswith(
        "### ModelApprovalStatus (string, optional)\n\n`CreateModelPackageInput.ModelApprovalStatus`"
    )
    assert hover(client, uri, 4, 48)["contents"]["value"].startswith(
        "### MP105 pattern-mismatch (error, built-in)\nFix: no\n\n"
    )
    assert hover(client, uri, 2, 3) is None  # "import"
    assert client.close() == 0


def test_hostile_requests_get_empty_answers_not_errors(client, tmp_path):
    client.initialize(tmp_path)
    closed = (tmp_path / "never-opened.yaml").as_uri()
    assert hover(client, closed, 0, 0) is None
    assert actions_for(client, closed, []) is None
    uri = open_doc(client, tmp_path / "req.yaml", YAML, "yaml")
    client.diagnostics(uri)
    assert hover(client, uri, 10_000, 10_000) is None  # past the end
    assert hover(client, uri, 10, 10_000) is None  # past a line's end
    junk = [
        {"range": rng(5, 36, 5, 47), "message": "m", "code": "MP301", "source": "mplint", "data": data}
        for data in (
            None,
            "x",
            {"fix": "x"},
            {"fix": {"title": "t"}},
            {"fix": {"span": [1], "title": "t", "replacement": ""}},
        )
    ]
    # Fixes that cannot be read are not offered; the disable actions are, once per code and line.
    assert [a["title"] for a in actions_for(client, uri, junk, only=["quickfix"])] == [
        "Disable MP301 on this line",
        "Disable MP301 in this file",
    ]
    many = [
        {"range": rng(k % 11, 0, k % 11, 1), "message": "m", "code": f"MP{100 + k % 7}", "source": "mplint"}
        for k in range(2000)
    ]
    offered = [(a["title"], str(a["edit"])) for a in actions_for(client, uri, many, only=["quickfix"])]
    assert len(offered) == len(set(offered))  # one action per code and line, one per code for the file
    assert sorted(t for t, _ in offered if t.endswith("in this file")) == [
        f"Disable MP{100 + k} in this file" for k in range(7)
    ]
    assert client.close() == 0


def test_no_quick_fix_from_diagnostics_of_an_older_text(client, tmp_path):
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "req.yaml", YAML, "yaml")
    mp301 = client.diagnostics(uri)["diagnostics"][0]
    # A line typed above the finding: until the server publishes again, the fix's span is stale.
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "# new line\n" + YAML}]},
    )
    moved = {**mp301, "range": rng(6, 36, 6, 47)}  # where the editor has moved it
    assert [a["title"] for a in actions_for(client, uri, [moved], only=["quickfix"])] == [
        "Disable MP301 on this line",
        "Disable MP301 in this file",
    ]
    fresh = client.diagnostics(uri)["diagnostics"][0]
    titles = [a["title"] for a in actions_for(client, uri, [fresh], only=["quickfix"])]
    assert titles == ["Replace with 'ml.m5.xlarge'", "Disable MP301 on this line", "Disable MP301 in this file"]
    assert client.close() == 0


def test_a_parse_error_gets_no_disable_action(client, tmp_path):
    """A file that cannot be read has no directives the engine reads: offering one would not work."""
    (tmp_path / ".mplint.yaml").write_text("select: [MP001, MP1]\n", encoding="utf-8")
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "req.yaml", "ModelPackageGroupName: [a\n", "yaml")
    diags = client.diagnostics(uri)["diagnostics"]
    assert [d["code"] for d in diags] == ["MP001"]
    assert actions_for(client, uri, diags) == []
    assert client.close() == 0
