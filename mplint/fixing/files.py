"""Fixing files on disk: read the bytes, fix the text, write it back atomically.

Only UTF-8 files (with or without a BOM) are fixed; the BOM is written back as it was. A file
is written through a temporary file in its own directory renamed over it, with the file's
mode kept. Symbolic links that lead outside the checked tree, FIFOs, devices and files that
cannot be written are refused with a message.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from typing import NamedTuple

from mplint.engine.config import Config
from mplint.engine.run import check_text
from mplint.fixing.rounds import Fixed, fix_text
from mplint.result import FileResult


class FileFix(NamedTuple):
    """What fixing one file gave: its old and new bytes, the count, the findings left, a note."""

    path: str
    before: bytes
    after: bytes
    fixed: int
    result: FileResult
    note: str | None
    hidden: frozenset[str] = frozenset()  # the secret values of the file, as written


def fix_bytes(data: bytes, path: str, config: Config, *, unsafe: bool, forced: bool = False) -> FileFix | None:
    """Fix a file's bytes; None when it is not a UTF-8 request file mplint reads."""
    from mplint import sources

    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    from mplint.engine.run import guess_name

    kind = sources.detect(guess_name(path, text), text, forced=forced)
    if kind is None:
        return None

    def lint(t: str) -> FileResult:
        return check_text(codecs.BOM_UTF8 + t.encode() if bom else t.encode(), path, config, forced, True)

    from mplint.fixing.diff import hidden_texts

    first = lint(text)
    done: Fixed = fix_text(text, kind, lint, unsafe=unsafe, first=first)
    hidden = frozenset(hidden_texts(text, first) | hidden_texts(done.text, done.result))
    after = done.text.encode()
    if bom:
        after = codecs.BOM_UTF8 + after
    if done.fixed == 0:
        after = data
    return FileFix(path, data, after, done.fixed, done.result, done.note, hidden)


def write_problem(path: str, roots: list[str]) -> str | None:
    """Return why ``path`` must not be written (None when it may be)."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"cannot write it: {exc.strerror or exc}"
    if stat.S_ISLNK(st.st_mode):
        target = os.path.realpath(path)
        if not any(_inside(target, root) for root in roots):
            return "it is a symbolic link to a file outside the checked tree; not written"
        try:
            st = os.stat(target)
        except OSError as exc:
            return f"cannot write it: {exc.strerror or exc}"
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file; not written"
    if not os.access(path, os.W_OK) or not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "the file is read-only; not written"
    return None


def _inside(target: str, root: str) -> bool:
    root = os.path.realpath(root)
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def write(path: str, before: bytes, after: bytes, roots: list[str]) -> str | None:
    """Write ``after`` over the file at ``path`` when it still holds ``before``; return a
    message when it is not written."""
    problem = write_problem(path, roots)
    if problem is not None:
        return problem
    real = os.path.realpath(path)
    try:
        with open(real, "rb") as fh:
            if fh.read() != before:
                return "the file changed while it was being fixed; not written"
        mode = stat.S_IMODE(os.stat(real).st_mode)
        fd, temp = tempfile.mkstemp(prefix=".mplint-fix-", suffix=".tmp", dir=os.path.dirname(real))
    except OSError as exc:
        return f"cannot write it: {exc.strerror or exc}"
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(after)
        os.chmod(temp, mode)
        os.replace(temp, real)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return f"cannot write it: {exc.strerror or exc}"
    return None


def fix_files(
    results: list[FileResult],
    config_for: Callable[[str], Config],
    *,
    unsafe: bool,
    write_files: bool,
    roots: list[str],
    stdin: bytes | None = None,
    stdin_name: str | None = None,
) -> tuple[list[FileFix], list[str]]:
    """Fix the files of a run whose findings carry a fix this run applies (``write_files``:
    write them back; else only work out what would change). Return the fixes and the notes."""
    from mplint.fixing.rounds import wanted

    fixes: list[FileFix] = []
    notes: list[str] = []
    for result in results:
        if not any(wanted(d, unsafe) for d in result.diagnostics):
            continue
        path = result.file
        is_stdin = stdin is not None and path == stdin_name
        if is_stdin:
            data = stdin or b""
            config = config_for(os.path.dirname(os.path.abspath(path)) if stdin_name != "<stdin>" else os.getcwd())
        else:
            config = config_for(path)
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError as exc:
                notes.append(f"{path}: not fixed: cannot read it: {exc.strerror or exc}")
                continue
        forced = bool(config.include and config.matches(config.include, path))
        done = fix_bytes(data, path, config, unsafe=unsafe, forced=forced)
        if done is None:
            notes.append(f"{path}: not fixed: only UTF-8 files are fixed")
            continue
        if done.note:
            notes.append(f"{path}: {done.note}")
        if write_files and done.fixed and not is_stdin:
            problem = write(path, data, done.after, roots)
            if problem is not None:
                notes.append(f"{path}: not fixed: {problem}")
                continue
        fixes.append(done)
    return fixes, notes
