"""## What it does
Checks for `-r`/`-c` includes that lead back to a file already being read.

## Why is this bad?
pip follows includes recursively without cycle detection: a cycle makes `pip install -r`
recurse until Python's recursion limit and fail with a confusing error.

## Example
```a.txt
-r b.txt
```
```b.txt
-r a.txt
```

## Use instead
```a.txt
-r common.txt
```
```b.txt
-r common.txt
```
```common.txt
requests==2.32.3
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
    "RL004", "include-cycle", "Files include each other in a cycle", Severity.ERROR, __doc__, check
)
