"""Built-in rules: the registry of every Rule class that ships with mplint."""

from __future__ import annotations

from mplint.rule import Invalid, Rule, Valid
from mplint.rules import cloudformation, cloudformation_values
from mplint.rules import approval, encryption, marketplace, placeholders
from mplint.rules import consistency, environment, instance_availability, metrics
from mplint.rules import declared, exclusivity, hygiene, identity, instance_types, validation, versioning
from mplint.rules.constraints import (
    InvalidEnumValue,
    ListLength,
    MapSize,
    NumberOutOfRange,
    PatternMismatch,
    StringLength,
)
from mplint.rules.schema import MissingRequiredMember, UnknownMember, WrongType
from mplint.findings import SOURCE_RULES
from mplint.rules.response import DescribeResponse

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
