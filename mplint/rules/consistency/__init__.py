"""MP6xx, consistency: validation content types vs the supported lists, images vs their digests
and registry, credentials and secrets in environments, model metrics in the wrong slot."""

from __future__ import annotations

from mplint.rule import Rule
from mplint.rules.consistency import containers, environment, metrics

RULES: tuple[type[Rule], ...] = (*containers.RULES, *environment.RULES, *metrics.RULES)
