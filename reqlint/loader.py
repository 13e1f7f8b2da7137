"""Candidates -> parsed sources -> a :class:`~reqlint.project.Project`.

With discovery, the only module that reads the disk for a run: the files given, the files
they include, this machine's pip configuration files (``--system``) and the lock files
that say how a project is managed.  It hands each text to its adapter through the one
table in :mod:`reqlint.sources`; adapters are imported when a file of their kind is met,
so a run over requirements files never imports tomlkit or yaml.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence

from reqlint._gc import paused as paused_gc
from reqlint._lazyre import LazyPattern
from reqlint._records import dataclass, replace
from reqlint.context import Derived, purpose_paths
from reqlint.discovery import MAX_FILE_BYTES, Candidate, config_files, display_path, read_text
from reqlint.model import (
    Location,
    ParsedSource,
    Problem,
    Requirement,
    SourceContext,
    SourceKind,
)
from reqlint.names import canonicalize_name
from reqlint.project import Project
from reqlint.sources import parse as parse_source
from reqlint.text import TextFile

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up

if TYPE_CHECKING:
    from reqlint.sources.requirements import ParseCache


@dataclass(frozen=True)
class MachineContext:
    """What ``--system`` / ``doctor`` read of this machine: its environment and folders."""

    environ: Mapping[str, str]
    home: str
    sys_prefix: str

    @classmethod
    def current(cls) -> MachineContext:
        return cls(
            dict(os.environ), os.path.expanduser("~"), os.environ.get("VIRTUAL_ENV") or sys.prefix
        )


# Which rule owns "cannot read this file" for each kind.
_READ_CODES = {SourceKind.PIPCONF: "RL005", SourceKind.PYPROJECT: "RL006"}


def _failed(path: str, kind: SourceKind, problem: Problem) -> ParsedSource:
    return ParsedSource(path, kind, problems=(problem,))


def parse_file(
    candidate: Candidate, env: Mapping[str, str] | None, cache: ParseCache | None = None
) -> list[ParsedSource]:
    """Read one file and parse it with its adapter (requirements files bring their
    includes along).  ``cache``, shared by the files of one run, keeps every requirements
    file's parse."""
    kind = candidate.kind
    shown = display_path(candidate.path)
    code = _READ_CODES.get(kind, "RL003")
    given: TextFile | Problem | None = None
    if candidate.data is not None:
        given = _decode(shown, candidate.data, kind is SourceKind.REQUIREMENTS, code)
    if kind is SourceKind.REQUIREMENTS:
        from reqlint.sources.requirements import load_requirements

        if isinstance(given, Problem):
            return [_failed(shown, kind, given)]
        return load_requirements(candidate.path, env=env, display=shown, text=given, cache=cache)
    if given is None and candidate.path.endswith(".ipynb") and _too_big(candidate.path):
        # a notebook that size carries its outputs (images, data): not a file of pip
        # commands worth a finding that it was not read
        return [ParsedSource(shown, kind)]
    text = (
        given
        if given is not None
        else read_text(candidate.path, pep263=False, display=shown, code=code)
    )
    if isinstance(text, Problem):
        return [_failed(shown, kind, text)]
    source = parse_source(kind, text, SourceContext(env=env))
    if kind is SourceKind.PYPROJECT:
        source = _note_locks(source, candidate.path)
    return _with_includes(source, env, cache) if source.includes else [source]


def _too_big(path: str) -> bool:
    from reqlint.discovery import max_file_bytes

    try:
        return os.path.getsize(path) > max_file_bytes()
    except OSError:
        return False  # read_text says why


def _decode(shown: str, data: bytes, pep263: bool, code: str) -> TextFile | Problem:
    from reqlint.text import DecodeError

    try:
        return TextFile.decode(shown, data, pep263=pep263)
    except DecodeError as exc:
        return Problem(code, f"{shown}: {exc}", Location(shown))


def _note_locks(source: ParsedSource, path: str) -> ParsedSource:
    """The lock files beside pyproject.toml (on the disk, so here, not in the adapter):
    a ``uv.lock`` says the project is managed with uv (RL109; the adapter notes a
    ``[tool.uv]`` table itself), and ``uv.lock``/``poetry.lock`` pin git packages to
    commits (RL204)."""
    folder = os.path.dirname(path) or "."
    uv_lock = os.path.join(folder, "uv.lock")
    locked: dict[str, tuple[str, str]] = {}
    for lock in (os.path.join(folder, "poetry.lock"), uv_lock):
        if os.path.isfile(lock):
            shown = display_path(lock)
            locked.update((name, (shown, commit)) for name, commit in _locked_git(lock).items())
    if not os.path.isfile(uv_lock) and not locked:
        return source
    return replace(
        source,
        uv_project=(
            Location(display_path(uv_lock), None, "uv.lock")
            if os.path.isfile(uv_lock)
            else source.uv_project
        ),
        locked_git=locked,
    )


# Lock files are written by their tools, one key per line, each package a [[package]]
# table: its name, and for a git source the commit, as uv writes it
# (`source = { git = "URL?rev=...#COMMIT" }`) or poetry does (a [package.source] table
# with `type = "git"` and `resolved_reference = "COMMIT"`).
_LOCK_NAME = LazyPattern(r'^name = "([^"]+)"$', re.MULTILINE)
_LOCK_GIT = LazyPattern(
    r'^(?:source = \{ git = "[^"#]*#|resolved_reference = ")([0-9a-f]{40}|[0-9a-f]{64})"',
    re.MULTILINE,
)


def _locked_git(lock: str) -> dict[str, str]:
    """Canonical name -> commit for every git package a lock file pins (unreadable:
    none)."""
    try:
        with open(lock, encoding="utf-8", errors="replace") as handle:
            text = handle.read(MAX_FILE_BYTES)
    except OSError:
        return {}
    if "git" not in text:
        return {}
    found: dict[str, str] = {}
    for block in text.split("\n[[package]]\n")[1:]:
        name = _LOCK_NAME.search(block)
        commit = _LOCK_GIT.search(block)
        if (
            name is not None
            and commit is not None
            and ("git = " in block or 'type = "git"' in block)
        ):
            found[canonicalize_name(name.group(1))] = commit.group(1)
    return found


def _with_includes(
    source: ParsedSource, env: Mapping[str, str] | None, cache: ParseCache | None = None
) -> list[ParsedSource]:
    """Follow ``-r``/``-c`` lines of a non-requirements source (a conda ``pip:`` list) the
    way pip does for the joined requirements file conda writes next to it."""
    from reqlint.sources.requirements import load_requirements

    out = [source]
    missing: list[Problem] = []
    for inc in source.includes:
        if inc.resolved is None:
            continue
        if not os.path.isfile(inc.resolved):
            missing.append(
                Problem(
                    "RL003",
                    f"-r {inc.target}: file not found: {display_path(inc.resolved)}",
                    inc.location,
                )
            )
            continue
        loaded = load_requirements(
            inc.resolved, env=env, display=display_path(inc.resolved), cache=cache
        )
        for index, child in enumerate(loaded):
            fixed = replace(child, included_from=source.path) if index == 0 else child
            if inc.constraint:
                fixed = replace(
                    fixed,
                    requirements=tuple(replace(r, constraint=True) for r in fixed.requirements),
                )
            out.append(fixed)
    if missing:
        out[0] = replace(source, problems=source.problems + tuple(missing))
    return out


def machine_sources(machine: MachineContext) -> list[ParsedSource]:
    """This machine's pip setup: every pip config file pip reads, and the environment."""
    from reqlint.sources.environ import parse_environ

    sources = load_machine_config(machine.environ, home=machine.home, sys_prefix=machine.sys_prefix)
    sources.append(parse_environ(machine.environ))
    return sources


def load_machine_config(
    environ: Mapping[str, str], *, home: str, sys_prefix: str, platform: str = sys.platform
) -> list[ParsedSource]:
    """Every configuration file pip would read on this machine, parsed, in pip's order.

    Missing files are skipped, as pip skips them.  A file that cannot be read is an RL005
    problem: pip itself skips a file it cannot open, but fails on one it cannot decode.
    """
    sources: list[ParsedSource] = []
    for variant, path in config_files(environ, home=home, sys_prefix=sys_prefix, platform=platform):
        if not os.path.exists(path):
            continue
        read = read_text(path, pep263=False, code="RL005")
        if isinstance(read, Problem):
            if os.path.isdir(path) or not os.access(path, os.R_OK):
                read = Problem(
                    read.code,
                    f"{read.message} (pip skips a {variant} configuration file it cannot open)",
                    read.location,
                )
            sources.append(ParsedSource(read.location.path, SourceKind.PIPCONF, problems=(read,)))
            continue
        sources.append(parse_source(SourceKind.PIPCONF, read, SourceContext(variant=variant)))
    return sources


def load_project(
    candidates: Sequence[Candidate],
    *,
    machine: MachineContext | None = None,
    internal_hosts: Iterable[str] = (),
    pin_pyproject: bool = False,
    metadata_files: Sequence[tuple[str, str]] = (),
    cwd: str | None = None,
    roots: Sequence[str] = (),
) -> Project:
    """Parse every candidate (and, with ``machine``, this machine's pip setup).

    Without ``machine`` nothing outside the given files is read: no environment variable
    (``${VAR}`` stays as written), no pip config file of the machine.
    """
    env = machine.environ if machine is not None else None
    cache: ParseCache = {}
    with paused_gc():
        readings = [(candidate, parse_file(candidate, env, cache)) for candidate in candidates]
    # A file given on the command line that another given file includes is read in the
    # context of its includer (pre-commit passes both): take the includers first and keep
    # the first reading of every file, so each file is read, and reported, once.
    included = {
        os.path.realpath(inc.resolved)
        for _, parsed in readings
        for src in parsed
        for inc in src.includes
        if inc.resolved
    }
    readings.sort(key=lambda item: os.path.realpath(item[0].path) in included)
    by_path: dict[tuple[str, bool], ParsedSource] = {}
    for _, parsed in readings:
        for source in parsed:
            by_path.setdefault((source.path, source.constraint), source)
    sources = list(by_path.values())
    # the linted files' paths inside their repositories (not the machine's pip.conf files)
    purpose = purpose_paths((s.path for s in sources), roots, cwd)
    if machine is not None:
        sources.extend(machine_sources(machine))
    with paused_gc():
        derived = _repository_context(
            sources, env, metadata_files, cwd or os.getcwd(), cache, purpose
        )
    requirements = sys.modules.get("reqlint.sources.requirements")
    if requirements is not None:
        requirements.clear_caches()
    return Project(
        tuple(sources),
        environment_read=machine is not None,
        internal_hosts=frozenset(internal_hosts),
        pin_pyproject=pin_pyproject,
        roles=derived.roles,
        pins=derived.pins,
        installs=derived.installs,
        declared=derived.declared,
        packaged=frozenset(derived.packaged),
        purpose_paths=purpose,
    )


def _repository_context(
    sources: Sequence[ParsedSource],
    env: Mapping[str, str] | None,
    metadata_files: Sequence[tuple[str, str]],
    cwd: str,
    cache: ParseCache | None = None,
    purpose: Mapping[str, tuple[str, str]] | None = None,
) -> Derived:
    """Roles, constraint pins and multi-file installs of the requirements files
    (reqlint.context), with constraints files read by the requirements adapter."""
    from reqlint.context import derive, gather

    files = [s for s in sources if s.kind is SourceKind.REQUIREMENTS]
    if not files and not any(s.kind is SourceKind.PYPROJECT for s in sources):
        return Derived({}, {}, ())

    def read(path: str) -> list[Requirement]:
        from reqlint.sources.requirements import load_requirements

        return [
            r
            for src in load_requirements(path, env=env, display=display_path(path), cache=cache)
            for r in src.requirements
        ]

    return derive(
        Project(tuple(sources), environment_read=env is not None, purpose_paths=purpose or {}),
        gather([s.path for s in files], cwd, metadata_files),
        read,
    )
