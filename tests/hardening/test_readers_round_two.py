"""Readers: Python coding cookies, UTF-32, merge chains, libyaml's own flow limit (issue 12)."""

from __future__ import annotations

import codecs

from mplint.engine.config import Config
from tests.linting import findings

SCHEMA = Config(select=("MP0", "MP1"))


def _found(data: str | bytes, name: str) -> list[tuple[str, int, int, str]]:
    return findings(data, name, fields=("code", "line", "column", "message"), config=SCHEMA)


def test_a_latin1_python_file_with_a_coding_cookie_is_read_as_python_reads_it() -> None:
    source = (
        '# -*- coding: latin-1 -*-\nimport boto3\nboto3.client("sagemaker").create_model_package(\n'
        '    ModelPackageGroupName="g", ModelPackageDescription="caf\xe9", ModelApprovalStatus="bad")\n'
    )
    assert _found(source.encode("latin-1"), "x.py") == [
        ("MP104", 4, 84, "ModelApprovalStatus 'bad' is not one of Approved, Rejected, PendingManualApproval")
    ]


def test_latin1_bytes_without_a_cookie_are_still_not_utf8() -> None:
    source = 'import boto3\nboto3.client("sagemaker").create_model_package(ModelPackageDescription="caf\xe9")\n'
    assert _found(source.encode("latin-1"), "x.py") == [
        ("MP001", 2, 76, "invalid UTF-8 (byte 0xE9) at line 2, column 76; save the file as UTF-8")
    ]


def test_a_utf32_file_is_named_as_such() -> None:
    data = codecs.BOM_UTF32_LE + '{"ModelPackageGroupName": "g"}'.encode("utf-32-le")
    assert _found(data, "x.json") == [
        ("MP001", 1, 1, "the file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8")
    ]


def test_101_flat_chained_merge_keys_are_not_nesting() -> None:
    entries = ["m0: &a0 {X: '1'}"] + [f"m{i}: &a{i}\n    <<: *a{i - 1}\n    Y{i}: '1'" for i in range(1, 102)]
    text = "ModelPackageGroupName: g\nModelCard:\n  ModelCardStatus: Draft\n  Chain:\n" + "".join(
        f"    {e}\n" for e in (entry.replace("\n    ", "\n      ") for entry in entries)
    )
    found = _found(text, "x.yaml")
    assert [f for f in found if f[0] == "MP001"] == []
    assert found[:1] == [
        ("MP101", 4, 3, "Unknown member 'Chain' in ModelCard; expected one of ModelCardContent, ModelCardStatus")
    ]


def test_yaml_flow_nesting_past_libyaml_limit_reports_ours_at_level_101() -> None:
    text = "ModelPackageGroupName: 'a[{b'\nTags: {k: " + "[" * 1100 + "]" * 1100 + "}\n"
    assert _found(text, "x.yaml") == [("MP001", 2, 110, "nested more than 100 levels deep; mplint does not analyse it")]
