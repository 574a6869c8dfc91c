"""Built-in rules: the registry of every Rule class that ships with mplint."""

from __future__ import annotations

from mplint.findings import SOURCE_RULES
from mplint.rule import Invalid, Rule, Valid
from mplint.rules import (
    approval,
    cloudformation,
    cloudformation_values,
    consistency,
    declared,
    encryption,
    environment,
    exclusivity,
    hygiene,
    identity,
    instance_availability,
    instance_types,
    marketplace,
    metrics,
    placeholders,
    validation,
    versioning,
)
from mplint.rules.constraints import (
    InvalidEnumValue,
    ListLength,
    MapSize,
    NumberOutOfRange,
    PatternMismatch,
    StringLength,
)
from mplint.rules.response import DescribeResponse
from mplint.rules.schema import MissingRequiredMember, UnknownMember, WrongType

BUILTIN_RULES: tuple[type[Rule], ...] = (
    *SOURCE_RULES,
    DescribeResponse,
    UnknownMember,
    WrongType,
    MissingRequiredMember,
    InvalidEnumValue,
    PatternMismatch,
    StringLength,
    ListLength,
    MapSize,
    NumberOutOfRange,
    *instance_types.RULES,
    *instance_availability.RULES,
    *encryption.RULES,
    *consistency.RULES,
    *environment.RULES,
    *metrics.RULES,
    *identity.RULES,
    *approval.RULES,
    *versioning.RULES,
    *exclusivity.RULES,
    *marketplace.RULES,
    *validation.RULES,
    *hygiene.RULES,
    *placeholders.RULES,
    *declared.RULES,
    *cloudformation.RULES,
    *cloudformation_values.RULES,
)

__all__ = ["BUILTIN_RULES", "Invalid", "Rule", "Valid"]
