"""MP601-MP604: members of the containers that must agree: validation vs. supported types,
image vs. digest, images outside Amazon ECR."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.lazy_re import lazy
from mplint.model import Node, Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import fields, replace_fix
from mplint.wording import quote

_PROFILE = "ValidationSpecification.ValidationProfiles[*].TransformJobDefinition"
CONTAINERS = ("InferenceSpecification.Containers[*]", "AdditionalInferenceSpecifications[*].Containers[*]")
# ECR image URI (facts §2.6; repository pattern from the ECR API model).
_REPO = r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*"
ECR_IMAGE = lazy(
    rf"[0-9]{{12}}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?/(?P<repo>{_REPO})"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-fA-F]{64})?"
)
ECR_FORM = "<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag|@sha256:<digest>]"
_PINNED = lazy(r"@(sha256:[0-9a-fA-F]{64})\Z")
_SPACE = lazy(r"\s")
_ECR_HOST = lazy(r"[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?")
_IMAGES = tuple(f"{c}.Image" for c in CONTAINERS)
_DIGEST = lazy(r"[Ss][Hh][Aa]256:[0-9a-fA-F]{64}")


def media_type(text: str) -> str:
    """Return ``type/subtype`` of a MIME type, lower case, without parameters."""
    return text.split(";", 1)[0].strip().lower()


def _accepts(listed: list[str], value: str) -> bool:
    """Tell whether a MIME list covers a value (``*/*`` and ``type/*`` cover their kinds)."""
    wanted = media_type(value)
    for item in map(media_type, listed):
        if item in (wanted, "*/*") or (item.endswith("/*") and wanted.startswith(item[:-1])):
            return True
    return False


class _ProfileMimeNotSupported(Rule):
    """Shared check of a validation profile's MIME member against a package MIME list."""

    member: str
    listed: str

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each profile value its package list does not cover."""
        listed = request.root.find(f"InferenceSpecification.{self.listed}")
        if listed is None or not listed.is_array or not listed.items() or listed.has_unknown():
            return
        values = [str(item.value) for item in listed.items() if item.is_string]
        for node in fields(request, (f"{_PROFILE}.{self.member}",)):
            if not str(node.value).strip() or _accepts(values, str(node.value)):
                continue
            shown = ", ".join(quote(v) for v in values[:5]) + (", ..." if len(values) > 5 else "")
            yield self.report(
                node,
                f"the validation job uses {quote(str(node.value))}, which "
                f"InferenceSpecification.{self.listed} does not list ({shown}); "
                "use a listed type or add it to the list",
            )


class ValidationContentTypeNotSupported(_ProfileMimeNotSupported):
    """Flags a validation input content type the package does not list as supported.

    ## What it does
    Compares a validation profile's `TransformInput.ContentType` with
    `InferenceSpecification.SupportedContentTypes`, on `type/subtype` without case or
    parameters (`text/csv; charset=utf-8` is `text/csv`). Silent when the list is absent, empty
    or not known statically.

    ## Why is this bad?
    Validation should send what buyers and pipelines will send; a content type the package does
    not declare validates an input the package does not promise to handle. A recommended
    consistency check, not an API constraint.

    ## Example
    ```yaml
    InferenceSpecification: {SupportedContentTypes: [text/csv]}
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition: {TransformInput: {ContentType: application/json}}
    ```

    ## Use instead
    ```yaml
    InferenceSpecification: {SupportedContentTypes: [text/csv, application/json]}
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition: {TransformInput: {ContentType: application/json}}
    ```
    """

    code = "MP601"
    name = "validation-content-type-not-supported"
    severity = Severity.WARNING
    summary = "The validation input's content type is not among SupportedContentTypes"
    member = "TransformInput.ContentType"
    listed = "SupportedContentTypes"
    VALID = (
        Valid(
            """
            InferenceSpecification: {SupportedContentTypes: [Text/CSV]}
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition: {TransformInput: {ContentType: text/csv; charset=utf-8}}
            """
        ),
        Valid(
            """
            InferenceSpecification: {SupportedContentTypes: []}
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition: {TransformInput: {ContentType: text/csv}}
            """
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={"
            "'SupportedContentTypes': content_types()}, ValidationSpecification={'ValidationProfiles':"
            " [{'TransformJobDefinition': {'TransformInput': {'ContentType': 'text/csv'}}}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            """
            InferenceSpecification: {SupportedContentTypes: [text/csv]}
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition: {TransformInput: {ContentType: application/json}}
            """,
            at=f"{_PROFILE.replace('[*]', '[0]')}.TransformInput.ContentType",
            line=4,
            column=62,
        ),
    )


class ValidationAcceptNotSupported(_ProfileMimeNotSupported):
    """Flags a validation output Accept type the package does not list as a response type.

    ## What it does
    Compares a validation profile's `TransformOutput.Accept` with
    `InferenceSpecification.SupportedResponseMIMETypes`, on `type/subtype` without case or
    parameters. Silent when the list is absent, empty or not known statically.

    ## Why is this bad?
    Validation should ask for an output the package declares; otherwise it checks a response
    the package does not promise. A recommended consistency check, not an API constraint.

    ## Example
    ```yaml
    InferenceSpecification: {SupportedResponseMIMETypes: [application/json]}
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition: {TransformOutput: {S3OutputPath: s3://b/o/, Accept: text/csv}}
    ```

    ## Use instead
    ```yaml
    InferenceSpecification: {SupportedResponseMIMETypes: [application/json]}
    ValidationSpecification:
      ValidationProfiles:
        - TransformJobDefinition: {TransformOutput: {S3OutputPath: s3://b/o/, Accept: application/json}}
    ```
    """

    code = "MP602"
    name = "validation-accept-not-supported"
    severity = Severity.WARNING
    summary = "The validation output's Accept type is not among SupportedResponseMIMETypes"
    member = "TransformOutput.Accept"
    listed = "SupportedResponseMIMETypes"
    VALID = (
        Valid(
            """
            InferenceSpecification: {SupportedResponseMIMETypes: [application/json]}
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition: {TransformOutput: {S3OutputPath: s3://b/o/, Accept: Application/JSON}}
            """
        ),
        Valid(
            """
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition: {TransformOutput: {S3OutputPath: s3://b/o/, Accept: text/csv}}
            """
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={"
            "'SupportedResponseMIMETypes': ['text/csv']}, ValidationSpecification={'ValidationProfiles':"
            " [{'TransformJobDefinition': {'TransformOutput': {'Accept': accept()}}}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            """
            InferenceSpecification: {SupportedResponseMIMETypes: [application/json]}
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition: {TransformOutput: {S3OutputPath: s3://b/o/, Accept: text/csv}}
            """,
            at=f"{_PROFILE.replace('[*]', '[0]')}.TransformOutput.Accept",
            line=4,
            column=83,
        ),
    )


class ImageDigestMismatch(Rule):
    """Flags an `ImageDigest` that differs from the digest the `Image` is pinned to.

    ## What it does
    When a container's `Image` ends in `@sha256:<digest>` and the container also gives
    `ImageDigest`, compares the two (hex digits without case) and offers the Image's digest.

    ## Why is this bad?
    The service resolves and records the image digest itself; a different `ImageDigest` means
    one of the two was copied from another build, and the package describes an image it does
    not run.

    ## Example
    ```yaml
    Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/model@sha256:aaaa…
    ImageDigest: sha256:bbbb…
    ```

    ## Use instead
    ```yaml
    Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/model@sha256:aaaa…
    ImageDigest: sha256:aaaa…
    ```
    """

    code = "MP603"
    fixable = "unsafe"
    name = "image-digest-mismatch"
    severity = Severity.WARNING
    summary = "ImageDigest differs from the digest the Image is pinned to"
    VALID = (
        Valid(
            "InferenceSpecification:\n  Containers:\n"
            f"    - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/m@sha256:{'ab' * 32}\n"
            f"      ImageDigest: SHA256:{'AB' * 32}\n"
        ),
        Valid(
            "InferenceSpecification:\n  Containers:\n"
            "    - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/m:1.0\n"
            f"      ImageDigest: sha256:{'ab' * 32}\n"
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={'Containers': "
            f"[{{'Image': image_uri(), 'ImageDigest': 'sha256:{'ab' * 32}'}}]}})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification:\n  Containers:\n"
            f"    - Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/m@sha256:{'ab' * 32}\n"
            f"      ImageDigest: sha256:{'cd' * 32}\n",
            at="InferenceSpecification.Containers[0].ImageDigest",
            line=4,
            column=20,
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each ImageDigest that disagrees with its Image."""
        for container in (c for p in CONTAINERS for c in request.select(p)):
            if not container.is_object:
                continue
            image, digest = container.get("Image"), container.get("ImageDigest")
            if image is None or digest is None or not image.is_string or not digest.is_string:
                continue
            pinned = _PINNED.search(str(image.value))
            given = str(digest.value)
            if pinned is None or not _DIGEST.fullmatch(given) or pinned[1].lower() == given.lower():
                continue
            yield self.report(
                digest,
                f"ImageDigest {quote(given, 20)} differs from the digest Image is pinned to "
                f"({quote(pinned[1], 20)}); use the Image's digest or drop ImageDigest",
                # Unsafe: which of the two digests is the one meant is not known.
                fix=replace_fix(digest, pinned[1])._replace(
                    title=f"Replace with the Image's digest '{pinned[1]}' (unsafe: another image)", safe=False
                ),
            )


def _image_hint(image: str) -> str:
    """Return which part of a non-ECR image reference is off."""
    host = image.split("/", 1)[0] if "/" in image else ""
    if not host or "." not in host:
        return "it names no registry host, so it would come from Docker Hub"
    if host == "public.ecr.aws":
        return "ECR Public is not a private ECR repository"
    if re.fullmatch(r"[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?", host):
        return "the repository, tag or digest part is malformed"
    return f"the registry {quote(host)} is not Amazon ECR"


class ImageNotInEcr(Rule):
    """Flags a container image that is not an Amazon ECR image URI.

    ## What it does
    Checks each container's `Image` against the ECR image URI form
    `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag|@sha256:<digest>]`.
    An image not known statically is not checked, except one whose known start (an f-string,
    `+`) names a registry host other than a private ECR one; whitespace is `pattern-mismatch`'s
    finding.

    ## Why is this bad?
    The CreateModelPackage reference says the inference image is stored in Amazon ECR; a Docker
    Hub or other registry reference fails when SageMaker pulls it (validation, deployment).

    ## Example
    ```yaml
    Image: docker.io/acme/model:1.0
    ```

    ## Use instead
    ```yaml
    Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/acme/model:1.0
    ```
    """

    code = "MP604"
    name = "image-not-in-ecr"
    severity = Severity.WARNING
    summary = "A container image that is not an Amazon ECR image URI"
    VALID = (
        Valid(
            "InferenceSpecification: {Containers: [{Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/acme/model:1.0}]}"
        ),
        Valid(
            "InferenceSpecification: {Containers: [{Image: 111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/model}]}"
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={'Containers': "
            "[{'Image': image_uri()}]})",
            source="python",
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={'Containers': "
            "[{'Image': f'{account}.dkr.ecr.{region}.amazonaws.com/m:1'}, "
            "{'Image': f'111122223333.dkr.ecr.us-east-1.amazonaws.com/{repo}'}, {'Image': f'py{v}'}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification: {Containers: [{Image: 'docker.io/acme/model:1.0'}]}",
            at="InferenceSpecification.Containers[0].Image",
            line=1,
            column=47,
            message="not Amazon ECR",
        ),
        # Only the start is known, and it names the registry.
        Invalid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={'Containers': "
            "[{'Image': f'docker.io/acme/{name}:latest'}]})",
            source="python",
            at="InferenceSpecification.Containers[0].Image",
            line=1,
            column=96,
            message="registry 'docker.io' is not Amazon ECR",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding at each image that is not an ECR image URI."""
        for node in fields(request, _IMAGES):
            image = str(node.value)
            if not image or _SPACE.search(image) or ECR_IMAGE.fullmatch(image):
                continue
            yield self.report(
                node,
                f"{quote(image, 60)} is not an Amazon ECR image URI ({_image_hint(image)}); "
                f"push the image to ECR and use {ECR_FORM}",
            )
        for node in _partial_images(request):
            prefix: str = node.prefix  # type: ignore[assignment]
            yield self.report(
                node,
                f"an image starting {quote(prefix, 60)} is not an Amazon ECR image URI "
                f"({_image_hint(prefix)}); push the image to ECR and use {ECR_FORM}",
            )


def _partial_images(request: Request) -> Iterator[Node]:
    """Yield images of which only the start is known, when that start names a registry that is
    certainly not a private ECR one (the host ends at a known ``/``)."""
    for pattern in _IMAGES:
        for node in request.select(pattern):
            prefix = getattr(node, "prefix", None)
            if node.is_known or not prefix or "/" not in prefix:
                continue
            host = prefix.split("/", 1)[0]
            if host and not _SPACE.search(host) and not _ECR_HOST.fullmatch(host):
                yield node


RULES: tuple[type[Rule], ...] = (
    ValidationContentTypeNotSupported,
    ValidationAcceptNotSupported,
    ImageDigestMismatch,
    ImageNotInEcr,
)
