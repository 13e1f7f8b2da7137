"""## What it does
Checks for a pip or uv install command in a shell (a CI step, a Dockerfile `RUN`, a shell
script, a Makefile recipe) whose requirement carries an unquoted `>` or `<` specifier:
`pip install numba>=0.57.1`. The shell reads `>=0.57.1` as a redirection before pip runs.
A tox `commands` line is not a shell, so tox passes the text to pip as written.

## Why is this bad?
`pip install numba>=0.57.1` installs *any* numba (the newest, or whatever is already
installed) and writes pip's output to a new file named `=0.57.1`; the command succeeds
and nothing says the bound was dropped. `numpy<2` asks the shell to read standard input
from a file named `2`, so the command fails.

## Example
```dockerfile Dockerfile
RUN pip install numba>=0.57.1
```

## Use instead
```dockerfile Dockerfile
RUN pip install "numba>=0.57.1"
```

## Fix safety
No automatic fix: quoting the word changes what the command installs (the bound applies
from then on), which is for the author to decide.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import make_rule, problems


def check(project: Project) -> Iterator[Diagnostic]:
    return problems(project, RULE.meta)


CODE = "RL011"  # adapters build this rule's findings with it

RULE = make_rule(
    CODE,
    "specifier-redirected",
    "An unquoted `>`/`<` specifier on a shell command line is a redirection",
    Severity.ERROR,
    __doc__,
    check,
)
