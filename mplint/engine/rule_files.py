"""Where rules other than the built-in ones come from: the shipped pack, the config's
``rules-dirs`` and third-party Python rules in the ``mplint.rules`` entry-point group.

The pack is ``rules/`` in a checkout and ``mplint/pack`` in a wheel. Checking a JSON request
should not pay for importing and running a YAML parser on it, so ``mplint/pack.json`` is its
pre-read twin: each pack file's composed rules (data and line numbers) and a checksum of the
YAML texts it came from. When the checksum no longer matches the YAML beside it (someone edited
the pack), the YAML is read instead, and ``tests/test_pack_cache.py`` says the twin is stale.
Regenerate it with ``python -m mplint.engine.rule_files``.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import zlib
from collections.abc import Iterable
from typing import cast

from mplint.engine.config import Config
from mplint.errors import RuleFileError
from mplint.rule import Rule
from mplint.rules.declarative import check_expression, rule_class
from mplint.rules.declarative_format import Composed, compose, parse_text, specs

ENTRY_POINT_GROUP = "mplint.rules"
PACK_ORIGIN = "pack"
CACHE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pack.json")


def load_file(path: str, origin: str | None = None, validate: bool = True) -> list[type[Rule]]:
    """Return the rule classes of one rule file (expressions checked unless ``validate`` is off)."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"cannot read rule file: {exc}", path) from None
    specs = parse_text(text, path, check_expression if validate else None)
    return [rule_class(s, origin or path) for s in specs]


def pack_dir() -> str:
    """Return the directory of the shipped pack: ``mplint/pack`` installed, ``rules/`` in a checkout."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(here, "pack")
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(here), "rules")


def rule_files(directory: str) -> list[str]:
    """Return the rule files of a directory (``*.yaml``, ``*.yml``) by name, or the file given."""
    if os.path.isfile(directory):
        return [directory]
    names = sorted(n for n in os.listdir(directory) if n.endswith((".yaml", ".yml")))
    return [os.path.join(directory, n) for n in names]


@functools.cache
def pack_rules() -> tuple[type[Rule], ...]:
    """Return the shipped pack's rules, parsed once per process (tests check its expressions)."""
    directory = pack_dir()
    if not os.path.isdir(directory):
        return ()
    files = rule_files(directory)
    by_name = composed(files)
    return tuple(
        rule_class(spec, PACK_ORIGIN) for path in files for spec in specs(by_name[os.path.basename(path)], path, None)
    )


_file_cache: dict[tuple[str, float], tuple[type[Rule], ...]] = {}


def directory_rules(config: Config) -> list[type[Rule]]:
    """Return the rules of every file in the config's ``rules-dirs`` (relative to its root)."""
    out: list[type[Rule]] = []
    for entry in config.rules_dirs:
        directory = os.path.normpath(os.path.join(config.root, entry))
        if not os.path.exists(directory):
            from mplint.engine.config import line_of_value

            line = line_of_value(config.source, entry) if config.source else None
            raise RuleFileError(f"rules-dirs: {entry!r} does not exist", config.source or "command line", line)
        for path in rule_files(directory):
            shown = os.path.relpath(path) if not os.path.isabs(entry) else path
            key = (os.path.abspath(path), os.path.getmtime(path))
            if key not in _file_cache:
                _file_cache[key] = tuple(load_file(path, shown))
            out.extend(_file_cache[key])
    return out


@functools.cache
def plugin_rules() -> tuple[type[Rule], ...]:
    """Return the Rule classes of installed ``mplint.rules`` entry points; a broken one is an error."""
    from mplint.engine.plugins import entry_points

    out: list[type[Rule]] = []
    for ep in sorted(entry_points(ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = ep.dist
        where = f"plugin {dist} (entry point {ep.name} = {ep.value})"
        try:
            loaded = ep.load()
        except Exception as exc:
            raise RuleFileError(f"{where} failed to load: {type(exc).__name__}: {exc}") from None
        classes: list[object] = [loaded] if isinstance(loaded, type) else list(cast("Iterable[object]", loaded))
        for cls in classes:
            if not (isinstance(cls, type) and issubclass(cls, Rule) and "code" in cls.__dict__):
                raise RuleFileError(f"{where} gave {cls!r}, not a Rule subclass with a code")
            cls.origin = dist
            out.append(cls)
    return tuple(out)


def checksum(texts: dict[str, str]) -> int:
    """Return a checksum of the pack's file names and texts."""
    crc = 0
    for name in sorted(texts):
        crc = zlib.crc32(name.encode() + b"\0" + texts[name].encode("utf-8"), crc)
    return crc


def read_texts(files: list[str]) -> dict[str, str]:
    """Return the text of each pack file by base name."""
    out = {}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            out[os.path.basename(path)] = fh.read()
    return out


def composed(files: list[str]) -> dict[str, list[Composed]]:
    """Return each pack file's composed rules, from the twin when it matches the YAML."""
    texts = read_texts(files)
    try:
        with open(CACHE, encoding="utf-8") as fh:
            cache = json.load(fh)
    except (OSError, ValueError):
        cache = None
    if cache is not None and cache.get("checksum") == checksum(texts):
        return {name: [(c[0], c[1], c[2]) for c in rules] for name, rules in cache["files"].items()}
    return {name: compose(text, name) for name, text in texts.items()}


def build(files: list[str]) -> str:
    """Return the JSON twin of the pack files."""
    texts = read_texts(files)
    doc = {
        "checksum": checksum(texts),
        "files": {name: compose(text, name) for name, text in sorted(texts.items())},
    }
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    """Write mplint/pack.json from the pack's YAML files."""
    with open(CACHE, "w", encoding="utf-8") as fh:
        fh.write(build(rule_files(pack_dir())))
    print(f"wrote {CACHE}", file=sys.stderr)


if __name__ == "__main__":
    main()
