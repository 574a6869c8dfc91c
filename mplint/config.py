"""Find, read and validate configuration: ``[tool.mplint]`` in pyproject.toml or .mplint.yaml."""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

from mplint.diagnostics import Severity
from mplint.errors import ConfigError
from mplint.lazy_re import lazy


CONFIG_FILES = (".mplint.yaml", ".mplint.yml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info", "never")
PROFILES = ("marketplace",)
_CODE = lazy(r"MP[0-9]{0,3}\Z")


class Config(NamedTuple):
    """Validated settings; ``root`` is the directory globs are relative to."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rules_dirs: tuple[str, ...] = ()
    options: Mapping[str, Mapping[str, Any]] = MappingProxyType({})
    profile: str | None = None
    fail_on: str | None = None
    source: str | None = None
    root: str = "."
    max_file_size: int = 10_000_000

    def relative(self, file: str) -> str:
        """Return ``file`` relative to the config root, POSIX style (for globs)."""
        try:
            rel = os.path.relpath(os.path.abspath(file), os.path.abspath(self.root))
        except ValueError:  # pragma: no cover - other drive on Windows
            rel = file
        return PurePosixPath(*Path(rel).parts).as_posix()

    def matches(self, globs: tuple[str, ...], file: str) -> bool:
        """Tell whether ``file`` matches any glob (relative path, or its base name)."""
        rel = self.relative(file)
        name = os.path.basename(file)
        return any(
            fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) or rel.startswith(g.rstrip("/") + "/")
            for g in globs
        )

    def ignored_for(self, file: str) -> tuple[str, ...]:
        """Return the codes per-file-ignores switch off for ``file``."""
        out: list[str] = []
        for glob, codes in self.per_file_ignores:
            if self.matches((glob,), file):
                out.extend(codes)
        return tuple(out)


# key in the file -> (field name, kind)
_KEYS: dict[str, str] = {
    "select": "codes",
    "ignore": "codes",
    "severity": "severity",
    "per-file-ignores": "per_file",
    "include": "globs",
    "exclude": "globs",
    "rules-dirs": "globs",
    "options": "options",
    "profile": "profile",
    "fail-on": "fail_on",
    "max-file-size": "size",
}
_SIZE = lazy(r"\s*([0-9]+)\s*(|B|KB|MB|GB)\s*\Z", re.I)
_UNITS = {"": 1, "B": 1, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000}


def _line_of(text: str, key: str) -> int | None:
    """Return the first line that sets ``key`` (TOML or YAML), for error messages."""
    pat = re.compile(r'^\s*["\']?' + re.escape(key) + r'["\']?\s*[:=]', re.M)
    # Flow style (``severity: {MP105: bogus}``) and lists name the key inside a line.
    m = pat.search(text) or re.search(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", text, re.I)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _fail(msg: str, file: str, text: str, key: str) -> ConfigError:
    return ConfigError(msg, file, _line_of(text, key))


def _codes(value: Any, key: str, file: str, text: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"'{key}' must be a list of rule codes", file, text, key)
    out = tuple(v.strip().upper() for v in value)
    for code in out:
        if not _CODE.match(code):
            raise _fail(f"'{key}': {code!r} is not a rule code or prefix (like MP105 or MP1)", file, text, key)
    return out


def _globs(value: Any, key: str, file: str, text: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"'{key}' must be a list of paths or globs", file, text, key)
    return tuple(value)


def parse_settings(data: Mapping[str, Any], file: str, text: str = "", root: str = ".") -> Config:
    """Validate a settings mapping (already read from a file) into a Config."""
    if not isinstance(data, Mapping):
        raise ConfigError("the mplint settings must be a mapping", file, None)
    values: dict[str, Any] = {}
    for key, value in data.items():
        kind = _KEYS.get(key)
        if kind is None:
            import difflib

            close = difflib.get_close_matches(str(key), list(_KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(_KEYS)}"
            raise _fail(f"unknown configuration key '{key}'{hint}", file, text, str(key))
        name = key.replace("-", "_")
        if kind == "codes":
            values[name] = _codes(value, key, file, text)
        elif kind == "globs":
            values[name] = _globs(value, key, file, text)
        elif kind == "severity":
            if not isinstance(value, Mapping):
                raise _fail("'severity' must map rule codes to error, warning or info", file, text, key)
            pairs = []
            for code, level in value.items():
                (code,) = _codes([code], key, file, text)
                try:
                    pairs.append((code, Severity.parse(str(level))))
                except ValueError as exc:
                    raise _fail(f"'severity.{code}': {exc}", file, text, code) from None
            values[name] = tuple(pairs)
        elif kind == "per_file":
            if not isinstance(value, Mapping):
                raise _fail("'per-file-ignores' must map globs to lists of codes", file, text, key)
            values[name] = tuple((g, _codes(c, key, file, text)) for g, c in value.items())
        elif kind == "options":
            if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
                raise _fail("'options' must map rule codes or names to tables of options", file, text, key)
            values[name] = {str(k): dict(v) for k, v in value.items()}
        elif kind == "profile":
            if value not in PROFILES:
                raise _fail(f"'profile' must be one of {', '.join(PROFILES)}", file, text, key)
            values[name] = value
        elif kind == "size":
            m = _SIZE.match(str(value)) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
            if m is None:
                raise _fail(f"'{key}' must be a size in bytes, or with a unit like 10MB", file, text, key)
            values[name] = int(m.group(1)) * _UNITS[m.group(2).upper()]
        elif kind == "fail_on":
            if value not in FAIL_LEVELS:
                raise _fail(f"'fail-on' must be one of {', '.join(FAIL_LEVELS)}", file, text, key)
            values[name] = value
    return Config(source=file, root=root, **values)


def read(path: str | os.PathLike[str]) -> Config | None:
    """Read one config file; None for a pyproject.toml without ``[tool.mplint]``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", str(p)) from None
    root = str(p.parent)
    if p.name == "pyproject.toml":
        if "tool.mplint" not in text and not ("[tool]" in text and "mplint" in text):
            return None  # no [tool.mplint] table: no need to load a TOML reader
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", str(p)) from None
        section = doc.get("tool", {}).get("mplint")
        if section is None:
            return None
        return parse_settings(section, str(p), text, root)
    import yaml

    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"invalid YAML: {getattr(exc, 'problem', exc)}", str(p),
                          mark.line + 1 if mark else None) from None
    return parse_settings(doc or {}, str(p), text, root)


_cache: dict[str, Config] = {}


def clear_cache() -> None:
    """Forget discovered configs (after a config file changed, e.g. in the language server)."""
    _cache.clear()


def discover(start: str | os.PathLike[str]) -> Config:
    """Return the config that governs ``start`` (a file or directory), walking upward."""
    d = Path(start).resolve()
    if not d.is_dir():
        d = d.parent
    seen: list[str] = []
    found: Config | None = None
    for candidate in (d, *d.parents):
        key = str(candidate)
        if key in _cache:
            found = _cache[key]
            break
        seen.append(key)
        for name in CONFIG_FILES:
            f = candidate / name
            if f.is_file():
                found = read(f)
                if found is not None:
                    break
        if found is not None:
            break
    found = found or Config()
    for key in seen:
        _cache[key] = found
    return found


def with_overrides(base: Config, **changes: Any) -> Config:
    """Return ``base`` with command-line values applied (None means "not given")."""
    return base._replace(**{k: v for k, v in changes.items() if v is not None})
