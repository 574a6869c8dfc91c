"""Declarative rules: a rule file's specs (JMESPath checks) turned into Rule classes, and how they
evaluate on a request.

Reading the files (the shipped pack, the config's ``rules-dirs``, plugins) is
:mod:`mplint.engine.rule_files`. jmespath is imported only when an expression that the simple
evaluator below cannot read runs.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from mplint import paths
from mplint.diagnostics import Diagnostic
from mplint.lazy_re import lazy
from mplint.model import Kind, Node, Request
from mplint.rule import Rule
from mplint.rules.declarative_format import PLACEHOLDER, RuleSpec
from mplint.wording import describe

# Generated classes live outside ``mplint.rules.*``: the registry lists them beside the built-in ones
# (mplint.engine.rule_files), not in a hundred's RULES.
GENERATED_MODULE = "mplint.declared"
_SIMPLE = lazy(r"\s*(!?)\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:(==|!=)\s*`([^`]*)`\s*)?\Z")
_WIDE = ("value_projection", "current", "wildcard_index")
_MISSING = object()


def _jmespath() -> Any:
    import jmespath

    return jmespath


# Limits on rule-file expressions (docs/hardening.md): how deeply one may nest when it is
# loaded, and how much work (nodes visited plus items built) one evaluation may do.
MAX_DEPTH = 50
MAX_COST = 1_000_000
_OPENERS, _CLOSERS = "([{", ")]}"
_QUOTES = "'\"`"


def _nesting(text: str) -> int:
    """Return the deepest bracket nesting of an expression, outside its quoted parts (read
    before the parser, which recurses once per level)."""
    depth = deepest = 0
    quote = ""
    escaped = False
    for ch in text:
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in _QUOTES:
            quote = ch
        elif ch in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif ch in _CLOSERS:
            depth -= 1
    return deepest


def _tree_depth(parsed: dict[str, Any]) -> int:
    deepest = 0
    stack = [(parsed, 1)]
    while stack:
        ast, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((c, depth + 1) for c in ast.get("children", ()) if isinstance(c, dict))
    return deepest


def check_expression(text: str) -> None:
    """Raise ValueError when ``text`` is not a JMESPath expression, or nests more deeply than
    :data:`MAX_DEPTH` levels."""
    if _nesting(text) > MAX_DEPTH:
        raise ValueError(f"the expression nests more than {MAX_DEPTH} levels deep")
    jp = _jmespath()
    try:
        parsed = jp.compile(text).parsed
    except jp.exceptions.JMESPathError as exc:
        raise ValueError(" ".join(str(exc).split())) from None
    except RecursionError:
        raise ValueError(f"the expression nests more than {MAX_DEPTH} levels deep") from None
    if _tree_depth(parsed) > 2 * MAX_DEPTH:
        raise ValueError(f"the expression nests more than {MAX_DEPTH} levels deep")


class ExpressionTooCostly(Exception):
    """An expression did more than :data:`MAX_COST` steps of work on one value."""

    def __init__(self, text: str) -> None:
        shown = text if len(text) <= 60 else text[:57] + "..."
        super().__init__(shown)
        self.finding_text = f"was stopped on {{label}}: its expression `{shown}` needs more than {MAX_COST:,} steps"


@functools.cache
def _budgeted() -> type:
    """Return jmespath's tree interpreter counting its work: each node visited, and each item
    of a list or object it builds (``[@,@][]`` doubles a list without visiting its items)."""
    from jmespath import visitor

    class Budgeted(visitor.TreeInterpreter):  # type: ignore[misc]
        cost = 0
        text = ""

        def visit(self, node: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
            result = super().visit(node, *args, **kwargs)
            if isinstance(result, (list, dict)):
                self.cost += len(result) + 1
                self._expanded(result)
            else:
                self.cost += 1
            if self.cost > MAX_COST:
                raise ExpressionTooCostly(self.text)
            return result

        def _expanded(self, value: list[Any] | dict[str, Any]) -> None:
            """Refuse a value that would be too big written out: ``[@,@] | [@,@] | ...`` shares
            its halves, so it is small in memory, but ``to_string`` or ``==`` would walk every
            copy. Sizes of the lists and objects built are remembered by identity (the values
            are kept, so that an identity is never reused)."""
            sizes = self.__dict__.setdefault("sizes", {})
            items = value.values() if isinstance(value, dict) else value
            size = 1 + sum(self._size(x, sizes) for x in items)
            sizes[id(value)] = (value, size)
            if size > MAX_COST:
                raise ExpressionTooCostly(self.text)

        def _size(self, value: Any, sizes: dict[int, tuple[Any, int]]) -> int:
            """Return the written-out size of a value (a part of the request is walked once)."""
            if not isinstance(value, (list, dict)):
                return 1
            hit = sizes.get(id(value))
            if hit is not None:
                return hit[1]
            size, stack = 0, [value]
            while stack:
                item = stack.pop()
                size += 1
                if isinstance(item, (list, dict)):
                    stack.extend(item.values() if isinstance(item, dict) else item)
            self.cost += size
            if self.cost > MAX_COST:
                raise ExpressionTooCostly(self.text)
            sizes[id(value)] = (value, size)
            return size

    return Budgeted


def _search(parsed: dict[str, Any], value: object, text: str) -> object:
    """Evaluate a parsed expression with a cost budget (:class:`ExpressionTooCostly` past it)."""
    interpreter = _budgeted()()
    interpreter.text = text
    return interpreter.visit(parsed, value)


def _is_false(value: object) -> bool:
    """Tell whether a value is false in JMESPath's sense."""
    return value is None or value is False or value == "" or value == [] or value == {}


def _equal(a: object, b: object) -> bool:
    """Compare as JMESPath does: booleans never equal numbers."""
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return a == b


class Expression:
    """A JMESPath expression compiled once; ``A.B``, ``!A.B``, ``A.B == `lit``` and ``!=`` run without it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._compiled: Any = None
        self._fields: frozenset[str] | object | None = _MISSING
        self._simple: tuple[bool, tuple[str, ...], str | None, object] | None = None
        m = _SIMPLE.match(text)
        # ``!A.B`` is ``(!A).B`` in JMESPath: negation stays simple only on one plain member.
        if m is not None and not (m.group(1) and (m.group(3) or "." in m.group(2))):
            try:
                literal = json.loads(m.group(4)) if m.group(3) else None
            except ValueError:
                literal = _MISSING
            if literal is not _MISSING:
                self._simple = (bool(m.group(1)), tuple(m.group(2).split(".")), m.group(3), literal)

    def truthy(self, value: object, on_error: bool = False) -> bool:
        """Evaluate on a plain value; an error (a wrong type, an unknown) gives ``on_error``."""
        if self._simple is not None:
            negated, fields, op, literal = self._simple
            for name in fields:
                value = value.get(name) if isinstance(value, dict) else None
            if op is None:
                return _is_false(value) if negated else not _is_false(value)
            return _equal(value, literal) == (op == "==")
        jp = _jmespath()
        if self._compiled is None:
            self._compiled = jp.compile(self.text)
        try:
            return not _is_false(_search(self._compiled.parsed, value, self.text))
        except jp.exceptions.JMESPathError:
            return on_error

    def truthy_on(self, node: Node, request: Request, on_error: bool = False) -> bool:
        """Evaluate on a node; simple expressions read only the members they name."""
        if self._simple is None:
            return self.truthy(request.plain(node), on_error)
        target: Node | None = node
        for name in self._simple[1]:
            target = target.get(name) if target is not None else None
        value = request.plain(target) if target is not None else None
        negated, _fields, op, literal = self._simple
        if op is None:
            return _is_false(value) if negated else not _is_false(value)
        return _equal(value, literal) == (op == "==")

    def fields(self) -> frozenset[str] | None:
        """Return the member names the expression reads, or None when it may read any."""
        if self._fields is _MISSING:
            self._fields = self._read_fields()
        return self._fields  # type: ignore[return-value]

    def _read_fields(self) -> frozenset[str] | None:
        if self._simple is not None:
            return frozenset(self._simple[1])
        names: set[str] = set()
        stack = [_jmespath().compile(self.text).parsed]
        while stack:
            ast = stack.pop()
            if ast.get("type") in _WIDE or (
                ast.get("type") == "function_expression" and ast.get("value") in ("keys", "values")
            ):
                return None
            if ast.get("type") == "field":
                names.add(ast["value"])
            stack.extend(c for c in ast.get("children", ()) if isinstance(c, dict))
        return frozenset(names)


def scoped(node: Node, parts: tuple[str | int, ...]) -> Iterator[Node]:
    """Yield the nodes a scope pattern matches below ``node``; unknowns match nothing."""
    if not parts:
        yield node
        return
    head, rest = parts[0], parts[1:]
    if head == "[*]":
        children: list[Node] = node.items()
    elif head == "*":
        children = [v for _, v in node.members()]
    elif isinstance(head, int):
        items = node.items()
        children = [items[head]] if 0 <= head < len(items) else []
    else:
        child = node.get(head)
        children = [child] if child is not None else []
    for child in children:
        if child.kind is not Kind.UNKNOWN:
            yield from scoped(child, rest)


def uncertain(node: Node, fields: frozenset[str] | None) -> bool:
    """Tell whether the part of ``node`` an expression reads holds an unknown or open object."""
    if node.kind is Kind.UNKNOWN or node.open:
        return True
    if node.kind is Kind.OBJECT:
        return any(uncertain(v, fields) for k, v in node.members() if fields is None or k in fields)
    return any(uncertain(v, fields) for v in node.items())


class DeclarativeRule(Rule):
    """A rule read from a rule file: scope, preconditions and an assertion in JMESPath."""

    spec: ClassVar[RuleSpec]
    _scope: ClassVar[tuple[str | int, ...]]
    _when: ClassVar[Expression | None]
    _request_when: ClassVar[Expression | None]
    _assert: ClassVar[Expression]

    def __init__(self, options: Any = None, profile: str | None = None) -> None:
        super().__init__(options, profile)
        self.needs = self._needs()

    def _needs(self) -> frozenset[str]:
        """Return the members whose absence makes :meth:`check` return at once: the first
        member of the scope, and the member of a request condition that an absent value fails
        (``A``, ``A == `lit``` with a literal other than null), unless a profile turns it on."""
        needs = set()
        first = self._scope[0] if self._scope else None
        if type(first) is str and first != "*" and first != "[*]":
            needs.add(first)
        when = self._request_when
        if when is not None and when._simple is not None and self.profile not in self.profiles:
            negated, fields, op, literal = when._simple
            if not negated and (op is None or (op == "==" and literal is not None)):
                needs.add(fields[0])
        return frozenset(needs)

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding for each scoped node whose assertion fails with every value known."""
        root = request.root
        first = self._scope[0] if self._scope else None
        if type(first) is str and first != "*" and first != "[*]" and root.get(first) is None:
            return  # the scope starts at a member the request lacks: nothing to check
        if self._request_when is not None and self.profile not in self.profiles:
            if not self._request_when.truthy_on(root, request):
                return
        for node in scoped(root, self._scope):
            if self._when is not None and not self._when.truthy_on(node, request):
                continue
            # A type error in the assertion is a wrong type: the schema rules report those.
            if self._assert.truthy_on(node, request, on_error=True) or uncertain(node, self._assert.fields()):
                continue
            at = node.find(self.spec.report_at) if self.spec.report_at else None
            yield self.report(at or node, self._message(node))

    def _message(self, node: Node) -> str:
        """Fill the message's ``{Member.Path}`` placeholders with shortened values."""

        def fill(m: re.Match[str]) -> str:
            target = node.find(m.group(1).strip())
            if target is None:
                return "(not set)"
            if _sensitive(target.path):
                return "(value not shown)"
            return describe(target)

        return PLACEHOLDER.sub(fill, self.spec.message)

    @classmethod
    def documentation(cls) -> str:
        """Return the what/why/example/fix page built from the rule file."""
        s = cls.spec
        bad, good = s.invalid[0], s.valid[0]
        what = (
            f"{s.summary}. Checks each `{s.scope or 'request'}`"
            + (f" where `{s.when}`" if s.when else "")
            + f", asserting `{s.assertion}`."
        )
        if s.request_when:
            what += f" Applies when the request matches `{s.request_when}`"
            what += " (or its profile is active)." if s.profiles else "."
        return "\n".join([
            s.summary + ".", "", "## What it does", what, "", "## Why is this bad?", s.why, "",
            "## Example", _fence(bad.source, bad.text), "", "## Use instead",
            _fence(good.source, good.text), "", s.fix,
        ])  # fmt: skip


def _fence(source: str, text: str) -> str:
    lang = {"cloudformation": "yaml", "notebook": "json"}.get(source, source)
    return f"```{lang}\n{text.rstrip()}\n```"


@functools.lru_cache(maxsize=1024)
def _sensitive(path: str) -> bool:
    from mplint.schema import load

    shape = load().shape_at(path)
    return bool(shape is not None and shape.sensitive)


def rule_class(spec: RuleSpec, origin: str) -> type[Rule]:
    """Return the Rule class of one rule spec."""
    cls_name = "".join(w.capitalize() for w in spec.name.split("-"))
    attrs = {
        "__module__": GENERATED_MODULE, "__doc__": spec.summary, "spec": spec, "code": spec.code,
        "name": spec.name, "severity": spec.severity, "summary": spec.summary, "VALID": spec.valid,
        "INVALID": spec.invalid, "default_enabled": spec.default_enabled,
        "profiles": spec.profiles, "origin": origin, "_scope": paths.parse(spec.scope),
        "_when": Expression(spec.when) if spec.when else None,
        "_request_when": Expression(spec.request_when) if spec.request_when else None,
        "_assert": Expression(spec.assertion),
    }  # fmt: skip
    return type(cls_name, (DeclarativeRule,), attrs)
