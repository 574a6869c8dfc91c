"""Find the files to check under the paths given on the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterator

from mplint.config import Config

SUFFIXES = frozenset({".json", ".yaml", ".yml", ".template", ".py", ".ipynb"})
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "env", "cdk.out.bak"})


@dataclass
class Walk:
    """The files found, and notes about what was skipped (unreadable, links out of the tree)."""

    files: list[tuple[str, bool]] = field(default_factory=list)  # (path, named explicitly)
    notes: list[str] = field(default_factory=list)


def _is_venv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def _inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def walk(paths: list[str], config_for: object = None) -> Walk:
    """Expand files and directories into candidate files, in a stable order.

    ``config_for(path) -> Config`` supplies the ``exclude`` and ``include`` globs per location.
    Hidden directories, ``node_modules`` and virtualenvs are skipped; symbolic links that leave
    the directory being walked, loops and dangling links are skipped with a note.
    """
    out = Walk()
    seen: dict[str, int] = {}  # absolute path -> index in out.files: each file is linted once

    def add(path: str, named: bool) -> None:
        key = os.path.abspath(path)
        at = seen.get(key)
        if at is None:
            seen[key] = len(out.files)
            out.files.append((path, named))
        elif named and not out.files[at][1]:
            out.files[at] = (path, True)  # named on the command line too: it counts as named

    for given in paths:
        if os.path.isdir(given):
            for path, forced in _walk_dir(given, out.notes, config_for):
                add(path, forced)
        elif _regular(given, out.notes):
            add(given, True)
    return out


def _regular(path: str, notes: list[str]) -> bool:
    """Tell whether ``path`` is a regular file (or cannot be looked at: reading it will say
    why); a FIFO, socket or device would block or never end, so it is skipped with a note."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True
    if stat.S_ISREG(mode):
        return True
    what = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    notes.append(f"{path}: skipped: {what}, not a regular file")
    return False


def _walk_dir(top: str, notes: list[str], config_for: object) -> Iterator[tuple[str, bool]]:
    root = os.path.realpath(top)

    def onerror(err: OSError) -> None:
        notes.append(f"{err.filename}: skipped: {err.strerror}")

    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror, followlinks=False):
        config: Config | None = config_for(dirpath) if callable(config_for) else None
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if d.startswith(".") or d in SKIP_DIRS or _is_venv(full):
                continue
            if os.path.islink(full):
                notes.append(f"{full}: skipped: symbolic link to a directory")
                continue
            if config is not None and config.exclude and config.matches(config.exclude, full):
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            forced = bool(config and config.include and config.matches(config.include, full))
            if not forced and os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            if config is not None and config.exclude and config.matches(config.exclude, full):
                continue
            if os.path.islink(full):
                if not os.path.exists(full):
                    notes.append(f"{full}: skipped: dangling symbolic link")
                    continue
                if not _inside(full, root):
                    notes.append(f"{full}: skipped: symbolic link out of {top}")
                    continue
            if not _regular(full, notes):
                continue
            yield full, forced
