"""``--network``: probes of every configured index, and what a failing one costs pip.

This package's ``__init__`` stays free of httpx: rules import ``reqlint.network.results``,
``cost`` and ``findings`` on every run, and only :func:`run_probes` (called by the CLI when
``--network`` is given) loads ``reqlint.network.probe`` and with it the HTTP stack.
"""

from __future__ import annotations

from reqlint.network.cost import format_seconds
from reqlint.network.findings import probed_urls
from reqlint.network.results import ProbeResult, ProbeStatus, ProjectProbe, UrlKind
from reqlint.project import Project

__all__ = [
    "ProbeResult",
    "ProbeStatus",
    "ProjectProbe",
    "UrlKind",
    "run_probes",
    "summary_rows",
    "with_local_paths",
]


# Connections to one host at a time (reqlint.network.probe.PER_HOST, without importing it).
PER_HOST = 4


def run_probes(
    project: Project,
    *,
    timeout: float | None = None,
    concurrency: int = PER_HOST,
    progress: bool = False,
    slow_threshold: float | None = None,
    cert: str | None = None,
) -> dict[str, ProbeResult]:
    """Probe every index and find-links location of ``project`` (see
    :func:`reqlint.network.probe.run_probes`); results keyed by URL as configured.
    ``concurrency`` is the number of connections to one host."""
    from reqlint.network.probe import run_probes as run  # httpx loads only on --network

    return run(
        project,
        timeout=timeout,
        concurrency=concurrency,
        progress=progress,
        slow_threshold=slow_threshold,
        cert=cert,
    )


def with_local_paths(project: Project) -> Project:
    """``project`` with its local locations and certificate files inspected on the disk
    (RL110, RL111; what ``--network`` says about local indexes)."""
    from reqlint._records import replace
    from reqlint.network.local import inspect

    return replace(project, local_paths=inspect(project))


def summary_rows(project: Project) -> list[dict[str, object]]:
    """One row per probed URL for the ``--network`` table (and the JSON ``network`` block):
    ``index`` (redacted), ``source`` (where it is configured), ``status``, ``latency``
    as text, plus ``detail``, ``latency_seconds`` and ``http_status`` as data."""
    rows: list[dict[str, object]] = []
    for probed in probed_urls(project):
        result = probed.result
        source = ", ".join(s.location.display() for s in probed.settings) or ("pip's default index")
        if result.local:
            latency = "local"
        elif result.status in (ProbeStatus.CONNECT_TIMEOUT, ProbeStatus.READ_TIMEOUT):
            latency = f"timeout ({format_seconds(result.timeout_s)})"
        elif result.latency_s is None:
            latency = "-"
        else:
            latency = format_seconds(round(result.latency_s, 3))
        rows.append(
            {
                "index": probed.shown,
                "source": source,
                "status": result.status.value,
                "latency": latency,
                "detail": result.detail,
                "latency_seconds": None if result.latency_s is None else round(result.latency_s, 3),
                "http_status": result.http_status,
                "kind": result.kind.value,
                "proxy": result.proxy or None,
                "local": result.local,
            }
        )
    return rows
