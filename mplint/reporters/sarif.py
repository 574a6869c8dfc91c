"""``--format sarif``: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from mplint import __version__
from mplint.api import RunResult
from mplint.config import Config
from mplint.diagnostics import Diagnostic, Severity
from mplint.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/mplint/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Bump when the fingerprint's inputs change, so viewers do not match old alerts wrongly.
FINGERPRINT_KEY = "mplint/v1"


def artifact_uri(file: str) -> tuple[str, bool]:
    """Return the file as a URI reference and whether it is relative to the source root."""
    path = file
    if os.path.isabs(file):
        path = os.path.relpath(file)
        if path == ".." or path.startswith(".." + os.sep):
            return PurePath(file).as_uri(), False
    posix = posixpath.normpath(PurePath(path).as_posix())
    return quote(posix, safe="/"), True


def fingerprint(d: Diagnostic) -> str:
    """Return a hash of file, rule, member path and request: stable when lines move."""
    key = "\x1f".join((PurePath(d.file).as_posix(), d.code, d.path, d.request))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _first_paragraph(doc: str) -> str:
    return doc.strip().split("\n\n", 1)[0].replace("\n", " ")


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    """Return the SARIF reportingDescriptor of a rule class."""
    doc = rule.documentation()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _first_paragraph(doc), "markdown": _first_paragraph(doc)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.default_enabled},
        "properties": {"origin": rule.origin},
    }


def _bare_descriptor(d: Diagnostic) -> dict[str, Any]:
    """Describe a rule the default config does not know (from a rules-dir or plugin)."""
    return {
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": d.name},
        "defaultConfiguration": {"level": LEVELS[d.severity]},
    }


def result(d: Diagnostic, index: int) -> dict[str, Any]:
    """Return the SARIF result of one diagnostic; ``index`` is its rule's place in the driver."""
    # A notebook finding counts lines within its cell; SARIF addresses the file itself.
    s = d.file_span if d.file_span is not None else d.span
    uri, relative = artifact_uri(d.file)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    region = {"startLine": s.line, "startColumn": s.column, "endLine": s.end_line, "endColumn": s.end_column}
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(d)},
    }
    if d.path:
        out["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": d.path, "kind": "member"}]
    props: dict[str, Any] = {"path": d.path, "request": d.request}
    if d.cell is not None:
        props["cell"] = d.cell
    out["properties"] = props
    return out


def _known_rules() -> list[type[Rule]]:
    from mplint import registry

    return registry.rule_classes(Config())


def log(run: RunResult, rules: list[type[Rule]] | None = None) -> dict[str, Any]:
    """Return the SARIF log object of a run (one run, every known rule in the driver)."""
    descriptors = [rule_descriptor(r) for r in (_known_rules() if rules is None else rules)]
    index = {desc["id"]: i for i, desc in enumerate(descriptors)}
    results = []
    for d in run.diagnostics:
        if d.code not in index:
            index[d.code] = len(descriptors)
            descriptors.append(_bare_descriptor(d))
        results.append(result(d, index[d.code]))
    driver = {"name": "mplint", "version": __version__, "semanticVersion": __version__,
              "informationUri": INFORMATION_URI, "rules": descriptors}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [{"executionSuccessful": not run.internal_error}],
            # mplint counts columns in characters (code points), not UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(run: RunResult, color: bool = False) -> str:
    """Return the SARIF document as strict JSON."""
    return json.dumps(log(run), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
