"""Small shared readings of the model that several rules need (pure functions)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

from reqlint import pep440
from reqlint.model import Applicability, Fix, Requirement, Setting, SourceKind, Tool
from reqlint.project import Project
from reqlint.urls import URL_KEYS


def url_settings(project: Project) -> Iterator[Setting]:
    yield from project.settings(*URL_KEYS)


def removal_fix(
    setting: Setting, description: str, applicability: Applicability = Applicability.SAFE
) -> Fix | None:
    """The fix that removes ``setting`` from its file; for the environment, the shell line
    to undo it (display-only: a file fix cannot unset a variable)."""
    if setting.removal:
        return Fix(description, setting.removal, applicability)
    if setting.remedy:
        # For the environment the remedy is a shell line; elsewhere (a CI command, a RUN
        # instruction) it is a sentence saying why no edit is offered.
        text = f"run `{setting.remedy}`" if setting.kind is SourceKind.ENVIRON else setting.remedy
        return Fix(text, (), Applicability.DISPLAY_ONLY)
    return None


def source_label(setting: Setting) -> str:
    """Where a value comes from, for messages: ``env:PIP_INDEX_URL`` or ``pip.conf:3``."""
    return setting.location.display()


def is_pip_setting(setting: Setting) -> bool:
    """pip's own settings (requirements files, pip.conf, PIP_* variables, conda pip lists,
    CI/tox/Docker pip settings) as opposed to uv/poetry/pdm configuration."""
    if setting.kind is SourceKind.PYPROJECT:
        return False
    return setting.tool is Tool.PIP


# An install list for documentation, examples or benchmarks, by a folder or a word of the
# file name (docs/requirements.txt, requirements/docs.txt, requirements-docs.txt): nobody
# deploys it, so the pinning rules report it as info, which does not fail a run.
_AUXILIARY_WORDS = (
    "docs",
    "doc",
    "rtd",  # Read the Docs builds (rtd-requirements.txt)
    "website",  # a documentation site's build (spaCy's website/setup/requirements.txt)
    "examples",
    "example",
    "benchmarks",
    "benchmark",
    "bench",
    "asv_bench",
    "tutorials",
    "tutorial",
    "notebooks",
    "demo",
    "demos",
    "samples",
    "sample",
)
_AUXILIARY_NAME = re.compile(
    "(?:^|[-_.])(?:" + "|".join(_AUXILIARY_WORDS) + ")(?:[-_.]|$)", re.IGNORECASE
)
_AUXILIARY_FOLDERS = frozenset(_AUXILIARY_WORDS)


def auxiliary(path: str) -> bool:
    """Whether ``path`` is an install list for docs, examples or benchmarks."""
    parts = path.replace("\\", "/").split("/")
    return any(part.lower() in _AUXILIARY_FOLDERS for part in parts[:-1]) or bool(
        _AUXILIARY_NAME.search(parts[-1])
    )


AUXILIARY_NOTE = " (an install list for docs, examples or benchmarks)"


# A development, test, lint or CI install list, by a folder or a word of the file name
# (requirements/dev.txt, test-ci-default.txt, tests/requirements.txt, requirements-ci.txt,
# requirements/typing.txt, requirements-min.txt for a minimum-versions test job,
# streamlit's lib/integration-requirements.txt for its integration tests), or a
# hidden tooling folder (.github/, .actions/, .ci/): a developer's or a CI job's
# environment, not what gets deployed.
_DEV_OR_TEST = re.compile(
    r"(?:^|[/\-_.])(?:dev|devel|develop|developer|development|test|tests|testing|ci|lint|linting|typing"
    r"|mypy|min|minimal|integration|e2e)(?:[/\-_.]|$)|(?:^|/)\.[^/.][^/]*/",
    re.IGNORECASE,
)


def dev_or_test(path: str) -> bool:
    """Whether ``path`` is a development, test, lint or CI install list."""
    return _DEV_OR_TEST.search(path.replace("\\", "/")) is not None


DEV_OR_TEST_NOTE = " (a development or test list)"


def purpose_paths(path: str, project: Project | None) -> tuple[str, str]:
    """The two paths a list's purpose is read from: for a file inside a repository, its
    path there with the repository's folder name in front (``tutorials/detection/...``:
    a repository of tutorials or examples says so by its name), and its path there (a
    file in no repository: inside the folder linted, see ``context.purpose_paths``);
    otherwise the path as linted, twice.  Folders above the repository never count
    (``/home/dev/app/requirements.txt`` is no development list)."""
    found = project.purpose_paths.get(path) if project is not None else None
    if found is None:
        return path, path
    top, inside = found
    return (f"{top}/{inside}" if top else inside), inside


def purpose_note(path: str, project: Project | None = None) -> str:
    """What the pinning rules say of a list nobody deploys (docs, examples, benchmarks;
    development, test, CI), which they report as info; "" for any other list.  With the
    project, a list is also a test environment by what it installs (test_environment)."""
    named, inside = purpose_paths(path, project)
    if auxiliary(named):
        return AUXILIARY_NOTE
    if dev_or_test(inside):
        return DEV_OR_TEST_NOTE
    declared = _declaration(project, path) if project is not None else None
    if project is not None and path in project.packaged and declared:
        # nni/algorithms/.../gbdt_selector/requirements.txt: what one part of a library
        # needs, installed by its users beside their own pins
        return (
            " (a list inside a Python package, for one of its parts: the package's own "
            f"dependencies are declared in {declared})"
        )
    if project is not None:
        found = project.memo("test-environments", _test_environments).get(path)
        if found is not None:
            tool, declared = found
            return (
                f" (a test environment: it installs {tool}, and the package's own "
                f"dependencies are declared in {declared})"
            )
    return ""


# Tools only a test or development environment installs: a list that installs one (itself
# or through a file it includes) is such an environment, in a repository whose package
# declares its own dependencies elsewhere (keras's requirements-common.txt and the
# requirements-*-cuda.txt that include it, with [project] dependencies in pyproject.toml).
_TEST_TOOLS = re.compile(r"pytest(?:-[a-z0-9-]+)?|coverage|pre-commit|tox|nox")


def _declaration(project: Project, path: str) -> str | None:
    """The file that declares the dependencies of the package ``path`` belongs to:
    the nearest pyproject.toml with ``[project]`` dependencies, or setup.py/setup.cfg with
    ``install_requires``, in its folder or a folder above it.  One elsewhere in the
    repository declares another package's (openstack's
    ``openstack_requirements/tests/files/pyproject.toml`` is test data, not the
    declaration of global-requirements.txt at the top)."""
    return project.memo("declarations", _declarations)(path)


def _declarations(project: Project) -> Callable[[str], str | None]:
    # folder -> the declaration found in it: a linted pyproject.toml first, then those
    # found beside or above the linted files (context.gather)
    by_folder: dict[str, str] = {}
    for declared in (
        *(
            s.path
            for s in project.sources
            if s.kind is SourceKind.PYPROJECT and any(not r.constraint for r in s.requirements)
        ),
        *project.declared,
    ):
        by_folder.setdefault(os.path.dirname(os.path.abspath(declared)), declared)
    answers: dict[str, str | None] = {}

    def nearest(path: str) -> str | None:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in answers:
            here = folder
            while here not in by_folder:
                parent = os.path.dirname(here)
                if parent == here:
                    break
                here = parent
            answers[folder] = by_folder.get(here)
        return answers[folder]

    return nearest


def _test_environments(project: Project) -> dict[str, tuple[str, str]]:
    """Path -> (the test tool it installs, the file declaring the package's dependencies)
    for every requirements file that is a test environment."""
    from reqlint.names import canonicalize_name

    files = {s.path: s for s in project.of_kind(SourceKind.REQUIREMENTS)}
    # each file's own test tool, then what its -r includes bring (an explicit stack, post
    # order: include chains can be thousands of files deep)
    tool: dict[str, str] = {}
    for source in files.values():
        for req in source.requirements:
            name = canonicalize_name(req.name) if req.name and not req.constraint else ""
            if name and _TEST_TOOLS.fullmatch(name):
                tool[source.path] = name
                break
    done: set[str] = set()
    for start in files:
        stack = [(start, False)]
        while stack:
            path, expanded = stack.pop()
            if expanded:
                if path not in tool:
                    children = (
                        i.resolved for i in files[path].includes if i.resolved and not i.constraint
                    )
                    found = next((tool[c] for c in children if c in tool), None)
                    if found is not None:
                        tool[path] = found
                done.add(path)
            elif path not in done:
                done.add(path)  # (a cycle comes back here: nothing more to learn)
                stack.append((path, True))
                for inc in files[path].includes:
                    child = inc.resolved
                    if child in files and child not in done and not inc.constraint:
                        stack.append((child, False))
    return {
        path: (name, declared)
        for path, name in tool.items()
        if (declared := _declaration(project, path)) is not None
    }


def spelled(req: Requirement) -> str:
    """The requirement as the user wrote it (``torch >=2.1.0, <2.10.0``, extras kept), without
    per-line options, markers and comments: for messages, which should quote the file."""
    key = (req.text, req.name)
    found = _SPELLED.get(key)
    if found is None:
        if len(_SPELLED) >= _SPELLED_MAX:
            _SPELLED.clear()
        found = _SPELLED[key] = _spelled(req)
    return found


def _spelled(req: Requirement) -> str:
    text = " " + req.text
    option = _OPTION.search(text)
    text = (text[: option.start()] if option is not None else text).strip()
    return text.split(";", 1)[0].strip() or (req.name or req.text)


_OPTION = re.compile(r"\s--?[a-z]")


def forget() -> None:
    """Drop what the readings here remember (the end of a run: memory)."""
    pep440.forget()
    _SPELLED.clear()


# (requirement text, name) -> spelled(): a requirement is quoted by every finding about it
# and by every duplicate that points back at it.
_SPELLED: dict[tuple[str, str | None], str] = {}
_SPELLED_MAX = 1 << 16


def pinnable(project: Project) -> Iterator[tuple[SourceKind, Requirement]]:
    """Requirements the pinning rules judge: those of applications' install lists.

    Left out: ``*.in`` files (the inputs pip-compile / uv pip compile turn into pinned
    ``.txt`` files: ranges belong there); files a build reads into package metadata (a
    library's declaration, ``Project.role``); requirements an exact pin in a constraints
    file of the same install already pins (``Project.pinned_by``); constraints-only lines,
    editables and local paths; lines whose marker holds only on a Python no recent pip runs
    on (``; python_version <= "2.7"``: pip skips them); pyproject dependencies unless
    ``pin-pyproject`` is on.
    Decided once per project: three rules ask.
    """
    return iter(project.memo("pinnable", _pinnable))


def _pinnable(project: Project) -> list[tuple[SourceKind, Requirement]]:
    from reqlint.context import holds_on_no_live_python as _dead

    out: list[tuple[SourceKind, Requirement]] = []
    for source in project.sources:
        if source.kind is SourceKind.PYPROJECT and not project.pin_pyproject:
            continue
        if source.kind is SourceKind.REQUIREMENTS and (
            source.path.endswith(".in") or project.role(source.path) is not None
        ):
            continue
        pins = project.pins.get(source.path)
        for req in source.requirements:
            if req.constraint or req.editable or req.error is not None:
                continue
            if req.marker and _dead(req.marker):
                continue  # Python 2 only (kubeflow's `future; python_version<="2.7"`)
            if pins and req.name and project.pinned_by(source.path, req.name, req.marker):
                continue
            out.append((source.kind, req))
    return out
