"""MP2xx, identity and exclusivity: which kind of package a request makes (unversioned, with a
name, or a version in a group), the members that apply to one kind only, the team's policy on
names and approval, and the model sources that exclude each other."""

from __future__ import annotations

from mplint.rule import Rule
from mplint.rules.identity import exclusivity, names, policy, versioning

RULES: tuple[type[Rule], ...] = (*names.RULES, *versioning.RULES, *policy.RULES, *exclusivity.RULES)
