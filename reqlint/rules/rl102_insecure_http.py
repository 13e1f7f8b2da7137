"""## What it does
Checks for an index or find-links URL over plain `http://` (loopback addresses excepted),
in every source: requirements files, pip.conf, `PIP_*` variables and pyproject.toml.

## Why is this bad?
Over plain HTTP anyone on the path (a café Wi-Fi, a compromised proxy) can replace the
packages pip downloads. pip checks hashes only in hash-checking mode; without it, an
attacker's wheel runs its code on install. Many public mirrors also redirect HTTP to HTTPS,
costing a round trip per package.

## Example
```requirements.txt
--index-url http://pypi.internal.example/simple/
```

## Use instead
```requirements.txt
--index-url https://pypi.internal.example/simple/
```

## Fix safety
No automatic fix: whether the server speaks HTTPS is something only the network can tell.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.redact import redact_url
from reqlint.rules._facts import url_settings
from reqlint.rules.base import diagnostic, make_rule
from reqlint.urls import host_of, is_loopback


def check(project: Project) -> Iterator[Diagnostic]:
    for setting in url_settings(project):
        url = setting.value.strip()
        if url.lower().startswith("http://") and not is_loopback(host_of(url)):
            what = "find-links location" if setting.key == "find-links" else "index"
            yield diagnostic(
                RULE.meta,
                f"{what} {redact_url(url)} uses plain http: packages can be replaced in "
                "transit; use https",
                setting.location,
            )


RULE = make_rule(
    "RL102",
    "insecure-http-index",
    "An index or find-links URL over plain http",
    Severity.WARNING,
    __doc__,
    check,
)
