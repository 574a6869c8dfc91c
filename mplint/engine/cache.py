"""The result cache: a file whose content, configuration and rules are unchanged is not checked again.

An entry is keyed on everything a file's findings depend on: the file's bytes and its name (the
suffix picks the reader; findings carry the name), whether it was named or forced, mplint's
version and the fingerprint of its installed code, the resolved configuration, the content of
every rule file in its ``rules-dirs`` and the installed rule plugins. A change to any of them is
a different key, so a stale entry is never found, only left behind (``mplint check --no-cache``
bypasses the cache; deleting the directory clears it).

Entries are kept in JSON files under ``.mplint_cache/`` (which holds a ``.gitignore`` of
``*``). Each is written to a temporary file and renamed into place, so concurrent runs never
read half a file; a file or an entry that cannot be read or does not have the expected shape is
ignored (and rewritten).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from typing import Any

from mplint import __version__
from mplint.diagnostics import Diagnostic, Fix, Severity
from mplint.engine.config import Config
from mplint.model import Span
from mplint.result import FileResult

DEFAULT_DIR = ".mplint_cache"
# Bump when the layout of an entry changes.
FORMAT = 3


class CachedFileResult(FileResult):
    """A FileResult read back from the cache: the spans to mask in excerpts are stored as spans."""

    def __init__(self, file: str, stored_redactions: list[tuple[int | None, Span]], **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self._stored = stored_redactions

    @property
    def redactions(self) -> list[Span]:
        return sorted(s for cell, s in self._stored if cell is None)

    @property
    def cell_redactions(self) -> dict[int, list[Span]]:
        out: dict[int, list[Span]] = {}
        for cell, span in self._stored:
            if cell is not None:
                out.setdefault(cell, []).append(span)
        return {cell: sorted(spans) for cell, spans in out.items()}


# The libraries whose behaviour findings depend on (parsers, patterns, expressions).
_LIBRARIES = ("libcst", "yaml", "regex", "jmespath", "pathspec")


def _code_fingerprint() -> str:
    """Return a fingerprint of mplint's installed code and data (size and mtime of each file),
    of the Python that runs it and of the libraries it reads files with.

    The version alone would let an edited checkout reuse results of the code before the edit,
    and an upgraded parser could place a finding elsewhere.
    """
    import importlib.util
    import sys

    root = os.path.dirname(os.path.abspath(__file__))
    h = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        found = importlib.util.find_spec(name)
        origin = found.origin if found is not None and found.origin else ""
        stamp = os.stat(origin) if origin and os.path.exists(origin) else None
        h.update(
            f"{name}\0{origin}\0{stamp and stamp.st_size}\0{stamp and stamp.st_mtime_ns}\0".encode(
                "utf-8", "surrogateescape"
            )
        )
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".py", ".json", ".yaml")):
                st = os.stat(os.path.join(dirpath, name))
                h.update(
                    f"{os.path.relpath(os.path.join(dirpath, name), root)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode()
                )
    return h.hexdigest()


def _rule_files_fingerprint(config: Config) -> str:
    """Return a hash of the content of every file in the config's rules-dirs, and the plugins."""
    h = hashlib.sha256()
    for entry in config.rules_dirs:
        directory = os.path.join(config.root, entry)
        for dirpath, dirnames, filenames in os.walk(directory):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                h.update(full.encode("utf-8", "surrogateescape") + b"\0")
                try:
                    with open(full, "rb") as fh:
                        h.update(hashlib.sha256(fh.read()).digest())
                except OSError:
                    h.update(b"unreadable")
    h.update(_plugins_stamp())
    return h.hexdigest()


@functools.cache
def _plugins_stamp() -> bytes:
    """Return what identifies the installed rule plugins: their entry points and module files."""
    from mplint.engine import plugins

    h = hashlib.sha256()
    try:
        for ep in plugins.entry_points("mplint.rules"):
            h.update(repr(ep).encode("utf-8", "surrogateescape") + _module_stamp(ep.value))
    except Exception:
        h.update(os.urandom(16))
    return h.digest()


def _module_stamp(value: str) -> bytes:
    """Return the size and mtime of the file of a plugin's module (an upgrade changes them)."""
    import importlib.util

    spec = importlib.util.find_spec(value.partition(":")[0].strip())
    if spec is None or not spec.origin or not os.path.exists(spec.origin):
        return os.urandom(16)  # nothing to compare with: never reuse
    st = os.stat(spec.origin)
    return f"{spec.origin}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "surrogateescape")


class Cache:
    """The cache of one run: lint a file through it with :meth:`lint`, then call :meth:`finish`.

    The entries live in 16 shard files (``results-<FORMAT>-<first hex digit of the key>.json``),
    each read once when first needed and written back once at the end, merged with what other
    runs wrote meanwhile: creating a file per entry costs more than checking most files, and one
    file for all would make a run over one file read every entry. Two runs writing a shard at
    once each rename a complete file into place; the last one wins and the other's new entries
    are merely lost.
    """

    # Past this many entries in a shard, only those of the last run are kept.
    MAX_ENTRIES = 5_000

    def __init__(self, directory: str = DEFAULT_DIR) -> None:
        self.directory = directory
        self.prefix = os.path.join(directory, f"results-{FORMAT}-")
        self._code = f"{__version__}\0{_code_fingerprint()}"
        self._configs: dict[int, tuple[Config, str]] = {}
        self._shards: dict[str, dict[str, Any]] = {}
        self._new: dict[str, dict[str, Any]] = {}
        self._used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def _config_key(self, config: Config) -> str:
        hit = self._configs.get(id(config))
        if hit is None or hit[0] is not config:
            settings = repr(config._replace(origins=()))
            key = hashlib.sha256(
                f"{settings}\0{_rule_files_fingerprint(config)}".encode("utf-8", "surrogateescape")
            ).hexdigest()
            hit = self._configs[id(config)] = (config, key)
        return hit[1]

    def key(self, data: bytes, path: str, config: Config, forced: bool, explicit: bool) -> str:
        """Return the entry key of one file's check."""
        h = hashlib.sha256()
        for part in (str(FORMAT), self._code, self._config_key(config), path, str(forced), str(explicit)):
            h.update(part.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    def lint(self, data: bytes, path: str, config: Config, forced: bool, explicit: bool) -> FileResult:
        """Return the cached result of checking ``data``, or check it and keep the result."""
        key, stored = self.lookup(data, path, config, forced, explicit)
        if stored is not None:
            return stored
        from mplint.engine.run import check_text

        result = check_text(data, path, config, forced, explicit)
        self.keep(key, result)
        return result

    def lookup(
        self, data: bytes, path: str, config: Config, forced: bool, explicit: bool
    ) -> tuple[str, FileResult | None]:
        """Return the key of checking ``data`` and its cached result (None: not cached; give
        the result to :meth:`keep`)."""
        key = self.key(data, path, config, forced, explicit)
        shard = self._shards.get(key[0])
        if shard is None:
            shard = self._shards[key[0]] = _read_entries(self.shard_file(key[0]))
        doc = shard.get(key)
        stored = _restore(doc, data, path) if doc is not None else None
        if stored is not None:
            self.hits += 1
            self._used.add(key)
        else:
            self.misses += 1
        return key, stored

    def keep(self, key: str, result: FileResult) -> None:
        """Keep the result of a check that :meth:`lookup` did not find."""
        if not any(d.code == "MP002" for d in result.diagnostics):  # a crash is not a result
            self._new.setdefault(key[0], {})[key] = _dump(result)
            self._used.add(key)

    def take_new(self) -> tuple[dict[str, dict[str, Any]], set[str], int, int]:
        """Return what this process added (entries, keys used, hits, misses), for
        :meth:`put_new` in the process that writes the cache (a pool worker's share)."""
        return self._new, self._used, self.hits, self.misses

    def put_new(self, added: tuple[dict[str, dict[str, Any]], set[str], int, int]) -> None:
        """Add what another process's :meth:`take_new` returned."""
        new, used, hits, misses = added
        for shard, entries in new.items():
            self._new.setdefault(shard, {}).update(entries)
        self._used |= used
        self.hits += hits
        self.misses += misses

    def shard_file(self, shard: str) -> str:
        """Return the file of the entries whose keys start with ``shard``."""
        return f"{self.prefix}{shard}.json"

    def finish(self) -> None:
        """Write the new entries (merged with the file as it is now); never raises OSError."""
        try:
            for shard, new in sorted(self._new.items()):
                self._prepare()
                self._write(shard, new)
        except OSError:
            pass  # a read-only or full disk: the run goes on without caching
        self._new = {}

    def _write(self, shard: str, new: dict[str, Any]) -> None:
        import tempfile  # only a run that stores results pays for importing it

        file = self.shard_file(shard)
        entries = _read_entries(file)
        entries.update(new)
        if len(entries) > self.MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"format": FORMAT, "entries": entries}, fh, ensure_ascii=True, separators=(",", ":"))
            os.replace(tmp, file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _prepare(self) -> None:
        os.makedirs(self.directory, exist_ok=True)
        ignore = os.path.join(self.directory, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as fh:
                fh.write("# Created by mplint: the result cache is never committed.\n*\n")


def _read_entries(file: str) -> dict[str, Any]:
    """Return the entries of the cache file; empty when it is missing, unreadable or corrupt."""
    try:
        with open(file, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("entries"), dict):
        return {}
    entries: dict[str, Any] = doc["entries"]
    return entries


def _span(s: Span) -> list[int]:
    return [s.line, s.column, s.end_line, s.end_column]


def _dump(result: FileResult) -> dict[str, Any]:
    diags = []
    for d in result.diagnostics:
        fix = None if d.fix is None else [*d.fix[:1], _span(d.fix.span), *d.fix[2:]]
        where = None if d.file_span is None else _span(d.file_span)
        diags.append(
            [d.code, d.name, int(d.severity), d.message, _span(d.span), d.path, d.request, d.cell, fix, where, d.digest]
        )
    # Excerpts mask secret values; keep their spans (worked out only when there is a finding,
    # since only a finding prints an excerpt).
    masks: list[list[Any]] = []
    if result.diagnostics:
        masks = [[None, _span(s)] for s in result.redactions]
        masks += [[cell, _span(s)] for cell, spans in result.cell_redactions.items() for s in spans]
    return {"requests": result.requests, "skipped": result.skipped, "diagnostics": diags, "masks": masks}


def _to_span(value: Any) -> Span:
    line, column, end_line, end_column = (int(v) for v in value)
    return Span(line, column, end_line, end_column)


def _to_fix(value: Any) -> Fix:
    title, span, replacement, safe, kind, fixed = value
    return Fix(str(title), _to_span(span), str(replacement), bool(safe), str(kind), fixed)


def _restore(doc: Any, data: bytes, path: str) -> FileResult | None:
    """Rebuild one entry's result; None when it does not have the expected shape."""
    try:
        diags = []
        for code, name, sev, message, span, dpath, request, cell, fix, where, digest in doc["diagnostics"]:
            f = None if fix is None else _to_fix(fix)
            diags.append(
                Diagnostic(
                    str(code),
                    str(name),
                    Severity(sev),
                    str(message),
                    _to_span(span),
                    str(dpath),
                    path,
                    str(request),
                    cell if cell is None else int(cell),
                    f,
                    None if where is None else _to_span(where),
                    None if digest is None else str(digest),
                )
            )
        masks = [(None if c is None else int(c), _to_span(s)) for c, s in doc["masks"]]
        requests, skipped = int(doc["requests"]), bool(doc["skipped"])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    text = None
    if diags:
        from mplint import sources

        text, _ = sources.decode(data, python=path.lower().endswith(".py"))
    result = CachedFileResult(path, masks, diagnostics=diags, requests=requests, skipped=skipped, text=text)
    from mplint.engine.run import keep_cells

    keep_cells(result)
    return result
