"""The run of one file (read, size limit, decode, detect, load, check, redact) and of a whole
set of paths (discovery, configuration per file, the result cache, worker processes)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from mplint.diagnostics import Diagnostic
from mplint.engine.config import Config
from mplint.engine.runner import Engine
from mplint.findings import ParseError
from mplint.model import Span
from mplint.result import FileResult, RuleDoc, RunResult

if TYPE_CHECKING:
    from mplint.engine.cache import Cache
    from mplint.sources import Loaded

_KNOWN_SUFFIXES = (".json", ".yaml", ".yml", ".template", ".py", ".ipynb")
# Words whose presence makes undecodable bytes worth reporting rather than skipping.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_S_ISREG = stat.S_ISREG
_BYTE_HINTS = (b"ModelPackage", b"InferenceSpecification", b"create_model_package", b"M\x00o\x00d\x00e\x00l\x00")

T = TypeVar("T")

_engines: dict[int, tuple[Config, Engine]] = {}
_DEFAULT: list[Config] = []


def default_config() -> Config:
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


def guess_name(filename: str, text: str) -> str:
    """Give a name with a known suffix to text named without one (stdin, odd suffixes)."""
    if filename.lower().endswith(_KNOWN_SUFFIXES):
        return filename
    return filename + (".json" if text.lstrip()[:1] in ("{", "[") else ".yaml")


def check_text(text: str | bytes, filename: str, config: Config, forced: bool, explicit: bool) -> FileResult:
    """Check one file's content (see mplint.api.lint_text)."""

    def work() -> FileResult:
        staged = stage(text, filename, config, forced, explicit)
        return staged if isinstance(staged, FileResult) else check(staged, config)

    return guarded(filename, config, work)


def guarded(filename: str, config: Config, work: Callable[[], T]) -> T | FileResult:
    """Return ``work()``, or one ``MP002`` finding of the file when mplint itself fails.

    File names stay as given: each reporter writes a name that is not UTF-8 its own way.
    """
    try:
        return work()
    except BaseException as exc:  # the last-resort guard
        # A native library's panic derives from BaseException: caught like any failure; only
        # an interrupt or an exit goes through.
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        return settled(filename, config, _internal_error(exc, filename))


def settled(filename: str, config: Config, finding: Diagnostic) -> FileResult:
    """Return the result of a file that one finding of its own settles (not read, too big,
    not decodable, mplint failed): the finding goes through the configuration's selection."""
    return FileResult(filename, engine_for(config).finish([finding], filename))


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


_SOURCES: list[ModuleType] = []


def _sources() -> ModuleType:
    """Return ``mplint.sources``, imported on first use (an import statement in the loop over a
    tree's files cost a microsecond a file)."""
    if not _SOURCES:
        from mplint import sources

        _SOURCES.append(sources)
    return _SOURCES[0]


def stage(text: str | bytes, filename: str, config: Config, forced: bool, explicit: bool) -> FileResult | Candidate:
    """Decode a file and test its text: a file that cannot hold a request is done here."""
    sources = _sources()

    if len(text) > config.max_file_size:
        return settled(filename, config, _too_big(len(text), config))
    if isinstance(text, bytes):
        if not (forced or explicit) and sources.rules_out(filename, text):
            return FileResult(filename, skipped=True)
        decoded, problem = sources.decode(text, python=filename.lower().endswith(".py"))
        if problem is not None:
            if forced or explicit or any(h in text for h in _BYTE_HINTS):
                return settled(filename, config, problem)
            return FileResult(filename, skipped=True)
        text = decoded or ""
    name = guess_name(filename, text)
    kind = sources.detect(name, text, forced=forced)
    if kind is None:
        return FileResult(filename, skipped=True, text=text)
    return Candidate(text, filename, name, kind)


def check(candidate: Candidate, config: Config) -> FileResult:
    """Read a candidate's requests and run the rules on them."""
    from mplint import sources

    result = FileResult(candidate.filename, text=candidate.text)
    loaded = sources.load(candidate.text, candidate.name, candidate.kind)
    return checked(result, loaded, engine_for(config))


def check_cells(cells: list[tuple[str, str]], filename: str, config: Config) -> FileResult:
    """Check a notebook given as (cell kind, source) pairs (see mplint.api.lint_cells)."""
    from mplint.sources import notebook

    loaded = notebook.load_cells(cells, filename)
    return checked(FileResult(filename), loaded, engine_for(config))


def checked(result: FileResult, loaded: Loaded | None, engine: Engine) -> FileResult:
    """Run the rules on what a source loaded, and record the findings in ``result``."""
    from mplint.engine.redaction import redact

    if loaded is None or (not loaded.requests and not loaded.diagnostics):
        result.skipped = True
        return result
    result.requests = len(loaded.requests)
    diags = engine.findings(loaded, result.file, result.text)
    result.diagnostics = sorted(redact(result, loaded, diags), key=Diagnostic.sort_key)
    keep_cells(result)
    return result


def _read(path: str, limit: int) -> bytes | int:
    """Return a file's bytes, or its size when it is over ``limit`` (read no further).

    Opened without blocking and checked to be a regular file once open: a FIFO put in a
    file's place after the walk looked at it cannot hang the run.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if not _S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file", path)
        # One read of the size the file has, plus a byte (a shorter read is the end of a regular
        # file), without a buffered file object: on a tree of small files that object cost
        # more than the read.
        want = min(info.st_size, limit) + 1
        data = os.read(fd, want)
        if len(data) == want and len(data) <= limit:  # longer than its size said (it grew, /proc)
            chunks = [data]
            size = len(data)
            while size <= limit:
                more = os.read(fd, limit + 1 - size)
                if not more:
                    break
                chunks.append(more)
                size += len(more)
            data = b"".join(chunks)
        if len(data) > limit:
            return max(os.fstat(fd).st_size, len(data))
    finally:
        os.close(fd)
    return data


def stage_file(
    path: str, config: Config, forced: bool, explicit: bool, store: Cache | None = None
) -> tuple[FileResult | None, Any]:
    """Read a file and test its text: (its result, None) when that settles it (or ``store``,
    a result cache, holds it), else (None, the candidate to check with :func:`check_candidate`;
    with ``store``, paired with its cache key)."""
    try:
        data = _read(path, config.max_file_size)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return settled(path, config, ParseError.finding(Span(1, 1, 1, 2), f"cannot read the file: {reason}")), None
    if isinstance(data, int):
        return settled(path, config, _too_big(data, config)), None
    key = ""
    if store is not None:
        key, stored = store.lookup(data, path, config, forced, explicit)
        if stored is not None:
            return stored, None
    staged = guarded(path, config, lambda: stage(data, path, config, forced, explicit))
    if isinstance(staged, FileResult):
        if store is not None:
            store.keep(key, staged)
        return slim(staged), None
    return None, (staged if store is None else (staged, key))


def check_candidate(task: tuple[Any, ...], candidate: Candidate) -> FileResult:
    """Check a candidate staged from ``task``; keep only what reports need."""
    config = task[1]
    return slim(guarded(candidate.filename, config, lambda: check(candidate, config)))


def slim(result: FileResult) -> FileResult:
    """Drop what no report of a file needs: a file without findings prints no excerpt, so its
    text, requests and secret spans go; a file with findings keeps its text, the source of each
    notebook cell with a finding, and the nodes of its secrets (searched now), not its requests."""
    if result.diagnostics:
        result.secrets  # noqa: B018 - searched now, so the requests can go
    else:
        result.text = None
        result.lexical_redactions = []
        result._unsearched = []
    return result


def keep_cells(result: FileResult) -> None:
    """Keep the source of each notebook cell that holds a finding (excerpts show it)."""
    if result.text is None:
        return
    for d in result.diagnostics:
        if d.cell is not None and d.cell not in result.cells:
            from mplint.sources import cell_text

            result.cells[d.cell] = cell_text(result.text, d.cell) or ""


def rule_docs(configs: list[Config]) -> list[RuleDoc]:
    """Return the rules of the configurations a run used (each code once, by code): every rule
    each knows, the ones its selection turns off too."""
    from mplint.engine.registry import describe, rule_classes

    seen: dict[str, RuleDoc] = {}
    for cfg in configs or [default_config()]:
        for rc in rule_classes(cfg):
            if rc.code not in seen:
                seen[rc.code] = describe(rc)
    return sorted(seen.values(), key=lambda r: r.code)


def in_rules_dirs(config: Config, path: str) -> bool:
    """Tell whether ``path`` lies in one of the config's ``rules-dirs``."""
    real = os.path.realpath(path)
    for entry in config.rules_dirs:
        directory = os.path.realpath(os.path.join(config.root, entry))
        if real.startswith(directory.rstrip(os.sep) + os.sep):
            return True
    return False


def run_paths(
    paths: list[str],
    config_for: Callable[[str], Config],
    *,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    jobs: int | None = None,
    store: Cache | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> RunResult:
    """Check files and directories (see mplint.api.lint_paths); ``store``: the result cache."""
    from mplint.engine import pool
    from mplint.engine.discovery import walk

    used: dict[int, Config] = {}
    run = RunResult(describe=lambda: rule_docs(list(used.values())))

    def configure(file: str, cfg: Config) -> Config:
        used[id(cfg)] = cfg
        run.fail_on[file] = cfg.fail_on or "warning"
        return cfg

    found = walk([p for p in paths if p != "-"], config_for)
    run.notes.extend(found.notes)
    if "-" in paths:
        name = stdin_filename or "<stdin>"
        cfg = configure(name, config_for(os.path.dirname(os.path.abspath(name)) if stdin_filename else os.getcwd()))
        run.files.append(slim(check_text(stdin or b"", name, cfg, False, True)))
    tasks: list[tuple[str, Config, bool, bool, int]] = []
    for path, forced in found.files:
        # A walked file's directory was asked for during the walk: its answer is kept.
        cfg = configure(path, config_for(path if path in paths else os.path.dirname(path) or "."))
        forced = forced or bool(cfg.include and cfg.matches(cfg.include, path))
        if cfg.rules_dirs and not forced and path not in paths and in_rules_dirs(cfg, path):
            continue  # an organisation's rule files are configuration, not requests
        engine_for(cfg)  # built once here, not in each worker
        tasks.append((path, cfg, forced, path in paths, len(tasks)))
    me = os.getpid()  # a worker of the pool reports no progress of its own

    def staged(path: str, config: Config, forced: bool, explicit: bool, i: int) -> tuple[FileResult | None, Any]:
        done, candidate = stage_file(path, config, forced, explicit, store)
        if progress is not None and os.getpid() == me:
            progress(i + 1, len(tasks))
        return done, candidate

    def finish(task: tuple[Any, ...], staged: Any) -> FileResult:
        if store is None:
            return check_candidate(task, staged)
        candidate, key = staged  # a candidate the cache does not hold, and its key
        result = check_candidate(task, candidate)
        store.keep(key, result)
        return result

    carry = None if store is None else (store.take_new, store.put_new)
    results: list[FileResult] = pool.run(tasks, staged, finish, jobs, carry)
    if store is not None:
        store.finish()
    run.files.extend(results)
    return run
