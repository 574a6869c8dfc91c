"""Marketplace readiness checks that JMESPath cannot express: accounts and Regions in URIs.

They apply when the request sets ``CertifyForMarketplace: true`` or the marketplace profile is
active, like the pack's rules in ``rules/marketplace.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.lazy_re import lazy
from mplint.model import Kind, Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import MIME_LISTS
from mplint.wording import quote

MARKETPLACE = frozenset({"marketplace"})
_ECR = lazy(r"([0-9]{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/")
_ROLE = lazy(r"arn:aws[a-z-]*:iam::([0-9]{12}):role/")
# https://bucket.s3.<region>.amazonaws.com/... and https://s3.<region>.amazonaws.com/bucket/...
_S3_HTTPS = lazy(r"https://(?:[^/]+\.)?s3[.-]([a-z]{2}(?:-[a-z]+)+-[0-9])\.amazonaws\.com(?:\.cn)?/")
_IMAGE = "111122223333.dkr.ecr.us-east-2.amazonaws.com/churn@sha256:" + "0f" * 32
_S3_URLS = (
    ("InferenceSpecification", "Containers", "ModelDataUrl"),
    ("ValidationSpecification", "ValidationProfiles", "TransformJobDefinition.TransformInput.DataSource.S3DataSource.S3Uri"),
    ("ValidationSpecification", "ValidationProfiles", "TransformJobDefinition.TransformOutput.S3OutputPath"),
)  # fmt: skip


def for_marketplace(rule: Rule, request: Request) -> bool:
    """Tell whether the request asks for certification, or the marketplace profile is active."""
    certify = request.root.get("CertifyForMarketplace") if request.root else None
    if rule.profile in rule.profiles:
        return True
    return certify is not None and certify.is_known and certify.value is True


def images(request: Request) -> Iterator[tuple[Node, re.Match[str]]]:
    """Yield each container's known ECR image with its account and Region match."""
    containers = request.root.find("InferenceSpecification.Containers")
    for container in containers.items() if containers else ():
        image = container.get("Image")
        if image is not None and image.is_string and isinstance(image.value, str):
            m = _ECR.match(image.value)
            if m is not None:
                yield image, m


class ImageAccountNotValidationAccount(Rule):
    """Finds an image in another account than the validation role's.

    ## What it does
    Compares the account in each ECR image URI with the account of `ValidationRole`, for a
    package that asks for Marketplace certification.

    ## Why is this bad?
    AWS Marketplace publishes only images in the seller's own ECR; an image in another account
    fails validation with "Access denied for registry". The validation role's account is the
    cheapest static stand-in for the seller's account.

    ## Example
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification:
      Containers:
        - Image: 444455556666.dkr.ecr.us-east-2.amazonaws.com/churn:1
    ValidationSpecification:
      ValidationRole: arn:aws:iam::111122223333:role/v
    ```

    ## Use instead
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-2.amazonaws.com/churn:1
    ValidationSpecification:
      ValidationRole: arn:aws:iam::111122223333:role/v
    ```
    """

    code = "MP540"
    needs = frozenset({"ValidationSpecification"})
    name = "marketplace-image-in-other-account"
    severity = Severity.WARNING
    summary = "A Marketplace package's image is in another account than its validation role"
    profiles = MARKETPLACE
    _SPEC = "ValidationSpecification:\n  ValidationRole: arn:aws:iam::111122223333:role/v\n"
    VALID = (
        Valid(f"CertifyForMarketplace: true\nInferenceSpecification:\n  Containers:\n    - Image: {_IMAGE}\n{_SPEC}"),
        Valid(
            "InferenceSpecification:\n  Containers:\n"
            "    - Image: 444455556666.dkr.ecr.us-east-2.amazonaws.com/churn:1\n" + _SPEC
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', CertifyForMarketplace=True,\n"
            "    InferenceSpecification={'Containers': [{'Image': image_uri()}]},\n"
            "    ValidationSpecification={'ValidationRole': 'arn:aws:iam::111122223333:role/v'})\n",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "CertifyForMarketplace: true\nInferenceSpecification:\n  Containers:\n"
            "    - Image: 444455556666.dkr.ecr.us-east-2.amazonaws.com/churn:1\n" + _SPEC,
            at="InferenceSpecification.Containers[0].Image",
            line=4,
            column=14,
            message="account 444455556666, but ValidationRole is in account 111122223333",
        ),
        Invalid(
            "InferenceSpecification:\n  Containers:\n"
            "    - Image: 444455556666.dkr.ecr.us-east-2.amazonaws.com/churn:1\n" + _SPEC,
            profile="marketplace",
            at="InferenceSpecification.Containers[0].Image",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each image whose account differs from the validation role's."""
        role = request.root.find("ValidationSpecification.ValidationRole") if request.root else None
        if not for_marketplace(self, request) or role is None or not isinstance(role.value, str):
            return
        owner = _ROLE.match(role.value) if role.is_string else None
        if owner is None:
            return
        for image, m in images(request):
            if m.group(1) != owner.group(1):
                yield self.report(
                    image,
                    f"Image is in account {m.group(1)}, but ValidationRole is in "
                    f"account {owner.group(1)}; AWS Marketplace publishes only images in "
                    "the seller's own ECR",
                )


class AssetsInAnotherRegion(Rule):
    """Finds S3 assets in another Region than the image, where the URL names its Region.

    ## What it does
    Compares the Region of each ECR image with the Region of S3 URLs written in the
    Region-specific `https://` form (`https://bucket.s3.us-east-2.amazonaws.com/...`): the
    model artifacts and the validation input and output. `s3://` URLs name no Region and are
    not checked.

    ## Why is this bad?
    AWS Marketplace requires the package, the image, the model artifacts and the validation
    data to be in one Region.

    ## Example
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-2.amazonaws.com/churn:1
          ModelDataUrl: https://models.s3.eu-west-1.amazonaws.com/churn/model.tar.gz
    ```

    ## Use instead
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification:
      Containers:
        - Image: 111122223333.dkr.ecr.us-east-2.amazonaws.com/churn:1
          ModelDataUrl: https://models.s3.us-east-2.amazonaws.com/churn/model.tar.gz
    ```
    """

    code = "MP541"
    name = "marketplace-assets-in-other-region"
    severity = Severity.WARNING
    summary = "A Marketplace package's S3 assets are in another Region than its image"
    profiles = MARKETPLACE
    _BASE = (
        "CertifyForMarketplace: true\nInferenceSpecification:\n  Containers:\n"
        "    - Image: 111122223333.dkr.ecr.us-east-2.amazonaws.com/churn:1\n"
    )
    VALID = (
        Valid(_BASE + "      ModelDataUrl: https://models.s3.us-east-2.amazonaws.com/m.tar.gz\n"),
        Valid(_BASE + "      ModelDataUrl: s3://models-eu-west-1/m.tar.gz\n"),
        Valid(
            "sm.create_model_package(ModelPackageName='m', CertifyForMarketplace=True,\n"
            "    InferenceSpecification={'Containers': [{'Image': image_uri(),\n"
            "        'ModelDataUrl': 'https://models.s3.eu-west-1.amazonaws.com/m.tar.gz'}]})\n",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            _BASE + "      ModelDataUrl: https://models.s3.eu-west-1.amazonaws.com/m.tar.gz\n",
            at="InferenceSpecification.Containers[0].ModelDataUrl",
            line=5,
            column=21,
            message="is in eu-west-1, but the image is in us-east-2",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each Region-specific S3 URL outside the images' Region."""
        if request.root is None or not for_marketplace(self, request):
            return
        regions = {m.group(2) for _, m in images(request)}
        if len(regions) != 1:
            return
        (region,) = regions
        for top, listed, member in _S3_URLS:
            items = request.root.find(f"{top}.{listed}")
            for item in items.items() if items else ():
                url = item.find(member)
                if url is None or not url.is_string or not isinstance(url.value, str):
                    continue
                m = _S3_HTTPS.match(url.value)
                if m is not None and m.group(1) != region:
                    yield self.report(
                        url,
                        f"{quote(url.value)} is in {m.group(1)}, but the image is in "
                        f"{region}; AWS Marketplace needs every asset in one Region",
                    )


def missing_mime_list(rule: Rule, request: Request, member: str) -> Iterator[Diagnostic]:
    """Yield a finding when a Marketplace package's MIME list is missing, null or empty."""
    spec = request.root.get("InferenceSpecification") if request.root else None
    if spec is None or not spec.is_object or not for_marketplace(rule, request):
        return
    node = spec.get(member)
    if node is None:
        if spec.open or request.flavour == "cloudformation":
            return  # unknown members may hold it; a template: missing-cloudformation-property
        at = spec
    elif (node.is_array and not node.items()) or node.kind is Kind.NULL:
        at = node
    else:
        return
    words, example, _ = MIME_LISTS[member]
    yield rule.report(
        at, f"{member} is missing or empty; the listing must document the {words} MIME types, e.g. [{example}]."
    )


class MarketplaceMissingContentTypes(Rule):
    """Finds a Marketplace package that lists no input content types.

    ## What it does
    Reports `InferenceSpecification.SupportedContentTypes` when it is missing or empty on a
    package for AWS Marketplace. In a CloudFormation template a missing list is left to
    `missing-cloudformation-property`, which names the listing too: one finding per cause.

    ## Why is this bad?
    The listing documents input MIME types for real-time and batch inference, and Inference
    Recommender needs them; the API no longer requires the list.

    ## Example
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification: {SupportedResponseMIMETypes: [text/csv]}
    ```

    ## Use instead
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification: {SupportedContentTypes: [text/csv], SupportedResponseMIMETypes: [text/csv]}
    ```

    ## Source
    Seller Guide "Requirements and best practices for creating machine learning products"
    (https://docs.aws.amazon.com/marketplace/latest/userguide/ml-listing-requirements-and-best-practices.html).
    A recommendation, not an API rule.
    """

    code = "MP510"
    name = "marketplace-missing-content-types"
    severity = Severity.WARNING
    summary = "A Marketplace package lists no input content types"
    profiles = MARKETPLACE
    VALID = (
        Valid("CertifyForMarketplace: true\nInferenceSpecification: {SupportedContentTypes: [text/csv]}\n"),
        Valid(
            "spec = {'Containers': c}\nspec.update(extra_lists())\n"
            "sm.create_model_package(CertifyForMarketplace=True, InferenceSpecification=spec)",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "CertifyForMarketplace: true\nInferenceSpecification: {SupportedResponseMIMETypes: [text/csv]}\n",
            at="InferenceSpecification",
            line=2,
            column=25,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding when the input MIME list is missing or empty."""
        yield from missing_mime_list(self, request, "SupportedContentTypes")


class MarketplaceMissingResponseTypes(Rule):
    """Finds a Marketplace package that lists no response MIME types.

    ## What it does
    Reports `InferenceSpecification.SupportedResponseMIMETypes` when it is missing or empty on
    a package for AWS Marketplace. In a CloudFormation template a missing list is left to
    `missing-cloudformation-property`, which names the listing too.

    ## Why is this bad?
    The listing documents output MIME types for real-time and batch inference.

    ## Example
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification: {SupportedResponseMIMETypes: []}
    ```

    ## Use instead
    ```yaml
    CertifyForMarketplace: true
    InferenceSpecification: {SupportedResponseMIMETypes: [application/json]}
    ```

    ## Source
    Seller Guide "Requirements and best practices for creating machine learning products"
    (https://docs.aws.amazon.com/marketplace/latest/userguide/ml-listing-requirements-and-best-practices.html).
    A recommendation, not an API rule.
    """

    code = "MP511"
    name = "marketplace-missing-response-types"
    severity = Severity.WARNING
    summary = "A Marketplace package lists no response MIME types"
    profiles = MARKETPLACE
    VALID = (
        Valid(
            "CertifyForMarketplace: true\nInferenceSpecification: {SupportedResponseMIMETypes: [application/json]}\n"
        ),
        Valid("sm.create_model_package(CertifyForMarketplace=True, InferenceSpecification=spec())", source="python"),
    )
    INVALID = (
        Invalid(
            "CertifyForMarketplace: true\nInferenceSpecification: {SupportedResponseMIMETypes: []}\n",
            at="InferenceSpecification.SupportedResponseMIMETypes",
            line=2,
            column=54,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding when the output MIME list is missing or empty."""
        yield from missing_mime_list(self, request, "SupportedResponseMIMETypes")


RULES: tuple[type[Rule], ...] = (
    MarketplaceMissingContentTypes,
    MarketplaceMissingResponseTypes,
    ImageAccountNotValidationAccount,
    AssetsInAnotherRegion,
)
