"""## What it does
With `--network`, reports a working index or find-links URL whose answers take longer than
the slow threshold (2 s, or half the probe timeout when that is smaller), with the
measured latency and what it adds to an install.

## Why is this bad?
pip makes one request per project per index, one after the other. An index that takes 3 s
to answer adds about 3 s per project to every fresh install or `-U`, about 2.5 minutes for
50 requirements, even though nothing fails. It is often the sign of an overloaded proxy, a
mirror on the other side of the world, or an index you do not need.

## Example
```requirements.txt
--index-url https://mirror.internal.example/simple
--extra-index-url https://far-away-mirror.example.org/simple
```

## Use instead
Use the nearest mirror only, or drop the extra index when the primary serves everything:
```requirements.txt
--index-url https://mirror.internal.example/simple
```

## Fix safety
No automatic fix: a slow index may still be the only one that serves some packages.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    # only under --network: a default check does not load reqlint.network
    from reqlint.network.cost import TIMES, format_duration, format_seconds
    from reqlint.network.findings import probed_urls, requirements_phrase
    from reqlint.network.results import ProbeStatus

    for probed in probed_urls(project):
        result = probed.result
        if result.status is not ProbeStatus.SLOW:
            continue
        latency = result.latency_s or 0.0
        message = f"index {probed.shown} is slow: {result.detail}"
        if probed.requests > 1:
            message += (
                f"; pip makes one request per project, so "
                f"{requirements_phrase(probed.requests)} add ~{probed.requests} "
                f"{TIMES} {format_seconds(latency)} ≈ "
                f"{format_duration(probed.requests * latency)} to a fresh install"
            )
        yield diagnostic(
            RULE.meta,
            message,
            probed.location(),
            related=probed.related(),
            data={
                "probe_status": result.status.value,
                "url": probed.shown,
                "latency_seconds": round(latency, 3),
                "requests": probed.requests,
                "estimated_added_seconds": round(probed.requests * latency, 3),
            },
        )


RULE = make_rule(
    "RL303",
    "index-slow",
    "An index answers, but slowly: every lookup pays it",
    Severity.WARNING,
    __doc__,
    check,
    network=True,
)
