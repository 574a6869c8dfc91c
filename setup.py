"""Build hook: ship the top-level rule pack ``rules/*.yaml`` inside the wheel as ``mplint/pack``.

All metadata is in pyproject.toml; a checkout (and an editable install) reads ``rules/`` directly.
"""

from __future__ import annotations

import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithPack(build_py):
    """Copy the rule pack into the built package."""

    def run(self) -> None:
        super().run()
        target = os.path.join(self.build_lib, "mplint", "pack")
        os.makedirs(target, exist_ok=True)
        for name in sorted(os.listdir("rules")):
            if name.endswith(".yaml"):
                shutil.copyfile(os.path.join("rules", name), os.path.join(target, name))


setup(cmdclass={"build_py": BuildWithPack})
