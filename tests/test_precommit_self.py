"""The repository gates itself: its own .pre-commit-config.yaml, run by the real pre-commit.

A copy of this checkout (the files git holds or would add) is made into a fresh git
repository, with ``.venv`` linked to this checkout's virtualenv (the hooks are local and
run its tools, so nothing is downloaded), and ``pre-commit run --all-files`` must pass.
The same copy with an incident requirements file and a Python file ruff rejects must fail
on both hooks: the hooks are not vacuous.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
CONFIG = ROOT / ".pre-commit-config.yaml"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("git") is None or not (ROOT / ".git").exists(),
        reason="needs git and a git checkout",
    ),
]


def _hooks() -> dict[str, dict[str, object]]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"  # offline: nothing to clone or install
    return {hook["id"]: hook for hook in repo["hooks"]}


def test_the_reqlint_hook_reads_what_users_hooks_read() -> None:
    """Its files pattern is the manifest's; its exclude is the manifest's plus this
    repository's fixtures (tests/data, examples)."""
    manifest = {
        h["id"]: h
        for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    ours = _hooks()["reqlint"]
    assert ours["files"] == manifest["reqlint"]["files"]
    assert str(ours["exclude"]).endswith(str(manifest["reqlint"]["exclude"]).removeprefix("(?x)"))
    assert str(ours["entry"]).startswith(".venv/bin/python -m reqlint check --force-exclude")
    assert set(_hooks()) == {"reqlint", "ruff", "ruff-format"}


def _env(home: Path) -> dict[str, str]:
    env = {
        name: os.environ[name]
        for name in ("PATH", "LANG", "LC_ALL", "TMPDIR")
        if name in os.environ
    }
    env.update(
        {
            "HOME": str(home),
            "PRE_COMMIT_HOME": str(home / "pre-commit"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "PRE_COMMIT_COLOR": "never",
            "NO_COLOR": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "PIP_CONFIG_FILE": os.devnull,
        }
    )
    return env


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """This checkout's files in a fresh repository, staged; ``.venv`` linked."""
    work = tmp_path_factory.mktemp("self")
    env = _env(work / "home")
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    tree = work / "reqlint"
    for name in filter(None, listed):
        source = ROOT / name
        if not source.is_file():  # deleted in the work tree, not yet in git
            continue
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    (tree / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run(["git", "init", "-q"], cwd=tree, env=env, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tree, env=env, check=True)
    return tree, env


def _run(tree: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_pre_commit_run_all_files_passes_on_the_repository(
    copy: tuple[Path, dict[str, str]],
) -> None:
    tree, env = copy
    done = _run(tree, env)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(
        line.startswith("reqlint (this checkout") and line.endswith("Passed") for line in lines
    ), done.stdout
    assert any(line.startswith("ruff.") and line.endswith("Passed") for line in lines)
    assert any(line.startswith("ruff format") and line.endswith("Passed") for line in lines)


def test_the_hooks_fail_on_a_bad_requirements_file_and_bad_python(
    copy: tuple[Path, dict[str, str]],
) -> None:
    tree, env = copy
    bad_req = tree / "requirements" / "deploy.txt"
    bad_req.parent.mkdir()
    bad_req.write_bytes(
        b"--index-url https://pypi.internal.example/simple\n"
        b"--extra-index-url https://pypi.org/simple\nrequests==2.32.3\n"
    )
    bad_py = tree / "reqlint" / "_unused_import.py"
    bad_py.write_text("import os\nx=( 1 )\n", encoding="utf-8")  # unused and unformatted
    subprocess.run(["git", "add", "-A"], cwd=tree, env=env, check=True)
    try:
        done = _run(tree, env)
    finally:
        bad_req.unlink()
        bad_py.unlink()
        subprocess.run(["git", "add", "-A"], cwd=tree, env=env, check=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "requirements/deploy.txt:2:1: RL101" in done.stdout
    assert "F401" in done.stdout
    assert [line for line in done.stdout.splitlines() if line.endswith("Failed")] == [
        line
        for line in done.stdout.splitlines()
        if line.startswith(("reqlint (this checkout", "ruff"))
    ]
