"""Find the files to check under the paths given on the command line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from mplint.engine.config import Config

SUFFIXES = frozenset({".json", ".yaml", ".yml", ".template", ".py", ".ipynb"})
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "env", "cdk.out.bak"})
NOT_A_SOURCE = "not a JSON, YAML, CloudFormation, Python or notebook file"


class Walk:
    """The files found, and notes about what was skipped (unreadable, links out of the tree).

    ``files`` holds ``(path, forced)``: ``forced`` when a config's ``include`` matches the file
    (it is then checked whatever its suffix or text). ``skipped`` holds ``(path, reason)`` for
    ``--show-files``: files and pruned directories (a directory's path ends with ``/``).
    """

    # A plain class: a dataclass costs a fraction of a millisecond to define at every start.
    def __init__(self) -> None:
        self.files: list[tuple[str, bool]] = []
        self.notes: list[str] = []
        self.skipped: list[tuple[str, str]] = []


def _is_venv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def _inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def has_source_suffix(path: str) -> bool:
    """Tell whether the file's suffix is one mplint reads (JSON, YAML, template, Python, notebook)."""
    return os.path.splitext(path)[1].lower() in SUFFIXES


def walk(paths: list[str], config_for: Callable[[str], Config] | None = None) -> Walk:
    """Expand files and directories into candidate files, in a stable order.

    ``config_for(path) -> Config`` supplies the ``exclude``/``include`` globs, whether .gitignore
    files are respected and whether ``exclude`` also applies to files named explicitly
    (``force-exclude``). Hidden directories, ``node_modules`` and virtualenvs are skipped; symbolic
    links that leave the directory being walked, loops and dangling links are skipped with a note.
    A file named explicitly is checked (subject to the text test) unless its suffix is not one
    mplint reads and no ``include`` matches it: then it is skipped with a note.
    """
    out = Walk()
    others: list[str] = []
    seen: dict[str, int] = {}  # absolute path -> index in out.files: each file is linted once

    def add(path: str, named: bool, key: str = "") -> None:
        key = key or os.path.abspath(path)
        at = seen.get(key)
        if at is None:
            seen[key] = len(out.files)
            out.files.append((path, named))
        elif named and not out.files[at][1]:
            out.files[at] = (path, True)  # forced where it is named: it counts as such

    for given in paths:
        if os.path.isdir(given):
            for path, forced, key in _walk_dir(given, out, config_for):
                add(path, forced, key)
            continue
        config = config_for(given) if config_for is not None else None
        forced = bool(config and config.include and config.matches(config.include, given))
        if config is not None and config.force_exclude and config.matches(config.excludes, given):
            out.skipped.append((given, "excluded by the configuration (--force-exclude)"))
            continue
        if not forced and not has_source_suffix(given):
            others.append(given)
            out.skipped.append((given, NOT_A_SOURCE))
            continue
        if not _regular(given, out):
            continue
        add(given, forced)
    if len(others) == 1:
        out.notes.append(f"{others[0]}: skipped: {NOT_A_SOURCE}")
    elif others:  # pre-commit names every text file: one line, not one per file
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        out.notes.append(f"skipped {len(others)} files: {NOT_A_SOURCE} ({shown})")
    return out


def _regular(path: str, out: Walk) -> bool:
    """Tell whether ``path`` is a regular file (or cannot be looked at: reading it will say
    why); a FIFO, socket or device would block or never end, so it is skipped with a note."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True
    if stat.S_ISREG(mode):
        return True
    what = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a special file"
    )
    out.notes.append(f"{path}: skipped: {what}, not a regular file")
    out.skipped.append((path, f"{what}, not a regular file"))
    return False


class _GitIgnores:
    """The .gitignore files (and .git/info/exclude) that govern a directory walk.

    As in git, a pattern in a deeper .gitignore overrides one higher up, and the last matching
    line of a file decides (``!`` re-includes). Files above the walked directory count up to the
    root of the git work tree that holds it.
    """

    def __init__(self, top: str, notes: list[str] | None = None) -> None:
        self.notes = notes
        self.by_dir: dict[str, list[tuple[str, Any]]] = {}
        top_abs = os.path.abspath(top)
        git_root = _git_root(top_abs)
        inherited: list[tuple[str, Any]] = []
        if git_root is not None:
            exclude = _read_spec(os.path.join(git_root, ".git", "info", "exclude"), notes)
            if exclude is not None:
                inherited.append((git_root, exclude))
            chain = []
            d = os.path.dirname(top_abs)
            while len(d) >= len(git_root):
                chain.append(d)
                if d == git_root:
                    break
                d = os.path.dirname(d)
            for d in reversed(chain):
                own = _read_spec(os.path.join(d, ".gitignore"), notes)
                if own is not None:
                    inherited.append((d, own))
            if top_abs != git_root and self.ignored(inherited, top_abs, True):
                inherited = []  # a directory named on the command line is checked even if ignored
        self.parent = inherited

    def specs_for(self, dirpath: str) -> list[tuple[str, Any]]:
        """Return the specs that govern the entries of ``dirpath`` (shallow first)."""
        key = os.path.abspath(dirpath)
        hit = self.by_dir.get(key)
        if hit is None:
            parent = self.by_dir.get(os.path.dirname(key), self.parent)
            own = _read_spec(os.path.join(key, ".gitignore"), self.notes)
            hit = self.by_dir[key] = [*parent, (key, own)] if own is not None else parent
        return hit

    @staticmethod
    def ignored(specs: list[tuple[str, Any]], full: str, is_dir: bool) -> bool:
        verdict = False
        absolute = os.path.abspath(full)
        for base, spec in specs:
            rel = os.path.relpath(absolute, base).replace(os.sep, "/")
            result = spec.check_file(rel + "/" if is_dir else rel)
            if result.include is not None:
                verdict = result.include
        return verdict


def _git_root(start: str) -> str | None:
    d = start
    while True:
        if os.path.exists(os.path.join(d, ".git")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


# A .gitignore longer than this is read up to here (matching costs a regular expression per line
# per file), with a note.
MAX_GITIGNORE_LINES = 5_000


def _read_spec(path: str, notes: list[str] | None = None) -> Any:
    """Read one .gitignore-style file. As git does, a line that is not a valid pattern is passed
    over; so is one too slow to match (see config.glob_problem), with a note."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except (OSError, ValueError):
        return None
    import pathspec

    from mplint.engine.config import glob_problem

    shown = os.path.relpath(path)
    shown = path if shown.startswith("..") else shown
    if len(lines) > MAX_GITIGNORE_LINES and notes is not None:
        notes.append(f"{shown}: only the first {MAX_GITIGNORE_LINES} lines are read")
    kept = []
    for number, line in enumerate(lines[:MAX_GITIGNORE_LINES], 1):
        body = line.strip()
        if not body or body.startswith("#"):
            continue
        problem = glob_problem(body.lstrip("!") or body)
        if problem is None:
            kept.append(line)
        elif notes is not None and "cannot be matched" in problem:
            notes.append(f"{shown}:{number}: pattern passed over: {problem}")
    return pathspec.GitIgnoreSpec.from_lines(kept)


def _scan(dirpath: str, onerror: Callable[[OSError], None]) -> tuple[list[os.DirEntry[str]], list[os.DirEntry[str]]]:
    """Return a directory's subdirectories and other entries, each sorted by name.

    ``os.scandir`` rather than ``os.walk``: its entries know their type from the directory
    listing itself, so telling a regular file or a link costs no system call per file (a tree
    of small files paid three: ``islink``, ``stat`` and the configuration's ``isdir``).
    As in ``os.walk``, a link to a directory counts as a directory.
    """
    try:
        with os.scandir(dirpath) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as err:
        onerror(err)
        return [], []
    dirs: list[os.DirEntry[str]] = []
    files: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (dirs if is_dir else files).append(entry)
    return dirs, files


def _walk_dir(top: str, out: Walk, config_for: Callable[[str], Config] | None) -> Iterator[tuple[str, bool, str]]:
    """Yield (path, forced, absolute path) for each file to check under ``top``."""
    root = os.path.realpath(top)
    notes, skipped = out.notes, out.skipped
    gitignores: _GitIgnores | None = None

    def onerror(err: OSError) -> None:
        notes.append(f"{err.filename}: skipped: {err.strerror}")

    pending = [top]  # directories still to walk, the next on top: depth first, in name order
    while pending:
        dirpath = pending.pop()
        absolute = os.path.abspath(dirpath)  # once per directory, not per file
        dirs, files = _scan(dirpath, onerror)
        config: Config | None = config_for(dirpath) if config_for is not None else None
        excludes = config.excludes if config is not None else ()
        specs: list[tuple[str, Any]] = []
        if config is None or config.respect_gitignore:
            gitignores = gitignores or _GitIgnores(top, notes)
            specs = gitignores.specs_for(dirpath)
        keep = []
        for entry in dirs:
            d = entry.name
            full = os.path.join(dirpath, d)
            if d.startswith(".") or d in SKIP_DIRS or _is_venv(full):
                skipped.append((full + "/", "hidden, dependency or virtualenv directory"))
                continue
            if entry.is_symlink():
                notes.append(f"{full}: skipped: symbolic link to a directory")
                skipped.append((full + "/", "symbolic link to a directory"))
                continue
            if excludes and config is not None and config.matches(excludes, full, is_dir=True):
                skipped.append((full + "/", "excluded by the configuration"))
                continue
            if specs and _GitIgnores.ignored(specs, full, True):
                skipped.append((full + "/", "ignored by .gitignore"))
                continue
            keep.append(full)
        pending.extend(reversed(keep))
        for entry in files:
            name = entry.name
            full = os.path.join(dirpath, name)
            forced = bool(config and config.include and config.matches(config.include, full))
            if not forced and os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            if excludes and config is not None and config.matches(excludes, full):
                skipped.append((full, "excluded by the configuration"))
                continue
            if specs and not forced and _GitIgnores.ignored(specs, full, False):
                skipped.append((full, "ignored by .gitignore"))
                continue
            try:
                regular = entry.is_file(follow_symlinks=False)
            except OSError:
                regular = False
            if regular:
                yield full, forced, os.path.join(absolute, name)
                continue
            if entry.is_symlink():
                if not os.path.exists(full):
                    notes.append(f"{full}: skipped: dangling symbolic link")
                    skipped.append((full, "dangling symbolic link"))
                    continue
                if not _inside(full, root):
                    notes.append(f"{full}: skipped: symbolic link out of {top}")
                    skipped.append((full, f"symbolic link out of {top}"))
                    continue
            if not _regular(full, out):
                continue
            yield full, forced, os.path.join(absolute, name)
