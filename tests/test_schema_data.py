"""The shipped schema data: freshness against botocore, counts, and Java pattern semantics."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mplint.schema import generate, load, load_docs, patterns

TOP_LEVEL = {
    "AdditionalInferenceSpecifications", "CertifyForMarketplace", "ClientToken",
    "CustomerMetadataProperties", "Domain", "DriftCheckBaselines", "InferenceSpecification",
    "ManagedStorageType", "MetadataProperties", "ModelApprovalStatus", "ModelCard",
    "ModelLifeCycle", "ModelMetrics", "ModelPackageDescription", "ModelPackageGroupName",
    "ModelPackageName", "ModelPackageRegistrationType", "SamplePayloadUrl", "SecurityConfig",
    "SkipModelValidation", "SourceAlgorithmSpecification", "SourceUri", "Tags", "Task",
    "ValidationSpecification",
}  # fmt: skip


@pytest.mark.slow
def test_shipped_files_match_a_fresh_generation() -> None:
    pytest.importorskip("botocore")
    shapes_text, docs_text = generate.generate()
    assert generate.SHAPES_FILE.read_text("utf-8") == shapes_text
    assert generate.DOCS_FILE.read_text("utf-8") == docs_text


def test_header_names_the_botocore_release() -> None:
    schema = load()
    assert (schema.botocore_version, schema.api_version, schema.root.name) == (
        "1.44.8",
        "2017-07-24",
        "CreateModelPackageInput",
    )


def test_top_level_members() -> None:
    root = load().root
    assert set(root.members) == TOP_LEVEL
    assert len(root.members) == 25
    assert root.required == ()


def test_instance_type_enums() -> None:
    schema = load()
    transform = schema.shape("TransformInstanceType").enum
    realtime = schema.shape("ProductionVariantInstanceType").enum
    assert (len(transform), len(realtime)) == (116, 277)
    assert set(transform) < set(realtime)
    assert len(set(realtime) - set(transform)) == 161
    assert transform[:2] == ("ml.m4.xlarge", "ml.m4.2xlarge")


@pytest.mark.parametrize(
    ("path", "shape", "constraints"),
    [
        ("ModelPackageName", "EntityName", (1, 63)),
        ("InferenceSpecification.Containers", "ModelPackageContainerDefinitionList", (1, 15)),
        ("InferenceSpecification.Containers[0].Image", "ContainerImage", (0, 255)),
        ("InferenceSpecification.Containers[].Environment", "EnvironmentMap", (0, 100)),
        ('InferenceSpecification.Containers[3].Environment."MY-VAR"', "EnvironmentValue", (0, 1024)),
        ("ValidationSpecification.ValidationProfiles", "ModelPackageValidationProfiles", (0, 1)),
        (
            "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition.TransformResources.InstanceCount",
            "TransformInstanceCount",
            (1, None),
        ),
        ("CustomerMetadataProperties", "CustomerMetadataMap", (1, 50)),
        ("Tags", "TagList", (0, 50)),
        ("ModelCard.ModelCardContent", "ModelCardContent", (0, 100000)),
    ],
)
def test_shape_at(path: str, shape: str, constraints: tuple[int, int | None]) -> None:
    found = load().shape_at(path)
    assert found is not None
    assert (found.name, (found.min, found.max)) == (shape, constraints)


@pytest.mark.parametrize("path", ["Nope", "ModelPackageName.Deeper", "Tags.Key", "Tags[0][1]"])
def test_shape_at_unknown_paths(path: str) -> None:
    assert load().shape_at(path) is None


def test_required_and_sensitive() -> None:
    schema = load()
    assert schema.shape("InferenceSpecification").required == ("Containers",)
    assert schema.shape("ModelCardContent").sensitive is True
    assert schema.shape("ModelPackageModelCard").members["ModelCardStatus"] == "ModelCardStatus"


def test_docs_are_plain_text_and_apart() -> None:
    docs = load_docs()
    text = docs["CreateModelPackageInput.ModelPackageName"]
    assert text.startswith("The name of the model package.")
    assert "<" not in "".join(docs.values())


def test_every_shipped_pattern_compiles() -> None:
    found = {s.pattern for s in load().shapes.values() if s.pattern}
    assert len(found) == 25
    assert [p for p in sorted(found) if patterns.matcher(p) is None] == []


def test_loading_the_schema_imports_neither_botocore_nor_regex() -> None:
    code = (
        "import sys, mplint.schema as s; s.load().shape('EntityName').fullmatch('a');"
        "print('regex' in sys.modules, 'botocore' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# Java full-match semantics, on the model's own patterns (facts section 1.5).
RESPONSE_MIME = r"[-\w]+\/.+"
DESCRIPTION = r"[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*"
METADATA_KEY = r"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}"
FRAMEWORK_VERSION = r"[0-9]\.[A-Za-z0-9.-]+"
HUB_CONTENT_VERSION = r"\d{1,4}.\d{1,4}.\d{1,4}"
ROLE_ARN = r"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+"
ENTITY_NAME = r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
ARN_OR_NAME = (
    r"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?"
    r"([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)"
)


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        (RESPONSE_MIME, "application/json", True),
        (RESPONSE_MIME, "application/json; charset=utf-8", True),
        (RESPONSE_MIME, "ü/x", False),
        (RESPONSE_MIME, "*/*", False),
        (RESPONSE_MIME, "text/csv\n", False),
        (DESCRIPTION, "Détecte les chats 🐈", True),
        (DESCRIPTION, "line one\nline two", False),
        (DESCRIPTION, "tab\there", False),
        (DESCRIPTION, "para\u2028graph", True),
        (DESCRIPTION, "", True),
        (METADATA_KEY, "key", True),
        (METADATA_KEY, "key{1,128}", False),
        (METADATA_KEY, "clé:équipe", True),
        (METADATA_KEY, "key\n", False),
        (FRAMEWORK_VERSION, "2.13", True),
        (FRAMEWORK_VERSION, "1.7-1", True),
        (FRAMEWORK_VERSION, "2.x", True),
        (FRAMEWORK_VERSION, "10.0", False),
        (HUB_CONTENT_VERSION, "1.2.3", True),
        (HUB_CONTENT_VERSION, "1x2y3", True),
        (HUB_CONTENT_VERSION, "1\n2.3", False),
        (HUB_CONTENT_VERSION, "١.٢.٣", False),
        (ROLE_ARN, "arn:aws:iam::111122223333:role/SageMaker", True),
        (ROLE_ARN, "arn:aws:iam::١١١١٢٢٢٢٣٣٣٣:role/SageMaker", False),
        (ROLE_ARN, "my-role", False),
        (ROLE_ARN, "xarn:aws:iam::111122223333:role/SageMaker", False),
        (ENTITY_NAME, "churn-model", True),
        (ENTITY_NAME, "churn_model", False),
        (ENTITY_NAME, "", False),
        (ARN_OR_NAME, "my-group", True),
        (ARN_OR_NAME, "my-group-", False),
        (ARN_OR_NAME, "arn:aws:sagemaker:us-east-1:111122223333:model-package-group/g", True),
        (r"[\S]+", "image:1", True),
        (r"[\S]+", "image: 1", False),
        (r"[\S]+", "imäge", True),
        (r"[\S]+", "", False),
        (r"[\S\s]*", "any\nthing\u2028", True),
        (r"[\S\s]+", "", False),
        (".*", "one line", True),
        (".*", "two\rlines", False),
        (".*", "a\u0085b", False),
        (".{0,1024}", "x" * 1024, True),
    ],
)
def test_java_full_match(pattern: str, text: str, matches: bool) -> None:
    assert patterns.fullmatch(pattern, text) is matches


@pytest.mark.parametrize(
    ("java", "python", "needs_regex"),
    [
        (r"[-\w]+\/.+", r"[-A-Za-z0-9_]+\/[^\n\r\x85\u2028\u2029]+", False),
        (r"\d{12}", r"[0-9]{12}", False),
        (r"[\S]+", r"[^ \t\n\x0B\f\r]+", False),
        (r"[\S\s]*", r"[\s\S]*", False),
        (r"[^\S]", r"(?:[ \t\n\x0B\f\r])", False),
        (r"[a\S]", r"(?:[^ \t\n\x0B\f\r]|[a])", False),
        (r"\W\D", r"[^A-Za-z0-9_][^0-9]", False),
        (r"a${1,128}", r"a(?=(?:\r\n|[\n\r\x85\u2028\u2029])?\Z)", False),
        (r"[\p{L}_]*", r"[\p{L}_]*", True),
        (r"\p{Alpha}+", r"[A-Za-z]+", False),
        (r"[.]", r"[.]", False),
        (r"\.", r"\.", False),
        # Groups are only tested: non-capturing, unless a backreference reads one.
        (r"[a-z](-*[a-z]){0,62}", r"[a-z](?:-*[a-z]){0,62}", False),
        (r"(?i)(a|\(b\))", r"(?i)(?:a|\(b\))", False),
        (r"(a)\1", r"(a)\1", False),
    ],
)
def test_translate(java: str, python: str, needs_regex: bool) -> None:
    assert patterns.translate(java) == patterns.Translation(python, needs_regex)


def test_a_pattern_every_text_matches_is_not_run_on_the_hot_path() -> None:
    assert patterns.truthy_matcher(r"[\S\s]*") is None
    assert patterns.matcher(r"[\S\s]*")("any\nthing") is True
    assert patterns.truthy_matcher(r"[\S]+") is not None


def test_an_uncompilable_pattern_is_skipped_not_raised() -> None:
    assert patterns.matcher("(unclosed") is None
    assert patterns.fullmatch(r"\p{Unheard}", "x") is None


@pytest.mark.parametrize(
    ("pattern", "single_line_only"),
    [(".*", True), (".+", True), (".{0,1024}", True), ("[\\S\\s]*", False), ("a.*", False)],
)
def test_single_line_only(pattern: str, single_line_only: bool) -> None:
    assert patterns.single_line_only(pattern) is single_line_only


@pytest.mark.slow
def test_check_mode_reports_stale_files(tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("botocore")
    stale = tmp_path / "shapes.json"  # type: ignore[operator]
    stale.write_text("{}\n")
    monkeypatch.setattr(generate, "SHAPES_FILE", stale)
    assert generate.main(["--check"]) == 1
    monkeypatch.setattr(generate, "SHAPES_FILE", generate.DOCS_FILE.with_name("shapes.json"))
    assert generate.main(["--check"]) == 0


def test_ascii_values_never_import_regex() -> None:
    """Unicode-category patterns match ASCII text with ``re``; ``regex`` waits for non-ASCII."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from mplint.schema import patterns as P\n"
        "m = P.matcher(r'[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*')\n"
        "print(m('Churn model, v2 (beta)!'), m('tab\\there'), 'regex' in sys.modules)\n"
        "print(m('D\\u00e9tecteur \\u2713'), m('a\\u0007b'), 'regex' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["True False False", "True False True"]


def test_every_member_name_is_its_own_path_segment() -> None:
    # The JSON reader writes a schema member's path as parent + "." + name, unquoted.
    from mplint import paths

    names = {m for shape in load().shapes.values() for m in shape.members}
    assert len(names) > 100
    assert [n for n in sorted(names) if paths.segment(n) != n] == []


def test_the_sources_top_level_members_are_the_schema_roots() -> None:
    from mplint.sources.loaded import MEMBERS_BY_FOLDED, TOP_LEVEL_MEMBERS

    assert TOP_LEVEL_MEMBERS == TOP_LEVEL
    assert MEMBERS_BY_FOLDED["modelpackagename"] == "ModelPackageName"


def test_the_schema_walk_lists_typed_nodes_in_document_order() -> None:
    """Strings are checked in their object's member loop, yet listed where the document has them:
    after the strings of an earlier member's subtree, before those of a later one."""
    from mplint.model import Request
    from mplint.schema import conformance
    from mplint.sources import json_source

    text = (
        '{"ModelPackageGroupName": "g", "InferenceSpecification": {"Containers": [{"Image": "i",'
        ' "Environment": {"K": "v"}}], "SupportedContentTypes": ["text/csv"]},'
        ' "ModelPackageDescription": "d", "Bogus": {"Deep": "x"}, "Tags": [{"Key": "k", "Value": 1}]}'
    )
    request: Request = json_source.load(text, "r.json").requests[0]
    strings = [(node.path, shape.name) for node, shape in conformance.typed_of(request, "string")]
    assert strings == [
        ("ModelPackageGroupName", "ArnOrName"),
        ("InferenceSpecification.Containers[0].Image", "ContainerImage"),
        ("InferenceSpecification.Containers[0].Environment.K", "EnvironmentValue"),
        ("InferenceSpecification.SupportedContentTypes[0]", "ContentType"),
        ("ModelPackageDescription", "EntityDescription"),
        ("Tags[0].Key", "TagKey"),
    ]
    assert [(node.path, shape.name) for node, shape in conformance.typed_of(request, "map")] == [
        ("InferenceSpecification.Containers[0].Environment", "EnvironmentMap")
    ]
    found = sorted(
        (v.kind, v.node.path, v.at_key, v.text, v.member) for vs in conformance.violations(request).values() for v in vs
    )
    assert found == [
        ("unknown-member", "Bogus", True, "Bogus", None),
        ("wrong-type", "Tags[0].Value", False, None, None),
    ]


def test_the_schema_walk_never_descends_where_the_schema_does_not() -> None:
    """The walk recurses only as deep as the schema nests: 99 levels of nesting below an unknown
    member or where a string belongs are one finding each, whatever the recursion limit."""
    import inspect
    import sys

    from mplint.schema import conformance
    from mplint.sources import json_source

    deep = "[" * 95 + "]" * 95
    text = (
        '{"ModelPackageGroupName": "g", "Bogus": ' + deep + ', "InferenceSpecification": {"Containers": [{"Image": "i",'
        ' "Environment": {"K": ' + deep + "}}]}}"
    )
    request = json_source.load(text, "r.json").requests[0]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 40)  # room for the schema's ten levels
    try:
        found = conformance.violations(request)
    finally:
        sys.setrecursionlimit(limit)
    assert sorted((v.kind, v.node.path) for vs in found.values() for v in vs) == [
        ("unknown-member", "Bogus"),
        ("wrong-type", "InferenceSpecification.Containers[0].Environment.K"),
    ]
