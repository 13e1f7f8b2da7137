"""``reqlint`` run as a user runs it: a real process in a folder, with a controlled
environment (none of this machine's PIP_* variables or pip config files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """PATH, a HOME of the test's own, no pip config file, no colour, and ``extra``."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "NO_COLOR": "1",
        **extra,
    }


def reqlint_stdout(folder: Path, env: dict[str, str], *argv: str) -> str:
    """``python -m reqlint ARGV`` in ``folder``: its standard output, after checking that
    it ended as a lint run ends (0 or 1, never a usage error or a crash)."""
    done = subprocess.run(
        [sys.executable, "-m", "reqlint", *argv],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def pip_run(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real pip (``python -m pip ARGV``) in ``folder``, with a controlled environment:
    the referee of what a test claims about pip."""
    return subprocess.run(
        [sys.executable, "-m", "pip", *argv],
        cwd=folder,
        env=clean_env(folder),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
