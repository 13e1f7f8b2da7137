"""## What it does
Checks for the same pip setting given different values in two sources — a pip.conf, a
requirements file, a `PIP_*` variable, a CI file — for the settings that decide where
packages come from and how long pip waits: `index-url`, `timeout`, `retries`, `cert`,
`no-index`.

## Why is this bad?
Which value pip uses then depends on where it runs: a developer's pip.conf, CI's
environment and the requirements file each win in a different place, so "works on my
machine" installs come from a different index than CI's.

## Example
```ini pip.conf
[global]
index-url = https://mirror-a.example/simple/
```
```requirements.txt
--index-url https://mirror-b.example/simple/
```

## Use instead
Set it in one place (or set the same value everywhere):
```ini pip.conf
[global]
index-url = https://mirror-a.example/simple/
```
```requirements.txt
requests==2.32.3
```

## Fix safety
No automatic fix: which value is right is for a person to decide.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Setting, Severity, SourceKind
from reqlint.project import Project
from reqlint.redact import redact_url
from reqlint.rules._facts import is_pip_setting
from reqlint.rules.base import diagnostic, make_rule

KEYS = ("index-url", "timeout", "retries", "cert", "no-index")


def _norm(setting: Setting) -> str:
    value = setting.value.strip()
    return value.rstrip("/") if setting.key == "index-url" else value


_FILE_KINDS = (SourceKind.REQUIREMENTS, SourceKind.CONDA, SourceKind.PYPROJECT)


def _contexts(project: Project) -> list[list[Setting]]:
    """The groups of settings that meet in one install.

    What this machine's pip reads (its pip config files, the environment) meets everything;
    each file-level configuration in the linted tree (a repository pip.conf, a CI file,
    tox.ini, a Dockerfile) meets each requirements tree — but two requirements trees, or two
    repository pip.conf files, never meet each other.  Options of one command in a CI script
    or a RUN instruction apply to that command only and are left out.
    """
    machine: list[Setting] = []
    files: dict[str, list[Setting]] = {}
    for setting in project.settings():
        if setting.kind in _FILE_KINDS or not is_pip_setting(setting) or setting.invocation != "":
            continue
        if setting.kind is SourceKind.ENVIRON or setting.origin.machine:
            machine.append(setting)
        else:
            files.setdefault(setting.location.path, []).append(setting)
    trees = [
        [s for s in project.ordered_settings(root) if is_pip_setting(s)] for root in project.roots()
    ] or [[]]
    groups = list(files.values()) or [[]]
    return [machine + group + tree for group in groups for tree in trees]


def check(project: Project) -> Iterator[Diagnostic]:
    reported: set[tuple[str, int, str]] = set()
    for context in _contexts(project):
        for key in KEYS:
            first_by_path: dict[str, Setting] = {}
            for setting in context:
                if setting.key == key:
                    first_by_path.setdefault(setting.location.path, setting)
            values = list(first_by_path.values())
            if len({_norm(s) for s in values}) < 2:
                continue
            anchor = values[0]
            for other in values[1:]:
                slot = (other.location.path, other.location.line, key)
                if _norm(other) == _norm(anchor) or slot in reported:
                    continue
                reported.add(slot)
                here, there = redact_url(other.value.strip()), redact_url(anchor.value.strip())
                # two secrets on one URL look alike once hidden: say what differs
                alike = " (the same URL with other credentials)" if here == there else ""
                yield diagnostic(
                    RULE.meta,
                    f"{key} is {here!r} here but {there!r} at {anchor.location.display()}"
                    f"{alike}: what pip uses depends on where it runs",
                    other.location,
                    related=(anchor.location,),
                )


RULE = make_rule(
    "RL105",
    "conflicting-sources",
    "A setting with different values in two sources",
    Severity.WARNING,
    __doc__,
    check,
)
