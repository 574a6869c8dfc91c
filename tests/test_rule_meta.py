"""Every rule is registered, documented and carries examples."""

from __future__ import annotations

import re

import mplint.rules as rules_pkg
from mplint.engine import registry
from mplint.engine.config import Config
from mplint.rule import Rule

RULES = registry.rule_classes(Config())
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out.add(sub)
        out |= _subclasses(sub)
    return out


def test_every_rule_class_is_registered() -> None:
    import importlib
    import pkgutil

    for mod in pkgutil.iter_modules(rules_pkg.__path__):
        importlib.import_module(f"mplint.rules.{mod.name}")
    defined = {c for c in _subclasses(Rule) if c.__module__.startswith("mplint.rules.") and "code" in c.__dict__}
    assert defined - set(rules_pkg.BUILTIN_RULES) == set()


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    for r in RULES:
        assert re.fullmatch(r"MP[0-9]{3}", r.code), r
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r
        assert r.summary and not r.summary.endswith("."), r


def test_builtin_rules_have_docs_and_examples() -> None:
    for r in rules_pkg.BUILTIN_RULES:
        doc = r.documentation()
        missing = [s for s in SECTIONS if s not in doc]
        assert missing == [], (r.code, missing)
        if r.code != "MP002":  # a crash has no example input
            assert r.VALID and r.INVALID, r.code
