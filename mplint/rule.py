"""The Rule base class and the Valid/Invalid example cases every rule carries."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any, ClassVar

from mplint.diagnostics import Diagnostic, Fix, Severity
from mplint.model import Node, Request, Span

# The run profiles a rule may be turned on by (``--profile``, the config's ``profile``).
PROFILES = ("marketplace",)


class Valid:
    """An example that must give no finding from the rule that carries it.

    ``text`` is dedented and its leading newline dropped, so lines count from its first line.
    ``source`` is the format: yaml (default), json, cloudformation, python or notebook.
    ``options`` are rule options as a config file would give them; ``profile`` a run profile.

    (A plain class rather than a dataclass: every rule module builds a few, and defining a
    dataclass costs a fraction of a millisecond on every start of the command line.)
    """

    __slots__ = ("options", "profile", "source", "text")

    def __init__(
        self, text: str, source: str = "yaml", options: dict[str, Any] | None = None, profile: str | None = None
    ) -> None:
        self.text = text
        self.source = source
        self.options = options
        self.profile = profile

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text!r}, source={self.source!r})"


class Invalid(Valid):
    """An example that must give exactly one finding of the rule, at ``at`` (and line/column)."""

    __slots__ = ("at", "column", "line", "message")

    def __init__(
        self,
        text: str,
        source: str = "yaml",
        options: dict[str, Any] | None = None,
        profile: str | None = None,
        at: str = "",
        line: int | None = None,
        column: int | None = None,
        message: str | None = None,  # a substring the message must contain
    ) -> None:
        super().__init__(text, source, options, profile)
        self.at = at
        self.line = line
        self.column = column
        self.message = message

    def __repr__(self) -> str:
        return f"Invalid({self.text!r}, source={self.source!r}, at={self.at!r}, line={self.line}, column={self.column})"


class RuleOptions:
    """The base of a rule's options: a frozen record whose fields are the class's annotated
    attributes, each with its default (``regions: tuple[str, ...] = ()``).

    It does what ``@dataclass(frozen=True)`` would, without generating code: defining a
    dataclass costs half a millisecond on every start of the command line. (A plugin's rule may
    still use a frozen dataclass; the engine reads both.) ``check`` validates the values, and
    raises ``ConfigError`` for a bad one.
    """

    __slots__ = ()

    def __init__(self, **values: Any) -> None:
        defaults = self.defaults()
        unknown = sorted(set(values) - set(defaults))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no option {unknown[0]!r}")
        for name, default in defaults.items():
            object.__setattr__(self, name, values.get(name, default))
        self.check()

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """Return each field's name and default, in the order the classes declare them."""
        out: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            for name in vars(klass).get("__annotations__", {}):
                out[name] = getattr(cls, name)
        return out

    def check(self) -> None:
        """Validate the values (nothing to validate by default)."""

    def replace(self, **changes: Any) -> RuleOptions:
        """Return a copy with the given fields changed."""
        return type(self)(**{**self._values(), **changes})

    def _values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.defaults()}

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleOptions) and type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(tuple(self._values().items()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._values().items())
        return f"{type(self).__name__}({shown})"


def option_defaults(options: type) -> dict[str, Any]:
    """Return the fields of an options class (RuleOptions or a plugin's dataclass) with defaults."""
    if issubclass(options, RuleOptions):
        return options.defaults()
    import dataclasses

    out: dict[str, Any] = {}
    for f in dataclasses.fields(options):  # type: ignore[arg-type]  # a plugin's dataclass
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
        else:
            out[f.name] = None
    return out


def options_replace(options: Any, **changes: Any) -> Any:
    """Return options with fields changed (RuleOptions or a plugin's dataclass)."""
    if isinstance(options, RuleOptions):
        return options.replace(**changes)
    import dataclasses

    return dataclasses.replace(options, **changes)


class Rule:
    """A check over one Request; subclasses set the metadata and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    VALID: ClassVar[tuple[Valid, ...]] = ()
    INVALID: ClassVar[tuple[Invalid, ...]] = ()
    # The rule's options (a RuleOptions subclass, or a frozen dataclass), with defaults; None
    # when it has none.
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
    def option_fields(cls) -> dict[str, Any]:
        """Return the rule's option fields by name, with their defaults."""
        if cls.Options is None:
            return {}
        return option_defaults(cls.Options)


# What each value of ``Rule.fixable`` means, as ``mplint explain`` and ``mplint rules`` say it.
FIXABLE = {
    "": "no",
    "safe": "safe (applied by --fix, where the fix is certain)",
    "unsafe": "unsafe (applied by --fix --unsafe-fixes only)",
    "sometimes": "sometimes safe (each fix says whether it is safe; unsafe ones need --unsafe-fixes)",
}


def dedent_example(text: str) -> str:
    """Dedent example text and drop one leading newline, as examples are written in code."""
    import textwrap  # only tests and `mplint explain` read examples

    text = textwrap.dedent(text)
    return text[1:] if text.startswith("\n") else text
