"""What is secret in a request, so that no message or excerpt ever shows it.

A value is secret when it is a container or transform-job ``Environment`` value whose variable
name says it holds a credential (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, CREDENTIAL,
ACCESS_KEY, ...) or whose text looks like one (an AWS access key id, a 40-character secret
access key, a PEM private key), or anything under ``ModelCard.ModelCardContent``, which the
API model marks sensitive. Messages say ``value redacted (N characters)`` instead; the text
reporter masks the spans of secret values in the source lines it prints.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import cast

from mplint import paths
from mplint.lazy_re import lazy
from mplint.model import Kind, Node, Request, Span

REDACTED = "value redacted ({n} characters)"
# Line breaks and tabs as messages escape them (mplint.wording): a secret is scrubbed in that form too.
CONTROL_TABLE = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# Words of a variable name that say it holds a credential; pairs are adjacent words.
_WORDS = frozenset({
    "PASSWORD", "PASSWD", "PWD", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS", "CREDENTIAL",
    "CREDENTIALS", "CREDS", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "SECRETKEY", "AUTHKEY",
})  # fmt: skip
_PAIRS = frozenset({("API", "KEY"), ("PRIVATE", "KEY"), ("ACCESS", "KEY"), ("SECRET", "KEY"), ("AUTH", "KEY")})
_SPLIT = lazy(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
ACCESS_KEY_ID = lazy(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")
_SECRET_ACCESS_KEY = lazy(
    r"(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{0,39}[a-z])(?=[A-Za-z0-9/+=]{0,39}[A-Z])"
    r"(?=[A-Za-z0-9/+=]{0,39}[0-9])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"
)
PRIVATE_KEY = lazy(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")
_SENSITIVE_PATHS = ("ModelCard.ModelCardContent",)
# A line of a file that could not be parsed: ``NAME: value`` or ``"NAME": "value"`` with a secret name.
_LINE = lazy(r"""^[ \t\-{,]*(["']?)([A-Za-z_][A-Za-z0-9_.\-]*)\1[ \t]*[:=][ \t]*(.*?)[ \t,]*$""")


@functools.lru_cache(maxsize=4096)
def secret_name(name: str) -> bool:
    """Tell whether an environment variable's name says it holds a credential."""
    words = [w.upper() for w in _SPLIT.findall(name)]
    if any(w in _WORDS for w in words):
        return True
    return any(pair in _PAIRS for pair in itertools.pairwise(words))


def secret_text(text: str) -> bool:
    """Tell whether a value looks like a credential whatever its name."""
    if len(text) > 100_000:
        return True  # too long to scan cheaply; never shown in full anyway
    return bool(
        has_access_key_id(text) or has_private_key(text) or (len(text) >= 40 and _SECRET_ACCESS_KEY.search(text))
    )


def has_access_key_id(text: str) -> bool:
    """Tell whether text holds an AWS access key id (a substring test before the regex)."""
    return ("AKIA" in text or "ASIA" in text) and ACCESS_KEY_ID.search(text) is not None


def has_private_key(text: str) -> bool:
    """Tell whether text holds a PEM private key header (a substring test before the regex)."""
    return "PRIVATE KEY-----" in text and PRIVATE_KEY.search(text) is not None


def _in_sensitive(path: str) -> bool:
    if not path.startswith(_SENSITIVE_PATHS):
        return False  # most paths: one C call
    return any(path == p or path.startswith(p + ".") or path.startswith(p + "[") for p in _SENSITIVE_PATHS)


def is_secret(node: Node) -> bool:
    """Tell whether a node's value must never be shown."""
    path = node.path
    if not path or node.kind is Kind.UNKNOWN:
        return False
    if _in_sensitive(path):
        return node.kind not in (Kind.OBJECT, Kind.ARRAY)
    if node.kind in (Kind.OBJECT, Kind.ARRAY):
        return False
    try:
        parts = paths.parse(path)
    except ValueError:
        return False
    if len(parts) < 2 or parts[-2] != "Environment" or not isinstance(parts[-1], str):
        return False
    return _secret_value(parts[-1], node)


def _secret_variable(name: str, node: Node) -> bool:
    """:func:`is_secret` for a member ``name`` of an ``Environment`` object, its path known."""
    kind = node.kind
    if kind is Kind.OBJECT or kind is Kind.ARRAY or kind is Kind.UNKNOWN:
        return False
    return _in_sensitive(node.path) or _secret_value(name, node)


def _secret_value(name: str, node: Node) -> bool:
    """Tell whether the scalar value of environment variable ``name`` is secret: by its name,
    or by what its text looks like."""
    if secret_name(name):
        return True
    text = node.text if node.text is not None else node.value
    return isinstance(text, str) and secret_text(text)


def length(node: Node) -> int:
    """Return the length of the value as written (its text, else its rendering)."""
    if node.text is not None:
        return len(node.text)
    return len(node.value) if isinstance(node.value, str) else len(str(node.value))


def redacted(node: Node) -> str:
    """Return the stand-in for a secret value in messages."""
    return REDACTED.format(n=length(node))


def remember_environments(request: Request, environments: list[Node]) -> None:
    """Store every ``Environment`` object of a request, found by its source while building it."""
    request.environments = environments


def request_secrets(request: Request) -> list[Node]:
    """Return the secret value nodes of a request (see :func:`secret_nodes`)."""
    return secret_nodes(request.root, request.environments)


def request_candidates(request: Request) -> list[tuple[str | None, Node]]:
    """Return the nodes of a request that may be secret (see :func:`candidates`)."""
    return candidates(request.root, request.environments)


def candidates(root: Node | None, environments: list[Node] | None = None) -> list[tuple[str | None, Node]]:
    """Return every node that may be secret, with its variable name when it is an
    ``Environment`` member (None for the values under the sensitive paths).

    ``environments``, when a source collected them, are every object that is the value of a
    member named ``Environment``; otherwise the tree is walked to find them.
    """
    if root is None:
        return []
    found: list[tuple[str | None, Node]] = []
    for path in _SENSITIVE_PATHS:
        top = root.find(path)
        if top is not None:
            found.extend((None, node) for node in top.walk())
    for env in _environments(root) if environments is None else environments:
        if type(values := env.value) is dict:
            found.extend(values.items())
    return found


def _environments(root: Node) -> list[Node]:
    """Return every object that is the value of a member named ``Environment``."""
    obj, arr = Kind.OBJECT, Kind.ARRAY
    found = []
    stack = [root] if root.kind is obj or root.kind is arr else []
    while stack:
        node = stack.pop()
        if node.kind is obj:
            env = node.get("Environment")
            if env is not None and env.kind is obj:
                found.append(env)
            children: Iterable[Node] = cast("dict[str, Node]", node.value).values()
        else:
            children = node.items()
        stack.extend([c for c in children if c.kind is obj or c.kind is arr])
    return found


def secret_nodes(root: Node | None, environments: list[Node] | None = None) -> list[Node]:
    """Return every secret value node of a request tree (in no particular order).

    The nodes :func:`is_secret` accepts, found without testing every node of the tree: only
    the :func:`candidates` can be.
    """
    seen: set[int] = set()
    out = []
    for name, node in candidates(root, environments):
        if id(node) not in seen and (is_secret(node) if name is None else _secret_variable(name, node)):
            seen.add(id(node))
            out.append(node)
    return out


def escape(text: str) -> str:
    """Return text with line breaks and tabs escaped, as messages show them."""
    return text.translate(CONTROL_TABLE)


def shown_in(found: list[tuple[str | None, Node]], text: str) -> bool:
    """Tell whether the value of any candidate (or its first 40 characters, escaped or not)
    appears in ``text``: only then can :func:`scrub` change a message. Cheaper than telling
    which candidates are secret."""
    for _, node in found:
        if node.kind is Kind.OBJECT or node.kind is Kind.ARRAY:
            continue
        for form in _texts(node):
            if form[:40] in text:
                return True
            if not form.isprintable():  # escape() changes unprintable characters only
                if escape(form)[:40] in text:
                    return True
    return False


def _texts(node: Node) -> tuple[str, ...]:
    """Return the texts a value can appear as in messages (4 characters or more)."""
    value = node.value if isinstance(node.value, str) else str(node.value)
    return tuple(t for t in {node.text, value} if t and len(t) >= 4)


def texts(nodes: Iterable[Node]) -> list[str]:
    """Return the raw texts of secret nodes, longest first (for scrubbing messages)."""
    return sorted({text for node in nodes for text in _texts(node)}, key=len, reverse=True)


def scrub(message: str, secrets: list[str]) -> str:
    """Replace any secret (or a shortened or escaped piece of one) left in a message."""
    return scrubber(secrets)(message)


def scrubber(secrets: list[str]) -> Callable[[str], str]:
    """Return :func:`scrub` for one set of secrets, with their forms worked out once."""
    # For each secret: what replaces it, and the texts to look for (whole, then cut heads).
    forms: list[tuple[str, list[str], list[str]]] = []
    for secret in secrets:
        stand_in = REDACTED.format(n=len(secret))
        whole = list({secret, escape(secret)})
        heads = [f[:cut] for f in whole for cut in (80, 60, 40) if len(f) > cut]
        forms.append((stand_in, whole, heads))

    def apply(message: str) -> str:
        for stand_in, whole, heads in forms:
            for form in whole:
                if form in message:
                    message = message.replace(form, stand_in)
            # Messages cut long values to 40 or 80 characters: catch such a head too.
            for head in heads:
                if head in message:
                    message = message.replace(head, stand_in)
        return message

    return apply


def lexical_spans(lines: list[str]) -> list[Span]:
    """Return spans of values on ``NAME: value`` lines whose name looks secret (unparsed files)."""
    out = []
    for n, line in enumerate(lines, start=1):
        m = _LINE.match(line)
        if m and m.group(3) and secret_name(m.group(2)):
            start = m.start(3)
            out.append(Span(n, start + 1, n, m.end(3) + 1))
        elif secret_text(line):
            out.append(Span(n, 1, n, len(line) + 1))
    return out


# Whatever looks like a credential in any text that is printed (docs/hardening.md): an access
# key id, a 40-character secret access key, a PEM private key header, the password of a URL.
_CREDENTIAL = lazy(
    r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"
    r"|(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"
    r"|-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"
    r"|(?<=[A-Za-z0-9]://)[^/\s:@'\"]*:(?P<password>[^@\s/'\"]+)(?=@)"
)
_RUN_OF_40 = lazy(r"[A-Za-z0-9/+=]{40}")
# ``NAME: value``, ``"NAME": "value"``, ``NAME=value`` anywhere in a line (flow style, minified
# JSON, a shadowed duplicate key): the value is masked when the name says it is a credential.
_PAIR = lazy(r"""(["']?)([A-Za-z_][A-Za-z0-9_.\-]*)\1[ \t]*[:=][ \t]*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,{}\[\]]+)""")


def _credential_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of the credential-looking parts of ``text``."""
    for m in _CREDENTIAL.finditer(text):
        if m.group("password") is not None:
            yield m.start("password"), m.end("password")
        elif len(m.group(0)) != 40 or _SECRET_ACCESS_KEY.fullmatch(m.group(0)):
            yield m.start(), m.end()


def _may_hold_credential(text: str) -> bool:
    """A cheap test before the regular expressions: most texts have nothing to look at."""
    return (
        "AKIA" in text
        or "ASIA" in text
        or "PRIVATE KEY" in text
        or "://" in text
        or (len(text) >= 40 and _RUN_OF_40.search(text) is not None)
    )


def mask_credentials(text: str) -> str:
    """Return ``text`` with every credential-looking part replaced by ``*`` (same length)."""
    if not _may_hold_credential(text):
        return text
    return _stars(text, list(_credential_spans(text)))


def mask_line(line: str) -> str:
    """Return a source line to print with credential-looking parts and the values of
    secret-named ``NAME: value`` pairs replaced by ``*`` (columns unchanged)."""
    spans = list(_credential_spans(line)) if _may_hold_credential(line) else []
    if ":" in line or "=" in line:
        for m in _PAIR.finditer(line):
            if secret_name(m.group(2)):
                spans.append((m.start(3), m.end(3)))
    return _stars(line, spans)


def _stars(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = "*"
    return "".join(chars)


def mask(line: str, number: int, spans: Iterable[Span]) -> str:
    """Return a source line with every character covered by ``spans`` replaced by ``*``."""
    chars = None
    for s in spans:
        if not s.line <= number <= s.end_line:
            continue
        start = s.column - 1 if s.line == number else 0
        end = s.end_column - 1 if s.end_line == number else len(line)
        if chars is None:
            chars = list(line)
        for i in range(max(start, 0), min(end, len(line))):
            if not chars[i].isspace() or s.line != s.end_line:
                chars[i] = "*"
    return line if chars is None else "".join(chars)
