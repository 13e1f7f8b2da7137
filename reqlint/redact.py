"""The one place a URL loses its credentials.

Every message that contains a URL builds it with :func:`redact_url` (or redacts the whole
message with :func:`redact_text`) when the diagnostic is made, so no reporter, JSON field or
SARIF property can ever carry a secret.  ``${VAR}`` references are not secrets and are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

REDACTED = "****"

# userinfo is everything up to the last '@' before the path (matched right after "://").
_USERINFO_AT = re.compile(r"(?P<userinfo>[^/?#\s@]*(?:@[^/?#\s@]*)*)@")
_SCHEME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_URL_END = re.compile(r"[\s'\"<>]")
# References a shell, CI system or pip expands at run time: ${NAME} (pip, shells), $NAME
# (shells), ${{ secrets.X }} (GitHub Actions), %NAME% (Windows).  Not secrets themselves.
_ENV_REF = re.compile(
    r"^(?:\$\{[A-Za-z0-9_]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\{\{[^}]*\}\}|%[A-Za-z_][A-Za-z0-9_]*%)$"
)
# A path segment that looks like an access token (Gemfury: https://TOKEN@... or
# https://pypi.fury.io/TOKEN/user/).  Long, mixed letters and digits, no dots.
_TOKEN_SEGMENT = re.compile(
    r"^(?=[A-Za-z0-9_\-]*[0-9])(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{20,}$"
)


def is_env_reference(value: str) -> bool:
    """True for a variable reference (``${NAME}``, ``$NAME``, ``${{ secrets.X }}``,
    ``%NAME%``): expanded at run time, never a literal secret."""
    return bool(_ENV_REF.match(value))


def _schemes(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every ``scheme://`` in ``text``, left to right.

    Found from each ``://`` backwards, so a long run of letters and digits costs one scan:
    a regular expression searching for ``[A-Za-z][A-Za-z0-9+.-]*://`` retries at every
    letter of the run, each retry scanning to its end (3 s for one 40 KB token).
    """
    pos = text.find("://")
    while pos >= 0:
        start = pos
        while start > 0 and text[start - 1] in _SCHEME_CHARS:
            start -= 1
        while start < pos and text[start] not in _LETTERS:  # a scheme starts with a letter
            start += 1
        if start < pos:
            yield start, pos + 3
        pos = text.find("://", pos + 3)


def _userinfo_match(url: str) -> tuple[int, re.Match[str]] | None:
    """The scheme's end and the userinfo match of a URL that starts with its scheme."""
    first = next(_schemes(url), None)
    if first is None or first[0] != 0:
        return None
    match = _USERINFO_AT.match(url, first[1])
    return (first[1], match) if match else None


def userinfo_range(url: str) -> tuple[int, int] | None:
    """Where ``user:password@`` is in ``url`` (the ``@`` included), or ``None``."""
    found = _userinfo_match(url)
    if found is None:
        return None
    match = found[1]
    return match.start("userinfo"), match.end()


def userinfo(url: str) -> str | None:
    """The ``user:password`` part of ``url``, or ``None``."""
    found = _userinfo_match(url.strip())
    return found[1].group("userinfo") if found else None


def secret_userinfo(url: str) -> bool:
    """True when the URL's userinfo holds a literal secret (not only ``${VAR}`` references):
    a literal password, or a user part that is a token: one that looks like a token
    (Gemfury and GitHub put the token in the user part) or one that is no plain user name
    written ``TOKEN:`` with an empty password (Gemfury's documented form: pip sends it as
    the user of basic auth).

    ``user@host`` with a plain user name is not a secret; :func:`unclear_user` tells the
    user parts that may be one.
    """
    info = userinfo(url)
    if info is None:
        return False
    parts = info.split(":", 1)
    user = parts[0]
    literal_user = bool(user) and not is_env_reference(user)
    if len(parts) == 2:
        password = parts[1]
        if password and not is_env_reference(password):
            return True
        if not password and literal_user and not _plain_user(user):
            return True  # TOKEN: (nothing after the colon)
    return literal_user and _looks_like_token(user)


def unclear_user(url: str) -> bool:
    """A literal user part alone (``https://USER@host``) that is no plain user name: it
    may be a token, so it is never shown (:func:`redact_url`), though it is not surely
    one (:func:`secret_userinfo`)."""
    info = userinfo(url)
    if info is None or ":" in info or not info or is_env_reference(info):
        return False
    return not _looks_like_token(info) and not _plain_user(info)


# A user name shown as written: lower-case, short, as account names are (``git``,
# ``deploy``, ``ci-bot``).  Anything else in the user part may be a token: not shown.
_PLAIN_USER = re.compile(r"[a-z][a-z0-9._-]{0,15}")


def _plain_user(user: str) -> bool:
    return _PLAIN_USER.fullmatch(user) is not None and not _looks_like_token(user)


def token_path_segments(url: str) -> list[str]:
    """Path segments of ``url`` that look like access tokens (Gemfury-style ``/TOKEN/``)."""
    match = re.match(r"[A-Za-z][A-Za-z0-9+.\-]*://[^/]*(?P<path>/[^?#]*)?", url.strip())
    if not match or not match.group("path"):
        return []
    return [s for s in match.group("path").split("/") if _looks_like_token(s)]


# Prefixes of well-known token formats (GitHub, GitLab, PyPI, AWS); a real token is long,
# so that path names such as ``pypi-internal`` or ``pypi-proxy`` are not taken for one.
_TOKEN_PREFIXES = ("ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "pypi-", "AKIA")


def _looks_like_token(segment: str) -> bool:
    if segment.startswith(_TOKEN_PREFIXES):
        return len(segment) >= 20 and not segment.replace("-", "").isalpha()
    return bool(_TOKEN_SEGMENT.match(segment))


def redact_url(url: str) -> str:
    """``url`` with literal credentials replaced by ``****`` (``${VAR}`` parts kept)."""
    redacted = url
    for _start, end in _schemes(url):
        match = _USERINFO_AT.match(url, end)
        if match is None:
            continue
        parts = match.group("userinfo").split(":", 1)
        # A user name is shown when it is a plain one with no literal password beside it
        # (a ``TOKEN:`` form has an empty one); anything else literal is hidden.
        user_ok = (len(parts) == 1 or not parts[1] or is_env_reference(parts[1])) and (
            _plain_user(parts[0])
        )
        kept = [
            p if (not p or is_env_reference(p) or (i == 0 and user_ok)) else REDACTED
            for i, p in enumerate(parts)
        ]
        redacted = f"{url[:end]}{':'.join(kept)}@{url[match.end() :]}"
        break
    for segment in token_path_segments(redacted):
        redacted = redacted.replace(f"/{segment}", f"/{REDACTED}")
    return redacted


def redact_text(text: str) -> str:
    """Every URL in ``text`` redacted."""
    if "://" not in text:
        return text  # no URL: most findings (per-finding cost: a run can have 70,000)
    out: list[str] = []
    pos = 0
    for start, end in _schemes(text):
        if start < pos:  # inside the URL just redacted
            continue
        stop = _URL_END.search(text, end)
        stop_at = stop.start() if stop else len(text)
        if stop_at == end:
            continue
        out.append(text[pos:start])
        out.append(redact_url(text[start:stop_at]))
        pos = stop_at
    out.append(text[pos:])
    return "".join(out)
