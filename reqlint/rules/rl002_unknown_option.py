"""## What it does
Checks for options in a requirements file that pip does not accept there: unknown options,
options only valid on the command line (`--upgrade`), options pip has removed
(`--global-option`, `--install-option`), options missing their value, and words after an
option's value that pip silently drops.

## Why is this bad?
pip rejects an unknown option and stops; worse, on an option line pip hands everything to
its option parser and *drops* stray words: `--index-url https://mirror/simple requests`
installs no `requests` at all.

## Example
```requirements.txt
--index-url https://mirror.example/simple requests
--upgrade
```

## Use instead
```requirements.txt
--index-url https://mirror.example/simple
requests
```

## Fix safety
No automatic fix: only a person knows what the line should say.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import make_rule, problems


def check(project: Project) -> Iterator[Diagnostic]:
    return problems(project, RULE.meta)


RULE = make_rule(
    "RL002", "unknown-option", "An option pip does not accept here", Severity.ERROR, __doc__, check
)
