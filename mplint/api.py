"""The one entry point for the CLI, the language server and tests: lint text or paths.

A thin face over mplint.engine (the per-file run is mplint.engine.run); the result types are
mplint.result's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mplint.engine import run as _run
from mplint.engine.config import Config, resolver
from mplint.engine.run import Candidate, check_candidate, engine_for, stage_file
from mplint.result import FileResult, RuleDoc, RunResult

if TYPE_CHECKING:
    from mplint.fixing.files import FileFix

__all__ = [
    "Candidate",
    "FileResult",
    "RuleDoc",
    "RunResult",
    "check_candidate",
    "config_resolver",
    "engine_for",
    "fix_paths",
    "lint_cells",
    "lint_paths",
    "lint_text",
    "stage_file",
]


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
    return _run.check_text(text, filename, config or _run.default_config(), forced, explicit)


def lint_cells(cells: list[tuple[str, str]], filename: str, *, config: Config | None = None) -> FileResult:
    """Check a notebook given as (cell kind, source) pairs, as an editor holds an open notebook.

    Findings name their cell (numbered from 1, every cell counted) and count lines within it.
    """
    return _run.check_cells(cells, filename, config or Config())


def config_resolver(config_file: str | None = None, overrides: dict[str, Any] | None = None) -> Callable[[str], Config]:
    """Return ``config_for(location) -> Config``: the config file given, or the one discovered
    for the location, with the command line's values applied (one object per config file)."""
    return resolver(config_file, overrides)


def lint_paths(
    paths: list[str],
    *,
    config_file: str | None = None,
    overrides: dict[str, Any] | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    jobs: int | None = None,
    cache_dir: str | None = None,
    progress: Callable[[int, int], object] | None = None,
    config_for: Callable[[str], Config] | None = None,
) -> RunResult:
    """Check files and directories (``-`` is standard input) with discovered configuration.

    ``config_for``: a resolver from :func:`config_resolver` already used (its lookups are kept);
    by default one is made from ``config_file`` and ``overrides``.

    ``cache_dir``: reuse and store results there (see mplint.engine.cache); ``progress(done, total)``
    is called after each file is read and tested. Large runs are checked on ``jobs`` processes (None:
    every core; see mplint.engine.pool). Of each file only what reports need is kept: its findings,
    and the text of a file with findings.
    """
    store = None
    if cache_dir is not None:
        from mplint.engine.cache import Cache

        store = Cache(cache_dir)
    return _run.run_paths(
        paths,
        config_for or resolver(config_file, overrides),
        stdin=stdin,
        stdin_filename=stdin_filename,
        jobs=jobs,
        store=store,
        progress=progress,
    )


def fix_paths(
    paths: list[str],
    *,
    unsafe: bool = False,
    write: bool = True,
    config_file: str | None = None,
    overrides: dict[str, Any] | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    jobs: int | None = None,
    cache_dir: str | None = None,
) -> tuple[RunResult, list[FileFix]]:
    """Check paths as :func:`lint_paths` does, then fix the files whose findings carry a fix
    (safe ones; ``unsafe``: all). ``write``: write the fixed files back (standard input never
    is); otherwise only work out what would change (``--diff``). Return the run, with the
    findings left in each fixed file, and what was fixed in each file."""
    import os

    from mplint.engine.run import keep_cells, slim
    from mplint.fixing.files import fix_files

    run = lint_paths(
        paths,
        config_file=config_file,
        overrides=overrides,
        stdin=stdin,
        stdin_filename=stdin_filename,
        jobs=jobs,
        cache_dir=cache_dir,
    )
    roots = [os.getcwd(), *(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in paths if p != "-")]
    fixes, notes = fix_files(
        run.files,
        resolver(config_file, overrides),
        unsafe=unsafe,
        write_files=write,
        roots=roots,
        stdin=stdin if "-" in paths else None,
        stdin_name=(stdin_filename or "<stdin>") if "-" in paths else None,
    )
    done = {f.path: f for f in fixes}
    for i, result in enumerate(run.files):
        fixed = done.get(result.file)
        if fixed is not None and fixed.fixed:
            keep_cells(fixed.result)
            run.files[i] = slim(fixed.result)
    run.notes.extend(notes)
    return run, fixes
