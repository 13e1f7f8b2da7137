"""The hook manifest: valid for pre-commit, and a `files` pattern that picks exactly what
reqlint reads.

pre-commit selects a file when ``re.search(files, path)`` matches and
``re.search(exclude, path)`` does not, on the path relative to the repository root with
``/`` separators; these tables apply the manifest's patterns the same way.

Decisions the tables record:
- Any ``*requirements*.txt``/``.in`` anywhere (``test-requirements.txt``,
  ``dev-requirements.in``), everything ``.txt``/``.in`` under a ``requirements/`` folder
  (pip-tools layouts), but no other ``*.in`` (``MANIFEST.in``).
- GitHub reads workflows only from ``.github/workflows/`` itself (no subfolder of it); one
  below the root is a repository checked out inside the scanned folder.
  ``.github/actions/*/action.yml`` is not a workflow.
- The patterns are ``reqlint.discovery.HOOK_FILES``/``HOOK_EXCLUDE``, the tables the folder
  scan uses: every file of the real-world trees is chosen by both or by neither.
- Vendored or generated trees (``node_modules/``, ``site-packages/``, virtualenvs, ``.tox/``)
  are excluded, as reqlint's own discovery skips them: their requirements are someone else's.
- Documentation about a Dockerfile (``Dockerfile.md``) is not a Dockerfile.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from reqlint.discovery import (
    HOOK_EXCLUDE,
    HOOK_FILES,
    SKIP_DIRS,
    SKIP_UNLESS_TRACKED,
    classify,
    is_test_data,
    walk,
)

MANIFEST = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
REALWORLD = Path(__file__).resolve().parent / "data" / "realworld"

MUST_MATCH = [
    # requirements files
    "requirements.txt",
    "requirements-dev.txt",
    "requirements_test.txt",
    "requirements.in",
    "requirements-dev.in",
    "dev-requirements.txt",
    "test-requirements.txt",
    "backend/requirements.txt",
    "services/api/requirements-prod.txt",
    "requirements/base.txt",
    "requirements/dev.in",
    "requirements/ci/py311.txt",
    "docs/requirements.txt",
    # constraints
    "constraints.txt",
    "constraints-py310.txt",
    "upper-constraints.txt",
    "constraints/py311.txt",
    # pip configuration
    "pip.conf",
    "pip.ini",
    ".pip/pip.conf",
    "config/pip/pip.conf",
    "docker/pip.conf",
    # pyproject
    "pyproject.toml",
    "packages/core/pyproject.toml",
    # conda
    "environment.yml",
    "environment.yaml",
    "environment-dev.yml",
    "environment_gpu.yaml",
    "conda/environment.yml",
    "conda.yml",
    "jobs/train/conda.yaml",
    # CI
    ".github/workflows/ci.yml",
    ".github/workflows/release.yaml",
    ".gitlab-ci.yml",
    # composite actions (their steps are a workflow's)
    ".github/actions/setup/action.yml",
    ".github/actions/build/linux/action.yaml",
    "action.yml",
    # a checkout inside the scanned folder (a folder of repositories)
    "docs/.github/workflows/ci.yml",
    ".gitlab-ci.yaml",
    "tox.ini",
    "sub/tox.ini",
    # containers
    "Dockerfile",
    "Dockerfile.dev",
    "Dockerfile-prod",
    "Dockerfile_gpu",
    "docker/Dockerfile",
    "docker/Dockerfile.cuda12",
    "backend.Dockerfile",
    "images/api.dockerfile",
    "Containerfile",
]

MUST_NOT_MATCH = [
    # names that merely contain a keyword
    "docs/requirements-guide.md",
    "src/requirements.py",
    "requirements.txt.orig",
    "src/reqs/requirements.rs",
    "requirements/README.md",
    "tests/test_requirements.py",
    "constraints.py",
    "docs/constraints.rst",
    # other *.in files
    "MANIFEST.in",
    "Makefile.in",
    "config.h.in",
    # files reqlint does not read
    "setup.py",
    "setup.cfg",
    "README.md",
    "poetry.lock",
    "uv.lock",
    "Pipfile",
    "Pipfile.lock",
    "pip.conf.example",
    "pyproject.toml.j2",
    "tox.ini.bak",
    "my-environment.yml",
    "environment.py",
    "docker-compose.yml",
    ".dockerignore",
    "docs/Dockerfile.md",
    "Dockerfile.rst",
    "tools/testing/Dockerfile.dockerignore",
    # YAML that is not a workflow
    ".github/dependabot.yml",
    ".github/actions/setup/README.yml",
    "docs/action.yml",  # an action.yml is one at the root or below .github/actions only
    ".github/workflows/README.md",
    ".github/workflows/scripts/ci.yml",
    # someone else's files
    "node_modules/x/requirements.txt",
    "web/node_modules/pkg/pyproject.toml",
    ".venv/lib/python3.11/site-packages/pip/_vendor/requirements.txt",
    "venv/share/doc/requirements.txt",
    ".tox/py311/requirements.txt",
    "lib/site-packages/foo/pyproject.toml",
]


def hooks() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def selected(hook: dict[str, Any], path: str) -> bool:
    return bool(re.search(hook["files"], path)) and not re.search(hook.get("exclude", "^$"), path)


@pytest.mark.parametrize("path", MUST_MATCH)
def test_files_pattern_selects(path: str) -> None:
    for hook in hooks():
        assert selected(hook, path), (hook["id"], path)


@pytest.mark.parametrize("path", MUST_NOT_MATCH)
def test_files_pattern_skips(path: str) -> None:
    for hook in hooks():
        assert not selected(hook, path), (hook["id"], path)


def test_tables_do_not_overlap() -> None:
    assert not set(MUST_MATCH) & set(MUST_NOT_MATCH)


def test_manifest_hooks() -> None:
    by_id = {hook["id"]: hook for hook in hooks()}
    assert sorted(by_id) == ["reqlint", "reqlint-fix"]
    # --force-exclude: [tool.reqlint] exclude holds for the files pre-commit passes too.
    assert by_id["reqlint"]["entry"] == "reqlint check --force-exclude"
    assert by_id["reqlint-fix"]["entry"] == "reqlint check --force-exclude --fix"
    for hook in by_id.values():
        assert hook["language"] == "python"
        # Not [text]: identify calls a UTF-16 requirements file (NUL bytes) binary.
        assert hook["types"] == ["file"]
        # One process sees every file: cross-file findings (RL105) do not depend on how
        # pre-commit would split the files (tests/test_precommit_hook.py runs it).
        assert hook["require_serial"] is True
        assert hook["description"]
        # pre-commit passes the file names; the entry must not name files itself.
        assert hook.get("pass_filenames", True) is True
    assert by_id["reqlint"]["files"] == by_id["reqlint-fix"]["files"]
    assert by_id["reqlint"]["exclude"] == by_id["reqlint-fix"]["exclude"]


def test_manifest_patterns_are_discoverys() -> None:
    for hook in hooks():
        assert hook["files"] == HOOK_FILES
        assert hook["exclude"] == HOOK_EXCLUDE


MORE_MUST_MATCH = [
    # a tests folder's own install list, and data/fixtures folders that are not test data
    "tests/requirements.txt",
    "test/requirements-ci.txt",
    "data/requirements.txt",
    "fixtures/requirements.txt",
    "src/testdata_tools/requirements.txt",
    "requirements/pytorch/base.txt",
    "requirements/extras/redis.txt",
    "upper-constraints.txt",
    "requirements-dev.pip",
    "reqs/x/y.in",
    # pre-commit passes only tracked files, and a scan reads a tracked file in build/ too
    "build/requirements.txt",
]
MORE_MUST_NOT_MATCH = [
    # test data (poetry's tests/fixtures, pip's tests/data, TorchServe's test_data)
    "tests/fixtures/with_supplemental_source/pyproject.toml",
    "tests/data/packages/requirements.txt",
    "test/pytest/test_data/custom_dependencies/requirements.txt",
    "pkg/tests/unit/fixtures/requirements.txt",
    "testing/testdata/requirements.txt",
    "requirements/MANIFEST.in",
    "requirements/bindep.txt",
    "bindep.txt",
    "requirements/README.txt",
    "requirements/LICENSE.txt",
    "requirements/CMakeLists.txt",
    ".venv/requirements.txt",
    "pkg.egg-info/requires.txt",
    "x/pkg.egg-info/requirements.txt",
]


@pytest.mark.parametrize("path", MORE_MUST_MATCH + MORE_MUST_NOT_MATCH)
def test_scan_and_hook_agree_on_the_tables(path: str) -> None:
    want = path in MORE_MUST_MATCH
    assert all(selected(hook, path) is want for hook in hooks())
    assert (classify(path, root=".") is not None and not _skipped_dir(path)) is want


def _skipped_dir(path: str) -> bool:
    folders = path.split("/")[:-1]
    return any(
        (part in SKIP_DIRS and part not in SKIP_UNLESS_TRACKED)
        or part.endswith(".egg-info")
        or is_test_data(folders[: i + 1])
        for i, part in enumerate(folders)
    )


@pytest.mark.parametrize("tree", sorted(p.name for p in REALWORLD.iterdir() if p.is_dir()))
def test_scan_and_hook_choose_the_same_files(tree: str, tmp_path: Path) -> None:
    """Both ways over every file of a real repository: the folder scan finds a file exactly
    when pre-commit would pass it to the hook.  The tree is copied out as a repository of
    its own (``git init``), as its maintainer's checkout is: a scan reads names inside the
    repository, and inside reqlint's, openstack's ``requirements`` tree would be a
    requirements folder."""
    root = tmp_path / tree
    shutil.copytree(REALWORLD / tree, root, symlinks=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    every = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != ".git"
    )
    scanned = {Path(c.path).relative_to(root).as_posix() for c in walk(str(root))}
    assert scanned, tree
    for hook in hooks():
        chosen = {path for path in every if selected(hook, path)}
        # pyvenv.cfg-marked folders are skipped by the scan alone (no pattern can see them).
        assert chosen == scanned, (tree, sorted(chosen ^ scanned))


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest  # type: ignore[import-untyped,unused-ignore]

    loaded = load_manifest(str(MANIFEST))
    assert [hook["id"] for hook in loaded] == ["reqlint", "reqlint-fix"]
