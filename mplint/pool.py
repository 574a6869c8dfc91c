"""Check the files of a large run on every core, in the order they were found.

A run of fewer than :data:`MIN_FILES` files, ``jobs=1``, or a platform without ``fork`` is
checked in this process. Otherwise the files are cut into chunks that worker processes check;
their results come back in the order of the files, so every report is the same as a serial
run's. Workers are forked: they start with the modules, the rule engines and the run's task
list of this process (nothing is imported or pickled for them to start), and import only what
the files they check need (libcst only for a Python candidate). A worker that dies (a crash of
the interpreter itself) makes the run go on serially from the start, so its outcome is the one a
serial run would have.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many files a pool costs more than it saves: forking and feeding two workers
# takes about as long as checking ~300 ordinary files (measured with bench/scan.py).
MIN_FILES = 300
_CHUNKS_PER_WORKER = 8  # small enough chunks that a file full of requests does not stall a worker
_MAX_CHUNK = 128

_work: tuple[Callable[..., object], Sequence[tuple]] | None = None  # inherited by forked workers


def cores() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def workers(jobs: int | None, files: int) -> int:
    """Return how many processes check ``files`` files (1: this process alone)."""
    wanted = cores() if jobs is None else jobs
    if wanted <= 1 or files < MIN_FILES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(wanted, files)


def run(check: Callable[..., R], tasks: Sequence[tuple], jobs: int | None = None) -> list[R]:
    """Return ``[check(*task) for task in tasks]``, computed on up to ``jobs`` processes
    (None: every core)."""
    n = workers(jobs, len(tasks))
    if n <= 1:
        return [check(*task) for task in tasks]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _work
    size = max(1, min(_MAX_CHUNK, len(tasks) // (n * _CHUNKS_PER_WORKER)))
    bounds = [(i, min(i + size, len(tasks))) for i in range(0, len(tasks), size)]
    _work = (check, tasks)
    try:
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as ex:
            out: list[R] = []
            for chunk in ex.map(_check_chunk, bounds):
                out.extend(chunk)
            return out
    except BrokenProcessPool:
        return [check(*task) for task in tasks]
    finally:
        _work = None


def _check_chunk(bounds: tuple[int, int]) -> list[object]:
    assert _work is not None, "the task list is inherited from the forking process"
    check, tasks = _work
    return [check(*tasks[i]) for i in range(*bounds)]
