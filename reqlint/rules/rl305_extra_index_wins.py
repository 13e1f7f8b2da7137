"""## What it does
With `--network`, reports a requirement that exists on both the primary index and an extra
index where the extra index has the higher acceptable version, and says which index pip
will actually take it from.

## Why is this bad?
`--extra-index-url` does not mean "fallback": pip asks every index for every project and
installs the highest version that satisfies the requirement, whichever index serves it. A
project you believe comes from your internal mirror is then downloaded from the extra
index — a different build, a different owner, or a name collision with somebody else's
package.

## Example
```requirements.txt
--index-url https://pypi.internal.example/simple     # acme-utils 1.2.0
--extra-index-url https://pypi.org/simple            # an unrelated acme-utils 3.0.0
acme-utils>=1.0
```

## Use instead
Pin the version you mean (with `--hash`), and serve each name from one index only:
```requirements.txt
--index-url https://pypi.internal.example/simple
acme-utils==1.2.0 --hash=sha256:...
```

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
    from reqlint.network.confusion import allowed_versions, claims

    pre = any(
        st.value.strip().lower() not in ("0", "false", "no", "off")
        for st in project.settings("pre")
    )
    for item in claims(project):
        primary = next((a for a in item.claimed if a.entry.primary), None)
        if primary is None:
            continue
        allowed = allowed_versions(item.claimed, item.requirement.specifier, pre)
        primary_best = primary.best(allowed)
        for extra in item.claimed:
            if extra.entry.primary:
                continue
            best = extra.best(allowed)
            if best is None or (primary_best is not None and best <= primary_best):
                continue
            has = (
                f"has at most {primary_best}"
                if primary_best is not None
                else "has no version that matches"
            )
            message = (
                f"pip takes `{item.name}` {best} from the extra index {extra.shown}, "
                f"not from the primary index {primary.shown}, which {has}: pip "
                f"installs the highest version from any index"
            )
            yield diagnostic(
                RULE.meta,
                message,
                extra.location(item.root),
                related=(primary.location(item.root), item.requirement.location),
                data={
                    "project": item.name,
                    "version": str(best),
                    "taken_from": extra.shown,
                    "primary_best": str(primary_best) if primary_best else None,
                },
            )


RULE = make_rule(
    "RL305",
    "extra-index-wins",
    "A requirement on both indexes is taken from the extra index (higher version)",
    Severity.WARNING,
    __doc__,
    check,
    network=True,
)
