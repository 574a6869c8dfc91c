"""YAML request files (``--cli-input-yaml``), read with YAML 1.2 typing as the AWS CLI reads them."""

from __future__ import annotations

from mplint import directives as suppressions
from mplint.findings import MultipleDocuments, ParseError
from mplint.model import Request, Span
from mplint.sources.json_source import is_request
from mplint.sources.loaded import Loaded
from mplint.sources.positions import LineIndex
from mplint.sources.yaml_parser import in_texts, parse_stream


def load(text: str, filename: str) -> Loaded:
    """Read a YAML request file: the first document is the request; more documents are a finding."""
    stream = parse_stream(text, version="1.2")
    found = list(stream.diagnostics)
    if not stream.documents:
        if not found:
            found.append(ParseError.finding(Span.point(1, 1), "empty file: no YAML document"))
        return Loaded((), tuple(found))
    root = stream.documents[0]
    if not is_request(root):
        return Loaded((), ())
    if len(stream.starts) > 1:
        message = "a second YAML document; the AWS CLI reads one request per file, mplint checks the first"
        found.append(MultipleDocuments.finding(stream.starts[1], message))
    index = LineIndex(text)
    supp = suppressions.scan(index.lines(), in_text=in_texts(stream.texts, index))
    request = Request(root, label="", flavour="request", suppressions=supp)
    return Loaded((request,), tuple(found))
