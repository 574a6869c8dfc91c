"""What several rule modules read from a request: its members and instance-type fields, the
facts derived from it once per request (:class:`Facts`), placeholder text, and value fixes."""

from __future__ import annotations

import functools
import json
import weakref
from collections.abc import Iterator, Sequence
from functools import cached_property

from mplint import secrets
from mplint.diagnostics import Fix
from mplint.lazy_re import lazy
from mplint.model import Kind, Node, Request
from mplint.schema import Shape, conformance, load

NAME = "ModelPackageName"
GROUP = "ModelPackageGroupName"
UNVERSIONED = "unversioned"
VERSIONED = "versioned"
ALGORITHM = "SourceAlgorithmSpecification"

TRANSFORM = "TransformInstanceType"
REALTIME = "ProductionVariantInstanceType"
# The enum shapes of instance types; the generic enum rule leaves them to the MP3xx rules.
INSTANCE_TYPE_SHAPES = frozenset({TRANSFORM, REALTIME})
# Every member that names an instance type, by the enum shape it takes.
TRANSFORM_FIELDS = (
    "InferenceSpecification.SupportedTransformInstanceTypes[*]",
    "AdditionalInferenceSpecifications[*].SupportedTransformInstanceTypes[*]",
    "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition.TransformResources.InstanceType",
)
REALTIME_FIELDS = (
    "InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[*]",
    "AdditionalInferenceSpecifications[*].SupportedRealtimeInferenceInstanceTypes[*]",
)
# use in the region data -> (enum shape, member patterns, words)
_USES = (
    ("transform", TRANSFORM, TRANSFORM_FIELDS, "batch transform"),
    ("realtime", REALTIME, REALTIME_FIELDS, "real-time inference"),
)

_PROFILE = "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition"
# Every Environment map of the containers and validation jobs.
ENVIRONMENT = (
    "InferenceSpecification.Containers[*].Environment",
    "AdditionalInferenceSpecifications[*].Containers[*].Environment",
    f"{_PROFILE}.Environment",
)
# Every MetricsSource / FileSource of ModelMetrics and DriftCheckBaselines.
METRIC_SOURCES = (
    "ModelMetrics.ModelQuality.*",
    "ModelMetrics.ModelDataQuality.*",
    "ModelMetrics.Bias.*",
    "ModelMetrics.Explainability.*",
    "DriftCheckBaselines.ModelQuality.*",
    "DriftCheckBaselines.ModelDataQuality.*",
    "DriftCheckBaselines.Bias.*",
    "DriftCheckBaselines.Explainability.*",
)
# The MIME lists of an inference specification, with what an AWS Marketplace listing says of
# each: (the words for its types, an example, the marketplace rule that requires it).
MIME_LISTS = {
    "SupportedContentTypes": ("input", "text/csv", "marketplace-missing-content-types"),
    "SupportedResponseMIMETypes": ("output", "application/json", "marketplace-missing-response-types"),
}
# boto3 adds this to every response it returns; it is not in the service model.
RESPONSE_METADATA = "ResponseMetadata"
# How many output-only members make a mapping a response rather than a request with a stray key.
_ENOUGH = 2


def given(root: Node, member: str) -> Node | None:
    """Return a top-level member unless it is absent or written as null.

    The AWS CLI passes a null member of ``--cli-input-json`` to botocore, whose parameter
    validation rejects it before sending ("Invalid type for parameter ModelPackageName, value:
    None": ``botocore/validate.py``, ``type_check``; ``awscli/customizations/cliinputjson.py``
    ``_update_call_parameters`` copies every key). wrong-type reports the null; the other rules
    read the request the user means once it is fixed, without that member.
    """
    node = root.get(member)
    return None if node is None or node.kind is Kind.NULL else node


@functools.cache
def instance_types(shape: str) -> frozenset[str]:
    """Return the instance types of an enum shape, from the schema data."""
    return frozenset(load().shape(shape).enum)


def fields(request: Request, patterns: Sequence[str]) -> Iterator[Node]:
    """Yield the known string nodes at any of the member-path patterns.

    In pattern order, not document order: findings are sorted once at the end, and sorting
    here would work out the position of every value, reported or not.
    """
    for pattern in patterns:
        for node in request.select(pattern):
            if node.kind is Kind.STRING:
                yield node


def replacement(node: Node, text: str) -> str:
    """Return ``text`` as a plain edit of the node's span writes it: bare in place of a YAML plain
    scalar (the one kind of string whose source keeps its ``text``) when it reads back as the
    same string, else double-quoted, which JSON, YAML and Python all read as that string
    (whatever quotes, prefix, escapes or concatenation the value was written with)."""
    if node.text is not None and _PLAIN.fullmatch(text) and text.lower() not in _NOT_STRINGS:
        return text
    return json.dumps(text)


# Text a YAML plain scalar may hold and read back as the same string (no indicator first, no
# ": " or " #", not a number: a letter first).
_PLAIN = lazy(r"[A-Za-z][A-Za-z0-9._/+@=-]*(?::[A-Za-z0-9._/+@=-]+)*")
_NOT_STRINGS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def replace_fix(node: Node, text: str) -> Fix:
    """Return a fix that replaces the node's value by ``text``."""
    return Fix(f"Replace with '{text}'", node.span, replacement(node, text), kind="value", value=text)


def output_only(root: Node) -> list[Node]:
    """Return the root's output-only members (ModelPackageArn, CreationTime, ...), in order.

    Empty unless the root is a known mapping with at least two of them: one stray member is
    an unknown member, not a response.
    """
    if root.kind is not Kind.OBJECT:
        return []
    names = (*load().output_only, RESPONSE_METADATA)
    found = [node for name, node in root.members() if name in names]
    return sorted(found, key=lambda n: n.key_span or n.span) if len(found) >= _ENOUGH else []


# The words documentation and templates put where a value goes (facts 8; the API reference's
# request syntax writes "string" for every string; examples write "<AlgorithmName>",
# "<INSERT>", "REPLACE_ME", "xxxxxxxxxxxx" for an account id).
_PLACEHOLDER = lazy(
    r"(?:\Astring\Z)"  # the request-syntax placeholder, alone
    r"|<[^<>\s][^<>]{0,80}>"  # <AlgorithmName>, <INSERT>, <Customer to specify ...>
    r"|(?i:\b(?:replace|change)[-_ ]?me\b)"
    r"|(?i:\Adummy\b)"
    r"|\b(?:TODO|FIXME|TBD)\b"
    r"|(?i:(?<![a-z0-9])x{3,}(?![a-z0-9]))",
)


# Substrings every placeholder holds (lower case): most values have none, and a few substring
# tests cost less than one search of the pattern above.
def may_hold_placeholder(text: str) -> bool:
    """Tell whether ``text`` holds a substring every placeholder has (one C search each)."""
    low = text.lower()
    return (
        "<" in low
        or "string" in low
        or "replace" in low
        or "change" in low
        or "dummy" in low
        or "todo" in low
        or "fixme" in low
        or "tbd" in low
        or "xxx" in low
    )


def placeholder_text(text: str) -> str | None:
    """Return the placeholder in ``text`` ("<INSERT>", "REPLACE_ME", ...), or None."""
    if len(text) > 2048 or not text:
        return None
    if not may_hold_placeholder(text):
        return None
    found = _PLACEHOLDER.search(text.strip())
    return found.group() if found else None


def is_placeholder(node: Node, shape: Shape) -> bool:
    """Tell whether a typed string value holds a placeholder (enums and sensitive text aside)."""
    if shape.enum or shape.sensitive or not isinstance(node.value, str) or placeholder_text(node.value) is None:
        return False
    return not secrets.is_secret(node)


def has_metrics(request: Request) -> bool:
    """Tell whether the request has ModelMetrics or DriftCheckBaselines (most have neither)."""
    root = request.root
    return root.kind is Kind.OBJECT and (
        root.get("ModelMetrics") is not None or root.get("DriftCheckBaselines") is not None
    )


class StringFacts:
    """The typed strings of a request that are empty, and those with a character beyond ASCII,
    a \\n or a \\r (the only ones that can hold a line break), in document order."""

    __slots__ = ("empty", "unusual")

    def __init__(self, empty: list[tuple[Node, Shape]], unusual: list[tuple[Node, Shape]]) -> None:
        self.empty = empty
        self.unusual = unusual


class Facts:
    """What several rules derive from one request, each worked out on first use.

    :meth:`of` keeps one per request in the request's ``facts`` slot, so every rule that asks
    gets the same object, and threads checking different requests never share one (a request
    is checked by one thread; two threads making the facts of one request at once would each
    get a correct object). Facts refer to their request weakly: no reference cycle keeps a
    checked request alive.
    """

    def __init__(self, request: Request) -> None:
        # Weakly: the request keeps its facts, and a cycle would keep every request (and its
        # tree) alive until the garbage collector ran.
        self._request = weakref.ref(request)
        self.root = request.root

    @property
    def request(self) -> Request:
        """The request these facts are of (the facts live in it, so it is alive when asked)."""
        request = self._request()
        if request is None:
            raise ReferenceError("the request of these facts is gone")
        return request

    @staticmethod
    def of(request: Request) -> Facts:
        """Return the facts of ``request``, made on first use and kept on the request."""
        facts = request.facts
        if type(facts) is Facts:
            return facts
        made = request.facts = Facts(request)
        return made

    @cached_property
    def package_kind(self) -> str | None:
        """Return "unversioned" (a name, no group), "versioned" (a group, no name), or None.

        None when the root is not a known object, when both or neither name is given, or when
        the root is open (its unknown members may hold the other name) unless the name given
        excludes the other (the SageMaker SDK sends one name only).
        """
        root = self.root
        if root.kind is not Kind.OBJECT:
            return None
        name, group = given(root, NAME), given(root, GROUP)  # a null name is no name (see given)
        if name is not None and group is None:
            written, other = name, GROUP
        elif group is not None and name is None:
            written, other = group, NAME
        else:
            return None  # both names, or neither
        if root.open and other not in written.excludes:
            return None
        return UNVERSIONED if group is None else VERSIONED

    @cached_property
    def specifications(self) -> tuple[Node, ...]:
        """The inference specification and each additional one that is an object."""
        root = self.root
        spec = root.get("InferenceSpecification")
        additional = root.get("AdditionalInferenceSpecifications")
        nodes = [spec, *(additional.items() if additional is not None else ())]
        return tuple([node for node in nodes if node is not None and node.kind is Kind.OBJECT])

    @cached_property
    def containers(self) -> tuple[Node, ...]:
        """The container objects of the inference specification and the additional ones."""
        root = self.root
        specs = [root.get("InferenceSpecification")]
        additional = root.get("AdditionalInferenceSpecifications")
        specs.extend(additional.items() if additional is not None else ())
        found: list[Node] = []
        for spec in specs:
            listed = spec.get("Containers") if spec is not None else None
            if listed is not None:
                found.extend([item for item in listed.items() if item.kind is Kind.OBJECT])
        return tuple(found)

    @cached_property
    def artifact_holders(self) -> tuple[Node, ...]:
        """The objects that may name model artifacts: containers and source algorithms."""
        algorithms = self.root.find(f"{ALGORITHM}.SourceAlgorithms")
        if algorithms is None:
            return self.containers
        return (*self.containers, *[item for item in algorithms.items() if item.kind is Kind.OBJECT])

    @cached_property
    def validation_jobs(self) -> tuple[Node, ...]:
        """The transform job definitions of the validation profiles that are objects."""
        profiles = self.root.find("ValidationSpecification.ValidationProfiles")
        if profiles is None:
            return ()
        jobs = [profile.get("TransformJobDefinition") for profile in profiles.items()]
        return tuple([job for job in jobs if job is not None and job.kind is Kind.OBJECT])

    @cached_property
    def strings(self) -> StringFacts:
        """The typed strings that are empty, and those that can hold a line break, from one pass."""
        empty: list[tuple[Node, Shape]] = []
        unusual: list[tuple[Node, Shape]] = []
        for pair in conformance.typed_of(self.request, "string"):
            text: str = pair[0].value  # type: ignore[assignment]  # typed strings: a str each
            if not text:
                empty.append(pair)
            elif not text.isascii() or "\n" in text or "\r" in text:
                unusual.append(pair)
        return StringFacts(empty, unusual)

    @cached_property
    def instance_types(self) -> list[tuple[str, str, str, Node]]:
        """(use, enum shape, words, node) of every known instance type that is a value of its
        field's enum."""
        request = self.request
        return [
            (use, shape, words, node)
            for use, shape, patterns, words in _USES
            for node in fields(request, patterns)
            if node.value in instance_types(shape)
        ]

    @cached_property
    def metric_sources(self) -> list[Node]:
        """The metric and baseline source objects (those that are known objects)."""
        if not has_metrics(self.request):
            return []
        select = self.request.select
        return [node for pattern in METRIC_SOURCES for node in select(pattern) if node.kind is Kind.OBJECT]

    @cached_property
    def environment(self) -> list[tuple[str, Node]]:
        """(variable name, value node) for every known string value of the container and
        validation job environments."""
        return [
            (name, node)
            for pattern in ENVIRONMENT
            for env in self.request.select(pattern)
            if type(values := env.value) is dict
            for name, node in values.items()
            if node.kind is Kind.STRING
        ]
