"""## What it does
Checks for an `--extra-index-url` that pip silently drops because an `--index-url` comes
after it: in a requirements file (or a file it includes), pip's `--index-url` line replaces
the whole index list built so far — extras from earlier lines and from
`PIP_EXTRA_INDEX_URL` / pip.conf included.

## Why is this bad?
The extra index looks configured but is never asked: packages that exist only there fail
to install, and moving lines around changes what gets installed.

## Example
```requirements.txt
--extra-index-url https://download.pytorch.org/whl/cpu
--index-url https://pypi.internal.example/simple/
torch==2.3.0
```

## Use instead
```requirements.txt
--index-url https://pypi.internal.example/simple/
--extra-index-url https://download.pytorch.org/whl/cpu
torch==2.3.0
```

## Fix safety
No automatic fix: moving the line changes which indexes are asked.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Setting, Severity
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for root in project.roots():
        plan = project.index_plan(root)
        # a line pip reads again after the --index-url (a file included twice) is kept
        kept = {id(entry.setting) for entry in plan.indexes}
        pending: list[Setting] = []
        for setting in plan.applied:
            if setting.key == "extra-index-url":
                if id(setting) not in kept:
                    pending.append(setting)
            elif setting.key == "index-url":
                for dropped in pending:
                    key = (dropped.location.path, dropped.location.line)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield diagnostic(
                        RULE.meta,
                        f"extra index {dropped.value} is dropped: the --index-url at "
                        f"{setting.location.display()} replaces every index set before it",
                        dropped.location,
                        related=(setting.location,),
                    )
                pending = []


RULE = make_rule(
    "RL106",
    "extra-index-before-index-url",
    "An extra index that a later --index-url silently drops",
    Severity.ERROR,
    __doc__,
    check,
)
