"""The language server (``mplint lsp``): diagnostics, quick fixes, disable actions, hovers and
rule links, from the editor's buffer.

Needs pygls (``pip install 'mplint[lsp]'``); nothing imports this module at ``import mplint``.
Linting runs on one worker thread, so the engine and config caches are never shared between
threads; a change is linted ~300 ms after the last keystroke and only the newest version of a
document is ever published.

Notebooks: a client that syncs notebooks (LSP 3.17 ``notebookDocument/*``) gives the cells in
order; a client that sends each cell as a text document of its own (``vscode-notebook-cell:``
URIs, one per cell, the notebook's path before ``#``) has its open cells grouped by notebook, in
the order they were opened. Either way the Python cells are checked together as the notebook
source checks a file (earlier cells in scope, a bad cell one MP001) and each finding is
published on its cell.

Modules: ``server`` (the documents and the linting), ``convert`` (findings in the editor's
terms), ``actions`` (code actions) with ``fixes`` (fixes as text edits) and ``disable``
(suppression comments), and ``hover``.
"""

from mplint.lsp.convert import file_path, lsp_range, to_lsp
from mplint.lsp.server import create_server, lint, serve

__all__ = ["create_server", "file_path", "lint", "lsp_range", "serve", "to_lsp"]
