"""CloudFormation templates: one Request per ``AWS::SageMaker::ModelPackage`` resource.

JSON templates are read with the JSON reader; YAML templates with YAML 1.1 typing, as
CloudFormation reads them (``yes`` is a boolean), and with its short-form tags (``!Ref``, ...).
Intrinsic functions become unknown values (see :mod:`mplint.sources.cfn_intrinsics`).

The resource's properties carry the API's own member names: facts 7.1 lists no renamed
property, only properties CloudFormation adds (``CFN_ONLY``). Those are moved from the request
root to ``Request.extras``, so the API rules never see them and the CloudFormation rules can.
The request root is the resource's ``Properties``, re-rooted so paths are API paths.
"""

from __future__ import annotations

from mplint import directives as suppressions
from mplint import paths
from mplint.diagnostics import Diagnostic
from mplint.model import Kind, Node, Request, Suppressions, rebased
from mplint.schema import CLOUDFORMATION_ONLY as CFN_ONLY
from mplint.sources.cfn_intrinsics import resolve, tag_handler
from mplint.sources.loaded import Loaded
from mplint.sources.positions import LineIndex

RESOURCE_TYPE = "AWS::SageMaker::ModelPackage"
FLAVOUR = "cloudformation"


def load(text: str, filename: str) -> Loaded:
    """Read a template; return a Request per ModelPackage resource and the reader's findings."""
    if RESOURCE_TYPE not in text:
        return Loaded((), ())
    template, found, supp = _parse(text)
    if template is None:
        return Loaded((), tuple(found))
    resources = template.get("Resources")
    requests = []
    for logical_id, resource in resources.members() if resources is not None else ():
        if _is_model_package(resource):
            requests.append(_request(logical_id, resource, supp))
    if not requests:
        return Loaded((), tuple(d for d in found if d.path == ""))
    return Loaded(tuple(requests), tuple(_relocated(found, requests)))


def _parse(text: str) -> tuple[Node | None, list[Diagnostic], Suppressions]:
    """Return the template's root node (None when unreadable), findings and comment directives."""
    if text.lstrip(" \t\r\n\ufeff")[:1] == "{":
        from mplint.sources import json_parser

        root, found = json_parser.parse(text)
        return root, found, Suppressions()
    from mplint.sources import yaml_parser

    stream = yaml_parser.parse_stream(text, version="1.1", tag_handler=tag_handler)
    documents, found = stream.documents, stream.diagnostics
    index = LineIndex(text)
    supp = suppressions.scan(index.lines(), in_text=yaml_parser.in_texts(stream.texts, index))
    return (documents[0] if documents else None), found, supp


def _is_model_package(resource: Node) -> bool:
    kind = resource.get("Type")
    return kind is not None and kind.string == RESOURCE_TYPE


def _request(logical_id: str, resource: Node, supp: Suppressions) -> Request:
    """Build the Request of one resource: API members in ``root``, CFN-only ones in ``extras``."""
    props = resource.get("Properties")
    if props is None or props.kind is Kind.NULL:
        root = Node(Kind.OBJECT, {}, (props or resource).span, "")
    else:
        root = resolve(props)
        if root.kind is Kind.UNKNOWN:  # the whole property set comes from Fn::If / Fn::Transform
            root = Node(Kind.OBJECT, {}, root.span, "", open=True)
    extras: dict[str, Node] = {}
    if root.kind is Kind.OBJECT:
        members = {}
        for name, member in root.members():
            if name in CFN_ONLY:
                extras[name] = rebased(member, name, member.key_span)
            else:
                members[name] = member
        if extras:
            root = Node(Kind.OBJECT, members, root.span, root.path, root.key_span, open=root.open)
    return Request(
        rebased(root, ""),
        label=logical_id,
        flavour=FLAVOUR,
        suppressions=supp,
        ignored=_ignored(resource),
        extras=extras,
    )


def _ignored(resource: Node) -> frozenset[str]:
    """Return the codes listed in the resource's ``Metadata: {mplint: {ignore: [...]}}``."""
    listed = resource.find("Metadata.mplint.ignore")
    if listed is None:
        return frozenset()
    items = listed.items() if listed.kind is Kind.ARRAY else [listed]
    codes: set[str] = set()
    for item in items:
        text = item.string
        if text is not None:
            codes.update(c.strip().upper() for c in text.split(",") if c.strip())
    return frozenset(codes)


def _relocated(found: list[Diagnostic], requests: list[Request]) -> list[Diagnostic]:
    """Keep the reader's findings that concern a ModelPackage resource, with API paths.

    Parse errors (path ``""``) are kept; a duplicate key elsewhere in the template is not
    mplint's business.
    """
    out = []
    for d in found:
        if d.path == "":
            out.append(d)
            continue
        parts = paths.parse(d.path)
        for request in requests:
            if parts[:2] != ("Resources", request.label):
                continue
            if parts[2:3] == ("Properties",) and len(parts) > 3:
                d = d.stamped(path=paths.render(parts[3:]), request=request.label)
            else:
                d = d.stamped(request=request.label)
            out.append(d)
            break
    return out
