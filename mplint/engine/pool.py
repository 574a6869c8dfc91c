"""Check the candidate files of a large run on every core, reporting in the order found.

Each file is read and given the cheap text test in this process (``stage``); most files end
there. A file that can hold a request (a candidate) is checked (``finish``): here, until the
run has met :data:`MIN_CANDIDATES` of them, then by worker processes, so this process reads on
while the workers parse. Without ``jobs``, only a run of :data:`MIN_FILES` files or more uses
workers. Results are put back in the order of the files, so every report is the same as a
one-process run's.

Workers are forked when the pool starts: they have the modules (libcst too, if this process
has checked a Python candidate), the rule engines and the run's task list of this process
(nothing is imported or pickled for them to start; a candidate's text is sent to them), and
import only what the files they check need. ``jobs=1``, one core, or a platform without
``fork`` checks everything here. If a worker dies (a crash of the interpreter itself), the run
is redone in this process, so its outcome is the one a one-process run would have.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

R = TypeVar("R")
Task = Any
Stage = Callable[..., "tuple[R | None, Any]"]
Finish = Callable[[Task, Any], R]

# Measured with ``bench/scan.py`` on 2 cores shared with other work: the pool paid in a
# 10,000-file tree (0.85x-0.95x the one-process time in six runs), about broke even to paid at
# 5,000 files (0.74x-1.07x) and cost more below (1.13x at 3,000 files, 1.5x at 100: starting
# the workers, and libcst in each).
MIN_FILES = 5000
# A run with fewer candidates than this is checked here whatever its size: a handful of parses
# costs less than starting the workers.
MIN_CANDIDATES = 8

_work: tuple[Callable[..., Any], Sequence[Task]] | None = None  # inherited by forked workers


def cores() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def workers(jobs: int | None, files: int) -> int:
    """Return how many worker processes a run of ``files`` files may use (1: none, all is
    checked here); ``jobs`` None means every core for a large run."""
    if jobs == 1 or (jobs is None and files < MIN_FILES):
        return 1  # decided before multiprocessing is imported (a one-file run never imports it)
    import multiprocessing

    wanted = cores() if jobs is None else jobs
    return wanted if wanted > 1 and "fork" in multiprocessing.get_all_start_methods() else 1


def run(tasks: Sequence[Task], stage: Stage[R], finish: Finish[R], jobs: int | None = None) -> list[R]:
    """Return, for each task, ``stage(*task)``'s result, or ``finish(task, staged)`` when
    staging left something to check; on up to ``jobs`` processes (None: every core)."""
    n = workers(jobs, len(tasks))
    global _work
    out: list[Any] = []
    executor = None
    candidates = 0
    try:
        for i, task in enumerate(tasks):
            done, staged = stage(*task)
            if done is not None:
                out.append(done)
                continue
            candidates += 1
            if executor is None and n > 1 and candidates >= MIN_CANDIDATES:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                _work = (finish, tasks)
                executor = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork"))
            out.append(finish(task, staged) if executor is None else executor.submit(_finish, i, staged))
        if executor is None:
            return out
        from concurrent.futures import Future

        return [r.result() if isinstance(r, Future) else r for r in out]
    except Exception as exc:
        from concurrent.futures.process import BrokenProcessPool

        if not isinstance(exc, BrokenProcessPool):
            raise
        return [done if done is not None else finish(task, staged) for task in tasks for done, staged in [stage(*task)]]
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        _work = None


def _finish(i: int, staged: Any) -> Any:
    assert _work is not None, "the task list is inherited from the forking process"
    finish, tasks = _work
    return finish(tasks[i], staged)
