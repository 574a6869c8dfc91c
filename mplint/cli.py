"""The command line: argument handling only; the work is in api, engine and reporters."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from mplint import __version__
from mplint.errors import MplintError

if TYPE_CHECKING:
    from mplint.result import RunResult

CHECK_EXAMPLES = """
\b
Examples:
  mplint check specs/                      check every request under specs/
  mplint check request.json --format json  machine-readable findings
  mplint check - --stdin-filename a.yaml   read a request from standard input
  mplint check . --select MP1 --ignore MP105
  mplint check . --severity MP601=error --fail-on error
  mplint check . --format text --format sarif:mplint.sarif --format junit:mplint.xml
  mplint check . --show-files               what would be checked, and why not the rest

\b
Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage, config or
internal error.
"""


def _version() -> str:
    from mplint.schema import load

    try:
        botocore = load().botocore_version
    except Exception:
        botocore = "unknown"
    return f"mplint {__version__} (CreateModelPackage schema from botocore {botocore})"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version())
        ctx.exit()


MAIN_EXAMPLES = """
\b
Examples:
  mplint check specs/                      lint every request under specs/
  mplint check . --format sarif -o mplint.sarif
  mplint explain MP105                     what a rule finds and how to fix it
  mplint schema -o request.schema.json     JSON Schema for editors
  eval "$(_MPLINT_COMPLETE=bash_source mplint)"   shell completion (zsh_source, fish_source)
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=MAIN_EXAMPLES)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version (and the botocore model the schema comes from) and exit.",
)
def cli() -> None:
    """mplint: lint SageMaker CreateModelPackage requests before the service sees them.

    Checks request files (--cli-input-json / --cli-input-yaml), CloudFormation templates,
    boto3 call sites and notebooks against the current API and your organisation's policies.
    """


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    out = tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
    return out or None


def _severities(values: tuple[str, ...]) -> tuple[Any, ...] | None:
    from mplint.diagnostics import Severity

    out = []
    for v in values:
        code, sep, level = v.partition("=")
        if not sep:
            raise click.BadParameter(f"{v!r}: expected CODE=LEVEL, e.g. MP105=warning", param_hint="--severity")
        try:
            out.append((code.strip().upper(), Severity.parse(level)))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--severity") from None
    return tuple(out) or None


def _use_color(choice: str | None, stream: Any) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _outputs(formats: tuple[str, ...], output_file: str | None) -> list[tuple[str, str | None]]:
    """Return (format, file or None for standard output) for each --format given."""
    from mplint.reporters import FORMATS

    out: list[tuple[str, str | None]] = []
    for value in formats or ("text",):
        name, sep, dest = value.partition(":")
        name = name.strip().lower()
        if name not in FORMATS:
            raise click.BadParameter(
                f"{value!r}: the format is one of {', '.join(FORMATS)} (optionally FORMAT:FILE)", param_hint="--format"
            )
        if sep and not dest:
            raise click.BadParameter(f"{value!r}: give a file after the colon", param_hint="--format")
        out.append((name, dest or None))
    to_stdout = [i for i, (_, dest) in enumerate(out) if dest is None]
    if output_file:
        if not to_stdout:
            raise click.UsageError("-o/--output-file needs a --format without a file of its own")
        out[to_stdout[0]] = (out[to_stdout[0]][0], output_file)
        to_stdout = to_stdout[1:]
    if len(to_stdout) > 1:
        raise click.UsageError(
            "only one --format can go to standard output; give the others a file (--format sarif:mplint.sarif)"
        )
    return out


def _complete_format(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem

    from mplint.reporters import FORMATS

    return [CompletionItem(f) for f in FORMATS if f.startswith(incomplete)]


class _Progress:
    """``checked N/M files`` on standard error, from the first second on, rewritten in place."""

    def __init__(self, stream: Any) -> None:
        import time

        self.stream = stream
        self.clock = time.monotonic
        self.start = self.clock()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.start < 1.0 or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\rmplint: checked {done}/{total} files")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _want_progress(choice: bool | None) -> bool:
    """Progress by default only on a terminal outside CI; --progress/--no-progress decide."""
    if choice is not None:
        return choice
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


# --rules-dir, as `check` and `rules` take it.
_RULES_DIR = click.option(
    "--rules-dir",
    "rules_dir",
    multiple=True,
    type=click.Path(exists=True),
    help="Also load the rule files in this directory (adds to rules-dirs).",
)


# Fixing (see the README's "Fixing"): the options, and the run that applies them.
_FIX_OPTIONS = (
    click.option(
        "--fix/--no-fix",
        "fix",
        default=None,
        help="Apply the safe fixes of the findings, then report what is left (config: fix = true).",
    ),
    click.option(
        "--unsafe-fixes/--no-unsafe-fixes",
        "unsafe_fixes",
        default=None,
        help="With --fix, --diff or --fix-only: apply the unsafe fixes too (config: unsafe-fixes = true).",
    ),
    click.option(
        "--diff",
        is_flag=True,
        help="Print a unified diff of what --fix would change and change nothing (exit 1 when it would).",
    ),
    click.option(
        "--fix-only",
        is_flag=True,
        help="Apply fixes and report nothing that is left (exit 0 unless mplint fails), as ruff does.",
    ),
)


def _fix_options(command: Any) -> Any:
    for option in reversed(_FIX_OPTIONS):
        command = option(command)
    return command


def _fix_mode(
    fix: bool | None, unsafe_fixes: bool | None, diff: bool, fix_only: bool, config: Any
) -> tuple[str | None, bool]:
    """Return (None, "fix", "diff" or "fix-only"; whether unsafe fixes apply): flags win over
    the config's ``fix`` and ``unsafe-fixes``."""
    unsafe = config.unsafe_fixes if unsafe_fixes is None else unsafe_fixes
    if diff and fix_only:
        raise click.UsageError("--diff and --fix-only do not go together")
    if diff:
        return "diff", unsafe
    if fix_only:
        return "fix-only", unsafe
    wants = config.fix if fix is None else fix
    return ("fix" if wants else None), unsafe


def _run_fixes(
    mode: str, unsafe: bool, paths: tuple[str, ...], lint_args: dict[str, Any], outputs: list[tuple[str, str | None]]
) -> tuple[RunResult, bool, list[str]]:
    """Fix (or, for --diff, work out the fixes of) the paths; print the diff and the fixed
    standard input. Return the run (its findings are what is left), whether the caller still
    reports it, and the summary lines to print after the report."""

    from mplint import api
    from mplint.printable import printable_path

    run, fixes = api.fix_paths(list(paths), unsafe=unsafe, write=mode != "diff", **lint_args)
    for note in run.notes:
        click.echo(f"mplint: {printable_path(note)}", err=True)
    run.notes = []
    changed = [f for f in fixes if f.fixed]
    count = sum(f.fixed for f in changed)
    text_out = any(fmt == "text" and dest is None for fmt, dest in outputs)
    stdin_name = (lint_args.get("stdin_filename") or "<stdin>") if "-" in paths else None
    if mode == "diff":
        from mplint.fixing.diff import unified

        for f in changed:
            name = printable_path(os.path.normpath(f.path).replace(os.sep, "/"))
            before = f.before.decode("utf-8-sig", "replace")
            after = f.after.decode("utf-8-sig", "replace")
            click.echo(unified(name, before, after, set(f.hidden)), nl=False)
        noun = "fix" if count == 1 else "fixes"
        click.echo(f"Would apply {count} {noun} in {len(changed)} file{'s' if len(changed) != 1 else ''}", err=True)
        return run, bool(changed), []
    if stdin_name is not None:
        given = next((f for f in fixes if f.path == stdin_name), None)
        data = given.after if given is not None else (lint_args.get("stdin") or b"")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        text_out = False
    left = sum(1 for d in run.diagnostics if d.fix is not None and not d.fix.safe and not unsafe)
    lines = [
        f"Fixed {count} problem{'s' if count != 1 else ''} in {len(changed)} file{'s' if len(changed) != 1 else ''}"
    ]
    if left:
        lines.append(f"{left} more fix{'es are' if left != 1 else ' is'} available with --unsafe-fixes")
    if mode == "fix" and stdin_name is not None and run.diagnostics:
        from mplint.reporters.text import render

        click.echo(render(run, False, quiet=True), err=True, nl=False)
    report = mode == "fix" and stdin_name is None
    if not (report and text_out):
        for line in lines:
            click.echo(line, err=True)
        lines = []
    return run, report, lines


@cli.command(epilog=CHECK_EXAMPLES)
@_fix_options
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "--output-format",
    "formats",
    multiple=True,
    metavar="FORMAT[:FILE]",
    shell_complete=_complete_format,
    help="Output format: text, json, sarif, github, junit or gitlab (default text). Repeat "
    "with FORMAT:FILE to write several reports in one run: --format text --format sarif:mplint.sarif",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Lowest severity that makes the exit status 1.  [default: warning]",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means mplint failed).")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes (adds to config).")
@click.option("--severity", multiple=True, metavar="CODE=LEVEL", help="Override a rule's severity.")
@click.option(
    "--profile",
    type=click.Choice(["marketplace"]),
    default=None,
    help="Run a profile's checks, e.g. Marketplace readiness before CertifyForMarketplace is set.",
)
@click.option(
    "--region",
    "regions",
    multiple=True,
    metavar="REGION",
    help="A Region the packages deploy to (repeatable; replaces the 'regions' key).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this config file instead of discovering one.",
)
@_RULES_DIR
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Skip files and directories matching GLOB (.gitignore syntax; replaces the config's exclude).",
)
@click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Skip these too (adds to the config's).")
@click.option(
    "--force-exclude",
    is_flag=True,
    default=None,
    help="Apply exclude to files named on the command line too (as pre-commit names them).",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip what .gitignore and .git/info/exclude ignore when walking a directory (default: yes).",
)
@click.option("--stdin-filename", metavar="NAME", help="Name (and format, by suffix) of standard input.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour text output (auto: only on a terminal; NO_COLOR turns it off).",
)
@click.option("--quiet", "-q", is_flag=True, help="Only the findings, no source excerpts.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to a file instead of standard output.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (.mplint_cache/).")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show files done/total on standard error (default: on a terminal, not in CI, after a second).",
)
@click.option("--show-files", is_flag=True, help="List the files that would be checked, and why others are skipped.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the resolved configuration of each path, and where each value comes from.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Check the files on N processes in all.  [default: every core, for trees of 3,000 files or more]",
)
# Adopting mplint on a repository with findings: baseline and --add-noqa.
@click.option(
    "--baseline",
    "baseline",
    metavar="FILE",
    type=click.Path(dir_okay=True),
    help="Report only the findings not recorded in FILE (see --write-baseline; config key 'baseline').",
)
@click.option(
    "--write-baseline",
    "write_baseline",
    metavar="FILE",
    type=click.Path(dir_okay=True),
    help="Record the current findings in FILE (dropping the fixed ones) and exit 0.",
)
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Write a suppression comment for every current finding (YAML, Python, notebooks).",
)
def check(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
    profile: str | None,
    config_file: str | None,
    rules_dir: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    force_exclude: bool | None,
    respect_gitignore: bool | None,
    stdin_filename: str | None,
    color: str,
    quiet: bool,
    statistics: bool,
    output_file: str | None,
    no_cache: bool,
    progress: bool | None,
    show_files: bool,
    show_settings: bool,
    jobs: int | None,
    regions: tuple[str, ...] = (),
    fix: bool | None = None,
    unsafe_fixes: bool | None = None,
    diff: bool = False,
    fix_only: bool = False,
    baseline: str | None = None,
    write_baseline: str | None = None,
    add_noqa: bool = False,
) -> None:
    """Check requests in PATHS (files, directories, or - for standard input)."""
    from mplint import api
    from mplint.printable import printable_path

    outputs = _outputs(formats, output_file)
    if statistics and not any(fmt == "text" for fmt, _ in outputs):
        raise click.UsageError("--statistics goes with --format text only")
    paths = paths or (".",)
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise click.UsageError(f"no such file or directory: {', '.join(map(printable_path, missing))}")
    overrides = {
        "select": _codes(select),
        "ignore": _codes(ignore),
        "severity": _severities(severity),
        "profile": profile,
        "fail_on": fail_on,
        "rules_dirs": tuple(os.path.abspath(d) for d in rules_dir) or None,
        "exclude": tuple(_relative_globs(exclude)) or None,
        "extend_exclude": tuple(_relative_globs(extend_exclude)) or None,
        "force_exclude": force_exclude,
        "respect_gitignore": respect_gitignore,
        "regions": tuple(r.strip() for v in regions for r in v.split(",") if r.strip()) or None,
    }
    if show_files or show_settings:
        from mplint import show

        try:
            config_for = api.config_resolver(config_file, overrides)
            text = show.files(list(paths), config_for) if show_files else show.settings(list(paths), config_for)
        except MplintError as exc:
            click.echo(f"mplint: error: {exc}", err=True)
            sys.exit(2)
        click.echo(text, nl=False)
        return
    for _fmt, dest in outputs:
        if dest and _is_input(dest, paths):
            raise click.UsageError(
                f"the output file {printable_path(dest)} is one of the inputs; choose another -o path"
            )
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    try:
        # The config keys `fix` and `unsafe-fixes` are read from the config of the first path.
        first = next((p for p in paths if p != "-"), None)
        where = os.path.abspath(first) if first else os.getcwd()
        config_for = api.config_resolver(config_file, overrides)  # one lookup per directory, shared
        config = config_for(where)
        mode, unsafe = _fix_mode(fix, unsafe_fixes, diff, fix_only, config)
    except MplintError as exc:
        click.echo(f"mplint: error: {printable_path(str(exc))}", err=True)  # it may quote the config
        sys.exit(2)
    if mode is not None:
        lint_args = {
            "config_file": config_file,
            "overrides": overrides,
            "stdin": stdin,
            "stdin_filename": stdin_filename,
            "jobs": jobs,
            "cache_dir": None if no_cache else _cache_dir(),
        }
        try:
            fixed_run, report, summary = _run_fixes(mode, unsafe, paths, lint_args, outputs)
        except MplintError as exc:
            click.echo(f"mplint: error: {printable_path(str(exc))}", err=True)
            sys.exit(2)
        if mode == "diff":
            sys.exit(2 if fixed_run.internal_error else int(report))
        if mode == "fix-only":
            sys.exit(2 if fixed_run.internal_error else 0)
        _adopt(fixed_run, config, baseline, write_baseline, add_noqa)
        for fmt, dest in outputs:
            if report or dest is not None:
                _write_report(fixed_run, fmt, dest, color=color, quiet=quiet, statistics=statistics, fix_hint=False)
        for line in summary:
            click.echo(line)
        status = exit_status(fixed_run, fail_on)
        sys.exit(0 if exit_zero and status == 1 else status)
    meter = _Progress(sys.stderr) if _want_progress(progress) else None
    # What is loaded by now lives as long as the process: the collector need not walk it (and
    # forked workers do not copy its pages by touching them).
    gc.freeze()
    try:
        run = api.lint_paths(
            list(paths),
            config_file=config_file,
            overrides=overrides,
            stdin=stdin,
            stdin_filename=stdin_filename,
            cache_dir=None if no_cache else _cache_dir(),
            progress=meter,
            jobs=jobs,
            config_for=config_for,
        )
    except MplintError as exc:
        click.echo(f"mplint: error: {printable_path(str(exc))}", err=True)  # it may quote the config
        sys.exit(2)
    finally:
        if meter is not None:
            meter.close()
    for note in run.notes:
        click.echo(f"mplint: {printable_path(note)}", err=True)
    _adopt(run, config, baseline, write_baseline, add_noqa)
    for fmt, dest in outputs:
        _write_report(run, fmt, dest, color=color, quiet=quiet, statistics=statistics)
    status = exit_status(run, fail_on)
    sys.exit(0 if exit_zero and status == 1 else status)


def _adopt(
    run: RunResult,
    config: Any,
    baseline: str | None,
    write_baseline: str | None,
    add_noqa: bool,
) -> None:
    """Apply a baseline to ``run``, or write one, or write noqa directives (then exit)."""
    from mplint.printable import printable_path

    try:
        if add_noqa:
            from mplint.engine.noqa import add_noqa as write_noqa

            added, notes, status = write_noqa(run)
            for note in notes:
                click.echo(f"mplint: {printable_path(note)}", err=True)
            click.echo(f"Added {added} noqa directive{'' if added == 1 else 's'}.")
            sys.exit(status)
        if write_baseline:
            from mplint.engine import baseline as bl

            old = bl.read(write_baseline) if os.path.isfile(write_baseline) else None
            entries = bl.updated(run, write_baseline, old)
            bl.write(write_baseline, entries)
            n = sum(entries.values())
            click.echo(f"Wrote {n} finding{'' if n == 1 else 's'} to {printable_path(write_baseline)}.")
            sys.exit(2 if run.internal_error else 0)
        if not baseline:
            baseline = config.baseline  # the config of the first path
        if baseline:
            from mplint.engine import baseline as bl

            applied = bl.apply(run, baseline, bl.read(baseline))
            if applied.fixed:
                click.echo(f"mplint: {bl.fixed_line(applied.fixed)}", err=True)
    except MplintError as exc:
        click.echo(f"mplint: error: {printable_path(str(exc))}", err=True)
        sys.exit(2)


def _relative_globs(globs: tuple[str, ...]) -> list[str]:
    """Return command-line globs: comma-separated lists allowed, as ruff takes them."""
    from mplint.engine.config import glob_problem

    out = [g.strip() for v in globs for g in v.split(",") if g.strip()]
    for glob in out:
        problem = glob_problem(glob)
        if problem:
            raise click.BadParameter(f"{glob!r}: {problem}", param_hint="--exclude/--extend-exclude")
    return out


def _cache_dir() -> str:
    from mplint.engine.cache import DEFAULT_DIR

    return os.environ.get("MPLINT_CACHE_DIR") or DEFAULT_DIR


def _write_report(
    run: RunResult, fmt: str, dest: str | None, *, color: str, quiet: bool, statistics: bool, fix_hint: bool = True
) -> None:
    """Render one report and write it to ``dest`` (standard output when None); a file is
    written whole or not at all (see :func:`_write_atomically`)."""
    from mplint import reporters

    use_color = fmt == "text" and not dest and _use_color(color, sys.stdout)
    if statistics and fmt == "text":
        from mplint.reporters.statistics import render as stats

        text = stats(run, use_color)
    elif fmt == "text":
        from mplint.reporters.text import render as text_render

        text = text_render(run, use_color, quiet=quiet, fix_hint=fix_hint)
    else:
        text = reporters.get(fmt)(run, False)
    if dest is None:
        click.echo(text, nl=False, color=use_color or None)
        return
    try:
        _write_atomically(dest, text)
    except OSError as exc:
        from mplint.printable import printable_path

        click.echo(f"mplint: error: cannot write {printable_path(dest)}: {exc.strerror or exc}", err=True)
        sys.exit(2)


def _is_input(output: str, paths: tuple[str, ...]) -> bool:
    """Tell whether the -o path is one of the files given to check (writing it would lose it)."""
    if not os.path.exists(output):
        return False
    for p in paths:
        try:
            if p != "-" and os.path.samefile(p, output):
                return True
        except OSError:
            continue
    return False


def _write_atomically(path: str, text: str) -> None:
    """Write the report to a temporary file beside ``path`` and rename it over ``path``: a
    report that fails half-way never replaces a previous one."""
    import tempfile

    path = os.path.realpath(path)  # a link to the report: replace what it points to, as open() would
    folder = os.path.dirname(path)
    fd, temp = tempfile.mkstemp(prefix=".mplint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # as open() would have made it, not mkstemp's 0600
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def exit_status(run: RunResult, fail_on: str | None = None) -> int:
    """Return the contract's exit status for a run.

    ``fail_on`` is the command line's level; without it each finding is judged by the
    ``fail-on`` of the configuration its file was checked with (default ``warning``).
    """
    from mplint.diagnostics import Severity

    if run.internal_error:
        return 2
    levels: dict[str, Any] = {}
    for d in run.diagnostics:
        name = run.fail_level(d.file, fail_on)
        if name == "never":
            continue
        level = levels.get(name) or levels.setdefault(name, Severity.parse(name))
        if d.severity >= level:
            return 1
    return 0


@cli.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the table in docs/rules.md.",
)
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False))
@_RULES_DIR
def rules_cmd(fmt: str, config_file: str | None, rules_dir: tuple[str, ...]) -> None:
    """List every rule: code, name, default severity, where it comes from, summary."""
    import json

    from mplint.engine import config as config_mod
    from mplint.engine import registry

    try:
        found = config_mod.read(config_file) if config_file else config_mod.discover(os.getcwd())
        cfg = found or config_mod.Config()
        extra = tuple(os.path.abspath(d) for d in rules_dir)
        cfg = config_mod.with_overrides(cfg, rules_dirs=(*cfg.rules_dirs, *extra))
        classes = registry.rule_classes(cfg)
    except MplintError as exc:
        click.echo(f"mplint: error: {exc}", err=True)
        sys.exit(2)
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.label,
                "origin": r.origin,
                "summary": r.summary,
                "default": r.default_enabled,
                "fix": getattr(r, "fixable", ""),
            }
            for r in classes
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    if fmt == "markdown":
        click.echo(rules_markdown(classes), nl=False)
        return
    width = max(len(r.name) for r in classes)
    for r in classes:
        flag = "" if r.default_enabled else " (opt-in)"
        fixable = getattr(r, "fixable", "")
        flag += f" (fix: {fixable})" if fixable else ""
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.label:<7}  {r.origin:<9}  {r.summary}{flag}")


def rules_markdown(classes: list[Any]) -> str:
    """Return the rule table of docs/rules.md."""
    lines = [
        "# mplint rules",
        "",
        "Generated by `mplint rules --format markdown`; `mplint explain CODE` prints a rule's page.",
        "",
        "The fix column: safe fixes are applied by `mplint check --fix`, unsafe ones also need",
        "`--unsafe-fixes`; sometimes: each fix says which it is. A fix is offered only where its",
        "result is certain, so a rule with a fix may give findings without one.",
        "",
        "| code | name | severity | on by default | fix | origin | summary |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in classes:
        summary = r.summary.replace("|", "\\|")
        on = "yes" if r.default_enabled else "opt-in"
        fix = getattr(r, "fixable", "") or "no"
        lines.append(f"| {r.code} | `{r.name}` | {r.severity.label} | {on} | {fix} | {r.origin} | {summary} |")
    return "\n".join(lines) + "\n"


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule (by code or name)."""
    from mplint.engine import config as config_mod
    from mplint.engine import registry

    try:
        classes = registry.rule_classes(config_mod.discover(os.getcwd()))
    except MplintError as exc:
        click.echo(f"mplint: error: {exc}", err=True)
        sys.exit(2)
    rule = registry.find(classes, code)
    if rule is None:
        click.echo(f"mplint: error: no rule {code!r} (see `mplint rules`)", err=True)
        sys.exit(2)
    from mplint.rule import FIXABLE

    click.echo(f"{rule.code} {rule.name} ({rule.severity.label}, {rule.origin})")
    click.echo(f"Fix: {FIXABLE.get(getattr(rule, 'fixable', ''), 'no')}\n")
    click.echo(rule.documentation())


@cli.command("schema")
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the schema to this file instead of standard output.",
)
def schema_cmd(output: str | None) -> None:
    """Print a JSON Schema (draft-07) of the request, for editors' completion and hovers.

    \b
    Examples:
      mplint schema -o .vscode/create-model-package.schema.json
      mplint schema > request.schema.json
    """
    import json

    from mplint.schema.json_schema import build

    text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)


@cli.command("lsp")
def lsp_cmd() -> None:
    """Run the language server on standard input and output (needs the ``lsp`` extra)."""
    try:
        from mplint.lsp import serve
    except ImportError as exc:
        click.echo(f"mplint: error: the language server needs pygls: pip install 'mplint[lsp]' ({exc})", err=True)
        sys.exit(2)
    serve()


def main() -> None:
    """Run the CLI (console script entry point), and leave without tearing the interpreter down.

    Everything a command writes is written by then (reports, fixed files, the cache), and what
    is left is freeing every object and module one by one: about 7 ms, a tenth of a check of one
    file, which editors and pre-commit pay on every save. So the process ends with ``os._exit``
    once standard output and error are flushed.
    """
    try:
        cli(prog_name="mplint")
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    _leave(status)


def _leave(status: object) -> None:
    """Exit with ``status`` as ``sys.exit`` would (None: 0; a message: printed, 1), without the
    interpreter's teardown."""
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:
        print(status, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`mplint check | head`): nothing more to say
            pass
    os._exit(code & 0xFF if code >= 0 else 1)
