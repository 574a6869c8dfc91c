"""``mplint schema``: a draft-07 JSON Schema that editors and jsonschema can use."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from mplint.cli import cli
from mplint.schema import load
from mplint.schema.json_schema import ecma_pattern

jsonschema = pytest.importorskip("jsonschema")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def schema() -> dict:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def errors(schema: dict, request: object) -> list[tuple[list[object], str]]:
    """Return (path, validator keyword) of each error, deepest first within allOf."""
    validator = jsonschema.Draft7Validator(schema)
    found = []
    for e in validator.iter_errors(request):
        leaf = min(e.context, key=lambda c: -len(c.absolute_path)) if e.context else e
        found.append((list(leaf.absolute_path), leaf.validator))
    return sorted(found, key=str)


def test_is_a_valid_draft7_schema(schema):
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert "CreateModelPackageInput" not in schema["definitions"]


def test_constraints_come_from_the_model(schema):
    d = schema["definitions"]
    assert d["TagList"] == {"type": "array", "items": {"$ref": "#/definitions/Tag"}, "maxItems": 50}
    assert d["Tag"]["required"] == ["Key", "Value"] and d["Tag"]["additionalProperties"] is False
    assert d["ModelApprovalStatus"]["enum"] == ["Approved", "Rejected", "PendingManualApproval"]
    env = d["EnvironmentMap"]
    assert (env["type"], env["maxProperties"]) == ("object", 100)
    assert env["additionalProperties"] == {"$ref": "#/definitions/EnvironmentValue"}
    assert env["propertyNames"] == {"$ref": "#/definitions/EnvironmentKey"}
    assert d["CustomerMetadataMap"]["minProperties"] == 1
    assert d["TransformInstanceCount"] == {"type": "integer", "minimum": 1}
    assert d["EntityName"]["pattern"] == "^(?:[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$"
    assert (d["EntityName"]["minLength"], d["EntityName"]["maxLength"]) == (1, 63)
    described = schema["properties"]["ModelPackageGroupName"]
    assert described["allOf"] == [{"$ref": "#/definitions/ArnOrName"}]
    assert described["description"].startswith("The name or Amazon Resource Name (ARN) of the model package group")


def test_every_pattern_compiles_without_unicode_classes(schema):
    patterns = re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', json.dumps(schema))
    assert patterns
    for text in patterns:
        pattern = json.loads(text)
        re.compile(pattern)
        assert "\\p" not in pattern and pattern.startswith("^(?:") and pattern.endswith(")$")


def test_java_pattern_translation():
    assert ecma_pattern("[a-zA-Z0-9-]+") == "^(?:[a-zA-Z0-9-]+)$"
    assert ecma_pattern(r"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}") is None
    assert ecma_pattern("(a|b)${1,2}") == "^(?:(a|b)$)$"
    assert ecma_pattern(r"\$x+\z") == r"^(?:\$x+$)$"


@pytest.mark.parametrize("name", ["valid-unversioned.json", "valid-versioned.yaml", "marketplace-ready.json"])
def test_valid_examples_validate(schema, name):
    text = (EXAMPLES / name).read_text("utf-8")
    request = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    assert errors(schema, request) == []


def test_broken_request_fails_on_the_expected_paths(schema):
    request = json.loads((EXAMPLES / "valid-unversioned.json").read_text("utf-8"))
    request["ModelApprovalStatus"] = "Approve"
    request["ModelPackageName"] = "churn model"
    request["InferenceSpecification"]["Containers"][0]["Imagee"] = "x"
    request["InferenceSpecification"]["SupportedTransformInstanceTypes"] = []
    request["Tags"] = [{"Key": "team"}]
    assert errors(schema, request) == sorted(
        [
            (["ModelApprovalStatus"], "enum"),
            (["ModelPackageName"], "pattern"),
            (["InferenceSpecification", "Containers", 0], "additionalProperties"),
            (["InferenceSpecification", "SupportedTransformInstanceTypes"], "minItems"),
            (["Tags", 0], "required"),
        ],
        key=str,
    )


def test_output_option_writes_the_file(tmp_path, schema):
    target = tmp_path / "request.schema.json"
    result = CliRunner().invoke(cli, ["schema", "--output", str(target)])
    assert (result.exit_code, result.output) == (0, "")
    assert json.loads(target.read_text("utf-8")) == schema


def test_schema_matches_the_shipped_model(schema):
    model = load()
    assert set(schema["properties"]) == set(model.root.members)
    assert set(schema["definitions"]) == set(model.shapes) - {model.root_name}
