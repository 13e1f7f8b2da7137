r"""## What it does
Checks for a requirement or option line whose trailing `# comment` ends in a backslash. pip
joins backslash-continued lines *before* it strips comments, so the next line becomes part
of the comment and silently disappears. A line that is only a comment is never continued by
pip and is not reported.

## Why is this bad?
The swallowed requirement is never installed and pip says nothing; the failure shows up
later as an import error.

## Example
```requirements.txt
requests==2.32.3  # HTTP client \
urllib3==2.2.2
```

## Use instead
```requirements.txt
requests==2.32.3  # HTTP client
urllib3==2.2.2
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
    "RL008",
    "comment-swallows-line",
    "A trailing comment ends in a backslash and swallows the next line",
    Severity.ERROR,
    __doc__,
    check,
)
