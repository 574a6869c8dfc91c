"""Check the files of a large run on every core, reporting in the order found.

The run's files are dealt out like cards: with ``n`` processes, process ``k`` takes files
``k``, ``k + n``, ``k + 2n``... (neighbouring files, which are alike, go to different
processes, so each gets its share of the costly ones). This process keeps the first share;
the others go to worker processes forked when the run starts, which read, test and check
their files exactly as this process does (``stage``, then ``finish`` for a candidate) and
send back their results once, when their share is done. Nothing is sent to a worker: it has
the task list, the modules and the rule engines of this process by inheritance. Results are
put back in the order of the files, so every report is the same as a one-process run's.

What a run keeps beside the results (the result cache's new entries) travels with them:
``carry`` is a pair of functions, one that a worker calls to take out what its share added,
one that this process calls to put it in.

Without ``jobs``, only a run of :data:`MIN_FILES` files or more uses workers. ``jobs=1``,
one core, or a platform without ``fork`` checks everything here. If a worker dies (a crash
of the interpreter itself) or sends back something unreadable, its share is checked again
in this process, so the outcome is the one a one-process run would have.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

R = TypeVar("R")
Task = Any
Stage = Callable[..., "tuple[R | None, Any]"]
Finish = Callable[[Task, Any], R]
Carry = tuple[Callable[[], Any], Callable[[Any], None]]

# Measured with ``bench/scan.py --only threshold`` on 2 cores shared with other work (pool time
# over one-process time, median of 5 rounds): 0.94x at 100 files, 0.91x at 300, 1.01x at 1,000,
# 0.88x at 3,000. Below a few thousand files the gain is within the machine's noise, and a
# small run should not fork at all.
MIN_FILES = 3000


def cores() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def workers(jobs: int | None, files: int) -> int:
    """Return how many processes, this one included, a run of ``files`` files may use (1: no
    worker, all is checked here); ``jobs`` None means every core for a large run."""
    if jobs == 1 or (jobs is None and files < MIN_FILES):
        return 1
    wanted = cores() if jobs is None else jobs
    return min(wanted, max(files, 1)) if wanted > 1 and hasattr(os, "fork") else 1


def run(
    tasks: Sequence[Task], stage: Stage[R], finish: Finish[R], jobs: int | None = None, carry: Carry | None = None
) -> list[R]:
    """Return, for each task, ``stage(*task)``'s result, or ``finish(task, staged)`` when
    staging left something to check; on up to ``jobs`` processes (None: every core)."""
    n = workers(jobs, len(tasks))
    if n == 1:
        return _share(tasks, range(len(tasks)), stage, finish)
    children = [_fork(tasks, range(k, len(tasks), n), stage, finish, carry) for k in range(1, n)]
    out: list[Any] = [None] * len(tasks)
    out[0::n] = _share(tasks, range(0, len(tasks), n), stage, finish)
    for k, (pid, fd) in enumerate(children, start=1):
        share = range(k, len(tasks), n)
        got = _collect(pid, fd, len(share))
        if got is None:  # the worker died: this process checks its share
            out[k::n] = _share(tasks, share, stage, finish)
            continue
        results, carried = got
        out[k::n] = results
        if carry is not None:
            carry[1](carried)
    return out


def _share(tasks: Sequence[Task], indices: range, stage: Stage[R], finish: Finish[R]) -> list[R]:
    out: list[R] = []
    for i in indices:
        done, staged = stage(*tasks[i])
        out.append(done if done is not None else finish(tasks[i], staged))
    return out


def _fork(
    tasks: Sequence[Task], share: range, stage: Stage[R], finish: Finish[R], carry: Carry | None
) -> tuple[int, int]:
    """Start a worker on ``share``; return its process id and the pipe its results come by."""
    read, write = os.pipe()
    pid = os.fork()
    if pid != 0:
        os.close(write)
        return pid, read
    # The worker: check the share, write the results, leave without the parent's clean-up.
    status = 1
    try:
        os.close(read)
        results = _share(tasks, share, stage, finish)
        with os.fdopen(write, "wb") as pipe:  # written as it is pickled: no second copy
            pickle.dump((results, carry[0]() if carry is not None else None), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _collect(pid: int, fd: int, expected: int) -> tuple[list[Any], Any] | None:
    """Read a worker's results and wait for it; None when it died or sent something else."""
    got: Any = None
    with os.fdopen(fd, "rb") as pipe:  # unpickled as it is read: no second copy
        try:
            got = pickle.load(pipe)
        except Exception:  # whatever a broken worker sent, its share is checked again here
            got = None
    _, status = os.waitpid(pid, 0)  # the pipe is closed: a worker still writing stops
    if status != 0 or not isinstance(got, tuple) or len(got) != 2:
        return None
    results, carried = got
    return (results, carried) if isinstance(results, list) and len(results) == expected else None
