"""--add-noqa writes a directive for every finding and changes no other byte."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mplint.engine.noqa import split_lines, with_codes
from tests.linting import invoke

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
YAML = "ModelPackageGroupName: churn models\nModelApprovalStatus: Approve\nSourceUri: s3://b/m.tar.gz\n"
PY = (
    "import boto3\n"
    'sm = boto3.client("sagemaker")\n'
    "sm.create_model_package(\n"
    '    ModelPackageGroupName="churn models",\n'
    '    ModelApprovalStatus="Approve",  # noqa: E501\n'
    '    SourceUri="s3://b/m.tar.gz",\n'
    ")\n"
)
SELECT = ("--select", "MP1", "--no-cache")


def add(path: Path, *extra: str) -> tuple[int, str, str]:
    r = invoke("check", str(path), *SELECT, "--add-noqa", *extra)
    return r.exit_code, r.stdout, r.stderr


def clean(path: Path) -> bool:
    return invoke("check", str(path), "--no-cache").exit_code == 0


def test_yaml(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text(YAML)
    assert add(f) == (0, "Added 2 noqa directives.\n", "")
    assert f.read_text() == (
        "ModelPackageGroupName: churn models  # mplint: disable=MP105\n"
        "ModelApprovalStatus: Approve  # mplint: disable=MP104\n"
        "SourceUri: s3://b/m.tar.gz\n"
    )
    assert invoke("check", str(f), *SELECT).exit_code == 0


def test_yaml_merges_with_a_directive_and_keeps_comments(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text(
        "ModelPackageGroupName: churn models # mplint: disable=MP999 -- kept reason\n"
        "ModelApprovalStatus: Approve\t# set by the release job\n"
    )
    assert add(f)[0] == 0
    assert f.read_text() == (
        "ModelPackageGroupName: churn models # mplint: disable=MP999,MP105 -- kept reason\n"
        "ModelApprovalStatus: Approve\t# set by the release job  # mplint: disable=MP104\n"
    )


def test_crlf_bom_and_tabs_are_kept(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    original = ("\ufeff" + YAML.replace("\n", "\r\n").replace("Approve\r", "Approve\t\r")).encode()
    f.write_bytes(original)
    assert add(f)[0] == 0
    assert (
        f.read_bytes()
        == (
            "\ufeffModelPackageGroupName: churn models  # mplint: disable=MP105\r\n"
            "ModelApprovalStatus: Approve  # mplint: disable=MP104\t\r\n"
            "SourceUri: s3://b/m.tar.gz\r\n"
        ).encode()
    )
    assert invoke("check", str(f), *SELECT).exit_code == 0


def test_yaml_block_scalar_lines_take_no_comment(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    text = "ModelPackageGroupName: g\nModelPackageDescription: |\n  line one\n  line two\n"
    f.write_text(text)
    lines = split_lines(text)
    from mplint.engine.noqa import _yaml_block_lines

    assert _yaml_block_lines(lines) == {3, 4, 5}


def test_yaml_a_block_scalar_takes_the_directive_on_its_indicator_line(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("ModelPackageGroupName: |\n  churn models\nSourceUri: s3://b/m.tar.gz\n")
    assert add(f) == (0, "Added 1 noqa directive.\n", "")
    assert (
        f.read_text()
        == "ModelPackageGroupName: |  # mplint: disable=MP105\n  churn models\nSourceUri: s3://b/m.tar.gz\n"
    )
    assert invoke("check", str(f), *SELECT).exit_code == 0


def test_python(tmp_path: Path) -> None:
    f = tmp_path / "a.py"
    f.write_text(PY)
    assert add(f) == (0, "Added 2 noqa directives.\n", "")
    assert f.read_text() == PY.replace('"churn models",', '"churn models",  # noqa: MP105').replace(
        "# noqa: E501", "# noqa: E501,MP104"
    )
    assert invoke("check", str(f), *SELECT).exit_code == 0


def test_python_multi_line_string_goes_to_the_call_line(tmp_path: Path) -> None:
    f = tmp_path / "a.py"
    head = 'import boto3\nsm = boto3.client("sagemaker")\n'
    f.write_text(
        head
        + 'sm.create_model_package(\n    ModelPackageGroupName="""churn\nmodels""",\n    SourceUri="s3://b/m.tar.gz",\n)\n'
    )
    assert add(f) == (0, "Added 1 noqa directive.\n", "")
    assert f.read_text() == head + (
        'sm.create_model_package(  # noqa: MP105\n    ModelPackageGroupName="""churn\nmodels""",\n'
        '    SourceUri="s3://b/m.tar.gz",\n)\n'
    )
    assert invoke("check", str(f), *SELECT).exit_code == 0


def test_python_a_call_that_starts_inside_a_string_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "a.py"
    text = (
        'import boto3\nsm = boto3.client("sagemaker")\n'
        'sm.create_model_package(ModelPackageGroupName="""churn\nmodels""", SourceUri="s3://b/m.tar.gz")\n'
    )
    f.write_text(text)
    assert add(f) == (
        1,
        "Added 0 noqa directives.\n",
        f"mplint: {f}:3:47: MP105 lies in a multi-line string; no directive written\n",
    )
    assert f.read_text() == text


def test_notebook_cells_get_noqa_inside_their_json_string(tmp_path: Path) -> None:
    f = tmp_path / "n.ipynb"
    original = (EXAMPLES / "notebooks" / "broken.ipynb").read_bytes()
    f.write_bytes(original.replace(b"\n", b"\r\n"))
    r = invoke("check", str(f), "--no-cache", "--add-noqa")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Added 3 noqa directives.\n", "")
    after = f.read_bytes()
    inserted = [b"  # noqa: MP105", b"  # noqa: MP104", b"  # noqa: MP301"]
    assert all(after.count(i) == 1 for i in inserted)
    assert b'"    ModelApprovalStatus=\\"Approve\\",  # noqa: MP104\\n",\r\n' in after
    for i in inserted:
        after = after.replace(i, b"")
    assert after == original.replace(b"\n", b"\r\n")
    assert clean(f)


def test_a_file_not_in_utf8(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_bytes(YAML.encode("utf-16"))
    before = f.read_bytes()
    code, out, err = add(f)
    assert (code, out) == (1, "Added 0 noqa directives.\n")
    assert err == f"mplint: {f}: not UTF-8; no directive written (use --baseline)\n"
    assert f.read_bytes() == before


def test_json_cannot_hold_comments(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text('{"ModelPackageGroupName": "churn models", "SourceUri": "s3://b/m.tar.gz"}')
    before = f.read_bytes()
    assert add(f) == (1, "Added 0 noqa directives.\n", f"mplint: {f}: JSON has no comments: use --baseline\n")
    assert f.read_bytes() == before


def test_cloudformation_template(tmp_path: Path) -> None:
    f = tmp_path / "template.yaml"
    f.write_text(
        "Resources:\n  Model:\n    Type: AWS::SageMaker::ModelPackage\n    Properties:\n"
        "      ModelPackageGroupName: churn models\n      SourceUri: s3://b/m.tar.gz\n"
    )
    assert add(f)[:2] == (0, "Added 1 noqa directive.\n")
    assert f.read_text().splitlines()[4] == "      ModelPackageGroupName: churn models  # mplint: disable=MP105"
    assert invoke("check", str(f), *SELECT).exit_code == 0


def test_a_file_that_cannot_be_written(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text(YAML)
    link = tmp_path / "link.yaml"
    link.symlink_to(f)
    assert add(link) == (1, "Added 0 noqa directives.\n", f"mplint: {link}: is a symbolic link; not changed\n")
    if os.geteuid() != 0:
        f.chmod(0o444)
        code, _, err = add(f)
        assert code == 1 and err == f"mplint: {f}: cannot write: Permission denied\n"
    assert f.read_text() == YAML


@pytest.mark.slow
def test_every_example_yaml_and_python_is_clean_afterwards(tmp_path: Path) -> None:
    import shutil

    copied = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copied)
    before = {p: p.read_bytes() for p in copied.rglob("*") if p.is_file()}
    invoke("check", str(copied), "--no-cache", "--add-noqa")
    r = invoke("check", str(copied), "--no-cache", "--format", "json")
    import json

    left = {d["file"] for d in json.loads(r.stdout)["diagnostics"]}
    assert all(f.endswith((".json", ".ipynb")) for f in left), left
    for path, data in before.items():
        after = path.read_bytes()
        removed = re.sub(rb"  # (?:mplint: disable=|noqa: )[A-Z0-9,]+", b"", after)
        merged = re.sub(rb"(# (?:mplint: disable=|noqa: )[A-Z0-9,]*?),MP[0-9]+(?:,MP[0-9]+)*", rb"\1", removed)
        assert merged == data or removed == data, path


_VALUES = st.sampled_from(["churn models", "churn-models", "Approve", "Approved", "x y", "'q u'"])
_GAPS = st.sampled_from(["", " ", "\t", "  "])
_ENDS = st.sampled_from(["\n", "\r\n"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_VALUES, status=_VALUES, gap=_GAPS, end=_ENDS, comment=st.booleans(), bom=st.booleans())
def test_property_yaml_bytes_outside_the_comments_stay(
    tmp_path: Path, name: str, status: str, gap: str, end: str, comment: bool, bom: bool
) -> None:
    f = tmp_path / "p.yaml"
    lines = [
        f"ModelPackageGroupName: {name}{gap}",
        f"ModelApprovalStatus: {status}" + ("  # a note" if comment else ""),
        "SourceUri: s3://b/m.tar.gz",
    ]
    original = ("\ufeff" if bom else "") + end.join(lines) + end
    f.write_bytes(original.encode())
    assert add(f)[0] == 0
    after = f.read_bytes().decode()
    assert re.sub(r"  # mplint: disable=[A-Z0-9,]+", "", after) == original
    assert invoke("check", str(f), *SELECT).exit_code == 0


@given(
    line=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n#"), max_size=40),
    codes=st.lists(st.sampled_from(["MP101", "MP105", "MP301"]), min_size=1, max_size=3, unique=True),
    python=st.booleans(),
)
def test_property_a_directive_is_only_added(line: str, codes: list[str], python: bool) -> None:
    out = with_codes(line, codes, python)
    if not line.rstrip(" \t"):
        assert out == line
        return
    body = line.rstrip(" \t")
    marker = "# noqa: " if python else "# mplint: disable="
    assert out == body + "  " + marker + ",".join(codes) + line[len(body) :]
