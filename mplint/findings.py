"""Findings that sources and the engine report themselves: parse errors, duplicates, crashes."""

from __future__ import annotations

from mplint.diagnostics import Severity
from mplint.rule import Invalid, Rule, Valid


class ParseError(Rule):
    """A candidate file could not be read or parsed.

    ## What it does
    Reports where the reader or parser stopped: malformed JSON or YAML, bytes that are not
    UTF-8, a document nested too deeply or expanding to too many nodes to analyse.

    ## Why is this bad?
    The AWS CLI and boto3 cannot read the request either; nothing else in the file is checked.

    ## Example
    ```json
    {"ModelPackageName": "churn-model",}
    ```

    ## Use instead
    ```json
    {"ModelPackageName": "churn-model"}
    ```
    """

    code = "MP001"
    name = "parse-error"
    severity = Severity.ERROR
    summary = "The file cannot be read or parsed"
    reported_by_source = True
    VALID = (Valid('{"ModelPackageName": "churn-model"}', source="json"),)
    INVALID = (Invalid('{"ModelPackageName": "churn-model",}', source="json", at="", line=1, column=36),)


class InternalError(Rule):
    """A rule raised an exception on a request.

    ## What it does
    Reports a crash inside mplint (or a plugin rule) as a finding naming the rule and the
    request; the run goes on with the other rules and files, and the exit status is 2. A
    plugin rule that runs past its time budget (5 s per request), and a rule-file expression
    that needs more than its cost budget, are stopped and reported the same way; anything else
    that goes wrong inside mplint on a file is one such finding for that file.

    ## Why is this bad?
    The request was not fully checked. Please report it with the input that caused it.

    ## Example
    A plugin rule that raises ``KeyError`` on a request.

    ## Use instead
    Fix or disable the rule that crashed (``--ignore CODE``).
    """

    code = "MP002"
    name = "internal-error"
    severity = Severity.ERROR
    summary = "A rule crashed on a request"
    reported_by_source = True


class DuplicateKey(Rule):
    """A mapping has the same key twice.

    ## What it does
    Reports the second occurrence of a key in one JSON object or YAML mapping.

    ## Why is this bad?
    The AWS CLI's JSON reader silently keeps the last value, so the first one is lost without a
    word; which one was meant is anybody's guess.

    ## Fix
    In JSON, an unsafe fix removes the earlier member, keeping the value the AWS CLI keeps. A
    YAML file has none: the AWS CLI's YAML reader refuses the file, so no reader's choice is
    the one to keep.

    ## Example
    ```yaml
    ModelPackageName: churn-model
    ModelPackageName: churn-model-v2
    ```

    ## Use instead
    ```yaml
    ModelPackageName: churn-model-v2
    ```
    """

    code = "MP003"
    name = "duplicate-key"
    severity = Severity.ERROR
    summary = "The same key appears twice in one mapping"
    reported_by_source = True
    fixable = "unsafe"
    VALID = (Valid("ModelPackageName: a\nModelPackageDescription: b\n"),)
    INVALID = (
        Invalid("ModelPackageName: a\nModelPackageName: b\n", at="ModelPackageName", line=2, column=1),
        Invalid(
            '{"ModelPackageName": "a", "ModelPackageName": "b"}',
            source="json",
            at="ModelPackageName",
            line=1,
            column=27,
        ),
    )


class MultipleDocuments(Rule):
    """A YAML request file holds more than one document.

    ## What it does
    Reports the start of the second document of a YAML request file. mplint checks the first
    document only, as the AWS CLI reads one.

    ## Why is this bad?
    ``--cli-input-yaml`` refuses a stream of several documents.

    ## Example
    ```yaml
    ModelPackageName: a
    ---
    ModelPackageName: b
    ```

    ## Use instead
    One request per file.
    """

    code = "MP004"
    name = "multiple-documents"
    severity = Severity.ERROR
    summary = "A YAML request file holds more than one document"
    reported_by_source = True
    VALID = (Valid("ModelPackageName: a\n"),)
    INVALID = (Invalid("ModelPackageName: a\n---\nModelPackageName: b\n", at="", line=2, column=1),)


SOURCE_RULES = (ParseError, InternalError, DuplicateKey, MultipleDocuments)
