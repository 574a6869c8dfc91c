"""Random CreateModelPackage documents built from the schema, rendered and mutated, from a seed."""

from __future__ import annotations

import json
import random
from typing import Any

import yaml

from mplint.schema import Shape, load

# Values that look like what the members hold, so generated requests reach the deeper rules.
_STRINGS = (
    "churn-model", "team-churn", "arn:aws:sagemaker:us-east-1:111122223333:model-package-group/churn",
    "s3://bucket/model.tar.gz", "s3://bucket/prefix/", "111122223333.dkr.ecr.us-east-1.amazonaws.com/img:1",
    "111122223333.dkr.ecr.us-east-1.amazonaws.com/img@sha256:" + "ab" * 32, "text/csv",
    "application/json", "ml.m5.xlarge", "ml.t2.medium", "alias/ml", "arn:aws:kms:us-east-1:111122223333:key/1",
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", " ", "a" * 70, "1.10", "on",
    "0755", "yes", "~", "null", "é", "\u2028", "\t", "x\ny", "${VAR}", "{{resolve:ssm:p}}", "-", "a-",
)  # fmt: skip
_KEYS = ("PASSWORD", "DB_PASSWORD", "SAGEMAKER_PROGRAM", "team", "cost-center", "a b", "", "K" * 40)
# Pieces a mutation inserts: structure characters, YAML indicators, odd characters.
_TOKENS = (
    "{", "}", "[", "]", ":", ",", '"', "'", "\n", "\r", "\r\n", "\t", " ", "  ", "- ", "? ", "#",
    "&a ", "*a", "<<: ", "<<: *a", "!!str ", "!!int ", "!!binary ", "!Ref ", "!GetAtt ", "!Sub ", "%YAML 1.1\n",
    "---\n", "...\n", "|", ">", "\\", "\\u", "\\ud800", "\\uDC00", "\u2028", "\u2029", "\u0085", "\ufeff",
    "\x00", "\x1b", "NaN", "Infinity", "-0", "1e999", "9" * 30, "true", "null", "\U0001F600", "é", "\ud800",
)  # fmt: skip


class Generator:
    """Build plain documents that follow (or deliberately break) the schema."""

    def __init__(self, rng: random.Random, break_rate: float = 0.05, max_depth: int = 5) -> None:
        self.rng = rng
        self.schema = load()
        self.break_rate = break_rate
        self.max_depth = max_depth

    def document(self) -> dict[str, Any]:
        """Return a request document (a dict) with a random subset of members."""
        value = self.value(self.schema.root, 0)
        return value if isinstance(value, dict) else {"ModelPackageName": "m"}

    def value(self, shape: Shape, depth: int) -> Any:
        """Return a value for a shape; now and then one of the wrong type."""
        rng = self.rng
        if depth > 1 and rng.random() < self.break_rate:
            return rng.choice([None, 1, 2.5, True, "x", [], {}, [1, "a"], {"K": 1}])
        kind = shape.type
        if kind == "structure":
            return self._structure(shape, depth)
        if kind == "list":
            n = rng.choice((0, 1, 1, 2))
            return [self.value(self.schema.shape(shape.member), depth + 1) for _ in range(n)] if shape.member else []
        if kind == "map":
            out = {}
            for _ in range(rng.choice((0, 1, 2))):
                out[rng.choice(_KEYS)] = self.value(self.schema.shape(shape.value), depth + 1) if shape.value else "v"
            return out
        if kind == "string":
            if shape.enum and rng.random() < 0.8:
                return rng.choice(shape.enum)
            return rng.choice(_STRINGS)
        if kind == "boolean":
            return rng.random() < 0.5
        if kind in ("integer", "long"):
            return rng.choice((0, 1, 5, -1, 10**6, 2**40))
        if kind in ("float", "double"):
            return rng.choice((0.0, 0.5, 1.0, -2.5))
        return "x"

    def _structure(self, shape: Shape, depth: int) -> dict[str, Any]:
        rng = self.rng
        out: dict[str, Any] = {}
        if depth >= self.max_depth:
            return out
        share = 0.25 if depth == 0 else 0.3
        for name, member in shape.members.items():
            if (name in shape.required and rng.random() < 0.9) or rng.random() < share:
                out[name] = self.value(self.schema.shape(member), depth + 1)
        if rng.random() < self.break_rate:
            out[rng.choice(("Unknown", "modelPackageName", "Tag"))] = "x"
        return out


def render(doc: Any, fmt: str, rng: random.Random) -> str:
    """Render a document as JSON, YAML (block or flow) or a CloudFormation template."""
    if fmt == "json":
        return json.dumps(doc, indent=rng.choice((None, 1, 2)), ensure_ascii=rng.random() < 0.5)
    if fmt == "cloudformation":
        template = {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {"Pkg": {"Type": "AWS::SageMaker::ModelPackage", "Properties": doc}},
        }
        if rng.random() < 0.3:
            return json.dumps(template, indent=1)
        return yaml.safe_dump(template, sort_keys=False, allow_unicode=True)
    flow = rng.random() < 0.2
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=rng.random() < 0.5, default_flow_style=flow)


def mutate(text: str, rng: random.Random) -> bytes:
    """Apply a few random edits: deletions, duplications, insertions, truncation, byte flips."""
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        n = len(text)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.choice((1, 1, 2, 5, 20)))
        op = rng.random()
        if op < 0.3:
            text = text[:i] + text[j:]
        elif op < 0.5:
            text = text[:j] + text[i:j] + text[j:]
        elif op < 0.9:
            text = text[:i] + rng.choice(_TOKENS) + text[i:]
        else:
            text = text[:i]
    data = text.encode("utf-8", "surrogatepass")
    if data and rng.random() < 0.05:
        k = rng.randrange(len(data))
        data = data[:k] + bytes([rng.randrange(256)]) + data[k + 1 :]
    if rng.random() < 0.02:
        data = text.encode("utf-16", "surrogatepass")
    return data


SUFFIX = {
    "json": "x.json",
    "yaml": "x.yaml",
    "cloudformation": "template.yaml",
    "python": "x.py",
    "notebook": "x.ipynb",
}


def python_call(doc: dict[str, Any], rng: random.Random) -> str:
    """Render a document as a boto3 call site: keyword arguments, sometimes via variables."""
    args = []
    for name, value in doc.items():
        if rng.random() < 0.1:
            args.append(f"{name}=value_from_env()")
        else:
            args.append(f"{name}={value!r}")
    pre = "import boto3\nsm = boto3.client('sagemaker')\n"
    return pre + "sm.create_model_package(\n" + "".join(f"    {arg},\n" for arg in args) + ")\n"


def notebook(source: str, rng: random.Random) -> str:
    """Wrap Python source in a one- or two-cell notebook."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Register"}] if rng.random() < 0.5 else []
    cells.append(
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": source.splitlines(keepends=True),
        }
    )
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


class Sampler:
    """Inputs for one source: base documents rendered once, then mutated afresh for each input."""

    def __init__(self, source: str, rng: random.Random, bases: int = 64) -> None:
        self.source, self.rng = source, rng
        # Python sources cost a libcst parse per input: smaller documents keep the rate up.
        self.gen = Generator(rng, max_depth=3 if source in ("python", "notebook") else 5)
        self.bases = [self._text() for _ in range(bases)]

    def _text(self) -> str:
        doc, rng = self.gen.document(), self.rng
        if self.source == "python":
            return python_call(doc, rng)
        if self.source == "notebook":
            return notebook(python_call(doc, rng), rng)
        return render(doc, self.source, rng)

    def next(self) -> bytes:
        """Return one input: a base, or a base mutated by a few random edits."""
        rng = self.rng
        if rng.random() < 0.05:
            self.bases[rng.randrange(len(self.bases))] = self._text()
        text = rng.choice(self.bases)
        if rng.random() < 0.1:
            return text.encode("utf-8", "surrogatepass")
        return mutate(text, rng)
