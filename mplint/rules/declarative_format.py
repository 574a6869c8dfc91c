"""Read and validate declarative rule files (YAML lists of rules) into RuleSpec values.

Every error names the file and the line of the offending key, from the YAML composer's marks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from mplint import paths
from mplint.diagnostics import Severity
from mplint.errors import RuleFileError
from mplint.lazy_re import lazy
from mplint.rule import PROFILES, Invalid, Valid

_CODE = lazy(r"MP[0-9]{3}\Z")
_NAME = lazy(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
PLACEHOLDER = lazy(r"\{([^{}]+)\}")
SOURCES = ("yaml", "json", "cloudformation", "python", "notebook")
REQUIRED = ("code", "name", "severity", "summary", "scope", "assert", "message", "docs", "examples")
OPTIONAL = ("when", "request-when", "report-at", "default", "profiles")
EXPRESSIONS = ("when", "request-when", "assert")


class RuleSpec(NamedTuple):
    """One rule as written in a rule file, validated; ``line`` is where its entry starts."""

    code: str
    name: str
    severity: Severity
    summary: str
    scope: str
    when: str | None
    request_when: str | None
    assertion: str
    report_at: str | None
    message: str
    why: str
    fix: str
    valid: tuple[Valid, ...]
    invalid: tuple[Invalid, ...]
    default_enabled: bool
    profiles: frozenset[str]
    file: str
    line: int


# One rule as read from its file: its data, the line of its entry, and the line of each key.
Composed = tuple[dict[str, Any], int, dict[str, int]]


class _Entry:
    """One mapping of a rule file with the line of each of its keys, for errors."""

    def __init__(self, composed: Composed, file: str) -> None:
        self.data, self.line, self.lines = composed
        self.file = file

    def fail(self, key: str | None, message: str) -> RuleFileError:
        """Return an error at a key's line (or the entry's)."""
        return RuleFileError(message, self.file, self.lines.get(key, self.line) if key else self.line)

    def string(self, key: str, required: bool = True) -> str | None:
        """Return a string member, or raise naming the key."""
        value = self.data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(key, f"'{key}' must be a non-empty string")
        return value


def parse_text(text: str, file: str, check_expression: Callable[[str], None] | None) -> list[RuleSpec]:
    """Return the rules of one rule file; ``check_expression`` raises ValueError on a bad one."""
    return specs(compose(text, file), file, check_expression)


def compose(text: str, file: str) -> list[Composed]:
    """Read a rule file's YAML into (data, line, key lines) per rule; errors name the line."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleFileError(
            f"invalid YAML: {getattr(exc, 'problem', None) or exc}", file, mark.line + 1 if mark else None
        ) from None
    finally:
        loader.dispose()
    if data is None or node is None:
        return []
    if not isinstance(data, list):
        raise RuleFileError("a rule file is a YAML list of rules", file, node.start_mark.line + 1)
    out: list[Composed] = []
    for item, item_node in zip(data, node.value):
        if not isinstance(item, dict):
            raise RuleFileError("each rule is a mapping", file, item_node.start_mark.line + 1)
        lines = {k.value: k.start_mark.line + 1 for k, _ in item_node.value if hasattr(k, "value")}
        out.append((item, item_node.start_mark.line + 1, lines))
    return out


def specs(composed: list[Composed], file: str, check_expression: Callable[[str], None] | None) -> list[RuleSpec]:
    """Validate composed rules into RuleSpecs."""
    return [_spec(_Entry(c, file), check_expression) for c in composed]


def _spec(e: _Entry, check_expression: Callable[[str], None] | None) -> RuleSpec:
    """Validate one entry into a RuleSpec."""
    for key in e.data:
        if key not in REQUIRED and key not in OPTIONAL:
            import difflib

            close = difflib.get_close_matches(str(key), [*REQUIRED, *OPTIONAL], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise e.fail(key, f"unknown key '{key}'{hint}")
    for key in REQUIRED:
        if key not in e.data:
            raise e.fail(None, f"rule is missing '{key}'")
    code, name = e.string("code"), e.string("name")
    if not _CODE.match(code or ""):
        raise e.fail("code", f"code {code!r} must be MP followed by three digits (MP9xx for organisation rules)")
    if not _NAME.match(name or ""):
        raise e.fail("name", f"name {name!r} must be kebab-case (lower case words joined by '-')")
    try:
        severity = Severity.parse(str(e.data["severity"]))
    except ValueError as exc:
        raise e.fail("severity", str(exc)) from None
    scope = e.data["scope"]
    if not isinstance(scope, str):
        raise e.fail("scope", "'scope' must be a member path ('' is the request root)")
    _check_path(e, "scope", scope)
    report_at = e.string("report-at", required=False)
    if report_at is not None:
        _check_path(e, "report-at", report_at)
    for key in EXPRESSIONS:
        text = e.string(key, required=key == "assert")
        if text is not None and check_expression is not None:
            try:
                check_expression(text)
            except ValueError as exc:
                raise e.fail(key, f"bad JMESPath in '{key}': {exc}") from None
    message = e.string("message") or ""
    for placeholder in PLACEHOLDER.findall(message):
        _check_path(e, "message", placeholder.strip())
    docs = e.data["docs"]
    if (
        not isinstance(docs, dict)
        or set(docs) != {"why", "fix"}
        or not all(isinstance(v, str) and v.strip() for v in docs.values())
    ):
        raise e.fail("docs", "'docs' must have exactly 'why' and 'fix', both non-empty strings")
    valid, invalid = _examples(e)
    return RuleSpec(
        code=code or "", name=name or "", severity=severity,
        summary=(e.string("summary") or "").strip().rstrip("."), scope=scope,
        when=e.data.get("when"), request_when=e.data.get("request-when"),
        assertion=e.data["assert"], report_at=report_at, message=" ".join(message.split()),
        why=docs["why"].strip(), fix=docs["fix"].strip(), valid=valid, invalid=invalid,
        default_enabled=_default(e), profiles=_profiles(e), file=e.file, line=e.line,
    )  # fmt: skip


def _check_path(e: _Entry, key: str, path: str) -> None:
    try:
        paths.parse(path)
    except ValueError:
        raise e.fail(key, f"{path!r} is not a member path (like A.B[*].C)") from None


def _default(e: _Entry) -> bool:
    value = e.data.get("default", True)
    if value in (True, "on"):
        return True
    if value in (False, "off"):
        return False
    raise e.fail("default", "'default' must be on or off")


def _profiles(e: _Entry) -> frozenset[str]:
    value = e.data.get("profiles", [])
    if not isinstance(value, list) or not all(p in PROFILES for p in value):
        raise e.fail("profiles", f"'profiles' must be a list of: {', '.join(PROFILES)}")
    return frozenset(value)


def _examples(e: _Entry) -> tuple[tuple[Valid, ...], tuple[Invalid, ...]]:
    """Return the examples as Valid/Invalid cases; each list needs one case at least."""
    ex = e.data["examples"]
    if not isinstance(ex, dict) or set(ex) - {"valid", "invalid"}:
        raise e.fail("examples", "'examples' must have 'valid' and 'invalid' lists")
    cases: dict[str, list[Any]] = {"valid": [], "invalid": []}
    for kind, allowed in (
        ("valid", {"text", "source", "profile"}),
        ("invalid", {"text", "source", "profile", "at", "line", "column", "message"}),
    ):
        items = ex.get(kind)
        if not isinstance(items, list) or not items:
            raise e.fail("examples", f"'examples.{kind}' must be a non-empty list")
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or set(item) - allowed:
                raise e.fail("examples", f"each '{kind}' example has 'text' and only {', '.join(sorted(allowed))}")
            if item.get("source", "yaml") not in SOURCES:
                raise e.fail("examples", f"example source must be one of {', '.join(SOURCES)}")
            if kind == "invalid":
                if not isinstance(item.get("at"), str):
                    raise e.fail("examples", "each invalid example names 'at', the path of its finding")
                cases[kind].append(Invalid(**item))
            else:
                cases[kind].append(Valid(**item))
    return tuple(cases["valid"]), tuple(cases["invalid"])
