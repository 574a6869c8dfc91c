"""Which rules run and how loud: select/ignore by code or prefix, severity overrides.

As in flake8, the longest matching prefix decides: ``select = ["MP"]`` with ``ignore = ["MP1"]``
turns off the schema group, and ``select = ["MP105"]`` on top of that turns MP105 back on.
"""

from __future__ import annotations

from typing import NamedTuple

from mplint.diagnostics import Severity
from mplint.rule import Rule

_DEFAULT_SELECT = ("MP",)
# Codes reported by mplint itself about its own run: never switched off.
ALWAYS_ON = frozenset({"MP002"})


def _longest(prefixes: tuple[str, ...], code: str) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


class Selection(NamedTuple):
    """A decision table built from select/ignore lists and severity overrides."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    profile: str | None = None
    configured: frozenset[str] = frozenset()  # codes whose options the user set

    def enabled(self, rule: type[Rule]) -> bool:
        """Tell whether ``rule`` runs."""
        code = rule.code
        if code in ALWAYS_ON:
            return True
        select = self.select or _DEFAULT_SELECT
        s, i = _longest(select, code), _longest(self.ignore, code)
        if s < 0 or i >= s:
            return False
        if rule.default_enabled:
            return True
        # Opt-in rules: named explicitly (longer than the bare "MP"), configured, or profiled.
        return s > 2 or code in self.configured or (self.profile in rule.profiles)

    def may_run(self, prefix: str) -> bool:
        """Tell whether some rule whose code starts with ``prefix`` (a hundred: "MP3") can run."""
        select = self.select or _DEFAULT_SELECT
        if any(len(p) > len(prefix) and p.startswith(prefix) for p in select):
            return True  # a code or range inside it is selected
        s, i = _longest(select, prefix), _longest(self.ignore, prefix)
        return s >= 0 and i < s

    def severity_of(self, code: str, default: Severity) -> Severity:
        """Return the severity of ``code`` after overrides (longest prefix wins)."""
        best, level = -1, default
        for prefix, sev in self.severity:
            if code.startswith(prefix) and len(prefix) > best:
                best, level = len(prefix), sev
        return level
