"""Folder scans and git, with real git repositories: what git tracks is always read.

git applies ignore files to untracked files only, so a committed ``requirements.txt`` that a
``.gitignore`` pattern happens to match is part of the project (OpenHands has one); a project
may keep its lock files in ``build/`` (jax does), which reqlint's skip list would otherwise
drop; and a ``.gitignore`` line git takes as matching nothing (a lone ``!``, black keeps one
as test data) must not stop the run.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from pathlib import Path

import pytest

from reqlint.cli import main

INCIDENT = "--extra-index-url http://pypi.example.com/simple\nrequests\n"


def _git(repo: Path, *args: str) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(repo),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _files(root: Path) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--isolated", "--show-files", str(root)])
    assert code == 0, err.getvalue()
    assert "internal error" not in err.getvalue()
    return [Path(p).relative_to(root).as_posix() for p in out.getvalue().splitlines()]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    return root


def test_a_tracked_file_an_ignore_pattern_matches_is_read(repo: Path) -> None:
    _write(
        repo,
        {
            ".gitignore": "requirements.txt\nscratch/\n",
            "requirements.txt": INCIDENT,
            "sub/requirements.txt": INCIDENT,
            "scratch/requirements.txt": INCIDENT,
        },
    )
    assert _files(repo) == []  # nothing tracked yet: the ignore file decides
    _git(repo, "add", "-f", ".gitignore", "requirements.txt")
    _git(repo, "commit", "-qm", "x")
    # committed: read; the untracked copies the pattern matches stay skipped
    assert _files(repo) == ["requirements.txt"]


def test_a_tracked_file_in_an_ignored_folder_is_read_and_only_it(repo: Path) -> None:
    _write(
        repo,
        {
            ".gitignore": "vendor/\n",
            "vendor/pinned/requirements.txt": INCIDENT,
            "vendor/pinned/requirements-dev.txt": INCIDENT,
            "vendor/other/requirements.txt": INCIDENT,
        },
    )
    _git(repo, "add", "-f", ".gitignore", "vendor/pinned/requirements.txt")
    _git(repo, "commit", "-qm", "x")
    assert _files(repo) == ["vendor/pinned/requirements.txt"]


def test_a_tracked_build_folder_is_read(repo: Path) -> None:
    _write(
        repo,
        {
            "build/requirements_lock.txt": "six==1.16.0\n",
            "build/requirements-local.txt": "six\n",
            "dist/requirements.txt": "six\n",
            "requirements.txt": "six==1.16.0\n",
        },
    )
    _git(repo, "add", "-f", "requirements.txt")
    _git(repo, "commit", "-qm", "x")
    assert _files(repo) == ["requirements.txt"]  # untracked build output: skipped
    _git(repo, "add", "-f", "build/requirements_lock.txt")
    _git(repo, "commit", "-qm", "y")
    assert _files(repo) == ["build/requirements_lock.txt", "requirements.txt"]


def test_outside_git_the_skip_list_and_the_ignore_files_decide(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            ".gitignore": "requirements.txt\n",
            "requirements.txt": INCIDENT,
            "build/requirements.txt": INCIDENT,
            "reqs/requirements-dev.txt": INCIDENT,
        },
    )
    assert _files(tmp_path) == ["reqs/requirements-dev.txt"]


@pytest.mark.parametrize("line", ["!", "\\", "!\n\\"])
def test_an_ignore_line_git_takes_as_matching_nothing_is_skipped(line: str, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            ".gitignore": f"{line}\nlocal-requirements.txt\n",
            "requirements.txt": "six==1.16.0\n",
            "local-requirements.txt": "six==1.16.0\n",
        },
    )
    # the bad line matches nothing, the good one still applies
    assert _files(tmp_path) == ["requirements.txt"]


def test_show_reads_the_files_check_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        tmp_path,
        {
            ".gitignore": "local-requirements.txt\n",
            "requirements.txt": "six==1.16.0\n",
            "local-requirements.txt": "six==1.16.0\n",
        },
    )
    assert main(["show", str(tmp_path)]) == 0
    shown = [
        line.split(" [")[0]
        for line in capsys.readouterr().out.splitlines()
        if line and not line.startswith(" ")
    ]
    assert [Path(p).name for p in shown] == ["requirements.txt"]
    assert main(["show", "--no-respect-gitignore", str(tmp_path)]) == 0
    shown = [
        line.split(" [")[0]
        for line in capsys.readouterr().out.splitlines()
        if line and not line.startswith(" ")
    ]
    assert [Path(p).name for p in shown] == ["local-requirements.txt", "requirements.txt"]
