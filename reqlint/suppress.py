"""The one grammar of suppression comments, shared by every source adapter.

``# reqlint: ignore[RL101, RL102]``, ``# reqlint: ignore`` (every code),
``# noqa: RL101,RL102`` and ``# noqa`` (every code), anywhere in a comment, any case.
Where the comment must stand (on the line, or above a pip.conf key) is the adapter's business.
"""

from __future__ import annotations

import re

from reqlint.text import TextFile

_SUPPRESSION = re.compile(
    r"reqlint:\s*ignore(?:\[(?P<codes>[^\]]*)\])?|\bnoqa\b(?::\s*(?P<noqa>[A-Z]+[0-9]+"
    r"(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)


def suppression_codes(comment: str) -> frozenset[str] | None:
    """Codes a comment suppresses: ``None`` for none, an empty set for every code."""
    codes: set[str] = set()
    matched = False
    for match in _SUPPRESSION.finditer(comment):
        matched = True
        given = match.group("codes") if match.group("codes") is not None else match.group("noqa")
        if not given or not given.strip():
            return frozenset()
        codes |= {c.upper() for c in re.split(r"[\s,]+", given) if c}
    return frozenset(codes) if matched else None


# A ``#`` comment at a line start or after a blank: YAML, shell, INI and Dockerfile alike.
_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$")


def line_suppressions(text_file: TextFile) -> dict[int, frozenset[str]]:
    """``# reqlint: ignore[...]`` / ``# noqa`` comments, by line (any ``#`` at a line start
    or after a blank: YAML, shell, INI and Dockerfile comments alike)."""
    out: dict[int, frozenset[str]] = {}
    for number, start, end, _ in text_file.physical_lines():
        line = text_file.text[start:end]
        if "#" not in line:
            continue
        match = _COMMENT.search(line)
        codes = suppression_codes(match.group(0)) if match else None
        if codes is not None:
            out[number] = codes
    return out
