"""The hook manifest: valid for pre-commit, and a `files` pattern that picks exactly what
reqlint reads.

pre-commit selects a file when ``re.search(files, path)`` matches and
``re.search(exclude, path)`` does not, on the path relative to the repository root with
``/`` separators; these tables apply the manifest's patterns the same way.

Decisions the tables record:
- Any ``*requirements*.txt``/``.in`` anywhere (``test-requirements.txt``,
  ``dev-requirements.in``), everything ``.txt``/``.in`` under a ``requirements/`` folder
  (pip-tools layouts), but no other ``*.in`` (``MANIFEST.in``).
- GitHub reads workflows only from the root ``.github/workflows/``; a nested one is not a
  workflow.  ``.github/actions/*/action.yml`` is not one either.
- Vendored or generated trees (``node_modules/``, ``site-packages/``, virtualenvs, ``.tox/``)
  are excluded, as reqlint's own discovery skips them: their requirements are someone else's.
- Documentation about a Dockerfile (``Dockerfile.md``) is not a Dockerfile.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

MANIFEST = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"

MUST_MATCH = [
    # requirements files
    "requirements.txt", "requirements-dev.txt", "requirements_test.txt", "requirements.in",
    "requirements-dev.in", "dev-requirements.txt", "test-requirements.txt",
    "backend/requirements.txt", "services/api/requirements-prod.txt",
    "requirements/base.txt", "requirements/dev.in", "requirements/ci/py311.txt",
    "docs/requirements.txt",
    # constraints
    "constraints.txt", "constraints-py310.txt", "upper-constraints.txt",
    "constraints/py311.txt",
    # pip configuration
    "pip.conf", "pip.ini", ".pip/pip.conf", "config/pip/pip.conf", "docker/pip.conf",
    # pyproject
    "pyproject.toml", "packages/core/pyproject.toml",
    # conda
    "environment.yml", "environment.yaml", "environment-dev.yml", "environment_gpu.yaml",
    "conda/environment.yml", "conda.yml", "jobs/train/conda.yaml",
    # CI
    ".github/workflows/ci.yml", ".github/workflows/release.yaml", ".gitlab-ci.yml",
    ".gitlab-ci.yaml", "tox.ini", "sub/tox.ini",
    # containers
    "Dockerfile", "Dockerfile.dev", "Dockerfile-prod", "Dockerfile_gpu",
    "docker/Dockerfile", "docker/Dockerfile.cuda12", "backend.Dockerfile",
    "images/api.dockerfile", "Containerfile",
]

MUST_NOT_MATCH = [
    # names that merely contain a keyword
    "docs/requirements-guide.md", "src/requirements.py", "requirements.txt.orig",
    "src/reqs/requirements.rs", "requirements/README.md", "tests/test_requirements.py",
    "constraints.py", "docs/constraints.rst",
    # other *.in files
    "MANIFEST.in", "Makefile.in", "config.h.in",
    # files reqlint does not read
    "setup.py", "setup.cfg", "README.md", "poetry.lock", "uv.lock", "Pipfile",
    "Pipfile.lock", "pip.conf.example", "pyproject.toml.j2", "tox.ini.bak",
    "my-environment.yml", "environment.py", "docker-compose.yml", ".dockerignore",
    "docs/Dockerfile.md", "Dockerfile.rst",
    # YAML that is not a workflow
    ".github/dependabot.yml", ".github/actions/setup/action.yml",
    ".github/workflows/README.md", "docs/.github/workflows/ci.yml",
    ".github/workflows/scripts/ci.yml",
    # someone else's files
    "node_modules/x/requirements.txt", "web/node_modules/pkg/pyproject.toml",
    ".venv/lib/python3.11/site-packages/pip/_vendor/requirements.txt",
    "venv/share/doc/requirements.txt", ".tox/py311/requirements.txt",
    "lib/site-packages/foo/pyproject.toml",
]


def hooks() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def selected(hook: dict[str, Any], path: str) -> bool:
    return bool(re.search(hook["files"], path)) and not re.search(hook.get("exclude", "^$"),
                                                                   path)


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
    assert by_id["reqlint"]["entry"] == "reqlint check"
    assert by_id["reqlint-fix"]["entry"] == "reqlint check --fix"
    for hook in by_id.values():
        assert hook["language"] == "python"
        # Not [text]: identify calls a UTF-16 requirements file (NUL bytes) binary.
        assert hook["types"] == ["file"]
        assert hook["require_serial"] is False
        assert hook["description"]
        # pre-commit passes the file names; the entry must not name files itself.
        assert hook.get("pass_filenames", True) is True
    assert by_id["reqlint"]["files"] == by_id["reqlint-fix"]["files"]
    assert by_id["reqlint"]["exclude"] == by_id["reqlint-fix"]["exclude"]


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest  # type: ignore[import-untyped,unused-ignore]

    loaded = load_manifest(str(MANIFEST))
    assert [hook["id"] for hook in loaded] == ["reqlint", "reqlint-fix"]
