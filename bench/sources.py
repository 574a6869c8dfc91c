"""Benchmark the request sources against their floors, in one run, interleaved, with medians.

    python bench/sources.py [--rounds 5] [--py-files 2000] [--templates 200] [--no-cfn-lint]

(a) A repository-like tree of .py files, about 1% of which call ``create_model_package``:
    mplint per file without a call against just reading the file (target <= 2x), and per file
    with a call against ``libcst.parse_module`` of it (target <= 1.5x).
(b) Generated CloudFormation templates (valid and broken, some with several resources):
    mplint in-process and as one ``mplint check`` process against one ``cfn-lint`` process on
    the same files (target: mplint >= 30x faster). cfn-lint is installed into its own venv under
    bench/out/ on first use.

Ratios are taken per round, so machine noise hits both sides alike; the spread is min..max.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
OUT = HERE / "out"

ORDINARY = '''"""Module {i}: helpers for the {name} pipeline."""

import json
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class Record{i}:
    key: str
    value: float
    tags: tuple[str, ...] = ()

    def to_json(self) -> str:
        return json.dumps({{"key": self.key, "value": self.value, "tags": list(self.tags)}})


def load_{i}(path: str) -> list[Record{i}]:
    out = []
    with open(path) as fh:
        for line in fh:
            data = json.loads(line)
            out.append(Record{i}(data["key"], float(data["value"]), tuple(data.get("tags", ()))))
    log.info("loaded %d records from %s", len(out), path)
    return out


def summarise_{i}(records: list[Record{i}]) -> dict[str, float]:
    total = sum(r.value for r in records)
    return {{"count": len(records), "total": total, "mean": total / max(len(records), 1)}}
'''

CALLING = '''"""Register model {i} in the {name} group."""

import boto3

sm = boto3.client("sagemaker")
IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/{name}:{i}"
SPEC = {{
    "Containers": [{{"Image": IMAGE, "ModelDataUrl": "s3://models/{name}/{i}/model.tar.gz"}}],
    "SupportedContentTypes": ["text/csv"],
    "SupportedResponseMIMETypes": ["text/csv"],
    "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large"],
    "SupportedTransformInstanceTypes": ["ml.m5.xlarg"],
}}


def register(version: str) -> str:
    response = sm.create_model_package(
        ModelPackageGroupName="{name}",
        ModelPackageDescription=f"{name} model {{version}}",
        InferenceSpecification=SPEC,
        ModelApprovalStatus="PendingManualApproval",
    )
    return response["ModelPackageArn"]
'''

RESOURCE = """  {lid}:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: !Ref GroupName
      ModelPackageDescription: !Sub "${{AWS::StackName}} model {k}"
      ModelApprovalStatus: {status}
      InferenceSpecification:
        Containers:
          - Image: !Sub "${{AWS::AccountId}}.dkr.ecr.${{AWS::Region}}.amazonaws.com/m:{k}"
            ModelDataUrl: s3://models/m/{k}/model.tar.gz
            Environment: {{SAGEMAKER_PROGRAM: inference.py}}
        SupportedContentTypes: [text/csv]
        SupportedResponseMIMETypes: [text/csv]
        SupportedRealtimeInferenceInstanceTypes: [{instance}]
        SupportedTransformInstanceTypes: [ml.m5.xlarge]
"""


def make_tree(root: Path, n: int) -> tuple[list[Path], list[Path]]:
    """Write ``n`` .py files, 1% of them calling create_model_package; return (plain, calling)."""
    plain, calling = [], []
    for i in range(n):
        folder = root / f"pkg{i % 40}"
        folder.mkdir(exist_ok=True)
        path = folder / f"mod{i}.py"
        is_call = i % 100 == 7
        path.write_text((CALLING if is_call else ORDINARY).format(i=i, name=f"team{i % 13}"))
        (calling if is_call else plain).append(path)
    return plain, calling


def make_templates(root: Path, n: int) -> list[Path]:
    """Write ``n`` templates: a third broken, a quarter with three resources."""
    rng = random.Random(7)
    out = []
    for t in range(n):
        resources = []
        for k in range(3 if t % 4 == 0 else 1):
            broken = t % 3 == 0
            resources.append(
                RESOURCE.format(
                    lid=f"Pkg{k}",
                    k=k,
                    status="Aproved" if broken else "PendingManualApproval",
                    instance=rng.choice(["ml.m5.larg", "ml.t2.medium"] if broken else ["ml.m5.large", "ml.c5.xlarge"]),
                )
            )
        text = (
            'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  GroupName: {Type: String}\n'
            "Resources:\n" + "".join(resources)
        )
        path = root / f"stack{t}.yaml"
        path.write_text(text)
        out.append(path)
    return out


def per_file(fn, files) -> float:
    t0 = time.perf_counter()
    for f in files:
        fn(f)
    return (time.perf_counter() - t0) / len(files)


def ratios(rows: list[tuple[float, float]]) -> str:
    r = [a / b for a, b in rows]
    return f"{statistics.median(r):.2f}x (spread {min(r):.2f}..{max(r):.2f})"


def bench_python(root: Path, n: int, rounds: int) -> None:
    import libcst

    from mplint.api import lint_text
    from mplint.engine.config import Config

    config = Config()
    plain, calling = make_tree(root, n)

    def read(p: Path) -> bytes:
        with open(p, "rb") as fh:
            return fh.read()

    def lint(p: Path) -> object:
        return lint_text(read(p), str(p), config=config, explicit=False)

    def parse(p: Path) -> object:
        return libcst.parse_module(read(p).decode("utf-8"))

    checked = sum(1 for p in calling if lint(p).requests)
    plain_rows, call_rows = [], []
    for _ in range(rounds):
        plain_rows.append((per_file(lint, plain), per_file(read, plain)))
        call_rows.append((per_file(lint, calling), per_file(parse, calling)))
    print(f"(a) {len(plain)} .py files without a call, {len(calling)} with one ({checked} gave a request)")
    if not checked:
        print("    note: no Python source is registered yet, so calling files are only detected")
    print(
        f"    without a call: mplint {statistics.median(a for a, _ in plain_rows) * 1e6:.1f} us/file, "
        f"read {statistics.median(b for _, b in plain_rows) * 1e6:.1f} us/file; "
        f"ratio {ratios(plain_rows)} (target <= 2x)"
    )
    print(
        f"    with a call:    mplint {statistics.median(a for a, _ in call_rows) * 1e3:.2f} ms/file, "
        f"libcst.parse_module {statistics.median(b for _, b in call_rows) * 1e3:.2f} ms/file; "
        f"ratio {ratios(call_rows)} (target <= 1.5x)"
    )


def cfn_lint() -> Path | None:
    """Return the cfn-lint executable of bench/out/cfn-lint-venv, installing it on first use."""
    venv = OUT / "cfn-lint-venv"
    exe = venv / "bin" / "cfn-lint"
    if exe.exists():
        return exe
    OUT.mkdir(exist_ok=True)
    print("installing cfn-lint into", venv.relative_to(HERE.parent), "...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "cfn-lint"])
    return exe if done.returncode == 0 and exe.exists() else None


def timed_process(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def bench_templates(root: Path, n: int, rounds: int, use_cfn_lint: bool) -> None:
    from mplint.api import lint_text
    from mplint.engine.config import Config

    config = Config()
    files = make_templates(root, n)
    texts = [(f.read_bytes(), str(f)) for f in files]
    found = sum(len(lint_text(t, name, config=config).diagnostics) for t, name in texts)
    exe = cfn_lint() if use_cfn_lint else None
    mplint_cmd = [sys.executable, "-m", "mplint", "check", "--no-cache", "--format", "json", str(root)]
    cfn_cmd = [str(exe), *map(str, files)] if exe else None
    rows = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for text, name in texts:
            lint_text(text, name, config=config)
        inproc = time.perf_counter() - t0
        whole = timed_process(mplint_cmd)
        other = timed_process(cfn_cmd) if cfn_cmd else float("nan")
        rows.append((inproc, whole, other))
    med = [statistics.median(col) for col in zip(*rows)]
    print(f"(b) {n} templates, {found} findings from mplint")
    print(
        f"    mplint in-process {med[0] * 1e3:.1f} ms ({med[0] / n * 1e3:.2f} ms/template), "
        f"whole process {med[1] * 1e3:.0f} ms"
    )
    if not cfn_cmd:
        print("    cfn-lint not run")
        return
    print(f"    cfn-lint whole process {med[2]:.2f} s")
    print(
        f"    cfn-lint / mplint in-process: {ratios([(c, a) for a, _, c in rows])}; "
        f"cfn-lint / mplint process: {ratios([(c, b) for _, b, c in rows])} (target >= 30x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--py-files", type=int, default=2000)
    parser.add_argument("--templates", type=int, default=200)
    parser.add_argument("--no-cfn-lint", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree, templates = Path(tmp, "repo"), Path(tmp, "templates")
        tree.mkdir()
        templates.mkdir()
        bench_python(tree, args.py_files, args.rounds)
        bench_templates(templates, args.templates, args.rounds, not args.no_cfn_lint)


if __name__ == "__main__":
    main()
