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


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Write each ``{relative path: text}`` below ``root``, folders made as needed."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def pip_run(folder: Path, *argv: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """The real pip (``python -m pip ARGV``) in ``folder``, with a controlled environment
    (and ``variables``, such as ``PIP_CONSTRAINT``): the referee of what a test claims
    about pip."""
    return subprocess.run(
        [sys.executable, "-m", "pip", *argv],
        cwd=folder,
        env=clean_env(folder, **variables),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def pip_chooses(folder: Path, *argv: str, **variables: str) -> str:
    """The one version real pip would install for ``pip install --dry-run ARGV`` in
    ``folder`` (``--report``), with ``variables`` set."""
    import json

    done = pip_run(folder, "install", "--dry-run", "--report", "-", "-q", *argv, **variables)
    assert done.returncode == 0, done.stderr
    (item,) = json.loads(done.stdout)["install"]
    return str(item["metadata"]["version"])
