"""Built-in rules: the registry of every Rule class that ships with mplint."""

from __future__ import annotations

from mplint.rules.base import Invalid, Rule, Valid
from mplint.rules.source import SOURCE_RULES

BUILTIN_RULES: tuple[type[Rule], ...] = (*SOURCE_RULES,)

__all__ = ["BUILTIN_RULES", "Invalid", "Rule", "Valid"]
