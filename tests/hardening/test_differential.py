"""Differential test: wherever botocore's ParamValidator finds a problem, mplint finds one at the same path.

botocore (the dev extra pins it) validates required members, types, unknown members and minimum
lengths, sizes and values; mplint's schema rules (MP1xx) cover the same ground and more.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from typing import Any

import pytest

from fuzz.generate import Generator
from mplint import paths
from mplint.api import lint_text
from mplint.engine.config import Config

botocore = pytest.importorskip("botocore.session")

DOCUMENTS = 300
SCHEMA_RULES = Config(select=("MP1",))
_KEY = re.compile(r"^(.*) \(key: (.*)\)$", re.S)
# Map keys generated here hold no "." or "[": botocore's dotted names split cleanly.
_SEGMENT = re.compile(r"\.([^.\[]*)|\[(\d+)\]")


def _shape() -> Any:
    from botocore.session import get_session

    return get_session().get_service_model("sagemaker").operation_model("CreateModelPackage").input_shape


def _path(name: str) -> str:
    """Turn botocore's ``.A.B[0]`` / ``.Map (key: k)`` into mplint's member path."""
    m = _KEY.match(name)
    if m:
        return paths.member(_path(m.group(1)), m.group(2))
    out = ""
    for member, index in _SEGMENT.findall(name):
        out = paths.index(out, int(index)) if index else paths.member(out, member)
    return out


def botocore_paths(doc: dict[str, Any], shape: Any) -> list[tuple[str, str]]:
    """Return (error type, mplint path) for each problem botocore reports."""
    from botocore.validate import ParamValidator

    out = []
    for kind, name, details in ParamValidator().validate(doc, shape)._errors:
        path = _path(name)
        if kind == "unknown field":
            path = paths.member(path, details["unknown_param"])
        out.append((kind, path))
    return out


def test_mplint_reports_wherever_botocore_does() -> None:
    shape = _shape()
    rng = random.Random(20261127)
    gen = Generator(rng, break_rate=0.08)
    kinds: Counter[str] = Counter()
    missed = []
    for _ in range(DOCUMENTS):
        doc = gen.document()
        expected = botocore_paths(doc, shape)
        result = lint_text(json.dumps(doc), "x.json", config=SCHEMA_RULES, forced=True)
        found = {d.path for d in result.diagnostics}
        for kind, path in expected:
            kinds[kind] += 1
            if path not in found:
                missed.append((kind, path, sorted(found)))
    assert sum(kinds.values()) > 200  # the generated documents do break the rules
    assert missed == []
