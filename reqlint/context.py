"""What a repository says about its requirements files, beyond the files themselves.

Two questions the pinning and duplicate rules need answered, and that no requirements file
answers on its own:

* **Role.** Is a file an application's install list, or a library's *declaration* that a
  build reads into package metadata (``install_requires`` from ``setup.py``, setup.cfg
  ``file:``, ``[tool.setuptools.dynamic]``, hatch-requirements-txt, pbr)?  Ranges are right
  in a declaration, so the pinning rules leave it alone.
* **Installs.** Which files does one ``pip install`` combine?  A tox env's ``deps`` joins
  ``-c`` and ``-r`` files; a requirement pinned exactly by a constraints file of the same
  install is pinned.

This module reads the files that answer them (``setup.py``, ``setup.cfg``,
``pyproject.toml``, ``tox.ini`` in the linted folders and their parents up to the
repository root) and nothing else; it never parses them as code.  Everything it finds is
data with a reason a user can read (``reqlint show`` prints it).
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from reqlint._lazyre import LazyPattern
from reqlint._records import dataclass
from reqlint.commands import (
    READTHEDOCS,
    command_uses,
    constraint_variables,
    deps_file_options,
    is_constraint_option,
    logical_lines,
    readthedocs_installs,
)
from reqlint.model import ParsedSource, Requirement, SourceKind

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up

if TYPE_CHECKING:
    from reqlint.project import Project

# Each reader is small; a larger file is not worth scanning for file names.
_MAX_READER_BYTES = 1024 * 1024
_READERS = ("setup.py", "setup.cfg", "pyproject.toml", "tox.ini", "galaxy.yml")


@dataclass(frozen=True, slots=True)
class FileRole:
    """Why a requirements file is a library's declaration (``role == "metadata"``)."""

    role: str
    reason: str


@dataclass(frozen=True, slots=True)
class InstallSet:
    """The files one ``pip install`` combines (a tox env's ``deps``), as real paths or
    URLs, and where that install is written (``tox.ini:12``)."""

    where: str
    requirements: tuple[str, ...]
    constraints: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RepoContext:
    roles: Mapping[str, FileRole]  # real path -> role
    installs: tuple[InstallSet, ...]
    # setup.py/setup.cfg files (as shown) that declare the package's own dependencies
    # (``install_requires``): a list beside them that installs pytest is a test environment.
    declared: tuple[str, ...] = ()
    # requirements files (as linted) in a folder with an __init__.py: inside a package
    packaged: tuple[str, ...] = ()


def _read(path: str) -> str | None:
    try:
        if os.path.getsize(path) > _MAX_READER_BYTES:
            return None
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def _repo_top(path: str, *, real: bool = False) -> str:
    """The folder to stop climbing at: the repository root (a ``.git`` beside it), else
    the filesystem root.  ``real``: ``path`` is resolved already."""
    here = os.path.dirname(path if real else os.path.realpath(path))
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return here
        here = parent


def _realpaths() -> Callable[[str], str]:
    """``os.path.realpath``, each answer remembered for the caller's one pass, and each
    folder resolved once for all its files (a monorepo has thousands in a few hundred
    folders): a file that is not itself a link is its real folder joined with its name.
    Paths with ``..`` are resolved whole (the link before it decides where it goes)."""
    known: dict[str, str] = {}
    folders: dict[str, str] = {}

    def realpath(path: str) -> str:
        found = known.get(path)
        if found is None:
            folder, name = os.path.split(os.path.abspath(path))
            if ".." in path.split(os.sep) or name in ("", ".", "..") or os.path.islink(path):
                found = os.path.realpath(path)
            else:
                real_folder = folders.get(folder)
                if real_folder is None:
                    real_folder = folders[folder] = os.path.realpath(folder)
                found = os.path.join(real_folder, name)
            known[path] = found
        return found

    return realpath


def reader_folders(files: Iterable[str], cwd: str) -> list[str]:
    """Folders whose setup.py/setup.cfg/pyproject.toml/tox.ini may speak for ``files``:
    each file's folder and its parents, up to the repository root, or up to the working
    directory when the file is inside it and no repository root is nearer."""
    cwd_real = os.path.realpath(cwd)
    found: dict[str, None] = {}
    tops: dict[str, str] = {}  # folder -> its repository top: files share folders
    realpath = _realpaths()
    for path in files:
        real = realpath(path)
        folder = os.path.dirname(real)
        top = tops.get(folder)
        if top is None:
            top = tops[folder] = _repo_top(real, real=True)
        if real.startswith(cwd_real + os.sep) and len(cwd_real) > len(top):
            top = cwd_real
        here = os.path.dirname(real)
        while True:
            found.setdefault(here, None)
            if here == top or os.path.dirname(here) == here:
                break
            here = os.path.dirname(here)
    return list(found)


def gather(
    requirement_files: Sequence[str], cwd: str, metadata_globs: Sequence[tuple[str, str]] = ()
) -> RepoContext:
    """Roles and installs for ``requirement_files`` (paths as linted).

    ``metadata_globs`` are ``(glob, folder it is relative to)`` from ``[tool.reqlint]
    metadata-files``.
    """
    realpath = _realpaths()
    known = {realpath(p): p for p in requirement_files}
    roles: dict[str, FileRole] = {}
    installs: list[InstallSet] = []
    declared: list[str] = []
    # every file a metadata reader names: why, and the folder of the project declaring it
    declarations: dict[str, tuple[str, str]] = {}
    for folder in reader_folders(requirement_files, cwd):
        for name in _READERS:
            reader = os.path.join(folder, name)
            if not os.path.isfile(reader):
                continue
            text = _read(reader)
            if text is None:
                continue
            shown = _shown(reader, cwd)
            if name == "tox.ini":
                installs.extend(tox_installs(text, folder, shown))
                continue
            if name in ("setup.py", "setup.cfg") and _INSTALL_REQUIRES[name].search(text):
                declared.append(shown)
            elif name == "pyproject.toml" and _declares_dependencies(text):
                # found from the linted file, as a folder scan finds it among its files:
                # `reqlint check requirements-common.txt` (a pre-commit run) judges keras's
                # test list as `check .` does
                declared.append(shown)
            if name == "galaxy.yml":
                found = collection_files(folder)
            elif name == "setup.py":
                found = setup_py_files(text, folder, _with_requirement_folders(known, folder))
            elif name == "setup.cfg":
                found = setup_cfg_files(text, folder)
            else:
                found = pyproject_files(text, folder)
                found.update(_declaration_copies(text, folder, known, shown, found))
            for real, (line, why) in found.items():
                declarations.setdefault(
                    real, (f"{why} ({shown}:{line})" if line else f"{why} ({shown})", folder)
                )
                if real in known:
                    roles.setdefault(
                        real,
                        FileRole(
                            "metadata", f"{why} ({shown}:{line})" if line else f"{why} ({shown})"
                        ),
                    )
    for glob, base in metadata_globs:
        for real in known:
            rel = _relative_to(real, os.path.realpath(base))
            if rel is not None and fnmatch.fnmatch(rel, glob):
                roles[real] = FileRole("metadata", f"named by metadata-files ({glob!r})")
    _same_bytes(known, roles, declarations, cwd)
    packaged = tuple(path for real, path in known.items() if _in_package(os.path.dirname(real)))
    return RepoContext(roles, tuple(installs), tuple(declared), packaged)


def _same_bytes(
    known: Mapping[str, str],
    roles: dict[str, FileRole],
    declarations: Mapping[str, tuple[str, str]],
    cwd: str,
) -> None:
    """A linted file byte for byte the same as a declaration is that declaration's copy:
    ansible's ``test/lib/ansible_test/_data/requirements/ansible.txt``, which its sanity
    test keeps equal to ``requirements.txt`` (read by [tool.setuptools.dynamic]), got five
    pinning infos as a test list (trial 17).  ``declarations``: every file a package's
    metadata reads, linted or not (so a pre-commit run on the copy alone agrees), with the
    folder of the project that reads it: the copy must lie in that project, below no
    project of its own."""
    by_size: dict[int, list[str]] = {}
    for real in declarations:
        try:
            by_size.setdefault(os.path.getsize(real), []).append(real)
        except OSError:
            continue
    by_size.pop(0, None)  # an empty file is no copy of anything
    if not by_size:
        return
    for real in known:
        if real in roles or real in declarations:
            continue
        try:
            size = os.path.getsize(real)
        except OSError:
            continue
        for original in by_size.get(size, ()):
            why, project = declarations[original]
            if _project_of(real, project) != project:
                continue
            body = _read(real)
            if body is not None and body == _read(original):
                shown = _shown(original, cwd)
                roles[real] = FileRole("metadata", f"the same bytes as {shown}, which {why}")
                break


_PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def _project_of(real: str, top: str) -> str:
    """The folder of the nearest project (a pyproject.toml, setup.py or setup.cfg) holding
    ``real``, looked for up to ``top``; "" when there is none up to there."""
    here = os.path.dirname(real)
    while here.startswith(top):
        if any(os.path.isfile(os.path.join(here, name)) for name in _PROJECT_FILES):
            return here
        if here == top or os.path.dirname(here) == here:
            break
        here = os.path.dirname(here)
    return ""


def purpose_paths(
    paths: Iterable[str], roots: Iterable[str] = (), cwd: str | None = None
) -> dict[str, tuple[str, str]]:
    """Each file's repository folder name and its path inside the repository, which the
    pinning rules judge a list's purpose by (docs/, examples/, tests/): the same however
    the path was given (``reqlint check .`` inside MONAI's tutorials repository, or
    ``reqlint check tutorials`` beside it, or an absolute path through ``/home/dev/``).

    A file in no repository (a source tarball, a Docker build context) is read inside the
    deepest folder named in ``roots`` that holds it, else inside ``cwd`` when it lies
    there: the folder the user points at stands for the repository, so ``check .`` from
    inside and ``check tutorials`` from beside it agree."""
    # (by the path as written, made absolute: a link in the repository is where it is)
    # folder -> the repository folder above it ("" for none): each folder looked at once,
    # a monorepo's thousand folders sharing their parents' answers
    tops: dict[str, str] = {}

    def top_of(folder: str) -> str:
        climbed: list[str] = []
        here = folder
        while here not in tops:
            if os.path.exists(os.path.join(here, ".git")):
                tops[here] = here
                break
            climbed.append(here)
            parent = os.path.dirname(here)
            if parent == here:
                tops[here] = ""
                break
            here = parent
        answer = tops[here]
        for seen in climbed:
            tops[seen] = answer
        return answer

    # the stand-ins for a repository, deepest first (a folder named, then the working one)
    named = sorted(
        {os.path.abspath(root) for root in roots if os.path.isdir(root)},
        key=len,
        reverse=True,
    )
    stand_ins = [*named, os.path.abspath(cwd or os.getcwd())]

    def stand_in(full: str) -> str:
        return next((top for top in stand_ins if full.startswith(top.rstrip(os.sep) + os.sep)), "")

    found: dict[str, tuple[str, str]] = {}
    for path in paths:
        full = os.path.abspath(path)
        top = top_of(os.path.dirname(full)) or stand_in(full)
        if top:
            inside = full[len(top) :].lstrip(os.sep).replace(os.sep, "/")
            found[path] = (os.path.basename(top.rstrip(os.sep)), inside)
    return found


# ``install_requires`` with a value: setup.py's keyword (or a key of the dict handed to
# setup(**config): great_expectations' ``"install_requires": required,``), setup.cfg's
# [options] key with a value on its line or continuation lines below it.
_INSTALL_REQUIRES = {
    "setup.py": re.compile(r"""\binstall_requires\s*=|["']install_requires["']\s*:"""),
    "setup.cfg": re.compile(r"^install_requires\s*=\s*(?:\S|\n[ \t]+\S)", re.MULTILINE),
}


def propagate(
    roles: Mapping[str, FileRole], edges: Iterable[tuple[str, str]]
) -> dict[str, FileRole]:
    """Give a file included (``-r``) by a metadata file the same role: pip-style readers
    of requirements files follow ``-r``."""
    out = dict(roles)
    edges = list(edges)
    changed = True
    while changed:
        changed = False
        for parent, child in edges:
            if parent in out and child not in out:
                out[child] = FileRole(
                    "metadata", f"included by a declaration: {out[parent].reason}"
                )
                changed = True
    return out


def _shown(path: str, cwd: str) -> str:
    rel = _relative_to(os.path.realpath(path), os.path.realpath(cwd))
    return rel if rel is not None else Path(path).as_posix()


def _relative_to(path: str, base: str) -> str | None:
    if path.startswith(base.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(path, base)).as_posix()
    return None


# ------------------------------------------------------------- roles, pins, installs

_CONSTRAINTS_NAME = re.compile(r"(^|/)([^/]*constraints[^/]*|constraints/.*)$")


@dataclass(frozen=True, slots=True)
class Derived:
    """What the rules read (``Project.roles``/``pins``/``installs``), by source path."""

    roles: dict[str, FileRole]
    pins: dict[str, dict[str, str]]
    installs: tuple[tuple[str, tuple[str, ...]], ...]
    declared: tuple[str, ...] = ()
    # requirements files (as linted) in a folder with an __init__.py: inside a package
    packaged: tuple[str, ...] = ()


def exact_pin(req: Requirement) -> bool:
    """``name==X`` (not a wildcard) or ``name===X``, maybe beside ``!=`` exclusions."""
    if not req.name or req.url or req.error is not None:
        return False
    return (
        sum(
            1
            for part in req.specifier.split(",")
            if part.startswith(("==", "===")) and not part.endswith(".*")
        )
        == 1
    )


# The oldest Python still supported (3.10 in December 2026): a marker that holds from there
# on holds "everywhere" (poetry's and uv's exports write `python_version >= "3.9" and
# python_version < "4.0"` on every line)
_FLOOR = (3, 10, 0)
_TOP = (4, 0, 0)  # every Python 3: an upper bound at 4 or beyond cuts nothing off
_PYTHON_CLAUSE = LazyPattern(
    r"""python(?P<full>_full)?_version\s*(?P<op><=|>=|==|<|>)\s*['"](?P<v>\d+(?:\.\d+){0,2})['"]"""
)


def python_range(marker: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The Python versions ``[low, high)`` where ``marker`` holds, for a marker of
    ``python_version``/``python_full_version`` comparisons joined by ``and`` (no marker:
    all of them); None for any other marker (a platform, ``or``): not known."""
    low: tuple[int, ...] = (0, 0, 0)
    high: tuple[int, ...] = (99, 0, 0)
    if not marker:
        return low, high
    if " or " in marker:
        return None
    for clause in marker.split(" and "):
        found = _PYTHON_CLAUSE.compiled.fullmatch(clause.strip().strip("()").strip())
        if found is None:
            return None
        parts = [int(p) for p in found["v"].split(".")]
        size = 3 if found["full"] else 2
        x: tuple[int, ...] = tuple([*parts, 0, 0, 0][:3])
        cut = min(len(parts), size)  # the next version at the written precision
        after: tuple[int, ...] = (*x[: cut - 1], x[cut - 1] + 1, *(0,) * (3 - cut))
        op = found["op"]
        if op in (">=", "=="):
            low = max(low, x)
        if op == ">":
            low = max(low, after)
        if op in ("<=", "=="):
            high = min(high, after)
        if op == "<":
            high = min(high, x)
    return low, high


def _covers(ranges: Iterable[tuple[tuple[int, ...], tuple[int, ...]]]) -> bool:
    """Whether the ranges together hold every supported Python (from ``_FLOOR`` on)."""
    at: tuple[int, ...] = _FLOOR
    for low, high in sorted(ranges):
        if low > at:
            return False
        at = max(at, high)
    return at >= _TOP


def holds_everywhere(marker: str) -> bool:
    """Whether ``marker`` holds on every supported Python (none, a lower bound at or below
    the oldest supported Python, an upper bound at 4 or beyond), as far as reqlint tells."""
    found = python_range(marker)
    return found is not None and _covers([found])


# No pip released since 2018 runs on a Python older than 3.4 (pip 10 dropped 3.3; pip 26.3
# needs 3.10): a requirement only for those is one pip skips ("Ignoring future: markers
# 'python_version <= "2.7"' don't match your environment")
_DEAD_BELOW = (3, 4, 0)


@functools.lru_cache(maxsize=1024)
def holds_on_no_live_python(marker: str) -> bool:
    """Whether ``marker`` holds only on Pythons no pip of the last eight years runs on
    (``python_version <= "2.7"``, ``python_version < "3.4"``): pip skips the line."""
    found = python_range(marker)
    return found is not None and found[1] <= _DEAD_BELOW


def pins_everywhere(reqs: Iterable[Requirement]) -> dict[str, str]:
    """Each name an exact constraint pins (``exact_pin``), to where, for every install.

    pip drops a constraint whose marker does not hold (``resolution/resolvelib/factory``:
    ``if not ireq.match_markers(): continue``): certbot's ``oldest_constraints.txt`` pins
    ``funcsigs==0.4 ; python_version == "3.10"``, which pins nothing on 3.11.  Pins under
    narrower markers count when their Python ranges together hold every supported Python
    (one line per Python range, as ``uv export`` writes them), and for a requirement
    under the same marker (the key ``name;marker``)."""
    from reqlint.names import canonicalize_name

    out: dict[str, str] = {}
    limited: dict[str, list[tuple[str, str]]] = {}
    for r in reqs:
        if not exact_pin(r):
            continue
        name = str(canonicalize_name(r.name or ""))
        if holds_everywhere(r.marker or ""):
            out[name] = r.location.display()
        else:
            limited.setdefault(name, []).append((r.marker or "", r.location.display()))
        if r.marker:  # pins a requirement under the same marker (`name; marker` lines)
            out.setdefault(f"{name};{r.marker}", r.location.display())
            # where a marker-limited pin is, for RL201 to say why it does not count
            out.setdefault(f"{name};", f"{r.location.display()} pins it only where {r.marker}")
    for name, pins in limited.items():
        if name not in out:
            ranges = [python_range(marker) for marker, _ in pins]
            if all(found is not None for found in ranges) and _covers(
                found for found in ranges if found is not None
            ):
                out[name] = pins[0][1]  # one pin per Python range: each its range
    return out


def _pinned_twins(
    files: Sequence[ParsedSource],
    roles: dict[str, FileRole],
    read: Callable[[str], list[Requirement]] | None = None,
) -> None:
    """A file whose every name a fully pinned file in the same folder pins exactly is that
    file's input (netbox's ``base_requirements.txt`` beside ``requirements.txt``): the
    pins live in the twin, as a ``*.in`` file's live in its compiled output.

    The twin is looked for among the linted files, then (with ``read``) among the
    requirements files on disk beside it: a pre-commit run names only the staged
    ``base_requirements.txt``, and must judge it as ``check .`` does (trial 11)."""
    from reqlint.names import canonicalize_name

    def names(src: ParsedSource) -> list[Requirement]:
        return [
            r
            for r in src.requirements
            if r.name and not r.constraint and not r.editable and r.error is None
        ]

    locks: dict[str, list[tuple[ParsedSource, dict[str, str]]]] = {}
    for src in files:
        reqs = names(src)
        if src.path not in roles and reqs and all(exact_pin(r) for r in reqs):
            pins = {canonicalize_name(r.name or ""): r.specifier for r in reqs}
            locks.setdefault(os.path.dirname(src.path), []).append((src, pins))
    known = {os.path.abspath(src.path) for src in files}
    seen: dict[str, dict[str, str] | None] = {}
    listed: dict[str, list[str]] = {}
    for src in files:
        reqs = names(src)
        if src.path in roles or not reqs or all(exact_pin(r) for r in reqs):
            continue
        wanted = {canonicalize_name(r.name or "") for r in reqs}
        # the file of the same stem first (ansible's sanity.import.in -> sanity.import.txt)
        stem = _stem(src.path)
        beside = sorted(
            locks.get(os.path.dirname(src.path), []), key=lambda lk: _stem(lk[0].path) != stem
        )
        twin = next(
            (lock for lock, pins in beside if lock is not src and wanted <= pins.keys()),
            None,
        )
        shown = twin.path if twin is not None else None
        if shown is None and read is not None:
            shown = _twin_on_disk(src.path, wanted, known, read, seen, listed)
        if shown is not None:
            roles[src.path] = FileRole(
                "compile-input",
                f"every name in it is pinned in {shown} beside it, "
                "a fully pinned file: this is its input",
            )


def _stem(path: str) -> str:
    """A requirements file's name without its last suffix (``sanity.import``)."""
    return os.path.splitext(os.path.basename(path))[0]


def _twin_on_disk(
    path: str,
    wanted: set[str],
    known: set[str],
    read: Callable[[str], list[Requirement]],
    seen: dict[str, dict[str, str] | None],
    listed: dict[str, list[str]],
) -> str | None:
    """A fully pinned requirements file beside ``path`` on disk, not linted, that pins
    every name in ``wanted`` (its path as shown), or None.  ``seen``: each file's pins
    (None: not a fully pinned requirements file), read once for the run; ``listed``: each
    folder's requirements files that are not linted, listed once."""
    from reqlint.discovery import classify, display_path, scan_base
    from reqlint.names import canonicalize_name

    folder = os.path.dirname(path) or "."
    if folder not in listed:
        try:
            # the requirements files beside it that are not linted (those are looked at)
            base = scan_base(folder)
            listed[folder] = [
                full
                for full in (os.path.join(folder, n) for n in sorted(os.listdir(folder)))
                if os.path.abspath(full) not in known
                and classify(full, base) is SourceKind.REQUIREMENTS
            ]
        except OSError:
            listed[folder] = []
    stem = _stem(path)
    for full in sorted(listed[folder], key=lambda f: _stem(f) != stem):
        if full not in seen:
            pins: dict[str, str] | None = None
            if os.path.isfile(full):
                reqs = [
                    r
                    for r in read(full)
                    if r.name and not r.constraint and not r.editable and r.error is None
                ]
                if reqs and all(exact_pin(r) for r in reqs):
                    pins = {canonicalize_name(r.name or ""): r.specifier for r in reqs}
            seen[full] = pins
        found = seen[full]
        if found is not None and wanted <= found.keys():
            return display_path(full)
    return None


def derive(
    project: Project, context: RepoContext, read: Callable[[str], list[Requirement]]
) -> Derived:
    """Roles, constraint pins and multi-file installs of ``project``'s requirements files.

    ``read(path)`` reads a constraints file that is not one of the linted files.  A pin
    applies to every file of an install: ``-c`` inside an include tree; a tox env's ``-c``
    files and ``constraints``; the constraints file beside a file (openstack's
    ``upper-constraints.txt`` next to ``global-requirements.txt``: the repository keeps
    its pins there).  A constraints file that cannot be read (a URL) pins every name
    (``"*"``): reqlint cannot tell, and will not claim, that something is left unpinned.
    """

    files = [s for s in project.sources if s.kind is SourceKind.REQUIREMENTS]
    realpath = _realpaths()  # each path resolved once: a monorepo asks thousands of times
    by_real = {realpath(s.path): s for s in files}
    edges = [
        (realpath(s.path), realpath(inc.resolved))
        for s in files
        for inc in s.includes
        if inc.resolved and not inc.constraint
    ]
    roles = {
        by_real[real].path: role
        for real, role in propagate(context.roles, edges).items()
        if real in by_real
    }
    # A file only pip-compile inputs (*.in) include is an input too: the compiled .txt
    # carries the pins (mypy's build-requirements.txt under test-requirements.in).
    includers: dict[str, set[str]] = {}
    for parent, included in edges:
        includers.setdefault(included, set()).add(parent)
    changed = True
    while changed:
        changed = False
        for real, parents in includers.items():
            child = by_real.get(real)
            if child is None or child.path in roles or child.path.endswith(".in"):
                continue
            if all(
                p.endswith(".in")
                or roles.get(by_real[p].path if p in by_real else "", FileRole("", "")).role
                == "compile-input"
                for p in parents
            ):
                first = sorted(parents)[0]
                shown = by_real[first].path if first in by_real else first
                roles[child.path] = FileRole(
                    "compile-input",
                    f"included by {shown}, a pip-compile input: the compiled file carries the pins",
                )
                changed = True
    for src in files:
        if src.path not in roles and _CONSTRAINTS_NAME.search(src.path):
            roles[src.path] = FileRole("constraints", "a constraints file (by its name)")
        for inc in src.includes:
            child = by_real.get(realpath(inc.resolved or ""))
            if inc.constraint and child is not None and child.path not in roles:
                roles[child.path] = FileRole(
                    "constraints", f"used with -c at {inc.location.display()}"
                )
    # How the repository's commands use a file: one they only pass to -c (a tox env's
    # deps or constraints, a CI step's `pip install -c`) is a constraints file; one they
    # only remove (awx's `pip uninstall -r requirements_tower_uninstall.txt`) names what
    # to take out, and pinning it means nothing.
    stand_ins: dict[str, str] = {}
    for path, (_, inside) in project.purpose_paths.items():
        full = os.path.abspath(path)
        if inside and full.endswith(inside.replace("/", os.sep)):
            top = full[: -len(inside)].rstrip(os.sep) or os.sep
            stand_ins.setdefault(os.path.dirname(realpath(path)), os.path.realpath(top))
    commands = _CommandUses(stand_ins)
    tox_files: dict[str, list[tuple[str, str]]] = {}
    for install in context.installs:
        for target in install.requirements:
            tox_files.setdefault(target, []).append(("install", install.where))
        for target in install.constraints:
            tox_files.setdefault(target, []).append(("constraint", install.where))
    variables, no_env = commands.variables(by_real)
    for src in files:
        if src.path in roles:
            continue
        real = realpath(src.path)
        used = [(u.use, f"{u.command} at {u.where}") for u in commands.of(real)]
        used += [(use, f"tox at {where}") for use, where in tox_files.get(real, ())]
        used += [("constraint", v.where) for v in variables if v.target == real]
        kinds = {use for use, _ in used}
        if kinds == {"constraint"}:
            by = used[0][1]
            how = "named by" if by.startswith("PIP_CONSTRAINT") else "used with -c by"
            roles[src.path] = FileRole("constraints", f"{how} {by}")
        elif kinds == {"uninstall"}:
            roles[src.path] = FileRole(
                "uninstall", f"used with -r by {used[0][1]}: it names what to take out"
            )
    _pinned_twins(files, roles, read)

    def pins_in(reqs: Iterable[Requirement]) -> dict[str, str]:
        return pins_everywhere(reqs)

    read_pins: dict[str, dict[str, str]] = {}

    def pins_of(path: str) -> dict[str, str]:
        if path not in read_pins:
            read_pins[path] = pins_in(read(path))
        return read_pins[path]

    pins: dict[str, dict[str, str]] = {}

    def constrain(tree: Iterable[ParsedSource], found: Mapping[str, str]) -> None:
        for src in tree:
            mine = pins.setdefault(src.path, {})
            for name, where in found.items():
                mine.setdefault(name, where)

    for root in project.roots():
        tree = project.closure(root)
        found = pins_in(r for src in tree for r in src.requirements if r.constraint)
        remote = [
            inc
            for src in tree
            for inc in src.includes
            if inc.constraint and inc.resolved is None and "://" in inc.target
        ]
        if remote:
            found["*"] = remote[0].location.display()
        if found:
            constrain(tree, found)
    # PIP_CONSTRAINT / pip.conf `constraint` (read with --system): every install here.
    machine_wide = (
        project.config_settings().get("constraint", []) if project.environment_read else []
    )
    for setting in machine_wide:
        target = setting.value
        found = (
            {"*": f"{target} ({setting.location.display()})"}
            if "://" in target
            else {
                k: f"{v} ({setting.location.display()})"
                for k, v in pins_of(os.path.realpath(target)).items()
            }
        )
        constrain(files, found)
    installs_here = (*context.installs, *commands.installs(by_real))
    for install in installs_here:
        found = {}
        for target in install.constraints:
            if "://" in target:
                found["*"] = f"{target} ({install.where})"
            else:
                for key, where in pins_of(target).items():
                    found.setdefault(key, f"{where} (-c at {install.where})")
        for target in install.requirements:
            if found and target in by_real:
                constrain(project.closure(by_real[target]), found)
    for var in variables:
        if "://" in var.target:
            found = {"*": f"{var.target} ({var.where})"}
        else:
            found = {k: f"{v} ({var.where})" for k, v in pins_of(var.target).items()}
        for install in installs_here:
            path, _, number = install.where.rpartition(":")
            line = int(number) if number.isdigit() else 0
            if realpath(path) != var.file or not var.first <= line <= var.last:
                continue
            if install.where in no_env:
                continue
            for target in install.requirements:
                if found and target in by_real:
                    constrain(project.closure(by_real[target]), found)
    beside: dict[str, dict[str, str]] = {}
    # A constraints-named file that a tox env, CI step or Dockerfile installs with -r is an
    # install list of its own (streamlit's min-constraints-gen.txt, its minimum versions),
    # not the pins of the files beside it.  One that is also passed to -c somewhere is a
    # constraints file still (openstack's upper-constraints.txt: tox deps `-c` it, and a
    # check env runs `pip install --dry-run -r` on it to see that it resolves).

    def installed_directly(path: str) -> bool:
        real = os.path.realpath(path)
        uses = {use for use, _ in tox_files.get(real, ())} | {u.use for u in commands.of(real)}
        return "install" in uses and "constraint" not in uses

    for src in files:
        if src.path in roles:
            continue
        folder = os.path.dirname(realpath(src.path))
        if folder not in beside:
            beside[folder] = {}
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            for name in names:
                full = os.path.join(folder, name)
                if (
                    _CONSTRAINTS_NAME.search(name)
                    and name.endswith(".txt")
                    and os.path.isfile(full)
                    and not installed_directly(full)
                ):
                    for key, where in pins_of(full).items():
                        beside[folder].setdefault(key, f"{where} (the constraints file beside it)")
        if beside[folder]:
            constrain([src], beside[folder])
    # uv's constraint-dependencies pin the pyproject's own dependencies (pin-pyproject).
    for src in project.sources:
        if src.kind is SourceKind.PYPROJECT:
            found = uv_constraints(src.path)
            if found:
                constrain([src], found)
    installs = tuple(
        (install.where, tuple(by_real[t].path for t in install.requirements if t in by_real))
        for install in installs_here
        if sum(1 for t in install.requirements if t in by_real) > 1
    )
    return Derived(roles, pins, installs, context.declared, context.packaged)


# ------------------------------------------------------------------------- setup.py

_STRING = LazyPattern(r"""(?P<q>['"])(?P<s>[^'"\\\n]{1,300})(?P=q)""")
_SETUP_CALL = LazyPattern(r"\b(setuptools|distutils|setup\s*\()")
_PBR = LazyPattern(r"\bpbr\s*=\s*True\b")
_READS_REQUIREMENTS = LazyPattern(
    r"install_requires|extras_require|tests_require|requirements?", re.IGNORECASE
)
_REQUIREMENT_FILE = LazyPattern(r".*\.(txt|in)$")
# A script that builds file names: x + '.txt', f"{name}.txt", '%s.txt', glob('*.txt').
_DYNAMIC_NAME = LazyPattern(r"""['"](\.txt|\*\.txt|%s\.txt)['"]|\}\.txt['"]""")


_CALLEE = LazyPattern(r"(?P<name>[A-Za-z_][\w.]*)\s*\((?:[^()]|\([^()]*\))*$")
_READER_NAME = LazyPattern(r"(?i)open|read|pars|load|req|lines|file")
_READ_AFTER = LazyPattern(r"\s*\)*\s*\.\s*(read_text|read_bytes|open|read|readlines)\b")


def _literals(text: str) -> list[tuple[str, int, bool]]:
    """String literals of a setup script: ``(value, line, read)``, where ``read`` says the
    string is handed to something that reads it (``open('requirements.txt')``,
    ``parse_requirements(...)``, ``reqs('default.txt')``, ``Path(...).read_text()``) rather
    than copied or named (``find_packages(exclude=['test'])``, a dict of files to copy)."""
    out = []
    for match in _STRING.finditer(text):
        value = match["s"].strip().replace("\\", "/")
        while value.startswith("./"):
            value = value[2:]
        if not value or " " in value:
            continue
        before = text[max(0, match.start() - 160) : match.start()]
        call = _CALLEE.search(before)
        read = bool(call and _READER_NAME.search(call["name"].rsplit(".", 1)[-1])) or bool(
            _READ_AFTER.match(text, match.end())
        )
        out.append((value.strip("/"), text.count("\n", 0, match.start()) + 1, read))
    return out


def setup_py_files(text: str, folder: str, known: Mapping[str, str]) -> dict[str, tuple[int, str]]:
    """Requirements files a setup script reads into its metadata.

    * ``pbr=True``: pbr reads ``requirements.txt`` and ``test-requirements.txt``.
    * A string naming a requirements file (``'requirements/runtime.txt'``, or
      ``'default.txt'`` beside a ``'requirements'`` string: ``os.path.join`` pieces), handed
      to something that reads it, when the script calls setup and mentions requirements.
    * A string naming a requirements folder (or one inside it) that no string names a file
      in (celery's ``extras(x + '.txt')`` over ``requirements/extras``): every file below.
    """
    out: dict[str, tuple[int, str]] = {}
    if not _SETUP_CALL.search(text):
        return out
    if _PBR.search(text):
        line = text.count("\n", 0, _PBR.search(text).start()) + 1  # type: ignore[union-attr]
        for name, what in (
            ("requirements.txt", "into the package metadata (install_requires)"),
            # not into the wheel's metadata: setuptools' tests_require, a declaration of
            # ranges all the same (openstack pins them with upper-constraints)
            ("test-requirements.txt", "as the package's tests_require"),
        ):
            out[os.path.realpath(os.path.join(folder, name))] = (line, f"pbr reads it {what}")
    if not _READS_REQUIREMENTS.search(text):
        return out
    literals = _literals(text)
    pieces = {value for value, _, _ in literals}
    folder_real = os.path.realpath(folder)
    below = {real: rel for real in known if (rel := _relative_to(real, folder_real)) is not None}
    named_dirs: set[str] = set()
    for value, line, read in literals:
        if not _REQUIREMENT_FILE.fullmatch(value) or not read:
            continue
        for real, rel in below.items():
            if _named_by(rel, value, pieces):
                out.setdefault(
                    real, (line, f"setup.py reads it into the package metadata ('{value}')")
                )
                named_dirs.add(posix_dir(rel))
    # Folders named by a string: only the deepest ones (celery's 'requirements' holds the
    # named default.txt and the folder 'extras'; 'extras' is read whole).
    folders: dict[str, tuple[str, int]] = {}
    for value, line, _ in literals:
        if _REQUIREMENT_FILE.fullmatch(value) or "." in value.rsplit("/", 1)[-1]:
            continue
        for rel in below.values():
            where = _named_folder(rel, value, pieces)
            # Only a requirements folder or one inside it: a string 'test' or 'ts' names a
            # package (find_packages(exclude=['test'])), not files to read.
            if where is not None and any("req" in part.lower() for part in where.split("/")):
                folders.setdefault(where, (value, line))
    dynamic = bool(_DYNAMIC_NAME.search(text))
    for where, (value, line) in folders.items():
        if any(other.startswith(where + "/") for other in folders):
            continue  # not the deepest: only the files named in it count
        if where in named_dirs and not dynamic:
            continue  # the script names its files one by one
        for real, rel in below.items():
            if rel.startswith(where + "/"):
                out.setdefault(
                    real,
                    (
                        line,
                        f"setup.py reads the requirements folder "
                        f"'{value}' into the package metadata",
                    ),
                )
    return out


def _with_requirement_folders(known: Mapping[str, str], folder: str) -> Mapping[str, str]:
    """``known`` (real path -> path as linted) and the requirements files on disk in the
    requirements folders of ``folder``: which of them a setup script reads is judged by
    all that are there, not by those a pre-commit run happens to name (celery's
    ``requirements/deps/mock.txt`` alone read as metadata, in the scan as a list)."""
    from reqlint.discovery import REQUIREMENT_FOLDERS, classify, scan_base

    more: dict[str, str] = {}
    base = scan_base(folder)
    for name in REQUIREMENT_FOLDERS:
        top = os.path.join(folder, name)
        if not os.path.isdir(top):
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for file in sorted(filenames):
                full = os.path.join(dirpath, file)
                real = os.path.realpath(full)
                if real not in known and classify(full, base) is SourceKind.REQUIREMENTS:
                    more[real] = full
    return {**known, **more} if more else known


def posix_dir(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def _named_by(rel: str, value: str, pieces: set[str]) -> bool:
    """``rel`` (relative to setup.py) is the file ``value`` names, alone or after folder
    strings of the same script (``os.path.join('requirements', 'default.txt')``)."""
    if rel == value:
        return True
    if not rel.endswith("/" + value):
        return False
    lead = rel[: -len(value) - 1]
    return all(part in pieces for part in lead.split("/")) or lead in pieces


def _named_folder(rel: str, value: str, pieces: set[str]) -> str | None:
    """The folder (relative to setup.py) that ``value`` names, when ``rel`` lies below it
    (``value`` itself maybe below other folder strings of the script)."""
    parts = rel.split("/")[:-1]
    target = value.split("/")
    for k in range(len(parts) - len(target) + 1):
        if parts[k : k + len(target)] == target and all(p in pieces for p in parts[:k]):
            return "/".join(parts[: k + len(target)])
    return None


# ------------------------------------------------------------------------- setup.cfg

_CFG_FILE = LazyPattern(
    r"^[ \t]*(?P<key>[\w.-]+)[ \t]*=[ \t]*file:[ \t]*(?P<files>.+)$", re.MULTILINE
)


def setup_cfg_files(text: str, folder: str) -> dict[str, tuple[int, str]]:
    """``install_requires = file: requirements.txt`` and ``[options.extras_require]``
    ``x = file: requirements-x.txt`` (setuptools' ``file:`` directive)."""
    out: dict[str, tuple[int, str]] = {}
    section = ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped.strip("[]").strip()
            continue
        match = _CFG_FILE.match(line)
        if match is None:
            continue
        key = match["key"]
        if not (
            key in ("install_requires", "tests_require") or section == "options.extras_require"
        ):
            continue
        for name in re.split(r"[,\s]+", match["files"].strip()):
            if name:
                out[os.path.realpath(os.path.join(folder, name))] = (
                    number,
                    f"setup.cfg `{key} = file:` reads it into the package metadata",
                )
    return out


# -------------------------------------------------------------------- pyproject.toml


def _in_package(folder: str) -> bool:
    """Whether ``folder`` is a Python package's (an ``__init__.py`` in it) that the
    project ships: not one beside a ``src/`` layout, whose packages are under ``src/``
    (peft's ``method_comparison/`` has an ``__init__.py``, but ``find_packages("src")``
    ships only ``src/peft``: its requirements-app.txt is a deployed app's list, trial 12)."""
    if not os.path.isfile(os.path.join(folder, "__init__.py")):
        return False
    top = folder
    while os.path.isfile(os.path.join(os.path.dirname(top), "__init__.py")):
        top = os.path.dirname(top)
    parent = os.path.dirname(top)
    if os.path.basename(parent) == "src":
        return True
    src = os.path.join(parent, "src")
    try:
        return not any(
            os.path.isfile(os.path.join(src, name, "__init__.py")) for name in os.listdir(src)
        )
    except OSError:
        return True  # no src/ folder: a flat layout, its packages beside setup.py


def collection_files(folder: str) -> dict[str, tuple[int, str]]:
    """The Python dependencies file of the Ansible collection whose ``galaxy.yml`` is in
    ``folder``: the one ``meta/execution-environment.yml`` names (``dependencies:
    python:``), else ``requirements.txt`` at the collection's root, which ansible-builder
    installs into every execution environment holding the collection.  A declaration, as
    a library's ``install_requires`` is: Ansible's certification rules forbid pins and
    upper bounds there (they conflict between collections), so RL201 asking for
    ``pytz==X.Y.Z`` in awx's ``awx_collection/requirements.txt`` was wrong (trial 11)."""
    why = "ansible-builder installs it as the Python dependencies of the collection"
    meta = os.path.join(folder, "meta", "execution-environment.yml")
    named = "requirements.txt"
    text = _read(meta) if os.path.isfile(meta) else None
    if text is not None:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            data = None
        deps = data.get("dependencies") if isinstance(data, dict) else None
        python = deps.get("python") if isinstance(deps, dict) else None
        if not isinstance(python, str) or "\n" in python.strip():
            return {}  # no file, or the requirements written inline
        named = python.strip()
        why += " (named in meta/execution-environment.yml)"
    return {os.path.realpath(os.path.join(folder, named)): (0, why)}


def _declares_dependencies(text: str) -> bool:
    """pyproject.toml has ``[project]`` dependencies, one at least."""
    if "dependencies" not in text:
        return False  # the common case, without parsing TOML
    project = (_toml(text) or {}).get("project")
    return isinstance(project, dict) and bool(project.get("dependencies"))


def pyproject_files(text: str, folder: str) -> dict[str, tuple[int, str]]:
    """``[tool.setuptools.dynamic]`` ``file`` lists and hatch-requirements-txt's files."""
    if "dynamic" not in text and "requirements_txt" not in text:
        return {}  # the common case, without parsing TOML
    data = _toml(text)
    if data is None:
        return {}
    out: dict[str, tuple[int, str]] = {}
    tool = data.get("tool")
    if not isinstance(tool, dict):
        return out

    def add(names: object, why: str) -> None:
        if isinstance(names, str):
            names = [names]
        if isinstance(names, list):
            for name in names:
                if isinstance(name, str):
                    line = _line_of(text, name)
                    out[os.path.realpath(os.path.join(folder, name))] = (line, why)

    dynamic = _table(tool, "setuptools", "dynamic")
    why = "[tool.setuptools.dynamic] reads it into the package metadata"
    add(_table(dynamic, "dependencies").get("file"), why)
    for extra in _table(dynamic, "optional-dependencies").values():
        if isinstance(extra, dict):
            add(extra.get("file"), why)
    hooks = _table(tool, "hatch", "metadata", "hooks")
    hook = _table(hooks, "requirements_txt")
    why = "hatch-requirements-txt reads it into the package metadata"
    files = hook.get("files", hook.get("filename"))  # `filename`: the old key, still read
    if files is None and "requirements_txt" in hooks and _dynamic_dependencies(data):
        # the hook's default when neither key is set: requirements.txt
        at = text.find("hooks.requirements_txt")
        line = text.count("\n", 0, at) + 1 if at >= 0 else 0
        out[os.path.realpath(os.path.join(folder, "requirements.txt"))] = (
            line,
            why + " (its default file: no `files` key)",
        )
    else:
        add(files, why)
    for extra in _table(hook, "optional-dependencies").values():
        add(extra, why)
    return out


def _dynamic_dependencies(data: dict[str, object]) -> bool:
    project = data.get("project")
    dynamic = project.get("dynamic") if isinstance(project, dict) else None
    return isinstance(dynamic, list) and "dependencies" in dynamic


_REQ_NAME = LazyPattern(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


def _declaration_copies(
    text: str,
    folder: str,
    known: Mapping[str, str],
    shown: str,
    found: Mapping[str, tuple[int, str]],
) -> dict[str, tuple[int, str]]:
    """Requirements files beside a pyproject.toml, or in a ``requirements/`` folder beside
    it, that only repeat its static ``[project]`` dependencies (whisper's
    requirements.txt, mlflow's generated ``requirements/core-requirements.txt``): a copy
    of the library's declaration, for ``pip install -r`` in development, not an
    application's pins."""
    from reqlint.names import canonicalize_name

    if "dependencies" not in text:
        return {}

    def beside(real: str) -> bool:
        parent = os.path.dirname(real)
        return parent == folder or (
            os.path.dirname(parent) == folder and os.path.basename(parent).startswith("req")
        )

    # a file named for constraints is one (Qiskit's constraints.txt, used with -c in a
    # dozen CI commands, was called a copy of the declaration: trial 17)
    here = [
        real
        for real in known
        if beside(real) and real not in found and not _CONSTRAINTS_NAME.search(real)
    ]
    if not here:
        return {}
    project = _table(_toml(text), "project")
    declared: set[str] = set()
    lists = [project.get("dependencies")]
    lists += list(_table(project, "optional-dependencies").values())
    for items in lists:
        for item in items if isinstance(items, list) else []:
            match = _REQ_NAME.match(item) if isinstance(item, str) else None
            if match:
                declared.add(canonicalize_name(match[1]))
    if not declared:
        return {}
    at = text.find("dependencies")
    line = text.count("\n", 0, at) + 1
    out: dict[str, tuple[int, str]] = {}
    for real in here:
        body = _read(real)
        names: list[str] = []
        for raw in (body or "").splitlines():
            entry = raw.split(" #", 1)[0].strip()
            if not entry or entry.startswith("#"):
                continue
            if entry.startswith(("-c", "--constraint")):
                # the pins it is installed with (Home Assistant's requirements.txt starts
                # `-c homeassistant/package_constraints.txt`): still a copy (trial 20)
                continue
            match = _REQ_NAME.match(entry)
            if entry.startswith("-") or match is None:
                names = []  # options, includes, URLs: more than a copy of the list
                break
            names.append(canonicalize_name(match[1]))
        if names and set(names) <= declared:
            out[real] = (
                line,
                f"every name in it is a dependency {shown} declares ([project]): a copy of "
                "the package's declaration",
            )
    return out


@functools.lru_cache(maxsize=4)  # a pyproject is asked for its roles, then its copies
def _toml(text: str) -> dict[str, object] | None:
    if sys.version_info >= (3, 11):
        import tomllib

        try:
            return tomllib.loads(text)
        except (tomllib.TOMLDecodeError, ValueError):
            return None
    import tomlkit  # pragma: no cover - Python 3.10
    from tomlkit.exceptions import ParseError  # pragma: no cover

    try:  # pragma: no cover
        loaded: dict[str, object] = tomlkit.parse(text).unwrap()
    except (ParseError, ValueError):  # pragma: no cover
        return None
    return loaded  # pragma: no cover


def uv_constraints(path: str) -> dict[str, str]:
    """Exact pins of ``[tool.uv] constraint-dependencies`` in the pyproject at ``path``."""
    text = _read(path)
    if text is None or "constraint-dependencies" not in text:
        return {}
    data = _toml(text)
    items = _table(data, "tool", "uv").get("constraint-dependencies")
    if not isinstance(items, list):
        return {}
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Pep508

    from reqlint.names import canonicalize_name

    out: dict[str, str] = {}
    for item in items:
        try:
            req = Pep508(item) if isinstance(item, str) else None
        except InvalidRequirement:
            continue
        specs = list(req.specifier) if req is not None else []
        if (
            req is not None
            and len(
                [s for s in specs if s.operator in ("==", "===") and not s.version.endswith(".*")]
            )
            == 1
        ):
            out[str(canonicalize_name(req.name))] = (
                f"{path}:{_line_of(text, item)} ([tool.uv] constraint-dependencies)"
            )
    return out


def _table(data: object, *keys: str) -> dict[str, object]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def _line_of(text: str, value: str) -> int:
    at = text.find(f'"{value}"')
    if at < 0:
        at = text.find(f"'{value}'")
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


# --------------------------------------------------------------------------- tox.ini

_ENV_REF = LazyPattern(r"\{env:(?P<name>[^:}]+)(?::(?P<default>[^{}]*(?:\{[^{}]*\}[^{}]*)*))?\}")


def _tox_substitute(value: str, toxinidir: str) -> str:
    for _ in range(5):
        new = _ENV_REF.sub(lambda m: m["default"] or "", value)
        if new == value:
            break
        value = new
    return value.replace("{toxinidir}", toxinidir).replace("{tox_root}", toxinidir)


# The files whose commands are read, each with the folders its relative paths are taken
# in: CI steps run at the repository root; a Dockerfile's WORKDIR is not known (its build
# context, its folder, and the root are tried); make runs a recipe in the Makefile's
# folder; a script runs wherever it is started (its folder, and the root).  The root and
# one folder down: no walk of the tree.
_COMMAND_FILES: tuple[tuple[str, bool], ...] = (  # (pattern, also the file's own folder)
    (".github/workflows/*.yml", False),
    (".github/workflows/*.yaml", False),
    (".github/actions/**/action.yml", False),
    (".github/actions/**/action.yaml", False),
    (".gitlab-ci.yml", False),
    (".readthedocs.yaml", False),  # its commands run at the checkout's top, wherever
    (".readthedocs.yml", False),  # the configuration is kept (certbot: one per package)
    ("readthedocs.yml", False),
    ("*/.readthedocs.yaml", False),
    ("*/.readthedocs.yml", False),
    (".circleci/config.yml", False),
    ("azure-pipelines*.yml", False),
    ("Dockerfile*", True),
    ("*.Dockerfile", True),
    ("*/Dockerfile*", True),
    ("*/*.Dockerfile", True),
    ("Makefile", True),
    ("*/Makefile", True),
    ("*.sh", True),
    ("*/*.sh", True),
    ("tox.ini", True),
)


@dataclass(frozen=True, slots=True)
class CommandUse:
    """How a command line uses a file: ``install`` (``pip install -r``, also download,
    wheel and uv's sync/compile), ``constraint`` (``-c``) or ``uninstall``
    (``pip uninstall -r``); ``where`` is the line (``Makefile:179``), ``command`` the
    command as written (``pip uninstall``)."""

    use: str
    where: str
    command: str


@dataclass(frozen=True, slots=True)
class _Variable:
    """``PIP_CONSTRAINT`` set in ``file`` (a CI file's ``env:``/``variables:``, a Dockerfile
    ``ENV``, a script's ``export``, a tox ``setenv``, or a command's own
    ``PIP_CONSTRAINT=... pip install``): pip reads ``target`` (a real path or a URL) as a
    ``-c`` file on every install that sees it (certbot pins through it, trial 16).  It
    holds for the file's pip installs written on lines ``first`` to ``last``: a
    command's own prefix for that line, a Dockerfile ``ENV`` until the stage ends, a
    script's ``export`` below it, a tox ``setenv`` for its env (``[testenv]``: all), a CI
    file's ``env:`` for the workflow, job or step that holds it.  Not a Makefile's (each
    recipe line is a shell of its own)."""

    file: str
    first: int
    last: int
    target: str
    where: str


# one repository's commands: each file's uses, the multi-file installs, PIP_CONSTRAINT
_Scan = tuple[dict[str, tuple[CommandUse, ...]], list[InstallSet], list[_Variable], frozenset[str]]


class _CommandUses:
    """How the commands of a repository (its CI steps, Dockerfiles, Makefiles, scripts and
    tox commands) use each file with ``-r`` and ``-c``: read once per repository, when a
    file's role is asked for."""

    def __init__(self, stand_ins: Mapping[str, str] | None = None) -> None:
        # top -> (real path -> its uses, the installs that combine -r and -c files)
        self.by_top: dict[str, _Scan] = {}
        self.tops: dict[str, str] = {}  # real folder -> its repository's top (or stand-in)
        self.git_tops: dict[str, str] = {}  # real folder -> the folder holding its .git
        # real folder -> the folder standing for its repository when there is no .git
        self.stand_ins = stand_ins or {}

    def top(self, folder: str) -> str:
        """The top of the repository holding real folder ``folder``, read on first use."""
        top = self.tops.get(folder)
        if top is None:
            # climbed once for all the folders on the way (a monorepo has thousands)
            here, climbed = folder, []
            while True:
                top = self.git_tops.get(here)
                if top is not None:
                    break
                climbed.append(here)
                parent = os.path.dirname(here)
                if os.path.exists(os.path.join(here, ".git")) or parent == here:
                    top = here
                    break
                here = parent
            for seen in climbed:
                self.git_tops[seen] = top
            if not os.path.exists(os.path.join(top, ".git")):
                # no repository (a source tarball, a checkout without .git): the folder
                # that stands for it when the files' purposes are read (the folder linted,
                # else the working folder), as found for a linted file in the same folder
                top = self.stand_ins.get(folder, top)
            self.tops[folder] = top
        if top not in self.by_top:
            self.by_top[top] = self._scan(top)
        return top

    def of(self, real: str) -> tuple[CommandUse, ...]:
        """The uses of the file at real path ``real``."""
        return self.by_top[self.top(os.path.dirname(real))][0].get(real, ())

    def variables(self, reals: Iterable[str]) -> tuple[list[_Variable], frozenset[str]]:
        """The ``PIP_CONSTRAINT`` settings of the repositories holding ``reals``, and the
        installs (by ``where``) that do not read it."""
        folders = dict.fromkeys(os.path.dirname(r) for r in reals)
        tops = dict.fromkeys(self.top(f) for f in folders)
        return (
            [v for top in tops for v in self.by_top[top][2]],
            frozenset(w for top in tops for w in self.by_top[top][3]),
        )

    def installs(self, reals: Iterable[str]) -> list[InstallSet]:
        """The install commands of the repositories holding ``reals`` that read ``-r``
        files (``pip install -r requirements.txt -r test.txt -c constraints.txt``): pip
        reads them as one install."""
        folders = dict.fromkeys(os.path.dirname(r) for r in reals)
        tops = dict.fromkeys(self.top(f) for f in folders)
        return [i for top in tops for i in self.by_top[top][1]]

    @staticmethod
    def _scan(top: str) -> _Scan:
        import glob

        from reqlint.discovery import display_path

        if os.path.dirname(top) == top:
            return {}, [], [], frozenset()  # the filesystem's root: no repository to read
        uses: dict[str, list[CommandUse]] = {}
        installs: list[InstallSet] = []
        variables: list[_Variable] = []
        no_env: set[str] = set()
        for pattern, own in _COMMAND_FILES:
            for name in sorted(glob.glob(os.path.join(glob.escape(top), pattern), recursive=True)):
                text = _read(name) if os.path.isfile(name) else None
                if not text or "pip" not in text.lower():
                    continue
                bases = (os.path.dirname(name), top) if own else (top,)
                tox_folder = os.path.dirname(name) if name.endswith("tox.ini") else ""
                shown = display_path(name)
                if READTHEDOCS.search(name.replace(os.sep, "/")):
                    text = readthedocs_installs(text)  # `requirements: x` is `pip install -r x`
                for number, line in logical_lines(text):
                    if "pip" not in line.lower():
                        continue
                    where = f"{shown}:{number}"
                    for target, inline in constraint_variables(line, tox_folder):
                        found = _variable_target(target, name, top, bases)
                        scope = _variable_scope(name, text, number, line, inline)
                        if found is not None and scope is not None:
                            variables.append(
                                _Variable(
                                    os.path.realpath(name),
                                    *scope,
                                    found,
                                    f"PIP_CONSTRAINT at {where}",
                                )
                            )
                    for command, files in command_uses(line, tox_folder):
                        resolved: list[tuple[str, str]] = []
                        for use, target in files:
                            reals = [os.path.realpath(os.path.join(b, target)) for b in bases]
                            real = next((r for r in reals if os.path.isfile(r)), reals[0])
                            uses.setdefault(real, []).append(CommandUse(use, where, command))
                            resolved.append((use, real))
                        requirements = tuple(r for u, r in resolved if u == "install")
                        constraints = tuple(r for u, r in resolved if u == "constraint")
                        if requirements:
                            installs.append(InstallSet(where, requirements, constraints))
                            if _NO_PIP_ENV.search(line):
                                no_env.add(where)
        return {k: tuple(v) for k, v in uses.items()}, installs, variables, frozenset(no_env)


# an install that does not read PIP_* variables: uv's, or pip's with --isolated
_NO_PIP_ENV = LazyPattern(r"\buv\s+pip\b|--isolated\b")


def _variable_scope(
    name: str, text: str, number: int, line: str, inline: bool
) -> tuple[int, int] | None:
    """The lines of file ``name`` whose installs see ``PIP_CONSTRAINT`` set on line
    ``number`` (``inline``: as a command's own prefix), or None when that is not known."""
    if inline:
        return number, number
    base = os.path.basename(name)
    lines = text.splitlines()
    if "Dockerfile" in base:  # until the next FROM: a later stage starts afresh
        ends = [k for k in range(number, len(lines)) if _FROM.match(lines[k])]
        return number, ends[0] if ends else len(lines)
    if base.endswith(".sh"):
        return number, len(lines)
    if base == "tox.ini":
        header = next((k for k in range(number - 1, -1, -1) if lines[k].startswith("[")), -1)
        section = lines[header].strip() if header >= 0 else ""
        return (0, len(lines)) if section == "[testenv]" else (header + 1, header + 1)
    if base.endswith((".yml", ".yaml")):
        return _yaml_env_scope(lines, number)
    return None


def _yaml_env_scope(lines: Sequence[str], number: int) -> tuple[int, int] | None:
    """The lines a CI file's ``env:`` (GitHub, Azure), ``variables:`` (GitLab) or
    ``environment:`` (CircleCI) entry on line ``number`` holds for: the whole file for the
    workflow's own (a key at the left margin), else the block that owns the key, a job
    or a step, up to the next line indented less than the key (``- name:`` of the next
    step, the next job's id).  None when the line is not such an entry (a flow mapping,
    a ``run:`` script's ``export``: not known)."""

    def indent(text: str) -> int:
        return len(text) - len(text.lstrip(" "))

    def blank(text: str) -> bool:
        return not text.strip() or text.lstrip().startswith("#")

    own = indent(lines[number - 1])
    key = next(
        (k for k in range(number - 2, -1, -1) if not blank(lines[k]) and indent(lines[k]) < own),
        None,
    )
    if key is None:
        return None
    found = _ENV_KEY.match(lines[key])
    if found is None:
        return None
    column = found.end("dash") if found["dash"] else indent(lines[key])
    if column == 0:
        return 0, len(lines)
    start = next(
        (k for k in range(key, -1, -1) if not blank(lines[k]) and indent(lines[k]) < column),
        key,
    )
    below = range(key + 1, len(lines))
    end = next((k for k in below if not blank(lines[k]) and indent(lines[k]) < column), len(lines))
    return start + 1, end


_ENV_KEY = LazyPattern(r"(?P<dash>\s*-\s+)?\s*(?:env|variables|environment):\s*(?:#.*)?$")


_FROM = LazyPattern(r"\s*FROM\s", re.IGNORECASE)


def _variable_target(target: str, name: str, top: str, bases: Sequence[str]) -> str | None:
    """The real path (or the URL) ``PIP_CONSTRAINT=target`` in file ``name`` names, or
    None: relative paths where the file's commands run (``bases``); an absolute path in an
    image (``/app/tools/pins.txt`` after ``COPY . /app``) matched against the repository by
    its tail."""
    if "://" in target:
        return target
    if os.path.isabs(target):
        parts = target.strip(os.sep).split(os.sep)
        tried = [target, *(os.path.join(top, *parts[k:]) for k in range(1, len(parts)))]
    else:
        tried = [os.path.join(base, target) for base in bases]
    return next((os.path.realpath(t) for t in tried if os.path.isfile(t)), None)


def tox_installs(text: str, folder: str, shown: str) -> list[InstallSet]:
    """One install per test env: the ``-r`` and ``-c`` files of its ``deps`` plus its
    ``constraints`` (tox 4), each inherited from ``[testenv]`` when the env does not set
    it; ``{[section]key}``, ``{toxinidir}`` and ``{env:NAME:default}`` substituted, relative
    paths resolved against tox.ini's folder, as tox runs pip there."""
    import configparser

    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return []
    lines = {
        name: text.count("\n", 0, max(text.find(f"[{name}]"), 0)) + 1 for name in parser.sections()
    }

    def value(section: str, key: str, depth: int = 0) -> str:
        raw = parser.get(section, key, fallback="") if parser.has_section(section) else ""
        if depth > 5:
            return raw
        return _TOX_REF.sub(lambda m: value(m["section"], m["key"], depth + 1), raw)

    out: list[InstallSet] = []
    for section in parser.sections():
        if not (section == "testenv" or section.startswith(("testenv:", "tox:testenv"))):
            continue
        own = parser.has_option(section, "deps")
        deps = value(section if own else "testenv", "deps")
        cons = value(
            section if parser.has_option(section, "constraints") else "testenv", "constraints"
        )
        # A `factor:` line applies only to the envs with that factor (`a: -r a.txt` and
        # `b: -r b.txt` never meet in one install): one install per factor condition, with
        # the lines every env has.  (Envs that combine two factors, `a-b`, are not built:
        # pairs across conditions go unjudged rather than judged wrongly.)
        entries: list[tuple[str, bool, str]] = []  # (factor condition, constraint?, file)
        for line in deps.splitlines():
            label = _factor(line)
            body = _tox_substitute(_TOX_FACTOR.sub(" ", line), folder)
            for option, path, _start, _end in deps_file_options(body):
                entries.append((label, is_constraint_option(option), _resolve(path, folder)))
        for line in cons.splitlines():
            body = _tox_substitute(_TOX_FACTOR.sub(" ", line), folder).strip()
            if body:
                entries.append((_factor(line), True, _resolve(body, folder)))
        where = f"{shown}:{lines.get(section, 0)}"
        labels = list(dict.fromkeys(label for label, _, _ in entries if label)) or [""]
        for label in labels:
            mine = [(c, f) for lab, c, f in entries if lab in ("", label)]
            files = tuple(f for c, f in mine if not c)
            if files:
                out.append(InstallSet(where, files, tuple(f for c, f in mine if c)))
    return out


def _factor(line: str) -> str:
    """The factor condition of a tox line (``py312-dev`` for ``py312-dev: pytest``), or ""."""
    found = _TOX_FACTOR.match(line)
    return found.group(0).strip().rstrip(":").strip() if found else ""


_TOX_REF = LazyPattern(r"\{\[(?P<section>[^\]]+)\](?P<key>[\w-]+)\}")
_TOX_FACTOR = LazyPattern(r"^\s*[\w{},!.-]+:\s")


def _resolve(target: str, folder: str) -> str:
    return target if "://" in target else os.path.realpath(os.path.join(folder, target))
