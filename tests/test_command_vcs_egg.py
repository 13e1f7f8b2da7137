"""A VCS requirement on a command line written ``git+URL@main#egg=name[extra]``.

diffusers' Dockerfiles run ``uv pip install "git+https://github.com/huggingface/
diffusers.git@main#egg=diffusers[test]"`` (trial 10), and reqlint said nothing of it: the
line was dropped as invalid.  The referees are real pip 26.3 and real uv, on a local git
repository (no network): pip stops at the fragment ("The 'pkg[test]' egg fragment is
invalid") before installing anything, so under pip it is RL001, as in a requirements
file; uv reads past it and installs the branch's head, so under ``uv pip`` it is the moving
branch RL204 reports.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Diagnostic

TOX_HASH = "\\#"
UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def clean_env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "PIP_CONFIG_FILE": os.devnull,
        "UV_NO_CONFIG": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a package ``pkg`` with a ``test`` extra, on branch main."""
    top = tmp_path / "upstream" / "pkg"
    top.mkdir(parents=True)
    (top / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "pkg"\nversion = "1.0"\n\n'
        "[project.optional-dependencies]\ntest = []\n",
        encoding="utf-8",
    )
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "-C", str(top)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "init"], check=True)
    return top


def lint(folder: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    for name, body in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(folder)
    found = run(load_project(candidates(["."]))).diagnostics
    return [d for d in found if d.code in ("RL001", "RL204")]


def test_pip_rejects_an_egg_fragment_with_extras_and_reqlint_says_so(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"git+file://{repo}@main#egg=pkg[test]"
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--no-index", url],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        check=False,
    )
    assert pip.returncode != 0
    assert "The 'pkg[test]' egg fragment is invalid" in pip.stdout + pip.stderr
    work = tmp_path / "work"
    found = lint(
        work,
        {
            "Dockerfile": f'FROM python:3.11\nRUN pip install --no-cache-dir "{url}"\n',
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
                f'      - run: python -m pip install "{url}"\n'
            ),
            # tox 4 reads an unescaped # as a comment's start: \# is the fragment
            "tox.ini": f"[testenv]\ncommands =\n    pip install {url.replace('#', TOX_HASH)}\n",
        },
        monkeypatch,
    )
    assert sorted((d.location.path, d.code, d.location.line) for d in found) == [
        (".github/workflows/ci.yml", "RL001", 6),
        ("Dockerfile", "RL001", 2),
        ("tox.ini", "RL001", 3),
    ]
    for d in found:
        assert d.severity.value == "error"
        assert "The 'pkg[test]' egg fragment is invalid" in d.message
        assert "stops at" in d.message
        assert "before installing anything" in d.message
    docker = next(d for d in found if d.location.path == "Dockerfile")
    assert docker.location.span is not None
    assert (docker.location.column, docker.location.span.end_column) == (
        len('RUN pip install --no-cache-dir "') + 1,
        len(f'RUN pip install --no-cache-dir "{url}') + 1,  # the URL, not its quotes
    )


@pytest.mark.skipif(UV is None, reason="needs uv")
def test_uv_installs_the_branch_an_egg_fragment_with_extras_names(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert UV is not None
    url = f"git+file://{repo}@main#egg=pkg[test]"
    uv = subprocess.run(
        [UV, "pip", "compile", "--no-index", "--no-cache", "-"],
        input=url + "\n",
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        check=False,
    )
    assert uv.returncode == 0, uv.stderr
    assert f"pkg @ git+file://{repo}@" in uv.stdout  # the head of main, resolved
    found = lint(
        tmp_path / "work",
        {"Dockerfile": f'FROM python:3.11\nRUN uv pip install --system "{url}"\n'},
        monkeypatch,
    )
    assert [(d.code, d.location.line) for d in found] == [("RL204", 2)]
    assert "pinned to 'main', a branch or tag that can move" in found[0].message
