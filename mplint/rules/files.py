"""MP0xx, the file itself: the findings sources report (mplint.findings) and a saved
DescribeModelPackage response where a request belongs."""

from __future__ import annotations

import json
from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Fix, Severity
from mplint.findings import HYGIENE_RULES, SOURCE_RULES
from mplint.model import Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import output_only


class DescribeResponse(Rule):
    """Finds a DescribeModelPackage response where a CreateModelPackage request belongs.

    ## What it does
    Reports a request whose top level has members only a `DescribeModelPackage` response has
    (`ModelPackageArn`, `ModelPackageStatus`, `ModelPackageStatusDetails`, `CreationTime`,
    `CreatedBy`, `LastModifiedTime`, `LastModifiedBy`, `ModelPackageVersion`,
    `ApprovalDescription`, and boto3's `ResponseMetadata`), once, instead of one unknown-member
    finding for each. In a request file it offers a fix that rewrites the file without them;
    it is unsafe: the file is written again as JSON (comments and layout are lost) and what is
    left still names both package names for a version.

    ## Why is this bad?
    botocore refuses members the API does not have ("Unknown parameter in input"), so a
    response saved with `aws sagemaker describe-model-package > pkg.json` and passed back with
    `--cli-input-json` fails before anything is sent.

    ## Example
    ```json
    {"ModelPackageGroupName": "churn", "ModelPackageArn": "arn:aws:sagemaker:...",
     "ModelPackageStatus": "Completed", "CreationTime": "2026-01-05T10:00:00Z"}
    ```

    ## Use instead
    ```json
    {"ModelPackageGroupName": "churn"}
    ```

    ## Source
    botocore's `DescribeModelPackage` output shape minus the `CreateModelPackage` input shape
    (generated into `shapes.json`); botocore's parameter validation of unknown members
    (`botocore/validate.py`, "Unknown parameter in input").
    """

    code = "MP005"
    fixable = "unsafe"
    name = "describe-response"
    severity = Severity.ERROR
    summary = "A DescribeModelPackage response where a CreateModelPackage request belongs"
    flavours = frozenset({"request", "python", "notebook"})
    VALID = (
        Valid('{"ModelPackageGroupName": "churn", "ModelPackageDescription": "v2"}', source="json"),
        Valid('{"ModelPackageGroupName": "churn", "ModelPackageArn": "arn"}', source="json"),
        Valid("sm.create_model_package(**sm.describe_model_package(ModelPackageName=arn))", source="python"),
    )
    INVALID = (
        Invalid(
            '{"ModelPackageGroupName": "churn",\n "ModelPackageArn": "arn:aws:sagemaker:x",\n'
            ' "ModelPackageStatus": "Completed"}',
            source="json",
            at="ModelPackageArn",
            line=2,
            column=2,
            message="a DescribeModelPackage response, not a CreateModelPackage request",
        ),
        Invalid(
            "ModelPackageGroupName: churn\nCreationTime: 2026-01-05T10:00:00Z\nCreatedBy: {UserProfileName: ana}\n",
            at="CreationTime",
            line=2,
            column=1,
        ),
        Invalid(
            "request = {'ModelPackageGroupName': 'churn', 'ModelPackageArn': arn}\n"
            "request.update(ModelPackageStatus='Completed')\nsm.create_model_package(**request)\n",
            source="python",
            at="ModelPackageArn",
            line=1,
            column=46,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield one finding at the first output-only member, with the fix in request files."""
        found = output_only(request.root)
        if not found:
            return
        names = [str(n.name) for n in found]
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        message = (
            f"This is a DescribeModelPackage response, not a CreateModelPackage request: "
            f"{shown} are output only, and botocore refuses members the request does not "
            "have (Unknown parameter in input); remove them to register it again"
        )
        fix = _without(request, found) if request.flavour == "request" else None
        yield self.report(found[0], message, key=True, fix=fix)


def _without(request: Request, found: list[Node]) -> Fix:
    """Return the (unsafe) fix: the request rewritten as JSON without the output-only members."""
    drop = {id(n) for n in found}
    kept = {name: node.plain() for name, node in request.root.members() if id(node) not in drop}
    text = json.dumps(kept, indent=2, ensure_ascii=False, default=str)
    return Fix(
        "Remove the output-only members (unsafe: rewrites the file as JSON)", request.root.span, text, safe=False
    )


RULES: tuple[type[Rule], ...] = (*SOURCE_RULES, DescribeResponse, *HYGIENE_RULES)
