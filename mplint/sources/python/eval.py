"""Static evaluation of Python expressions, deliberately limited: what is not certain is unknown.

Known: literals, dict/list/tuple displays, ``dict(...)``, ``+`` of strings or lists, implicit
string concatenation, names bound in the environment, ``**`` of a known dict, subscripts of known
values, ``x.copy()`` and ``deepcopy(x)``. Everything else (f-strings with fields, other calls,
attributes, parameters, comprehensions, bytes) is unknown. Imported only when a file is parsed.
"""

from __future__ import annotations

import ast
import math
import string
from collections.abc import Callable
from typing import Any

import libcst as cst

from mplint.model import Kind, Span
from mplint.sources.python.values import (
    MAX_STRING,
    Bindings,
    Value,
    VList,
    VObj,
    VScalar,
    VUnknown,
    clone,
    fits,
    spend,
)

# Integers of more decimal digits than 4,000 (Python prints and parses at most 4,300) are floats.
_MAX_INT_BITS = 13_288

Positions = Callable[[cst.CSTNode], Span]


class Evaluator:
    """Evaluate expressions against an environment of names bound to values."""

    def __init__(self, pos: Positions, env: Bindings) -> None:
        self.pos = pos
        self.env = env

    def eval(self, node: cst.BaseExpression) -> Value:
        """Return the value of an expression (VUnknown when it is not statically known)."""
        method = _DISPATCH.get(type(node))
        if method is None or not spend(1):
            return VUnknown(self.pos(node))
        return method(self, node)

    def key(self, node: cst.BaseExpression) -> str | int | None:
        """Return a subscript key or dict key when it is a known string or integer."""
        value = self.eval(node)
        if isinstance(value, VScalar) and isinstance(value.value, (str, int)) and value.parameter is None:
            if not isinstance(value.value, bool):
                return value.value
        return None

    def _string(self, node: cst.SimpleString) -> Value:
        raw = node.raw_value
        if node.prefix in _TEXT_PREFIXES and raw.isascii() and not any(c in raw for c in "\\\r\0"):
            # What Python would read: no escape, no line end to normalise (compile costs more).
            return VScalar(Kind.STRING, raw, self.pos(node))
        try:
            value = node.evaluated_value
        except (SyntaxError, ValueError):  # a bad escape (``'\\uZZ'``): Python refuses it too
            return VUnknown(self.pos(node))
        if isinstance(value, bytes):
            return VUnknown(self.pos(node))
        return VScalar(Kind.STRING, value, self.pos(node))

    def _fstring(self, node: cst.FormattedString) -> Value:
        text = _fstring_text(node)
        if text is not None:
            return VScalar(Kind.STRING, text, self.pos(node))
        if "b" in node.prefix.lower():
            return VUnknown(self.pos(node))
        pieces: list[Value | str | None] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                pieces.append(_fstring_piece(node, part.value))
            elif (
                isinstance(part, cst.FormattedStringExpression) and part.conversion is None and part.format_spec is None
            ):
                value = self.eval(part.expression)
                text = _plain_text(value)
                pieces.append(value if text is None else text)
            else:
                pieces.append(VUnknown(self.pos(part)))
        return _partial(pieces, self.pos(node))

    def _concatenated(self, node: cst.ConcatenatedString) -> Value:
        parts: list[cst.BaseExpression] = []
        current: cst.BaseExpression = node
        while isinstance(current, cst.ConcatenatedString):
            parts.append(current.left)
            current = current.right
        parts.append(current)
        return self._join(node, [self.eval(p) for p in parts])

    def _number(self, node: cst.Integer | cst.Float) -> Value:
        try:
            value = node.evaluated_value
        except (ValueError, SyntaxError):  # Python refuses int() of more than 4,300 digits
            value = None
        if value is None or (isinstance(value, int) and value.bit_length() > _MAX_INT_BITS):
            # Read as a float (infinite at this size), as the JSON and YAML readers do; the text
            # as written is kept for messages (a long int cannot even be printed).
            return VScalar(Kind.NUMBER, math.inf, self.pos(node), node.value)
        return VScalar(Kind.NUMBER, value, self.pos(node))

    def _name(self, node: cst.Name) -> Value:
        constant = _CONSTANTS.get(node.value)
        if constant is not None:
            return VScalar(constant[0], constant[1], self.pos(node))
        bound = self.env.get(node.value)
        if bound is None or (isinstance(bound, VUnknown) and not (bound.prefix or bound.suffix)):
            return VUnknown(self.pos(node))
        return bound

    def _unary(self, node: cst.UnaryOperation) -> Value:
        inner = self.eval(node.expression)
        sign = node.operator
        if isinstance(sign, (cst.Minus, cst.Plus)) and _is_number(inner):
            number = inner.value  # type: ignore[union-attr]
            value = -number if isinstance(sign, cst.Minus) else number  # type: ignore[operator]
            text = inner.text  # type: ignore[union-attr]
            if text is not None and isinstance(sign, cst.Minus):
                text = "-" + text
            return VScalar(Kind.NUMBER, value, self.pos(node), text)
        return VUnknown(self.pos(node))

    def _binary(self, node: cst.BinaryOperation) -> Value:
        # Walk the left spine of a ``+`` chain without recursion: chains can be long.
        operands: list[cst.BaseExpression] = []
        current: cst.BaseExpression = node
        while isinstance(current, cst.BinaryOperation):
            if not isinstance(current.operator, cst.Add):
                return VUnknown(self.pos(node))
            operands.append(current.right)
            current = current.left
        operands.append(current)
        return self._join(node, [self.eval(p) for p in reversed(operands)])

    def _join(self, node: cst.BaseExpression, values: list[Value]) -> Value:
        span = self.pos(node)
        texts = [_plain_text(v) for v in values]
        strings = [t for t in texts if t is not None]
        if len(strings) == len(values):
            size = sum(len(t) for t in strings)
            if size <= MAX_STRING and spend(size // 64 + 1):
                return VScalar(Kind.STRING, "".join(strings), span)
            return VUnknown(span)
        lists = [v for v in values if isinstance(v, VList) and not v.unknown]
        if len(lists) == len(values):
            if fits(sum(len(v.items) for v in lists)):
                return VList(span, [item for v in lists for item in v.items])
            return VUnknown(span)
        if strings:
            # A string added to what is not known: a string, whose known ends are kept.
            return _partial([v if t is None else t for v, t in zip(values, texts)], span)
        return VUnknown(span)

    def _dict(self, node: cst.Dict) -> Value:
        obj = VObj(self.pos(node))
        for element in node.elements:
            if not isinstance(element, cst.DictElement):  # ``**other``
                self.merge(obj, self.eval(element.value))
                continue
            key = self.key(element.key)
            if isinstance(key, str):
                obj.set(key, self.pos(element.key), self.eval(element.value))
            else:
                obj.open = True
        return obj

    def merge(self, obj: VObj, value: Value) -> None:
        """Merge a ``**`` value into ``obj``; an unknown one leaves ``obj`` open."""
        if isinstance(value, VObj) and spend(len(value.members)):
            obj.members.update(value.members)
            obj.open = obj.open or value.open
        else:
            obj.open = True

    def _sequence(self, node: cst.List | cst.Tuple) -> Value:
        lst = VList(self.pos(node))
        for element in node.elements:
            value = self.eval(element.value)
            if isinstance(element, cst.StarredElement):
                if not isinstance(value, VList) or value.unknown:
                    return VUnknown(self.pos(node))
                if not fits(len(lst.items) + len(value.items), len(value.items)):
                    return VUnknown(self.pos(node))
                lst.items.extend(value.items)
            else:
                lst.items.append(value)
        return lst

    def _subscript(self, node: cst.Subscript) -> Value:
        container = self.eval(node.value)
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return VUnknown(self.pos(node))
        found = lookup(container, self.key(node.slice[0].slice.value))
        if found is None or isinstance(found, VUnknown):
            return VUnknown(self.pos(node))
        return found

    def _call(self, node: cst.Call) -> Value:
        func = node.func
        if isinstance(func, cst.Name) and func.value == "dict":
            return self._dict_call(node)
        called = (
            func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        )
        parameter = _PARAMETERS.get(called)
        if parameter is not None:
            return self._parameter(node, parameter)
        if _is_deepcopy(func) and len(node.args) == 1 and not node.args[0].star:
            value = self.eval(node.args[0].value)
            return clone(value, None, 1) if not isinstance(value, VUnknown) else VUnknown(self.pos(node))
        if isinstance(func, cst.Attribute) and func.attr.value == "format":
            return self._format(node, func)
        if _is_path_join(func) and node.args and not any(a.star or a.keyword for a in node.args):
            return self._path_join(node)
        if isinstance(func, cst.Attribute) and func.attr.value == "copy" and not node.args:
            value = self.eval(func.value)
            if isinstance(value, VObj) and spend(len(value.members)):
                return VObj(self.pos(node), dict(value.members), value.open)
            if isinstance(value, VList) and not value.unknown and fits(len(value.items)):
                return VList(self.pos(node), list(value.items))
        return VUnknown(self.pos(node))

    def _format(self, node: cst.Call, func: cst.Attribute) -> Value:
        """``"s3://{}/model.tar.gz".format(x)``: the template's text around its fields is known."""
        template = _plain_text(self.eval(func.value))
        if template is None:
            return VUnknown(self.pos(node))
        try:
            parsed = list(string.Formatter().parse(template))
        except ValueError:
            return VUnknown(self.pos(node))
        pieces: list[Value | str | None] = []
        for literal, field_name, _spec, _conversion in parsed:
            pieces.append(literal)
            if field_name is not None:
                pieces.append(VUnknown(self.pos(node)))
        return _partial(pieces, self.pos(node))

    def _path_join(self, node: cst.Call) -> Value:
        """``os.path.join(..., "input.csv")``: the result ends with its last part.

        An earlier part never shows at the start for certain (a later absolute part replaces
        everything before it), so only the end is kept.
        """
        last = self.eval(node.args[-1].value)
        text = _plain_text(last)
        if text:
            return VUnknown(self.pos(node), None, text)
        if isinstance(last, VUnknown) and last.suffix:
            return VUnknown(self.pos(node), None, last.suffix)
        return VUnknown(self.pos(node))

    def _parameter(self, node: cst.Call, types: tuple[type, ...]) -> Value:
        """Return a pipeline parameter's default, marked with the parameter's name, if known.

        ``ParameterString(name, default_value=None, enum_values=None)`` and its Integer, Float
        and Boolean siblings (SageMaker Python SDK v2.257.7, ``workflow/parameters.py``): the
        value is the default unless the pipeline is started with another; without a default,
        or with one of another type (the SDK refuses it), the value is unknown.
        """
        given: dict[str, cst.BaseExpression] = {}
        for position, arg in enumerate(node.args):
            if arg.star:
                return VUnknown(self.pos(node))
            if arg.keyword is not None:
                given[arg.keyword.value] = arg.value
            elif position < 2:
                given[("name", "default_value")[position]] = arg.value
        if "name" not in given or "default_value" not in given:
            return VUnknown(self.pos(node))
        name, default = self.eval(given["name"]), self.eval(given["default_value"])
        if not (isinstance(name, VScalar) and isinstance(name.value, str)):
            return VUnknown(self.pos(node))
        if not isinstance(default, VScalar) or default.parameter is not None:
            return VUnknown(self.pos(node))
        value = default.value
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            return VUnknown(self.pos(node))
        return VScalar(default.kind, value, default.span, default.text, name.value)

    def _dict_call(self, node: cst.Call) -> Value:
        obj = VObj(self.pos(node))
        for arg in node.args:
            if arg.keyword is not None:
                obj.set(arg.keyword.value, self.pos(arg.keyword), self.eval(arg.value))
            elif arg.star in ("**", ""):
                self.merge(obj, self.eval(arg.value))
            else:
                obj.open = True
        return obj


def lookup(container: Value, key: str | int | None) -> Value | None:
    """Return ``container[key]`` when both are known and the item exists, else None."""
    if key is None:
        return None
    if isinstance(container, VObj) and isinstance(key, str):
        hit = container.members.get(key)
        return hit[1] if hit is not None else None
    if isinstance(container, VList) and isinstance(key, int) and not container.unknown:
        if -len(container.items) <= key < len(container.items):
            return container.items[key]
    return None


def _plain_text(value: Value) -> str | None:
    """Return a value's text when it is a known string (a pipeline parameter's default is not)."""
    if isinstance(value, VScalar) and value.parameter is None and isinstance(value.value, str):
        return value.value
    return None


def _partial(pieces: list[Value | str | None], span: Span) -> Value:
    """Join known texts (str) and values into a string: known, or unknown with known ends.

    ``None`` is a text that could not be read: it ends what is known from either side.
    """
    if all(isinstance(p, str) for p in pieces):
        text = "".join(pieces)  # type: ignore[arg-type]
        if len(text) <= MAX_STRING and spend(len(text) // 64 + 1):
            return VScalar(Kind.STRING, text, span)
        return VUnknown(span)
    return VUnknown(span, _known_end(pieces, "prefix"), _known_end(pieces[::-1], "suffix"))


def _known_end(pieces: list[Value | str | None], side: str) -> str | None:
    """Return the text known at one end of a join (pieces in order from that end), or None."""
    known: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            known.append(piece)
            continue
        end = getattr(piece, side, None) if isinstance(piece, VUnknown) else None
        if end:
            known.append(end)
        break
    if side == "suffix":
        known.reverse()
    text = "".join(known)
    if not text:
        return None
    return text[:MAX_END] if side == "prefix" else text[-MAX_END:]


def _is_path_join(func: cst.BaseExpression) -> bool:
    """``os.path.join`` or ``posixpath.join``."""
    if not isinstance(func, cst.Attribute) or func.attr.value != "join":
        return False
    owner = func.value
    if isinstance(owner, cst.Name):
        return owner.value == "posixpath"
    return (
        isinstance(owner, cst.Attribute)
        and owner.attr.value == "path"
        and isinstance(owner.value, cst.Name)
        and owner.value.value == "os"
    )


def _fstring_piece(node: cst.FormattedString, raw: str) -> str | None:
    """Return the value of one text part of an f-string (escapes and ``{{`` read), or None."""
    code = node.start.replace("f", "").replace("F", "") + raw + node.end
    try:
        value = ast.literal_eval(code)
    except (ValueError, SyntaxError):
        return None
    return value.replace("{{", "{").replace("}}", "}") if isinstance(value, str) else None


def _is_number(value: Value) -> bool:
    return isinstance(value, VScalar) and value.kind is Kind.NUMBER


def _is_deepcopy(func: cst.BaseExpression) -> bool:
    if isinstance(func, cst.Name):
        return func.value == "deepcopy"
    return isinstance(func, cst.Attribute) and func.attr.value == "deepcopy"


def _fstring_text(node: cst.FormattedString) -> str | None:
    """Return the text of an f-string without replacement fields, or None."""
    texts = [p.value for p in node.parts if isinstance(p, cst.FormattedStringText)]
    if len(texts) < len(node.parts):
        return None
    return _fstring_piece(node, "".join(texts))


# String prefixes whose literal, with no backslash, is its own text.
_TEXT_PREFIXES = frozenset({"", "r", "R", "u", "U"})
# The known start or end of a partly known string is kept up to this many characters.
MAX_END = 1000

# Pipeline parameters and the types of default each takes.
_PARAMETERS: dict[str, tuple[type, ...]] = {
    "ParameterString": (str,),
    "ParameterInteger": (int,),
    "ParameterFloat": (float, int),
    "ParameterBoolean": (bool,),
}

_CONSTANTS: dict[str, tuple[Kind, bool | None]] = {
    "True": (Kind.BOOL, True),
    "False": (Kind.BOOL, False),
    "None": (Kind.NULL, None),
}

_DISPATCH: dict[type[cst.BaseExpression], Callable[[Evaluator, Any], Value]] = {
    cst.SimpleString: Evaluator._string, cst.FormattedString: Evaluator._fstring,
    cst.ConcatenatedString: Evaluator._concatenated, cst.Integer: Evaluator._number, cst.Float: Evaluator._number,
    cst.Name: Evaluator._name, cst.UnaryOperation: Evaluator._unary, cst.BinaryOperation: Evaluator._binary,
    cst.Dict: Evaluator._dict, cst.List: Evaluator._sequence, cst.Tuple: Evaluator._sequence,
    cst.Subscript: Evaluator._subscript, cst.Call: Evaluator._call,
}  # fmt: skip
