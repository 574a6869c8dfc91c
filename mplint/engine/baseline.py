"""The baseline: today's findings recorded in a file, so a run reports only the new ones.

A finding is keyed by its file (relative to the baseline file's directory, POSIX style), its
request label (without the line number a call site's label carries), its rule code, its member
path and a short digest of the value at that path, never by its line: an edit above a finding
does not bring it back. Identical keys are counted (a multiset). The digest (made when the
finding is, see :func:`value_digest`) is the first 16 hex digits of the SHA-256 of the scalar
value as JSON; an object or array, an unknown value, and a value the secrets module calls
secret (or one that looks like a credential) get none, so a baseline never holds anything a
short secret could be guessed from.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any, NamedTuple

from mplint.diagnostics import Diagnostic
from mplint.errors import MplintError
from mplint.lazy_re import lazy
from mplint.model import Kind, Request
from mplint.result import RunResult

VERSION = 1
# Values that get no digest: a whole object or array changes with any member (an edit inside
# it must not bring back a finding about it), and an unknown value has no text of its own.
_NO_DIGEST = frozenset({Kind.OBJECT, Kind.ARRAY, Kind.UNKNOWN})
# A baseline over this size is refused rather than read (a finding's entry is ~200 bytes).
MAX_BYTES = 200_000_000
_CALL_LINE = lazy(r"(@(?:cell[0-9]+)?):?L[0-9]+\Z")


class BaselineError(MplintError):
    """The baseline file cannot be read or written (``file:line:col:`` when a column is known)."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None, column: int | None = None):
        super().__init__(message, file, line)
        self.column = column

    def __str__(self) -> str:
        if self.file and self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        return super().__str__()


class Key(NamedTuple):
    """What identifies a finding in a baseline."""

    file: str
    request: str
    code: str
    path: str
    value: str | None


def value_digest(request: Request, path: str) -> str | None:
    """Return the short digest of the scalar value at ``path`` in ``request``; None for an
    object or array, a value the linter cannot know, or one the secrets module calls secret."""
    if not path:
        return None
    try:
        nodes = request.select(path)
    except (ValueError, KeyError, IndexError):
        return None
    if len(nodes) != 1:
        return None
    node = nodes[0]
    if node.kind in _NO_DIGEST:
        return None
    from mplint import secrets

    if secrets.is_secret(node):
        return None
    text = json.dumps(request.plain(node), sort_keys=True, default=str, ensure_ascii=False)
    if secrets.secret_text(text) or secrets.mask_credentials(text) != text:
        return None
    import hashlib  # only for a file with findings: loading OpenSSL costs milliseconds at start-up

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def file_key(file: str, base: str) -> str:
    """Return ``file`` as the baseline names it: relative to ``base``, POSIX separators."""
    if file.startswith("<"):  # standard input
        return file
    from mplint.engine.config import posix_path

    try:
        rel = os.path.relpath(os.path.abspath(file), base)
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = os.path.abspath(file)
    return posix_path(rel)


def key_of(d: Diagnostic, base: str) -> Key:
    """Return the baseline key of a finding of ``result``."""
    request = _CALL_LINE.sub(r"\1", d.request)
    return Key(file_key(d.file, base), request, d.code, d.path, d.digest)


def base_of(path: str) -> str:
    """Return the directory a baseline file's names are relative to."""
    return os.path.dirname(os.path.abspath(path))


def keys(run: RunResult, base: str) -> dict[str, Counter[Key]]:
    """Return the keys of a run's findings, by file key."""
    out: dict[str, Counter[Key]] = {}
    for result in run.files:
        for d in result.diagnostics:
            k = key_of(d, base)
            out.setdefault(k.file, Counter())[k] += 1
    return out


def read(path: str) -> Counter[Key]:
    """Read a baseline file; a missing, odd or corrupt one is a :class:`BaselineError`."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise BaselineError(f"cannot read the baseline: {exc.strerror or exc}", path) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise BaselineError("cannot read the baseline: not a regular file", path)
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > MAX_BYTES:
            raise BaselineError(f"the baseline is {st.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit", path)
        data = fh.read(MAX_BYTES + 1)
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BaselineError(f"the baseline is not UTF-8 (byte {exc.start})", path) from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"the baseline is not valid JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    except RecursionError:
        raise BaselineError("the baseline is nested too deeply", path) from None
    return _entries(doc, path)


def _entries(doc: Any, path: str) -> Counter[Key]:
    if not isinstance(doc, dict) or "version" not in doc:
        raise BaselineError("not an mplint baseline (no 'version' field)", path, 1)
    if doc["version"] != VERSION:
        raise BaselineError(f"baseline version {doc['version']!r} is not supported (expected {VERSION})", path, 1)
    entries = doc.get("findings")
    if not isinstance(entries, list):
        raise BaselineError("the baseline's 'findings' must be a list", path, 1)
    out: Counter[Key] = Counter()
    for i, e in enumerate(entries):
        try:
            count = e.get("count", 1)
            fields = [e["file"], e["request"], e["code"], e["path"]]
            value = e.get("value")
            if not all(isinstance(f, str) for f in fields) or not (value is None or isinstance(value, str)):
                raise TypeError
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise TypeError
        except (AttributeError, KeyError, TypeError):
            raise BaselineError(
                f"finding {i + 1} of the baseline needs file, request, code, path (strings), "
                "value (a string or null) and count (a positive integer)",
                path,
            ) from None
        out[Key(fields[0], fields[1], fields[2], fields[3], value)] += count
    return out


def render(entries: Counter[Key]) -> str:
    """Return the text of a baseline file: sorted entries, one per line, stable."""
    rows = sorted(entries.items(), key=lambda kv: tuple("" if v is None else v for v in kv[0]))
    lines = [
        json.dumps(
            {"file": k.file, "request": k.request, "code": k.code, "path": k.path, "value": k.value, "count": n},
            ensure_ascii=False,
        )
        for k, n in rows
    ]
    body = ",\n    ".join(lines)
    return (
        f'{{\n  "version": {VERSION},\n  "findings": [\n    {body}\n  ]\n}}\n'
        if lines
        else (f'{{\n  "version": {VERSION},\n  "findings": []\n}}\n')
    )


class Applied(NamedTuple):
    """What applying a baseline did: findings hidden, and entries that match nothing any more."""

    hidden: int
    fixed: int


def apply(run: RunResult, path: str, recorded: Counter[Key]) -> Applied:
    """Drop from ``run`` the findings ``recorded`` holds (each entry hides as many as its count).

    Entries of files this run checked that match nothing are counted as fixed; entries of
    files it did not check are left alone.
    """
    base = base_of(path)
    left = Counter(recorded)
    hidden = 0
    checked: set[str] = set()
    for result in run.files:
        checked.add(file_key(result.file, base))
        kept = []
        for d in result.diagnostics:
            k = key_of(d, base)
            if left[k] > 0:
                left[k] -= 1
                hidden += 1
            else:
                kept.append(d)
        result.diagnostics = kept
    fixed = sum(n for k, n in left.items() if n > 0 and k.file in checked)
    return Applied(hidden, fixed)


def updated(run: RunResult, path: str, old: Counter[Key] | None) -> Counter[Key]:
    """Return the baseline to write: this run's findings, plus the old entries of files this
    run did not check that still exist (fixed entries of checked files are dropped)."""
    base = base_of(path)
    by_file = keys(run, base)
    out: Counter[Key] = Counter()
    for counter in by_file.values():
        out.update(counter)
    checked = {file_key(r.file, base) for r in run.files}
    for k, n in (old or Counter()).items():
        if k.file not in checked and os.path.exists(os.path.join(base, k.file)):
            out[k] += n
    return out


def write(path: str, entries: Counter[Key]) -> None:
    """Write a baseline file whole or not at all."""
    import tempfile

    target = os.path.realpath(path)
    if os.path.exists(target) and not os.path.isfile(target):
        raise BaselineError("cannot write the baseline: not a regular file", path)
    folder = os.path.dirname(target) or "."
    try:
        fd, temp = tempfile.mkstemp(prefix=".mplint-baseline-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise BaselineError(f"cannot write the baseline: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render(entries))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except OSError as exc:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise BaselineError(f"cannot write the baseline: {exc.strerror or exc}", path) from None


def fixed_line(fixed: int) -> str:
    """Return the summary line of entries that no longer match."""
    what = "1 finding in the baseline is" if fixed == 1 else f"{fixed} findings in the baseline are"
    return f"{what} fixed; run --write-baseline to drop them"
