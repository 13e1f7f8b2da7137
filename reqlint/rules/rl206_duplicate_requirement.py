"""## What it does
Checks for the same project required twice in one install: twice in one requirements file,
in a file and a file it includes (`-r`), or in two files one install combines (two `-r`
lines of one file, of one tox env's `deps`, or of one `pip install -r a.txt -r b.txt`
command of a CI step, Dockerfile, Makefile or script) when those two cannot both be
satisfied.
Names are compared after PEP 503 normalisation (`Django`, `django`, `DJANGO` match);
requirements with different environment markers are alternatives, not duplicates, unless
both hold on every supported Python (no marker, or a Python lower bound such as
`python_version >= "3.8"`): `foo==1.0` and `foo==2.0 ; python_version >= "3.8"` conflict
wherever both hold, and pip refuses there.

What it says follows what pip does:
- the same requirement again: noise that the next edit updates in one place only;
- two specifier sets that no version satisfies (`requests==2.31.0` and
  `requests==2.32.3`): pip refuses the install ("Cannot install ... because these package
  versions have conflicting dependencies");
- different but compatible specifiers or extras (`kombu[redis]` and `kombu[yaml]`,
  `psycopg[binary]==3.3.4` and `psycopg==3.3.4`): pip installs one version that satisfies
  both, with every extra; reported only inside one file or a file and its include, where
  the second line is worth merging into the first.

Inside one file every duplicate is a warning. Between a file and a file it includes, only a
conflict is: a compatible line there is how layered lists are written (a platform file
pinning `grpcio==1.78.0` over its shared base's bare `grpcio`, a dev list repeating a base
requirement), reported as info. A line repeated in its own file is judged against its own
file's first one. In a constraints file (by its name, or read with `-c`) and across the
`-c` files of one install only a conflict is reported: pip combines constraint lines, and
one exclusion per line (`x!=1.0`, then `x!=1.1`, each under the issue that excludes it)
is deliberate. Conflicting constraints fail only the installs that need the project
(`idna==3.6` and `idna==3.7` in `constraints.txt` stop `pip install -c constraints.txt
idna`, not `pip install -c constraints.txt six`), and the message says so.

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
    SourceKind,
)
from reqlint.names import canonicalize_name
from reqlint.pep440 import RELEASES, PlainPart, plain_specifiers
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


def _compatible(a: str, b: str, *, shortcut: bool = True) -> bool:
    if shortcut:
        decided = _decide(a, b)
        if decided is not None:
            return decided
    return _search(a, b)


def _search(a: str, b: str) -> bool:
    """The general answer, from packaging: some version among those the two sets name
    (and their neighbours) satisfies both."""
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


def _decide(a: str, b: str) -> bool | None:
    """:func:`_search`'s answer for two plain sets, on release tuples, without packaging;
    None for any other pair (tests/test_rules_perf.py compares the two)."""
    kind_a, parts_a = plain_specifiers(a)
    kind_b, parts_b = plain_specifiers(b)
    if kind_a is None or kind_b is None:
        return None  # packaging decides
    if kind_a is not RELEASES or kind_b is not RELEASES:
        # Refused by packaging (the search says compatible), or naming a pre-, post- or
        # dev-release: its neighbour "X.1" is no version, and the search gives up there.
        return True
    pin_a = _pin(parts_a)
    pin_b = _pin(parts_b)
    if pin_a is not None and pin_b is not None:
        size = max(len(pin_a), len(pin_b))  # two pins: one version satisfies both if X == Y
        return _padded(pin_a, size) == _padded(pin_b, size)
    if pin_a is not None:
        # An exact pin ==X (a release) holds, of the candidates (none has a local label),
        # only X, and X is a candidate: whether the other set holds X.
        return _satisfies(parts_b, pin_a, False)
    if pin_b is not None:
        return _satisfies(parts_a, pin_b, False)
    candidates: list[tuple[tuple[int, ...], bool]] = [((0,), False), ((999999,), False)]
    for _op, v, _wildcard, _suffixed in (*parts_a, *parts_b):
        candidates += ((v, False), ((*v, 1), False), ((*v, 0, 1), False), (v, True))
    return any(
        _satisfies(parts_a, x, post) and _satisfies(parts_b, x, post) for x, post in candidates
    )


def _pin(parts: tuple[PlainPart, ...]) -> tuple[int, ...] | None:
    if len(parts) == 1 and parts[0][0] == "==" and not parts[0][2]:
        return parts[0][1]
    return None


def _padded(x: tuple[int, ...], size: int) -> tuple[int, ...]:
    return x + (0,) * (size - len(x))


def _satisfies(parts: tuple[PlainPart, ...], x: tuple[int, ...], post: bool) -> bool:
    """Whether the release ``x`` (``post``: its ``.post1``) satisfies every part, as PEP 440
    and packaging decide (prereleases allowed).  A post-release of ``x`` sits between
    ``x`` and the next release, and ``>X`` does not admit ``X.postN``."""
    for op, v, wildcard, _suffixed in parts:
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
            if op == "==":
                ok = px == pv and not post
            elif op == "!=":
                ok = px != pv or post
            elif op == "<=":
                ok = px < pv if post else px <= pv
            elif op == ">=":
                ok = px >= pv
            elif op == "<":
                ok = px < pv
            else:
                ok = px > pv
        if not ok:
            return False
    return True


_MARKER_SLOTS: dict[str, str] = {}


def _slot_marker(marker: str | None) -> str:
    """The marker a requirement is compared under: "" for one that holds everywhere."""
    if not marker:
        return ""
    slot = _MARKER_SLOTS.get(marker)
    if slot is None:
        from reqlint.context import holds_everywhere

        slot = _MARKER_SLOTS[marker] = "" if holds_everywhere(marker) else marker
    return slot


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
    whom.  Include trees first, then tox envs and install commands (InstallSet) over those
    trees."""
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
    # Files of constraints (mlflow's requirements/constraints.txt, one `!=` per line with
    # the issue that excludes it): pip combines their lines; only a conflict matters.
    constraints = {
        s.path
        for s in project.of_kind(SourceKind.REQUIREMENTS)
        if (role := project.role(s.path)) is not None and role.role == "constraints"
    }
    for joiner, reqs, below in _groups(project):
        first: dict[tuple[str, str, bool], Requirement] = {}
        # The first of each name in each file: a line repeated in its own file is judged
        # against that one (a duplicate worth a fix), not against an included file's.
        first_here: dict[tuple[str, str, bool, str], Requirement] = {}
        # The first under a marker that holds on every supported Python (none, `python_
        # version >= "3.8"`): those meet on the newest Python, where pip refuses a conflict.
        first_wide: dict[tuple[str, str, bool], Requirement] = {}
        for req in reqs:
            if not req.name or req.error is not None:
                continue
            name = canonicalize_name(req.name)
            # constraint lines (a `-c` file's, a constraints file's) are judged among
            # themselves: a requirement and a constraint of one name is how -c works
            pinning = req.constraint or req.location.path in constraints
            slot = (name, req.marker or "", pinning)
            earlier = first.setdefault(slot, req)
            local = first_here.setdefault((*slot, req.location.path), req)
            wide = first_wide.setdefault((name, _slot_marker(req.marker), pinning), req)
            key = (req.location.path, req.location.line)
            if key in seen:
                continue
            if earlier is req:
                if wide is req:
                    continue
                earlier = wide  # under another marker: only a conflict is worth saying
            elif local is not req:
                earlier = local
            found = _judge(earlier, req, joiner, below)
            if found is None:
                continue
            message, fix, conflict = found
            if (earlier.marker or "") != (req.marker or ""):
                if not conflict:
                    continue  # each line holds where its own marker does: not the same line
                held = " and ".join(dict.fromkeys(m for m in (earlier.marker, req.marker) if m))
                message = message.replace(": no version", f" wherever {held} holds: no version", 1)
            if pinning:
                if not conflict:
                    continue
                # pip refuses only the installs that need the project (real pip referees)
                message = message.replace(
                    "so pip will refuse to install", f"so pip refuses any install that needs {name}"
                ).replace("(both installed by", "(both read by", 1)
            seen.add(key)
            # A compatible line in a file that includes (or is included with) the other is
            # how layered lists are written (vllm's rocm.txt pins grpcio over common.txt's
            # bare grpcio; a dev list repeats a base requirement): info, not a failure.
            across = not conflict and req.location.path != earlier.location.path
            yield diagnostic(
                RULE.meta,
                message,
                req.location,
                related=(earlier.location,),
                fix=fix,
                severity=Severity.INFO if across else None,
            )


def _judge(
    earlier: Requirement, req: Requirement, joiner: str, below: dict[str, set[str]]
) -> tuple[str, Fix | None, bool] | None:
    """The finding's message and fix, and whether the two conflict; None: nothing to say."""
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
            True,
        )
    if not nested:
        return None  # sibling files of one install: the same pin twice is how they work
    # The line adds nothing when the earlier one asks for the same version with at least
    # its extras (granian==2.5.0 below granian[pname]==2.5.0): pip installs the same
    # without it.  Safe to drop only when its own options (--config-settings), editable
    # mode or hashes would not go with it.
    covered = (
        earlier.specifier == req.specifier
        and earlier.url == req.url
        and _extras(req) <= _extras(earlier)
    )
    if covered:
        adds = req.line_options != earlier.line_options or req.editable != earlier.editable
        fix = (
            Fix("comment out the duplicate line", req.removal, Applicability.SAFE)
            if req.removal and same_file and not req.hashes and not adds
            else None
        )
        where = "" if same_file else ", which this install includes"
        if _extras(earlier) == _extras(req):
            # spelled otherwise (`Jinja2>=3.1.3` above `jinja2>=3.1.3`): say how, saving a look
            first = "" if spelled(earlier) == spelled(req) else f" as {spelled(earlier)}"
            return f"{spelled(req)} is already required{first} at {at}{where}", fix, False
        return (
            f"{spelled(req)} is already required as {spelled(earlier)} at {at}{where}, "
            "with every extra this line names: the line adds nothing",
            fix,
            False,
        )
    extras = " (with every extra)" if _extras(earlier) or _extras(req) else ""
    if not same_file:
        return (
            f"{spelled(req)} is also required as {spelled(earlier)} at {at}, which this "
            f"install includes: pip installs one version that satisfies both{extras}",
            None,
            False,
        )
    return (
        f"{spelled(req)} is also required as {spelled(earlier)} at {at}: pip installs "
        f"one version that satisfies both{extras}; merge them into one line",
        None,
        False,
    )


def _extras(req: Requirement) -> frozenset[str]:
    return frozenset(canonicalize_name(extra) for extra in req.extras)


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
