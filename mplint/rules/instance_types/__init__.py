"""MP3xx, instance types: unknown or misspelt, real-time only in transform lists, unsupported for
validation, outside a policy, not offered in a Region, of a previous generation."""

from __future__ import annotations

from mplint.rule import Rule
from mplint.rules.instance_types import availability, known

RULES: tuple[type[Rule], ...] = (*known.RULES, *availability.RULES)
