"""What the RL3xx rules share: which probe belongs to which setting, and how many lookups
pip makes on a URL.  Pure functions over :class:`~reqlint.project.Project` (no I/O, no
httpx), so rules stay pure.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint._records import dataclass
from reqlint.model import Location, Requirement, Setting
from reqlint.names import canonicalize_name
from reqlint.network.cost import PipNetworkSettings, pip_network_settings
from reqlint.network.results import ProbeResult, UrlKind
from reqlint.network.targets import planned_urls, setting_urls
from reqlint.project import PYPI_SIMPLE, IndexPlan, Project
from reqlint.redact import redact_url
from reqlint.urls import normal


@dataclass(frozen=True, slots=True)
class ProbedUrl:
    """One probed URL with where it is configured and what pip does with it."""

    url: str
    result: ProbeResult
    # Every setting that configures the URL, sorted by location (the first is reported).
    settings: tuple[Setting, ...]
    # Distinct project names pip looks up on it for the root that looks up the most.
    requests: int
    # The root requirements file ``requests`` was counted for ('' when none).
    root: str
    # The primary index of that root's plan when this URL is not it.
    primary: Setting | None

    @property
    def shown(self) -> str:
        return redact_url(self.url)

    def location(self, fallback: str = "") -> Location:
        if self.settings:
            return self.settings[0].location
        return Location(
            self.root or fallback or "<pip default>", route=f"pip's default index ({PYPI_SIMPLE})"
        )

    def related(self) -> tuple[Location, ...]:
        rel = [s.location for s in self.settings[1:]]
        if self.primary is not None and self.primary not in self.settings:
            rel.append(self.primary.location)
        return tuple(rel)


def lookup(project: Project, url: str) -> ProbeResult | None:
    """The probe of ``url`` (any spelling with or without the trailing slash)."""
    probes = project.probes
    hit = probes.get(url)
    if hit is None:
        for key, value in probes.items():
            if normal(key) == normal(url):
                hit = value
                break
    return hit


def _key(st: Setting) -> tuple[str, int, int]:
    return (st.location.path, st.location.line, st.location.column)


def probed_urls(project: Project) -> Iterator[ProbedUrl]:
    """Every probed URL, once, in a stable order."""
    if not project.probes:
        return
    settings_by_url: dict[str, list[Setting]] = {}
    for st, url, _ in setting_urls(project):
        settings_by_url.setdefault(normal(url), []).append(st)
    counts: dict[str, tuple[int, str, Setting | None]] = {}
    for use in planned_urls(project):
        _count(counts, use.url, len(use.names), use.root, use.primary)
        if use.kind is UrlKind.INDEX and use.setting is not None:
            settings_by_url.setdefault(normal(use.url), []).append(use.setting)
    seen: set[str] = set()
    for key in sorted({normal(k) for k in project.probes}):
        result = lookup(project, key)
        if result is None or key in seen:
            continue
        seen.add(key)
        unique = {_key(s): s for s in settings_by_url.get(key, [])}
        sets = tuple(unique[k] for k in sorted(unique))
        requests, root_path, primary = counts.get(key, (0, "", None))
        yield ProbedUrl(result.url, result, sets, requests, root_path, primary)


def _count(
    counts: dict[str, tuple[int, str, Setting | None]],
    url: str,
    n: int,
    root: str,
    primary: Setting | None,
) -> None:
    key = normal(url)
    if key not in counts or counts[key][0] < n:
        counts[key] = (n, root, primary)


def requirement_names(project: Project, plan: IndexPlan) -> dict[str, Requirement]:
    """Normalised name -> requirement, for what ``pip install -r plan.root`` looks up."""
    root = project.source(plan.root)
    if root is None:
        return {}
    out: dict[str, Requirement] = {}
    for src in project.closure(root):
        for req in src.requirements:
            if req.name and not req.url and not req.error and not req.constraint:
                out.setdefault(canonicalize_name(req.name), req)
    return out


def pip_settings(project: Project) -> PipNetworkSettings:
    return pip_network_settings(project.config_settings())


def settings_note(settings: PipNetworkSettings) -> str:
    """``pip's timeout 15 s and 5 retries (defaults)`` with where they come from."""

    def origin(st: Setting | None) -> str:
        return st.location.display() if st is not None else "default"

    return (
        f"pip's timeout {settings.timeout:g} s ({origin(settings.timeout_setting)}) and "
        f"{settings.retries} retries ({origin(settings.retries_setting)})"
    )


def requirements_phrase(n: int) -> str:
    if n == 1:
        return "this requirement"
    return f"these {n} requirements"
