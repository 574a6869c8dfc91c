"""The API model's patterns said in words, and where a value first breaks one.

Messages describe a pattern the way a person reads it; the regular expression itself is
listed by ``mplint explain MP105``. :func:`first_offence` finds the first character that no
match can contain, with the ``regex`` package's partial matching (imported only when a value
fails its pattern, which is rare).
"""

from __future__ import annotations

from mplint.schema import patterns

_NAME = "1–63 letters, digits and hyphens, starting and ending with a letter or digit"
_UNICODE_TEXT = "letters, digits, spaces and _ . : / = + - @"
_ONE_LINE = "a single line (no line breaks)"

# Java pattern of the API model (botocore 1.44.8) -> what it asks for, in words.
WORDS: dict[str, str] = {
    ".*": _ONE_LINE,
    ".{0,1024}": _ONE_LINE,
    r"[A-Za-z0-9\.\-_]+": "letters, digits, '.', '-' and '_' (at least one)",
    r"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)": "1–63 letters, digits and hyphens, starting with a letter or digit and not ending "
    "with a hyphen, or a SageMaker ARN ending in such a name",
    "[a-zA-Z0-9-]+": "letters, digits and hyphens (at least one)",
    "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}": _NAME,
    r"[\S]+": "at least one character, with no spaces or other whitespace",
    "[Ss][Hh][Aa]256:[0-9a-fA-F]{64}": "'sha256:' followed by 64 hexadecimal digits",
    r"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}": _UNICODE_TEXT,
    r"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,256}": _UNICODE_TEXT,
    r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)": _UNICODE_TEXT,
    r"[\S\s]+": "at least one character",
    r"[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*": "letters, digits, spaces, symbols and punctuation, with no line breaks, tabs or other "
    "control characters",
    "[a-zA-Z_][a-zA-Z0-9_]*": "letters, digits and '_', not starting with a digit",
    "[a-zA-Z_][a-zA-Z0-9_]{0,1023}": "letters, digits and '_', not starting with a digit",
    r"\d{1,4}.\d{1,4}.\d{1,4}": "three groups of 1–4 digits joined by dots, like 1.2.3",
    "[a-zA-Z0-9:/_-]*": "letters, digits and ':', '/', '_', '-' (a key id, key ARN, alias name or alias ARN)",
    r"[0-9]\.[A-Za-z0-9.-]+": "one digit, a dot, then letters, digits, dots and hyphens, "
    "like 2.13 or 1.7-1 (the major version has one digit)",
    r"[\p{L}\p{M}\p{Z}\p{N}\p{P}]{0,1024}": "letters, digits, spaces and punctuation, with no "
    "symbols (such as + = < >) and no control characters",
    "[a-zA-Z0-9](-*[a-zA-Z0-9])*": "letters, digits and hyphens, starting and ending with a letter or digit",
    r"[-\w]+\/.+": "a MIME type: a type of letters, digits, '_' and '-', a '/', then the "
    "subtype, like application/json",
    r"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+": "an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>",
    "(https|s3)://([^/]+)/?(.*)": "an s3:// or https:// URL with a bucket or host, like s3://bucket/key",
    "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*": "letters and digits, in groups joined by single hyphens",
    r"[\S\s]*": "any text",
}


def words(pattern: str) -> str | None:
    """Return what ``pattern`` asks for, in words, or None for a pattern not listed."""
    return WORDS.get(pattern)


def first_offence(pattern: str, text: str) -> int | None:
    """Return the index of the first character of ``text`` that no match of ``pattern`` can
    have at that place, ``len(text)`` when the text is a good start that ends too early, or
    None when the pattern cannot be run.

    Partial matching is monotone (a prefix that cannot start a match has no longer prefix
    that can), so a binary search needs about log2(len(text)) runs.
    """
    translation = patterns.translate(pattern)
    try:
        import regex

        compiled = regex.compile(translation.python)
    except Exception:
        return None

    def can_start(n: int) -> bool:
        return compiled.fullmatch(text, 0, n, partial=True) is not None

    low, high = 0, len(text)  # text[:low] can start a match; find the longest such prefix
    if can_start(high):
        return high
    while high - low > 1:
        middle = (low + high) // 2
        if can_start(middle):
            low = middle
        else:
            high = middle
    return low
