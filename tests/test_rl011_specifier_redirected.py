"""RL011: an unquoted ``>``/``<`` specifier on a shell command line is a redirection.

The referee is real bash: with a stand-in ``pip`` on PATH that writes the arguments it was
given, ``pip install numba>=0.57.1`` runs ``pip install numba`` and leaves a file named
``=0.57.1``; ``numpy<2`` fails before pip runs.  What reqlint says must be what bash did.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Diagnostic

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def lint(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> list[Diagnostic]:
    for name, body in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return [d for d in run(load_project(candidates(["."]))).diagnostics if d.code == "RL011"]


def bash(command: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """``command`` run by real bash in ``folder``, with a ``pip`` that records its argv."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "pip"
    fake.write_text('#!/bin/sh\necho "argv: $*"\n', encoding="utf-8")
    fake.chmod(0o755)
    return subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_what_bash_does_is_what_reqlint_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    done = bash("pip install numba>=0.57.1", run_dir)
    assert done.returncode == 0
    assert done.stdout == ""  # the output went elsewhere ...
    assert (run_dir / "=0.57.1").read_text() == "argv: install numba\n"  # ... without the bound
    failed = bash("pip install numpy<2", run_dir)
    assert failed.returncode != 0
    assert "No such file" in failed.stderr
    quoted = bash('pip install "numba>=0.57.1"', run_dir)
    assert quoted.stdout == "argv: install numba>=0.57.1\n"

    (found,) = lint(
        tmp_path / "repo",
        {"Dockerfile": "FROM python:3.12\nRUN pip install numba>=0.57.1\n"},
        monkeypatch,
    )
    assert found.severity.value == "error"
    assert found.message == (
        "numba>=0.57.1 is not quoted: the shell reads >=0.57.1 as a redirection, so pip "
        "installs any numba and its output goes to a file named '=0.57.1'; quote it: "
        '"numba>=0.57.1"'
    )
    assert (found.location.line, found.location.column) == (2, 17)
    assert found.fix is None


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({"Dockerfile": "FROM python:3\nRUN pip install -q numpy<2\n"}, ("Dockerfile", 2)),
        (
            {
                ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
                "      - run: |\n          uv pip install torch>=2.1,<3 -q\n"
            },
            (".github/workflows/ci.yml", 7),
        ),
        (
            {"scripts/setup.sh": "#!/bin/sh\npython -m pip install 'a==1' b>=2\n"},
            ("scripts/setup.sh", 2),
        ),
        ({"Makefile": "deps:\n\tpip install -U tox>=4\n"}, ("Makefile", 2)),
    ],
)
def test_read_wherever_a_shell_runs_the_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    where: tuple[str, int],
) -> None:
    (found,) = lint(tmp_path, files, monkeypatch)
    assert (found.location.path, found.location.line) == where


def test_a_chain_is_one_finding_and_fails_at_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = bash("pip install torch>=2.1,<3", tmp_path)
    assert done.returncode != 0
    assert "3: No such file" in done.stderr
    (found,) = lint(
        tmp_path,
        {"Dockerfile": "FROM python:3\nRUN pip install torch>=2.1,<3\n"},
        monkeypatch,
    )
    assert found.message.startswith(
        "torch>=2.1,<3 is not quoted: the shell reads >=2.1,<3 as redirections, so the "
        "command reads its input from a file named '3' and fails"
    )


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        # mlflow's tracking-server Dockerfile (trial 13): two bounds, two redirections;
        # the output goes to the last file, the first is created empty
        (
            "pip install pyarrow>=12.0.0 boto3>=1.6.1",
            [
                "so pip installs any pyarrow; a file named '=12.0.0' is created empty and "
                "the output goes to '=1.6.1', the command's last redirection",
                "so pip installs any boto3 and its output goes to a file named '=1.6.1'",
            ],
        ),
        (
            "pip install numba>=0.57 >install.log",
            [
                "so pip installs any numba; a file named '=0.57' is created empty and the "
                "output goes to 'install.log', the command's last redirection"
            ],
        ),
        # a redirection of standard error is not where the output goes
        (
            "pip install numba>=0.57 2>err.log",
            ["so pip installs any numba and its output goes to a file named '=0.57'"],
        ),
        # one bound that reads input fails the whole command, before pip runs
        (
            "pip install numba>=0.57 numpy<2",
            ["so the command reads its input from a file named '2' and fails"] * 2,
        ),
    ],
)
def test_what_the_shell_does_with_the_whole_command(
    command: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    done = bash(command, run_dir)
    found = lint(tmp_path / "repo", {"Dockerfile": f"FROM python:3\nRUN {command}\n"}, monkeypatch)
    effects = [re.search(r"as (?:a )?redirections?, (.*); quote it", f.message) for f in found]
    assert [e[1] if e else None for e in effects] == expected
    # the referee: what bash made of it
    made = {p.name: p.read_text() for p in run_dir.iterdir() if p.is_file()}
    if "fails" in expected[0]:
        assert done.returncode != 0
        assert "No such file" in done.stderr
        assert not any("argv" in text for text in made.values())  # pip never ran
    else:
        for message in expected:
            empty = re.search(r"a file named '([^']+)' is created empty", message)
            if empty:
                assert made[empty[1]] == ""
            target = re.search(r"goes to (?:a file named )?'([^']+)'", message)
            assert target is not None
            assert made[target[1]].startswith("argv: install ")
            assert ">" not in made[target[1]]  # without the bounds


@pytest.mark.parametrize(
    "command",
    [
        'pip install "numba>=0.57.1"',
        "pip install 'numba>=0.57.1'",
        "pip install numba 2>&1",
        "pip install numba >log.txt",
        "pip install numba>log.txt",
        "pip install numba 2>/dev/null",
        "pip freeze>=1",  # not an install
        "echo numba>=1",
    ],
)
def test_no_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    assert lint(tmp_path, {"Dockerfile": f"FROM python:3\nRUN {command}\n"}, monkeypatch) == []


def test_tox_runs_commands_without_a_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tox = "[testenv]\ncommands = pip install numba>=1\n"
    assert lint(tmp_path, {"tox.ini": tox}, monkeypatch) == []


@pytest.mark.parametrize(
    "wrapper",
    [
        "conda run -n peft",  # peft's docker/peft-gpu/Dockerfile
        "conda run --no-capture-output -n peft",
        "mamba run -p /opt/env",
        "poetry run",
        "uv run --with rich --",
    ],
)
def test_a_pip_run_by_an_environment_wrapper_is_read(
    wrapper: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`conda run -n peft pip install aqlm[gpu]>=1.0.2` lost its bound to the shell, and
    reqlint read no pip command behind `conda run` (trial 12).  The referee: real bash,
    with a stand-in for the wrapper that runs the command it is given."""
    run_dir = tmp_path / "run"
    (run_dir / "bin").mkdir(parents=True)
    tool = wrapper.partition(" ")[0]
    stand_in = run_dir / "bin" / tool
    # skip the wrapper's own words (as many as written before pip), then run the rest
    skip = len(wrapper.split()) - 1
    stand_in.write_text(f'#!/bin/sh\nshift {skip}\nexec "$@"\n', encoding="utf-8")
    stand_in.chmod(0o755)
    done = bash(f"{wrapper} pip install aqlm[gpu]>=1.0.2", run_dir)
    assert done.returncode == 0, done.stderr
    assert (run_dir / "=1.0.2").read_text() == "argv: install aqlm[gpu]\n"

    (found,) = lint(
        tmp_path / "repo",
        {"Dockerfile": f"FROM python:3.12\nRUN {wrapper} pip install aqlm[gpu]>=1.0.2\n"},
        monkeypatch,
    )
    assert found.message.startswith("aqlm[gpu]>=1.0.2 is not quoted")
    assert found.location.column == len(f"RUN {wrapper} pip install ") + 1
