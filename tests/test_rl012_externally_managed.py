"""RL012: ``pip install`` into the system Python of a Debian >= 12 or Ubuntu >= 23.04 base
image fails the build (PEP 668; mypy's ``misc/docker/Dockerfile``, trial 16).

The referee is real pip 26.3 run by a real externally managed Python: this machine kind's
own Debian 12 ``/usr/bin/python3`` carries the ``EXTERNALLY-MANAGED`` marker its
distribution ships in every bookworm image (no container is needed to see what pip does
there).  reqlint is run on real Dockerfiles as a user runs it."""

from __future__ import annotations

import glob
import os
import subprocess
from pathlib import Path

import pip
import pytest
from netservers import wheelhouse
from reqlint_process import clean_env, reqlint_stdout
from reqlint_process import write_tree as write


def _system_python() -> str | None:
    """A distribution Python whose stdlib holds EXTERNALLY-MANAGED, if this machine has one."""
    for marker in sorted(glob.glob("/usr/lib/python3*/EXTERNALLY-MANAGED")):
        python = "/usr/bin/" + os.path.basename(os.path.dirname(marker))
        if os.access(python, os.X_OK):
            return python
    return None


SYSTEM_PYTHON = _system_python()


@pytest.mark.skipif(SYSTEM_PYTHON is None, reason="no externally managed system Python here")
def test_pip_refuses_an_externally_managed_python_and_what_gets_past_it(tmp_path: Path) -> None:
    assert SYSTEM_PYTHON is not None
    wheels = wheelhouse(tmp_path / "wheels", demo=("1.0",))
    # pip 26.3 from this test's environment, run by the distribution's Python
    env = clean_env(tmp_path, PYTHONPATH=str(Path(pip.__file__).parent.parent))

    def pip_with(python: str, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [python, "-m", "pip", "install", "--no-index", "--find-links", str(wheels), *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )

    for refused in (["--dry-run", "demo"], ["--user", "demo"]):
        done = pip_with(SYSTEM_PYTHON, *refused)
        assert done.returncode != 0
        assert "externally-managed-environment" in done.stderr
    done = pip_with(SYSTEM_PYTHON, "--dry-run", "--break-system-packages", "demo")
    assert done.returncode == 0, done.stderr
    assert "Would install demo-1.0" in done.stdout
    done = pip_with(SYSTEM_PYTHON, "--target", str(tmp_path / "t"), "demo")
    assert done.returncode == 0, done.stderr
    # pip exempts `--dry-run --report` (tools asking what an install would do); help
    # installs nothing (`install --version` is no option at all: a usage error, not this)
    for passed in (["--dry-run", "--report", "-", "demo"], ["--help"]):
        done = pip_with(SYSTEM_PYTHON, *passed)
        assert done.returncode == 0, done.stderr
    # a pip.conf that sets break-system-packages lifts the check (COPY pip.conf /etc/)
    conf = tmp_path / "pip.conf"
    conf.write_text("[install]\nbreak-system-packages = true\n", encoding="utf-8")
    env["PIP_CONFIG_FILE"] = str(conf)
    done = pip_with(SYSTEM_PYTHON, "--dry-run", "demo")
    assert done.returncode == 0, done.stderr
    del env["PIP_CONFIG_FILE"]
    # a virtual environment made from that Python is not externally managed
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--without-pip", str(tmp_path / "v")], check=True)
    done = pip_with(str(tmp_path / "v" / "bin" / "python"), "--dry-run", "demo")
    assert done.returncode == 0, done.stderr


def lint(tmp_path: Path, dockerfile: str) -> set[int]:
    """The lines of the Dockerfile that RL012 reports."""
    (tmp_path / ".git").mkdir(exist_ok=True)
    write(tmp_path, {"Dockerfile": dockerfile})
    out = reqlint_stdout(tmp_path, clean_env(tmp_path), "check", "--isolated", "--select", "RL012")
    return {int(line.split(":")[1]) for line in out.splitlines() if ": RL012 " in line}


@pytest.mark.parametrize(
    ("dockerfile", "lines"),
    [
        (
            "FROM ubuntu:latest\nRUN apt-get install -y python3-pip\nRUN pip3 install -r r.txt\n",
            {3},
        ),
        ("FROM ubuntu\nRUN python3 -m pip install --user x\n", {2}),
        ("FROM docker.io/library/debian:bookworm-slim\nRUN pip install x\n", {2}),
        ("FROM debian:12.5\nRUN pip install x\n", {2}),
        ("FROM ubuntu:noble-20240801\nRUN pip install x\n", {2}),
        # a stage built from a managed one is managed too
        ("FROM debian:trixie AS base\nRUN true\nFROM base\nRUN pip install x\n", {4}),
        # older releases, official Python images and other bases: not judged
        ("FROM ubuntu:22.04\nRUN pip install x\n", set()),
        ("FROM debian:bullseye\nRUN pip install x\n", set()),
        ("FROM python:3.12-slim-bookworm\nRUN pip install x\n", set()),
        # ways out: a venv first, --break-system-packages, the variable, --target
        (
            "FROM ubuntu:24.04\nRUN python3 -m venv /v && . /v/bin/activate && pip install x\n",
            set(),
        ),
        ("FROM ubuntu:24.04\nENV PATH=/opt/venv/bin:$PATH\nRUN pip install x\n", set()),
        ("FROM ubuntu:24.04\nRUN pip install --break-system-packages x\n", set()),
        ("FROM ubuntu:24.04\nENV PIP_BREAK_SYSTEM_PACKAGES=1\nRUN pip install x\n", set()),
        ("FROM ubuntu:24.04\nRUN pip install --target /deps x && pip install y\n", {2}),
        ("FROM ubuntu:24.04\nRUN /opt/venv/bin/pip install x\n", set()),
        # what pip does not check (trial 21): --dry-run with --report, help, version; a
        # pip.conf copied in (it may set break-system-packages), or one written that does
        ("FROM ubuntu:24.04\nRUN pip install --dry-run --report r.json x\n", set()),
        ("FROM ubuntu:24.04\nRUN pip install --dry-run --report=- -q x\n", set()),
        ("FROM ubuntu:24.04\nRUN pip install --dry-run x\n", {2}),
        ("FROM ubuntu:24.04\nRUN pip install --report r.json x\n", {2}),
        ("FROM ubuntu:24.04\nRUN pip3 install --help && pip3 install --version\n", set()),
        ("FROM ubuntu:24.04\nCOPY pip.conf /etc/pip.conf\nRUN pip install x\n", set()),
        ("FROM ubuntu:24.04\nCOPY --chown=0 conf/pip.conf /etc/\nRUN pip install x\n", set()),
        ("FROM ubuntu:24.04\nRUN pip install x\nCOPY pip.conf /etc/pip.conf\n", {2}),
        (
            "FROM ubuntu:24.04\nCOPY <<EOF /etc/pip.conf\n[global]\nbreak-system-packages = "
            "true\nEOF\nRUN pip install x\n",
            set(),
        ),
        (
            "FROM ubuntu:24.04\nCOPY <<EOF /etc/pip.conf\n[global]\ntimeout = 60\nEOF\n"
            "RUN pip install x\n",
            {6},
        ),
        ("FROM ubuntu:24.04\nENV PIP_CONFIG_FILE=/app/pip.conf\nRUN pip install x\n", set()),
    ],
)
def test_rl012_reports_a_system_pip_install_on_a_managed_base(
    dockerfile: str, lines: set[int], tmp_path: Path
) -> None:
    assert lint(tmp_path, dockerfile) == lines


def test_rl012_names_the_image_and_the_way_out(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, {"Dockerfile": "FROM ubuntu:24.04\nRUN pip3 install x\n"})
    out = reqlint_stdout(tmp_path, clean_env(tmp_path), "check", "--isolated", ".")
    assert (
        "Dockerfile:2:5: RL012 error: pip3 install into the system Python of ubuntu:24.04: it "
        "is externally managed (PEP 668), so pip stops with 'externally-managed-environment'"
    ) in out
    assert "python3 -m venv /opt/venv" in out
    assert "--break-system-packages" in out
