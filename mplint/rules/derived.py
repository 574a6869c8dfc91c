"""Facts several rules derive from the same request root, worked out once per request."""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import GeneratorType
from typing import TypeVar

from mplint.model import Node

T = TypeVar("T")


def once_per_root(fn: Callable[[Node], T]) -> Callable[[Node], T]:
    """Remember ``fn``'s result for the last root it was given.

    Rules run one request at a time, and the helpers that list a request's containers,
    specifications or validation jobs are asked by many rules about the same root. The last
    (root, result) pair is replaced as a whole, so threads checking different requests at once
    never see one root with another's result. A generator's result is kept as a tuple.
    """
    last: list[tuple[Node | None, object]] = [(None, None)]

    @functools.wraps(fn)
    def wrapper(root: Node) -> T:
        seen, result = last[0]
        if seen is root:
            return result  # type: ignore[return-value]
        result = fn(root)
        if type(result) is GeneratorType:  # not isinstance(..., Iterable): an ABC check is slow
            result = tuple(result)  # type: ignore[assignment]
        last[0] = (root, result)
        return result  # type: ignore[return-value]

    return wrapper
