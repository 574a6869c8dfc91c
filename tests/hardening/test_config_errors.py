"""Config errors name the file, the line and the key as the user wrote it, once (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from running import mplint


@pytest.mark.parametrize(
    ("config", "error"),
    [
        ("select: [MP1]\nseverity: {MP999: error}\n", ".mplint.yaml:2: MP999 matches no rule (see `mplint rules`)"),
        ("select: [MP1]\nignore: [MP105, MP999]\n", ".mplint.yaml:2: MP999 matches no rule (see `mplint rules`)"),
        (
            "select: [MP1]\nseverity: {MP105: bogus}\n",
            ".mplint.yaml:2: 'severity.MP105': unknown severity 'bogus' (expected error, warning or info)",
        ),
        (
            "options:\n  MP210:\n    model_package_group_name: 5\n",
            ".mplint.yaml:3: 'model_package_group_name' of MP210 must be a string",
        ),
        (
            "select: [MP2]\noptions:\n  MP210: {model-package-group-name: 5}\n",
            ".mplint.yaml:3: 'model-package-group-name' of MP210 must be a string",
        ),
    ],
)
def test_config_errors_have_the_line_and_the_key_as_written(tmp_path: Path, config: str, error: str) -> None:
    (tmp_path / ".mplint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.json").write_text('{"ModelPackageGroupName": "g"}\n', encoding="utf-8")
    ran = mplint("check", "a.json", cwd=tmp_path)
    assert (ran.status, ran.stdout) == (2, "")
    assert ran.stderr == f"mplint: error: {tmp_path / error}\n"
    assert ran.stderr.count(".mplint.yaml") == 1
