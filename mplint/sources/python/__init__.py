"""The Python source: call sites of the CreateModelPackage API in modules and notebooks.

A text goes through these modules in order, and stops as soon as it cannot hold a request:

- ``candidates``: a text test (no parse) tells whether the text can call a request function;
- ``locate``: the standard library's parser keeps the statements that can matter;
- ``guard``: a tokenizer scan refuses code nested too deeply for libcst;
- ``source``: libcst parses the kept lines (in a thread with a large stack), and the sites found
  become requests;
- ``sites`` finds the request calls in the tree (``walk`` walks it by its fields), ``sdk`` says
  which calls are requests and maps their arguments to members, ``scopes`` runs each scope
  (``flow``, with ``effects`` for code it cannot follow) and ``eval`` evaluates expressions to
  ``values``.

Importing the package imports nothing: the entry points below import their module when called,
and only a text that can hold a request brings in libcst.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mplint.sources.loaded import Loaded


def could_hold_request(text: str, *, notebook: bool = False) -> bool:
    """Tell by a text test whether a Python text (or a notebook's JSON) may call a request
    function (see ``candidates``)."""
    from mplint.sources.python.candidates import could_hold_request as test

    return test(text, notebook=notebook)


def load(text: str, filename: str) -> Loaded:
    """Return the requests of a Python file's request calls (and a parse error, if any)."""
    from mplint.sources.python.source import load as read

    return read(text, filename)
