"""The command line: argument handling only; the work is in api, engine and reporters."""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

import click

from mplint import __version__
from mplint.errors import MplintError

CHECK_EXAMPLES = """
\b
Examples:
  mplint check specs/                      check every request under specs/
  mplint check request.json --format json  machine-readable findings
  mplint check - --stdin-filename a.yaml   read a request from standard input
  mplint check . --select MP1 --ignore MP105
  mplint check . --severity MP601=error --fail-on error

\b
Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage, config or
internal error.
"""


def _version() -> str:
    from mplint.schema import load

    try:
        botocore = load().botocore_version
    except Exception:  # noqa: BLE001 - --version must always answer
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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=MAIN_EXAMPLES)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version (and the botocore model the schema comes from) and exit.")
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


@cli.command(epilog=CHECK_EXAMPLES)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit status 1.  [default: warning]")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes (adds to config).")
@click.option("--severity", multiple=True, metavar="CODE=LEVEL", help="Override a rule's severity.")
@click.option("--profile", type=click.Choice(["marketplace"]), default=None,
              help="Run a profile's checks, e.g. Marketplace readiness before CertifyForMarketplace is set.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Use this config file instead of discovering one.")
@click.option("--rules-dir", "rules_dir", multiple=True, type=click.Path(exists=True),
              help="Also load the rule files in this directory (adds to rules-dirs).")
@click.option("--stdin-filename", metavar="NAME", help="Name (and format, by suffix) of standard input.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour text output (auto: only on a terminal; NO_COLOR turns it off).")
@click.option("--quiet", "-q", is_flag=True, help="Only the findings, no source excerpts.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to a file instead of standard output.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check large trees on N processes.  [default: every core]")
def check(paths: tuple[str, ...], fmt: str, fail_on: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], severity: tuple[str, ...], profile: str | None,
          config_file: str | None, stdin_filename: str | None, color: str, quiet: bool,
          statistics: bool, output_file: str | None, rules_dir: tuple[str, ...],
          jobs: int | None) -> None:
    """Check requests in PATHS (files, directories, or - for standard input)."""
    from mplint import api, reporters

    if statistics and fmt != "text":
        raise click.UsageError("--statistics goes with --format text only")
    paths = paths or (".",)
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise click.UsageError(f"no such file or directory: {', '.join(missing)}")
    overrides = {"select": _codes(select), "ignore": _codes(ignore), "severity": _severities(severity),
                 "profile": profile, "fail_on": fail_on,
                 "rules_dirs": tuple(os.path.abspath(d) for d in rules_dir) or None}
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    # What is loaded by now lives as long as the process: the collector need not walk it (and
    # forked workers do not copy its pages by touching them).
    gc.freeze()
    try:
        run = api.lint_paths(list(paths), config_file=config_file, overrides=overrides,
                             stdin=stdin, stdin_filename=stdin_filename, jobs=jobs)
    except MplintError as exc:
        click.echo(f"mplint: error: {exc}", err=True)
        sys.exit(2)
    for note in run.notes:
        click.echo(f"mplint: {note}", err=True)
    try:
        stream = open(output_file, "w", encoding="utf-8") if output_file else None
    except OSError as exc:
        click.echo(f"mplint: error: cannot write {output_file}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    try:
        use_color = fmt == "text" and not output_file and _use_color(color, sys.stdout)
        if statistics and fmt == "text":
            from mplint.reporters.statistics import render as stats
            text = stats(run, use_color)
        elif fmt == "text":
            from mplint.reporters.text import render as text_render
            text = text_render(run, use_color, quiet=quiet)
        else:
            text = reporters.get(fmt)(run, False)
        click.echo(text, nl=False, file=stream, color=use_color or None)
    finally:
        if stream is not None:
            stream.close()
    sys.exit(exit_status(run, fail_on or _configured_fail_on(run) or "warning"))


def _configured_fail_on(run: Any) -> str | None:
    from mplint import config as config_mod

    try:
        return config_mod.discover(os.getcwd()).fail_on
    except MplintError:
        return None


def exit_status(run: Any, fail_on: str) -> int:
    """Return the contract's exit status for a run."""
    from mplint.diagnostics import Severity

    if run.internal_error:
        return 2
    if fail_on == "never":
        return 0
    level = Severity.parse(fail_on)
    return 1 if any(d.severity >= level for d in run.diagnostics) else 0


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the table in docs/rules.md.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--rules-dir", "rules_dir", multiple=True, type=click.Path(exists=True),
              help="Also load the rule files in this directory (adds to rules-dirs).")
def rules_cmd(fmt: str, config_file: str | None, rules_dir: tuple[str, ...]) -> None:
    """List every rule: code, name, default severity, where it comes from, summary."""
    import json

    from mplint import config as config_mod
    from mplint import registry

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
        rows = [{"code": r.code, "name": r.name, "severity": r.severity.label, "origin": r.origin,
                 "summary": r.summary, "default": r.default_enabled} for r in classes]
        click.echo(json.dumps(rows, indent=2))
        return
    if fmt == "markdown":
        click.echo(rules_markdown(classes), nl=False)
        return
    width = max(len(r.name) for r in classes)
    for r in classes:
        flag = "" if r.default_enabled else " (opt-in)"
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.label:<7}  {r.origin:<9}  {r.summary}{flag}")


def rules_markdown(classes: list[Any]) -> str:
    """Return the rule table of docs/rules.md."""
    lines = [
        "# mplint rules",
        "",
        "Generated by `mplint rules --format markdown`; `mplint explain CODE` prints a rule's page.",
        "",
        "| code | name | severity | on by default | origin | summary |",
        "|---|---|---|---|---|---|",
    ]
    for r in classes:
        summary = r.summary.replace("|", "\\|")
        on = "yes" if r.default_enabled else "opt-in"
        lines.append(f"| {r.code} | `{r.name}` | {r.severity.label} | {on} | {r.origin} | {summary} |")
    return "\n".join(lines) + "\n"


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule (by code or name)."""
    from mplint import config as config_mod
    from mplint import registry

    try:
        classes = registry.rule_classes(config_mod.discover(os.getcwd()))
    except MplintError as exc:
        click.echo(f"mplint: error: {exc}", err=True)
        sys.exit(2)
    rule = registry.find(classes, code)
    if rule is None:
        click.echo(f"mplint: error: no rule {code!r} (see `mplint rules`)", err=True)
        sys.exit(2)
    click.echo(f"{rule.code} {rule.name} ({rule.severity.label}, {rule.origin})\n")
    click.echo(rule.documentation())


@cli.command("schema")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write the schema to this file instead of standard output.")
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
    """Run the CLI (console script entry point)."""
    cli(prog_name="mplint")
