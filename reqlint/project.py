"""All facts with their provenance, and the index set pip will really use.

``Project`` is what every rule reads.  It holds the parsed sources (requirements files with
their includes, pip config files, the environment, pyproject.toml, ...) and answers the
questions rules ask across sources: which indexes will ``pip install -r FILE`` query, and
which source set each of them?

pip's precedence, from ``pip._internal.configuration`` and ``ConfigOptionParser``:

1. config files in order global < user < site < ``PIP_CONFIG_FILE`` (a later file wins for
   the same ``section.key``); ``[global]`` < the command's section (``[install]``) whatever
   file each is in;
2. ``PIP_*`` environment variables replace the config value of the same key (empty ones
   are ignored); a config file's ``[:env:]`` section counts as such variables, below the
   real ones;
3. the requirements file, line by line: ``--index-url`` replaces the whole index list built
   so far (extras included), ``--extra-index-url`` appends, ``--no-index`` empties it and
   turns every later index option into a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from reqlint._records import dataclass, field
from reqlint.context import FileRole
from reqlint.model import Include, ParsedSource, Requirement, Setting, SourceKind, Tool

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

if TYPE_CHECKING:
    from reqlint.network.results import ProbeResult

_MISSING = object()

PYPI_SIMPLE = "https://pypi.org/simple"
# The section pip files PIP_* variables under; a config file may have one of its own.
ENV_SECTION = ":env:"


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """An index in pip's effective list: the primary first, then the extras."""

    url: str
    primary: bool
    # The setting that put it there; None for pip's built-in default (PyPI).
    setting: Setting | None


@dataclass(frozen=True, slots=True)
class IndexPlan:
    """What ``pip install -r ROOT`` will use: its indexes and whether ``--no-index`` is on."""

    root: str
    indexes: tuple[IndexEntry, ...]
    no_index: bool
    find_links: tuple[Setting, ...] = ()
    trusted_hosts: tuple[Setting, ...] = ()
    # Every --index-url/--extra-index-url setting seen, in the order pip applied it.
    applied: tuple[Setting, ...] = ()


@dataclass(frozen=True)
class Project:
    """The parsed model every rule reads.  Built once per run; rules never change it."""

    sources: tuple[ParsedSource, ...]
    # True when the environment was read (doctor / --system): only then can an undefined
    # ${VAR} be reported, and only then do PIP_* variables take part.
    environment_read: bool = False
    # Hosts that count as internal (from [tool.reqlint] internal-hosts).
    internal_hosts: frozenset[str] = frozenset()
    # Pinning rules also judge [project] dependencies in pyproject.toml (off by default:
    # a library's dependencies should be ranges).
    pin_pyproject: bool = False
    # Results of --network probes, by URL (filled in by reqlint.network before rules run).
    probes: Mapping[str, ProbeResult] = field(default_factory=dict)
    # What the repository says about each requirements file (by source path): a library's
    # declaration read into package metadata has role "metadata" (reqlint.context).
    roles: Mapping[str, FileRole] = field(default_factory=dict)
    # Exact pins that constraints files of the same install put on a file's requirements:
    # source path -> canonical name -> where the pin is ("*" for every name: a constraints
    # file reqlint cannot read, such as a URL).
    pins: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Installs that combine several requirements files outside an include tree (a tox
    # env's deps): (where, source paths in pip's order).
    installs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # setup.py/setup.cfg files that declare the package's own dependencies (install_requires)
    declared: tuple[str, ...] = ()
    # requirements files in a folder with an __init__.py (a package's own lists)
    packaged: frozenset[str] = frozenset()
    # requirements file -> (its repository's folder name, its path inside the repository)
    purpose_paths: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # Local locations and certificate files as found on the disk, by
    # ``reqlint.network.local.local_key`` (filled only when the machine is read or probed).
    local_paths: Mapping[str, object] = field(default_factory=dict)

    def role(self, path: str) -> FileRole | None:
        return self.roles.get(path)

    def pinned_by(self, path: str, name: str, marker: str | None = None) -> str | None:
        """Where an exact constraint pins ``name`` for the requirements of ``path`` (a
        requirement under ``marker``: also a pin under that same marker)."""
        found = self.pins.get(path)
        if not found:
            return None
        from reqlint.names import canonicalize_name

        key = canonicalize_name(name)
        return (
            found.get(key) or (found.get(f"{key};{marker}") if marker else None) or found.get("*")
        )

    # ------------------------------------------------------------------ plain queries

    def of_kind(self, *kinds: SourceKind) -> Iterator[ParsedSource]:
        return (s for s in self.sources if s.kind in kinds)

    def settings(self, *keys: str) -> Iterator[Setting]:
        for source in self.sources:
            for setting in source.settings:
                if not keys or setting.key in keys:
                    yield setting

    def requirements(self) -> Iterator[tuple[ParsedSource, Requirement]]:
        for source in self.sources:
            for req in source.requirements:
                yield source, req

    def source(self, path: str) -> ParsedSource | None:
        """The source read from ``path`` (its ``-r`` reading when it has two)."""
        return self._by_path.get(path)

    # Indexes over ``sources``, built once (the project never changes): rules ask the same
    # questions for every root, and a monorepo has thousands of roots.
    @cached_property
    def _by_path(self) -> dict[str, ParsedSource]:
        by_path: dict[str, ParsedSource] = {}
        for s in self.sources:
            if s.path not in by_path or by_path[s.path].constraint:
                by_path[s.path] = s
        return by_path

    @cached_property
    def _by_reading(self) -> dict[tuple[str, bool], ParsedSource]:
        out: dict[tuple[str, bool], ParsedSource] = {}
        for s in self.sources:
            out.setdefault((s.path, s.constraint), s)
        return out

    @cached_property
    def _cache(self) -> dict[tuple[str, str], object]:
        return {}

    def memo(self, key: str, build: Callable[[Project], T]) -> T:
        """``build(self)``, computed once per project: an index several rules read (the
        project never changes, so neither does the answer).  ``key`` names the index."""
        slot = ("memo", key)
        found = self._cache.get(slot, _MISSING)
        if found is _MISSING:
            found = self._cache[slot] = build(self)
        return found  # type: ignore[return-value]

    def _included(self, inc: Include) -> ParsedSource | None:
        """The source an include reads: its -r or -c reading (either, for other kinds)."""
        path = inc.resolved or ""
        return self._by_reading.get((path, inc.constraint)) or self._by_reading.get(
            (path, not inc.constraint)
        )

    # ------------------------------------------------------------ requirements graph

    def roots(self) -> list[ParsedSource]:
        """Requirements-like sources that no other linted file includes."""
        return list(self._roots)

    @cached_property
    def _roots(self) -> tuple[ParsedSource, ...]:
        return tuple(
            s for s in self.sources if s.kind in _REQUIREMENT_KINDS and s.included_from is None
        )

    def closure(self, root: ParsedSource) -> list[ParsedSource]:
        """``root`` and every file it includes (depth first, in pip's reading order), each
        reading once."""
        seen: set[int] = set()
        order: list[ParsedSource] = []
        stack = [root]
        while stack:
            src = stack.pop()
            if id(src) in seen:
                continue
            seen.add(id(src))
            order.append(src)
            children = [c for c in map(self._included, src.includes) if c is not None]
            stack.extend(reversed(children))
        return order

    def _events(self, src: ParsedSource) -> list[Setting | Requirement | Include]:
        """A file's settings, requirements and includes in line order."""
        key = ("events", f"{src.path}\0{src.constraint}")
        found = self._cache.get(key)
        if found is None:
            events: list[tuple[int, int, Setting | Requirement | Include]] = []
            events.extend(
                (int(st.attrs.get("pip_line", st.location.line or 0)), 0, st) for st in src.settings
            )
            events.extend((rq.location.line, 0, rq) for rq in src.requirements)
            events.extend((inc.location.line, 1, inc) for inc in src.includes)
            events.sort(key=lambda e: (e[0], e[1]))
            found = self._cache[key] = [item for _, _, item in events]
        return found  # type: ignore[return-value]

    def reading_order(self, root: ParsedSource) -> list[Setting | Requirement]:
        """Settings and requirements of ``root`` and its includes in the order pip reads
        them: an included file is read where its ``-r``/``-c`` line stands, and read again
        at every line that includes it (pip re-reads it: ``-r a.txt`` twice applies a.txt's
        ``--extra-index-url`` twice).  A re-read of a file that is still being read (a
        cycle) is left out, as is any re-read once a root has read
        :data:`REREAD_LIMIT` files (docs/sources.md)."""
        key = ("order", f"{root.path}\0{root.constraint}")
        found = self._cache.get(key)
        if found is not None:
            return found  # type: ignore[return-value]
        out: list[Setting | Requirement] = []
        reads = 1
        read: set[int] = {id(root)}
        open_: set[int] = {id(root)}
        stack: list[tuple[ParsedSource, Iterator[Setting | Requirement | Include]]] = [
            (root, iter(self._events(root)))
        ]
        while stack:
            src, items = stack[-1]
            for item in items:
                if isinstance(item, Include):
                    child = self._included(item)
                    if (
                        child is None
                        or id(child) in open_
                        or (id(child) in read and reads >= REREAD_LIMIT)
                    ):
                        continue
                    reads += 1
                    read.add(id(child))
                    open_.add(id(child))
                    stack.append((child, iter(self._events(child))))
                    break
                out.append(item)
            else:
                stack.pop()
                open_.discard(id(src))
        self._cache[key] = out
        return out

    def ordered_settings(self, root: ParsedSource) -> list[Setting]:
        key = ("settings", f"{root.path}\0{root.constraint}")
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = [
                item for item in self.reading_order(root) if isinstance(item, Setting)
            ]
        return found  # type: ignore[return-value]

    def ordered_requirements(self, root: ParsedSource) -> list[Requirement]:
        return [item for item in self.reading_order(root) if isinstance(item, Requirement)]

    # ------------------------------------------------------------ effective settings

    def config_settings(self, command: str = "install") -> dict[str, list[Setting]]:
        key = ("config", command)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._config_settings(command)
        return {k: list(v) for k, v in found.items()}  # type: ignore[attr-defined]

    def _config_settings(self, command: str) -> dict[str, list[Setting]]:
        """pip's option values from config files and the environment, as pip merges them.

        Returns ``key -> settings`` (several for a list option) for the keys that are set.
        Linted pip config files that pip would not read on its own (``Origin.FILE``,
        e.g. a pip.conf in the repository) do not take part.
        """
        file_values: dict[tuple[str, str], list[Setting]] = {}
        files = [s for s in self.sources if s.kind is SourceKind.PIPCONF]
        ranked = sorted(
            (
                st
                for src in files
                for st in src.settings
                if st.origin.machine and st.section in ("global", command, ENV_SECTION)
            ),
            key=lambda st: st.origin.rank,
        )
        for st in ranked:
            # A later variant (or later file of the same variant) replaces the same
            # section.key; items of one list value come from one file and stay together.
            slot = (st.section, st.key)
            current = file_values.get(slot)
            if current and current[0].location.path == st.location.path:
                current.append(st)
            else:
                file_values[slot] = [st]
        merged: dict[str, list[Setting]] = {}
        for (section, key), values in file_values.items():
            if section == "global":
                merged.setdefault(key, values)
        for (section, key), values in file_values.items():
            if section == command:
                merged[key] = values
        # A file's [:env:] section is read with the PIP_* variables, after the command's
        # section (ConfigOptionParser's override order: global, command, :env:).
        for (section, key), values in file_values.items():
            if section == ENV_SECTION:
                merged[key] = values
        if self.environment_read:
            env_values: dict[str, list[Setting]] = {}
            for st in self.settings():
                if st.kind is SourceKind.ENVIRON and st.tool is Tool.PIP:
                    env_values.setdefault(st.key, []).append(st)
            merged.update(env_values)
        return merged

    def index_plan(self, root: ParsedSource | None) -> IndexPlan:
        """The index list ``pip install -r ROOT`` ends up with (``None``: no file)."""
        key = ("plan", f"{root.path}\0{root.constraint}" if root is not None else "")
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._index_plan(root)
        return found  # type: ignore[return-value]

    def _index_plan(self, root: ParsedSource | None) -> IndexPlan:
        config = self.config_settings()
        no_index = bool(config.get("no-index")) and _truthy(config["no-index"][-1].value)
        applied: list[Setting] = []
        indexes: list[IndexEntry] = []
        if not no_index:
            primary = config.get("index-url")
            if primary:
                indexes.append(IndexEntry(primary[-1].value, True, primary[-1]))
                applied.append(primary[-1])
            else:
                indexes.append(IndexEntry(PYPI_SIMPLE, True, None))
            for st in config.get("extra-index-url", []):
                indexes.append(IndexEntry(st.value, False, st))
                applied.append(st)
        find_links = list(config.get("find-links", []))
        trusted = list(config.get("trusted-host", []))
        for st in self.ordered_settings(root) if root is not None else []:
            if st.key == "no-index":
                no_index = True
                indexes = []
            elif st.key == "index-url" and not no_index:
                indexes = [IndexEntry(st.value, True, st)]
                applied.append(st)
            elif st.key == "extra-index-url" and not no_index:
                if not indexes:
                    indexes.append(IndexEntry(st.value, True, st))
                else:
                    indexes.append(IndexEntry(st.value, False, st))
                applied.append(st)
            elif st.key == "find-links":
                find_links.append(st)
            elif st.key == "trusted-host":
                trusted.append(st)
        return IndexPlan(
            root.path if root else "",
            tuple(indexes),
            no_index,
            tuple(find_links),
            tuple(trusted),
            tuple(applied),
        )


_REQUIREMENT_KINDS = frozenset({SourceKind.REQUIREMENTS, SourceKind.CONDA})
# Once one root has read this many files, files it already read are not read again (pip
# would: a hostile include tree can make that exponential).
REREAD_LIMIT = 10_000


def _truthy(value: str) -> bool:
    """pip's strtobool for a boolean option (``n``, ``f``, ``off`` ... are false); a value
    strtobool refuses stops pip at start-up (RL005), so it enables nothing."""
    from reqlint.pipopts import strtobool

    try:
        return strtobool(value)
    except ValueError:
        return False
