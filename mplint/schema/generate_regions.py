"""Generate ``regions.json``: where SageMaker offers each instance type for inference.

Run ``python -m mplint.schema.generate_regions`` to rewrite ``regions.json`` beside this module,
or add ``--check`` to exit 1 when it differs from a fresh generation. The source is cfn-lint's
per-Region instance-type enums for SageMaker hosting (endpoints) and batch transform, which
cfn-lint derives from the AWS Pricing API (``src/cfnlint/data/schemas/extensions/
aws_sagemaker_hosting/instancetype_enum.json`` and ``.../aws_sagemaker_transform/...``). cfn-lint
is a development dependency pinned in the ``dev`` extra; the runtime never imports this module.
The instance-type enums themselves stay botocore's (``shapes.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REGIONS_FILE = Path(__file__).with_name("regions.json")
# use in regions.json -> cfn-lint's extension directory
SOURCES = {"realtime": "aws_sagemaker_hosting", "transform": "aws_sagemaker_transform"}


def generate() -> str:
    """Return the text of regions.json made from the installed cfn-lint."""
    import cfnlint
    from cfnlint.version import __version__

    base = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "extensions")
    data: dict[str, object] = {"cfn_lint_version": __version__}
    for use, folder in SOURCES.items():
        with open(os.path.join(base, folder, "instancetype_enum.json"), encoding="utf-8") as fh:
            raw = json.load(fh)
        data[use] = {
            region: sorted(entry["enum"])
            for region, entry in sorted(raw.items())
            if isinstance(entry, dict) and isinstance(entry.get("enum"), list)
        }
    return _dump(data)


def _dump(data: dict[str, object]) -> str:
    """Serialise deterministically, one Region per line (the file stays reviewable in a diff)."""
    lines = ["{", f' "cfn_lint_version": {json.dumps(data["cfn_lint_version"])},']
    uses = list(SOURCES)
    for i, use in enumerate(uses):
        regions = data[use]
        assert isinstance(regions, dict)
        lines.append(f' "{use}": {{')
        items = list(regions.items())
        for j, (region, types) in enumerate(items):
            comma = "," if j < len(items) - 1 else ""
            lines.append(f"  {json.dumps(region)}: {json.dumps(types)}{comma}")
        lines.append(" }" + ("," if i < len(uses) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) regions.json; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m mplint.schema.generate_regions")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = generate()
    if args.check:
        if not REGIONS_FILE.exists() or REGIONS_FILE.read_text("utf-8") != text:
            print(f"{REGIONS_FILE.name} is stale; run python -m mplint.schema.generate_regions", file=sys.stderr)
            return 1
        return 0
    REGIONS_FILE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
