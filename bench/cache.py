"""Benchmark the result cache: a second run over an unchanged 2,000-file tree against the first.

    python bench/cache.py [--rounds 3] [--requests 800] [--py-files 1000] [--templates 200]

The tree mixes what a repository holds: request files (JSON and YAML from the seeded corpus,
half of them broken), Python files (1% calling create_model_package) and CloudFormation
templates. Each round empties the cache, runs ``mplint check TREE`` once (cold: every file is
checked and its result stored) and once more (warm: every result is read back), each as a
process of its own, the way CI and pre-commit run it. A third run with ``--no-cache`` gives
the price of storing the results. Target: warm >= 5x faster than cold.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import corpus  # noqa: E402
from sources import make_templates, make_tree  # noqa: E402


def make(root: Path, requests: int, py_files: int, templates: int) -> int:
    (root / "requests").mkdir()
    for i, doc in enumerate(corpus(requests, seed=11)):
        if i % 4 == 3:
            import yaml

            (root / "requests" / f"req{i}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
        else:
            (root / "requests" / f"req{i}.json").write_text(json.dumps(doc, indent=2))
    (root / "code").mkdir()
    make_tree(root / "code", py_files)
    (root / "stacks").mkdir()
    make_templates(root / "stacks", templates)
    return sum(1 for _ in root.rglob("*") if _.is_file())


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--requests", type=int, default=800)
    ap.add_argument("--py-files", type=int, default=1000)
    ap.add_argument("--templates", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "tree"
        root.mkdir()
        n = make(root, args.requests, args.py_files, args.templates)
        cache = Path(tmp) / "cache"
        # Bytecode as an installed package has it: compiling mplint's modules at every start
        # would add the same ~0.1 s to both runs.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["MPLINT_CACHE_DIR"] = str(cache)
        cmd = [sys.executable, "-m", "mplint", "check", str(root), "--format", "json", "--no-progress"]
        timed([*cmd, "--no-cache"], env)  # writes the bytecode
        rows = []
        for r in range(args.rounds):
            shutil.rmtree(cache, ignore_errors=True)
            cold = timed(cmd, env)
            warm = timed(cmd, env)
            bare = timed([*cmd, "--no-cache"], env)
            rows.append((cold, warm, bare))
            print(f"round {r + 1}: cold {cold:.2f} s, warm {warm:.2f} s ({cold / warm:.1f}x), no cache {bare:.2f} s")
        cold = statistics.median(r[0] for r in rows)
        warm = statistics.median(r[1] for r in rows)
        bare = statistics.median(r[2] for r in rows)
        ratios = [c / w for c, w, _ in rows]
        print(f"\n{n} files. median cold {cold:.2f} s, warm {warm:.2f} s, --no-cache {bare:.2f} s")
        print(
            f"warm run {statistics.median(ratios):.1f}x faster than cold "
            f"(spread {min(ratios):.1f}..{max(ratios):.1f}); target 5x"
        )


if __name__ == "__main__":
    main()
