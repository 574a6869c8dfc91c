"""Benchmark mplint against its floors, in one run, interleaved, reporting medians and spread.

    python bench/run.py [--docs 1000] [--rounds 7] [--process-runs 21] [--dense]

In-process: time per document of ``json.loads``, of botocore's ``ParamValidator`` on the parsed
documents (required members, types and minimums only), and of mplint (decode, parse, every
rule, the positions of what it reports) on the same texts; ``--dense`` repeats it on the corpus
whose documents keep every member drawn. Whole process: ``mplint check FILE`` on one request
file against ``python -c "import yaml, click"``. Ratios are computed per round, so machine noise
hits both sides of a ratio alike; the spread is the min..max of the per-round ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402


def _timed(fn, items) -> float:
    t0 = time.perf_counter()
    for it in items:
        fn(it)
    return time.perf_counter() - t0


def in_process(n: int, rounds: int, dense: bool = False) -> None:
    """Report per-document costs and the mplint/ParamValidator ratio."""
    from mplint.api import lint_text
    from mplint.engine.config import Config

    docs = corpus.corpus(n, dense=dense)
    texts = [json.dumps(d, indent=2, ensure_ascii=False) for d in docs]
    blobs = [t.encode("utf-8") for t in texts]
    parsed = [json.loads(t) for t in texts]
    try:
        import botocore.session
        from botocore.validate import ParamValidator

        shape = (
            botocore.session.get_session()
            .get_service_model("sagemaker")
            .operation_model("CreateModelPackage")
            .input_shape
        )
        validator = ParamValidator()
        validate = lambda d: validator.validate(d, shape)  # noqa: E731
    except ImportError:
        validate = None
    config = Config()
    lint = lambda b: lint_text(b, "request.json", config=config, forced=True)  # noqa: E731
    lint(blobs[0])  # warm caches: schema, compiled patterns
    rows: dict[str, list[float]] = {"json.loads": [], "ParamValidator": [], "mplint": []}
    for _ in range(rounds):
        rows["json.loads"].append(_timed(json.loads, texts) / n)
        if validate:
            rows["ParamValidator"].append(_timed(validate, parsed) / n)
        rows["mplint"].append(_timed(lint, blobs) / n)
    size = statistics.mean(len(b) for b in blobs)
    findings = sum(len(lint(b).diagnostics) for b in blobs)
    kind = "dense (every drawn member kept)" if dense else "valid half cleaned, broken half 1-3 defects"
    print(f"in-process, {n} documents, {kind} (mean {size / 1024:.1f} KiB, {findings} findings), {rounds} rounds")
    for name, vals in rows.items():
        if vals:
            print(f"  {name:<15} median {statistics.median(vals) * 1e6:8.1f} µs/doc")
    for base in ("json.loads", "ParamValidator"):
        if rows[base]:
            ratios = [m / b for m, b in zip(rows["mplint"], rows[base])]
            print(
                f"  mplint / {base:<15} median {statistics.median(ratios):5.2f}x "
                f"(spread {min(ratios):.2f}..{max(ratios):.2f})"
            )


def _compile_package() -> None:
    """Byte-compile mplint as ``pip install`` does (an editable install, or an environment with
    PYTHONDONTWRITEBYTECODE set, would otherwise compile every module on every run)."""
    import compileall

    import mplint

    compileall.compile_dir(str(Path(mplint.__file__).parent), quiet=1)


def process(runs: int, file: str) -> None:
    """Report the whole-process time of one check against the import floor."""
    _compile_package()
    floor = [sys.executable, "-c", "import yaml, click"]
    check = [sys.executable, "-m", "mplint", "check", file, "--color", "never", "--no-cache"]
    probe = [
        sys.executable,
        "-c",
        "import sys; from mplint.api import lint_paths; lint_paths([sys.argv[1]]); "
        "print(sorted(m for m in ('libcst', 'regex', 'jmespath', 'pygls') if m in sys.modules))",
        file,
    ]
    times: dict[str, list[float]] = {"floor": [], "check": []}
    for _ in range(runs):
        for name, cmd in (("floor", floor), ("check", check)):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - t0)
    ratios = [c / f for c, f in zip(times["check"], times["floor"])]
    heavy = subprocess.run(probe, capture_output=True, text=True, check=False).stdout.strip()
    print(f"whole process, {runs} interleaved runs, checking {file}")
    print(f"  python -c 'import yaml, click'  median {statistics.median(times['floor']) * 1e3:6.1f} ms")
    print(f"  mplint check FILE               median {statistics.median(times['check']) * 1e3:6.1f} ms")
    print(
        f"  ratio median {statistics.median(ratios):.2f}x (spread {min(ratios):.2f}..{max(ratios):.2f}); "
        f"optional modules imported: {heavy}"
    )


def main() -> None:
    """Parse arguments and run both benchmarks."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--process-runs", type=int, default=21)
    ap.add_argument("--file", default=str(HERE.parent / "examples" / "valid-unversioned.json"))
    ap.add_argument(
        "--dense",
        action="store_true",
        help="also time the dense corpus (every drawn member kept: a dozen findings a document)",
    )
    ap.add_argument(
        "--only",
        choices=("in-process", "process"),
        help="run one part: the in-process corpus timings, or the whole-process start-up",
    )
    args = ap.parse_args()
    if args.only != "process":
        in_process(args.docs, args.rounds)
        if args.dense:
            in_process(args.docs, args.rounds, dense=True)
    if args.only != "in-process":
        process(args.process_runs, args.file)


if __name__ == "__main__":
    main()
