"""## What it does
Checks VCS requirements (`git+https://…`, `hg+`, `svn+`, `bzr+`) that are not pinned to a
full commit hash: no `@ref` at all, or a branch or tag name.

## Why is this bad?
A branch moves and a tag can be moved: the same requirements file installs different code
over time, and a compromised repository ships straight into your builds. Only a full commit
hash names one tree.

## Example
```requirements.txt
mylib @ git+https://github.com/acme/mylib.git@main
```

## Use instead
```requirements.txt
mylib @ git+https://github.com/acme/mylib.git@3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a
```

An install list for docs, examples or benchmarks is not judged, as RL201 says. The
finding is `info` for a VCS requirement on a `pip install`/`uv pip install` command line
of a CI step or a Dockerfile `RUN`, in a tox env's `deps` or `commands`, or in a
development or test list (`requirements/dev.txt`, `test-requirements.txt`,
`requirements-ci.txt`): there a moving branch is often the point,
a job that tests against upstream's head.
A `*.in` file's VCS requirement is left to its compiled `.txt` beside it
(`docs/requirements.in` and `docs/requirements.txt`) when that file, linted too, names the
project: that line is what gets installed, and it is judged there (`uv pip compile`
writes the commit it resolved; `pip-compile` copies the reference as written,
jazzband/pip-tools#1801, so a branch is reported on the `.txt`).  A `.txt` beside it that
does not name the project (a hand-written list of another purpose) leaves the `.in`'s
line to be judged where it is written.
A pyproject.toml dependency that the `uv.lock` or `poetry.lock` beside it pins to a commit
is `info` too: `uv sync --locked` or `poetry install` installs that commit, and the message
says an install that does not use the lock (`pip install .`) still takes the moving
reference.

## Fix safety
No automatic fix.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from reqlint.model import Diagnostic, Requirement, Severity, SourceKind
from reqlint.names import canonicalize_name
from reqlint.project import Project
from reqlint.redact import redact_url
from reqlint.rules._facts import auxiliary, dev_or_test, purpose_paths
from reqlint.rules.base import diagnostic, make_rule

_FULL_HASH = re.compile(r"^[0-9a-fA-F]{40}$|^[0-9a-fA-F]{64}$")


def revision(url: str) -> str | None:
    """The ``@rev`` of a VCS URL (after the path, before ``#``), or ``None``."""
    body = url.split("#", 1)[0]
    path = body.split("://", 1)[1] if "://" in body else body
    path = path.split("/", 1)[1] if "/" in path else ""
    return path.rsplit("@", 1)[1] if "@" in path else None


def _compiled(project: Project, path: str) -> tuple[Requirement, ...]:
    """The requirements of the compiled file at ``path``: as linted, else read from disk
    (a caller that named the ``.in`` alone), else none."""
    twin = project.source(path)
    if twin is not None:
        return twin.requirements
    if not os.path.isfile(path):
        return ()
    from reqlint.sources.requirements import load_requirements

    return load_requirements(path)[0].requirements


def _repository(url: str) -> str:
    """A VCS URL without its ``@rev`` and fragment: the repository it names."""
    body = url.split("#", 1)[0]
    rev = revision(url)
    return "vcs:" + (body[: -(len(rev) + 1)] if rev is not None else body)


def check(project: Project) -> Iterator[Diagnostic]:
    compiled: dict[str, frozenset[str]] = {}
    for source, req in project.requirements():
        if not req.is_vcs or not req.url or req.constraint:
            continue
        if source.path.endswith(".in"):
            # pip-compile's / uv pip compile's input: the compiled .txt beside it is what
            # gets installed, and its line for the project (by name, or by repository
            # when the input names none) is judged there
            if source.path not in compiled:
                compiled[source.path] = frozenset(
                    key
                    for r in _compiled(project, source.path[:-3] + ".txt")
                    for key in (
                        canonicalize_name(r.name) if r.name else "",
                        _repository(r.url) if r.is_vcs and r.url else "",
                    )
                    if key
                )
            mine = canonicalize_name(req.name) if req.name else _repository(req.url)
            if mine in compiled[source.path]:
                continue
        rev = revision(req.url)
        if rev is None:
            what = "has no @revision: it installs whatever the default branch holds"
        elif not _FULL_HASH.match(rev):
            what = f"is pinned to {rev!r}, a branch or tag that can move"
        else:
            continue
        locked = source.locked_git.get(canonicalize_name(req.name)) if req.name else None
        named, inside = purpose_paths(req.location.path, project)
        aux = auxiliary(named)
        if locked is not None:
            # the locked install (`uv sync --locked`, `poetry install`) takes the commit
            # the lock names; pip does not read the lock
            lock, commit = locked
            tool = "`poetry install`" if lock.endswith("poetry.lock") else "`uv sync --locked`"
            short = "has no @revision" if rev is None else f"is pinned to {rev!r}"
            moving = "whatever the default branch holds" if rev is None else "where it points then"
            yield diagnostic(
                RULE.meta,
                f"VCS requirement {redact_url(req.url)} {short}: {lock} pins it to commit "
                f"{commit[:12]}, which {tool} installs, but an install that does not use the "
                f"lock ({_unlocked_install(req.location.route)}) takes {moving}; pin the "
                "commit here too",
                req.location,
                severity=Severity.INFO,
            )
            continue
        # On a CI or Dockerfile command line, or in a development or test list, a moving
        # branch is often the point (a job that tests against upstream's main, celery's
        # dev.txt of its own libraries' heads): said, without failing the run.
        if source.kind in (SourceKind.CI, SourceKind.DOCKERFILE, SourceKind.SCRIPT):
            note = " (on a command line: unless the job means to install that branch"
        elif source.kind is SourceKind.TOX:
            note = " (a tox environment: unless it means to install that branch"
        elif dev_or_test(inside):
            note = " (a development or test list: unless it means to install that branch"
        else:
            note = ""
        if aux and not note:
            continue  # docs, examples, demos: nobody deploys them, as RL201 says
        # one reason in brackets: a command line's (MONAI's tutorials repository: its CI
        # step is no "install list for docs, examples" though the repository's name is)
        yield diagnostic(
            RULE.meta,
            f"VCS requirement {redact_url(req.url)} {what}; pin a full commit hash"
            + (note + ", such as a test against upstream's head)" if note else ""),
            req.location,
            severity=Severity.INFO if note else None,
        )


def _unlocked_install(route: str) -> str:
    """The pip command that installs a pyproject.toml requirement without the lock: a
    dependency group is installed by ``pip install --group`` (pip 25.1+), never by ``pip
    install .`` (paperless-ngx's ``[dependency-groups] typing``, trial 11); an extra by
    ``pip install '.[extra]'``."""
    table, _, rest = route.partition(".")
    name = rest.partition("[")[0].strip('"')
    if table == "dependency-groups" and name:
        return f"`pip install --group {name}`"
    if route.startswith("project.optional-dependencies.") and name:
        extra = route.split(".", 2)[2].partition("[")[0].strip('"')
        return f"`pip install '.[{extra}]'`"
    return "`pip install .`"


RULE = make_rule(
    "RL204",
    "vcs-not-pinned",
    "A VCS requirement not pinned to a commit hash",
    Severity.WARNING,
    __doc__,
    check,
)
