"""## What it does
Checks that pip.conf / pip.ini files parse the way pip reads them (Python's RawConfigParser,
strict): a section header first, no duplicate sections or keys, decodable text.  Also checks
every value the way pip's option parser reads it at start-up (`timeout = a`,
`no-index = b`, `use-feature = o`, `exists-action = x`, `progress-bar = x`, ...), in pip
config files and in `PIP_*` variables, with the commands it stops: the checks are generated
from pip 26.3's own option definitions (`scripts/gen_pipopts_checks.py`).  A `PIP_*`
variable a repository sets for its installs is checked where it is set: a Dockerfile
`ENV`/`ARG`, a CI `env:`, a tox `setenv`, a script's `export` (`ENV PIP_NO_CACHE_DIR=disabled`
stops every pip command in the image: "invalid truth value 'disabled'").  A value with a
variable in it (`$X`, `${{ ... }}`) is not judged.

## Why is this bad?
pip refuses to run at all when a configuration file it reads cannot be parsed
(`Configuration file could not be loaded`): every pip command on the machine fails, not just
installs.  A value pip refuses stops every pip command that reads it ("not a valid value",
"invalid choice") before it does anything.

## Example
```ini pip.conf
index-url = https://mirror.example/simple
[global]
timeout = 60
timeout = 30
```

## Use instead
```ini pip.conf
[global]
index-url = https://mirror.example/simple
timeout = 60
```

## Fix safety
No automatic fix: only a person knows what the line should say.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity, SourceKind
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule, problems


def check(project: Project) -> Iterator[Diagnostic]:
    yield from problems(project, RULE.meta)
    # PIP_* values set by a Dockerfile, CI file, tox.ini or script that pip refuses
    said: set[tuple[str, int, str]] = set()
    for setting in project.settings():
        message = setting.attrs.get("refused")
        if message is None or setting.kind is SourceKind.ENVIRON:
            continue
        key = (setting.location.path, setting.location.line, message)
        if key not in said:
            said.add(key)
            yield diagnostic(RULE.meta, message, setting.location)


CODE = "RL005"  # adapters build this rule's findings with it

RULE = make_rule(
    CODE,
    "invalid-pip-config",
    "A pip configuration file pip cannot load",
    Severity.ERROR,
    __doc__,
    check,
)
