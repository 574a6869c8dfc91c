"""Every rule is registered, documented and carries examples."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

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
    import pkgutil

    for mod in pkgutil.walk_packages(rules_pkg.__path__, "mplint.rules."):
        importlib.import_module(mod.name)
    defined = {c for c in _subclasses(Rule) if c.__module__.startswith("mplint.rules.") and "code" in c.__dict__}
    assert defined - set(rules_pkg.builtin_rules()) == set()


def test_each_hundred_is_one_module_whose_rules_are_in_code_order() -> None:
    for prefix, module in rules_pkg.MODULES.items():
        codes = [rule.code for rule in importlib.import_module(module).RULES]
        assert codes == sorted(codes), module
        assert codes and all(code.startswith(prefix) for code in codes), module
    built = [rule.code for rule in rules_pkg.builtin_rules()]
    assert built == sorted(built)
    assert set(built) == {r.code for r in RULES if r.origin == "built-in"}


def test_importing_the_rules_package_imports_no_rule_module() -> None:
    code = "import sys, mplint.rules; print(sorted(m for m in sys.modules if m.startswith('mplint.rules.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_one_hundred_is_built_without_the_others() -> None:
    code = (
        "import sys, mplint.rules as r; rules = r.rules_of('MP4'); "
        "print([c.code for c in rules], sorted(m for m in sys.modules if m.startswith('mplint.rules.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['MP401', 'MP402'] ['mplint.rules.encryption', 'mplint.rules.facts']"


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
    for r in rules_pkg.builtin_rules():
        doc = r.documentation()
        missing = [s for s in SECTIONS if s not in doc]
        assert missing == [], (r.code, missing)
        if r.code != "MP002":  # a crash has no example input
            assert r.VALID and r.INVALID, r.code
