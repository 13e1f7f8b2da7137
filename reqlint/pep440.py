"""The plain PEP 440 forms reqlint reads without packaging (start-up, issue 13).

Most specifiers are written ``==1.2.3`` or ``>=1.2,<2``.  For these the answer packaging
would give is computed here; anything else, and any doubt, is left to packaging, which
stays the authority (tests/test_pep440.py compares the two on generated specifiers).
"""

from __future__ import annotations

import re

# A version as PEP 440 spells it canonically: a release, then maybe aN/bN/rcN, .postN,
# .devN (packaging keeps the spelling as written); ``.*`` only after a bare release.
PLAIN_VERSION = (
    r"[0-9]+(?:\.[0-9]+)*(?:(?:a|b|rc)[0-9]+)?(?:\.post[0-9]+)?"
    r"(?:\.dev[0-9]+)?(?:\.\*)?"
)
_OPERATOR = r"(~=|==|!=|<=|>=|<|>)"
_PART = re.compile(rf"{_OPERATOR}({PLAIN_VERSION})")
_RELEASE = re.compile(r"[0-9.]*")


def invalid_part(op: str, version: str) -> bool:
    """Whether packaging refuses ``op version`` though both look plain: a wildcard after
    anything but ``==``/``!=`` and a release, or ``~=`` with a one-part release."""
    release = _RELEASE.match(version).group().rstrip(".")  # type: ignore[union-attr]
    if version.endswith(".*"):
        return op not in ("==", "!=") or version[:-2] != release
    return op == "~=" and "." not in release


def plain_parts(specifier: str) -> list[tuple[str, str]] | None:
    """``(operator, version)`` of each part of a specifier set as packaging prints it
    (``op`` then version, comma-separated, no blanks), when every part is plain and valid;
    None: not plain (packaging decides)."""
    parts: list[tuple[str, str]] = []
    for text in specifier.split(",") if specifier else ():
        match = _PART.fullmatch(text)
        if match is None:
            return None
        op, version = match.groups()
        if invalid_part(op, version) or (op, version) in parts:
            return None  # (equal parts: packaging versions differ on merging them)
        parts.append((op, version))
    return parts
