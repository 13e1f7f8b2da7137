"""## What it does
Checks for the same project required twice in one install: twice in one requirements file,
in a file and a file it includes (`-r`), or in two files one install combines (two `-r`
lines of one file, or of one tox env's `deps`) when those two cannot both be satisfied.
Names are compared after PEP 503 normalisation (`Django`, `django`, `DJANGO` match);
requirements with different environment markers are alternatives, not duplicates.

What it says follows what pip does:
- the same requirement again: noise that the next edit updates in one place only;
- two specifier sets that no version satisfies (`requests==2.31.0` and
  `requests==2.32.3`): pip refuses the install ("Cannot install ... because these package
  versions have conflicting dependencies");
- different but compatible specifiers or extras (`kombu[redis]` and `kombu[yaml]`,
  `psycopg[binary]==3.3.4` and `psycopg==3.3.4`): pip installs one version that satisfies
  both, with every extra; reported only inside one file or a file and its include, where
  the second line is worth merging into the first.

Files that no single install combines (two unrelated lock files, a library's
`requirements/extras/*.txt`) are never compared, and two sibling files of one install
are compared only for conflicts: the same pin in two lock files is how those files work.

## Why is this bad?
A conflicting pair fails every install of the file. A repeated line drifts: the next
upgrade edits one copy and leaves the other behind, and the older one then wins or
conflicts.

## Example
```requirements.txt
requests==2.32.3
flask==3.0.3
Requests==2.32.3
```

## Use instead
```requirements.txt
requests==2.32.3
flask==3.0.3
```

## Fix safety
An exact duplicate (same requirement in the same file, no hashes) is commented out:
*safe*, pip sees the same requirement set. Other duplicates are not fixed: which one is
meant is the user's decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reqlint.model import (
    Applicability,
    Diagnostic,
    Fix,
    FixAvailability,
    FixCase,
    ParsedSource,
    Requirement,
    Severity,
)
from reqlint.names import canonicalize_name
from reqlint.project import Project
from reqlint.rules._facts import spelled
from reqlint.rules.base import diagnostic, make_rule

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up

if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet


# Bounded: the same specifiers come back for many duplicates, but a large lock file has
# tens of thousands of distinct ones, and each parsed set is a kilobyte.
@lru_cache(maxsize=4096)
def _specifier_set(text: str) -> SpecifierSet | None:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet  # only when not plain

    try:
        return SpecifierSet(text)
    except InvalidSpecifier:
        return None


def compatible(a: str, b: str) -> bool:
    """Whether some version satisfies both specifier sets (decided by packaging on the
    versions the sets name and their neighbours; unparseable input counts as compatible,
    so reqlint never claims a refusal it cannot show)."""
    return _compatible(a, b)


def _release(text: str) -> tuple[int, ...]:
    """A release's value as PEP 440 compares it (1.0 == 1): trailing zeros dropped."""
    parts = [int(part) for part in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _compatible(a: str, b: str, *, shortcut: bool = True) -> bool:
    pin_a = pin_b = None
    if shortcut and "+" not in a + b and "===" not in a + b:
        pin_a, pin_b = _PIN.fullmatch(a), _PIN.fullmatch(b)
        if pin_a is not None and pin_b is not None:
            # two pins of releases (always valid): one version satisfies both if X == Y
            return _release(pin_a.group(1)) == _release(pin_b.group(1))
    if (
        (pin_a is not None or pin_b is not None)
        and _RELEASES.fullmatch(a)
        and _RELEASES.fullmatch(b)
    ):
        # Every version either set names is a release, so every candidate below parses.
        # An exact pin ==X (a release, no wildcard) holds, of candidates without a local
        # label (+local: ==X ignores it), only versions equal to X, and X is a candidate:
        # the answer is whether the other set holds X (two pins: X == Y).  Not with ===,
        # which compares spellings ("1.0" is not "1").  The same answer as the search
        # below (tests/test_rules_perf.py compares them).
        pin, other = (pin_a, b) if pin_a is not None else (pin_b, a)
        assert pin is not None
        return _holds(other, _release(pin.group(1)))
    sa, sb = _specifier_set(a), _specifier_set(b)
    if sa is None or sb is None:
        return True
    named: list[str] = []
    for spec in (*sa, *sb):
        version_text = spec.version.rstrip(".*")
        named.extend(
            (version_text, version_text + ".1", version_text + ".0.1", version_text + ".post1")
        )
    from packaging.version import InvalidVersion, Version

    candidates: list[Version] = [Version("0"), Version("999999")]
    for text in named:  # not remembered: these are many, and rarely asked for again
        try:
            candidates.append(Version(text))
        except InvalidVersion:
            return True
    return any(
        sa.contains(v, prereleases=True) and sb.contains(v, prereleases=True) for v in candidates
    )


def _padded(x: tuple[int, ...], size: int) -> tuple[int, ...]:
    return x + (0,) * (size - len(x))


def _holds(specifiers: str, x: tuple[int, ...]) -> bool:
    """Whether the release ``x`` satisfies ``specifiers`` (release versions only, as
    :data:`_RELEASES` matches), as PEP 440 and packaging decide; an invalid set (``~=1``,
    ``>=1.*``) counts as compatible, as in :func:`compatible`."""
    parts: list[tuple[str, tuple[int, ...], bool]] = []
    for part in specifiers.split(",") if specifiers else ():
        match = _PART.fullmatch(part)
        assert match is not None
        op, text, wildcard = match.groups()
        v = tuple(int(n) for n in text.split("."))
        if (wildcard and op not in ("==", "!=")) or (op == "~=" and len(v) < 2):
            return True  # packaging refuses the whole set
        parts.append((op, v, bool(wildcard)))
    for op, v, wildcard in parts:
        if wildcard:
            ok = _padded(x, len(v))[: len(v)] == v
            ok = ok if op == "==" else not ok
        elif op == "~=":
            size = max(len(x), len(v))
            ok = (
                _padded(x, size) >= _padded(v, size)
                and _padded(x, len(v) - 1)[: len(v) - 1] == v[:-1]
            )
        else:
            size = max(len(x), len(v))
            px, pv = _padded(x, size), _padded(v, size)
            ok = {
                "==": px == pv,
                "!=": px != pv,
                "<=": px <= pv,
                ">=": px >= pv,
                "<": px < pv,
                ">": px > pv,
            }[op]
        if not ok:
            return False
    return True


_PART = re.compile(r"(~=|==|!=|<=|>=|<|>)([0-9]+(?:\.[0-9]+)*)(\.\*)?")
# A specifier set whose versions are all releases (1, 1.2.3, 1.2.*), as packaging prints it.
_RELEASES = re.compile(
    r"(?:(?:~=|==|!=|<=|>=|<|>)[0-9]+(?:\.[0-9]+)*(?:\.\*)?"
    r"(?:,(?:~=|==|!=|<=|>=|<|>)[0-9]+(?:\.[0-9]+)*(?:\.\*)?)*)?"
)
_PIN = re.compile(r"==([0-9]+(?:\.[0-9]+)*)")


def _ancestry(by_path: dict[str, ParsedSource], root: ParsedSource) -> dict[str, set[str]]:
    """For each file of ``root``'s tree, the files it includes, directly or not."""
    below: dict[str, set[str]] = {}

    # an explicit stack, not recursion: include chains can be thousands of files deep
    stack: list[tuple[ParsedSource, tuple[str, ...]]] = [(root, ())]
    while stack:
        src, trail = stack.pop()
        below.setdefault(src.path, set())
        for ancestor in trail:
            below.setdefault(ancestor, set()).add(src.path)
        for inc in src.includes:
            child = by_path.get(inc.resolved or "")
            if child is not None and child.path not in (*trail, src.path):
                stack.append((child, (*trail, src.path)))
    return below


def _groups(project: Project) -> Iterator[tuple[str, list[Requirement], dict[str, set[str]]]]:
    """Every install: its joining file, its requirements in pip's order, and who includes
    whom.  Include trees first, then tox envs (InstallSet) over those trees."""
    by_path = {s.path: s for s in project.sources}  # once: a monorepo has thousands of roots
    for root in project.roots():
        yield root.path, project.ordered_requirements(root), _ancestry(by_path, root)
    for where, paths in project.installs:
        reqs: list[Requirement] = []
        below: dict[str, set[str]] = {}
        for path in paths:
            src = by_path.get(path)
            if src is None:
                continue
            reqs.extend(project.ordered_requirements(src))
            for key, value in _ancestry(by_path, src).items():
                below.setdefault(key, set()).update(value)
        yield where, reqs, below


def check(project: Project) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for joiner, reqs, below in _groups(project):
        first: dict[tuple[str, str], Requirement] = {}
        for req in reqs:
            if not req.name or req.constraint or req.error is not None:
                continue
            slot = (canonicalize_name(req.name), req.marker or "")
            earlier = first.setdefault(slot, req)
            key = (req.location.path, req.location.line)
            if earlier is req or key in seen:
                continue
            found = _judge(earlier, req, joiner, below)
            if found is None:
                continue
            seen.add(key)
            message, fix = found
            yield diagnostic(RULE.meta, message, req.location, related=(earlier.location,), fix=fix)


def _judge(
    earlier: Requirement, req: Requirement, joiner: str, below: dict[str, set[str]]
) -> tuple[str, Fix | None] | None:
    here, there = req.location.path, earlier.location.path
    same_file = here == there
    nested = same_file or here in below.get(there, ()) or there in below.get(here, ())
    at = earlier.location.display()
    joined = "" if nested else f" (both installed by {joiner})"
    if not compatible(earlier.specifier, req.specifier):
        return (
            f"{spelled(req)} conflicts with {spelled(earlier)} at {at}{joined}: no "
            "version satisfies both, so pip will refuse to install",
            None,
        )
    if not nested:
        return None  # sibling files of one install: the same pin twice is how they work
    same = (
        earlier.specifier == req.specifier
        and earlier.url == req.url
        and earlier.extras == req.extras
    )
    if same:
        # Safe only when the line adds nothing: its own options (--config-settings) or
        # editable mode would go with it.
        adds = req.line_options != earlier.line_options or req.editable != earlier.editable
        fix = (
            Fix("comment out the duplicate line", req.removal, Applicability.SAFE)
            if req.removal and same_file and not req.hashes and not adds
            else None
        )
        where = "" if same_file else ", which this install includes"
        return f"{spelled(req)} is already required at {at}{where}", fix
    return (
        f"{spelled(req)} is also required as {spelled(earlier)} at {at}: pip installs "
        "one version that satisfies both (with every extra); merge them into one line",
        None,
    )


RULE = make_rule(
    "RL206",
    "duplicate-requirement",
    "The same project required twice in one install",
    Severity.WARNING,
    __doc__,
    check,
    fix=FixAvailability.SOMETIMES,
    fix_applicability=Applicability.SAFE,
    fix_cases=(
        FixCase(
            "exact duplicate requirement (same file, no hashes, no options of its own)",
            "comment out the later line",
            Applicability.SAFE,
            "pip sees the same requirement set",
        ),
        FixCase(
            "duplicate with a different specifier", "none", None, "which one is right is a decision"
        ),
    ),
)
