"""Run the selected rules over Requests: guard, stamp, filter, sort. Never prints."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from mplint.diagnostics import Diagnostic, Severity
from mplint.directives import is_suppressed
from mplint.engine import registry
from mplint.engine.config import Config
from mplint.engine.selection import Selection
from mplint.findings import InternalError
from mplint.lazy_re import lazy
from mplint.model import Kind, Request, Span, Suppressions
from mplint.printable import printable
from mplint.rule import Rule
from mplint.secrets import mask_credentials

if TYPE_CHECKING:
    from mplint.sources import Loaded


class Engine:
    """The rules of one configuration, instantiated once and reused for every file it governs.

    A plain class: a dataclass costs a fraction of a millisecond to define at every start.
    """

    # Seconds a plugin's rule may take on one request (see mplint.engine.budget).
    rule_time_budget: float = 5.0

    def __init__(
        self,
        config: Config,
        classes: list[type[Rule]],
        selection: Selection,
        skipped: frozenset[str] = frozenset(),
        deferred: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.config = config
        self.rules: list[Rule] = []
        self.classes = classes
        self.selection = selection
        # The hundreds of built-in rules not built: the selection runs none of their rules.
        self.skipped = skipped
        # Hundreds selected but built when a request of one of their flavours comes.
        self._deferred = deferred or {}
        # Per rule code: whether its findings are kept, and its severity after overrides.
        self._decisions: dict[str, tuple[bool, dict[Severity, Severity]]] = {}
        # The rules that run on each request flavour.
        self._by_flavour: dict[str, list[Rule]] = {}
        # Every rule code the configuration knows, for suppression hygiene (worked out when needed).
        self._known_codes: frozenset[str] | None = None

    @classmethod
    def build(cls, config: Config) -> Engine:
        """Load, validate and instantiate the rules a configuration selects."""
        selection = Selection(config.select, config.ignore, config.severity, config.profile)
        selected = _hundreds(config, selection)
        extra = registry.extra_rules(config, selected)
        # A hundred whose rules check one kind of request only is built when such a request
        # comes, unless a setting names it or a code of it, or a rule file a code of it.
        named = {c.upper()[:3] for c in _named(config) if len(c) >= 3} | {r.code[:3] for r in extra}
        deferred = {h: f for h, f in registry.FLAVOURED.items() if h in selected and h not in named}
        if _by_name(config):
            deferred = {}  # an option given by rule name: every rule is needed to find it
        classes = registry.unique([*registry.builtin([h for h in selected if h not in deferred]), *extra])
        unbuilt = [h for h in registry.hundreds() if h not in selected]
        known = [*unbuilt, *deferred]
        where = config.source or "command line"
        registry.check_codes(classes, [*config.select, *config.ignore], where, known)
        registry.check_codes(classes, [c for c, _ in config.severity], where, known)
        registry.check_codes(classes, [c for _, cs in config.per_file_ignores for c in cs], where, known)
        options = registry.configured_options(classes, config)
        selection = selection._replace(configured=frozenset(options))
        engine = cls(config, classes, selection, frozenset(unbuilt), deferred)
        engine._add(classes, options)
        return engine

    def _add(self, classes: list[type[Rule]], options: dict[str, Any]) -> None:
        """Instantiate the rules of ``classes`` that the selection runs (the rules stay in code order)."""
        self.rules = sorted(
            [
                *self.rules,
                *(
                    rc(options.get(rc.code), profile=self.config.profile)
                    for rc in classes
                    if self.selection.enabled(rc) and not rc.reported_by_source
                ),
            ],
            key=lambda r: r.code,
        )

    def _build_for(self, flavour: str) -> None:
        """Build the deferred hundreds whose rules check requests of ``flavour``."""
        if not any(flavour in flavours for flavours in self._deferred.values()):
            return
        with _BUILDING:
            wanted = [h for h, flavours in self._deferred.items() if flavour in flavours]
            if not wanted:
                return  # another thread built them
            new = registry.builtin(wanted)
            options: dict[str, Any] = {}
            registry.add_regions(new, self.config, options)
            self.classes = registry.unique([*self.classes, *new])
            self._add(new, options)
            self._by_flavour.clear()
            for h in wanted:
                del self._deferred[h]

    def check(self, request: Request) -> list[Diagnostic]:
        """Run every rule on one request; a rule that raises becomes an MP002 finding."""
        out: list[Diagnostic] = []
        ignored = request.ignored
        rules = self._by_flavour.get(request.flavour)
        if rules is None:
            self._build_for(request.flavour)
            rules = self._by_flavour[request.flavour] = [
                r for r in self.rules if r.flavours is None or request.flavour in r.flavours
            ]
        root = request.root
        # The members of a known mapping, to pass over the rules that need a member it lacks.
        value = root.value if root is not None and root.kind is Kind.OBJECT and not root.open else None
        members = value.keys() if isinstance(value, dict) else None
        for rule in rules:
            if rule.needs and members is not None and not members >= rule.needs:
                continue
            if ignored and rule.code in ignored:
                continue
            try:
                if type(rule).__module__.startswith("mplint."):
                    out.extend(rule.check(request))
                else:  # a plugin's rule: third-party code gets a time budget
                    from mplint.engine.budget import run_with_budget

                    out.extend(run_with_budget(rule, request, self.rule_time_budget))
            except Exception as exc:
                out.append(_crash_finding(rule, request, exc))
        return out

    def findings(self, loaded: Loaded, file: str, text: str | None = None) -> list[Diagnostic]:
        """Return the findings of a loaded file: its source's and its requests' rules', each
        stamped and filtered by :meth:`finish`; with the file's ``text``, also the findings
        about its suppression directives (mplint.engine.hygiene)."""
        from mplint.engine import hygiene

        used: list[tuple[str, tuple[int, ...]]] | None = [] if hygiene.wanted(file, text) else None
        # A notebook's source findings are filtered by their own cell's suppressions already.
        first = loaded.requests[0] if loaded.requests else None
        file_supp = first.suppressions if first and first.place is None else None
        diags = self.finish(loaded.diagnostics, file, suppressions=file_supp, used=used)
        for request in loaded.requests:
            diags.extend(self.finish(self.check(request), file, request, used=used))
        if used is not None and text is not None and file_supp is not None:
            diags.extend(self.finish(hygiene.findings(self, loaded, file, text, used), file, suppressions=file_supp))
        return diags

    def finish(
        self,
        diagnostics: Iterable[Diagnostic],
        file: str,
        request: Request | None = None,
        suppressions: Suppressions | None = None,
        used: list[tuple[str, tuple[int, ...]]] | None = None,
    ) -> list[Diagnostic]:
        """Stamp file/request, apply selection, severities and suppressions.

        Findings of a request use its suppressions; source findings (no request) use the
        file's ``suppressions`` when the source found any. Each finding a directive hides is
        added to ``used`` (its code and the lines whose directives cover it).
        """
        if not diagnostics:
            return []  # most files and requests: nothing to stamp
        per_file = self.config.ignored_for(file) if self.config.per_file_ignores else ()
        if request is not None:
            supp: Suppressions | None = request.suppressions
            ignored, extra = request.ignored, _extra_lines(request)
            label, cell, place = _printable(request.label), request.cell, request.place
        else:
            supp, ignored, extra, label, cell, place = suppressions, frozenset(), (), None, None, None
        if supp is not None and not supp.by_line and not supp.whole_file:
            supp = None
        out = []
        for d in diagnostics:
            code = d.code
            decision = self._decisions.get(code)
            if decision is None:
                decision = self._decide(code)
            enabled, severities = decision
            if code not in _ALWAYS:
                if not enabled or code in ignored:
                    continue
                if per_file and any(code.startswith(p) for p in per_file):
                    continue
                if supp is not None and is_suppressed(supp, code, d.span.line, *extra):
                    if used is not None:
                        used.append((code, (d.span.line, *extra)))
                    continue
            severity = severities.get(d.severity)
            if severity is None:
                severity = severities[d.severity] = self.selection.severity_of(code, d.severity)
            if place is not None:
                out.append(
                    _placed(
                        place,
                        Diagnostic(
                            code,
                            d.name,
                            severity,
                            _printable(d.message),
                            d.span,
                            _printable(d.path),
                            file,
                            label if label is not None else d.request,
                            cell,
                            d.fix,
                            None,
                            _digest(request, d.path) if request is not None else None,
                        ),
                    )
                )
                continue
            out.append(
                Diagnostic(
                    code,
                    d.name,
                    severity,
                    _printable(d.message),
                    _sound(d.span),
                    _printable(d.path),
                    file,
                    label if label is not None else d.request,
                    cell if request is not None else d.cell,
                    d.fix,
                    d.file_span,
                    _digest(request, d.path) if request is not None else d.digest,
                )
            )
        return out

    def _decide(self, code: str) -> tuple[bool, dict[Severity, Severity]]:
        """Return (and remember) whether findings of ``code`` are kept, with a severity memo."""
        rule = next((rc for rc in self.classes if rc.code == code), None)
        enabled = self.selection.enabled(rule) if rule is not None else code[:3] not in self.skipped
        decision = self._decisions[code] = (enabled, {})
        return decision


def _hundreds(config: Config, selection: Selection) -> frozenset[str]:
    """Return the hundreds of built-in rules a configuration needs: those the selection may
    run, those its settings name a code of (to check the names), and MP0 (the findings of
    sources and of mplint itself). Options given by rule name need them all."""
    every = registry.hundreds()
    if _by_name(config):
        return frozenset(every)
    wanted = {"MP0", *(c.upper()[:3] for c in _named(config) if len(c) > 3)}
    return frozenset(h for h in every if h in wanted or selection.may_run(h))


def _by_name(config: Config) -> bool:
    """Tell whether the configuration gives options to a rule by its name rather than its code."""
    return any(not _CODE.fullmatch(key.strip().upper()) for key in config.options)


def _named(config: Config) -> list[str]:
    """Return the codes and prefixes a configuration names (select, ignore, severity, options, per-file-ignores)."""
    named = [*config.select, *config.ignore, *(c for c, _ in config.severity), *config.options]
    return named + [c for _, cs in config.per_file_ignores for c in cs]


_CODE = lazy(r"MP[0-9]{3}")
_BUILDING = threading.Lock()
_ALWAYS = frozenset({InternalError.code})


def _crash_finding(rule: Rule, request: Request, exc: BaseException) -> Diagnostic:
    """Return the MP002 finding of a rule that raised (or ran out of time) on a request."""
    label = request.label or request.file or "the request"
    span = request.root.span if request.root else Span(1, 1, 1, 2)
    what = getattr(exc, "finding_text", None)
    if what is None:
        import traceback

        frames = traceback.extract_tb(exc.__traceback__)
        where = f" ({frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
        what = f"crashed on {label}: {type(exc).__name__}: {exc}{where}"
    else:
        what = what.format(label=label)
    return InternalError.finding(span, f"rule {rule.code} ({rule.name}) {what}")


def _sound(span: Span) -> Span:
    """Return a span with 1-based positions and its end not before its start (a plugin's
    span can be anything; SARIF and editors refuse such a region)."""
    line, column, end_line, end_column = span
    if line >= 1 and column >= 1 and (end_line, end_column) > (line, column):
        return span
    line, column = max(int(line), 1), max(int(column), 1)
    if (end_line, end_column) <= (line, column):
        end_line, end_column = line, column + 1
    return Span(line, column, int(end_line), int(end_column))


def _digest(request: Request, path: str) -> str | None:
    """Return the baseline's digest of a finding's value (imported only for a finding kept)."""
    from mplint.engine.baseline import value_digest

    return value_digest(request, path)


def _placed(place: Callable[[Span], tuple[int, Span, Span | None]], d: Diagnostic) -> Diagnostic:
    """Return a notebook finding at the cell that holds it (and its place in the file)."""
    cell, span, file_span = place(d.span)
    fix = d.fix._replace(span=place(d.fix.span)[1]) if d.fix is not None else None
    return d._replace(cell=cell, span=span, fix=fix, file_span=file_span)


def _extra_lines(request: Request) -> tuple[int, ...]:
    """Lines whose directives also cover ``d``: the call's line for a call-site request."""
    call_line = request.names.get("@line")
    return (int(call_line),) if call_line else ()


def _printable(text: str) -> str:
    """Return input-derived text safe to print: control characters escaped, credential-looking
    parts masked."""
    return mask_credentials(printable(text))
