"""Which files are requests: the suffix and a cheap text test decide before any parsing."""

from __future__ import annotations

import pytest

from mplint.sources import detect, load

PACKAGE_JSON = '{\n  "name": "web",\n  "version": "1.0.0",\n  "dependencies": {"left-pad": "^1.3.0"}\n}\n'
TSCONFIG = """\
{
  // TypeScript settings
  "compilerOptions": {
    "target": "es2020", /* modern */
    "strict": true,
  },
}
"""
REQUEST_JSON = '{"ModelPackageGroupName": "churn", "ModelApprovalStatus": "Approved"}'
REQUEST_YAML = "ModelPackageGroupName: churn\nModelApprovalStatus: Approved\n"
TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Package:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: churn
"""
OTHER_TEMPLATE = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
PY_CALL = "import boto3\nboto3.client('sagemaker').create_model_package(ModelPackageGroupName='g')\n"
PY_OTHER = "import json\nprint(json.dumps({}))\n"

CASES = [
    ("package-json", "package.json", PACKAGE_JSON, False, None),
    ("tsconfig-jsonc", "tsconfig.json", TSCONFIG, False, None),
    ("request-json", "specs/churn.json", REQUEST_JSON, False, "json"),
    ("request-yaml", "churn.yaml", REQUEST_YAML, False, "yaml"),
    ("request-yml", "churn.YML", REQUEST_YAML, False, "yaml"),
    ("generic-members-only", "a.yaml", "Domain: x\nTask: y\nTags: []\n", False, None),
    ("cfn-template", "stack.yaml", TEMPLATE, False, "cloudformation"),
    ("cfn-template-suffix", "stack.template", TEMPLATE, False, "cloudformation"),
    ("cfn-without-model-package", "stack.yaml", OTHER_TEMPLATE, False, None),
    ("template-suffix-json-request", "x.template", REQUEST_JSON, False, "json"),
    ("python-with-call", "register.py", PY_CALL, False, "python"),
    ("python-without-call", "util.py", PY_OTHER, False, None),
    ("python-register-step", "pipeline.py", "step = RegisterModel(name='r')\n", False, "python"),
    ("notebook-with-call", "n.ipynb", '{"cells": [{"source": ["sm.create_model_package("]}]}', False, "notebook"),
    ("unknown-suffix", "notes.txt", REQUEST_YAML, False, None),
    ("forced-json", "package.json", PACKAGE_JSON, True, "json"),
    ("forced-python", "util.py", PY_OTHER, True, "python"),
    ("forced-unknown-suffix-json", "request.txt", REQUEST_JSON, True, "json"),
    ("forced-unknown-suffix-yaml", "request.txt", REQUEST_YAML, True, "yaml"),
]


@pytest.mark.parametrize(("filename", "text", "forced", "kind"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detect(filename: str, text: str, forced: bool, kind: str | None) -> None:
    assert detect(filename, text, forced=forced) == kind


def test_forced_non_request_mapping_is_skipped_without_findings() -> None:
    loaded = load(PACKAGE_JSON, "package.json", "json")
    assert loaded is not None and (loaded.requests, loaded.diagnostics) == ((), ())


def test_kinds_without_a_source_load_as_none() -> None:
    assert load(REQUEST_YAML, "x.toml", "toml") is None


def test_camel_case_request_is_still_checked() -> None:
    """A request written with the API reference's camelCase names is a candidate (MP101 explains)."""
    from mplint.api import lint_text

    result = lint_text(b'{\n  "modelPackageName": "churn"\n}\n', "req.json")
    found = [(d.code, d.path, d.span.line, d.span.column) for d in result.diagnostics]
    assert ("MP101", "modelPackageName", 2, 3) in found
    assert detect("req.json", '{"modelPackageName": "churn"}') == "json"
