"""A seeded generator of realistic CreateModelPackage requests, valid and broken.

Every member of the schema is exercised across a corpus: each document includes each optional
member with some probability, values are drawn from realistic samples that satisfy the model's
patterns, and a broken document carries one to three planted defects (a misspelt key, a wrong
type, a bad enum value, an empty required list, a name that breaks its pattern).
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
        return {m: value(rng, ms, depth + 1, p) for m, ms in shape["members"].items()
                if m in req or rng.random() < p}
    if t == "list":
        lo, hi = max(shape.get("min", 0), 1), min(shape.get("max", 3), 3)
        return [value(rng, shape["member"], depth + 1, p) for _ in range(rng.randint(lo, max(lo, hi)))]
    if t == "map":
        n = rng.randint(1, 3)
        keys = SAMPLES.get(shape["key"], ["KEY_A", "KEY_B", "KEY_C"])
        return {(k if i == 0 else f"{k}_{i}").replace("-", "_") if shape["key"] != "CustomerMetadataKey" else f"{k}{i}": value(rng, shape["value"], depth + 1, p)
                for i, k in enumerate(keys[:1] * n)}
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
    kind = rng.choice(["typo", "type", "enum", "empty", "pattern"])
    if kind == "typo" and isinstance(parent, dict):
        parent[key[:-1] + key[-1].upper() + "x"] = parent.pop(key)
    elif kind == "type":
        parent[key] = 42 if isinstance(parent[key], str) else "oops"
    elif kind == "empty" and isinstance(parent[key], list):
        parent[key] = []
    elif kind == "enum" and isinstance(parent[key], str):
        parent[key] = parent[key].lower() + "x"
    else:
        doc["ModelPackageName"] = "bad_name with spaces"


def corpus(n: int, seed: int = 7, broken_ratio: float = 0.5) -> list[dict[str, Any]]:
    """Return ``n`` request documents (a seeded mix of valid and broken)."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        doc = value(rng, SHAPES["root"])
        doc.pop("ModelPackageGroupName" if rng.random() < 0.5 else "ModelPackageName", None)
        if rng.random() < broken_ratio:
            for _ in range(rng.randint(1, 3)):
                _break(rng, doc)
        docs.append(doc)
    return docs


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(corpus(1)[0], indent=2))
