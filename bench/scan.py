"""Benchmark repository scans against their floors, in one run, interleaved, with medians.

    python bench/scan.py [--rounds 5] [--mixed-files 5000] [--py-files 10000] [--no-ruff]
    python bench/scan.py --only threshold

(a) A mixed repository (.py, .json, .yaml, .ipynb; 1% of the files hold a request; about one
    .py file in six calls ``register(`` for something else: ``atexit``, plugin registries, Flask
    blueprints, ``admin.site.register``): ``lint_paths`` in process against the floor "list and
    read every file + ``libcst.parse_module`` of the code of the files that hold a request call"
    (target <= 2x).
(b) A tree of .py files with the same noise, 1% with request calls: ``mplint check --no-cache``
    as one process (every core, and ``--jobs 1``) against ``ruff check --no-cache`` on the tree
    (target: mplint faster), with the CPU time of each (all processes) and the peak resident
    memory of the largest mplint process (target <= 100 MiB at 10,000 files); and the floor of
    any checker whose values come from libcst, as one process: start Python, import libcst,
    read every file, parse the files with a request call.
(d) As many request files as (b) has files, each with findings: the peak memory of
    ``mplint check`` (json and text output), which keeps what the report needs of each.
(c) With ``--only threshold``: mixed trees of 100 to 3,000 files as one ``mplint check`` process,
    with the pool and without, to place the size from which ``mplint check`` uses the pool.

Ratios are taken per round, so machine noise hits both sides alike; the spread is min..max.
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
sys.path.insert(0, str(HERE.parent))

from sources import CALLING, ORDINARY  # noqa: E402

ATEXIT = '''"""Module {i}: cleanup on exit."""

import atexit
import shutil
import tempfile

SCRATCH = tempfile.mkdtemp(prefix="job{i}-")


def _cleanup() -> None:
    shutil.rmtree(SCRATCH, ignore_errors=True)


atexit.register(_cleanup)
atexit.register(print, "job {i} done")
'''

PLUGINS = '''"""Plugin registry {i}."""

from typing import Callable


class Registry:
    def __init__(self) -> None:
        self._items: dict[str, type] = {{}}

    def register(self, cls: type, name: str | None = None) -> type:
        self._items[name or cls.__name__] = cls
        return cls


registry = Registry()


class CsvReader{i}:
    def read(self, path: str) -> list[str]:
        with open(path) as fh:
            return fh.read().splitlines()


class JsonReader{i}:
    def read(self, path: str) -> list[str]:
        return []


registry.register(CsvReader{i})
registry.register(JsonReader{i}, name="json")
'''

FLASK = '''"""Web routes {i}."""

from flask import Blueprint, Flask, jsonify

bp = Blueprint("api{i}", __name__, url_prefix="/api/{i}")


@bp.route("/health")
def health():
    return jsonify(status="ok", model_version="{i}")


def create_app() -> Flask:
    app = Flask(__name__)
    app.register_blueprint(bp)
    bp.register(app, {{"url_prefix": "/v{i}"}})
    return app
'''

DJANGO = '''"""Admin site {i}."""

from django.contrib import admin

from .models import Experiment{i}, Run{i}


class RunAdmin{i}(admin.ModelAdmin):
    list_display = ("id", "experiment", "status", "created")
    search_fields = ("experiment__name",)


admin.site.register(Experiment{i})
admin.site.register(Run{i}, RunAdmin{i})
'''

SDK_CALLING = '''"""Register the trained model {i} with the SageMaker SDK."""

from sagemaker.model import Model

model = Model(image_uri="111122223333.dkr.ecr.us-east-1.amazonaws.com/{name}:{i}",
              model_data="s3://models/{name}/{i}/model.tar.gz", role=ROLE)
package = model.register(
    content_types=["text/csv"],
    response_types=["text/csv"],
    inference_instances=["ml.m5.large"],
    transform_instances=["ml.m5.xlarg"],
    model_package_group_name="{name}",
    approval_status="PendingManualApproval",
)
'''

PACKAGE_JSON = '{{\n  "name": "web{i}",\n  "version": "1.0.{i}",\n  "dependencies": {{"left-pad": "^1.3.0"}}\n}}\n'
CONFIG_YAML = "service: svc{i}\nreplicas: 3\nenv:\n  LOG_LEVEL: info\n  REGION: us-east-1\n"
REQUEST_JSON = json.dumps(
    {
        "ModelPackageGroupName": "churn",
        "ModelApprovalStatus": "Aproved",
        "InferenceSpecification": {
            "Containers": [{"Image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/m:1"}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
    },
    indent=2,
)
NOISE = (ATEXIT, PLUGINS, FLASK, DJANGO)


def notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                    "source": c.splitlines(keepends=True),
                }
                for c in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def python_text(i: int, every: int = 100) -> tuple[str, bool]:
    """Return the text of .py file ``i`` and whether it holds a request call (one in ``every``
    does, half boto3, half the SDK)."""
    name = f"team{i % 13}"
    if i % every == 7:
        return (CALLING if i % (2 * every) == 7 else SDK_CALLING).format(i=i, name=name), True
    if i % 6 == 1:
        return NOISE[(i // 6) % len(NOISE)].format(i=i), False
    return ORDINARY.format(i=i, name=name), False


def make_mixed(root: Path, n: int) -> list[tuple[Path, str | None]]:
    """Write ``n`` files; return each with the code the floor parses (None: read only)."""
    out: list[tuple[Path, str | None]] = []
    for i in range(n):
        folder = root / f"pkg{i % 50}"
        folder.mkdir(exist_ok=True)
        kind = i % 20  # 16/20 .py, 2/20 .json, 1/20 .yaml, 1/20 .ipynb; 1% of all hold a request
        if kind < 16:
            text, calls = python_text(i, 160)
            path = folder / f"mod{i}.py"
            code = text if calls else None
        elif kind < 18:
            is_request = i % 500 == 17
            text, code = (REQUEST_JSON if is_request else PACKAGE_JSON.format(i=i)), None
            path = folder / (f"request{i}.json" if is_request else f"package{i}.json")
        elif kind == 18:
            text, code, path = CONFIG_YAML.format(i=i), None, folder / f"config{i}.yaml"
        else:
            cells = ["import boto3\nsm = boto3.client('sagemaker')\n", ATEXIT.format(i=i)]
            if i % 500 == 99:
                cells.append(SDK_CALLING.format(i=i, name="nb"))
            text, path = notebook(*cells), folder / f"explore{i}.ipynb"
            code = "\n".join(cells) if i % 500 == 99 else None
        path.write_text(text)
        out.append((path, code))
    return out


def make_python(root: Path, n: int) -> int:
    """Write ``n`` .py files with the noise above; return how many hold a request call."""
    calls = 0
    for i in range(n):
        folder = root / f"pkg{i % 100}"
        folder.mkdir(exist_ok=True)
        text, is_call = python_text(i)
        (folder / f"mod{i}.py").write_text(text)
        calls += is_call
    return calls


def ratios(rows: list[tuple[float, float]]) -> str:
    r = [a / b for a, b in rows]
    return f"{statistics.median(r):.2f}x (spread {min(r):.2f}..{max(r):.2f})"


def bench_mixed(root: Path, n: int, rounds: int) -> None:
    import libcst

    from mplint.api import RunResult, lint_paths

    files = make_mixed(root, n)

    def floor() -> None:
        for dirpath, _, names in os.walk(root):
            for name in names:
                with open(os.path.join(dirpath, name), "rb") as fh:
                    fh.read()
        for _, code in files:
            if code is not None:
                libcst.parse_module(code)

    def mplint(jobs: int | None = None) -> RunResult:
        return lint_paths([str(root)], jobs=jobs)

    run = mplint(1)  # warm: imports, the rule pack
    summary = run.summary()
    parsed = sum(1 for _, code in files if code is not None)
    rows = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        mplint()
        t1 = time.perf_counter()
        mplint(1)
        t2 = time.perf_counter()
        floor()
        rows.append((t1 - t0, t2 - t1, time.perf_counter() - t2))
    print(
        f"(a) mixed repository: {n} files, {summary['requests']} requests found in "
        f"{summary['files']} files, {len(run.diagnostics)} findings; the floor parses {parsed} files"
    )
    print(
        f"    lint_paths {statistics.median(r[0] for r in rows) * 1e3:.0f} ms (every core), "
        f"{statistics.median(r[1] for r in rows) * 1e3:.0f} ms (jobs=1); "
        f"floor {statistics.median(r[2] for r in rows) * 1e3:.0f} ms"
    )
    print(
        f"    ratio {ratios([(a, c) for a, _, c in rows])} every core, {ratios([(b, c) for _, b, c in rows])} "
        f"jobs=1 (target <= 2x)"
    )


FLOOR = """import os, sys
import libcst
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(folder, name), "rb") as fh:
            data = fh.read()
        if b"create_model_package(" in data or b"model.register(" in data:
            libcst.parse_module(data)
"""


# The same floor on every core: the files are dealt out to one process per core (forked
# before libcst is imported, so each imports it, as mplint's processes do).
FLOOR_EVERY_CORE = """import os, sys
files = sorted(os.path.join(d, n) for d, _, names in os.walk(sys.argv[1]) for n in names)
n = len(os.sched_getaffinity(0))
k = 0
for k in range(1, n):
    if os.fork() == 0:
        break
else:
    k = 0
import libcst
for path in files[k::n]:
    with open(path, "rb") as fh:
        data = fh.read()
    if b"create_model_package(" in data or b"model.register(" in data:
        libcst.parse_module(data)
if k:
    os._exit(0)
for _ in range(1, n):
    os.wait()
"""


def timed_process(cmd: list[str]) -> tuple[float, float, float]:
    """Run ``cmd`` from a small wrapper; return (seconds, CPU seconds of the process and its
    children, peak RSS in MiB of the largest of them)."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t0 = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "took = time.perf_counter() - t0\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(took, use.ru_utime + use.ru_stime, use.ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True).stdout
    took, cpu, peak = out.split()
    return float(took), float(cpu), int(peak) / 1024


def bench_python_tree(root: Path, n: int, rounds: int, use_ruff: bool) -> None:
    calls = make_python(root, n)
    ruff = shutil.which("ruff", path=os.path.dirname(sys.executable)) or shutil.which("ruff")
    base = [sys.executable, "-m", "mplint", "check", "--no-cache", "--format", "json", str(root)]
    serial = [*base[:4], "--jobs", "1", *base[4:]]
    ruff_cmd = [ruff, "check", "--no-cache", "--exit-zero", "--quiet", str(root)] if ruff and use_ruff else None
    # The floor of any linter whose values come from libcst, in one process: start Python,
    # import libcst, read every file, parse the files with a request call.
    floor = [sys.executable, "-c", FLOOR, str(root)]
    floor_every_core = [sys.executable, "-c", FLOOR_EVERY_CORE, str(root)]
    rows = []
    for _ in range(rounds):
        rows.append(
            (
                timed_process(base),
                timed_process(serial),
                timed_process(ruff_cmd) if ruff_cmd else (float("nan"),) * 3,
                timed_process(floor),
                timed_process(floor_every_core),
            )
        )
    med = statistics.median
    print(f"(b) {n} .py files, {calls} with request calls, {os.cpu_count()} cores")
    labels = (
        ("mplint check", 0),
        ("mplint check --jobs 1", 1),
        ("ruff check --no-cache", 2),
        ("libcst floor", 3),
        ("libcst floor, every core", 4),
    )
    for label, k in labels:
        if k == 2 and not ruff_cmd:
            print("    ruff not run (install the dev extra)")
            continue
        print(
            f"    {label}: {med(r[k][0] for r in rows):.2f} s, CPU {med(r[k][1] for r in rows):.2f} s, "
            f"peak RSS {med(r[k][2] for r in rows):.0f} MiB"
        )
    print(
        f"    mplint / libcst floor: {ratios([(r[0][0], r[3][0]) for r in rows])}; "
        f"mplint / libcst floor on every core: {ratios([(r[0][0], r[4][0]) for r in rows])}"
    )
    if ruff_cmd:
        print(
            f"    mplint / ruff: {ratios([(r[0][0], r[2][0]) for r in rows])}; "
            f"--jobs 1 / ruff: {ratios([(r[1][0], r[2][0]) for r in rows])} (target < 1x); "
            f"CPU time mplint / ruff {ratios([(r[0][1], r[2][1]) for r in rows])}; "
            f"libcst floor / ruff {ratios([(r[3][0], r[2][0]) for r in rows])}, "
            f"on every core {ratios([(r[4][0], r[2][0]) for r in rows])}"
        )


def bench_findings(root: Path, n: int, rounds: int) -> None:
    """Peak memory of ``mplint check`` on ``n`` request files that all have findings (what a
    report needs is kept for each of them)."""
    for i in range(n):
        (root / f"request{i}.json").write_text(REQUEST_JSON)
    rows = [
        timed_process([sys.executable, "-m", "mplint", "check", "--no-cache", "--format", fmt, str(root)])
        for _ in range(rounds)
        for fmt in ("json", "text")
    ]
    print(
        f"(d) {n} request files, each with findings: mplint check {statistics.median(r[0] for r in rows):.2f} s, "
        f"peak RSS {statistics.median(r[2] for r in rows):.0f} MiB (max {max(r[2] for r in rows):.0f} MiB; "
        "json and text output)"
    )


def bench_threshold(root: Path, rounds: int) -> None:
    """Time mixed trees of growing size as one ``mplint check`` process, with the pool forced
    on and with ``--jobs 1``, to place ``mplint.engine.pool.MIN_FILES``
    where the pool starts to pay."""
    from mplint.engine import pool

    print(f"(c) when the pool pays ({pool.cores()} cores; mplint.engine.pool.MIN_FILES is {pool.MIN_FILES})")
    forced = (
        "import sys\nfrom mplint.engine import pool\npool.MIN_FILES = 1\n"
        "from mplint.cli import main\nsys.argv[0] = 'mplint'\nmain()\n"
    )
    for n in (100, 300, 1000, 3000):
        tree = root / f"t{n}"
        tree.mkdir()
        make_mixed(tree, n)
        args = ["check", "--no-cache", "--format", "json", str(tree)]
        rows = []
        for _ in range(rounds):
            pooled = timed_process([sys.executable, "-c", forced, *args])[0]
            alone = timed_process([sys.executable, "-m", "mplint", *args[:1], "--jobs", "1", *args[1:]])[0]
            rows.append((pooled, alone))
        print(
            f"    {n:5} files: pool {statistics.median(a for a, _ in rows) * 1e3:.0f} ms, one process "
            f"{statistics.median(b for _, b in rows) * 1e3:.0f} ms; pool / one {ratios(rows)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--mixed-files", type=int, default=5000)
    parser.add_argument("--py-files", type=int, default=10000)
    parser.add_argument("--no-ruff", action="store_true")
    parser.add_argument("--only", choices=("mixed", "tree", "findings", "threshold"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        mixed, tree = Path(tmp, "mixed"), Path(tmp, "tree")
        mixed.mkdir()
        tree.mkdir()
        if args.only in (None, "mixed"):
            bench_mixed(mixed, args.mixed_files, args.rounds)
        if args.only in (None, "tree"):
            bench_python_tree(tree, args.py_files, args.rounds, not args.no_ruff)
        if args.only in (None, "findings"):
            findings = Path(tmp, "findings")
            findings.mkdir()
            bench_findings(findings, args.py_files, max(1, args.rounds // 2))
        if args.only == "threshold":
            bench_threshold(Path(tmp), args.rounds)


if __name__ == "__main__":
    main()
