"""Built-in rules, one module (or package) per hundred of codes, each with one ``RULES`` tuple.

Importing this package imports no rule module: the engine builds only the hundreds a run
selects, from :data:`MODULES`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mplint.rule import Rule

# The hundred of a code ("MP0" ... "MP8") -> the module whose RULES holds every built-in rule
# of that hundred, in code order. MP001-MP004 are reported by sources and the engine
# (mplint.findings); the MP0 module holds them with MP005.
MODULES: dict[str, str] = {
    "MP0": "mplint.rules.files",
    "MP1": "mplint.rules.schema",
    "MP2": "mplint.rules.identity",
    "MP3": "mplint.rules.instance_types",
    "MP4": "mplint.rules.encryption",
    "MP5": "mplint.rules.marketplace",
    "MP6": "mplint.rules.consistency",
    "MP7": "mplint.rules.hygiene",
    "MP8": "mplint.rules.cloudformation",
}


def rules_of(prefix: str) -> tuple[type[Rule], ...]:
    """Return the built-in rules of one hundred ("MP3"), in code order; () for one with none."""
    module = MODULES.get(prefix)
    if module is None:
        return ()
    rules: tuple[type[Rule], ...] = importlib.import_module(module).RULES
    return rules


def builtin_rules() -> tuple[type[Rule], ...]:
    """Return every built-in rule, in code order (importing every rule module)."""
    return tuple(rule for prefix in MODULES for rule in rules_of(prefix))
