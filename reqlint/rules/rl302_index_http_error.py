"""## What it does
With `--network`, reports an index or find-links URL that answers, but not with something
pip can use: an HTTP error (401/403 when credentials are missing or wrong, 404 for a wrong
index path, 5xx for a broken server), or a 200 page that is not a simple index, such as
the HTML login page of a repository manager's web UI.

## Why is this bad?
pip treats each of these differently, and none of them well. A 404 for every project looks
like "the project does not exist here" and is silently skipped, so the index is dead weight
on every lookup. A login page parses as an index with no files. A 5xx status (500, 502,
503, 520, 527) is retried with backoff on every project: 7.5 s per project with pip's
default 5 retries. Only 401 makes pip ask for credentials, which hangs a CI job that has no
terminal unless `--no-input` is given.

## Example
```requirements.txt
--index-url https://nexus.example.com/repository/pypi-internal
```
(the repository manager serves its web UI there; the simple index lives under `/simple`)

## Use instead
```requirements.txt
--index-url https://nexus.example.com/repository/pypi-internal/simple
```

## Fix safety
No automatic fix: only a person knows the index's right URL or credentials.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    # only under --network: a default check does not load reqlint.network
    from reqlint.network.cost import RETRIED_STATUSES, FailureMode, estimate
    from reqlint.network.findings import pip_settings, probed_urls, requirements_phrase
    from reqlint.network.results import ProbeStatus, UrlKind

    settings = pip_settings(project)
    for probed in probed_urls(project):
        result = probed.result
        if result.status not in (ProbeStatus.HTTP_ERROR, ProbeStatus.NOT_AN_INDEX):
            continue
        what = "find-links location" if result.kind is UrlKind.FIND_LINKS else "index"
        message = f"{what} {probed.shown} answers, but pip cannot use it: {result.detail}"
        data: dict[str, object] = {
            "probe_status": result.status.value,
            "url": probed.shown,
            "http_status": result.http_status,
            "latency_seconds": round(result.latency_s or 0.0, 3),
        }
        if result.http_status in RETRIED_STATUSES:
            cost = estimate(
                FailureMode.FAILS_FAST, probed.requests, settings, result.latency_s or 0.0
            )
            who = requirements_phrase(probed.requests) if probed.requests else "each project"
            message += (
                f"; pip retries HTTP {result.http_status} {settings.retries} times "
                f"with backoff, so {who} will wait {cost.describe()} on it"
            )
            data.update(cost.as_data())
        if result.final_url:
            message += f" (redirected to {result.final_url})"
        yield diagnostic(RULE.meta, message, probed.location(), related=probed.related(), data=data)


RULE = make_rule(
    "RL302",
    "index-http-error",
    "An index answers with an HTTP error or with a page that is not an index",
    Severity.ERROR,
    __doc__,
    check,
    network=True,
)
