"""A time budget for a plugin's rule: past it, the rule's work on that request is abandoned
and the engine reports ``MP002`` naming the rule; the run goes on.

A Python thread cannot be killed, so there are two ways to stop a rule, and mplint uses the
one that can really stop it where it is available:

- On the main thread of a POSIX process (the command line, pre-commit), a ``SIGALRM`` timer
  raises :class:`RuleTimeout` inside the rule, which unwinds it: nothing of it keeps running.
  (A single C call that never returns to the interpreter, a catastrophic regular expression
  say, is interrupted only when it returns.)
- Elsewhere (the language server's lint worker, Windows), the rule runs in a daemon thread
  and the engine stops waiting for it when the budget is spent. The abandoned thread may
  go on using a core until it ends or the process exits, but no finding of it is used and
  the caller is never blocked.
"""

from __future__ import annotations

import threading
from typing import Any

from mplint.model import Request


class RuleTimeout(Exception):
    """A rule spent its time budget on one request."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"ran out of its {seconds:g} s budget")
        self.finding_text = f"took more than {seconds:g} s on {{label}} and was stopped"


def run_with_budget(rule: Any, request: Request, seconds: float) -> list[Any]:
    """Return the findings of ``rule`` on ``request``, or raise :class:`RuleTimeout`."""
    import signal

    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        return _with_alarm(rule, request, seconds, signal)
    return _with_thread(rule, request, seconds)


def _with_alarm(rule: Any, request: Request, seconds: float, signal: Any) -> list[Any]:
    def expire(_signum: int, _frame: object) -> None:
        raise RuleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return list(rule.check(request))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _with_thread(rule: Any, request: Request, seconds: float) -> list[Any]:
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["found"] = list(rule.check(request))
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=work, name=f"mplint-rule-{rule.code}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise RuleTimeout(seconds)
    if "error" in box:
        raise box["error"]
    found: list[Any] = box["found"]
    return found
