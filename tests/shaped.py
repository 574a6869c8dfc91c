"""Hypothesis strategies for documents shaped like requests, re-typed now and then."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from mplint.schema import Shape, load

SCHEMA = load()


def shaped(
    shape: Shape,
    *,
    odd: st.SearchStrategy[Any],
    text: st.SearchStrategy[str],
    keys: st.SearchStrategy[str],
    extra_member: bool = False,
    finite: bool = False,
    depth: int = 0,
) -> st.SearchStrategy[Any]:
    """Return a strategy for values of ``shape``: below the root, a value is ``odd`` one time in
    four; ``extra_member`` adds an unknown member to structures now and then; ``finite`` keeps
    numbers finite (JSON has no NaN)."""

    def below(name: str | None) -> st.SearchStrategy[Any]:
        if name is None:
            return st.just("v")
        return shaped(
            SCHEMA.shape(name), odd=odd, text=text, keys=keys, extra_member=extra_member, finite=finite, depth=depth + 1
        )

    if shape.type == "structure":
        if depth >= 4:
            return st.just({})
        members = {n: below(m) for n, m in shape.members.items()}
        inner = st.fixed_dictionaries({}, optional={**members, "Extra": odd} if extra_member else members)
    elif shape.type == "list":
        inner = st.lists(below(shape.member), max_size=2) if shape.member else st.just([])
    elif shape.type == "map":
        inner = st.dictionaries(keys, below(shape.value), max_size=2)
    elif shape.type == "string":
        inner = st.sampled_from(shape.enum) if shape.enum else text
    elif shape.type == "boolean":
        inner = st.booleans()
    elif shape.type in ("integer", "long"):
        inner = st.integers(-10, 10**12)
    else:
        inner = st.floats(allow_nan=not finite, allow_infinity=not finite)
    return inner if depth == 0 else st.one_of(inner, inner, inner, odd)
