"""Per requirement, which indexes of a root's plan claim the project and with what versions:
the facts behind RL304 (dependency confusion) and RL305 (pip takes it from the extra index).
Pure: reads ``Project.probes``, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from reqlint._records import dataclass
from reqlint.model import Location, Requirement
from reqlint.network.findings import lookup, requirement_names
from reqlint.network.results import ProbeStatus, ProjectProbe
from reqlint.project import PYPI_SIMPLE, IndexEntry, Project
from reqlint.redact import redact_url
from reqlint.urls import is_public_index, normal

_USABLE = frozenset({ProbeStatus.OK, ProbeStatus.SLOW})


@dataclass(frozen=True, slots=True)
class IndexAnswer:
    entry: IndexEntry
    project: ProjectProbe

    @property
    def shown(self) -> str:
        label = redact_url(self.entry.url)
        if is_public_index(self.entry.url):
            label += " (the public index)"
        return label

    def location(self, root: str) -> Location:
        if self.entry.setting is not None:
            return self.entry.setting.location
        return Location(root, route=f"pip's default index ({PYPI_SIMPLE})")

    def versions(self) -> set[Version]:
        out: set[Version] = set()
        for v in self.project.versions:
            try:
                out.add(Version(v))
            except InvalidVersion:
                continue
        return out

    def best(self, allowed: set[Version]) -> Version | None:
        """The highest of this index's versions among ``allowed``."""
        mine = self.versions() & allowed
        return max(mine) if mine else None


def allowed_versions(
    answers: Iterable[IndexAnswer], specifier: str, pre: bool = False
) -> set[Version]:
    """The versions pip would accept, decided over the candidates of *all* indexes at once
    (as pip does): pre-releases only with ``--pre``, a pre-release specifier, or when no
    final release matches at all (``packaging``'s rule, which pip uses)."""
    union: set[Version] = set()
    for answer in answers:
        union |= answer.versions()
    try:
        spec = SpecifierSet(specifier)
    except InvalidSpecifier:
        spec = SpecifierSet()
    return set(spec.filter(union, prereleases=True if pre else None))


@dataclass(frozen=True, slots=True)
class Claims:
    """What the indexes of one root say about one requirement."""

    root: str
    name: str
    requirement: Requirement
    claimed: tuple[IndexAnswer, ...]
    unclaimed: tuple[IndexAnswer, ...]


def claims(project: Project) -> Iterator[Claims]:
    """For every root whose pip run queries several indexes, every requirement's claims.

    Only indexes that answered like an index (OK or slow) take part; a project page that
    said nothing definite (an error) counts as neither claimed nor unclaimed.
    """
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...]]] = set()
    for root in project.roots():
        plan = project.index_plan(root)
        if len(plan.indexes) < 2:
            continue
        for name, req in sorted(requirement_names(project, plan).items()):
            claimed: list[IndexAnswer] = []
            unclaimed: list[IndexAnswer] = []
            for entry in plan.indexes:
                result = lookup(project, entry.url)
                if result is None or result.status not in _USABLE:
                    continue
                answer = result.projects.get(name)
                if answer is None or answer.found is None:
                    continue
                if result.local and not answer.found:
                    continue  # nobody can register a name in a folder on this machine
                (claimed if answer.found else unclaimed).append(IndexAnswer(entry, answer))
            key = (
                name,
                tuple(normal(a.entry.url) for a in claimed),
                tuple(normal(a.entry.url) for a in unclaimed),
            )
            if key in seen:
                continue
            seen.add(key)
            yield Claims(root.path, name, req, tuple(claimed), tuple(unclaimed))
