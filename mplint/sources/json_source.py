"""JSON request files (``--cli-input-json``): one request per file."""

from __future__ import annotations

from mplint import schema, secrets
from mplint.model import Kind, Node, Request
from mplint.schema import conformance
from mplint.sources import MEMBERS_BY_FOLDED, Loaded, json_lazy
from mplint.sources.json_lazy import MAX_DEPTH


def load(text: str, filename: str) -> Loaded:
    """Read a JSON request file; a mapping that names no request member is not a request."""
    checked = json_lazy.parse_checked(text, MAX_DEPTH, schema.load())
    if checked is not None:
        if not is_request(checked.root):
            return Loaded((), ())
        request = Request(checked.root, label="", flavour="request")
        conformance.remember(request, checked.violations, checked.typed)
        secrets.remember_environments(request, checked.environments)
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
