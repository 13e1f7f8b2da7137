"""RL108 on pip's double negatives (trial 21): ``--no-compile`` is optparse's store_false
into ``compile``, and pip stores a ``PIP_NO_COMPILE`` variable's or ``no-compile`` key's
value in that same setting after strtobool, so ``PIP_NO_COMPILE=1`` still compiles
(pip#5735).  Real pip 26.3 is the referee (a real install, and its own parsers for which
options are such); reqlint runs as a user runs it."""

from __future__ import annotations

import optparse
import subprocess
import sys
from pathlib import Path

import pytest
from netservers import wheelhouse
from reqlint_process import clean_env, reqlint_stdout
from reqlint_process import write_tree as write

from reqlint import pipopts


def _compiled(tmp_path: Path, name: str, **variables: str) -> bool:
    """Whether real pip, installing a one-module wheel with ``variables`` set, writes .pyc."""
    wheels = wheelhouse(tmp_path / "wheels", demo=("1.0",))
    target = tmp_path / name
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "-q", "--no-index"),
            *("--find-links", str(wheels), "--target", str(target), "demo"),
        ],
        cwd=tmp_path,
        env=clean_env(tmp_path, **variables),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (target / "demo" / "__init__.py").is_file()
    return any(target.rglob("*.pyc"))


def test_pip_reads_a_true_no_compile_as_compile(tmp_path: Path) -> None:
    assert _compiled(tmp_path, "one", PIP_NO_COMPILE="1")
    assert _compiled(tmp_path, "yes", PIP_NO_COMPILE="yes")
    assert not _compiled(tmp_path, "zero", PIP_NO_COMPILE="0")
    conf = tmp_path / "pip.conf"
    conf.write_text("[install]\nno-compile = true\n", encoding="utf-8")
    assert _compiled(tmp_path, "conf", PIP_CONFIG_FILE=str(conf))


def test_the_inverted_options_are_pips_store_false_no_options() -> None:
    from pip._internal.commands import commands_dict, create_command

    found: set[str] = set()
    for name in commands_dict:
        parser = create_command(name, isolated=True).parser
        options = [o for g in parser.option_groups for o in g.option_list]
        for option in [*parser.option_list, *options]:
            assert isinstance(option, optparse.Option)
            for flag in option._long_opts:
                if option.action == "store_false" and flag.startswith("--no-"):
                    found.add(flag.removeprefix("--"))
    assert found == set(pipopts.INVERTED)


@pytest.mark.parametrize(
    ("files", "where", "text"),
    [
        (
            {"Dockerfile": "FROM python:3.12\nENV PIP_NO_COMPILE=1\nRUN pip install a==1\n"},
            "Dockerfile:2",
            "PIP_NO_COMPILE=1 still compiles to bytecode",
        ),
        (
            {
                ".github/workflows/ci.yml": "on: push\nenv:\n  PIP_NO_BUILD_ISOLATION: 'true'\n"
                "jobs:\n  t:\n    runs-on: x\n    steps:\n      - run: pip install a==1\n"
            },
            ".github/workflows/ci.yml:3",
            "PIP_NO_BUILD_ISOLATION=true keeps build isolation on",
        ),
        (
            {"pip.conf": "[install]\nno-warn-script-location = yes\n"},
            "pip.conf:2",
            "no-warn-script-location = yes still warns about scripts installed outside PATH",
        ),
        (
            {"build.sh": "#!/bin/sh\nPIP_NO_USER=1 pip install a==1\n"},
            "build.sh:2",
            "PIP_NO_USER=1 installs into the user site, as --user does",
        ),
    ],
    ids=["dockerfile-env", "workflow-env", "pip-conf", "script-prefix"],
)
def test_rl108_reports_a_true_double_negative(
    files: dict[str, str], where: str, text: str, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, files)
    out = reqlint_stdout(
        tmp_path, clean_env(tmp_path), "check", "--isolated", "--select", "RL108", "."
    )
    (line,) = out.splitlines()[:-1]
    assert line.startswith(where + ":")
    assert text in line
    assert "pip#5735" in line
    if "PIP_NO_USER" not in line:
        assert "pip's default: this does nothing" in line
    off = "no-warn-script-location = false" if "pip.conf" in where else "=0 or pass --no-"
    assert off in line


def test_rl108_leaves_what_does_what_it_says(tmp_path: Path) -> None:
    # a false value is the trick that works; the command-line flag is no value at all
    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        {
            "Dockerfile": "FROM python:3.12\nENV PIP_NO_COMPILE=0 PIP_NO_BUILD_ISOLATION=false\n"
            "RUN pip install --no-compile --no-build-isolation a==1\n",
            "pip.conf": "[install]\nno-warn-conflicts = off\n",
        },
    )
    out = reqlint_stdout(
        tmp_path, clean_env(tmp_path), "check", "--isolated", "--select", "RL108", "."
    )
    assert "RL108" not in out
