"""MP605-MP606: what container environments hold: credentials and secrets written in clear."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from mplint.diagnostics import Diagnostic, Severity
from mplint.lazy_re import lazy
from mplint.model import Request
from mplint.rule import Invalid, Rule, Valid
from mplint.rules.facts import Facts
from mplint.secrets import has_access_key_id, has_private_key
from mplint.wording import quote

_PROFILE = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition"
_SECRET_ACCESS_KEY = lazy(r"(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9/+=]{40}")
_SECRET_WORDS = frozenset({"PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY"})
# Names that point at a secret rather than hold it (SECRET_ARN, TOKEN_URL, PASSWORD_FILE...).
_REFERENCE_WORDS = frozenset({"ARN", "NAME", "ID", "PATH", "FILE", "URL", "URI", "ENDPOINT", "REGION"})
_NOT_SECRET = lazy(r"(?i)|true|false|none|null|yes|no|-?[0-9.]+|arn:.*|\{\{resolve:.*|\$\{?\w+\}?")


def credential(key: str, value: str) -> str | None:
    """Return what kind of credential ``value`` is, when it plainly is one."""
    if has_access_key_id(value):
        return "an AWS access key id"
    if has_private_key(value):
        return "a PEM private key"
    if len(value) == 40 and ("SECRET" in key.upper() or "KEY" in key.upper()) and _SECRET_ACCESS_KEY.fullmatch(value):
        return "an AWS secret access key"
    return None


@functools.lru_cache(maxsize=4096)
def secret_name(key: str) -> bool:
    """Tell whether an environment variable's name says it holds a password, secret or token."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", key.upper()) if w]
    if not words or words[-1] in _REFERENCE_WORDS:
        return False
    pairs = {a + b for a, b in itertools.pairwise(words)}
    return bool(_SECRET_WORDS.intersection(words) or "APIKEY" in pairs)


_ADVICE = (
    "keep credentials out of the package: give the model an execution role, or have the "
    "container read the secret from AWS Secrets Manager at run time"
)


class CredentialInEnvironment(Rule):
    """Flags a container environment value that is an AWS key or a private key.

    ## What it does
    Looks in every container `Environment` (also in additional specifications) and in the
    validation job's `Environment` for an AWS access key id (`AKIA`/`ASIA` and 16 characters),
    a PEM private key block, and a 40-character secret access key under a name mentioning
    SECRET or KEY. The message never repeats the value.

    ## Why is this bad?
    The CreateModel reference says not to put sensitive data in environment variables: they are
    stored with the model package, returned by DescribeModelPackage to anyone allowed to read
    it, and copied into every model made from it.

    ## Example
    ```yaml
    Environment:
      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE
    ```

    ## Use instead
    ```yaml
    Environment:
      SAGEMAKER_PROGRAM: inference.py
    ```
    """

    code = "MP605"
    name = "credential-in-environment"
    severity = Severity.ERROR
    summary = "An AWS key or private key written into a container environment"
    VALID = (
        Valid("InferenceSpecification: {Containers: [{Environment: {SAGEMAKER_PROGRAM: inference.py}}]}"),
        # 40 hex digits (a commit id) are not a secret access key.
        Valid(f"InferenceSpecification: {{Containers: [{{Environment: {{CACHE_KEY: '{'a1' * 20}'}}}}]}}"),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={'Containers': "
            "[{'Environment': {'AWS_ACCESS_KEY_ID': os.environ['KEY']}}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification: {Containers: [{Environment: {AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE}}]}",
            at="InferenceSpecification.Containers[0].Environment.AWS_ACCESS_KEY_ID",
            line=1,
            column=73,
            message="value redacted (20 characters)",
        ),
        Invalid(
            """
            ValidationSpecification:
              ValidationProfiles:
                - TransformJobDefinition:
                    Environment:
                      AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            """,
            at=f"{_PROFILE}.Environment.AWS_SECRET_ACCESS_KEY",
            line=5,
            column=34,
            message="an AWS secret access key",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding, without the value, at each environment value that is a credential."""
        for key, node in Facts.of(request).environment:
            kind = credential(key, str(node.value))
            if kind is not None:
                yield self.report(
                    node,
                    f"environment variable {quote(key)} holds what looks like {kind} "
                    f"(value redacted ({len(str(node.value))} characters)); {_ADVICE}",
                )


class SecretNamedEnvironmentValue(Rule):
    """Flags a literal value of an environment variable named like a password, secret or token.

    ## What it does
    Reports a literal value of an environment variable whose name has the word PASSWORD,
    PASSWD, SECRET, TOKEN or API_KEY (`DB_PASSWORD`, `HF_TOKEN`, `OPENAI_API_KEY`), in any
    container or the validation job. Names that point at a secret (`*_ARN`, `*_NAME`, `*_ID`,
    `*_PATH`, `*_FILE`, `*_URL`...), empty, numeric and boolean values, ARNs and
    `{{resolve:...}}` references are left alone; so is `MAX_TOKENS` (TOKENS is another word).

    ## Why is this bad?
    The CreateModel reference says not to put sensitive data in environment variables: the value
    is stored with the package and shown by DescribeModelPackage. The name is only a hint, so
    this is a warning.

    ## Example
    ```yaml
    Environment:
      HF_TOKEN: hf_abcdefghijklmnopqrstuvwxyz
    ```

    ## Use instead
    ```yaml
    Environment:
      HF_TOKEN_SECRET_ARN: arn:aws:secretsmanager:us-east-1:111122223333:secret:hf-token
    ```
    """

    code = "MP606"
    name = "secret-in-environment"
    severity = Severity.WARNING
    summary = "A literal value for an environment variable named like a password, secret or token"
    VALID = (
        Valid(
            "InferenceSpecification: {Containers: [{Environment: {MAX_TOKENS: '512', SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:x'}}]}"
        ),
        Valid(
            "InferenceSpecification: {Containers: [{Environment: {TOKENIZER: bert-base, DB_PASSWORD_FILE: /run/pw}}]}"
        ),
        Valid(
            "sm.create_model_package(ModelPackageName='m', InferenceSpecification={'Containers': "
            "[{'Environment': {'HF_TOKEN': os.environ['HF_TOKEN']}}]})",
            source="python",
        ),
    )
    INVALID = (
        Invalid(
            "InferenceSpecification: {Containers: [{Environment: {DB_PASSWORD: hunter2hunter2}}]}",
            at="InferenceSpecification.Containers[0].Environment.DB_PASSWORD",
            line=1,
            column=67,
            message="value redacted (14 characters)",
        ),
    )

    def check(self, request: Request) -> Iterator[Diagnostic]:
        """Yield a finding, without the value, at each literal secret-named value."""
        for key, node in Facts.of(request).environment:
            value = str(node.value)
            if not secret_name(key) or _NOT_SECRET.fullmatch(value.strip()) or credential(key, value):
                continue
            yield self.report(
                node,
                f"environment variable {quote(key)} is named like a secret and has a literal "
                f"value (value redacted ({len(value)} characters)); {_ADVICE}",
            )


RULES: tuple[type[Rule], ...] = (CredentialInEnvironment, SecretNamedEnvironmentValue)
