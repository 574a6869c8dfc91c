"""MP726-MP734: what a package declares: Task and Domain, the model card, MIME lists, hostnames,
line breaks in single-line text, and placeholders left where a value belongs (domain facts,
sections 1.5, 2.6, 2.7, 2.8, 2.9 and 6)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import MIME_LISTS, Facts, is_placeholder, may_hold_placeholder, placeholder_text
from mplint.rules.hygiene.skeletons import marketplace_checked, repeats
from mplint.schema import conformance, patterns
from mplint.suggestions import closest, did_you_mean
from mplint.wording import quote

# Inference Recommender's tasks, as the API documents them for `Task`.
TASKS = (
    "IMAGE_CLASSIFICATION",
    "OBJECT_DETECTION",
    "TEXT_GENERATION",
    "IMAGE_SEGMENTATION",
    "FILL_MASK",
    "CLASSIFICATION",
    "REGRESSION",
    "OTHER",
)
# The domains the SageMaker Python SDK documents for `Domain`.
DOMAINS = ("COMPUTER_VISION", "NATURAL_LANGUAGE_PROCESSING", "MACHINE_LEARNING")
_MANY = 3  # other places of a placeholder named in full


def unlisted(rule: Rule, request: Request, member: str, allowed: tuple[str, ...]) -> Iterator[Diagnostic]:
    """Yield a finding when ``member`` is a known string outside ``allowed``."""
    node = request.root.get(member)
    if node is None or not node.is_string or node.value in allowed:
        return
    text: str = node.value  # type: ignore[assignment]
    suggestion = closest(text, allowed, cutoff=0.6)
    yield rule.report(
        node,
        f"{member} {quote(text)} is not one of the documented values ({', '.join(allowed)})" + did_you_mean(suggestion),
    )


class UnlistedTask(Rule):
    """Finds a `Task` outside the tasks the API documents.

    ## What it does
    Reports `Task` when it is not one of `IMAGE_CLASSIFICATION`, `OBJECT_DETECTION`,
    `TEXT_GENERATION`, `IMAGE_SEGMENTATION`, `FILL_MASK`, `CLASSIFICATION`, `REGRESSION`,
    `OTHER`.

    ## Why is this bad?
    `Task` is a free string, but Inference Recommender understands only these values.

    ## Example
    ```yaml
    Task: classification
    ```

    ## Use instead
    ```yaml
    Task: CLASSIFICATION
    ```
    """

    code = "MP726"
    needs = frozenset({"Task"})
    name = "unlisted-task"
    severity = Severity.INFO
    summary = "A Task outside the documented Inference Recommender tasks"
    VALID = (Valid("Task: CLASSIFICATION\n"), Valid("sm.create_model_package(Task=task())", source="python"))
    INVALID = (
        Invalid("Task: classification\n", at="Task", line=1, column=7, message="did you mean 'CLASSIFICATION'?"),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding when Task is not a documented task."""
        yield from unlisted(self, request, "Task", TASKS)


class UnlistedDomain(Rule):
    """Finds a `Domain` outside the domains the SageMaker Python SDK documents.

    ## What it does
    Reports `Domain` when it is not one of `COMPUTER_VISION`, `NATURAL_LANGUAGE_PROCESSING`,
    `MACHINE_LEARNING`.

    ## Why is this bad?
    `Domain` is a free string, but Inference Recommender expects one of these.

    ## Example
    ```yaml
    Domain: NLP
    ```

    ## Use instead
    ```yaml
    Domain: NATURAL_LANGUAGE_PROCESSING
    ```
    """

    code = "MP727"
    needs = frozenset({"Domain"})
    name = "unlisted-domain"
    severity = Severity.INFO
    summary = "A Domain outside the documented values"
    VALID = (Valid("Domain: MACHINE_LEARNING\n"), Valid("sm.create_model_package(Domain=domain())", source="python"))
    INVALID = (
        Invalid(
            "Domain: machine-learning\n", at="Domain", line=1, column=9, message="did you mean 'MACHINE_LEARNING'?"
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding when Domain is not a documented domain."""
        yield from unlisted(self, request, "Domain", DOMAINS)


class ModelCardContentNotJson(Rule):
    """Finds a model card whose content is not a JSON object.

    ## What it does
    Parses `ModelCard.ModelCardContent` as JSON and reports it when it is not a JSON object.
    The content is never shown in the message: it is marked sensitive.

    ## Why is this bad?
    The API takes the content as JSON text following the model package model card schema.

    ## Example
    ```yaml
    ModelCard: {ModelCardContent: "model_overview: churn", ModelCardStatus: Draft}
    ```

    ## Use instead
    ```yaml
    ModelCard: {ModelCardContent: '{"model_overview": {"model_creator": "growth"}}', ModelCardStatus: Draft}
    ```
    """

    code = "MP728"
    needs = frozenset({"ModelCard"})
    name = "model-card-content-not-json"
    severity = Severity.WARNING
    summary = "ModelCard.ModelCardContent is not a JSON object"
    VALID = (
        Valid("ModelCard: {ModelCardContent: '{\"model_overview\": {}}'}\n"),
        Valid("sm.create_model_package(ModelCard={'ModelCardContent': card_json()})", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelCard: {ModelCardContent: 'model_overview: x'}\n",
            at="ModelCard.ModelCardContent",
            line=1,
            column=31,
            message="not valid JSON (line 1, column 1)",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding when the content does not parse as a JSON object."""
        node = request.root.find("ModelCard.ModelCardContent")
        if node is None or not node.is_string:
            return
        try:
            content = json.loads(node.value)  # type: ignore[arg-type]
        except ValueError as exc:
            line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
            yield self.report(
                node,
                f"ModelCardContent is not valid JSON (line {line}, column "
                f"{column}); write the model card as a JSON object",
            )
            return
        if not isinstance(content, dict):
            yield self.report(
                node, "ModelCardContent must be a JSON object following the model package model card schema"
            )


class ModelCardPackageDetails(Rule):
    """Finds `model_package_details` in a model package's model card.

    ## What it does
    Reports `ModelCard.ModelCardContent` when its JSON object has a `model_package_details`
    key.

    ## Why is this bad?
    The model package model card schema is the generic schema without
    `model_package_details`: the package fills those in itself.

    ## Example
    ```yaml
    ModelCard: {ModelCardContent: '{"model_package_details": {}}'}
    ```

    ## Use instead
    ```yaml
    ModelCard: {ModelCardContent: '{"model_overview": {"model_creator": "growth"}}'}
    ```
    """

    code = "MP729"
    needs = frozenset({"ModelCard"})
    name = "model-card-package-details"
    severity = Severity.WARNING
    summary = "The model card content holds model_package_details"
    VALID = (
        Valid("ModelCard: {ModelCardContent: '{\"model_overview\": {}}'}\n"),
        Valid("sm.create_model_package(ModelCard=card())", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelCard: {ModelCardContent: '{\"model_package_details\": {}}'}\n",
            at="ModelCard.ModelCardContent",
            line=1,
            column=31,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding when the content's object has model_package_details."""
        node = request.root.find("ModelCard.ModelCardContent")
        if node is None or not node.is_string:
            return
        try:
            content = json.loads(node.value)  # type: ignore[arg-type]
        except ValueError:
            return
        if isinstance(content, dict) and "model_package_details" in content:
            yield self.report(
                node,
                "ModelCardContent must not hold 'model_package_details' (the package provides them); remove that key",
            )


class DuplicateContainerHostname(Rule):
    """Finds two containers of one inference specification with the same hostname.

    ## What it does
    Reports the second `ContainerHostname` that repeats an earlier one in the same
    `Containers` list (each additional specification is deployed apart, so lists are checked
    one by one).

    ## Why is this bad?
    CreateModel needs unique hostnames to address the containers of an inference pipeline.

    ## Example
    ```yaml
    InferenceSpecification:
      Containers: [{ContainerHostname: prep}, {ContainerHostname: prep}]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      Containers: [{ContainerHostname: prep}, {ContainerHostname: model}]
    ```
    """

    code = "MP730"
    name = "duplicate-container-hostname"
    severity = Severity.WARNING
    summary = "Two containers share a ContainerHostname"
    VALID = (
        Valid("InferenceSpecification:\n  Containers: [{ContainerHostname: a}, {ContainerHostname: b}]\n"),
        Valid(
            "sm.create_model_package(InferenceSpecification={'Containers': [{"
            "'ContainerHostname': h()}, {'ContainerHostname': h()}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  Containers: [{ContainerHostname: a}, {ContainerHostname: a}]\n",
            at="InferenceSpecification.Containers[1].ContainerHostname",
            line=2,
            column=60,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each repeated hostname within one Containers list."""
        for spec in Facts.of(request).specifications:
            listed = spec.get("Containers")
            names = [
                h
                for c in (listed.items() if listed else ())
                if (h := c.get("ContainerHostname")) is not None and h.value != ""
            ]
            for node, first in repeats(names):
                yield self.report(
                    node,
                    f"ContainerHostname {quote(node.value)} is already "  # type: ignore[arg-type]
                    f"used by {first.path}; give each container its own",
                )


class EmptyMimeTypeList(Rule):
    """Finds an empty `SupportedContentTypes` or `SupportedResponseMIMETypes` list.

    ## What it does
    Reports either list when it has no item, in the inference specification and the
    additional ones. (On a Marketplace package the inference specification is left to the
    Marketplace rules.)

    ## Why is this bad?
    The API accepts `[]`, but buyers and Inference Recommender learn nothing about the
    formats the model reads and writes, and CloudFormation requires the lists.

    ## Example
    ```yaml
    InferenceSpecification:
      SupportedContentTypes: []
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      SupportedContentTypes: [text/csv]
    ```
    """

    code = "MP731"
    name = "empty-mime-type-list"
    severity = Severity.WARNING
    summary = "An empty SupportedContentTypes or SupportedResponseMIMETypes list"
    VALID = (
        Valid("InferenceSpecification: {SupportedContentTypes: [text/csv]}\n"),
        Valid("sm.create_model_package(InferenceSpecification={'SupportedContentTypes': t()})", source="python"),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification: {SupportedResponseMIMETypes: []}\n",
            at="InferenceSpecification.SupportedResponseMIMETypes",
            line=1,
            column=54,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each empty MIME list."""
        skip_main = marketplace_checked(self, request)
        for spec in Facts.of(request).specifications:
            if skip_main and spec.path == "InferenceSpecification":
                continue
            for member in MIME_LISTS:
                node = spec.get(member)
                if node is not None and node.is_array and not node.items():
                    yield self.report(
                        node,
                        f"{member} is empty; list the MIME types the model handles (e.g. text/csv), or omit the member",
                    )


class DuplicateMimeType(Rule):
    """Finds a MIME type listed twice in `SupportedContentTypes` or `SupportedResponseMIMETypes`.

    ## What it does
    Reports the second item that repeats an earlier one in the same list (compared without
    case and surrounding spaces).

    ## Why is this bad?
    The repeat adds nothing; it is usually a typo for another type.

    ## Example
    ```yaml
    InferenceSpecification:
      SupportedContentTypes: [text/csv, text/CSV]
    ```

    ## Use instead
    ```yaml
    InferenceSpecification:
      SupportedContentTypes: [text/csv, application/json]
    ```
    """

    code = "MP732"
    name = "duplicate-mime-type"
    severity = Severity.WARNING
    summary = "A MIME type listed twice"
    VALID = (
        Valid("InferenceSpecification: {SupportedContentTypes: [text/csv, application/json]}\n"),
        Valid("sm.create_model_package(InferenceSpecification={'SupportedContentTypes': [t(), t()]})", source="python"),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification: {SupportedContentTypes: [text/csv, text/CSV]}\n",
            at="InferenceSpecification.SupportedContentTypes[1]",
            line=1,
            column=60,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each repeated MIME type."""
        for spec in Facts.of(request).specifications:
            for member in MIME_LISTS:
                node = spec.get(member)
                items = node.items() if node is not None else []
                for item, first in repeats(items, key=lambda t: t.strip().lower()):
                    yield self.report(
                        item,
                        f"{quote(item.value)} repeats {first.path}; remove "  # type: ignore[arg-type]
                        "it",
                    )


class LineBreakInSingleLineField(Rule):
    """Finds a line break in a member whose pattern is `.*`.

    ## What it does
    Reports a string with a line break (`\\n`, `\\r`, U+0085, U+2028, U+2029) in a member
    whose API pattern is `.*`-like: `ContentType`, `Accept`, `MetadataProperties`,
    `ModelCardContent`, `StageDescription`, ... (Descriptions with line breaks break their
    own pattern and are `pattern-mismatch`'s finding.) A sensitive value is not shown.

    ## Why is this bad?
    The service applies the pattern with Java semantics, where `.` matches no line
    terminator. Whether it enforces that on long free text is not established.

    ## Example
    ```yaml
    ModelLifeCycle:
      Stage: Development
      StageStatus: InProgress
      StageDescription: "first line\nsecond line"
    ```

    ## Use instead
    ```yaml
    ModelLifeCycle:
      Stage: Development
      StageStatus: InProgress
      StageDescription: first line; second line
    ```
    """

    code = "MP733"
    name = "line-break-in-single-line-field"
    severity = Severity.WARNING
    summary = "A line break in a member whose pattern allows a single line only"
    VALID = (
        Valid("MetadataProperties: {CommitId: 4f2c9e1}\n"),
        Valid("sm.create_model_package(MetadataProperties={'CommitId': f'{sha}\\n'})", source="python"),
    )
    INVALID = (
        Invalid('MetadataProperties: {CommitId: "4f2c9e1\\n"}\n', at="MetadataProperties.CommitId", line=1, column=32),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each single-line string holding a line break."""
        for node, shape in Facts.of(request).strings.unusual:  # ASCII without \n or \r holds no line break
            text: str = node.value  # type: ignore[assignment]
            if shape.pattern is None or not patterns.single_line_only(shape.pattern):
                continue
            if not patterns.has_line_break(text):
                continue
            shown = "(value not shown)" if shape.sensitive else quote(node.value)  # type: ignore[arg-type]
            advice = "write the JSON on one line" if node.name == "ModelCardContent" else "keep it on one line"
            yield self.report(
                node,
                f"{node.path} {shown} holds a line break, which its pattern "
                f"{shape.pattern} does not allow (Java '.'); {advice}",
            )


class PlaceholderValue(Rule):
    """Finds a placeholder left where a real value belongs.

    ## What it does
    Reports string values that hold the words documentation and templates put where a value
    goes: `"string"` (the API reference's request syntax), `<AlgorithmName>`, `<INSERT>` and
    any `<...>`, `REPLACE_ME`, `CHANGE_ME`, a value starting with `dummy`, `TODO`/`FIXME`/`TBD`,
    and `xxx` (an account id written `xxxxxxxxxxxx`). Names, URIs, images, roles, keys and
    descriptions are checked; enum members and sensitive text are not. The same placeholder
    in several places is one finding at the first, naming the others. The pattern rule stays
    silent on a placeholder: the finding says what it is, not which regular expression fails.

    ## Why is this bad?
    A placeholder either fails the member's pattern at the service, or, worse, passes it
    (`"string"` is a valid model package name) and registers a package nobody meant.
    No AWS document lists these words; this is a warning.

    ## Example
    ```yaml
    ModelPackageGroupName: <ModelPackageGroupName>
    ModelPackageDescription: TODO
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    ModelPackageDescription: Predicts churn from 90 days of usage
    ```

    ## Source
    The API reference's request syntax ("string" placeholders), the AWS CLI's
    `--generate-cli-skeleton`, and a public report of the service rejecting
    `'<Customer to specify Model package ARN ...>'` (aws/amazon-sagemaker-examples#2289).
    """

    code = "MP734"
    name = "placeholder-value"
    severity = Severity.WARNING
    summary = 'A placeholder ("string", <...>, REPLACE_ME, TODO, xxx) left where a value belongs'
    VALID = (
        Valid("ModelPackageGroupName: churn-models\nModelPackageDescription: Strings of text\n"),
        Valid("ModelPackageGroupName: xxl-models\nModelPackageDescription: todo list ranking model\n"),
        Valid("sm.create_model_package(ModelPackageGroupName=f'<{team}>')", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelPackageGroupName: <ModelPackageGroupName>\n",
            at="ModelPackageGroupName",
            line=1,
            column=24,
            message="ModelPackageGroupName is a placeholder ('<ModelPackageGroupName>')",
        ),
        Invalid('{"ModelPackageName": "string"}', source="json", at="ModelPackageName", line=1, column=22),
        Invalid(
            "model.register(\n    model_package_group_name='churn',\n    description='TODO',\n)\n",
            source="python",
            at="ModelPackageDescription",
            line=3,
            column=17,
            message="description is a placeholder ('TODO')",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield one finding per placeholder, at its first place, naming the others."""
        strings = conformance.typed_of(request, "string")
        if not may_hold_placeholder("\x00".join([node.value for node, _ in strings])):  # type: ignore[misc]
            return  # one search over all the text: most requests hold no placeholder
        by_word: dict[str, list[Node]] = {}
        for node, shape in strings:
            if is_placeholder(node, shape):
                word = placeholder_text(node.value)  # type: ignore[arg-type]
                by_word.setdefault(word, []).append(node)  # type: ignore[arg-type]
        for word, nodes in by_word.items():
            first = nodes[0]
            text: str = first.value  # type: ignore[assignment]
            written = request.names.get(first.path, first.path)
            if word == text.strip():
                message = f"{written} is a placeholder ({quote(text)}); put the real value in"
            else:
                message = f"{written} holds a placeholder, {quote(word)}, in {quote(text)}; put the real value in"
            others = [n.path for n in nodes[1:]]
            if others:
                shown = ", ".join(others[:_MANY]) + (f" and {len(others) - _MANY} more" if len(others) > _MANY else "")
                message += f" (the same placeholder is also at {shown})"
            yield self.report(first, message)


RULES: tuple[type[Rule], ...] = (
    UnlistedTask,
    UnlistedDomain,
    ModelCardContentNotJson,
    ModelCardPackageDetails,
    DuplicateContainerHostname,
    EmptyMimeTypeList,
    DuplicateMimeType,
    LineBreakInSingleLineField,
    PlaceholderValue,
)
