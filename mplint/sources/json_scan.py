"""The standard library's JSON scanning pieces, typed, shared by the two JSON readers.

Both readers lean on the C code behind :mod:`json`: its string scanner reads keys and strings
(escapes, errors and all), and its value scanner skips a value to find where it ends.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable
from typing import Any, cast

# scanstring(text, end, strict) -> (string, end): read the string whose opening quote is just
# before ``end``; raises JSONDecodeError. json.decoder's own (the C one where Python has it),
# which typeshed does not declare.
scanstring: Callable[[str, int, bool], tuple[str, int]] = vars(json.decoder)["scanstring"]

# scan_value(text, start) -> (value, end): read the JSON value at ``start``, as ``json.loads``
# would (the scanner a default JSONDecoder makes for itself).
scan_value: Callable[[str, int], tuple[Any, int]] = vars(json.decoder.JSONDecoder())["scan_once"]

# match_spaces(text, pos).end() is where the JSON whitespace at ``pos`` ends. The pattern
# matches the empty string, so there is always a match.
match_spaces = cast("Callable[[str, int], re.Match[str]]", re.compile(r"[ \t\n\r]*").match)
