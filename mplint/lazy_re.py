"""Regular expressions compiled on first use.

Every process of a linter that runs on each save pays for what its modules do at import; a
module-level ``re.compile`` costs up to a millisecond, and most patterns serve a rule that a
given file never reaches. ``lazy(r"...")`` has the compiled pattern's methods and compiles once,
when one is first called.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """A pattern compiled when first used; otherwise a ``re.Pattern``."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        return compiled

    # The methods rules call on every value, without a __getattr__ detour; anything else
    # goes through __getattr__.
    def search(self, string: str, *args: Any) -> re.Match[str] | None:
        return (self._compiled or self._get()).search(string, *args)

    def match(self, string: str, *args: Any) -> re.Match[str] | None:
        return (self._compiled or self._get()).match(string, *args)

    def fullmatch(self, string: str, *args: Any) -> re.Match[str] | None:
        return (self._compiled or self._get()).fullmatch(string, *args)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return (self._compiled or self._get()).sub(repl, string, count)

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]]:
        return (self._compiled or self._get()).finditer(string, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)

    @property
    def pattern(self) -> str:
        return self._source


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """Return a pattern that compiles on first use."""
    return LazyPattern(source, flags)
