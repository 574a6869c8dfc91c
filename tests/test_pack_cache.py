"""mplint/pack.json is the current twin of the pack's YAML files."""

from __future__ import annotations

import subprocess
import sys

from mplint.rules import pack_cache
from mplint.rules.declarative import _rule_files, pack_dir


def test_pack_twin_is_current() -> None:
    """Regenerate with `python -m mplint.rules.pack_cache` after editing rules/*.yaml."""
    with open(pack_cache.CACHE, encoding="utf-8") as fh:
        assert fh.read() == pack_cache.build(_rule_files(pack_dir()))


def test_checking_json_reads_no_yaml() -> None:
    code = (
        "import sys\n"
        "from mplint.api import lint_paths\n"
        "run = lint_paths(['examples/marketplace-ready.json'])\n"
        "print(len(run.diagnostics), 'yaml' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[1]),
    )
    assert out.stdout.split() == ["0", "False"]
