"""## What it does
Checks for requirements with no version constraint at all (`requests`).

Not applied to `*.in` files (the inputs of `pip-compile` / `uv pip compile`, whose
compiled `.txt` output carries the pins), to constraints, or to `[project]`
dependencies in pyproject.toml unless `pin-pyproject = true`.

## Why is this bad?
An application's requirements file is what gets deployed: without a pin, every install
can bring a different version — a new major release breaks production on a Tuesday with no
change of yours, and builds cannot be reproduced. Unpinned names are also the easiest
target for dependency confusion, since any version on any index qualifies.

## Example
```
requests
```

## Use instead
```
requests==2.32.3
```
(or generate the file with `pip-compile` / `uv pip compile`).

## Fix safety
No automatic fix: the right version is the one you tested.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules._facts import pinnable
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    for _, req in pinnable(project):
        if req.name and not req.url and not req.specifier:
            yield diagnostic(
                RULE.meta,
                f"{req.name} is not pinned: pin an exact version ({req.name}==X.Y.Z)",
                req.location,
            )


RULE = make_rule(
    "RL201",
    "unpinned-requirement",
    "A requirement with no version constraint",
    Severity.WARNING,
    __doc__,
    check,
)
