"""MP7xx, validation-job limits and hygiene: payload and instance limits of the validation job,
duplicates, reserved tags, skeleton leftovers, what a package declares, placeholders."""

from __future__ import annotations

from mplint.rule import Rule
from mplint.rules.hygiene import content, skeletons, validation

RULES: tuple[type[Rule], ...] = (*validation.RULES, *skeletons.RULES, *content.RULES)
