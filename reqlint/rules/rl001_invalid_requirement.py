"""## What it does
Checks for requirement lines that are not valid PEP 508 requirements, URLs or paths.

## Why is this bad?
pip stops at the first invalid line: `pip install -r` fails before installing anything,
often in CI after a merge. The message points at the column where parsing failed.

A VCS requirement on a pip command line (a CI step, a Dockerfile `RUN`, a script, tox
`commands`) is checked too: pip stops at
`pip install "git+https://github.com/org/pkg.git@main#egg=pkg[test]"` ("The 'pkg[test]'
egg fragment is invalid") before installing anything.  Under `uv pip`, which reads past
the fragment and installs the branch, the same argument is RL204's.

For a URL pip cannot name, the message writes out the line pip accepts: `name[extra] @
URL` for an egg fragment with extras, and, after `-e` (which takes no `name @ URL`,
whatever pip's own hint says), `#egg=name` -- an editable VCS requirement cannot name
extras at all.

A line that is invalid only as written, before pip expands a `${VAR}` in it
(`tensorflow==${TF_VERSION}`), is `info` in `reqlint check`, which does not read the
environment: the message names the variable. With the environment read (`--system`,
`doctor`) it is judged as pip will see it.

## Example
```requirements.txt
requests>=2.0,<3;python_version<'3.8'
flask==2.*.1
```

## Use instead
```requirements.txt
requests>=2.0,<3; python_version<'3.8'
flask==2.0.1
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


CODE = "RL001"  # adapters build this rule's findings with it

RULE = make_rule(
    CODE,
    "invalid-requirement",
    "A requirement line pip cannot parse",
    Severity.ERROR,
    __doc__,
    check,
)
