"""``mplint check --show-files`` and ``--show-settings``: what a run would do, and why."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from mplint.engine.config import Config

# Config fields, in the order and with the names of the configuration file.
_KEYS = (
    ("select", "select"), ("ignore", "ignore"), ("severity", "severity"),
    ("per_file_ignores", "per-file-ignores"), ("include", "include"), ("exclude", "exclude"),
    ("extend_exclude", "extend-exclude"), ("respect_gitignore", "respect-gitignore"),
    ("force_exclude", "force-exclude"), ("rules_dirs", "rules-dirs"), ("options", "options"),
    ("profile", "profile"), ("fail_on", "fail-on"),
)  # fmt: skip


def files(paths: list[str], config_for: Callable[[str], Config]) -> str:
    """Return one line per file: ``path: checked as KIND`` or ``path: skipped: reason``."""
    from mplint import sources
    from mplint.engine.discovery import walk
    from mplint.engine.run import guess_name, in_rules_dirs

    found = walk([p for p in paths if p != "-"], config_for)
    rows: list[tuple[str, str]] = [(p, f"skipped: {why}") for p, why in found.skipped]
    for path, forced in found.files:
        cfg = config_for(path)
        forced = forced or bool(cfg.include and cfg.matches(cfg.include, path))
        if cfg.rules_dirs and not forced and path not in paths and in_rules_dirs(cfg, path):
            rows.append((path, "skipped: a rule file in rules-dirs"))
            continue
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            rows.append((path, f"checked: cannot be read ({exc.strerror or exc})"))
            continue
        text, problem = sources.decode(data)
        if problem is not None or text is None:
            rows.append((path, "checked: not UTF-8 text (reported as a parse error)"))
            continue
        kind = sources.detect(guess_name(path, text), text, forced=forced)
        if kind is None:
            rows.append((path, "skipped: names no CreateModelPackage member (the text test)"))
        else:
            why = " (matched by include)" if forced else ""
            rows.append((path, f"checked as {kind}{why}"))
    rows.sort()
    return "".join(f"{p}: {what}\n" for p, what in rows)


def _value(value: Any) -> str:
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) or hasattr(value, "items"):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return "(not set)" if value is None else str(value)


def settings(paths: list[str], config_for: Callable[[str], Config]) -> str:
    """Return the resolved configuration of each path, with where each value was set."""
    out: list[str] = []
    for path in paths:
        where = os.getcwd() if path == "-" else path
        cfg = config_for(where)
        origins = dict(cfg.origins)
        out.append(f"Settings for {path}")
        out.append(f"  config file: {cfg.source or '(none: defaults)'}")
        out.append(f"  globs are relative to: {cfg.root}")
        width = max(len(name) for _, name in _KEYS)
        for field, name in _KEYS:
            value = _value(getattr(cfg, field))
            source = origins.get(field, "default")
            out.append(f"  {name:<{width}} = {value}    # {source}")
        out.append("")
    return "\n".join(out)
