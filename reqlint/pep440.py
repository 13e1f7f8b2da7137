"""The plain PEP 440 forms reqlint reads without packaging (start-up, issue 13).

Most specifiers are written ``==1.2.3`` or ``>=1.2,<2``.  For these the answer packaging
would give is computed here; anything else, and any doubt, is left to packaging, which
stays the authority (tests/test_fastpath_specifiers.py and test_requirements_fastpath.py
compare the two on generated specifiers and requirements).
"""

from __future__ import annotations

import re

# A version as PEP 440 spells it canonically: a release, then maybe aN/bN/rcN, .postN,
# .devN (packaging keeps the spelling as written); ``.*`` only after a bare release.
PLAIN_VERSION = (
    r"[0-9]+(?:\.[0-9]+)*(?:(?:a|b|rc)[0-9]+)?(?:\.post[0-9]+)?"
    r"(?:\.dev[0-9]+)?(?:\.\*)?"
)
_RELEASE = re.compile(r"[0-9.]*")


def invalid_part(op: str, version: str) -> bool:
    """Whether packaging refuses ``op version`` though both look plain: a wildcard after
    anything but ``==``/``!=`` and a release, or ``~=`` with a one-part release."""
    release = _RELEASE.match(version).group().rstrip(".")  # type: ignore[union-attr]
    if version.endswith(".*"):
        return op not in ("==", "!=") or version[:-2] != release
    return op == "~=" and "." not in release


# A specifier set as packaging prints it, read without packaging when it is plain: parts
# of an operator and a version of release numbers, maybe a pre-, post- or dev-suffix,
# maybe ".*" (no blanks, no local label, no ===).  RL202 and RL206 ask about tens of
# thousands of distinct sets in a big lock file; packaging's parse is most of their time.
# One part: operator, release numbers, ends in ".*", has a pre/post/dev suffix.
PlainPart = tuple[str, tuple[int, ...], bool, bool]
# The kinds of a plain set: every version a release, or some with a suffix, or a set
# packaging refuses (InvalidSpecifier).  ``None``: not plain, ask packaging.
RELEASES, SUFFIXED, REFUSED = "releases", "suffixed", "refused"
PlainSet = tuple["str | None", tuple[PlainPart, ...]]
_PLAIN_PART = re.compile(
    r"(~=|==|!=|<=|>=|<|>)([0-9]+(?:\.[0-9]+)*)((?:a|b|rc)[0-9]+)?(\.post[0-9]+)?"
    r"(\.dev[0-9]+)?(\.\*)?"
)
# Bounded (cleared when full) and forgotten after each run (engine.run): a 100,000-line
# lock file has some 45,000 distinct sets, each asked about by RL202 and RL206.
_PLAIN: dict[str, PlainSet] = {}
_PLAIN_MAX = 1 << 16


def forget() -> None:
    """Drop the remembered readings (the end of a run: memory)."""
    _PLAIN.clear()


def plain_specifiers(text: str) -> PlainSet:
    """``text`` read as a plain specifier set: (kind, parts), or (None, ()) when it is not
    plain.  tests/test_fastpath_specifiers.py checks the kinds against packaging."""
    found = _PLAIN.get(text)
    if found is None:
        found = _read_plain(text)
        if len(_PLAIN) >= _PLAIN_MAX:
            _PLAIN.clear()
        _PLAIN[text] = found
    return found


def _read_plain(text: str) -> PlainSet:
    parts: list[PlainPart] = []
    kind = RELEASES
    for piece in text.split(",") if text else ():
        match = _PLAIN_PART.fullmatch(piece)
        if match is None:
            return None, ()
        op, release, pre, post, dev, wildcard = match.groups()
        v = tuple(int(n) for n in release.split("."))
        suffixed = bool(pre or post or dev)
        if (wildcard and (op not in ("==", "!=") or suffixed)) or (op == "~=" and len(v) < 2):
            return REFUSED, ()  # ".*" only after == / != and a release; "~=1" too short
        if suffixed:
            kind = SUFFIXED
        parts.append((op, v, bool(wildcard), suffixed))
    return kind, tuple(parts)
