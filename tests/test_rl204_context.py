"""RL204 (VCS requirement not pinned to a commit) in context, from the real-world trial.

* prefect's pyproject.toml names ``python-cli-bench @ git+https://…`` without a revision,
  and the ``uv.lock`` beside it pins the commit (the only install is ``uv sync --locked``):
  ``info``, naming the lock and the commit, not a warning that fails the run.  The lock's
  lines below are prefect's, as uv writes them.
* A docs install list (pyg's ``docs/requirements.txt``, the sphinx theme from git) is
  ``info``, as RL201 is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Diagnostic, Severity

COMMIT = "3bdb12d0e97d814c86bddc6573c8d49b99f39719"
PYPROJECT = (
    '[project]\nname = "x"\nversion = "1"\n\n[dependency-groups]\ncli-bench = [\n'
    '    "python-cli-bench @ git+https://github.com/zzstoatzz/python-cli-bench.git",\n'
    '    "other @ git+https://github.com/acme/other.git@main",\n]\n'
)
UV_LOCK = (
    'version = 1\nrevision = 3\nrequires-python = ">=3.10"\n\n'
    '[[package]]\nname = "other"\nversion = "0.2.0"\n'
    'source = { registry = "https://pypi.org/simple" }\n\n'
    '[[package]]\nname = "python-cli-bench"\nversion = "0.1.0"\n'
    f'source = {{ git = "https://github.com/zzstoatzz/python-cli-bench.git#{COMMIT}" }}\n'
    'dependencies = [\n    { name = "rich" },\n]\n\n'
    '[[package]]\nname = "x"\nversion = "1"\nsource = { editable = "." }\n'
)


def _rl204(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> list[Diagnostic]:
    for name, body in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = run(load_project(candidates(["."]))).diagnostics
    return [d for d in found if d.code == "RL204"]


def test_a_commit_in_uv_lock_makes_it_info(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked, other = _rl204(tmp_path, {"pyproject.toml": PYPROJECT, "uv.lock": UV_LOCK}, monkeypatch)
    assert (locked.location.line, locked.severity) == (7, Severity.INFO)
    assert f"uv.lock pins it to commit {COMMIT[:12]}" in locked.message
    assert "`pip install .`" in locked.message
    # the lock has `other` from the registry, not from git: still the warning
    assert (other.location.line, other.severity) == (8, Severity.WARNING)


def test_without_the_lock_it_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _rl204(tmp_path, {"pyproject.toml": PYPROJECT}, monkeypatch)
    assert [d.severity for d in found] == [Severity.WARNING, Severity.WARNING]


def test_a_lock_that_cannot_be_read_is_no_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _rl204(
        tmp_path,
        {"pyproject.toml": PYPROJECT, "uv.lock": "\x00 not a lock [[package]\n"},
        monkeypatch,
    )
    assert [d.severity for d in found] == [Severity.WARNING, Severity.WARNING]


def test_docs_lists_are_info(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theme = "pyg_sphinx_theme @ git+https://github.com/pyg-team/pyg_sphinx_theme.git\n"
    (docs, app) = _rl204(
        tmp_path, {"docs/requirements.txt": theme, "requirements.txt": theme}, monkeypatch
    )
    assert docs.location.path == "docs/requirements.txt"
    assert docs.severity is Severity.INFO
    assert "an install list for docs, examples or benchmarks" in docs.message
    assert app.severity is Severity.WARNING
