"""## What it does
With `--network`, probes every index and find-links URL the sources configure and reports
the ones pip cannot reach from here, with the precise reason (the host name does not
resolve; the connection is refused; the connect times out because packets are dropped,
typically by a firewall; the TLS handshake fails, with the reason; or the server accepts
the connection and never answers) and what that costs a `pip install`.

## Why is this bad?
pip asks **every** index for **every** project, one request per project per index, and
retries each failing request with its own timeout and backoff. Against an index that
drops packets, each project waits `(retries + 1) * timeout + backoff(retries)`: 97.5 s with
pip's defaults (15 s timeout, 5 retries), about 81 minutes for 50 pinned requirements,
and pip shows nothing but a slow install. A refused connection or a failed DNS lookup
still costs the backoff (7.5 s per project with the defaults). Pins that are already
satisfied make no request unless `-U` is given, which is why the problem appears only on
fresh installs and upgrades.

The estimate in the message (and in `estimated_stall_seconds` in the JSON output) uses
pip's effective timeout and retries from its configuration and environment, never
reqlint's own `--timeout`.

## Example
```requirements.txt
--index-url https://mirror.internal.example/simple
--extra-index-url https://pypi.org/simple   # firewalled from the build hosts
requests==2.32.3
```

## Use instead
Remove the unreachable index from the machines that cannot reach it (or open the
firewall), so every lookup goes to the index that answers:
```requirements.txt
--index-url https://mirror.internal.example/simple
requests==2.32.3
```

## Fix safety
No automatic fix: whether the index is gone for good or down for an hour is for a person
to judge (RL101's fix comments out an extra index).
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    # only under --network: a default check does not load reqlint.network
    from reqlint.network.cost import FailureMode, estimate
    from reqlint.network.findings import (
        pip_settings,
        probed_urls,
        requirements_phrase,
        settings_note,
    )
    from reqlint.network.results import ProbeStatus, UrlKind

    waits = frozenset({ProbeStatus.CONNECT_TIMEOUT, ProbeStatus.READ_TIMEOUT})

    settings = pip_settings(project)
    for probed in probed_urls(project):
        result = probed.result
        if not result.status.unreachable:
            continue
        mode = FailureMode.WAITS_TIMEOUT if result.status in waits else FailureMode.FAILS_FAST
        # A refused attempt takes about a millisecond in pip; what the probe measured is
        # mostly its own set-up.  DNS and TLS failures can take real time per attempt.
        attempt = 0.0 if result.status is ProbeStatus.REFUSED else (result.latency_s or 0.0)
        cost = estimate(mode, probed.requests, settings, attempt)
        what = "find-links location" if result.kind is UrlKind.FIND_LINKS else "index"
        if probed.requests > 0:
            impact = (
                f"a fresh `pip install -r` or `-U` of {requirements_phrase(probed.requests)}"
                f" will wait {cost.describe()} on it (pip makes no request when every "
                f"pin is already satisfied and -U is not given)"
            )
        else:
            impact = f"every project pip looks up will wait {cost.describe()} on it"
        message = (
            f"{what} {probed.shown} is unreachable from here ({result.detail}); "
            f"{impact}; estimated with {settings_note(settings)}"
        )
        data = {
            "probe_status": result.status.value,
            "url": probed.shown,
            "latency_seconds": round(result.latency_s or 0.0, 3),
            "probe_timeout": result.timeout_s,
            **cost.as_data(),
        }
        yield diagnostic(RULE.meta, message, probed.location(), related=probed.related(), data=data)


RULE = make_rule(
    "RL301",
    "index-unreachable",
    "An index or find-links URL cannot be reached: every pip lookup waits on it",
    Severity.ERROR,
    __doc__,
    check,
    network=True,
)
