"""Sources: pick the reader for a file, and turn its text into Requests and source findings."""

from __future__ import annotations

import re

from mplint.lazy_re import lazy
from mplint.sources.decoding import decode
from mplint.sources.loaded import MEMBERS_BY_FOLDED, TOP_LEVEL_MEMBERS, Loaded

# Words too common elsewhere to make a file a candidate on their own.
_GENERIC_MEMBERS = frozenset({"Domain", "Task", "Tags", "ClientToken"})
# The text test is plain substring search (C speed, no regex backtracking over large files);
# lower-cased as a second chance so a request written in camelCase is still checked.
_MEMBER_WORDS = tuple(sorted(TOP_LEVEL_MEMBERS - _GENERIC_MEMBERS))
_MEMBER_WORDS_LOWER = tuple(w.lower() for w in _MEMBER_WORDS)
_CFN_RESOURCE = "AWS::SageMaker::ModelPackage"
_RESOURCES = lazy(r"^[ \t]*[\"']?Resources[\"']?[ \t]*:", re.MULTILINE)
_AWS_TYPE = lazy(r"[\"']?Type[\"']?[ \t]*:[ \t]*[\"']?AWS::")
_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".template": "template"}

__all__ = ["MEMBERS_BY_FOLDED", "TOP_LEVEL_MEMBERS", "Loaded", "cell_text", "decode", "detect", "load", "rules_out"]


def detect(filename: str, text: str, *, forced: bool = False) -> str | None:
    """Return the source kind of a file, or None when it cannot hold a request."""
    suffix = _suffix(filename)
    if suffix == ".py":
        from mplint.sources.python import candidates as python_candidates

        return "python" if forced or python_candidates.could_hold_request(text) else None
    if suffix == ".ipynb":
        from mplint.sources.python import candidates as python_candidates

        return "notebook" if forced or python_candidates.could_hold_request(text, notebook=True) else None
    data_kind = _SUFFIXES.get(suffix)
    if data_kind is None:
        if not forced:
            return None
        data_kind = "template"
    if _is_template(text):
        return "cloudformation" if forced or _CFN_RESOURCE in text else None
    if not forced and not _names_member(text):
        return None
    if data_kind == "template":
        return "json" if text.lstrip(" \t\r\n\ufeff")[:1] in ("{", "[") else "yaml"
    return data_kind


# The words without which the text test of each kind says no, as bytes (see ``rules_out``).
# (InferenceSpecification: a file that cannot be decoded is reported when it names it.)
_PYTHON_WORDS = (b"register", b"create_model_package", b"RegisterModel", b"ModelPackage", b"InferenceSpecification")
_MEMBER_BYTES = tuple(w.encode() for w in _MEMBER_WORDS_LOWER)
_CFN_BYTES = _CFN_RESOURCE.encode()


def rules_out(filename: str, data: bytes) -> bool:
    """Tell from a file's bytes, before decoding them, that ``detect`` would say no (not forced).

    True only where the answer is certain: the text test looks for ASCII words, and in a file
    without NUL bytes (not UTF-16 or UTF-32 with ASCII in it) an ASCII word of the text is the
    same word in the bytes. Python with a coding cookie (which may name an encoding that is not
    ASCII-based), and JSON/YAML that is not ASCII (whose letter-case folding the text test does
    on characters), are left to the text test. Most files of a repository end here, without
    the cost of decoding them.
    """
    suffix = _suffix(filename)
    if suffix in (".py", ".ipynb"):
        if suffix == ".py" and b"coding" in data[:400]:
            return False
        if b"\x00" in data:
            return False
        for word in _PYTHON_WORDS:  # noqa: SIM110 - a loop: half the cost of any() over a generator
            if word in data:
                return False
        return True
    if suffix not in _SUFFIXES:
        return False  # named without a suffix mplint reads: guessed from the text
    if b"\x00" in data or not data.isascii():
        return False
    if _CFN_BYTES in data:
        return False
    lowered = data.lower()
    for word in _MEMBER_BYTES:  # noqa: SIM110 - as above
        if word in lowered:
            return False
    return True


def load(text: str, filename: str, kind: str) -> Loaded | None:
    """Read ``text`` with the source of ``kind``; None when that kind has no source yet."""
    if kind == "json":
        from mplint.sources import json_source

        return json_source.load(text, filename)
    if kind == "yaml":
        from mplint.sources import yaml_source

        return yaml_source.load(text, filename)
    if kind == "cloudformation":
        from mplint.sources import cloudformation

        return cloudformation.load(text, filename)
    if kind == "python":
        from mplint.sources.python import source as python_source

        return python_source.load(text, filename)
    if kind == "notebook":
        from mplint.sources import notebook

        return notebook.load(text, filename)
    return None


def cell_text(text: str, cell: int) -> str | None:
    """Return the source of a notebook's cell (1-based, all cells counted), or None."""
    from mplint.sources import notebook

    return notebook.cell_text(text, cell)


def _names_any(text: str, words: tuple[str, ...]) -> bool:
    """Tell whether any of ``words`` occurs in ``text`` (a substring test)."""
    return any(w in text for w in words)


def _names_member(text: str) -> bool:
    """Tell whether the text names a distinctive top-level member, in any letter case."""
    return _names_any(text, _MEMBER_WORDS) or _names_any(text.lower(), _MEMBER_WORDS_LOWER)


def _is_template(text: str) -> bool:
    """Tell cheaply whether a JSON/YAML text looks like a CloudFormation template."""
    if "AWSTemplateFormatVersion" in text:
        return True
    # Substring tests first: the regexes cost a scan per position, the tests a C scan.
    if "Resources" not in text or "AWS::" not in text:
        return False
    return bool(_RESOURCES.search(text) and _AWS_TYPE.search(text))


def _suffix(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""
