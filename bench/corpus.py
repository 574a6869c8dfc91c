"""A seeded generator of realistic CreateModelPackage requests, valid and broken.

Every member of the schema is exercised across a corpus: each document includes each optional
member with some probability, and values are drawn from realistic samples that satisfy the
model's patterns. Members drawn independently of each other make requests no one would send
(an algorithm and a container image, artifacts given twice, a description of
``CLASSIFICATION``), so a valid document is then cleaned: whatever mplint, with every rule on,
reports in it is removed, and a document that cannot be cleaned that way is drawn again. A
broken document is a valid one with one to three planted defects (a misspelt key, a wrong
type, a bad enum value, an empty required list, a name that breaks its pattern).

``dense=True`` skips the cleaning: every document then holds everything drawn, and the
"valid" half averages over a dozen findings from cross-member rules, a worst case for speed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

SHAPES = json.loads((Path(__file__).resolve().parents[1] / "mplint" / "schema" / "shapes.json").read_text())
S = SHAPES["shapes"]

SAMPLES: dict[str, list[str]] = {
    "EntityName": ["churn-model", "fraud-detector-v2", "profile-1", "Development", "InProgress"],
    "ArnOrName": ["churn-models", "arn:aws:sagemaker:us-east-2:111122223333:model-package-group/churn"],
    "EntityDescription": ["Gradient-boosted churn classifier", "Détecteur d'objets — v2 ✓"],
    "ContainerImage": ["111122223333.dkr.ecr.us-east-2.amazonaws.com/churn:1.4"],
    "ImageDigest": ["sha256:" + "0f1e2d3c" * 8],
    "ContentDigest": ["sha256:" + "a1b2c3d4" * 8],
    "Url": ["s3://acme-models/churn/model.tar.gz"],
    "S3Uri": ["s3://acme-models/validation/input/"],
    "S3ModelUri": ["s3://acme-models/churn/"],
    "RoleArn": ["arn:aws:iam::111122223333:role/SageMakerValidation"],
    "KmsKeyId": ["alias/ml", "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    "ContainerHostname": ["churn-container"],
    "ProductId": ["prod-abc123"],
    "ModelPackageFrameworkVersion": ["1.7-1", "2.13"],
    "EnvironmentKey": ["SAGEMAKER_PROGRAM", "MODEL_SERVER_WORKERS"],
    "TransformEnvironmentKey": ["BATCH_SIZE"],
    "ClientToken": ["3f9c2b1e-7d4a-4c1e-9a2b-5e6f7a8b9c0d"],
    "HubContentVersion": ["1.0.0"],
    "HubContentName": ["llama-3-8b"],
    "AdditionalModelChannelName": ["draft-model"],
    "TransformAmiVersion": ["al2-ami-sagemaker-batch-gpu-535"],
    "ResponseMIMEType": ["application/json", "text/csv"],
    "ContentType": ["text/csv", "application/json", "image/jpeg"],
    "TagKey": ["team", "cost-center"],
    "TagValue": ["growth", "4711"],
    "CustomerMetadataKey": ["team", "owner"],
    "CustomerMetadataValue": ["growth", "ml-platform"],
    "ModelPackageSourceUri": ["arn:aws:sagemaker:us-east-2:111122223333:model/churn"],
    "ModelCardContent": ['{"model_overview": {"model_creator": "ml-platform"}}'],
}


# Members whose shape is a plain string but whose documented values are few.
MEMBER_SAMPLES: dict[str, list[str]] = {
    "Domain": ["MACHINE_LEARNING", "COMPUTER_VISION", "NATURAL_LANGUAGE_PROCESSING"],
    "Task": ["CLASSIFICATION", "REGRESSION", "TEXT_GENERATION"],
    "SamplePayloadUrl": ["s3://acme-models/churn/sample-payload.tar.gz"],
}


def _string(rng: random.Random, name: str, shape: dict[str, Any]) -> str:
    if "enum" in shape:
        return rng.choice(shape["enum"])
    if name in SAMPLES:
        return rng.choice(SAMPLES[name])
    return rng.choice(["inference.py", "value-1", "XGBOOST", "CLASSIFICATION"])


def value(rng: random.Random, name: str, depth: int = 0, p: float = 0.6) -> Any:
    """Return a valid value of shape ``name``."""
    shape = S[name]
    t = shape["type"]
    if t == "structure":
        req = set(shape.get("required", ()))
        return {
            m: rng.choice(MEMBER_SAMPLES[m]) if m in MEMBER_SAMPLES else value(rng, ms, depth + 1, p)
            for m, ms in shape["members"].items()
            if m in req or rng.random() < p
        }
    if t == "list":
        lo, hi = max(shape.get("min", 0), 1), min(shape.get("max", 3), 3)
        return [value(rng, shape["member"], depth + 1, p) for _ in range(rng.randint(lo, max(lo, hi)))]
    if t == "map":
        n = rng.randint(1, 3)
        keys = SAMPLES.get(shape["key"], ["KEY_A", "KEY_B", "KEY_C"])
        return {
            (k if i == 0 else f"{k}_{i}").replace("-", "_")
            if shape["key"] != "CustomerMetadataKey"
            else f"{k}{i}": value(rng, shape["value"], depth + 1, p)
            for i, k in enumerate(keys[:1] * n)
        }
    if t == "string":
        return _string(rng, name, shape)
    if t == "integer":
        return rng.randint(max(shape.get("min", 0), 1), 4)
    if t == "boolean":
        return rng.random() < 0.5
    raise ValueError(t)


def _break(rng: random.Random, doc: dict[str, Any]) -> None:
    """Plant one defect somewhere in the document."""
    paths: list[tuple[Any, Any]] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for k in list(node):
                paths.append((node, k))
                collect(node[k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                paths.append((node, i))
                collect(v)

    collect(doc)
    parent, key = rng.choice(paths)
    kind = rng.choice(["typo", "type", "enum", "empty", "pattern", "refused"])
    containers = doc.get("InferenceSpecification", {}).get("Containers")
    if kind == "refused" and containers:
        # A member the model has but the service refuses in a model package.
        containers[0]["AdditionalS3DataSource"] = value(rng, "AdditionalS3DataSource", p=1.0)
    elif kind == "typo" and isinstance(parent, dict):
        parent[key[:-1] + key[-1].upper() + "x"] = parent.pop(key)
    elif kind == "type":
        parent[key] = 42 if isinstance(parent[key], str) else "oops"
    elif kind == "empty" and isinstance(parent[key], list):
        parent[key] = []
    elif kind == "enum" and isinstance(parent[key], str):
        parent[key] = parent[key].lower() + "x"
    else:
        doc["ModelPackageName"] = "bad_name with spaces"


def corpus(n: int, seed: int = 7, broken_ratio: float = 0.5, dense: bool = False) -> list[dict[str, Any]]:
    """Return ``n`` request documents (a seeded mix of valid and broken)."""
    rng = random.Random(seed)
    docs = []
    while len(docs) < n:
        doc = value(rng, SHAPES["root"])
        doc.pop("ModelPackageGroupName" if rng.random() < 0.5 else "ModelPackageName", None)
        if not dense and not _clean(doc):
            continue
        if rng.random() < broken_ratio:
            for _ in range(rng.randint(1, 3)):
                _break(rng, doc)
        docs.append(doc)
    return docs


def _clean(doc: dict[str, Any], rounds: int = 8) -> bool:
    """Remove what mplint reports in ``doc``; False when a finding is about the whole request."""
    from mplint.api import lint_text
    from mplint.engine.config import Config
    from mplint.paths import parse

    config = Config()
    for _ in range(rounds):
        found = lint_text(json.dumps(doc).encode(), "request.json", config=config, forced=True).diagnostics
        if not found:
            return True
        targets = set()
        for d in found:
            if not d.path:
                return False
            targets.add(parse(d.path))
        # Deepest first, and later items before earlier ones, so each removal leaves the
        # remaining paths valid.
        for path in sorted(targets, key=lambda p: (len(p), p[-1] if isinstance(p[-1], int) else -1), reverse=True):
            parent: Any = doc
            for part in path[:-1]:
                parent = parent[part] if isinstance(parent, list) or part in parent else None
                if parent is None:
                    break
            last = path[-1]
            if isinstance(parent, dict):
                parent.pop(last, None)
            elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
                parent.pop(last)
    return False


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(corpus(1)[0], indent=2))
