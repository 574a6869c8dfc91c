"""CloudFormation intrinsic functions in a Node tree: short-form tags and long forms → UNKNOWN.

An intrinsic's value is decided at deploy time (``Ref``, ``Fn::Sub``, ``Fn::If``, ...), so no
rule may judge it: every intrinsic becomes a Kind.UNKNOWN node at the place it was written.
``Ref: AWS::NoValue`` (the member may vanish) and ``Fn::If`` (either branch) are UNKNOWN too.
"""

from __future__ import annotations

from mplint.model import Kind, Node, Value

# The short-form tags CloudFormation's YAML reader knows; each stands for ``Fn::<name>``
# (``!Ref`` for ``Ref``, ``!Condition`` for a condition reference).
SHORT_FORMS = frozenset(
    {
        "!Ref", "!Sub", "!GetAtt", "!If", "!Join", "!Select", "!Split", "!FindInMap",
        "!ImportValue", "!Base64", "!Cidr", "!GetAZs", "!Equals", "!And", "!Or", "!Not",
        "!Condition", "!Transform", "!ToJsonString", "!Length", "!ForEach",
    }
)  # fmt: skip


def is_intrinsic_key(key: str) -> bool:
    """Tell whether a mapping key names an intrinsic function in its long form."""
    return key == "Ref" or key.startswith("Fn::")


def unknown(node: Node) -> Node:
    """Return an UNKNOWN node in the place of ``node``."""
    return Node(Kind.UNKNOWN, None, node.span, node.path, node.key_span, node.text)


def tag_handler(tag: str, node: Node) -> Node:
    """Turn a node under any local tag (``!Ref``, ``!If``, ...) into an UNKNOWN node.

    Tags CloudFormation does not know are unknown too: CloudFormation refuses the template,
    which is its reader's finding to make, not a request rule's.
    """
    return unknown(node)


def resolve(node: Node) -> Node:
    """Return the tree with long-form intrinsics replaced by UNKNOWN nodes.

    A mapping whose only member is ``Ref`` or ``Fn::*`` is that function's value. A mapping that
    holds such a member beside others (``Fn::Transform`` including a snippet) keeps the others
    and is marked ``open``: its full member set is known only after the transform.
    """
    items = node.array
    if items is not None:
        new = [resolve(item) for item in items]
        if all(a is b for a, b in zip(new, items)):
            return node
        return _with(node, new, node.open)
    members = node.mapping
    if members is None:
        return node
    if len(members) == 1 and is_intrinsic_key(next(iter(members))):
        return unknown(node)
    changed, is_open = False, node.open
    out: dict[str, Node] = {}
    for key, child in members.items():
        if is_intrinsic_key(key):
            changed = is_open = True
            continue
        new_child = resolve(child)
        changed = changed or new_child is not child
        out[key] = new_child
    return _with(node, out, is_open) if changed else node


def _with(node: Node, value: Value, is_open: bool) -> Node:
    return Node(node.kind, value, node.span, node.path, node.key_span, node.text, is_open, node.note, node.type_name)
