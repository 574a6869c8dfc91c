"""File walking: links out of the tree, loops, dangling links and unreadable directories."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest
from running import mplint, strict

from mplint.api import lint_paths

BROKEN = '{"ModelPackageGroupName": "g", "CertifyForMarketplace": "yes"}\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """repo/ with one request, a link out of it, a link loop and a dangling link; outside/ beside it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.json").write_text(BROKEN, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "specs" / "a.json").write_text(BROKEN, encoding="utf-8")
    (repo / "specs" / "out.json").symlink_to(outside / "secret.json")
    (repo / "specs" / "outdir").symlink_to(outside, target_is_directory=True)
    (repo / "specs" / "loop").symlink_to(repo, target_is_directory=True)
    (repo / "specs" / "gone.json").symlink_to(repo / "missing.json")
    return repo


def test_walk_skips_links_with_notes_and_never_opens_outside(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.path.realpath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.chdir(tree)
    monkeypatch.setattr(builtins, "open", spy)
    run = lint_paths(["specs"], overrides={"select": ("MP102",)})
    assert [(f.file, [d.code for d in f.diagnostics]) for f in run.files] == [("specs/a.json", ["MP102"])]
    assert run.notes == [
        "specs/loop: skipped: symbolic link to a directory",
        "specs/outdir: skipped: symbolic link to a directory",
        "specs/gone.json: skipped: dangling symbolic link",
        "specs/out.json: skipped: symbolic link out of specs",
    ]
    outside = os.path.realpath(tree.parent / "outside")
    assert [p for p in opened if p.startswith(outside)] == []


def test_a_link_named_on_the_command_line_is_checked(tree: Path) -> None:
    ran = mplint("check", "specs/out.json", "--select", "MP102", "--format", "json", cwd=tree)
    assert (ran.status, ran.stderr) == (1, "")
    assert [(d["file"], d["rule"]) for d in strict(ran.stdout)["diagnostics"]] == [("specs/out.json", "MP102")]


def test_cli_prints_the_notes_on_stderr_and_goes_on(tree: Path) -> None:
    ran = mplint("check", "specs", "--select", "MP102", "--format", "json", cwd=tree)
    assert ran.status == 1
    assert ran.stderr.splitlines() == [
        "mplint: specs/loop: skipped: symbolic link to a directory",
        "mplint: specs/outdir: skipped: symbolic link to a directory",
        "mplint: specs/gone.json: skipped: dangling symbolic link",
        "mplint: specs/out.json: skipped: symbolic link out of specs",
    ]


def test_unreadable_directory_is_skipped_with_a_note(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, and root reads a chmod 000 directory anyway; so the refusal the walk
    # would get as an ordinary user is made by os.scandir itself, which os.walk calls.
    locked = tree / "specs" / "locked"
    locked.mkdir()
    (locked / "b.json").write_text(BROKEN, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.chdir(tree)
    monkeypatch.setattr(os, "scandir", scandir)
    run = lint_paths(["specs"], overrides={"select": ("MP102",)})
    assert [f.file for f in run.files] == ["specs/a.json"]
    assert "specs/locked: skipped: Permission denied" in run.notes
