"""Every rule mplint knows: built-ins, the shipped pack, rule files and plugins."""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Iterable, Mapping

from mplint.config import Config
from mplint.errors import ConfigError, RuleFileError
from mplint.rules import BUILTIN_RULES
from mplint.rules.base import Rule


def _extra_rules(config: Config) -> list[type[Rule]]:
    """Return rules from the declarative pack, rule directories and plugins (when present)."""
    try:
        from mplint.rules import declarative
    except ImportError:
        return []
    return list(declarative.load_all(config))


def rule_classes(config: Config | None = None) -> list[type[Rule]]:
    """Return every known rule class, ordered by code; a duplicate code is an error."""
    config = config or Config()
    rules = [*BUILTIN_RULES, *_extra_rules(config)]
    seen: dict[str, type[Rule]] = {}
    for rule in rules:
        other = seen.get(rule.code)
        if other is not None and other is not rule:
            raise RuleFileError(
                f"rule code {rule.code} is defined twice: by {other.origin} ({other.name}) "
                f"and by {rule.origin} ({rule.name})"
            )
        seen[rule.code] = rule
    return sorted(seen.values(), key=lambda r: r.code)


def find(rules: Iterable[type[Rule]], code_or_name: str) -> type[Rule] | None:
    """Return the rule with this code (any case) or name, or None."""
    key = code_or_name.strip()
    for rule in rules:
        if rule.code == key.upper() or rule.name == key:
            return rule
    return None


def _coerce(rule: type[Rule], field: dataclasses.Field[Any], value: Any, where: str) -> Any:
    default = field.default if field.default is not dataclasses.MISSING else None
    if default is None and field.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        default = field.default_factory()  # type: ignore[misc]
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{field.name}' of {rule.code} must be a list of strings")
        return tuple(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{field.name}' of {rule.code} must be true or false")
        return value
    if isinstance(default, int) and not isinstance(value, int):
        raise ConfigError(f"{where}: '{field.name}' of {rule.code} must be an integer")
    if (default is None or isinstance(default, str)) and value is not None and not isinstance(value, str):
        raise ConfigError(f"{where}: '{field.name}' of {rule.code} must be a string")
    return value


def options_for(rule: type[Rule], raw: Mapping[str, Any], where: str) -> Any:
    """Validate raw option values against the rule's Options dataclass."""
    fields = rule.option_fields()
    if not fields:
        raise ConfigError(f"{where}: rule {rule.code} ({rule.name}) takes no options")
    values = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in fields:
            known = ", ".join(f.replace("_", "-") for f in fields)
            raise ConfigError(f"{where}: unknown option '{key}' for {rule.code} ({rule.name}); known: {known}")
        values[name] = _coerce(rule, fields[name], value, where)
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
        try:
            out[rule.code] = options_for(rule, raw, where)
        except ConfigError as exc:
            if exc.file is not None or config.source is None:
                raise
            raise ConfigError(exc.message, config.source, _line_of(config.source, key)) from None
    return out


def _line_of(file: str, key: str) -> int | None:
    """Return the line of a config file that names ``key`` (for errors raised by Options)."""
    from mplint.config import _line_of as line_in

    try:
        with open(file, encoding="utf-8-sig") as fh:
            return line_in(fh.read(), key)
    except OSError:
        return None


def check_codes(rules: list[type[Rule]], codes: Iterable[str], where: str) -> None:
    """Raise ConfigError when a code or prefix matches no rule at all."""
    from mplint.config import line_of_value

    for code in codes:
        if not any(r.code.startswith(code) for r in rules):
            line = line_of_value(where, code) if os.path.isfile(where) else None
            if line is None:
                raise ConfigError(f"{where}: {code} matches no rule (see `mplint rules`)")
            raise ConfigError(f"{code} matches no rule (see `mplint rules`)", where, line)
