"""YAML hazards: alias and merge-key bombs, merge order, tabs, several documents, 1.1 typing."""

from __future__ import annotations

from mplint.engine.config import Config
from mplint.sources.yaml_parser import parse
from tests import linting

SCHEMA_ONLY = Config(select=("MP0", "MP1"))
EXPANSION = "alias expansion exceeds 100,000 nodes; mplint does not analyse it"


def findings(text: str, name: str = "x.yaml") -> list[tuple[str, str, int, int, str]]:
    # Source and schema findings only: what the reader made of the text.
    return linting.findings(text, name, fields=(*linting.WHERE, "message"), config=SCHEMA_ONLY)


def test_alias_bomb_nine_by_nine_stops_early() -> None:
    text = "ModelPackageName: a\na0: &a0 [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9)
    )
    # 9**6 nodes would be needed by line 7; reading stops at its first alias.
    assert findings(text) == [("MP001", "", 7, 10, EXPANSION)]


def test_merge_key_bomb_stops_early() -> None:
    text = (
        "ModelPackageName: a\nb0: &b0 {"
        + ", ".join(f"k{j}: {j}" for j in range(9))
        + "}\n"
        + "".join(f"b{i}: &b{i} {{<<: [" + ", ".join([f"*b{i - 1}"] * 9) + f"], m{i}: 1}}\n" for i in range(1, 9))
    )
    assert findings(text) == [("MP001", "", 7, 15, EXPANSION)]


def test_merge_order_explicit_then_earlier_mapping_wins() -> None:
    text = (
        "a: &a {ModelPackageName: from-a, ModelPackageDescription: from-a}\n"
        "b: &b {ModelPackageName: from-b, ClientToken: from-b}\n"
        "<<: [*a, *b]\n"
        "ModelPackageDescription: own\n"
    )
    (root,), found = parse(text)
    merged = {k: v.value for k, v in root.members() if k not in ("a", "b")}
    assert (merged, found) == (
        {"ModelPackageDescription": "own", "ModelPackageName": "from-a", "ClientToken": "from-b"},
        [],
    )


def test_tab_indentation_is_a_finding_at_the_tab() -> None:
    assert findings("ModelPackageName: a\nTags:\n\t- Key: a\n") == [
        ("MP001", "", 3, 1, "found character that cannot start any token (a tab; YAML indents with spaces only)"),
    ]


def test_several_documents_first_is_linted_second_is_marked() -> None:
    text = "ModelPackageGroupName: g\nCertifyForMarketplace: 1\n---\nModelPackageName: b\n"
    assert findings(text) == [
        (
            "MP102",
            "CertifyForMarketplace",
            2,
            24,
            "CertifyForMarketplace must be a boolean (true or false), not the integer 1",
        ),
        ("MP004", "", 3, 1, "a second YAML document; the AWS CLI reads one request per file, mplint checks the first"),
    ]


def test_yaml_11_surprises_are_shown_as_written() -> None:
    text = "ModelPackageGroupName: g\nCertifyForMarketplace: on\nModelPackageDescription: 1.10\nClientToken: 0755\n"
    assert findings(text) == [
        (
            "MP102",
            "CertifyForMarketplace",
            2,
            24,
            "CertifyForMarketplace must be a boolean (true or false), not the string 'on' "
            "(YAML 1.1 readers take `on` as true; the AWS CLI reads YAML 1.2, where it is the string 'on')",
        ),
        ("MP102", "ModelPackageDescription", 3, 26, "ModelPackageDescription must be a string, not the number 1.10"),
        (
            "MP102",
            "ClientToken",
            4,
            14,
            "ClientToken must be a string, not the integer 0755 "
            "(YAML 1.1 readers take `0755` as the integer 493; the AWS CLI reads YAML 1.2, where it is the integer 755)",
        ),
    ]
