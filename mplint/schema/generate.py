"""Generate the shipped schema data from botocore's SageMaker service model.

Run ``python -m mplint.schema.generate`` to rewrite ``shapes.json`` and ``docs.json`` beside this
module, or ``python -m mplint.schema.generate --check`` to exit 1 when they differ from a fresh
generation. botocore is a development dependency: the runtime never imports this module.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

OPERATION = "CreateModelPackage"
SHAPES_FILE = Path(__file__).with_name("shapes.json")
DOCS_FILE = Path(__file__).with_name("docs.json")
_METADATA = ("min", "max", "pattern", "enum", "sensitive")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_DOC_LIMIT = 400


def generate() -> tuple[str, str]:
    """Return the text of shapes.json and docs.json made from the installed botocore."""
    import botocore
    import botocore.session

    service = botocore.session.get_session().get_service_model("sagemaker")
    root = service.operation_model(OPERATION).input_shape
    raw = service._shape_resolver._shape_map  # the unresolved model, for member-level docs
    shapes: dict[str, dict[str, Any]] = {}
    docs: dict[str, str] = {}
    pending = [root]
    while pending:
        shape = pending.pop()
        if shape.name in shapes:
            continue
        shapes[shape.name] = _shape_entry(shape)
        _collect_docs(shape.name, raw[shape.name], docs)
        pending.extend(_children(shape))
    described = service.operation_model("DescribeModelPackage").output_shape
    data = {
        # Members a DescribeModelPackage response has and the request does not (output only).
        "output_only": sorted(set(described.members) - set(root.members)),
        "botocore_version": botocore.__version__,
        "api_version": service.api_version,
        "root": root.name,
        "shapes": shapes,
    }
    return _dump(data), _dump(docs)


def _children(shape: Any) -> list[Any]:
    """Return the shapes a shape refers to."""
    if shape.type_name == "structure":
        return list(shape.members.values())
    if shape.type_name == "list":
        return [shape.member]
    if shape.type_name == "map":
        return [shape.key, shape.value]
    return []


def _shape_entry(shape: Any) -> dict[str, Any]:
    """Return the JSON entry of one shape."""
    entry: dict[str, Any] = {"type": shape.type_name}
    if shape.type_name == "structure":
        entry["members"] = {name: m.name for name, m in shape.members.items()}
        entry["required"] = list(shape.required_members)
    elif shape.type_name == "list":
        entry["member"] = shape.member.name
    elif shape.type_name == "map":
        entry["key"] = shape.key.name
        entry["value"] = shape.value.name
    for name in _METADATA:
        if name in shape.metadata:
            entry[name] = shape.metadata[name]
    return entry


def _collect_docs(name: str, raw: dict[str, Any], docs: dict[str, str]) -> None:
    """Add the shape's own documentation and that of its members to ``docs``."""
    text = summarize(raw.get("documentation", ""))
    if text:
        docs[name] = text
    for member, ref in raw.get("members", {}).items():
        text = summarize(ref.get("documentation", ""))
        if text:
            docs[f"{name}.{member}"] = text


def summarize(doc: str) -> str:
    """Return the first sentence or two of an HTML documentation string, as plain text."""
    text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", doc))).strip()
    sentences = _SENTENCE_END.split(text)
    summary = " ".join(sentences[:2])
    if len(summary) > _DOC_LIMIT:
        summary = sentences[0]
    if len(summary) > _DOC_LIMIT:
        summary = summary[: _DOC_LIMIT - 1].rstrip() + "…"
    return summary


def _dump(data: object) -> str:
    """Serialise deterministically: sorted keys, one-space indent, trailing newline."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the schema data files; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m mplint.schema.generate")
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are stale")
    args = parser.parse_args(argv)
    shapes_text, docs_text = generate()
    files = ((SHAPES_FILE, shapes_text), (DOCS_FILE, docs_text))
    if args.check:
        stale = [p.name for p, text in files if not p.exists() or p.read_text("utf-8") != text]
        for name in stale:
            print(f"{name} is stale; run python -m mplint.schema.generate", file=sys.stderr)
        return 1 if stale else 0
    for path, text in files:
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
