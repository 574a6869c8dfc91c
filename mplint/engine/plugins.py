"""Find installed entry points of a group without importing ``importlib.metadata``.

``importlib.metadata`` costs more to import than a whole check of a small file (it pulls in the
email, zipfile and csv machinery), and mplint asks it one question on every run: which installed
distributions declare ``mplint.rules`` entry points. This module answers that from the
``entry_points.txt`` files of the ``*.dist-info`` / ``*.egg-info`` directories on ``sys.path``,
reading only the files that name the group, and takes the first distribution of a name, as
``importlib.metadata`` does.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import NamedTuple

_META_DIRS = (".dist-info", ".egg-info")


class EntryPoint(NamedTuple):
    """One ``name = module:attr`` line of a group, and the distribution that declares it."""

    name: str
    value: str
    dist: str

    def load(self) -> object:
        """Import the module and return the attribute the entry point names."""
        module, _, attr = self.value.partition(":")
        obj: object = importlib.import_module(module.strip())
        for part in attr.strip().split(".") if attr.strip() else ():
            obj = getattr(obj, part)
        return obj


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """Return the ``name = value`` pairs of ``[group]`` in an entry_points.txt text."""
    out: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            inside = line == f"[{group}]"
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            out.append((name.strip(), value.strip()))
    return out


def _dist_name(meta_dir: str, fallback: str) -> str:
    """Return the distribution's name from its METADATA/PKG-INFO ``Name:`` header."""
    for name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(meta_dir, name), encoding="utf-8") as fh:
                for line in fh:
                    if line.lower().startswith("name:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():
                        break
        except OSError:
            continue
    return fallback


def entry_points(group: str) -> list[EntryPoint]:
    """Return the entry points of ``group`` declared by distributions on ``sys.path``."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith(_META_DIRS):
                continue
            key = re.sub(r"[-_.]+", "-", name.split("-")[0]).lower()
            if key in seen:
                continue
            seen.add(key)
            meta = os.path.join(entry or ".", name)
            try:
                with open(os.path.join(meta, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            if f"[{group}]" not in text:
                continue
            dist = _dist_name(meta, key)
            found.extend(EntryPoint(n, v, dist) for n, v in _section(text, group))
    return found
