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
from mplint.diagnostics import Diagnostic, Severity
from mplint.result import DOCS_URI, RuleDoc, RunResult, help_uri

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = DOCS_URI
# Where a rule's page is read: `mplint explain CODE` prints the same text. Anchored by code.
HELP_URI = DOCS_URI
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
    # bytes: a name that is not UTF-8 (surrogate escapes) is percent-encoded byte for byte
    return quote(posix.encode("utf-8", "surrogateescape"), safe="/"), True


def fingerprint(d: Diagnostic, detail: str = "") -> str:
    """Return a hash of file, rule, member path and request: stable when lines move.

    ``detail`` tells apart findings that share all four (two MP103 on one empty object): see
    :func:`fingerprints`.
    """
    key = "\x1f".join((PurePath(d.file).as_posix(), d.code, d.path, d.request))
    if detail:
        key += "\x1f" + detail
    # surrogatepass: a file name that is not UTF-8 reaches here with surrogate escapes.
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
    """Return one fingerprint per diagnostic, unique within the list.

    A finding alone in its file, rule, path and request gets the plain hash; findings that share
    them hash their message in too (so each keeps its own fingerprint when another is fixed), and
    findings identical in that as well hash their rank among themselves.
    """
    groups: dict[str, int] = {}
    for d in diagnostics:
        base = fingerprint(d)
        groups[base] = groups.get(base, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for d in diagnostics:
        base = fingerprint(d)
        if groups[base] == 1:
            out.append(base)
            continue
        detailed = fingerprint(d, d.message)
        n = seen.get(detailed, 0)
        seen[detailed] = n + 1
        out.append(detailed if n == 0 else fingerprint(d, f"{d.message}\x1f{n}"))
    return out


def _first_paragraph(doc: str) -> str:
    return doc.strip().split("\n\n", 1)[0].replace("\n", " ")


def rule_descriptor(rule: RuleDoc) -> dict[str, Any]:
    """Return the SARIF reportingDescriptor of a rule."""
    doc = rule.help or rule.summary or rule.name
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": _first_paragraph(doc), "markdown": _first_paragraph(doc)},
        "help": {"text": doc, "markdown": doc},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.default_enabled},
        "properties": {"origin": rule.origin},
    }


def _bare_descriptor(d: Diagnostic) -> dict[str, Any]:
    """Describe a rule the default config does not know (from a rules-dir or plugin)."""
    return {
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": d.name},
        "help": {"text": f"{d.code} {d.name}: see `mplint explain {d.code}`."},
        "helpUri": help_uri(d.code),
        "defaultConfiguration": {"level": LEVELS[d.severity]},
    }


def result(d: Diagnostic, index: int, print_: str | None = None) -> dict[str, Any]:
    """Return the SARIF result of one diagnostic; ``index`` is its rule's place in the driver,
    ``print_`` its fingerprint (unique in the run; see :func:`fingerprints`)."""
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
        "partialFingerprints": {FINGERPRINT_KEY: print_ or fingerprint(d)},
    }
    if d.path:
        out["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": d.path, "kind": "member"}]
    props: dict[str, Any] = {"path": d.path, "request": d.request}
    if d.cell is not None:
        props["cell"] = d.cell
    out["properties"] = props
    return out


def log(run: RunResult, rules: list[RuleDoc] | None = None) -> dict[str, Any]:
    """Return the SARIF log object of a run (one run, every rule of the run in the driver).

    The rules are the run's own (its configurations' built-ins, rule files and plugins; a run
    of no file describes the default configuration's rules); a finding of a rule the run does
    not describe gets a bare descriptor.
    """
    if rules is None:
        rules = run.rules
    descriptors = [rule_descriptor(r) for r in rules]
    index = {desc["id"]: i for i, desc in enumerate(descriptors)}
    results = []
    diagnostics = run.diagnostics
    for d, print_ in zip(diagnostics, fingerprints(diagnostics)):
        if d.code not in index:
            index[d.code] = len(descriptors)
            descriptors.append(_bare_descriptor(d))
        results.append(result(d, index[d.code], print_))
    driver = {
        "name": "mplint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": descriptors,
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [{"executionSuccessful": not run.internal_error}],
                # mplint counts columns in characters (code points), not UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(run: RunResult, color: bool = False) -> str:
    """Return the SARIF document as strict JSON."""
    return json.dumps(log(run), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
