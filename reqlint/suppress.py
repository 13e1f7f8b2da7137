"""The one grammar of suppression comments, shared by every source adapter.

``# reqlint: ignore[RL101, RL102]``, ``# reqlint: ignore`` (every code),
``# noqa: RL101,RL102`` and ``# noqa`` (every code), anywhere in a comment, any case.
Where the comment must stand (on the line, or above a pip.conf key) is the adapter's business.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from reqlint._lazyre import LazyPattern
from reqlint._records import dataclass
from reqlint.text import TextFile

_SUPPRESSION = re.compile(
    r"reqlint:\s*ignore(?:\[(?P<codes>[^\]]*)\])?|\bnoqa\b(?::\s*(?P<noqa>[A-Z]+[0-9]+"
    r"(?:[\s,]+[A-Z]+[0-9]+)*))?",
    re.IGNORECASE,
)


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


@dataclass(frozen=True, slots=True)
class SuppressionComment:
    """One suppression comment as written: its line, the span of the comment, its codes
    (empty: every code) and the lines whose findings it suppresses."""

    line: int
    start: int
    end: int
    codes: frozenset[str]
    covers: tuple[int, ...]


_PIPCONF_COMMENT = LazyPattern(r"^[ \t]*[#;].*$")


def suppression_comments(
    text_file: TextFile,
    *,
    pipconf: bool,
    suppressions: Mapping[int, frozenset[str]],
) -> list[SuppressionComment]:
    """Every suppression comment of a file, with the lines it covers.

    ``suppressions`` is the adapter's table (line -> codes) for the same text: a pip.conf
    comment covers the key below it and that key's continuation lines; a comment at the end
    of a line continued from the lines above (requirements files) covers those lines too.
    """
    if not pipconf:
        return _line_end_comments(text_file)
    out: list[SuppressionComment] = []
    lines = list(text_file.physical_lines())
    text = text_file.text
    for index, (number, start, end, _) in enumerate(lines):
        line = text[start:end]
        if "#" not in line and ";" not in line:
            continue
        match = _PIPCONF_COMMENT.match(line) if pipconf else _COMMENT.search(line)
        if match is None:
            continue
        codes = suppression_codes(match.group(0))
        if codes is None:
            continue
        covers: list[int] = []
        if pipconf:
            below = index + 1
            while below < len(lines) and _PIPCONF_COMMENT.match(
                text[lines[below][1] : lines[below][2]]
            ):
                below += 1
            nxt = lines[below][0] if below < len(lines) else None
            while nxt is not None and nxt in suppressions:
                covers.append(nxt)
                nxt += 1
        else:
            first = number
            while first > 1 and text[lines[first - 2][1] : lines[first - 2][2]].endswith("\\"):
                first -= 1
            covers = list(range(first, number + 1))
        out.append(
            SuppressionComment(
                number, start + match.start(), start + match.end(), codes, tuple(covers)
            )
        )
    return out


# Every suppression comment names "reqlint" or "noqa" (in any case): the only lines worth
# reading.  A 100,000-line file has a few hundred of them.
_MENTION = re.compile("reqlint|noqa", re.IGNORECASE)


def _line_end_comments(text_file: TextFile) -> list[SuppressionComment]:
    """:func:`suppression_comments` for every kind but pip.conf: a comment on a line (at
    its end or alone), covering that line and the lines continued into it."""
    out: list[SuppressionComment] = []
    text = text_file.text
    done = 0  # lines up to this one are read
    for mention in _MENTION.finditer(text):
        number = text_file.position(mention.start())[0]
        if number <= done:
            continue
        done = number
        start = text_file.line_start(number)
        line = text[start : text_file.line_end(number)]
        match = _COMMENT.search(line)
        if match is None:
            continue
        codes = suppression_codes(match.group(0))
        if codes is None:
            continue
        first = number
        while first > 1 and text_file.line_text(first - 1).endswith("\\"):
            first -= 1
        out.append(
            SuppressionComment(
                number,
                start + match.start(),
                start + match.end(),
                codes,
                tuple(range(first, number + 1)),
            )
        )
    return out
