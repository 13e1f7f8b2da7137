"""## What it does
Checks VCS requirements (`git+https://…`, `hg+`, `svn+`, `bzr+`) that are not pinned to a
full commit hash: no `@ref` at all, or a branch or tag name.

## Why is this bad?
A branch moves and a tag can be moved: the same requirements file installs different code
over time, and a compromised repository ships straight into your builds. Only a full commit
hash names one tree.

## Example
```requirements.txt
mylib @ git+https://github.com/acme/mylib.git@main
```

## Use instead
```requirements.txt
mylib @ git+https://github.com/acme/mylib.git@3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a
```

## Fix safety
No automatic fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.redact import redact_url
from reqlint.rules.base import diagnostic, make_rule

_FULL_HASH = re.compile(r"^[0-9a-fA-F]{40}$|^[0-9a-fA-F]{64}$")


def revision(url: str) -> str | None:
    """The ``@rev`` of a VCS URL (after the path, before ``#``), or ``None``."""
    body = url.split("#", 1)[0]
    path = body.split("://", 1)[1] if "://" in body else body
    path = path.split("/", 1)[1] if "/" in path else ""
    return path.rsplit("@", 1)[1] if "@" in path else None


def check(project: Project) -> Iterator[Diagnostic]:
    for _, req in project.requirements():
        if not req.is_vcs or not req.url or req.constraint:
            continue
        rev = revision(req.url)
        if rev is None:
            what = "has no @revision: it installs whatever the default branch holds"
        elif not _FULL_HASH.match(rev):
            what = f"is pinned to {rev!r}, a branch or tag that can move"
        else:
            continue
        yield diagnostic(
            RULE.meta,
            f"VCS requirement {redact_url(req.url)} {what}; pin a full commit hash",
            req.location,
        )


RULE = make_rule(
    "RL204",
    "vcs-not-pinned",
    "A VCS requirement not pinned to a commit hash",
    Severity.WARNING,
    __doc__,
    check,
)
