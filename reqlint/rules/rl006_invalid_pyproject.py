"""## What it does
Checks that pyproject.toml parses as TOML (line and column of the first error).

## Why is this bad?
Every build front end, uv, poetry and pdm fail on invalid TOML; index settings in it cannot
be checked either.

## Example
```toml pyproject.toml
[tool.uv]
index-url = https://mirror.example/simple
```

## Use instead
```toml pyproject.toml
[tool.uv]
index-url = "https://mirror.example/simple"
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


CODE = "RL006"  # adapters build this rule's findings with it

RULE = make_rule(
    CODE, "invalid-pyproject", "pyproject.toml is not valid TOML", Severity.ERROR, __doc__, check
)
