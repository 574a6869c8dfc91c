"""Placeholder text left in a request: values copied from documentation or a template."""

from __future__ import annotations

from collections.abc import Iterator

from mplint import secrets
from mplint.diagnostics import Diagnostic, Severity
from mplint.lazy_re import lazy
from mplint.model import Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.schema import Shape, conformance
from mplint.values import quote

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
_MANY = 3


# Substrings every placeholder holds (lower case): most values have none, and a few substring
# tests cost less than one search of the pattern above.
def _hinted(text: str) -> bool:
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
    if not _hinted(text):
        return None
    found = _PLACEHOLDER.search(text.strip())
    return found.group() if found else None


def is_placeholder(node: Node, shape: Shape) -> bool:
    """Tell whether a typed string value holds a placeholder (enums and sensitive text aside)."""
    if shape.enum or shape.sensitive or placeholder_text(node.value) is None:  # type: ignore[arg-type]
        return False
    return not secrets.is_secret(node)


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
        if not _hinted("\x00".join([node.value for node, _ in strings])):  # type: ignore[misc]
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


RULES: tuple[type[Rule], ...] = (PlaceholderValue,)
