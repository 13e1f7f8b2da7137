"""Configuration found as ruff finds it, and folder scans that respect .gitignore.

Real trees on disk, the real CLI (``main([...])``), and real git as the referee of what a
``.gitignore`` means (``git ls-files --others --cached --exclude-standard``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reqlint.cli import main

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def codes_by_file(out: str) -> set[tuple[str, str]]:
    found = set()
    for line in out.splitlines():
        if ": RL" in line:
            where, rest = line.split(": ", 1)
            found.add((where.split(":")[0], rest.split()[0]))
    return found


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    # No user-level configuration of this machine can leak in.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user-config"))
    return tmp_path


# ------------------------------------------------------------------ hierarchical configs


def test_subproject_settings_apply_from_the_repository_root(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(
        repo,
        {
            "requirements.txt": "six\n",
            "services/api/pyproject.toml": '[tool.reqlint]\nignore = ["RL201"]\n',
            "services/api/requirements.txt": "requests\n",
            "services/web/reqlint.toml": 'select = ["RL0"]\n',
            "services/web/requirements.txt": "flask\n",
        },
    )
    code, out, _ = run(capsys, "check", ".")
    assert code == 1
    assert codes_by_file(out) == {("requirements.txt", "RL201")}
    # The same from inside the subproject, and for one file named explicitly.
    _, out, _ = run(capsys, "check", "services/api/requirements.txt")
    assert "RL201" not in out


@pytest.mark.parametrize(
    ("present", "winner"),
    [
        ((".reqlint.toml", "reqlint.toml", "pyproject.toml"), ".reqlint.toml"),
        (("reqlint.toml", "pyproject.toml"), "reqlint.toml"),
        (("pyproject.toml",), "pyproject.toml"),
    ],
)
def test_precedence_in_one_folder_is_ruffs(
    repo: Path, capsys: pytest.CaptureFixture[str], present: tuple[str, ...], winner: str
) -> None:
    for name in present:
        body = 'ignore = ["RL201"]\n'
        (repo / name).write_text(
            f"[tool.reqlint]\n{body}" if name == "pyproject.toml" else body, encoding="utf-8"
        )
    (repo / "requirements.txt").write_text("six\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--show-settings", "requirements.txt")
    assert code == 0
    assert json.loads(out)["config"] == winner


def test_pyproject_without_a_reqlint_table_is_passed_over(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(
        repo,
        {
            "pyproject.toml": '[tool.reqlint]\nignore = ["RL201"]\n',
            "pkg/pyproject.toml": '[project]\nname = "pkg"\nversion = "1"\n',
            "pkg/requirements.txt": "six\n",
        },
    )
    _, out, _ = run(capsys, "check", "--show-settings", "pkg/requirements.txt")
    assert json.loads(out)["config"] == "pyproject.toml"


def test_exclude_is_relative_to_the_configuration_folder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(
        repo,
        {
            "sub/pyproject.toml": '[tool.reqlint]\nexclude = ["legacy/", "/abs-looking/*.txt"]\n',
            "sub/legacy/requirements.txt": "six\n",
            # Not below sub/: sub's pattern does not reach it.
            "legacy/requirements.txt": "flask\n",
        },
    )
    code, out, _ = run(capsys, "check", "--show-files")
    assert code == 0
    assert out.splitlines() == ["legacy/requirements.txt", "sub/pyproject.toml"]


def test_force_exclude_applies_exclude_to_explicit_files(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(
        repo,
        {
            "pyproject.toml": '[tool.reqlint]\nexclude = ["vendor"]\n',
            "vendor/requirements.txt": "six\n",
        },
    )
    assert run(capsys, "check", "vendor/requirements.txt")[0] == 1  # named: linted
    code, _, err = run(capsys, "check", "--force-exclude", "vendor/requirements.txt")
    assert code == 0
    assert "no requirements" in err
    tree(repo, {"pyproject.toml": '[tool.reqlint]\nexclude = ["vendor"]\nforce-exclude = true\n'})
    assert run(capsys, "check", "vendor/requirements.txt")[0] == 0
    assert run(capsys, "check", "--no-force-exclude", "vendor/requirements.txt")[0] == 1


def test_cli_exclude_is_relative_to_the_working_directory(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(
        repo,
        {
            "sub/pyproject.toml": "[tool.reqlint]\n",
            "sub/a/requirements.txt": "six\n",
            "sub/b/requirements.txt": "six\n",
        },
    )
    _, out, _ = run(capsys, "check", "--show-files", "--extend-exclude", "sub/a")
    assert out.splitlines() == ["sub/b/requirements.txt", "sub/pyproject.toml"]


def test_user_level_config_is_the_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    user = tmp_path / "xdg"
    tree(user, {"reqlint/reqlint.toml": 'ignore = ["RL201"]\n'})
    work = tmp_path / "work"
    tree(work, {"requirements.txt": "six\n"})
    (work / ".git").mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user))
    monkeypatch.chdir(work)
    assert run(capsys, "check", ".")[0] == 0
    _, out, _ = run(capsys, "check", "--show-settings", "requirements.txt")
    assert json.loads(out)["config"] == str(user / "reqlint" / "reqlint.toml")
    # A project configuration wins over the user's; --isolated reads neither.
    tree(work, {"reqlint.toml": "select = ['ALL']\n"})
    assert run(capsys, "check", ".")[0] == 1
    (work / "reqlint.toml").unlink()
    assert run(capsys, "check", "--isolated", ".")[0] == 1


def test_config_option_is_used_for_every_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(
        repo,
        {
            "sub/reqlint.toml": 'ignore = ["RL201"]\n',
            "sub/requirements.txt": "six\n",
            "ci.toml": 'select = ["RL1"]\n',
        },
    )
    _, out, _ = run(
        capsys, "check", "--config", "ci.toml", "--show-settings", "sub/requirements.txt"
    )
    settings = json.loads(out)
    assert settings["config"] == "ci.toml"
    assert "RL201" not in settings["enabled-rules"]
    assert "RL101" in settings["enabled-rules"]


def test_broken_subproject_config_is_a_located_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(repo, {"sub/reqlint.toml": 'selct = ["RL1"]\n', "sub/requirements.txt": "six\n"})
    code, _, err = run(capsys, "check", ".")
    assert code == 2
    assert "sub/reqlint.toml:1:1: unknown key 'selct'" in err
    assert "did you mean 'select'?" in err


# ---------------------------------------------------------------------------- .gitignore


def _git(*args: str, cwd: Path) -> str:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(cwd),
        "GIT_CONFIG_NOSYSTEM": "1",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


GITIGNORE_TREE = {
    ".gitignore": "build-*/\n*.log\nrequirements-local.txt\ngenerated/\n!generated/keep/\n"
    "/top-only.txt\n",
    "requirements.txt": "six==1.16.0\n",
    # (a name requirements.txt beside it does not pin: not its pinned twin's input)
    "requirements-local.txt": "attrs\n",
    "build-x/requirements.txt": "six\n",
    "top-only.txt": "",
    "nested/top-only.txt": "",
    "nested/.gitignore": "constraints*.txt\n!constraints-keep.txt\n",
    "nested/constraints.txt": "six\n",
    "nested/constraints-keep.txt": "six==1.16.0\n",
    "nested/deeper/requirements-local.txt": "six\n",
    # A parent folder ignored: git does not look inside, so the negation cannot re-include.
    "generated/keep/requirements.txt": "six\n",
    "generated/requirements.txt": "six\n",
    "private/requirements.txt": "six\n",  # ignored by .git/info/exclude
    "docs/requirements.txt": "six==1.16.0\n",
}


@needs_git
def test_folder_scan_skips_what_git_ignores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(tmp_path, GITIGNORE_TREE)
    _git("init", "-q", cwd=tmp_path)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("private/\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    listed = _git("ls-files", "--others", "--cached", "--exclude-standard", cwd=tmp_path)
    from reqlint.discovery import classify

    git_sees = sorted(p for p in listed.splitlines() if classify(p) is not None)
    code, out, _ = run(capsys, "check", "--show-files", ".")
    assert code == 0
    assert out.splitlines() == git_sees
    assert "nested/constraints-keep.txt" in git_sees  # the negation re-included it
    assert "generated/keep/requirements.txt" not in git_sees

    # Scanning a sub-folder still obeys the .gitignore files above it.
    _, out, _ = run(capsys, "check", "--show-files", "nested")
    assert out.splitlines() == ["nested/constraints-keep.txt"]

    # --no-respect-gitignore (or respect-gitignore = false) scans everything again.
    _, out, _ = run(capsys, "check", "--show-files", "--no-respect-gitignore", ".")
    assert "requirements-local.txt" in out.splitlines()
    assert "private/requirements.txt" in out.splitlines()
    (tmp_path / "reqlint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--show-files", ".")
    assert "build-x/requirements.txt" in out.splitlines()

    # A file named on the command line is linted even if git ignores it (as ruff).
    assert run(capsys, "check", "--respect-gitignore", "requirements-local.txt")[0] == 1


def test_pathspec_is_imported_only_when_an_ignore_file_is_met(tmp_path: Path) -> None:
    import sys

    (tmp_path / "requirements.txt").write_text("six==1.16.0\n", encoding="utf-8")
    probe = (
        "import sys, reqlint.cli as c; c.main(['check', '-q', '.']); "
        "print('pathspec' in sys.modules)"
    )
    env = {"PATH": os.environ["PATH"], "XDG_CONFIG_HOME": str(tmp_path / "none")}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().endswith("False")
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().endswith("True")
