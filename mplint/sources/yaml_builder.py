"""Turn PyYAML events into Nodes: an explicit stack, anchors, aliases, merge keys and limits."""

from __future__ import annotations

from collections.abc import Callable

import yaml

from mplint import paths
from mplint.diagnostics import Diagnostic
from mplint.findings import DuplicateKey
from mplint.model import Kind, Node, Span, rebased
from mplint.sources import yaml_scalars
from mplint.sources.positions import LineIndex, Stop

MAX_DEPTH = 100
MAX_EXPANSION = 100_000
_STANDARD = "tag:yaml.org,2002:"
_COLLECTION_TAGS = frozenset(_STANDARD + t for t in ("map", "seq", "omap", "set", "pairs"))
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; mplint does not analyse it"
_BAD_MERGE = "a merge key (<<) takes a mapping or a list of mappings"


def start_of(event: yaml.Event) -> int:
    """Return the offset where an event starts (a parser's events always carry their marks)."""
    mark = event.start_mark
    return mark.index if mark is not None else 0


def end_of(event: yaml.Event) -> int:
    """Return the offset where an event ends."""
    mark = event.end_mark
    return mark.index if mark is not None else 0


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = (
        "anchor",
        "end",
        "flow",
        "height",
        "is_map",
        "items",
        "key",
        "key_span",
        "members",
        "merge",
        "merges",
        "path",
        "size",
        "start",
        "tag",
    )  # fmt: skip

    def __init__(self, event: yaml.CollectionStartEvent, path: str, key_span: Span | None) -> None:
        self.is_map = isinstance(event, yaml.MappingStartEvent)
        self.members: dict[str, Node] = {}  # a mapping's
        self.items: list[Node] = []  # a sequence's
        self.start = start_of(event)
        self.path, self.key_span = path, key_span
        self.anchor, self.tag, self.flow = event.anchor, event.tag, bool(event.flow_style)
        self.key: str | None = None  # the pending member name of a mapping
        self.merge = False  # the pending member is a merge key (<<)
        self.merges: list[Node] = []
        self.size, self.height, self.end = 1, 1, self.start

    @property
    def wants_key(self) -> bool:
        return self.is_map and self.key is None


class Builder:
    """Build one Node per document from a stream of events."""

    def __init__(
        self,
        lines: LineIndex,
        version: str,
        tag_handler: Callable[[str, Node], Node] | None,
        found: list[Diagnostic],
    ) -> None:
        self.lines, self.version, self.tag_handler, self.found = lines, version, tag_handler, found
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Node, int, int]] = {}  # node, size, height
        self.expanded = 0
        self.root: Node | None = None
        self.pending_key_span: Span | None = None
        self.shared = False  # the tree holds subtrees shared by aliases or merges

    def feed(self, event: yaml.Event) -> Node | None:
        """Take one event; return the document's root when the document ends."""
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.CollectionStartEvent):
            self._open(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            self._close(event)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.root, self.anchors = None, {}
        elif isinstance(event, yaml.DocumentEndEvent):
            if self.shared and self.root is not None:
                # Aliased and merged subtrees were shared while reading, so that a document that
                # exceeds the limits costs nothing; give every position its own path now.
                self.root, self.shared = rebased(self.root, ""), False
            return self.root
        return None

    # -- where the next node goes -------------------------------------------------------------

    def _place(self) -> tuple[str, Span | None]:
        """Return the path and key span of the node that comes next."""
        if not self.stack:
            return "", None
        frame = self.stack[-1]
        if frame.key is not None:
            return paths.member(frame.path, frame.key), self.pending_key_span
        return paths.index(frame.path, len(frame.items)), None

    def _done(self, node: Node, size: int, height: int, end: int, anchor: str | None) -> None:
        """Attach a finished node to its parent (or make it the root)."""
        if anchor:
            self.anchors[anchor] = (node, size, height)
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        frame.size += size
        if frame.merge:
            # Merged members sit beside the mapping's own: a merged mapping adds no level (a
            # merge list adds none either), so a chain of merges stays flat.
            height = height - 1 if node.kind is Kind.ARRAY else height
            frame.height = max(frame.height, height)
        else:
            frame.height = max(frame.height, height + 1)
        frame.end = end
        if not frame.is_map:
            frame.items.append(node)
        elif frame.merge:
            frame.merges.append(node)
        elif frame.key is not None:
            if frame.key in frame.members:
                self.found.append(_duplicate(frame.key, node))
            frame.members[frame.key] = node
        frame.key, frame.merge = None, False

    def _take_key(self, key: str, span: Span, merge: bool) -> None:
        frame = self.stack[-1]
        frame.key, frame.merge = key, merge
        self.pending_key_span = span

    # -- events -------------------------------------------------------------------------------

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        span = self.lines.span(start_of(event), end_of(event))
        plain = event.implicit[0]
        if self.stack and self.stack[-1].wants_key:
            self._take_key(event.value, span, plain and event.value == "<<")
            return
        path, key_span = self._place()
        node = self._typed(event, span, path, key_span, plain)
        self._done(node, 1, 0, end_of(event), event.anchor)

    def _typed(self, event: yaml.ScalarEvent, span: Span, path: str, key_span: Span | None, plain: bool) -> Node:
        text, tag = event.value, event.tag
        if plain and self.version != "1.1":
            typed = yaml_scalars.core_12(text)
            note = yaml_scalars.yaml11_note(text, typed)
            return Node(typed[0], typed[1], span, path, key_span, text, note=note, type_name=typed[2])
        if plain:
            kind, value, type_name = yaml_scalars.pyyaml_11(text)
            return Node(kind, value, span, path, key_span, text, type_name=type_name)
        if tag is None or tag == "!":
            return Node(Kind.STRING, text, span, path, key_span)
        if tag.startswith(_STANDARD):
            try:
                standard = yaml_scalars.tagged(tag, text)
            except ValueError as err:
                raise Stop(start_of(event), str(err)) from None
            if standard is not None:
                return Node(standard[0], standard[1], span, path, key_span, type_name=standard[2])
        return self._custom(tag, Node(Kind.STRING, text, span, path, key_span), start_of(event))

    def _custom(self, tag: str, node: Node, offset: int) -> Node:
        """Hand a node with a non-standard tag to the tag handler, or stop."""
        if self.tag_handler is None or not tag.startswith("!"):
            raise Stop(offset, f"unknown tag {tag}")
        return self.tag_handler(tag, node)

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        if self.stack and self.stack[-1].wants_key:
            raise Stop(start_of(event), "a mapping key must be a plain value, not a collection")
        if len(self.stack) >= MAX_DEPTH:
            raise Stop(start_of(event), TOO_DEEP)
        path, key_span = self._place()
        self.stack.append(_Frame(event, path, key_span))

    def _close(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        end = end_of(event) if frame.flow or frame.end == frame.start else frame.end
        span = self.lines.span(frame.start, end)
        if frame.is_map:
            items, is_open = self._merged(frame)
            node = Node(Kind.OBJECT, items, span, frame.path, frame.key_span, open=is_open)
        else:
            node = Node(Kind.ARRAY, frame.items, span, frame.path, frame.key_span)
        if frame.tag is not None and frame.tag not in _COLLECTION_TAGS and frame.tag != "!":
            node = self._custom(frame.tag, node, frame.start)
        self._done(node, frame.size, frame.height, end, frame.anchor)

    def _merged(self, frame: _Frame) -> tuple[dict[str, Node], bool]:
        """Apply merge keys: explicit members win, and among merged mappings the earlier wins."""
        items = frame.members
        is_open = False
        for source in frame.merges:
            for mapping in source.items() if source.kind is Kind.ARRAY else [source]:
                if mapping.kind is Kind.UNKNOWN or mapping.open:
                    is_open = True
                if mapping.kind is Kind.UNKNOWN:
                    continue
                if mapping.kind is not Kind.OBJECT:
                    raise Stop(_offset(self.lines, mapping.span), _BAD_MERGE)
                for name, member in mapping.members():
                    if name not in items:
                        items[name] = member
                        self.shared = True
        return items, is_open

    def _alias(self, event: yaml.AliasEvent) -> None:
        offset, name = start_of(event), event.anchor
        if name not in self.anchors:
            if any(f.anchor == name for f in self.stack):
                raise Stop(offset, f"alias *{name} refers to a node that contains it")
            raise Stop(offset, f"found undefined alias *{name}")
        node, size, height = self.anchors[name]
        if self.stack and self.stack[-1].wants_key:
            if node.kind in (Kind.OBJECT, Kind.ARRAY):
                raise Stop(offset, "a mapping key must be a plain value, not a collection")
            self._take_key(node.text or str(node.value), self.lines.span(offset, end_of(event)), False)
            return
        if len(self.stack) + height > MAX_DEPTH:
            raise Stop(offset, TOO_DEEP)
        self.expanded += size
        if self.expanded > MAX_EXPANSION:
            raise Stop(offset, f"alias expansion exceeds {MAX_EXPANSION:,} nodes; mplint does not analyse it")
        frame = self.stack[-1] if self.stack else None
        if frame is None or not frame.merge:
            path, key_span = self._place()
            node = node.replace(path=path, key_span=key_span)
        self.shared = True
        self._done(node, size, height, end_of(event), None)


def _duplicate(key: str, node: Node) -> Diagnostic:
    message = (
        f"duplicate key {key!r}; YAML readers disagree on which value wins (the AWS CLI's YAML reader refuses the file)"
    )
    return DuplicateKey.finding(node.key_span or node.span, message, node.path)


def _offset(lines: LineIndex, span: Span) -> int:
    return lines.offset(span.line, span.column)
