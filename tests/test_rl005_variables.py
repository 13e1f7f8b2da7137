"""RL005 for a ``PIP_*`` value pip refuses, where a repository sets it: a Dockerfile
``ENV``/``ARG``, a ``RUN``'s own assignment, a workflow ``env:``, a tox ``setenv``, a
script's ``export``.  In pip.conf the same values were errors; set as variables they
passed clean, and pip then stops at start-up (celery-like trial, trial 13).  The referee:
the real pip, started with each variable, refuses to run with the message reqlint quotes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reqlint_process import clean_env

from reqlint.cli import main

FILES = {
    "Dockerfile": "FROM python:3.12\nENV PIP_NO_CACHE_DIR=disabled \\\n"
    "    PIP_DEFAULT_TIMEOUT=100\nARG PIP_TIMEOUT=abc\nENV PIP_RETRIES=$R\n"
    "RUN PIP_PROGRESS_BAR=maybe pip install -r requirements.txt\n",
    "requirements.txt": "demo==1.0\n",
    "tox.ini": "[testenv]\nsetenv =\n    PIP_NO_INDEX = sure\ndeps = -r requirements.txt\n",
    ".github/workflows/ci.yml": "on: push\nenv:\n  PIP_TIMEOUT: abc\n"
    "  PIP_NO_DEPS: ${{ matrix.x }}\njobs:\n  a:\n    runs-on: x\n    steps:\n"
    "      - run: pip install -r requirements.txt\n",
    "setup.sh": "#!/bin/sh\nexport PIP_NO_BUILD_ISOLATION=nah\npip install -r requirements.txt\n",
}

# (where, variable, value, what pip says)
EXPECTED = [
    (".github/workflows/ci.yml:3:16", "PIP_TIMEOUT", "abc", "invalid floating-point value: 'abc'"),
    ("Dockerfile:2:22", "PIP_NO_CACHE_DIR", "disabled", "invalid truth value 'disabled'"),
    ("Dockerfile:4:17", "PIP_TIMEOUT", "abc", "invalid floating-point value: 'abc'"),
    ("Dockerfile:6:22", "PIP_PROGRESS_BAR", "maybe", "invalid choice: 'maybe'"),
    ("setup.sh:2:31", "PIP_NO_BUILD_ISOLATION", "nah", "nah is not a valid value"),
    ("tox.ini:3:20", "PIP_NO_INDEX", "sure", "sure is not a valid value for no-index"),
]


def test_a_refused_pip_variable_is_reported_where_it_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--select", "RL005", "."])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    found = [line for line in lines if ": RL005 error: " in line]
    assert len(found) == len(EXPECTED)  # not PIP_RETRIES=$R, nor ${{ matrix.x }}
    for line, (where, variable, value, said) in zip(found, EXPECTED, strict=True):
        assert line.startswith(f"{where}: RL005 error: {variable} = {value!r}: pip refuses ")
        assert said in line
    # each file alone, as the pre-commit hook names it: the same findings
    code = main(["check", "--select", "RL005", "Dockerfile"])
    assert sum(": RL005 error: " in x for x in capsys.readouterr().out.splitlines()) == 3


@pytest.mark.parametrize(("variable", "value", "said"), sorted({e[1:] for e in EXPECTED}))
def test_pip_refuses_to_run_with_each(variable: str, value: str, said: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "demo"],
        cwd=tmp_path,
        env=clean_env(tmp_path, **{variable: value}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert said in done.stderr
    assert "No matching distribution" not in done.stderr  # it stopped before looking


def test_a_value_pip_accepts_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Dockerfile").write_text(
        "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1 PIP_TIMEOUT=60 PIP_PROGRESS_BAR=off\n"
        "RUN pip install demo==1.0\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--select", "RL005", "."]) == 0
    assert capsys.readouterr().out.strip() == "All checks passed!"
