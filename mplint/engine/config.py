"""Find, read and validate configuration: ``[tool.mplint]`` in pyproject.toml or .mplint.yaml."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from mplint.diagnostics import Severity
from mplint.errors import ConfigError
from mplint.lazy_re import lazy
from mplint.rule import PROFILES

CONFIG_FILES = (".mplint.yaml", ".mplint.yml", "pyproject.toml")
# How deep `extend` chains may go (a longer chain is almost certainly a mistake, or a cycle).
MAX_EXTEND_DEPTH = 16
FAIL_LEVELS = ("error", "warning", "info", "never")
_CODE = lazy(r"MP[0-9]{0,3}\Z")


class Config(NamedTuple):
    """Validated settings; ``root`` is the directory globs are relative to."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    rules_dirs: tuple[str, ...] = ()
    options: Mapping[str, Mapping[str, Any]] = MappingProxyType({})
    profile: str | None = None
    # Regions the packages deploy to (instance-type-not-offered checks them).
    regions: tuple[str, ...] = ()
    fail_on: str | None = None
    source: str | None = None
    root: str = "."
    # key -> where its value was set ("file:line", or "command line"), for --show-settings.
    origins: tuple[tuple[str, str], ...] = ()
    # Globs inherited through `extend` from a config in another directory: glob -> that root.
    glob_roots: tuple[tuple[str, str], ...] = ()
    # Adopting: the baseline file (a path, made absolute from the config file's directory),
    # and whether a suppression directive must give its reason.
    baseline: str | None = None
    require_suppression_reason: bool = False

    @property
    def excludes(self) -> tuple[str, ...]:
        """Return ``exclude`` and ``extend-exclude`` together."""
        return self.exclude + self.extend_exclude

    max_file_size: int = 10_000_000
    # Fixing: `fix = true` makes `mplint check` apply safe fixes (as --fix); `unsafe-fixes = true`
    # also the unsafe ones (as --unsafe-fixes). The command line's flags win.
    fix: bool = False
    unsafe_fixes: bool = False

    def relative(self, file: str) -> str:
        """Return ``file`` relative to the config root, POSIX style (for globs)."""
        return _relative(file, self.root) or posix_path(file)

    def matches(self, globs: tuple[str, ...], file: str, is_dir: bool = False) -> bool:
        """Tell whether ``file`` matches any glob, with .gitignore semantics (see :func:`spec`).

        A glob is relative to the directory of the config file that set it; a directory matched
        by a glob covers everything below it, as in git.
        """
        if not globs:
            return False
        roots = dict(self.glob_roots)
        by_root: dict[str, list[str]] = {}
        for g in globs:
            by_root.setdefault(roots.get(g, self.root), []).append(g)
        for root, group in by_root.items():
            rel = _relative(file, root)
            if rel is None:
                continue
            if spec(tuple(group)).match_file(rel + "/" if is_dir else rel):
                return True
        return False

    def ignored_for(self, file: str) -> tuple[str, ...]:
        """Return the codes per-file-ignores switch off for ``file``."""
        out: list[str] = []
        for glob, codes in self.per_file_ignores:
            if self.matches((glob,), file):
                out.extend(codes)
        return tuple(out)


def posix_path(path: str) -> str:
    """Return ``path`` as pathlib writes it in POSIX style: ``.`` parts and repeated or
    trailing slashes dropped (``..`` kept), ``.`` for an empty path."""
    path = path.replace(os.sep, "/")
    lead = "//" if path.startswith("//") and not path.startswith("///") else "/" if path.startswith("/") else ""
    return lead + "/".join(p for p in path.split("/") if p and p != ".") or "."


def _relative(file: str, root: str) -> str | None:
    """Return ``file`` relative to ``root``, POSIX style; None when it lies outside ``root``."""
    try:
        rel = os.path.relpath(os.path.abspath(file), os.path.abspath(root))
    except ValueError:  # pragma: no cover - other drive on Windows
        return None
    posix = posix_path(rel)
    if posix == ".." or posix.startswith("../"):
        return None
    return posix


@functools.lru_cache(maxsize=256)
def spec(globs: tuple[str, ...]) -> Any:
    """Return the compiled globs, with the semantics of .gitignore (pathspec's GitIgnoreSpec).

    ``*`` stays within one path segment, ``**`` crosses them, a glob without a ``/`` matches at
    any depth, one with a ``/`` is anchored at the config's directory, a trailing ``/`` matches
    directories only, and ``!`` re-includes.
    """
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(globs)


# More `*` than this in one path segment can take seconds per file name to match (the regular
# expression backtracks over every way to split the name), so such globs are refused.
MAX_STARS_PER_SEGMENT = 2


def glob_problem(glob: str) -> str | None:
    """Return why ``glob`` cannot be used (invalid, or too slow to match), or None."""
    for segment in glob.split("/"):
        if segment.replace("**", "").count("*") > MAX_STARS_PER_SEGMENT:
            return f"more than {MAX_STARS_PER_SEGMENT} '*' in one path segment ({segment!r}) cannot be matched in reasonable time"
    try:
        spec((glob,))
    except Exception as exc:
        return f"not a valid glob ({exc})"
    return None


# key in the file -> the kind of value it takes (how parse_settings validates it); the Config
# field is the key with '-' written '_'
_KEYS: dict[str, str] = {
    "select": "codes",
    "ignore": "codes",
    "severity": "severity",
    "per-file-ignores": "per_file",
    "include": "globs",
    "exclude": "globs",
    "extend-exclude": "globs",
    "respect-gitignore": "bool",
    "force-exclude": "bool",
    "rules-dirs": "globs",
    "options": "options",
    "profile": "profile",
    "fail-on": "fail_on",
    "max-file-size": "size",
    "extend": "extend",
    "regions": "regions",
    "fix": "bool",
    "unsafe-fixes": "bool",
    "baseline": "path",
    "require-suppression-reason": "bool",
}
_SIZE = lazy(r"\s*([0-9]+)\s*(|B|KB|MB|GB)\s*\Z", re.I)
_UNITS = {"": 1, "B": 1, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000}


def _line_of(text: str, key: str, value: str | None = None) -> int | None:
    """Return the line that sets ``key`` (TOML or YAML), for error messages.

    With ``value``, the line where that value is written at or after the key (a bad code in a
    list, a bad severity in a flow mapping, written on a later line or the key's own).
    """
    pat = re.compile(r'^\s*["\']?' + re.escape(key) + r'["\']?\s*[:=]', re.M)
    m = pat.search(text)
    if m is None:  # a TOML table of its own: `[tool.mplint.severity]`
        m = re.compile(r'^\s*\[\s*tool\.mplint\.["\']?' + re.escape(key) + r'["\']?[\].]', re.M).search(text)
    if m is None:  # a key inside a flow or inline table: `{MP105: loud}`
        m = re.compile(r'[{,\s]["\']?' + re.escape(key) + r'["\']?\s*[:=]').search(text)
    start = m.start() if m else 0
    if value is not None:
        v = re.compile(r'(?<![A-Za-z0-9_-])["\']?' + re.escape(value) + r'["\']?(?![A-Za-z0-9_-])', re.I)
        hit = v.search(text, start)
        if hit is not None:
            return text.count("\n", 0, hit.start()) + 1
    return text.count("\n", 0, m.start() + (len(m.group()) - len(m.group().lstrip()))) + 1 if m else None


def _fail(msg: str, file: str, text: str, key: str, value: str | None = None) -> ConfigError:
    return ConfigError(msg, file, _line_of(text, key, value))


def _codes(value: Any, key: str, file: str, text: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"'{key}' must be a list of rule codes", file, text, key)
    out = tuple(v.strip().upper() for v in value)
    for code in out:
        if not _CODE.match(code):
            raise _fail(f"'{key}': {code!r} is not a rule code or prefix (like MP105 or MP1)", file, text, key, code)
    return out


def _globs(value: Any, key: str, file: str, text: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"'{key}' must be a list of paths or globs", file, text, key)
    if key != "rules-dirs":
        for glob in value:
            problem = glob_problem(glob)
            if problem:
                raise _fail(f"'{key}': {glob!r}: {problem}", file, text, key, glob)
    return tuple(value)


def _regions(value: Any, key: str, file: str, text: str) -> tuple[str, ...]:
    """Validate the ``regions`` key against the Regions the instance-type data knows."""
    from mplint.schema.regions import unknown_region

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"'{key}' must be a list of AWS Regions", file, text, key)
    problem = unknown_region(value)
    if problem is not None:
        raise _fail(problem, file, text, key)
    return tuple(value)


def parse_settings(
    data: Mapping[str, Any], file: str, text: str = "", root: str = ".", _chain: tuple[str, ...] = ()
) -> Config:
    """Validate a settings mapping (already read from a file) into a Config.

    ``extend`` names another config file (relative to this one) whose settings this file's
    keys override, as in ruff; its globs stay relative to its own directory.
    """
    if not isinstance(data, Mapping):
        raise ConfigError("the mplint settings must be a mapping", file, None)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    base: Config | None = None
    for key, value in data.items():
        kind = _KEYS.get(key)
        if kind is None:
            import difflib

            close = difflib.get_close_matches(str(key), list(_KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(_KEYS)}"
            raise _fail(f"unknown configuration key '{key}'{hint}", file, text, str(key))
        name = key.replace("-", "_")
        origins[name] = f"{file}:{_line_of(text, key) or 1}"
        if kind == "codes":
            values[name] = _codes(value, key, file, text)
        elif kind == "globs":
            values[name] = _globs(value, key, file, text)
        elif kind == "bool":
            if not isinstance(value, bool):
                raise _fail(f"'{key}' must be true or false", file, text, key)
            values[name] = value
        elif kind == "severity":
            if not isinstance(value, Mapping):
                raise _fail("'severity' must map rule codes to error, warning or info", file, text, key)
            pairs = []
            for code, level in value.items():
                (code,) = _codes([code], key, file, text)
                try:
                    pairs.append((code, Severity.parse(str(level))))
                except ValueError as exc:
                    raise _fail(f"'severity.{code}': {exc}", file, text, code, str(level)) from None
            values[name] = tuple(pairs)
        elif kind == "per_file":
            if not isinstance(value, Mapping):
                raise _fail("'per-file-ignores' must map globs to lists of codes", file, text, key)
            for glob in value:
                problem = glob_problem(str(glob))
                if problem:
                    raise _fail(f"'{key}': {glob!r}: {problem}", file, text, key, str(glob))
            values[name] = tuple((str(g), _codes(c, key, file, text)) for g, c in value.items())
        elif kind == "options":
            if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
                raise _fail("'options' must map rule codes or names to tables of options", file, text, key)
            values[name] = {str(k): dict(v) for k, v in value.items()}
        elif kind == "profile":
            if value not in PROFILES:
                raise _fail(f"'profile' must be one of {', '.join(PROFILES)}", file, text, key, str(value))
            values[name] = value
        elif kind == "regions":
            values[name] = _regions(value, key, file, text)
        elif kind == "size":
            m = _SIZE.match(str(value)) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
            if m is None:
                raise _fail(f"'{key}' must be a size in bytes, or with a unit like 10MB", file, text, key)
            values[name] = int(m.group(1)) * _UNITS[m.group(2).upper()]
        elif kind == "fail_on":
            if value not in FAIL_LEVELS:
                raise _fail(f"'fail-on' must be one of {', '.join(FAIL_LEVELS)}", file, text, key, str(value))
            values[name] = value
        elif kind == "path":
            if not isinstance(value, str) or not value.strip():
                raise _fail(f"'{key}' must be a path (relative to this file)", file, text, key)
            values[name] = os.path.normpath(os.path.join(os.path.abspath(root), value))
        elif kind == "extend":
            origins.pop(name)
            base = _extended(value, file, text, root, _chain)
    own = Config(source=file, root=root, origins=tuple(origins.items()), **values)
    return own if base is None else _overlay(base, own)


def _extended(value: Any, file: str, text: str, root: str, chain: tuple[str, ...]) -> Config:
    """Read the config file named by ``extend`` (relative to the file that names it)."""
    if not isinstance(value, str) or not value:
        raise _fail("'extend' must be the path of another config file", file, text, "extend")
    target = os.path.normpath(os.path.join(root, value))
    here = os.path.realpath(file)
    if os.path.realpath(target) in (*chain, here) or len(chain) >= MAX_EXTEND_DEPTH:
        raise _fail(f"'extend': {value!r} extends itself (a cycle)", file, text, "extend")
    if not os.path.isfile(target):
        raise _fail(f"'extend': no config file {value!r}", file, text, "extend")
    found = read(target, _chain=(*chain, here))
    if found is None:
        raise _fail(f"'extend': {value!r} has no [tool.mplint] table", file, text, "extend")
    return found


def _overlay(base: Config, own: Config) -> Config:
    """Return ``base`` with every key ``own`` sets replaced (rule options merged per rule)."""
    own_keys = dict(own.origins)
    changes: dict[str, Any] = {k: getattr(own, k) for k in own_keys}
    if "options" in own_keys:
        merged = {k: dict(v) for k, v in base.options.items()}
        for rule, opts in own.options.items():
            merged.setdefault(rule, {}).update(opts)
        changes["options"] = merged
    # Globs the base set stay relative to the base's directory.
    roots = dict(base.glob_roots)
    for field in ("include", "exclude", "extend_exclude", "rules_dirs"):
        if field not in own_keys:
            roots.update((g, roots.get(g, base.root)) for g in getattr(base, field))
    if "per_file_ignores" not in own_keys:
        roots.update((g, roots.get(g, base.root)) for g, _ in base.per_file_ignores)
    rules_dirs = base.rules_dirs
    if "rules_dirs" not in own_keys and base.root != own.root:
        # rules-dirs are read relative to the config's root: make the inherited ones absolute.
        rules_dirs = tuple(os.path.join(os.path.abspath(base.root), d) for d in base.rules_dirs)
    merged_origins = {**dict(base.origins), **own_keys}
    return base._replace(
        **{"rules_dirs": rules_dirs, **changes},
        source=own.source,
        root=own.root,
        origins=tuple(merged_origins.items()),
        glob_roots=tuple((g, r) for g, r in roots.items() if r != own.root),
    )


def read(path: str | os.PathLike[str], _chain: tuple[str, ...] = ()) -> Config | None:
    """Read one config file; None for a pyproject.toml without ``[tool.mplint]``."""
    name = posix_path(os.fspath(path))
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc.strerror or exc}", name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"cannot read config: not UTF-8 ({exc.reason} at byte {exc.start})", name, line) from None
    root = os.path.dirname(name) or ("/" if name.startswith("/") else ".")
    if os.path.basename(name) == "pyproject.toml":
        if "tool.mplint" not in text and not ("[tool]" in text and "mplint" in text):
            return None  # no [tool.mplint] table: no need to load a TOML reader
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib  # type: ignore[import-not-found]
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else text.count("\n") + (0 if text.endswith("\n") else 1)
            raise ConfigError(f"invalid TOML: {exc}", name, max(line, 1)) from None
        section = doc.get("tool", {}).get("mplint")
        if section is None:
            return None
        return parse_settings(section, name, text, root, _chain)
    import yaml

    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}", name, mark.line + 1 if mark else None
        ) from None
    if doc is not None and not isinstance(doc, Mapping):
        raise ConfigError("the mplint settings must be a mapping", name, 1)
    return parse_settings(doc or {}, name, text, root, _chain)


_cache: dict[str, Config] = {}


def clear_cache() -> None:
    """Forget discovered configs (after a config file changed, e.g. in the language server)."""
    _cache.clear()


def discover(start: str | os.PathLike[str]) -> Config:
    """Return the config that governs ``start`` (a file or directory), walking upward."""
    d = os.path.realpath(start)
    if not os.path.isdir(d):
        d = os.path.dirname(d)
    seen: list[str] = []
    found: Config | None = None
    for key in _upward(d):
        if key in _cache:
            found = _cache[key]
            break
        seen.append(key)
        for name in CONFIG_FILES:
            f = os.path.join(key, name)
            if os.path.isfile(f):
                found = read(f)
                if found is not None:
                    break
        if found is not None:
            break
    found = found or Config()
    for key in seen:
        _cache[key] = found
    return found


def _upward(directory: str) -> Iterator[str]:
    """Yield an absolute directory and each of its parents, up to the root."""
    while True:
        yield directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return
        directory = parent


def with_overrides(base: Config, **changes: Any) -> Config:
    """Return ``base`` with command-line values applied (None means "not given")."""
    given = {k: v for k, v in changes.items() if v is not None}
    if not given:
        return base
    origins = {**dict(base.origins), **{k: "command line" for k in given if k != "glob_roots"}}
    return base._replace(**given, origins=tuple(origins.items()))


def line_of_value(file: str | None, value: str) -> int | None:
    """Return the line of a config file where ``value`` (a code, a key) is written."""
    if not file:
        return None
    try:
        with open(file, encoding="utf-8-sig") as fh:
            text = fh.read()
    except OSError:
        return None
    return _line_of(text, value, value)


def resolver(config_file: str | None = None, overrides: Mapping[str, Any] | None = None) -> Callable[[str], Config]:
    """Return ``config_for(location) -> Config``: the config file given, or the one discovered
    for the location, with the command line's values applied (one object per config file)."""
    overrides = overrides or {}
    fixed = read(config_file) if config_file else None
    if config_file and fixed is None:
        fixed = Config(source=config_file, root=os.path.dirname(os.path.abspath(config_file)))
    cache: dict[int, Config] = {}
    # Directory as given -> its config: discovery resolves paths (a system call per component),
    # which for a tree of small files cost more than checking them.
    by_dir: dict[str, Config] = {}

    def config_for(location: str) -> Config:
        hit = by_dir.get(location)  # a directory asked for before: no system call
        if hit is not None:
            return hit
        directory = location if os.path.isdir(location) else os.path.dirname(location) or "."
        hit = by_dir.get(directory)
        if hit is not None:
            return hit
        base = fixed if fixed is not None else discover(directory)
        hit = cache.get(id(base))
        if hit is None:
            hit = cache[id(base)] = with_overrides(base, **_merge(base, overrides))
        by_dir[directory] = hit
        return hit

    return config_for


def _merge(base: Config, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Combine command-line values with a file's; --ignore, --severity and --rules-dir add to it."""
    out = dict(overrides)
    if out.get("ignore") is not None:
        out["ignore"] = (*base.ignore, *out["ignore"])
    if out.get("severity") is not None:
        out["severity"] = (*base.severity, *out["severity"])
    if out.get("rules_dirs") is not None:
        out["rules_dirs"] = (*base.rules_dirs, *out["rules_dirs"])
    # Globs given on the command line are relative to the working directory.
    cli_globs = [*(out.get("exclude") or ()), *(out.get("extend_exclude") or ())]
    if out.get("extend_exclude") is not None:
        out["extend_exclude"] = (*base.extend_exclude, *out["extend_exclude"])
    if cli_globs:
        roots = {**dict(base.glob_roots), **{g: os.getcwd() for g in cli_globs}}
        out["glob_roots"] = tuple(roots.items())
    return out
