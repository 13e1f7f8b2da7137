"""## What it does
Checks for an index mirror configured only for pip (pip.conf, `PIP_INDEX_URL`,
`PIP_EXTRA_INDEX_URL`) in a project that uses uv (a `uv.lock` beside pyproject.toml, or
uv settings in it), when uv has no index of its own configured.

## Why is this bad?
uv does not read pip.conf or `PIP_*` variables. The mirror you set up for pip is bypassed:
uv goes straight to PyPI — which fails behind a firewall, and skips whatever vetting the
mirror does.

## Example
```ini pip.conf
[global]
index-url = https://pypi.internal.example/simple/
```
```toml pyproject.toml
[tool.uv]
dev-dependencies = ["pytest"]
```

## Use instead
```ini pip.conf
[global]
index-url = https://pypi.internal.example/simple/
```
```toml pyproject.toml
[tool.uv]
dev-dependencies = ["pytest"]

[[tool.uv.index]]
url = "https://pypi.internal.example/simple/"
default = true
```
or `UV_DEFAULT_INDEX` in the environment.

## Fix safety
No automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity, SourceKind, Tool
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule

_PIP_KEYS = ("index-url", "extra-index-url")


def _uses_uv(project: Project) -> bool:
    return any(
        src.uv_project is not None or any(s.tool is Tool.UV for s in src.settings)
        for src in project.of_kind(SourceKind.PYPROJECT)
    )


def _uv_has_index(project: Project) -> bool:
    return any(
        s.tool is Tool.UV and s.key in ("index-url", "index", "extra-index-url")
        for s in project.settings()
    )


def check(project: Project) -> Iterator[Diagnostic]:
    if not _uses_uv(project) or _uv_has_index(project):
        return
    for setting in project.settings(*_PIP_KEYS):
        if setting.kind in (SourceKind.PIPCONF, SourceKind.ENVIRON) and setting.tool is Tool.PIP:
            yield diagnostic(
                RULE.meta,
                f"{setting.key} {setting.value} is set for pip only; this project uses uv, "
                "which does not read pip.conf or PIP_* variables: set it with "
                "[[tool.uv.index]] or UV_DEFAULT_INDEX too",
                setting.location,
            )


RULE = make_rule(
    "RL109",
    "pip-only-mirror",
    "A mirror configured for pip but not for uv",
    Severity.WARNING,
    __doc__,
    check,
)
