"""## What it does
Checks pip.conf / pip.ini values that carry an inline comment (`value  # note` or
`value ; note`).

## Why is this bad?
pip reads its configuration with Python's `RawConfigParser` without inline comment
prefixes: the comment *is part of the value*. `index-url = https://mirror/simple # EU`
makes pip use the URL `https://mirror/simple # EU`; for a list value such as
`extra-index-url` or `trusted-host` each word of the comment becomes one more index or
host.

## Example
```ini pip.conf
[global]
index-url = https://pypi.internal.example/simple/  # internal mirror
```

## Use instead
```ini pip.conf
[global]
# internal mirror
index-url = https://pypi.internal.example/simple/
```

## Fix safety
No automatic fix yet: moving the comment to its own line is safe but not implemented.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint._lazyre import LazyPattern
from reqlint.model import Diagnostic, Severity, SourceKind
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule

_INLINE = LazyPattern(r"(^|\s)[#;]")


def check(project: Project) -> Iterator[Diagnostic]:
    reported: set[tuple[str, int]] = set()
    for source in project.of_kind(SourceKind.PIPCONF):
        for setting in source.settings:
            if not _INLINE.search(setting.value):
                continue
            key = (setting.location.path, setting.location.line)
            if key in reported:
                continue
            reported.add(key)
            yield diagnostic(
                RULE.meta,
                f"inline comment in the value of {setting.key}: pip keeps it as part of the "
                f"value ({setting.value.strip()!r}); put the comment on its own line",
                setting.location,
            )


RULE = make_rule(
    "RL107",
    "pip-config-inline-comment",
    "An inline comment that pip reads as part of a pip.conf value",
    Severity.ERROR,
    __doc__,
    check,
)
