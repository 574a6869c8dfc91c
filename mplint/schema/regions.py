"""Where SageMaker offers each instance type for inference, loaded once from ``regions.json``.

The data is made by ``python -m mplint.schema.generate_regions`` from cfn-lint's per-Region
SageMaker hosting and transform enums (derived from the AWS Pricing API).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from typing import Any

USES = ("realtime", "transform")


class Offers:
    """Instance type -> the Regions that offer it, for one use (real-time or transform).

    Kept as each Region's set of types and looked up per type on demand: inverting the whole
    table costs about a millisecond, on every start of a check that meets an instance type.
    """

    __slots__ = ("_by_region", "_where", "regions")

    def __init__(self, table: Mapping[str, list[str]]) -> None:
        self.regions: tuple[str, ...] = tuple(table)
        self._by_region = [(region, frozenset(types)) for region, types in table.items()]
        self._where: dict[str, frozenset[str]] = {}

    def where(self, instance_type: str) -> frozenset[str]:
        """Return the Regions that offer ``instance_type`` (empty: none)."""
        hit = self._where.get(instance_type)
        if hit is None:
            hit = frozenset(region for region, types in self._by_region if instance_type in types)
            self._where[instance_type] = hit
        return hit


@functools.cache
def cfn_lint_version() -> str:
    """Return the cfn-lint release the shipped data was generated from."""
    return str(_data()["cfn_lint_version"])


@functools.cache
def offers(use: str) -> Offers:
    """Return where each instance type is offered for ``use`` ("realtime" or "transform")."""
    table: dict[str, list[str]] = _data()[use]
    return Offers(table)


@functools.cache
def known_regions() -> frozenset[str]:
    """Return every Region the data names, for either use."""
    return frozenset(r for use in USES for r in offers(use).regions)


def unknown_region(regions: tuple[str, ...] | list[str]) -> str | None:
    """Return the message for the first Region the data does not know, or None."""
    if not regions:
        return None
    known = known_regions()
    for region in regions:
        if region not in known:
            from mplint.suggestions import best_match, did_you_mean

            hint = did_you_mean(best_match(region, tuple(sorted(known)), 0.6))
            return f"'regions': {region!r} is not a Region SageMaker offers inference in{hint}"
    return None


@functools.cache
def _data() -> dict[str, Any]:
    """Return regions.json as read (JSON: its shape is the generator's, see generate_regions)."""
    with open(os.path.join(os.path.dirname(__file__), "regions.json"), encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
