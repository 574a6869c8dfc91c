"""The byte-level text test (``sources.rules_out``) says no only where the text test would.

A scan decides most files from their bytes, before decoding them. That shortcut must never
change an answer: every file it rules out is one the decoding path skips as well, whatever the
encoding (UTF-8 with or without a BOM, UTF-16 with or without one, a Python coding cookie that
names a codec which is not ASCII-based), the letter case or the suffix.
"""

from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from mplint import sources
from mplint.engine import run
from mplint.engine.run import default_config
from mplint.result import FileResult

WORDS = [
    "register(",
    "Register",
    "create_model_package",
    "RegisterModel",
    "ModelPackage",
    "modelpackagegroupname",
    "ModelPackageGroupName",
    "InferenceSpecification",
    "inference_instances=",
    "AWS::SageMaker::ModelPackage",
    "Resources:",
    "Type: AWS::",
    "ml.m5.xlarge",
    "\u212a",  # KELVIN SIGN: lower-cases to an ASCII k
    "é",
    "\x00",
    "# -*- coding: cp500 -*-\n",
    "# coding: latin-1\n",
    "{",
    "}",
    '"',
    "\n",
    " ",
    "x",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp500"]
NAMES = ["a.py", "b.ipynb", "c.json", "d.yaml", "e.yml", "f.template", "g.txt", "noext"]


def _outcome(data: bytes, name: str, prefilter: bool, monkeypatch) -> tuple[bool, list[str]]:
    if not prefilter:
        monkeypatch.setattr(sources, "rules_out", lambda _name, _data: False)
    staged = run.stage(data, name, default_config(), False, False)
    monkeypatch.undo()
    if isinstance(staged, FileResult):
        return True, [d.message for d in staged.diagnostics]
    return False, [staged.kind]


@settings(max_examples=400, deadline=None)
@given(
    parts=st.lists(st.sampled_from(WORDS), max_size=12),
    encoding=st.sampled_from(ENCODINGS),
    name=st.sampled_from(NAMES),
)
def test_the_byte_test_never_changes_what_the_text_test_decides(parts, encoding, name):
    import pytest

    text = "".join(parts)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "replace")
    with pytest.MonkeyPatch.context() as mp:
        fast = _outcome(data, name, True, mp)
    with pytest.MonkeyPatch.context() as mp:
        slow = _outcome(data, name, False, mp)
    assert fast == slow


def test_ordinary_files_are_ruled_out_and_files_with_a_word_are_not():
    assert sources.rules_out("pkg/mod.py", b"import os\n\nprint(os.getcwd())\n")
    assert sources.rules_out("pkg/package.json", b'{"name": "web", "version": "1.0.0"}\n')
    assert not sources.rules_out("pkg/mod.py", b"atexit.register(f)\n")
    assert not sources.rules_out("pkg/req.json", b'{"modelpackagegroupname": "g"}\n')
    # What the bytes alone cannot tell is left to the text test.
    assert not sources.rules_out("pkg/mod.py", "print('x')\n".encode("utf-16"))
    assert not sources.rules_out("pkg/mod.py", b"# -*- coding: cp500 -*-\n")
    assert not sources.rules_out("pkg/req.yaml", "name: caf\u00e9\n".encode())
    assert not sources.rules_out("README", b"plain text")


def test_a_utf16_request_file_is_still_found(tmp_path):
    from mplint.api import lint_paths

    (tmp_path / "req.json").write_bytes(codecs.BOM_UTF16_LE + '{"ModelPackageGroupName": 7}'.encode("utf-16-le"))
    (tmp_path / "mod.py").write_bytes(b"import os\n")
    result = lint_paths([str(tmp_path)])
    found = [(d.code, d.path, d.span.line, d.span.column) for d in result.diagnostics]
    assert found == [("MP222", "", 1, 1), ("MP102", "ModelPackageGroupName", 1, 27)]
    assert result.summary()["skipped"] == 1
