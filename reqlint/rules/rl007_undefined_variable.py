"""## What it does
Checks `${VAR}` references in requirements files whose variable is not defined (or empty) in
the environment reqlint was given. Reported only when reqlint reads the environment
(`reqlint doctor`, `--system`): `reqlint check` does not read it, so that a hook gives the
same answer everywhere.

## Why is this bad?
pip expands only defined `${NAME}` references and keeps an undefined one as literal text:
`https://${TOKEN}@host/simple` becomes a URL with the text `${TOKEN}` in it, and the install
fails with an authentication error far from the cause.

## Example
```requirements.txt
--index-url https://${PYPI_TOKN}@mirror.example/simple
```
with this environment (`reqlint check --system`):
```env
PYPI_TOKEN=t0k3n
```

## Use instead
```requirements.txt
--index-url https://${PYPI_TOKEN}@mirror.example/simple
```
```env
PYPI_TOKEN=t0k3n
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
    "RL007",
    "undefined-variable",
    "A ${VAR} reference to an undefined variable",
    Severity.WARNING,
    __doc__,
    check,
)
