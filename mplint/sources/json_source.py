"""JSON request files (``--cli-input-json``): one request per file."""

from __future__ import annotations

from mplint import secrets
from mplint.model import Kind, Node, Request
from mplint.sources import json_lazy
from mplint.sources.json_lazy import MAX_DEPTH
from mplint.sources.loaded import MEMBERS_BY_FOLDED, Loaded


def load(text: str, filename: str) -> Loaded:
    """Read a JSON request file; a mapping that names no request member is not a request."""
    document = json_lazy.parse_document(text, MAX_DEPTH)
    if document is not None:
        if not is_request(document.root):
            return Loaded((), ())
        request = Request(document.root, label="", flavour="request")
        secrets.remember_environments(request, document.environments)
        return Loaded((request,), ())
    from mplint.sources.json_parser import parse  # the positioned reader: only for unusual text

    root, found = parse(text)
    if root is None:
        return Loaded((), tuple(found))
    if not is_request(root):
        return Loaded((), ())
    return Loaded((Request(root, label="", flavour="request"),), tuple(found))


def is_request(root: Node) -> bool:
    """Tell whether a document root can be a request: any non-mapping, or a mapping with a member."""
    if root.kind is not Kind.OBJECT:
        return True
    return any(name.lower() in MEMBERS_BY_FOLDED for name, _ in root.members())
