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


class UnusedSuppression(Rule):
    """A suppression directive that suppresses nothing.

    ## What it does
    Reports a ``# mplint: disable=...`` or ``# noqa: MPxxx`` directive (or one of its codes)
    whose rule was selected and ran on the file but found nothing the directive covers. A code
    whose rule did not run (not selected, ignored for the file, or for another kind of request)
    is never reported. Codes of other linters in a ``# noqa`` comment are left alone.

    ## Why is this bad?
    A directive left behind after its finding was fixed hides the next real finding on that
    line without anyone noticing (ruff's RUF100 reports the same for its own codes).

    ## Example
    ```yaml
    ModelPackageGroupName: churn-models  # mplint: disable=MP105
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn-models
    ```

    The fix (safe) removes the unused codes, or the whole directive when none is used.
    """

    code = "MP006"
    fixable = "safe"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "A suppression directive suppresses nothing"
    reported_by_source = True
    VALID = (Valid("ModelPackageGroupName: churn models  # mplint: disable=MP105\n"),)
    INVALID = (Invalid("ModelPackageGroupName: churn-models  # mplint: disable=MP105\n", at="", line=1, column=38),)


class UnknownSuppressionCode(Rule):
    """A suppression directive names a code no rule has.

    ## What it does
    Reports a code in a ``# mplint: disable=...`` directive (or an ``MP`` code in ``# noqa``)
    that is neither a built-in rule's, nor a loaded rule file's or plugin's, nor a prefix of
    one (``MP1`` selects the MP1xx rules and counts).

    ## Why is this bad?
    A mistyped code suppresses nothing, so the finding it was meant for is still reported, or
    the directive stays behind long after its rule was renamed.

    ## Example
    ```yaml
    ModelPackageGroupName: churn models  # mplint: disable=MP1055
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn models  # mplint: disable=MP105
    ```
    """

    code = "MP007"
    name = "unknown-suppression-code"
    severity = Severity.WARNING
    summary = "A suppression directive names a code that does not exist"
    reported_by_source = True
    VALID = (Valid("ModelPackageGroupName: churn models  # mplint: disable=MP1\n"),)
    INVALID = (Invalid("ModelPackageGroupName: churn models  # mplint: disable=MP1055\n", at="", line=1, column=38),)


class SuppressionWithoutReason(Rule):
    """A suppression directive gives no reason (with ``require-suppression-reason = true``).

    ## What it does
    When the configuration sets ``require-suppression-reason = true`` (or ``--select MP008``
    is given), reports every
    ``# mplint: disable...`` directive (and every ``# noqa`` naming an ``MP`` code) that does not
    say why after ``--``.

    ## Why is this bad?
    A suppression without a reason cannot be reviewed: nobody knows later whether the finding
    was a false alarm, accepted debt, or a mistake.

    ## Example
    ```yaml
    ModelPackageGroupName: churn models  # mplint: disable=MP105
    ```

    ## Use instead
    ```yaml
    ModelPackageGroupName: churn models  # mplint: disable=MP105 -- legacy name, renamed in Q3
    ```
    """

    code = "MP008"
    name = "suppression-without-reason"
    severity = Severity.WARNING
    summary = "A suppression directive gives no reason (require-suppression-reason)"
    # Reported only when asked for: by the config key, or by naming MP008 itself in select (a
    # prefix such as MP0 does not). The engine reports it; the rule itself checks no request.
    VALID = (Valid("ModelPackageGroupName: churn models  # mplint: disable=MP105 -- legacy name, renamed in Q3\n"),)
    INVALID = (Invalid("ModelPackageGroupName: churn models  # mplint: disable=MP105\n", at="", line=1, column=38),)


SOURCE_RULES = (ParseError, InternalError, DuplicateKey, MultipleDocuments)
# Reported by the engine about the directives themselves (mplint.engine.hygiene); they follow
# MP005 in the MP0 hundred.
HYGIENE_RULES = (UnusedSuppression, UnknownSuppressionCode, SuppressionWithoutReason)
# The findings about suppression directives themselves (never judged unused).
HYGIENE_CODES = frozenset({UnusedSuppression.code, UnknownSuppressionCode.code, SuppressionWithoutReason.code})
