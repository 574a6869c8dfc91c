"""Benchmark one Python file with request calls against libcst parsing the same file.

    python bench/python_files.py [--rounds 7] [--no-process] [--no-sdk]

Cases (targets from the issue tracker: in process <= 1.0x ``libcst.parse_module`` of the whole
file; as a process <= 1.3x ``python -c "import libcst; libcst.parse_module(...)"``):

- a 2,000-line module with one ``create_model_package`` call among ordinary code;
- a real-world-shaped module: a training-and-registration script of about 1,000 lines with 13
  calls (boto3 with dicts built by ``update`` and ``**``, SDK ``register``, a ``RegisterModel``
  pipeline step, helpers in a class) amid its data loading and evaluation code;
- the same 13 calls alone (a registration script that is all request code: nearly every line
  is kept, so this is the worst case for the locator);
- a 50-cell notebook (markdown, set-up, data preparation, three registrations); its floor is
  libcst parsing the notebook's code cells joined;
- the SageMaker Python SDK's ``session.py`` (417 KB; fetched with ``pip download`` into
  bench/out/ on first use; ``--no-sdk`` skips it);
- a 100,000-line module with one call.

Ratios are taken per round (mplint / floor on the same file, one after the other), so machine
noise hits both sides alike; each line gives the median and the spread (min..max).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
OUT = HERE / "out"

from sources import CALLING, ORDINARY  # noqa: E402  (the repository-tree templates)

REAL_WORLD = '''"""Register the churn models of every team, and a pipeline that registers the next one."""

import json
import logging
import os

import boto3
import sagemaker
from sagemaker.workflow.parameters import ParameterString
from sagemaker.workflow.step_collections import RegisterModel

log = logging.getLogger(__name__)
sm = boto3.client("sagemaker")
session = sagemaker.Session()
REGION = os.environ.get("AWS_REGION", "us-east-1")
ACCOUNT = "111122223333"
IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/churn:1.4"
BUCKET = "s3://acme-models"

BASE_SPEC = {
    "Containers": [{"Image": IMAGE, "ModelDataUrl": BUCKET + "/churn/model.tar.gz"}],
    "SupportedContentTypes": ["text/csv"],
    "SupportedResponseMIMETypes": ["text/csv"],
}
REALTIME = ["ml.m5.large", "ml.m5.xlarge", "ml.c5.xlarge"]
TRANSFORM = ["ml.m5.xlarge", "ml.m5.xlarg"]
TAGS = [{"Key": "team", "Value": "growth"}, {"Key": "cost-centre", "Value": "ml"}]


def load_metrics(path: str) -> dict:
    with open(path) as fh:
        data = json.load(fh)
    log.info("metrics from %s: %s", path, sorted(data))
    return {"ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": data["uri"]}}}


def describe(arn: str) -> dict:
    response = sm.describe_model_package(ModelPackageName=arn)
    return {key: response[key] for key in ("ModelPackageArn", "ModelApprovalStatus")}


def spec_for(team: str) -> dict:
    spec = dict(BASE_SPEC)
    spec["SupportedRealtimeInferenceInstanceTypes"] = REALTIME
    spec["SupportedTransformInstanceTypes"] = TRANSFORM
    log.debug("spec for %s", team)
    return spec


def register_group(team: str) -> str:
    sm.create_model_package_group(ModelPackageGroupName=f"{team}-churn")
    return f"{team}-churn"


def register_growth() -> dict:
    spec = dict(BASE_SPEC)
    spec.update(SupportedRealtimeInferenceInstanceTypes=REALTIME, SupportedTransformInstanceTypes=TRANSFORM)
    return sm.create_model_package(
        ModelPackageGroupName="growth-churn",
        ModelPackageDescription="Churn model of the growth team",
        InferenceSpecification=spec,
        ModelApprovalStatus="PendingManualApproval",
        Tags=TAGS,
    )


def register_retention() -> dict:
    request = {
        "ModelPackageGroupName": "retention_churn",
        "InferenceSpecification": {**BASE_SPEC, "SupportedRealtimeInferenceInstanceTypes": REALTIME},
        "ModelApprovalStatus": "PendingManualApproval",
    }
    request["CustomerMetadataProperties"] = {"owner": "retention"}
    return sm.create_model_package(**request)


def register_payments() -> dict:
    return sm.create_model_package(
        ModelPackageGroupName="payments-churn",
        InferenceSpecification={
            "Containers": [{"Image": IMAGE, "ModelDataUrl": BUCKET + "/payments/model.tar.gz"}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
            "SupportedRealtimeInferenceInstanceTypes": ["ml.t2.medium"],
            "SupportedTransformInstanceTypes": ["ml.t2.medium"],
        },
        ModelApprovalStatus="Aproved",
    )


def register_unversioned(name: str) -> dict:
    return sm.create_model_package(
        ModelPackageName=name,
        ModelPackageDescription="Unversioned churn model",
        InferenceSpecification=spec_for("marketplace"),
        CertifyForMarketplace=True,
    )


def register_validated() -> dict:
    validation = {
        "ValidationRole": f"arn:aws:iam::{ACCOUNT}:role/validation",
        "ValidationProfiles": [
            {
                "ProfileName": "batch",
                "TransformJobDefinition": {
                    "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": BUCKET + "/val/"}}},
                    "TransformOutput": {"S3OutputPath": BUCKET + "/val-out/"},
                    "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1},
                },
            }
        ],
    }
    return sm.create_model_package(
        ModelPackageName="churn-validated",
        InferenceSpecification={**BASE_SPEC, "SupportedTransformInstanceTypes": ["ml.m5.xlarge"]},
        ValidationSpecification=validation,
    )


def register_with_metrics(metrics_path: str) -> dict:
    return sm.create_model_package(
        ModelPackageGroupName="growth-churn",
        InferenceSpecification=spec_for("growth"),
        ModelMetrics=load_metrics(metrics_path),
        ModelApprovalStatus="PendingManualApproval",
    )


def register_from_algorithm() -> dict:
    return sm.create_model_package(
        ModelPackageName="churn-from-algorithm",
        SourceAlgorithmSpecification={
            "SourceAlgorithms": [{"AlgorithmName": "xgboost-churn", "ModelDataUrl": BUCKET + "/algo/model.tar.gz"}]
        },
        InferenceSpecification=BASE_SPEC,
    )


class Registrar:
    """Registers versions of one group, with the team's defaults."""

    def __init__(self, group: str, client=None) -> None:
        self.group = group
        self.client = client or sm

    def defaults(self) -> dict:
        return {"ModelPackageGroupName": self.group, "Tags": TAGS}

    def register(self, model_data: str) -> dict:
        return self.client.create_model_package(
            ModelPackageGroupName=self.group,
            InferenceSpecification={
                "Containers": [{"Image": IMAGE, "ModelDataUrl": model_data}],
                "SupportedContentTypes": ["text/csv"],
                "SupportedResponseMIMETypes": ["text/csv"],
            },
            ModelApprovalStatus="PendingManualApproval",
        )

    def register_with_defaults(self, spec: dict) -> dict:
        return self.client.create_model_package(**self.defaults(), InferenceSpecification=spec)

    def register_latest(self) -> dict:
        return self.client.create_model_package(
            ModelPackageGroupName=self.group,
            InferenceSpecification={
                "Containers": [{"Image": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/churn:latest"}],
                "SupportedContentTypes": ["text/csv"],
                "SupportedResponseMIMETypes": ["text/csv"],
            },
        )


def register_with_sdk(model) -> None:
    model.register(
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.large"],
        transform_instances=["ml.m5.xlarge"],
        model_package_group_name="growth-churn",
        approval_status="PendingManualApproval",
    )
    model.register(
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.larg"],
        transform_instances=["ml.m5.xlarge"],
        model_package_group_name="growth-churn",
        approval_status="Approve",
    )


def pipeline_step(estimator, model_metrics):
    approval = ParameterString(name="ModelApprovalStatus", default_value="PendingManualApproval")
    return RegisterModel(
        name="RegisterChurn",
        estimator=estimator,
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.large"],
        transform_instances=["ml.m5.xlarge"],
        model_package_group_name="growth-churn",
        approval_status=approval,
        model_metrics=model_metrics,
    )


def main() -> None:
    for team in ("growth", "retention", "payments"):
        register_group(team)
    results = [register_growth(), register_retention(), register_payments()]
    results.append(register_unversioned("churn-marketplace"))
    results.append(register_validated())
    for result in results:
        log.info("registered %s", describe(result["ModelPackageArn"]))


if __name__ == "__main__":
    main()
'''

NOTEBOOK_CELLS = [
    ("markdown", "# Churn model: train, evaluate, register\n\nThis notebook trains the churn model."),
    ("code", "%pip install -q sagemaker\nimport json\nimport boto3\nimport sagemaker\nimport pandas as pd"),
    ("code", "session = sagemaker.Session()\nsm = boto3.client('sagemaker')\nbucket = session.default_bucket()"),
    ("markdown", "## Data"),
    ("code", "df = pd.read_csv('churn.csv')\ndf.head()"),
    ("code", "df = df.dropna()\nfeatures = [c for c in df.columns if c != 'churn']\nlen(features)"),
]
for _i in range(37):
    NOTEBOOK_CELLS.append(
        (
            "code",
            (
                f"# step {_i}: feature engineering\n"
                f"df['f{_i}'] = df[features[{_i} % len(features)]].rank(pct=True)\n"
                f"summary_{_i} = {{'mean': float(df['f{_i}'].mean()), 'std': float(df['f{_i}'].std())}}\n"
                f"print(json.dumps(summary_{_i}))"
            ),
        )
    )
NOTEBOOK_CELLS += [
    ("markdown", "## Register"),
    (
        "code",
        "image = '111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1.4'\n"
        "spec = {'Containers': [{'Image': image, 'ModelDataUrl': f's3://{bucket}/churn/model.tar.gz'}],\n"
        "        'SupportedContentTypes': ['text/csv'], 'SupportedResponseMIMETypes': ['text/csv']}",
    ),
    (
        "code",
        "spec['SupportedRealtimeInferenceInstanceTypes'] = ['ml.m5.large']\n"
        "spec['SupportedTransformInstanceTypes'] = ['ml.m5.xlarg']",
    ),
    (
        "code",
        "sm.create_model_package(ModelPackageGroupName='churn', InferenceSpecification=spec,\n"
        "                        ModelApprovalStatus='PendingManualApproval')",
    ),
    ("code", "sm.create_model_package(ModelPackageName='churn_v2', InferenceSpecification=spec)"),
    (
        "code",
        "model.register(content_types=['text/csv'], response_types=['text/csv'],\n"
        "               inference_instances=['ml.m5.large'], transform_instances=['ml.m5.xlarge'],\n"
        "               model_package_group_name='churn', approval_status='PendingManualApproval')",
    ),
    ("markdown", "Done."),
]


def notebook_text() -> tuple[str, str]:
    """Return (notebook JSON, its code cells joined) for the 50-cell notebook."""
    cells: list[dict[str, object]] = []
    for kind, source in NOTEBOOK_CELLS:
        cell: dict[str, object] = {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    nb = {
        "cells": cells,
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    assert len(cells) == 50, len(cells)
    from mplint.sources.notebook import python_code

    code = "".join(python_code(source) + "\n" for kind, source in NOTEBOOK_CELLS if kind == "code")
    return json.dumps(nb, indent=1), code


def module_of(lines: int) -> str:
    """Return a module of about ``lines`` lines: ordinary code, and one call in the middle."""
    parts, count, i = [], 0, 0
    while count < lines:
        part = ORDINARY.format(i=i, name="x")
        if i == 3:
            part += CALLING.format(i=i, name="team")
        parts.append(part)
        count += part.count("\n")
        i += 1
    return "".join(parts)


def sdk_session() -> str | None:
    """Return the SageMaker Python SDK's session.py, fetched into bench/out/ on first use."""
    target = OUT / "sagemaker-session.py"
    if target.exists():
        return target.read_text(encoding="utf-8")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        got = subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp, "sagemaker==2.257.7"],
            capture_output=True,
        )
        wheels = list(Path(tmp).glob("sagemaker-*.whl"))
        if got.returncode != 0 or not wheels:
            return None
        with zipfile.ZipFile(wheels[0]) as zf:
            target.write_bytes(zf.read("sagemaker/session.py"))
    return target.read_text(encoding="utf-8")


def ratio_line(rows: list[tuple[float, float]]) -> str:
    r = [a / b for a, b in rows]
    return f"{statistics.median(r):.2f}x (spread {min(r):.2f}..{max(r):.2f})"


def bench_case(label: str, name: str, text: str, floor_text: str, rounds: int, process: bool, tmp: Path) -> None:
    import libcst

    from mplint.api import lint_text
    from mplint.engine.config import Config

    config = Config()
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    floor_path = tmp / (name + ".floor.py")
    floor_path.write_text(floor_text, encoding="utf-8")
    result = lint_text(text, name, config=config)
    data = text.encode("utf-8")
    rows, procs = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        lint_text(data, name, config=config)
        t1 = time.perf_counter()
        libcst.parse_module(floor_text)
        t2 = time.perf_counter()
        rows.append((t1 - t0, t2 - t1))
        if process:
            procs.append(
                (
                    timed([sys.executable, "-m", "mplint", "check", "-q", "--no-cache", str(path)]),
                    timed(
                        [sys.executable, "-c", f"import libcst; libcst.parse_module(open({str(floor_path)!r}).read())"]
                    ),
                )
            )
    lines = text.count("\n") if not name.endswith(".ipynb") else floor_text.count("\n")
    print(f"{label}: {lines} lines, {result.requests} requests, {len(result.diagnostics)} findings")
    print(
        f"    in process: mplint {statistics.median(a for a, _ in rows) * 1e3:.1f} ms, "
        f"libcst.parse_module {statistics.median(b for _, b in rows) * 1e3:.1f} ms; "
        f"ratio {ratio_line(rows)} (target <= 1.0x)"
    )
    if procs:
        print(
            f"    as a process: mplint {statistics.median(a for a, _ in procs) * 1e3:.0f} ms, "
            f"python -c 'import libcst; parse' {statistics.median(b for _, b in procs) * 1e3:.0f} ms; "
            f"ratio {ratio_line(procs)} (target <= 1.3x)"
        )


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process comparison")
    parser.add_argument("--no-sdk", action="store_true", help="skip the SDK's session.py")
    parser.add_argument("--no-huge", action="store_true", help="skip the 100,000-line module")
    args = parser.parse_args()
    process = not args.no_process
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big = module_of(2000)
        bench_case("2,000-line module, 1 call", "big.py", big, big, args.rounds, process, tmp)
        shaped = "".join(ORDINARY.format(i=i, name="churn") for i in range(24)) + REAL_WORLD.split('"""', 2)[2]
        shaped = REAL_WORLD.split("\n\n", 1)[0] + "\n" + shaped
        bench_case(
            "real-world-shaped module, 13 calls", "train_and_register.py", shaped, shaped, args.rounds, process, tmp
        )
        bench_case(
            "registration script, 13 calls and little else",
            "register_all.py",
            REAL_WORLD,
            REAL_WORLD,
            args.rounds,
            process,
            tmp,
        )
        nb, code = notebook_text()
        bench_case("50-cell notebook", "churn.ipynb", nb, code, args.rounds, process, tmp)
        session = None if args.no_sdk else sdk_session()
        if session is not None:
            bench_case("SageMaker SDK session.py", "session.py", session, session, args.rounds, process, tmp)
        elif not args.no_sdk:
            print("SageMaker SDK session.py: could not be fetched; skipped")
        if not args.no_huge:
            huge = module_of(100_000)
            bench_case("100,000-line module, 1 call", "huge.py", huge, huge, max(3, args.rounds // 2), False, tmp)


if __name__ == "__main__":
    main()
