"""The pygls server: documents and notebooks in, debounced linting, diagnostics, code actions
and hovers out (the package's docstring tells the whole)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from mplint import __version__, api
from mplint.diagnostics import Diagnostic
from mplint.engine import config as config_mod
from mplint.errors import MplintError
from mplint.lsp import actions, hover
from mplint.lsp.convert import CELL_SCHEME, char_position, file_path, lsp_range, text_format, to_lsp
from mplint.model import Request, Span
from mplint.sources.loaded import Loaded
from mplint.sources.positions import LineIndex

DEBOUNCE = 0.3
NOTEBOOK_SYNC = lsp.NotebookDocumentSyncOptions(
    notebook_selector=[
        lsp.NotebookDocumentFilterWithCells(
            notebook="jupyter-notebook", cells=[lsp.NotebookCellLanguage(language="python")]
        )
    ],
    save=True,
)


def lint(text: str, path: str, trusted: bool = True, cells: list[tuple[str, str]] | None = None) -> list[Diagnostic]:
    """Lint a buffer (or a notebook's (kind, source) cells) with the configuration discovered for
    its directory.

    In an untrusted workspace the repository's ``rules-dirs`` are not loaded.
    """
    config = configured(path, trusted)
    if cells is not None:
        return api.lint_cells(cells, path, config=config).diagnostics
    return api.lint_text(text, path, config=config).diagnostics


def configured(path: str, trusted: bool = True) -> config_mod.Config:
    """Return the configuration discovered for a document's directory (in an untrusted
    workspace, without its rule directories)."""
    config = config_mod.discover(os.path.dirname(path) or ".")
    return config if trusted else untrusted(config)


def requests_of(
    text: str, path: str, config: config_mod.Config, cells: list[tuple[str, str]] | None
) -> Sequence[Request]:
    """Return the requests a document (or a notebook's (kind, source) cells) holds."""
    from mplint import sources
    from mplint.engine import run

    loaded: Loaded | None
    if cells is not None:
        from mplint.sources import notebook

        loaded = notebook.load_cells(cells, path)
    else:
        staged = run.stage(text, path, config, False, True)
        if not isinstance(staged, api.Candidate):
            return ()
        loaded = sources.load(staged.text, staged.name, staged.kind)
    return loaded.requests if loaded is not None else ()


def cell_group(uri: str) -> str | None:
    """Return the notebook a cell document belongs to (its URI without the cell), or None."""
    if not uri.startswith(CELL_SCHEME + ":"):
        return None
    return uri.split("#", 1)[0]


_libc: list[Any] = []


def give_back_memory() -> None:
    """Hand the heap pages freed by a closed document back to the system (glibc only).

    A closed document's parse trees are freed as soon as nothing refers to them, but the C
    allocator keeps the pages for reuse; ``malloc_trim`` returns them, so the server's memory
    shrinks again when documents close. (No garbage collection here: it costs ~100 ms on the
    server's heap, and the trees hold no reference cycles.)
    """
    import ctypes

    if not _libc:
        try:
            _libc.append(ctypes.CDLL(None).malloc_trim)
        except (OSError, AttributeError):  # not glibc
            _libc.append(None)
    if _libc[0] is not None:
        _libc[0](0)


def settle() -> None:
    """Move everything alive after the first lint (modules, schema, rules) out of the garbage
    collector's reach: its full collections then walk only what a lint allocates."""
    import gc

    gc.collect()
    gc.freeze()


_untrusted: dict[int, tuple[config_mod.Config, config_mod.Config]] = {}


def untrusted(config: config_mod.Config) -> config_mod.Config:
    """Return ``config`` without its rule directories (one copy per config, so engines are reused)."""
    if not config.rules_dirs:
        return config
    hit = _untrusted.get(id(config))
    if hit is None or hit[0] is not config:
        hit = _untrusted[id(config)] = (config, config._replace(rules_dirs=()))
    return hit[1]


def is_trusted(options: Any) -> bool:
    """Read the client's trust from ``initializationOptions``.

    LSP has no workspace-trust notion of its own; clients say ``{"trusted": false}`` (or
    ``{"untrustedWorkspace": true}``, the name ty's server uses). Anything else is trusted.
    """
    if not isinstance(options, dict):
        return True
    return options.get("trusted") is not False and options.get("untrustedWorkspace") is not True


@dataclass(frozen=True)
class Snapshot:
    """The text to lint, its path and version; a notebook has (uri, kind, text) ``cells``."""

    text: str
    path: str
    version: Any
    cells: list[tuple[str, str, str]] | None
    uri: str = ""


@dataclass(frozen=True)
class Published:
    """What was last published on a text document (a notebook's cell too): the text it was
    linted from and its findings (spans within the cell for a cell)."""

    text: str
    findings: list[Diagnostic]


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request that comes after ``shutdown`` with an
    InvalidRequest error, as the LSP specification asks (pygls drops it, and the client would
    wait for ever)."""

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", "")
        if self._shutdown and method != lsp.EXIT and getattr(message, "id", None) is not None:
            error = lsp.ResponseError(
                code=lsp.ErrorCodes.InvalidRequest, message=f"{method}: the server is shutting down"
            )
            self._send_response(message.id, error=error)
            return
        super().handle_message(message)


class MplintServer(LanguageServer):
    """The pygls server with mplint's debounced, newest-version-wins linting."""

    def __init__(self) -> None:
        super().__init__("mplint", __version__, notebook_document_sync=NOTEBOOK_SYNC, protocol_cls=_Protocol)
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mplint-lint")
        self.shown: set[str] = set()
        self.trusted = True
        self.settled = False
        self.published: dict[str, Published] = {}

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """(Re)start linting a text document or notebook; a newer request cancels the older."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    def forget(self, uri: str, cell_uris: list[str] | None = None) -> None:
        """Stop pending work for a closed document, clear its diagnostics, give memory back."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        for target in cell_uris if cell_uris is not None else [uri]:
            self.published.pop(target, None)
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=target, diagnostics=[]))
        self.worker.submit(give_back_memory)

    def key_of(self, uri: str) -> str:
        """Return what to lint for a text document: itself, or the notebook of a cell."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        if notebook is not None:
            return notebook.uri
        return cell_group(uri) or uri

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        snap = self._snapshot(uri)
        if snap is None:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
            return
        cells = None if snap.cells is None else [(kind, text) for _, kind, text in snap.cells]
        try:
            if not self.trusted:
                self._note_untrusted(snap.path)
            found = await asyncio.get_running_loop().run_in_executor(
                self.worker, lint, snap.text, snap.path, self.trusted, cells
            )
        except MplintError as exc:
            self._show_once(str(exc))
            found = []
        except Exception as exc:
            self._show_once(f"internal error on {snap.path}: {type(exc).__name__}: {exc}")
            found = []
        if not self.settled:
            self.settled = True
            self.worker.submit(settle)
        if self._version(uri) != snap.version:
            return  # changed or closed meanwhile: a newer task (or the close) publishes
        self.pending.pop(uri, None)
        self._publish(found, snap)

    def _cell_documents(self, uri: str) -> list[tuple[str, Any]] | None:
        """Return (uri, document) of a notebook's cells in order, or None when it is not open.

        ``uri`` is a notebook the client syncs as a notebook, or the group of cell documents
        it sends one by one (taken in the order they were opened, which is the notebook's).
        """
        notebook = self.workspace.get_notebook_document(notebook_uri=uri)
        if notebook is not None:
            return [(c.document, self.workspace.text_documents.get(unquote(c.document))) for c in notebook.cells]
        if cell_group(uri) != uri:
            return None
        cells = [(d.uri, d) for d in self.workspace.text_documents.values() if cell_group(d.uri) == uri]
        return cells or None

    def _version(self, uri: str) -> Any:
        """Return the version of what ``uri`` names (None once it is closed)."""
        cells = self._cell_documents(uri)
        if cells is not None:
            notebook = self.workspace.get_notebook_document(notebook_uri=uri)
            return (
                notebook.version if notebook is not None else None,  # e.g. a cell's kind changed
                tuple((u, d.version if d is not None else None) for u, d in cells),
            )
        doc = self.workspace.text_documents.get(unquote(uri))
        return None if doc is None else doc.version

    def _snapshot(self, uri: str) -> Snapshot | None:
        """Return what to lint for an open text document or notebook, or None if it is closed."""
        cells = self._cell_documents(uri)
        if cells is not None:
            notebook = self.workspace.get_notebook_document(notebook_uri=uri)
            # A cell is Python when it is code written in Python (a notebook may hold SQL cells).
            cell_kinds = [c.kind for c in notebook.cells] if notebook is not None else [None] * len(cells)
            kinds = [
                "code"
                if d is not None and d.language_id in (None, "python") and kind in (None, lsp.NotebookCellKind.Code)
                else "markdown"
                for (_, d), kind in zip(cells, cell_kinds)
            ]
            parts = [(u, k, d.source if d is not None else "") for (u, d), k in zip(cells, kinds)]
            return Snapshot("", file_path(uri), self._version(uri), parts, uri)
        doc = self.workspace.text_documents.get(unquote(uri))
        if doc is None:
            return None
        return Snapshot(doc.source, file_path(uri, doc.language_id), doc.version, None, uri)

    def _publish(self, found: list[Diagnostic], snap: Snapshot) -> None:
        """Publish findings on the document, or on each cell of a notebook."""
        if snap.cells is None:
            index = LineIndex(snap.text)
            diags = [to_lsp(d, index) for d in found]
            self.published[snap.uri] = Published(snap.text, found)
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=snap.uri, diagnostics=diags, version=snap.version)
            )
            return
        for k, (cell_uri, _, cell_text) in enumerate(snap.cells, start=1):
            index = LineIndex(cell_text)
            mine = [d for d in found if d.cell == k]
            diags = [to_lsp(d, index) for d in mine]
            self.published[cell_uri] = Published(cell_text, mine)
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=cell_uri, diagnostics=diags))

    def _show_once(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error) -> None:
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(lsp.ShowMessageParams(type=kind, message=f"mplint: {message}"))

    def _note_untrusted(self, path: str) -> None:
        """Say once per config that an untrusted workspace's rule directories are ignored."""
        config = config_mod.discover(os.path.dirname(path) or ".")
        if config.rules_dirs:
            self._show_once(
                f"untrusted workspace: ignoring rules-dirs ({', '.join(config.rules_dirs)}) of {config.source}",
                lsp.MessageType.Warning,
            )


def create_server() -> MplintServer:
    """Return a server with mplint's handlers registered."""
    server = MplintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: MplintServer, params: lsp.InitializeParams) -> None:
        ls.trusted = is_trusted(params.initialization_options)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: MplintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(ls.key_of(params.text_document.uri))

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: MplintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(ls.key_of(params.text_document.uri), DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: MplintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if os.path.basename(file_path(params.text_document.uri)) in config_mod.CONFIG_FILES:
            config_mod.clear_cache()  # a saved config file changes what discovery finds
            ls.shown.clear()
            for uri in {
                *(ls.key_of(d.uri) for d in ls.workspace.text_documents.values()),
                *(n.uri for n in ls.workspace.notebook_documents.values()),
            }:
                ls.schedule(uri)
        ls.schedule(ls.key_of(params.text_document.uri))

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: MplintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        group = cell_group(uri)
        if group is not None and ls.workspace.get_notebook_document(cell_uri=uri) is None:
            ls.forget(uri)  # a cell sent on its own: clear it, then check the cells still open
            ls.schedule(group)
            return
        ls.forget(uri)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_OPEN)
    async def notebook_open(ls: MplintServer, params: lsp.DidOpenNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CHANGE)
    async def notebook_change(ls: MplintServer, params: lsp.DidChangeNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri, DEBOUNCE)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_SAVE)
    async def notebook_save(ls: MplintServer, params: lsp.DidSaveNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CLOSE)
    async def notebook_close(ls: MplintServer, params: lsp.DidCloseNotebookDocumentParams) -> None:
        ls.forget(params.notebook_document.uri, [c.uri for c in params.cell_text_documents])

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=actions.KINDS))
    async def code_action(ls: MplintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        doc = ls.workspace.text_documents.get(unquote(uri))
        if doc is None:
            return None
        text, path = doc.source, file_path(uri, doc.language_id)
        published = ls.published.get(uri)
        trusted, is_cell = ls.trusted, uri.startswith(CELL_SCHEME + ":")

        def findings() -> Sequence[Diagnostic]:
            if published is not None and published.text == text:
                return published.findings
            return [] if is_cell else lint(text, path, trusted)  # not linted yet in this version

        def work() -> list[lsp.CodeAction]:
            fresh = published is not None and published.text == text
            return actions.code_actions(params, text, text_format(uri, path, text), findings, fresh)

        try:
            return await asyncio.get_running_loop().run_in_executor(ls.worker, work)
        except MplintError:
            return None  # a bad configuration: linting has said so already
        except Exception as exc:
            ls._show_once(f"internal error on code actions in {path}: {type(exc).__name__}: {exc}")
            return None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: MplintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        doc = ls.workspace.text_documents.get(unquote(uri))
        if doc is None:
            return None
        text, path = doc.source, file_path(uri, doc.language_id)
        published = ls.published.get(uri)
        cells, cell = None, None
        group = ls.key_of(uri)
        if group != uri:
            snap = ls._snapshot(group)
            if snap is None or snap.cells is None:
                return None
            cells = [(kind, source) for _, kind, source in snap.cells]
            cell = next((k for k, (u, _, _) in enumerate(snap.cells, start=1) if u == uri), None)
        trusted = ls.trusted

        def work() -> tuple[str, Span] | None:
            line, column = char_position(params.position, LineIndex(text))
            config = configured(path, trusted)
            if published is not None and published.text == text:
                here = [d for d in published.findings if hover.covers(d.span, line, column)]
                page = hover.findings_markdown(here, config)
                if page is not None:
                    return page, here[0].span
            member = hover.member_at(requests_of(text, path, config, cells), line, column, cell)
            if member is None:
                return None
            docs = hover.member_markdown(member[0], member[1])
            return None if docs is None else (docs, member[2])

        try:
            found = await asyncio.get_running_loop().run_in_executor(ls.worker, work)
        except MplintError:
            return None  # a bad configuration: linting has said so already
        except Exception as exc:
            ls._show_once(f"internal error on hover in {path}: {type(exc).__name__}: {exc}")
            return None
        if found is None:
            return None
        value, span = found
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=value),
            range=lsp_range(span, LineIndex(text)),
        )

    return server


def serve() -> None:
    """Run the language server over standard input and output; the exit status is 0 after a
    ``shutdown`` request and 1 otherwise (an ``exit`` without one, or the client gone)."""
    import sys

    server = create_server()
    server.start_io()
    sys.exit(0 if server.protocol._shutdown else 1)
