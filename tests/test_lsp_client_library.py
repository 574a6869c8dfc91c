"""The language server driven by pytest-lsp, a client library made for testing language servers
(its own JSON-RPC and LSP types, independent of the hand-written client of tests/lsp_client.py)."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from mplint.result import help_uri  # noqa: E402

pytestmark = pytest.mark.slow

REQUEST = "ModelPackageGroupName: churn\nModelApprovalStatus: Approve\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "mplint", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path):
    (tmp_path / ".mplint.yaml").write_text("select: [MP1]\n", encoding="utf-8")
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_diagnostic_link_disable_action_and_hover(client: LanguageClient, tmp_path):
    uri = (tmp_path / "req.yaml").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=REQUEST))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    [diag] = client.diagnostics[uri]
    assert (diag.code, diag.range) == ("MP104", types.Range(types.Position(1, 21), types.Position(1, 28)))
    assert diag.code_description == types.CodeDescription(href=help_uri("MP104"))

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag], only=[types.CodeActionKind.QuickFix]),
        )
    )
    assert actions is not None
    edits = {
        a.title: [(e.range, e.new_text) for e in a.edit.changes[uri]]
        for a in actions
        if isinstance(a, types.CodeAction) and a.edit is not None and a.edit.changes is not None
    }
    end = types.Position(1, 28)
    top = types.Position(0, 0)
    assert edits == {
        "Replace with 'Approved'": [(diag.range, "Approved")],
        "Disable MP104 on this line": [(types.Range(end, end), "  # mplint: disable=MP104")],
        "Disable MP104 in this file": [(types.Range(top, top), "# mplint: disable-file=MP104\n")],
    }

    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 3))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("### ModelApprovalStatus (string, optional)\n\n")
