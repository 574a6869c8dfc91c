"""MP8xx, CloudFormation: where ``AWS::SageMaker::ModelPackage`` differs from the API: members
it lacks or requires, values it limits further, and properties only the resource has."""

from __future__ import annotations

from mplint.rule import Rule
from mplint.rules.cloudformation import members, resource_properties, values

RULES: tuple[type[Rule], ...] = (*members.RULES, *values.RULES, *resource_properties.RULES)
