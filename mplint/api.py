"""The one entry point for the CLI, the language server and tests: lint text or paths."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from mplint.diagnostics import Diagnostic, Severity
from mplint.engine import config as config_mod
from mplint.engine.config import Config
from mplint.engine.runner import Engine
from mplint.findings import ParseError
from mplint.model import Node, Request, Span

_KNOWN_SUFFIXES = (".json", ".yaml", ".yml", ".template", ".py", ".ipynb")
# Words whose presence makes undecodable bytes worth reporting rather than skipping.
_BYTE_HINTS = (b"ModelPackage", b"InferenceSpecification", b"create_model_package", b"M\x00o\x00d\x00e\x00l\x00")


@dataclass
class FileResult:
    """What checking one file gave: findings, how many requests, and its text for excerpts."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    requests: int = 0
    skipped: bool = False
    text: str | None = None
    # Spans of secret-looking values in a file that could not be read as requests.
    lexical_redactions: list[Span] = field(default_factory=list)
    # The requests whose secrets are not worked out yet (see :attr:`secrets`).
    _unsearched: list[Request] = field(default_factory=list, repr=False)
    _secrets: list[tuple[int | None, Node]] = field(default_factory=list, repr=False)

    @property
    def secrets(self) -> list[tuple[int | None, Node]]:
        """Return the secret value nodes (see mplint.secrets) with their notebook cell (None
        outside notebooks): reporters mask their spans in the excerpts they print. They are
        searched for when first asked for (a file without findings prints no excerpt) and
        kept as nodes, so a run that prints no excerpt never works out where they are."""
        if self._unsearched:
            from mplint import secrets

            requests, self._unsearched = self._unsearched, []
            self._secrets.extend(_in_cell(r, n) for r in requests for n in secrets.request_secrets(r))
        return self._secrets

    def __getstate__(self) -> dict[str, Any]:
        """Pickle (from a worker process) the secrets' nodes rather than the whole requests."""
        self.secrets  # noqa: B018 - searched now, so the requests need not travel
        return self.__dict__

    @property
    def redactions(self) -> list[Span]:
        """Return the spans to mask in excerpts of the file, in document order."""
        return self.lexical_redactions + sorted(n.span for cell, n in self.secrets if cell is None)

    @property
    def cell_redactions(self) -> dict[int, list[Span]]:
        """Return the spans to mask per notebook cell (lines counted within the cell)."""
        out: dict[int, list[Span]] = {}
        for cell, node in self.secrets:
            if cell is not None:
                out.setdefault(cell, []).append(node.span)
        return {cell: sorted(spans) for cell, spans in out.items()}


def _in_cell(request: Request, node: Node) -> tuple[int | None, Node]:
    """Return a secret node with its cell; a notebook node gets its span within that cell."""
    if request.place is None:
        return request.cell, node
    cell, span, _ = request.place(node.span)
    return cell, replace(node, span=span)


@dataclass
class RunResult:
    """The findings of a whole run, in a stable order, with the contract's summary counts."""

    files: list[FileResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The configuration each checked file was checked with (the exit status comes from its
    # fail-on), and the rules of those configurations (reporters describe them).
    configs: dict[str, Config] = field(default_factory=dict)
    _rules: list[Any] | None = field(default=None, repr=False)

    @property
    def rules(self) -> list[Any]:
        """Return the rule classes of the configurations the run used (each code once), for
        reporters that describe rules; worked out when first asked (a run whose results all
        came from the cache never builds an engine otherwise)."""
        if self._rules is None:
            used = {id(c): c for c in self.configs.values()}
            self._rules = _rules_of(list(used.values())) if used else []
        return self._rules

    def fail_level(self, file: str, given: str | None = None) -> str:
        """Return the fail-on level that applies to ``file``: the command line's, else its config's."""
        if given:
            return given
        config = self.configs.get(file)
        return (config.fail_on if config is not None else None) or "warning"

    @property
    def diagnostics(self) -> list[Diagnostic]:
        out = [d for f in self.files for d in f.diagnostics]
        return sorted(out, key=Diagnostic.sort_key)

    def summary(self) -> dict[str, int]:
        """Return counts: files checked, skipped, requests, and findings by severity."""
        diags = self.diagnostics
        return {
            "files": sum(1 for f in self.files if not f.skipped),
            "skipped": sum(1 for f in self.files if f.skipped),
            "requests": sum(f.requests for f in self.files),
            "errors": sum(1 for d in diags if d.severity is Severity.ERROR),
            "warnings": sum(1 for d in diags if d.severity is Severity.WARNING),
            "infos": sum(1 for d in diags if d.severity is Severity.INFO),
        }

    @property
    def internal_error(self) -> bool:
        return any(d.code == "MP002" for d in self.diagnostics)


_engines: dict[int, tuple[Config, Engine]] = {}
_DEFAULT: list[Config] = []


def _default_config() -> Config:
    """Return the one default configuration, so its engine is built once per process."""
    if not _DEFAULT:
        _DEFAULT.append(Config())
    return _DEFAULT[0]


def engine_for(config: Config) -> Engine:
    """Return the (cached) engine of a configuration object."""
    hit = _engines.get(id(config))
    if hit is None or hit[0] is not config:
        hit = (config, Engine.build(config))
        _engines[id(config)] = hit
    return hit[1]


def _guess_name(filename: str, text: str) -> str:
    """Give a name with a known suffix to text named without one (stdin, odd suffixes)."""
    if filename.lower().endswith(_KNOWN_SUFFIXES):
        return filename
    return filename + (".json" if text.lstrip()[:1] in ("{", "[") else ".yaml")


def lint_text(
    text: str | bytes,
    filename: str = "<stdin>",
    *,
    config: Config | None = None,
    forced: bool = False,
    explicit: bool = True,
) -> FileResult:
    """Check one file's content; ``forced`` treats it as a request whatever its text says.

    Whatever goes wrong inside mplint while checking it ends as one ``MP002`` finding of the
    file, never as an exception: the other files of a run are still reported.
    """
    config = config or _default_config()

    def work() -> FileResult:
        staged = _stage(text, filename, config, forced, explicit)
        return staged if isinstance(staged, FileResult) else _check(staged, config)

    return _guarded(filename, config, work)


def _guarded(filename: str, config: Config, work: Callable[[], FileResult]) -> FileResult:
    """Return ``work()``, or one ``MP002`` finding of the file when mplint itself fails.

    File names stay as given: each reporter writes a name that is not UTF-8 its own way.
    """
    try:
        return work()
    except BaseException as exc:
        # panic derives from BaseException); only an interrupt or an exit goes through
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        engine = engine_for(config)
        return FileResult(filename, engine.finish([_internal_error(exc, filename)], filename))


def _internal_error(exc: BaseException, file: str) -> Diagnostic:
    import traceback

    from mplint.findings import InternalError

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    detail = str(exc)[:200]
    return InternalError.finding(
        Span(1, 1, 1, 2), f"internal error while checking {file}: {type(exc).__name__}: {detail}{where}"
    )


def _too_big(size: int, config: Config) -> Diagnostic:
    limit = config.max_file_size
    return ParseError.finding(
        Span(1, 1, 1, 2),
        (
            f"the file is {size:,} bytes, over the {limit:,}-byte limit for request files; "
            "not checked (raise max-file-size in the config to check it)"
        ),
    )


class Candidate(NamedTuple):
    """A decoded file whose text can hold a request: what checking it needs."""

    text: str
    filename: str
    name: str  # the filename with a suffix that tells its format
    kind: str  # the source that reads it (see mplint.sources.detect)


def _stage(text: str | bytes, filename: str, config: Config, forced: bool, explicit: bool) -> FileResult | Candidate:
    """Decode a file and test its text: a file that cannot hold a request is done here."""
    from mplint import sources

    if len(text) > config.max_file_size:
        return FileResult(filename, engine_for(config).finish([_too_big(len(text), config)], filename))
    if isinstance(text, bytes):
        decoded, problem = sources.decode(text, python=filename.lower().endswith(".py"))
        if problem is not None:
            result = FileResult(filename)
            if forced or explicit or any(h in text for h in _BYTE_HINTS):
                result.diagnostics = engine_for(config).finish([problem], filename)
            else:
                result.skipped = True
            return result
        text = decoded or ""
    name = _guess_name(filename, text)
    kind = sources.detect(name, text, forced=forced)
    if kind is None:
        return FileResult(filename, skipped=True, text=text)
    return Candidate(text, filename, name, kind)


def _check(candidate: Candidate, config: Config) -> FileResult:
    """Read a candidate's requests and run the rules on them."""
    from mplint import sources

    result = FileResult(candidate.filename, text=candidate.text)
    loaded = sources.load(candidate.text, candidate.name, candidate.kind)
    return _checked(result, loaded, engine_for(config), candidate.filename)


def lint_cells(cells: list[tuple[str, str]], filename: str, *, config: Config | None = None) -> FileResult:
    """Check a notebook given as (cell kind, source) pairs, as an editor holds an open notebook.

    Findings name their cell (numbered from 1, every cell counted) and count lines within it.
    """
    from mplint.sources import notebook

    result = FileResult(filename)
    loaded = notebook.load_cells(cells, filename)
    return _checked(result, loaded, engine_for(config or Config()), filename)


def _checked(result: FileResult, loaded: Any, engine: Engine, filename: str) -> FileResult:
    """Run the rules on what a source loaded, and record the findings in ``result``."""
    if loaded is None or (not loaded.requests and not loaded.diagnostics):
        result.skipped = True
        return result
    # A notebook's source findings are filtered by their own cell's suppressions already.
    file_supp = loaded.requests[0].suppressions if loaded.requests and loaded.requests[0].place is None else None
    diags = engine.finish(loaded.diagnostics, filename, suppressions=file_supp)
    for request in loaded.requests:
        diags.extend(engine.finish(engine.check(request), filename, request))
    result.requests = len(loaded.requests)
    result.diagnostics = sorted(_redact(result, loaded, diags), key=Diagnostic.sort_key)
    return result


def _redact(result: FileResult, loaded: Any, diags: list[Diagnostic]) -> list[Diagnostic]:
    """Record the spans of secret values and scrub any secret text left in the messages."""
    from mplint import secrets

    result._unsearched.extend(loaded.requests)
    if not loaded.requests and result.text is not None:
        from mplint.sources.positions import LineIndex

        result.lexical_redactions = secrets.lexical_spans(LineIndex(result.text).lines())
    if not diags:
        return diags  # nothing to scrub
    said = "\x00".join(
        d.message if d.fix is None else f"{d.message}\x00{d.fix.title}\x00{d.fix.replacement}" for d in diags
    )
    if not any(secrets.shown_in(secrets.request_candidates(r), said) for r in loaded.requests):
        return diags  # no value that could be secret appears in what is printed
    words = secrets.texts(n for _, n in result.secrets)
    if not words:
        return diags
    scrub = secrets.scrubber(words)
    out = []
    for d in diags:
        message = scrub(d.message)
        fix = d.fix
        if fix is not None and scrub(fix.title + "\x00" + fix.replacement) != fix.title + "\x00" + fix.replacement:
            fix = None  # a fix that would write a secret is dropped rather than shown
        out.append(d if message == d.message and fix is d.fix else d.stamped(message=message, fix=fix))
    return out


def _read_failure(path: str, exc: OSError, engine: Engine) -> FileResult:
    reason = exc.strerror or type(exc).__name__
    d = ParseError.finding(Span(1, 1, 1, 2), f"cannot read the file: {reason}")
    return FileResult(path, engine.finish([d], path))


def _read(path: str, limit: int) -> bytes | int:
    """Return a file's bytes, or its size when it is over ``limit`` (read no further).

    Opened without blocking and checked to be a regular file once open: a FIFO put in a
    file's place after the walk looked at it cannot hang the run.
    """
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file", path)
        data = fh.read(limit + 1)
        if len(data) > limit:
            return max(os.fstat(fd).st_size, len(data))
    return data


def config_resolver(config_file: str | None = None, overrides: dict[str, Any] | None = None) -> Any:
    """Return ``config_for(location) -> Config``: the config file given, or the one discovered
    for the location, with the command line's values applied (one object per config file)."""
    overrides = overrides or {}
    fixed = config_mod.read(config_file) if config_file else None
    if config_file and fixed is None:
        fixed = Config(source=config_file, root=os.path.dirname(os.path.abspath(config_file)))
    cache: dict[int, Config] = {}
    # Directory as given -> its config: discovery resolves paths (a system call per component),
    # which for a tree of small files cost more than checking them.
    by_dir: dict[str, Config] = {}

    def config_for(location: str) -> Config:
        directory = location if os.path.isdir(location) else os.path.dirname(location) or "."
        hit = by_dir.get(directory)
        if hit is not None:
            return hit
        base = fixed if fixed is not None else config_mod.discover(directory)
        hit = cache.get(id(base))
        if hit is None:
            hit = cache[id(base)] = config_mod.with_overrides(base, **_merge(base, overrides))
        by_dir[directory] = hit
        return hit

    return config_for


def lint_paths(
    paths: list[str],
    *,
    config_file: str | None = None,
    overrides: dict[str, Any] | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    jobs: int | None = None,
    cache_dir: str | None = None,
    progress: Any = None,
) -> RunResult:
    """Check files and directories (``-`` is standard input) with discovered configuration.

    ``cache_dir``: reuse and store results there (see mplint.engine.cache); ``progress(done, total)``
    is called after each file is read and tested. Large runs are checked on ``jobs`` processes (None:
    every core; see mplint.engine.pool). Of each file only what reports need is kept: its findings,
    and the text of a file with findings.
    """
    from mplint.engine import pool
    from mplint.engine.discovery import walk

    config_for = config_resolver(config_file, overrides)
    run = RunResult()
    found = walk([p for p in paths if p != "-"], config_for)
    run.notes.extend(found.notes)
    store = None
    if cache_dir is not None:
        from mplint.engine.cache import Cache

        store = Cache(cache_dir)
    if "-" in paths:
        name = stdin_filename or "<stdin>"
        cfg = config_for(os.path.dirname(os.path.abspath(name)) if stdin_filename else os.getcwd())
        run.files.append(_slim(lint_text(stdin or b"", name, config=cfg)))
        run.configs[name] = cfg
    tasks = []
    for path, forced in found.files:
        cfg = config_for(path)
        run.configs[path] = cfg
        forced = forced or bool(cfg.include and cfg.matches(cfg.include, path))
        if cfg.rules_dirs and not forced and path not in paths and _in_rules_dirs(cfg, path):
            continue  # an organisation's rule files are configuration, not requests
        engine_for(cfg)  # built once here, not in each worker
        tasks.append((path, cfg, forced, path in paths, len(tasks)))
    keys: dict[int, str] = {}  # task -> cache key of a candidate the cache does not hold

    def stage(path: str, config: Config, forced: bool, explicit: bool, i: int) -> tuple[FileResult | None, Any]:
        done, candidate = stage_file(path, config, forced, explicit, store)
        if progress is not None:
            progress(i + 1, len(tasks))
        if done is None and store is not None:
            candidate, keys[i] = candidate
        return done, candidate

    results = pool.run(tasks, stage, check_candidate, jobs)
    if store is not None:
        for i, key in keys.items():
            store.keep(key, results[i])
        store.finish()
    run.files.extend(results)
    return run


def stage_file(
    path: str, config: Config, forced: bool, explicit: bool, store: Any = None
) -> tuple[FileResult | None, Any]:
    """Read a file and test its text: (its result, None) when that settles it (or ``store``,
    a result cache, holds it), else (None, the candidate to check with :func:`check_candidate`;
    with ``store``, paired with its cache key)."""
    try:
        data = _read(path, config.max_file_size)
    except OSError as exc:
        return _read_failure(path, exc, engine_for(config)), None
    if isinstance(data, int):
        return FileResult(path, engine_for(config).finish([_too_big(data, config)], path)), None
    key = None
    if store is not None:
        key, stored = store.lookup(data, path, config, forced, explicit)
        if stored is not None:
            return stored, None
    staged = _guarded(path, config, lambda: _stage(data, path, config, forced, explicit))  # type: ignore[arg-type,return-value]
    if isinstance(staged, FileResult):
        if store is not None:
            store.keep(key, staged)
        return _slim(staged), None
    return None, (staged if store is None else (staged, key))


def check_candidate(task: tuple[Any, ...], candidate: Candidate) -> FileResult:
    """Check a candidate staged from ``task``; keep only what reports need."""
    return _slim(_guarded(candidate.filename, task[1], lambda: _check(candidate, task[1])))


def _slim(result: FileResult) -> FileResult:
    """Drop what no report of a file needs: a file without findings prints no excerpt, so its
    text, requests and secret spans go; a file with findings keeps its text and the nodes of its
    secrets (searched now), not its requests."""
    if result.diagnostics:
        result.secrets  # noqa: B018 - searched now, so the requests can go
    else:
        result.text = None
        result.lexical_redactions = []
        result._unsearched = []
    return result


def _rules_of(configs: list[Config]) -> list[Any]:
    """Return the rule classes of the configurations a run used (each code once, in order)."""
    seen: dict[str, Any] = {}
    for cfg in configs or [Config()]:
        for rc in engine_for(cfg).classes:
            seen.setdefault(rc.code, rc)
    return sorted(seen.values(), key=lambda rc: rc.code)


def _in_rules_dirs(config: Config, path: str) -> bool:
    """Tell whether ``path`` lies in one of the config's ``rules-dirs``."""
    real = os.path.realpath(path)
    for entry in config.rules_dirs:
        directory = os.path.realpath(os.path.join(config.root, entry))
        if real.startswith(directory.rstrip(os.sep) + os.sep):
            return True
    return False


def _merge(base: Config, overrides: dict[str, Any]) -> dict[str, Any]:
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
