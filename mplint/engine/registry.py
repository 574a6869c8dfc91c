"""Every rule mplint knows: built-ins, the shipped pack, rule files and plugins."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from mplint.engine.config import Config
from mplint.errors import ConfigError, RuleFileError
from mplint.result import RuleDoc
from mplint.rule import Rule, options_replace

# The hundreds the shipped pack's rules belong to (a test holds this).
PACK_HUNDREDS = ("MP4", "MP5")
# Hundreds whose every rule checks only requests of these flavours (a test holds this): the
# engine builds them when the first such request comes.
FLAVOURED: dict[str, frozenset[str]] = {"MP8": frozenset({"cloudformation"})}


def _modules() -> dict[str, str]:
    import mplint.rules

    return mplint.rules.MODULES


def hundreds() -> tuple[str, ...]:
    """Return the hundreds of built-in codes ("MP0" ... "MP8"), each held by one rule module."""
    return tuple(_modules())


def builtin(selected: Iterable[str] | None = None) -> list[type[Rule]]:
    """Return the built-in rules of the ``selected`` hundreds (None: every hundred); only their
    modules are imported. A module that fails to import is an error, never a silent gap."""
    import importlib

    modules = _modules()
    wanted = set(modules) if selected is None else set(selected)
    out: list[type[Rule]] = []
    for prefix, module in modules.items():
        if prefix not in wanted:
            continue
        try:
            rules: tuple[type[Rule], ...] = importlib.import_module(module).RULES
        except ImportError as exc:
            raise RuleFileError(f"the built-in rules {prefix}xx ({module}) failed to import: {exc}") from None
        out.extend(rules)
    return out


def extra_rules(config: Config, selected: Iterable[str] | None = None) -> list[type[Rule]]:
    """Return the rules of the shipped pack, of the config's rule directories and of plugins.

    The pack is loaded when one of its hundreds is ``selected`` (None: all are), or when a rule
    file or plugin uses a code of them (so a code used twice is still found)."""
    try:
        from mplint.engine import rule_files
    except ImportError as exc:
        raise RuleFileError(f"rule files cannot be loaded: mplint.engine.rule_files failed to import: {exc}") from None
    others = [*rule_files.directory_rules(config), *rule_files.plugin_rules()]
    wanted = selected is None or any(h in PACK_HUNDREDS for h in selected)
    if wanted or any(r.code[:3] in PACK_HUNDREDS for r in others):
        return [*rule_files.pack_rules(), *others]
    return others


def rule_classes(config: Config | None = None, selected: Iterable[str] | None = None) -> list[type[Rule]]:
    """Return the known rule classes, ordered by code: the built-ins of the ``selected``
    hundreds (None: all) with the pack's, the rule directories' and the plugins' rules."""
    config = config or Config()
    return unique([*builtin(selected), *extra_rules(config)])


def unique(rules: Iterable[type[Rule]]) -> list[type[Rule]]:
    """Return the rules ordered by code; a code defined twice is an error (said at the rule
    file's line when the second is a rule file's)."""
    seen: dict[str, type[Rule]] = {}
    for rule in rules:
        other = seen.get(rule.code)
        if other is not None and other is not rule:
            spec = getattr(rule, "spec", None)
            raise RuleFileError(
                f"rule code {rule.code} ({rule.name}) is already used by {other.name} ({other.origin})",
                spec.file if spec else None,
                spec.line if spec else None,
            )
        seen[rule.code] = rule
    return sorted(seen.values(), key=lambda r: r.code)


def describe(rule: type[Rule]) -> RuleDoc:
    """Return what reports say of a rule: its docs, severity and origin."""
    return RuleDoc(
        rule.code, rule.name, rule.severity, rule.summary, rule.documentation(), rule.origin, rule.default_enabled
    )


def find(rules: Iterable[type[Rule]], code_or_name: str) -> type[Rule] | None:
    """Return the rule with this code (any case) or name, or None."""
    key = code_or_name.strip()
    for rule in rules:
        if rule.code == key.upper() or rule.name == key:
            return rule
    return None


def _said(where: str, message: str) -> str:
    """Prefix a message with where it comes from, unless the error carries its file."""
    return f"{where}: {message}" if where else message


def _coerce(rule: type[Rule], default: Any, value: Any, where: str, key: str) -> Any:
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(_said(where, f"'{key}' of {rule.code} must be a list of strings"))
        return tuple(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(_said(where, f"'{key}' of {rule.code} must be true or false"))
        return value
    if isinstance(default, int) and not isinstance(value, int):
        raise ConfigError(_said(where, f"'{key}' of {rule.code} must be an integer"))
    if (default is None or isinstance(default, str)) and value is not None and not isinstance(value, str):
        raise ConfigError(_said(where, f"'{key}' of {rule.code} must be a string"))
    return value


def options_for(rule: type[Rule], raw: Mapping[str, Any], where: str) -> Any:
    """Validate raw option values against the rule's Options dataclass."""
    fields = rule.option_fields()
    if not fields:
        raise ConfigError(_said(where, f"rule {rule.code} ({rule.name}) takes no options"))
    values = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in fields:
            known = ", ".join(f.replace("_", "-") for f in fields)
            raise ConfigError(_said(where, f"unknown option '{key}' for {rule.code} ({rule.name}); known: {known}"))
        try:
            values[name] = _coerce(rule, fields[name], value, where, key)
        except ConfigError as exc:
            exc.option = key  # the line of the option, not the rule's
            raise
    return rule.Options(**values)  # type: ignore[misc]


def configured_options(rules: list[type[Rule]], config: Config) -> dict[str, Any]:
    """Return rule code -> validated Options for every rule the config sets options for."""
    out: dict[str, Any] = {}
    where = config.source or "configuration"
    for key, raw in config.options.items():
        rule = find(rules, key)
        if rule is None:
            line = _line_of(config.source, key) if config.source else None
            if line is None:
                raise ConfigError(f"{where}: 'options' names unknown rule '{key}'")
            raise ConfigError(f"'options' names unknown rule '{key}'", config.source, line)
        if config.source is None:
            out[rule.code] = options_for(rule, raw, where)
            continue
        try:
            out[rule.code] = options_for(rule, raw, "")
        except ConfigError as exc:
            if exc.file is not None:
                raise
            option = exc.option
            line = (_line_of(config.source, option) if option else None) or _line_of(config.source, key)
            raise ConfigError(exc.message, config.source, line) from None
    add_regions(rules, config, out)
    return out


def add_regions(rules: list[type[Rule]], config: Config, out: dict[str, Any]) -> None:
    """Give the config's ``regions`` to every rule with a ``regions`` option it was not given."""
    if not config.regions:
        return
    for rule in rules:
        if "regions" not in rule.option_fields():
            continue
        current = out.get(rule.code) or rule.Options()  # type: ignore[misc]
        if not current.regions:
            out[rule.code] = options_replace(current, regions=tuple(config.regions))


def _line_of(file: str, key: str) -> int | None:
    """Return the line of a config file that names ``key`` (for errors raised by Options)."""
    from mplint.engine.config import _line_of as line_in

    try:
        with open(file, encoding="utf-8-sig") as fh:
            return line_in(fh.read(), key)
    except OSError:
        return None


def check_codes(rules: list[type[Rule]], codes: Iterable[str], where: str, unbuilt: Iterable[str] = ()) -> None:
    """Raise ConfigError when a code or prefix matches no rule at all (``unbuilt``: hundreds of
    built-in rules not in ``rules``, each of which holds rules)."""
    from mplint.engine.config import line_of_value

    unbuilt = tuple(unbuilt)
    for code in codes:
        if not any(r.code.startswith(code) for r in rules) and not any(h.startswith(code) for h in unbuilt):
            line = line_of_value(where, code) if os.path.isfile(where) else None
            if line is None:
                raise ConfigError(f"{where}: {code} matches no rule (see `mplint rules`)")
            raise ConfigError(f"{code} matches no rule (see `mplint rules`)", where, line)
