"""What a run gives: each file's findings and excerpt text, the rules that ran, the exit levels.

Reporters read a run from these types alone (they import nothing above the model): the rules
are described by :class:`RuleDoc`, excerpts come from :meth:`FileResult.lines` with the spans of
secret values to mask, and each file's ``fail-on`` level is kept for the exit status.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Node, Request, Span

# Where a rule's page is read (`mplint explain CODE` prints the same text), anchored by code.
DOCS_URI = "https://pypi.org/project/mplint/"


def help_uri(code: str) -> str:
    """Return the address of a rule's documentation."""
    return f"{DOCS_URI}#{code.lower()}"


class RuleDoc(NamedTuple):
    """A rule that ran, as reports describe it (a built-in, a rule file's or a plugin's)."""

    code: str
    name: str
    severity: Severity
    summary: str
    help: str  # the rule's documentation: what, why, example, fix
    origin: str  # "built-in", "pack", a rule file's path or a plugin's distribution
    default_enabled: bool

    @property
    def help_uri(self) -> str:
        return help_uri(self.code)


# The attributes a FileResult has, and those that are empty in a result that holds nothing.
_EMPTY = ("diagnostics", "lexical_redactions", "cells", "_unsearched", "_secrets")
_PLAIN = len(_EMPTY) + 4  # file, requests, skipped, text


class FileResult:
    """What checking one file gave: findings, how many requests, and its text for excerpts.

    The result types are plain classes: a dataclass costs a fraction of a millisecond to
    define, on every start of a command that runs once per saved file.
    """

    def __init__(
        self,
        file: str,
        diagnostics: list[Diagnostic] | None = None,
        requests: int = 0,
        skipped: bool = False,
        text: str | None = None,
    ) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.requests = requests
        self.skipped = skipped
        self.text = text
        # Spans of secret-looking values in a file that could not be read as requests.
        self.lexical_redactions: list[Span] = []
        # The source of each notebook cell that holds a finding (excerpts count lines within it).
        self.cells: dict[int, str] = {}
        # The requests whose secrets are not worked out yet (see :attr:`secrets`).
        self._unsearched: list[Request] = []
        self._secrets: list[tuple[int | None, Node]] = []

    def __repr__(self) -> str:
        return (
            f"FileResult(file={self.file!r}, diagnostics={self.diagnostics!r}, requests={self.requests!r}, "
            f"skipped={self.skipped!r})"
        )

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

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickle a result that holds nothing but its counts as a constructor call (most of
        the results a pool worker sends back)."""
        state = self.__dict__
        if len(state) != _PLAIN or any(state[name] for name in _EMPTY) or self.text is not None:
            return super().__reduce_ex__(protocol)
        return (FileResult, (self.file, None, self.requests, self.skipped))

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

    def excerpt_text(self, cell: int | None = None) -> str | None:
        """Return the text an excerpt of a finding shows: the file's, or its notebook cell's."""
        if cell is None or self.text is None:
            return self.text
        return self.cells.get(cell, "")


def _in_cell(request: Request, node: Node) -> tuple[int | None, Node]:
    """Return a secret node with its cell; a notebook node gets its span within that cell."""
    if request.place is None:
        return request.cell, node
    cell, span, _ = request.place(node.span)
    return cell, node.replace(span=span)


class RunResult:
    """The findings of a whole run, in a stable order, with the contract's summary counts."""

    def __init__(
        self,
        files: list[FileResult] | None = None,
        notes: list[str] | None = None,
        describe: Callable[[], list[RuleDoc]] | None = None,
    ) -> None:
        self.files: list[FileResult] = files if files is not None else []
        self.notes: list[str] = notes if notes is not None else []
        # The fail-on level of the configuration each checked file was checked with.
        self.fail_on: dict[str, str] = {}
        # Returns the rules of the run's configurations (each code once, by code); called when
        # a report first asks (a run whose results all came from the cache builds no rule otherwise).
        self.describe = describe
        self._rules: list[RuleDoc] | None = None

    @property
    def rules(self) -> list[RuleDoc]:
        """Return the rules that ran, for reporters that describe them."""
        if self._rules is None:
            self._rules = self.describe() if self.describe is not None else []
        return self._rules

    def fail_level(self, file: str, given: str | None = None) -> str:
        """Return the fail-on level that applies to ``file``: the command line's, else its config's."""
        return given or self.fail_on.get(file) or "warning"

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
