"""MP720-MP725: a request's hygiene: duplicates, reserved tags, skeleton leftovers, artifact names.

Facts: the API reference and recommended practice (domain facts, sections 2.6, 2.8, 6, 8, 9).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Kind, Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import Facts
from mplint.rules.fixes import remove_fix
from mplint.schema import Shape, conformance, load
from mplint.wording import count, quote

PLACEHOLDER_KEY = "KeyName"
SKELETON_THRESHOLD = 3  # placeholders needed before a request "looks like" a skeleton


def repeats(nodes: Iterable[Node], key: Callable[[str], str] = str) -> Iterator[tuple[Node, Node]]:
    """Yield (repeat, first) for each known string whose key was seen before."""
    seen: dict[str, Node] = {}
    for node in nodes:
        if not node.is_string:
            continue
        k = key(node.value)  # type: ignore[arg-type]
        if k in seen:
            yield node, seen[k]
        else:
            seen[k] = node


def marketplace_checked(rule: Rule, request: Request) -> bool:
    """Tell whether the Marketplace pack already checks InferenceSpecification for this request."""
    certify = request.root.get("CertifyForMarketplace")
    return rule.profile == "marketplace" or (
        certify is not None and certify.kind is Kind.BOOL and certify.value is True
    )


class DuplicateAdditionalSpecificationName(Rule):
    """Finds two additional inference specifications with the same name.

    ## What it does
    Reports the second `AdditionalInferenceSpecifications[].Name` that repeats an earlier one.

    ## Why is this bad?
    The API requires the names to be unique within the list; the service rejects the request.

    ## Example
    ```yaml
    AdditionalInferenceSpecifications:
      - {Name: neo-c5, Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:neo}]}
      - {Name: neo-c5, Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:neo2}]}
    ```

    ## Use instead
    ```yaml
    AdditionalInferenceSpecifications:
      - {Name: neo-c5, Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:neo}]}
      - {Name: neo-g4dn, Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:neo2}]}
    ```
    """

    code = "MP720"
    needs = frozenset({"AdditionalInferenceSpecifications"})
    name = "duplicate-additional-specification-name"
    severity = Severity.ERROR
    summary = "Two additional inference specifications share a name"
    VALID = (
        Valid("AdditionalInferenceSpecifications:\n  - {Name: a}\n  - {Name: b}\n"),
        Valid(
            "sm.create_model_package(AdditionalInferenceSpecifications=[{'Name': n()}, {'Name': n()}])", source="python"
        ),
    )
    INVALID = (
        Invalid(
            "AdditionalInferenceSpecifications:\n  - {Name: a}\n  - {Name: a}\n",
            at="AdditionalInferenceSpecifications[1].Name",
            line=3,
            column=12,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each repeated name."""
        listed = request.root.get("AdditionalInferenceSpecifications")
        names = [n for s in (listed.items() if listed else ()) if (n := s.get("Name")) is not None]
        for node, first in repeats(names):
            yield self.report(
                node,
                f"Name {quote(node.value)} is already used by "  # type: ignore[arg-type]
                f"{first.path}; give each additional specification its own name",
            )


class DuplicateTagKey(Rule):
    """Finds two tags with the same key.

    ## What it does
    Reports the second `Tags[].Key` that repeats an earlier one.

    ## Why is this bad?
    Tag keys must be unique per resource; the service rejects the request.

    ## Example
    ```yaml
    Tags: [{Key: team, Value: growth}, {Key: team, Value: churn}]
    ```

    ## Use instead
    ```yaml
    Tags: [{Key: team, Value: growth}, {Key: project, Value: churn}]
    ```
    """

    code = "MP721"
    needs = frozenset({"Tags"})
    name = "duplicate-tag-key"
    severity = Severity.ERROR
    summary = "Two tags share a key"
    VALID = (
        Valid("Tags: [{Key: team, Value: a}, {Key: Team, Value: b}]\n"),
        Valid(
            "sm.create_model_package(Tags=[{'Key': k(), 'Value': 'a'}, {'Key': k(), 'Value': 'b'}])", source="python"
        ),
    )
    INVALID = (Invalid("Tags: [{Key: team, Value: a}, {Key: team, Value: b}]\n", at="Tags[1].Key", line=1, column=37),)

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each repeated tag key."""
        tags = request.root.get("Tags")
        keys = [k for t in (tags.items() if tags else ()) if (k := t.get("Key")) is not None]
        for node, first in repeats(keys):
            yield self.report(
                node,
                f"Tag key {quote(node.value)} is already used by "  # type: ignore[arg-type]
                f"{first.path}; merge the two tags",
            )


class ReservedTagKey(Rule):
    """Finds a tag key with the reserved `aws:` prefix.

    ## What it does
    Reports a `Tags[].Key` that starts with `aws:` in any case.

    ## Why is this bad?
    AWS reserves the `aws:` prefix for its own tags; user tags with it are refused.

    ## Example
    ```yaml
    Tags: [{Key: "aws:team", Value: growth}]
    ```

    ## Use instead
    ```yaml
    Tags: [{Key: team, Value: growth}]
    ```
    """

    code = "MP722"
    needs = frozenset({"Tags"})
    name = "reserved-tag-key"
    severity = Severity.WARNING
    summary = "A tag key with the reserved aws: prefix"
    VALID = (
        Valid("Tags: [{Key: team-aws, Value: growth}]\n"),
        Valid("sm.create_model_package(Tags=[{'Key': key(), 'Value': 'a'}])", source="python"),
    )
    INVALID = (Invalid('Tags: [{Key: "AWS:team", Value: growth}]\n', at="Tags[0].Key", line=1, column=14),)

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each tag key with the reserved prefix."""
        tags = request.root.get("Tags")
        for tag in tags.items() if tags else ():
            key = tag.get("Key")
            if (
                key is not None
                and key.is_string
                and isinstance(key.value, str)
                and key.value.lower().startswith("aws:")
            ):
                yield self.report(
                    key,
                    f"Tag key {quote(key.value)} uses the prefix 'aws:', "
                    "which AWS reserves for its own tags; drop the prefix",
                )


def map_nodes(request: Request) -> Iterator[Node]:
    """Yield every object node whose schema shape is a map (Environment, metadata, ...)."""
    for node, _ in conformance.typed_of(request, "map"):
        yield node


def _candidates(request: Request) -> Iterator[tuple[Node, Shape]]:
    """Yield the typed values that can be a placeholder: empty strings, booleans, integers."""
    yield from Facts.of(request).strings.empty
    yield from conformance.typed_of(request, "boolean")
    yield from conformance.typed_of(request, "integer")


def placeholders(request: Request) -> list[Node]:
    """Return the values a generated CLI skeleton leaves in place, in document order: "" where
    a character is needed, InstanceCount 0, AcceptEula true and "KeyName" map keys."""
    found = [node for node, shape in _candidates(request) if _placeholder(node, shape)]
    found.extend(key for node in map_nodes(request) if (key := node.get(PLACEHOLDER_KEY)) is not None)
    return sorted(found, key=lambda node: node.span)


def _placeholder(node: Node, shape: Shape) -> bool:
    value = node.value
    if value == "":
        return bool(node.path) and not shape.enum and ((shape.min or 0) >= 1 or not shape.fullmatch(""))
    if value is True:
        return node.kind is Kind.BOOL and node.name == "AcceptEula"
    return value == 0 and node.kind is Kind.NUMBER and node.name == "InstanceCount"


def placeholder_count(request: Request, enough: int) -> int:
    """Count placeholders up to ``enough``, looking only at the values that can be one."""
    count = 0
    for node, shape in _candidates(request):
        if _placeholder(node, shape):
            count += 1
            if count >= enough:
                return count
    for node in map_nodes(request):
        if PLACEHOLDER_KEY in node.value:  # type: ignore[operator]
            count += 1
    return count


class SkeletonMapKey(Rule):
    """Finds a map entry still keyed `KeyName`, as `--generate-cli-skeleton` writes it.

    ## What it does
    Reports the key `KeyName` in a map (`Environment`, `CustomerMetadataProperties`, a
    transform job's `Environment`).

    ## Why is this bad?
    The AWS CLI skeleton writes each map with one placeholder entry `"KeyName": ""`; left in
    place, the container or the package gets a meaningless entry.

    ## Example
    ```yaml
    CustomerMetadataProperties: {KeyName: ""}
    ```

    ## Use instead
    ```yaml
    CustomerMetadataProperties: {team: growth}
    ```
    """

    code = "MP723"
    fixable = "unsafe"
    name = "skeleton-map-key"
    severity = Severity.WARNING
    summary = "A map entry keyed KeyName, left from a generated CLI skeleton"
    VALID = (
        Valid("CustomerMetadataProperties: {team: growth}\n"),
        Valid("sm.create_model_package(CustomerMetadataProperties=metadata())", source="python"),
    )
    INVALID = (
        Invalid(
            "CustomerMetadataProperties: {KeyName: growth}\n",
            at="CustomerMetadataProperties.KeyName",
            line=1,
            column=30,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each KeyName key of a map."""
        for node in map_nodes(request):
            entry = node.get(PLACEHOLDER_KEY)
            if entry is not None:
                yield self.report(
                    entry,
                    f"{PLACEHOLDER_KEY!r} is the placeholder key of a "
                    "generated CLI skeleton; use a real key or remove the entry",
                    key=True,
                    fix=remove_fix(request, entry, f"Remove the {PLACEHOLDER_KEY} entry (unsafe: the map changes)"),
                )


class UneditedSkeleton(Rule):
    """Finds a request that looks like an unedited `--generate-cli-skeleton` output.

    ## What it does
    Counts the placeholders a generated skeleton leaves: `""` where the member needs a
    character, `InstanceCount: 0`, `AcceptEula: true`, `KeyName` map keys. With three or more
    it reports once, at the request. Each value keeps its own finding from the schema rules.

    ## Why is this bad?
    A skeleton holds every member with dummy values (and random enum values); sent as it is,
    it fails or creates a package nobody meant.

    ## Example
    ```yaml
    ModelPackageName: ""
    ClientToken: ""
    InferenceSpecification: {Containers: [{Image: ""}]}
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model
    InferenceSpecification: {Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1}]}
    ```
    """

    code = "MP724"
    name = "unedited-skeleton"
    severity = Severity.INFO
    summary = "The request looks like an unedited generated CLI skeleton"
    VALID = (
        Valid('ModelPackageName: ""\nModelPackageDescription: ""\n'),
        Valid("sm.create_model_package(ModelPackageName='', ClientToken='', **skeleton())", source="python"),
    )
    INVALID = (
        Invalid(
            'ModelPackageName: ""\nClientToken: ""\nInferenceSpecification: {Containers: [{Image: ""}]}\n',
            at="",
            line=1,
            column=1,
            message="3 values look like",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield one finding at the root when enough placeholders remain."""
        if placeholder_count(request, SKELETON_THRESHOLD) < SKELETON_THRESHOLD:
            return
        found = placeholders(request)
        shown = ", ".join(n.path for n in found[:3]) + (", …" if len(found) > 3 else "")
        yield self.report(
            request.root,
            f"{count(len(found), 'value')} look like placeholders "
            f"of a generated CLI skeleton ({shown}); fill them in or remove the "
            "members you do not need",
        )


class ModelDataNotTarGz(Rule):
    """Finds model artifacts or a sample payload that are not a `.tar.gz` archive.

    ## What it does
    Reports `ModelDataUrl` (containers, source algorithms) and `SamplePayloadUrl` when the URL
    does not end in `.tar.gz`; a URL of which only the end is known (an f-string, `+`,
    `os.path.join`) is judged by that end when it certainly ends the path (an `s3://` URL, or an
    end with a `/` and no query). `ModelDataSource` is not checked: it may name a prefix of
    uncompressed files. On a Marketplace package, the containers are left to
    `marketplace-model-data-not-tar-gz`.

    ## Why is this bad?
    The API documents both as a single gzip-compressed tar archive; anything else fails when
    SageMaker unpacks it.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers: [{ModelDataUrl: s3://b/churn/model.pkl}]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers: [{ModelDataUrl: s3://b/churn/model.tar.gz}]
    ```
    """

    code = "MP725"
    name = "model-data-not-tar-gz"
    severity = Severity.WARNING
    summary = "ModelDataUrl or SamplePayloadUrl is not a .tar.gz archive"
    VALID = (
        Valid("InferenceSpecification:\n  Containers: [{ModelDataUrl: s3://b/m/model.tar.gz}]\n"),
        Valid("SamplePayloadUrl: https://b.s3.amazonaws.com/p.tar.gz?versionId=3\n"),
        Valid("sm.create_model_package(SamplePayloadUrl=f's3://{bucket}/{key}')", source="python"),
        Valid("sm.create_model_package(SamplePayloadUrl=f's3://{bucket}/{key}.tar.gz')", source="python"),
        Valid("sm.create_model_package(SamplePayloadUrl=f'{url}?versionId=3')", source="python"),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  Containers: [{ModelDataUrl: s3://b/m/model.pkl}]\n",
            at="InferenceSpecification.Containers[0].ModelDataUrl",
            line=2,
            column=31,
        ),
        Invalid("SamplePayloadUrl: s3://b/payload/\n", at="SamplePayloadUrl", line=1, column=19),
        # Only the end is known: it is enough to tell.
        Invalid(
            "sm.create_model_package(SamplePayloadUrl=f's3://{bucket}/{run}/input.csv')",
            source="python",
            at="SamplePayloadUrl",
            line=1,
            column=42,
            message="ends with '/input.csv'",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each well-formed URL that does not name a .tar.gz."""
        urls = [h.get("ModelDataUrl") for h in Facts.of(request).artifact_holders]
        urls.append(request.root.get("SamplePayloadUrl"))
        skip_containers = marketplace_checked(self, request)
        schema = load()
        for node in urls:
            if node is not None and not node.is_known and getattr(node, "suffix", None) is not None:
                yield from self._partial(node, skip_containers)
            if node is None or not node.is_string:
                continue
            text: str = node.value  # type: ignore[assignment]
            if text.split("?", 1)[0].endswith(".tar.gz"):
                continue  # the common case first: no path or pattern to look at
            if skip_containers and node.path.startswith("InferenceSpecification.Containers["):
                continue
            shape = schema.shape_at(node.path)
            if text == "" or (shape is not None and not shape.fullmatch(text)):
                continue  # pattern-mismatch reports it
            yield self.report(
                node,
                f"{node.name} {quote(text, limit=80)} is not a .tar.gz archive; "
                "package the files as one gzip-compressed tar file",
            )

    def _partial(self, node: Node, skip_containers: bool) -> Iterator[Diagnostic]:
        """Judge a URL whose end alone is known (an f-string, ``+``, ``os.path.join``).

        Only an end with no query string, in an ``s3://`` URL or after a ``/``, is certain to
        be the end of the path (an ``https://`` URL's unknown middle may start a query).
        """
        suffix: str = node.suffix  # type: ignore[assignment]
        if "?" in suffix or suffix.endswith(".tar.gz") or ".tar.gz".endswith(suffix):
            return
        if not ((node.prefix or "").startswith("s3://") or "/" in suffix):
            return
        if skip_containers and node.path.startswith("InferenceSpecification.Containers["):
            return
        yield self.report(
            node,
            f"{node.name} ends with {quote(suffix, limit=80)}, not .tar.gz; "
            "package the files as one gzip-compressed tar file",
        )


RULES: tuple[type[Rule], ...] = (
    DuplicateAdditionalSpecificationName,
    DuplicateTagKey,
    ReservedTagKey,
    SkeletonMapKey,
    UneditedSkeleton,
    ModelDataNotTarGz,
)
