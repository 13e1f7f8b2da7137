"""## What it does
With `--network`, when `pip install -r` queries more than one index (a primary and extra
indexes), asks each index about each requirement and reports a project that exists on one
index but is **unclaimed** on another: anyone can register that name there.

## Why is this bad?
pip does not prefer the primary index: it asks every index for every project and installs
the best (highest) version it finds, wherever it is. If `acme-billing` lives on your
internal index and nobody owns the name on the public index, an attacker can publish
`acme-billing 99.0` there and pip will install it on the next fresh install or `-U`. This
is dependency confusion, the attack that hit dozens of companies in 2021.

## Example
```requirements.txt
--index-url https://pypi.internal.example/simple
--extra-index-url https://pypi.org/simple
acme-billing==1.4.0    # only on the internal index
```

## Use instead
Query one index that serves both (a repository manager that proxies the public index and
gives internal names precedence), or claim the name on the public index:
```requirements.txt
--index-url https://pypi.internal.example/simple   # proxies pypi.org, internal first
acme-billing==1.4.0
```
With hashes (`--require-hashes`) a substituted package also fails to install.

## Fix safety
No automatic fix: which index should serve the package is for a person to decide.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    # only under --network: a default check does not load reqlint.network
    from reqlint.network.confusion import claims

    for item in claims(project):
        if not item.claimed:
            continue
        on = ", ".join(a.shown for a in item.claimed)
        for open_door in item.unclaimed:
            message = (
                f"`{item.name}` is on {on} but unclaimed on {open_door.shown}: anyone "
                f"can register it there with a higher version, and pip installs the "
                f"highest version from any index (dependency confusion)"
            )
            related = [a.location(item.root) for a in item.claimed]
            related.append(item.requirement.location)
            yield diagnostic(
                RULE.meta,
                message,
                open_door.location(item.root),
                related=related,
                data={
                    "project": item.name,
                    "unclaimed_on": open_door.shown,
                    "found_on": [a.shown for a in item.claimed],
                },
            )


RULE = make_rule(
    "RL304",
    "dependency-confusion",
    "A required project exists on one index and is unclaimed on another",
    Severity.ERROR,
    __doc__,
    check,
    network=True,
)
