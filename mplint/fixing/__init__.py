"""Fixing: turn the fixes rules offer (``Fix`` intents) into byte-exact edits, and apply them.

``text_edits(text, fmt, fixes)`` gives the concrete edits of one document's text (what an
editor applies); mplint.fixing.apply runs the rounds of ``--fix`` on files (apply, re-read,
reject a round that breaks the file, lint again).
"""

from __future__ import annotations

from mplint.fixing.edits import Edit, text_edits

__all__ = ["Edit", "text_edits"]
