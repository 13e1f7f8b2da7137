"""## What it does
Checks for the same project required twice in one requirements file or include tree
(names compared after PEP 503 normalisation, so `Django`, `django` and `dj_ango`-style
spellings match), and calls out conflicting specifiers.

## Why is this bad?
With conflicting specifiers (`requests==2.31.0` and `requests==2.32.3`) pip refuses to
install ("Cannot install ... because these package versions have conflicting
dependencies"); with identical ones the second line is noise that the next edit updates in
one place only.

## Example
```
requests==2.32.3
flask==3.0.3
Requests==2.32.3
```

## Use instead
```
requests==2.32.3
flask==3.0.3
```

## Fix safety
An exact duplicate (same requirement text in the same file) is commented out: *safe*, pip
sees the same requirement set. Duplicates with different specifiers are not fixed.
"""

from __future__ import annotations

from collections.abc import Iterator

from packaging.utils import canonicalize_name

from reqlint.model import Applicability, Diagnostic, Fix, Requirement, Severity
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule


def _marker(req: Requirement) -> str:
    return req.marker or ""


def check(project: Project) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for root in project.roots():
        first: dict[tuple[str, str], Requirement] = {}
        for req in project.ordered_requirements(root):
            if not req.name or req.constraint or req.error is not None:
                continue
            # Different markers (python_version < "3.9" / >= "3.9") are alternatives.
            slot = (canonicalize_name(req.name), _marker(req))
            earlier = first.setdefault(slot, req)
            key = (req.location.path, req.location.line)
            if earlier is req or key in seen:
                continue
            seen.add(key)
            same = (
                earlier.specifier == req.specifier
                and earlier.url == req.url
                and earlier.extras == req.extras
            )
            if same:
                message = f"{req.name} is already required at {earlier.location.display()}"
                fix = (
                    Fix("comment out the duplicate line", req.removal, Applicability.SAFE)
                    if req.removal
                    and req.location.path == earlier.location.path
                    and not req.hashes
                    else None
                )
            else:
                message = (
                    f"{req.name}{req.specifier or ''} conflicts with "
                    f"{earlier.name}{earlier.specifier or ''} at "
                    f"{earlier.location.display()}: pip will refuse to install "
                    "both"
                    if earlier.specifier and req.specifier
                    else f"{req.name} is required twice (also at "
                    f"{earlier.location.display()}) with different specifiers"
                )
                fix = None
            yield diagnostic(
                RULE.meta, message, req.location, related=(earlier.location,), fix=fix
            )


RULE = make_rule(
    "RL206",
    "duplicate-requirement",
    "The same project required twice",
    Severity.WARNING,
    __doc__,
    check,
    fixable=True,
)
