"""## What it does
Checks Dockerfiles for `pip install` into the system Python of a base image whose Python is
*externally managed* (PEP 668): Debian 12 (bookworm) and later, and Ubuntu 23.04 and later
(`ubuntu:latest`, `ubuntu:24.04`, `debian:bookworm-slim`, `debian:stable`).  Their
distribution marks its Python with an `EXTERNALLY-MANAGED` file, and pip refuses to
install into it: `error: externally-managed-environment`, so the `RUN` fails and the image
does not build (`--user` and `--dry-run` are refused too; `--dry-run` with `--report`,
which pip exempts for tools that ask what an install would do, is not).

Not reported when the stage gets out of the way first: a virtual environment (`python3 -m
venv`, `virtualenv`, `uv`, `pipx`, conda/mamba/pyenv, a changed `PATH` or `VIRTUAL_ENV`),
`--break-system-packages` or `PIP_BREAK_SYSTEM_PACKAGES`, a pip configuration file
copied in or named by `PIP_CONFIG_FILE` (it may set `break-system-packages`; one written
in a heredoc is read), the marker removed, or a Python built from source in the image;
nor for `pip install --target`/`--prefix`/`--root` or `--dry-run --report`, which pip
does not check, or `--help`/`--version`.  Official `python:*` images install their own
Python and are not externally managed; other bases are not judged.

## Why is this bad?
The build fails at that `RUN`, every time: mypy's `misc/docker/Dockerfile` (`FROM
ubuntu:latest`, then `pip3 install -r test-requirements.txt`, trial 16) cannot build.

## Example
```Dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y python3-pip
RUN pip3 install -r requirements.txt
```

## Use instead
```Dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y python3-venv
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
RUN pip install -r requirements.txt
```
(or `FROM python:3.12-slim`; or, to install over the distribution's own packages on
purpose, `pip install --break-system-packages`.)

## Fix safety
No automatic fix: a virtual environment, another base image or overriding the
distribution are the author's choice.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import make_rule, problems


def check(project: Project) -> Iterator[Diagnostic]:
    return problems(project, RULE.meta)


CODE = "RL012"  # adapters build this rule's findings with it

RULE = make_rule(
    CODE,
    "externally-managed-install",
    "pip install into an externally managed system Python (PEP 668) fails the build",
    Severity.ERROR,
    __doc__,
    check,
)
