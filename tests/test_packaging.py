"""The build is declared in pyproject.toml alone: the wheel ships the rule pack as ``mplint/pack``.

The wheel is built with pip as a user would (``pip wheel . --no-deps``), listed, and installed
into a fresh virtualenv; mplint there lists the pack's rules. A checkout (and an editable
install) reads ``rules/`` directly.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from mplint import __version__
from mplint.engine import rule_files

ROOT = Path(__file__).resolve().parent.parent
PACK = sorted((ROOT / "rules").glob("*.yaml"))


def pack_codes() -> list[str]:
    """Return the codes the rule files of the pack declare, in file order."""
    return [c for path in PACK for c in re.findall(r"^- code: (MP\d+)$", path.read_text("utf-8"), re.M)]


def test_a_checkout_reads_the_pack_from_rules() -> None:
    assert not (ROOT / "mplint" / "pack").exists()
    assert Path(rule_files.pack_dir()) == ROOT / "rules"
    assert PACK and pack_codes()


def test_every_package_of_the_source_tree_is_declared() -> None:
    """pyproject.toml lists the packages (to map ``mplint.pack`` onto ``rules/``): none is left out."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"]
    found = sorted(".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "mplint").rglob("__init__.py"))
    missing = sorted(set(found) - set(declared))
    assert missing == [], f"add {missing} to [tool.setuptools] packages in pyproject.toml"
    assert sorted(declared) == sorted([*found, "mplint.pack"])


def source_files() -> list[str]:
    """Return the checkout's files that git tracks or would track (not the ignored ones)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return [name for name in listed.stdout.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a copy of this checkout's files, as pip builds it from a fresh clone.

    A copy keeps the build's ``build/`` directory (which remembers modules since removed) out of
    the checkout. Offline: the build backend is the one the dev extra installs.
    """
    src = tmp_path_factory.mktemp("source")
    for name in source_files():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (path,) = out.glob("*.whl")
    return path


@pytest.mark.slow
def test_the_wheel_holds_the_package_and_the_pack(wheel: Path) -> None:
    assert wheel.name == f"mplint-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        shipped = {p.name: whl.read(f"mplint/pack/{p.name}") for p in PACK}
    assert shipped == {p.name: p.read_bytes() for p in PACK}
    assert sorted(n for n in names if n.startswith("mplint/pack/")) == [f"mplint/pack/{p.name}" for p in PACK]
    package = {n for n in source_files() if n.startswith("mplint/")} | {f"mplint/pack/{p.name}" for p in PACK}
    assert sorted(n for n in names if not n.startswith(f"mplint-{__version__}.dist-info/")) == sorted(package)


@pytest.mark.slow
def test_the_installed_wheel_lists_the_pack_rules(wheel: Path, tmp_path: Path) -> None:
    """Installed in a fresh virtualenv, mplint reads its pack from ``mplint/pack`` in site-packages.

    The dependencies come from this environment's site-packages (put after the fresh one's on
    the path, and without its ``.pth`` files, so this checkout's editable install stays out).
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    where = subprocess.run(
        [str(python), "-c", "from mplint.engine import rule_files; print(rule_files.pack_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert (where.returncode, where.stderr) == (0, "")
    assert Path(where.stdout.strip()) == Path(site) / "mplint" / "pack"

    listed = subprocess.run(
        [str(python), "-m", "mplint", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert (listed.returncode, listed.stderr) == (0, "")
    from_pack = [r["code"] for r in json.loads(listed.stdout) if r["origin"] == "pack"]
    assert from_pack and sorted(from_pack) == sorted(pack_codes())
