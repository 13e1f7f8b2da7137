"""## What it does
Checks for wildcard pins such as `==1.*` or `==2.31.*` (not an exclusion such as
`!=4.0.*`, which is part of a range). Reported as `info`, as RL202 reports ranges: a
wildcard is a range, and `==1.13.*` (patch releases only) is a tighter one than
`>=1.13` (a project that means every finding to fail the run sets
`failure-threshold = "info"`).

Not applied to `*.in` files (the inputs of `pip-compile` / `uv pip compile`, whose
compiled `.txt` output carries the pins), to constraints, or to `[project]`
dependencies in pyproject.toml unless `pin-pyproject = true`; left alone and reported as
`info` in the same cases as RL201 (a library's declaration, an input beside its pinned
twin, an install list for docs, examples or benchmarks are left alone; a development,
test or CI list is `info`).

## Why is this bad?
`==1.*` looks like a pin but is a range: any 1.x release — including one published after
your tests ran — satisfies it.

## Example
```requirements.txt
numpy==1.*
```

## Use instead
```requirements.txt
numpy==1.26.4
```

## Fix safety
No automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules._facts import AUXILIARY_NOTE, pinnable, purpose_note
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    for _, req in pinnable(project):
        # `==1.*` (or `===`): a wildcard pin; `!=4.0.*` excludes releases, a range's part
        if req.name and any(_wildcard(s) for s in req.specifier.split(",")):
            note = purpose_note(req.location.path, project)
            if note == AUXILIARY_NOTE:
                continue  # docs, examples, demos: nobody deploys them
            yield diagnostic(
                RULE.meta,
                f"{req.name}{req.specifier} is a wildcard: any "
                "matching release satisfies it, not one tested version" + note,
                req.location,
                severity=Severity.INFO if note else None,
            )


def _wildcard(specifier: str) -> bool:
    spec = specifier.strip()
    return spec.endswith(".*") and spec.startswith("==")


RULE = make_rule(
    "RL203", "wildcard-pin", "A wildcard version pin (==1.*)", Severity.INFO, __doc__, check
)
