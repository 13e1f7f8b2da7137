"""Which URLs pip uses, and for what: the one URL selection that the probes
(:mod:`reqlint.network.probe`) and the RL3xx findings (:mod:`reqlint.network.findings`)
share.  Pure: reads the :class:`~reqlint.project.Project`, no I/O, no httpx.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from reqlint._records import dataclass
from reqlint.model import Requirement, Setting
from reqlint.names import canonicalize_name
from reqlint.network.results import UrlKind
from reqlint.project import Project
from reqlint.urls import FIND_LINKS_KEYS, URL_KEYS

__all__ = ["PlannedUrl", "looked_up", "planned_urls", "setting_urls"]


@dataclass(frozen=True, slots=True)
class PlannedUrl:
    """One URL of one root's index plan (what ``pip install -r ROOT`` asks)."""

    url: str
    kind: UrlKind
    # The root requirements file, and the normalised names pip looks up for it.
    root: str
    names: frozenset[str]
    # The setting the URL comes from (None: pip's default index).
    setting: Setting | None
    # The root's primary index when this URL is not it.
    primary: Setting | None


def looked_up(requirements: Iterable[Requirement]) -> frozenset[str]:
    """Normalised names of the requirements pip looks up on an index."""
    return frozenset(
        canonicalize_name(req.name)
        for req in requirements
        if req.name and not req.url and not req.error and not req.constraint
    )


def planned_urls(project: Project) -> Iterator[PlannedUrl]:
    """Every index and find-links URL of every root's plan, roots in order, the indexes
    of a plan before its find-links locations."""
    for root in project.roots():
        plan = project.index_plan(root)
        names = looked_up(req for src in project.closure(root) for req in src.requirements)
        primary = plan.indexes[0].setting if plan.indexes else None
        for entry in plan.indexes:
            yield PlannedUrl(
                entry.url,
                UrlKind.INDEX,
                root.path,
                names,
                entry.setting,
                None if entry.primary else primary,
            )
        for st in plan.find_links:
            for url in st.value.split():
                yield PlannedUrl(url, UrlKind.FIND_LINKS, root.path, names, st, primary)


def setting_urls(project: Project) -> Iterator[tuple[Setting, str, UrlKind]]:
    """``(setting, url, kind)`` for every URL any setting names as an index or a find-links
    location, in any source (whether or not a root's plan uses it)."""
    for st in project.settings(*URL_KEYS):
        kind = UrlKind.FIND_LINKS if st.key in FIND_LINKS_KEYS else UrlKind.INDEX
        for url in st.value.split():
            yield st, url, kind
