"""The shipped rule pack, pre-read: a JSON twin of ``rules/*.yaml`` so a run needs no YAML reader.

Checking a JSON request should not pay for importing and running a YAML parser on the pack.
``mplint/pack.json`` holds each pack file's composed rules (data and line numbers) and a
checksum of the YAML texts it came from; when the checksum no longer matches the YAML beside it
(someone edited the pack), the YAML is read instead, and ``tests/test_pack_cache.py`` says the
twin is stale. Regenerate with ``python -m mplint.rules.pack_cache``.
"""

from __future__ import annotations

import json
import os
import sys
import zlib

from mplint.rules.declarative_format import Composed, compose

CACHE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pack.json")


def checksum(texts: dict[str, str]) -> int:
    """Return a checksum of the pack's file names and texts."""
    crc = 0
    for name in sorted(texts):
        crc = zlib.crc32(name.encode() + b"\0" + texts[name].encode("utf-8"), crc)
    return crc


def read_texts(files: list[str]) -> dict[str, str]:
    """Return the text of each pack file by base name."""
    out = {}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            out[os.path.basename(path)] = fh.read()
    return out


def composed(files: list[str]) -> dict[str, list[Composed]]:
    """Return each pack file's composed rules, from the twin when it matches the YAML."""
    texts = read_texts(files)
    try:
        with open(CACHE, encoding="utf-8") as fh:
            cache = json.load(fh)
    except (OSError, ValueError):
        cache = None
    if cache is not None and cache.get("checksum") == checksum(texts):
        return {name: [tuple(c) for c in rules] for name, rules in cache["files"].items()}  # type: ignore[misc]
    return {name: compose(text, name) for name, text in texts.items()}


def build(files: list[str]) -> str:
    """Return the JSON twin of the pack files."""
    texts = read_texts(files)
    doc = {
        "checksum": checksum(texts),
        "files": {name: compose(text, name) for name, text in sorted(texts.items())},
    }
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    """Write mplint/pack.json from the pack's YAML files."""
    from mplint.rules.declarative import _rule_files, pack_dir

    with open(CACHE, "w", encoding="utf-8") as fh:
        fh.write(build(_rule_files(pack_dir())))
    print(f"wrote {CACHE}", file=sys.stderr)


if __name__ == "__main__":
    main()
