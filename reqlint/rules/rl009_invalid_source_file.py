"""## What it does
Checks that conda environment files, CI workflows and the other YAML files reqlint reads
parse at all (line and column of the first error).

## Why is this bad?
conda, GitHub Actions and GitLab CI refuse a file that is not valid YAML — the environment
is not created, the workflow does not run — and the pip settings inside it cannot be
checked either.

## Example
```yaml environment.yml
dependencies:
  - pip:
    - requests==2.32.3
   - flask==3.0.3
```

## Use instead
```yaml environment.yml
dependencies:
  - pip:
    - requests==2.32.3
    - flask==3.0.3
```

## Fix safety
No automatic fix: only a person knows what the file should say.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import make_rule, problems


def check(project: Project) -> Iterator[Diagnostic]:
    return problems(project, RULE.meta)


CODE = "RL009"  # adapters build this rule's findings with it

RULE = make_rule(
    CODE,
    "invalid-source-file",
    "A YAML source file that cannot be parsed",
    Severity.ERROR,
    __doc__,
    check,
)
