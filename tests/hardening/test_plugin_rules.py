"""A plugin's rule is third-party code: its spans are made sound, its time is budgeted (issue 12)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

from mplint import api
from mplint.diagnostics import Diagnostic, Severity
from mplint.engine.config import Config
from mplint.model import Request, Span
from mplint.reporters import get
from mplint.rule import Rule

REQUEST = '{"ModelPackageGroupName": "g"}\n'


class OddSpans(Rule):
    """Reports with the spans a careless plugin gives."""

    code = "MP991"
    name = "odd-spans"
    severity = Severity.ERROR
    summary = "Odd spans"
    origin = "test-plugin"

    def check(self, request: Request) -> Iterator[Diagnostic]:
        yield self.finding(Span(0, 0, 0, 0), "line zero")
        yield self.finding(Span(1, 9, 1, 3), "end before start")
        yield self.finding(Span(-4, 5, -4, 9), "negative line")


class Hangs(Rule):
    """Never returns, as a buggy plugin might."""

    code = "MP992"
    name = "hangs"
    severity = Severity.ERROR
    summary = "Hangs"
    origin = "test-plugin"

    def check(self, request: Request) -> Iterator[Diagnostic]:
        while True:
            pass
        yield  # pragma: no cover


def _with(rule: Rule, budget: float = 5.0) -> Config:
    config = Config(select=("MP001",))
    engine = api.engine_for(config)
    engine.rules.append(rule)
    engine.rule_time_budget = budget
    return config


def test_plugin_spans_are_clamped_to_sound_regions() -> None:
    result = api.lint_text(REQUEST, "x.json", config=_with(OddSpans(None)), forced=True)
    assert [(d.message, tuple(d.span)) for d in result.diagnostics] == [
        ("line zero", (1, 1, 1, 2)),
        ("negative line", (1, 5, 1, 6)),
        ("end before start", (1, 9, 1, 10)),
    ]
    sarif = json.loads(get("sarif")(api.RunResult(files=[result]), False))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert all(r["startLine"] >= 1 and r["startColumn"] >= 1 for r in regions)
    assert all((r["endLine"], r["endColumn"]) > (r["startLine"], r["startColumn"]) for r in regions)


def test_a_hung_plugin_rule_is_stopped_on_the_main_thread() -> None:
    result = api.lint_text(REQUEST, "x.json", config=_with(Hangs(None), 0.3), forced=True)
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("MP002", "rule MP992 (hangs) took more than 0.3 s on the request and was stopped")
    ]


def test_a_hung_plugin_rule_is_abandoned_off_the_main_thread() -> None:
    config = _with(Hangs(None), 0.3)
    box: list[api.FileResult] = []
    worker = threading.Thread(target=lambda: box.append(api.lint_text(REQUEST, "x.json", config=config, forced=True)))
    worker.start()
    worker.join(60)
    assert [(d.code, d.message) for d in box[0].diagnostics] == [
        ("MP002", "rule MP992 (hangs) took more than 0.3 s on the request and was stopped")
    ]


def test_the_alarm_handler_is_restored_after_a_plugin_rule() -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    api.lint_text(REQUEST, "x.json", config=_with(OddSpans(None)), forced=True)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
