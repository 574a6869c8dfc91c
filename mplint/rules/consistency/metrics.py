"""MP610-MP612: model metrics and drift baselines that are not what their slot says (facts 6, [REC])."""

from __future__ import annotations

from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.lazy_re import lazy
from mplint.model import Kind, Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import Facts, has_metrics, replace_fix
from mplint.wording import quote

# type "/" subtype [; parameters] (RFC 6838 restricted names; "*" for wildcards).
_MIME = lazy(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*\s*(?:;.*)?\Z")
_KNOWN = {
    "json": "application/json",
    "csv": "text/csv",
    "jsonl": "application/jsonlines",
    "jsonlines": "application/jsonlines",
    "txt": "text/plain",
    "html": "text/html",
    "pdf": "application/pdf",
    "parquet": "application/x-parquet",
}


def _string(node: Node | None) -> str | None:
    return node.value if node is not None and node.kind is Kind.STRING else None  # type: ignore[return-value]


class MetricsContentTypeNotMime(Rule):
    """Finds a metrics or baseline `ContentType` that is not a MIME type.

    ## What it does
    Checks `ContentType` in every `ModelMetrics` and `DriftCheckBaselines` source for the
    `type/subtype` shape of a MIME type, and names the MIME type a file extension or format
    name stands for (`.json`, `json` → `application/json`; `csv` → `text/csv`).

    ## Why is this bad?
    The API accepts any text (`.*`), so the package registers; Studio and the Model Registry
    use the content type to show the report, and a consumer that reads the metrics with it
    (`Content-Type` of an S3 object, a parser picked by type) gets a value that names no
    media type. The API does not say so: a warning.

    ## Example
    ```yaml
    ModelMetrics:
      ModelQuality:
        Statistics: {ContentType: .json, S3Uri: s3://b/eval/statistics.json}
    ```

    ## Use instead
    ```yaml
    ModelMetrics:
      ModelQuality:
        Statistics: {ContentType: application/json, S3Uri: s3://b/eval/statistics.json}
    ```

    ## Source
    `MetricsSource.ContentType` in the API model (`.*`, 0..256); the SageMaker Python SDK's
    `MetricsSource(content_type="application/json")` examples. A recommendation, not an API rule.
    """

    code = "MP610"
    fixable = "safe"
    name = "metrics-content-type-not-mime"
    severity = Severity.WARNING
    summary = "A model metrics or baseline ContentType that is not a MIME type"
    VALID = (
        Valid(
            "ModelMetrics:\n  Bias:\n    Report: {ContentType: application/json, S3Uri: s3://b/bias/analysis.json}\n"
        ),
        Valid("sm.create_model_package(ModelMetrics={'Bias': {'Report': {'ContentType': kind}}})", source="python"),
    )
    INVALID = (
        Invalid(
            "ModelMetrics:\n  ModelQuality:\n    Statistics: {ContentType: .json, S3Uri: s3://b/s.json}\n",
            at="ModelMetrics.ModelQuality.Statistics.ContentType",
            line=3,
            column=31,
            message="'.json' is not a MIME type (type/subtype); did you mean 'application/json'?",
        ),
        Invalid(
            "metrics = {'ModelQuality': {'Statistics': {'ContentType': 'csv', 'S3Uri': uri}}}\n"
            "sm.create_model_package(ModelPackageGroupName='g', ModelMetrics=metrics)\n",
            source="python",
            at="ModelMetrics.ModelQuality.Statistics.ContentType",
            line=1,
            column=59,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each ContentType that has no type/subtype shape."""
        for source in Facts.of(request).metric_sources:
            node = source.get("ContentType")
            text = _string(node)
            if text is None or node is None or _MIME.match(text.strip()):
                continue
            better = _KNOWN.get(text.strip().lstrip(".").lower())
            message = f"{quote(text)} is not a MIME type (type/subtype)"
            fix = None
            if better is not None:
                message += f"; did you mean {quote(better)}?"
                fix = replace_fix(node, better)
            yield self.report(node, message, fix=fix)


class StatisticsSameAsConstraints(Rule):
    """Finds statistics and constraints that point at the same S3 object.

    ## What it does
    Compares `Statistics.S3Uri` and `Constraints.S3Uri` of `ModelQuality` and
    `ModelDataQuality`, in `ModelMetrics` and in `DriftCheckBaselines`.

    ## Why is this bad?
    A baselining job writes two files, `statistics.json` and `constraints.json`; the
    constraints are what monitoring checks new data against. One object in both slots means
    one of them holds the wrong file, and drift checks compare against statistics, or show
    constraints as statistics. A warning: the API cannot know what the object holds.

    ## Example
    ```yaml
    DriftCheckBaselines:
      ModelDataQuality:
        Statistics: {ContentType: application/json, S3Uri: s3://b/baseline/statistics.json}
        Constraints: {ContentType: application/json, S3Uri: s3://b/baseline/statistics.json}
    ```

    ## Use instead
    ```yaml
    DriftCheckBaselines:
      ModelDataQuality:
        Statistics: {ContentType: application/json, S3Uri: s3://b/baseline/statistics.json}
        Constraints: {ContentType: application/json, S3Uri: s3://b/baseline/constraints.json}
    ```

    ## Source
    The SageMaker Model Monitor baselining output (`statistics.json`, `constraints.json`,
    developer guide "Create a Baseline"); the API model has two slots of the same shape. A recommendation.
    """

    code = "MP611"
    name = "statistics-same-as-constraints"
    severity = Severity.WARNING
    summary = "Statistics and Constraints of a metrics or baseline block name the same S3 object"
    VALID = (
        Valid(
            "ModelMetrics:\n  ModelQuality:\n    Statistics: {ContentType: application/json, S3Uri: s3://b/s.json}\n"
            "    Constraints: {ContentType: application/json, S3Uri: s3://b/c.json}\n"
        ),
        Valid(
            "ModelMetrics:\n  ModelQuality:\n    Statistics: {ContentType: application/json, S3Uri: !Sub 's3://${B}/x'}\n"
            "    Constraints: {ContentType: application/json, S3Uri: !Sub 's3://${B}/x'}\n"
        ),
    )
    INVALID = (
        Invalid(
            "ModelMetrics:\n  ModelQuality:\n    Statistics: {ContentType: application/json, S3Uri: s3://b/s.json}\n"
            "    Constraints: {ContentType: application/json, S3Uri: s3://b/s.json}\n",
            at="ModelMetrics.ModelQuality.Constraints.S3Uri",
            line=4,
            column=57,
            message="ModelMetrics.ModelQuality.Constraints names the same object as its Statistics",
        ),
        Invalid(
            "uri = 's3://b/baseline/statistics.json'\n"
            "quality = {'Statistics': {'ContentType': 'application/json', 'S3Uri': uri}}\n"
            "quality['Constraints'] = {'ContentType': 'application/json', 'S3Uri': uri}\n"
            "sm.create_model_package(ModelPackageGroupName='g', DriftCheckBaselines={'ModelQuality': quality})\n",
            source="python",
            at="DriftCheckBaselines.ModelQuality.Constraints.S3Uri",
            line=1,
            column=7,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at the constraints' S3Uri when it equals the statistics'."""
        if not has_metrics(request):
            return
        for block in ("ModelMetrics", "DriftCheckBaselines"):
            for kind in ("ModelQuality", "ModelDataQuality"):
                stats = request.root.find(f"{block}.{kind}.Statistics.S3Uri")
                cons = request.root.find(f"{block}.{kind}.Constraints.S3Uri")
                left, right = _string(stats), _string(cons)
                if left and right and cons is not None and left.rstrip("/") == right.rstrip("/"):
                    yield self.report(
                        cons,
                        f"{block}.{kind}.Constraints names the same object as "
                        f"its Statistics ({quote(right)}); a baseline has a "
                        "statistics file and a constraints file",
                    )


_BIAS = lazy(r"(?i)(?<![a-z])bias(?![a-z])")
_EXPLAIN = lazy(r"(?i)explainab|(?<![a-z])shap(?![a-z])")


class MetricsReportInWrongSlot(Rule):
    """Finds a bias report slot pointing at an explainability output, or the reverse.

    ## What it does
    Reads the S3 URIs of `ModelMetrics.Bias.*` and `DriftCheckBaselines.Bias.*`, and of
    `ModelMetrics.Explainability.Report` and `DriftCheckBaselines.Explainability.*`. A bias
    slot whose URI names explainability (`explainability`, `shap`) and no bias, or an
    explainability slot whose URI names bias and no explainability, is reported.

    ## Why is this bad?
    SageMaker Clarify writes both kinds of output as `analysis.json`, so the two are easy to
    swap; the Model Registry then shows feature attributions as bias metrics. The URI is
    only a hint, so this is a warning.

    ## Example
    ```yaml
    ModelMetrics:
      Bias:
        Report: {ContentType: application/json, S3Uri: s3://b/clarify-explainability/analysis.json}
    ```

    ## Use instead
    ```yaml
    ModelMetrics:
      Bias:
        Report: {ContentType: application/json, S3Uri: s3://b/clarify-bias/analysis.json}
      Explainability:
        Report: {ContentType: application/json, S3Uri: s3://b/clarify-explainability/analysis.json}
    ```

    ## Source
    SageMaker Clarify processing output (`analysis.json` for bias and for explainability,
    developer guide "Analysis results"); the slots of `ModelMetrics` in the API model. A recommendation.
    """

    code = "MP612"
    name = "metrics-report-in-wrong-slot"
    severity = Severity.WARNING
    summary = "A bias slot names an explainability output, or an explainability slot a bias one"
    VALID = (
        Valid(
            "ModelMetrics:\n  Bias:\n    Report: {ContentType: application/json, S3Uri: s3://b/bias/analysis.json}\n"
        ),
        Valid(
            "ModelMetrics:\n  Bias:\n    Report: {ContentType: application/json, S3Uri: s3://b/bias-and-explainability/a.json}\n"
        ),
    )
    INVALID = (
        Invalid(
            "ModelMetrics:\n  Bias:\n    Report: {ContentType: application/json, "
            "S3Uri: s3://b/explainability/analysis.json}\n",
            at="ModelMetrics.Bias.Report.S3Uri",
            line=3,
            column=52,
            message="the bias slot ModelMetrics.Bias.Report names an explainability output",
        ),
        Invalid(
            "DriftCheckBaselines:\n  Explainability:\n    Constraints: {ContentType: application/json, "
            "S3Uri: s3://b/bias/analysis.json}\n",
            at="DriftCheckBaselines.Explainability.Constraints.S3Uri",
            line=3,
            column=57,
        ),
        Invalid(
            "metrics = {'Explainability': {'Report': {'ContentType': 'application/json',\n"
            "    'S3Uri': 's3://b/clarify-bias/analysis.json'}}}\n"
            "sm.create_model_package(ModelPackageGroupName='g', **{'ModelMetrics': metrics})\n",
            source="python",
            at="ModelMetrics.Explainability.Report.S3Uri",
            line=2,
            column=14,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each URI that names the other kind of report only."""
        for source in Facts.of(request).metric_sources:
            kind = source.path.split(".")[1]
            if kind == "Bias":
                slot, own, other, words = "bias", _BIAS, _EXPLAIN, "an explainability output"
            elif kind == "Explainability":
                slot, own, other, words = "explainability", _EXPLAIN, _BIAS, "a bias output"
            else:
                continue
            uri = source.get("S3Uri")
            text = _string(uri)
            if text is None or uri is None or own.search(text) or not other.search(text):
                continue
            yield self.report(
                uri,
                f"the {slot} slot {source.path} names {words} "
                f"({quote(text, 60)}); check that the report is in the right slot",
            )


RULES: tuple[type[Rule], ...] = (MetricsContentTypeNotMime, StatisticsSameAsConstraints, MetricsReportInWrongSlot)
