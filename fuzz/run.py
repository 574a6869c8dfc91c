"""Fuzz one source: ``python fuzz/run.py --source json --inputs 1000000 --seed 1``.

Runs generated and mutated inputs through ``mplint.api.lint_text`` over several processes and
reports the inputs run and the crashes found (an exception, a position outside the file,
output that is not strict JSON); each crashing input is saved under ``fuzz/crashes/``.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import random
import signal
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from fuzz.checks import problems
from fuzz.generate import SUFFIX, Sampler
from fuzz.hostile import FAMILIES

CRASHES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "crashes")
CHUNK = 2000


def _chunk(job: tuple[str, int, int]) -> tuple[int, list[tuple[str, bytes]]]:
    """Run CHUNK inputs from one derived seed; return the count and (reason, input) crashes."""
    from mplint.api import lint_text
    from mplint.engine.config import Config

    source, seed, count = job
    rng = random.Random(seed)
    found: list[tuple[str, bytes]] = []
    if source in FAMILIES:
        family = FAMILIES[source]
        for _ in range(count):
            try:
                data, reasons = family(rng)
            except Exception:
                data, reasons = repr(rng.getstate()[1][:4]).encode(), [traceback.format_exc(limit=-3)]
            if reasons:
                found.append(("; ".join(reasons), data))
        return count, found
    sampler = Sampler(source, rng)
    config = Config()
    for _ in range(count):
        data = sampler.next()
        try:
            result = lint_text(data, SUFFIX[source], config=config, forced=True)
            reasons = problems(result)
        except Exception:
            reasons = [traceback.format_exc(limit=-3)]
        if reasons:
            found.append(("; ".join(reasons), data))
    return count, found


def main() -> int:
    """Parse arguments, fan the work out, save and summarise the crashes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", choices=sorted([*SUFFIX, *FAMILIES]), required=True)
    parser.add_argument("--inputs", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk", type=int, default=CHUNK, help="inputs per job (and per derived seed)")
    parser.add_argument("--every", type=float, default=60.0, help="seconds between progress lines")
    args = parser.parse_args()
    size = args.chunk
    chunks = [
        (args.source, args.seed * 1_000_003 + i, min(size, args.inputs - i * size))
        for i in range((args.inputs + size - 1) // size)
    ]
    os.makedirs(CRASHES, exist_ok=True)
    start, kinds = time.monotonic(), {}
    stopped = ""
    signal.signal(signal.SIGTERM, _stop)  # `kill PID` ends the run with its summary
    try:
        ran, crashes = _run(args, chunks, kinds, start)
    except KeyboardInterrupt as exc:
        ran, crashes = exc.args if len(exc.args) == 2 else (0, 0)
        stopped = " (stopped before the end)"
    elapsed = time.monotonic() - start
    print(
        f"{args.source}: {ran:,} inputs in {elapsed:.0f}s ({ran / max(elapsed, 1e-9):,.0f}/s), "
        f"{crashes} crashes{stopped}",
        flush=True,
    )
    for key, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {n:>6}  {key}")
    return 1 if crashes else 0


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _run(
    args: argparse.Namespace, chunks: list[tuple[str, int, int]], kinds: dict[str, int], start: float
) -> tuple[int, int]:
    """Run the chunks over a pool; return (inputs run, crashes), also when interrupted."""
    ran = crashes = 0
    shown = start
    try:
        with multiprocessing.Pool(
            args.jobs, initializer=signal.signal, initargs=(signal.SIGTERM, signal.SIG_DFL)
        ) as pool:
            for count, found in pool.imap_unordered(_chunk, chunks):
                ran, crashes, shown = _take(args, count, found, kinds, ran, crashes, start, shown)
    except KeyboardInterrupt:
        raise KeyboardInterrupt(ran, crashes) from None
    return ran, crashes


def _take(
    args: argparse.Namespace,
    count: int,
    found: list[tuple[str, bytes]],
    kinds: dict[str, int],
    ran: int,
    crashes: int,
    start: float,
    shown: float,
) -> tuple[int, int, float]:
    """Record one chunk's results: save its crashes, print progress now and then."""
    ran += count
    for reason, data in found:
        crashes += 1
        key = reason.strip().splitlines()[-1][:120]
        kinds[key] = kinds.get(key, 0) + 1
        name = hashlib.sha1(data).hexdigest()[:12]
        with open(os.path.join(CRASHES, f"{args.source}-{name}.bin"), "wb") as fh:
            fh.write(data)
        with open(os.path.join(CRASHES, f"{args.source}-{name}.txt"), "w", encoding="utf-8") as fh:
            fh.write(reason)
    if time.monotonic() - shown >= args.every:
        shown = time.monotonic()
        print(f"{args.source}: {ran:,} inputs, {crashes} crashes, {time.monotonic() - start:.0f}s", flush=True)
    return ran, crashes, shown


if __name__ == "__main__":
    sys.exit(main())
