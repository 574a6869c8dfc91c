"""The Rule base class and the Valid/Invalid example cases every rule carries."""

from __future__ import annotations

import dataclasses
import inspect
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from mplint.diagnostics import Diagnostic, Fix, Severity
from mplint.model import Node, Request, Span

# The run profiles a rule may be turned on by (``--profile``, the config's ``profile``).
PROFILES = ("marketplace",)


@dataclass
class Valid:
    """An example that must give no finding from the rule that carries it.

    ``text`` is dedented and its leading newline dropped, so lines count from its first line.
    ``source`` is the format: yaml (default), json, cloudformation, python or notebook.
    ``options`` are rule options as a config file would give them; ``profile`` a run profile.
    """

    text: str
    source: str = "yaml"
    options: dict[str, Any] | None = None
    profile: str | None = None


@dataclass
class Invalid(Valid):
    """An example that must give exactly one finding of the rule, at ``at`` (and line/column)."""

    at: str = ""
    line: int | None = None
    column: int | None = None
    message: str | None = None  # a substring the message must contain


class Rule:
    """A check over one Request; subclasses set the metadata and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    VALID: ClassVar[tuple[Valid, ...]] = ()
    INVALID: ClassVar[tuple[Invalid, ...]] = ()
    # A frozen dataclass of the rule's options, with defaults; None when it has none.
    Options: ClassVar[type | None] = None
    # Rules off by default are turned on by --select, config or a profile.
    default_enabled: ClassVar[bool] = True
    # Profiles (e.g. "marketplace") that turn this rule on.
    profiles: ClassVar[frozenset[str]] = frozenset()
    # Where the rule comes from: "built-in", "pack", a rule file's path, or a plugin's name.
    origin: ClassVar[str] = "built-in"
    # Reported by sources (parse errors, duplicate keys) rather than by ``check``.
    reported_by_source: ClassVar[bool] = False
    # The request flavours ("request", "cloudformation", "python", "notebook") the rule can
    # report on; None for all. The engine does not run a rule on other flavours.
    flavours: ClassVar[frozenset[str] | None] = None
    # Top-level members without which the rule can find nothing: the engine does not run it on
    # a request whose root is a known mapping lacking one of them. Empty: always run.
    needs: frozenset[str] = frozenset()
    # Whether the rule offers fixes: "" never; "safe" its fixes are all safe (``--fix`` applies
    # them); "unsafe" they may all change what the request means (``--unsafe-fixes`` only);
    # "sometimes" some are safe and some unsafe. A rule offers a fix only on the findings whose
    # fix is certain, so a fixable rule may give findings without one. See FIXABLE.
    fixable: ClassVar[str] = ""

    def __init__(self, options: Any = None, profile: str | None = None) -> None:
        if options is None and self.Options is not None:
            options = self.Options()
        self.options = options
        self.profile = profile

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield the findings of this rule on one request."""
        return iter(())

    def report(
        self,
        node: Node,
        message: str,
        *,
        key: bool = False,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        """Return a finding at ``node`` (at its key when ``key``), with its path."""
        span = node.key_span if key and node.key_span is not None else node.span
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            span=span,
            path=node.path,
            fix=fix,
        )

    @classmethod
    def finding(cls, span: Span, message: str, path: str = "", fix: Fix | None = None) -> Diagnostic:
        """Return a finding of this rule at a span (for sources and the engine)."""
        return Diagnostic(cls.code, cls.name, cls.severity, message, span, path, fix=fix)

    @classmethod
    def documentation(cls) -> str:
        """Return the rule's documentation (its docstring, dedented)."""
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def option_fields(cls) -> dict[str, dataclasses.Field[Any]]:
        """Return the rule's option fields by name."""
        if cls.Options is None:
            return {}
        return {f.name: f for f in dataclasses.fields(cls.Options)}


# What each value of ``Rule.fixable`` means, as ``mplint explain`` and ``mplint rules`` say it.
FIXABLE = {
    "": "no",
    "safe": "safe (applied by --fix, where the fix is certain)",
    "unsafe": "unsafe (applied by --fix --unsafe-fixes only)",
    "sometimes": "sometimes safe (each fix says whether it is safe; unsafe ones need --unsafe-fixes)",
}


def dedent_example(text: str) -> str:
    """Dedent example text and drop one leading newline, as examples are written in code."""
    text = textwrap.dedent(text)
    return text[1:] if text.startswith("\n") else text
