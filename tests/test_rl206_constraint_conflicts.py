"""RL206 on constraint lines: two pins of one project that no version satisfies, in a
constraints file or across the ``-c`` files of one install.  pip refuses only an install
that needs that project (trial 20: the message said every install fails), and a ``-c``
file whose name says nothing (``c.txt``) was never judged.  Real files, ``reqlint check``
in a real process, and real pip 26.3 over a local wheelhouse as the referee."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from netservers import wheelhouse
from reqlint_process import clean_env, pip_run, reqlint_stdout
from reqlint_process import write_tree as write


def _findings(folder: Path) -> list[tuple[str, int, str]]:
    out = reqlint_stdout(
        folder,
        clean_env(folder),
        "check",
        "--isolated",
        "--select",
        "RL206",
        "--format",
        "json",
        ".",
    )
    return [(d["path"], d["line"], d["message"]) for d in json.loads(out)["diagnostics"]]


def _pip_installs(folder: Path, wheels: Path) -> bool:
    done = pip_run(
        folder,
        "install",
        "--dry-run",
        "-q",
        "--no-index",
        "--find-links",
        str(wheels),
        "-r",
        "requirements.txt",
    )
    return done.returncode == 0


@pytest.mark.parametrize("name", ["c.txt", "constraints.txt"])
def test_conflicting_pins_in_a_constraints_file_fail_only_installs_that_need_them(
    name: str, tmp_path: Path
) -> None:
    wheels = wheelhouse(tmp_path / "wheels", idna=("3.6", "3.7"), six=("1.16.0",))
    repo = tmp_path / "repo"
    write(repo, {name: "idna==3.6\nidna==3.7\n", "requirements.txt": f"-c {name}\nsix==1.16.0\n"})
    # the referee: an install that does not need idna goes through ...
    assert _pip_installs(repo, wheels)
    ((path, line, message),) = _findings(repo)
    assert (path, line) == (name, 2)
    assert message.endswith("no version satisfies both, so pip refuses any install that needs idna")
    assert "will refuse to install" not in message
    # ... and one that needs it fails, as the finding says
    write(repo, {"requirements.txt": f"-c {name}\nsix==1.16.0\nidna\n"})
    assert not _pip_installs(repo, wheels)
    assert [(p, n) for p, n, _ in _findings(repo)] == [(name, 2)]


def test_conflicting_pins_across_the_c_files_of_one_install(tmp_path: Path) -> None:
    wheels = wheelhouse(tmp_path / "wheels", idna=("3.6", "3.7"))
    repo = tmp_path / "repo"
    write(
        repo,
        {
            "a.txt": "idna==3.6\n",
            "b.txt": "idna==3.7\nidna!=3.5\n",
            "requirements.txt": "-c a.txt\n-c b.txt\nidna\n",
        },
    )
    assert not _pip_installs(repo, wheels)
    ((path, line, message),) = _findings(repo)
    assert (path, line) == ("b.txt", 1)
    assert "conflicts with idna==3.6 at a.txt:1 (both read by requirements.txt)" in message


def test_compatible_constraint_lines_and_a_requirement_beside_its_pin_say_nothing(
    tmp_path: Path,
) -> None:
    wheels = wheelhouse(tmp_path / "wheels", idna=("3.6", "3.7"))
    repo = tmp_path / "repo"
    # one exclusion per line is deliberate; a requirement pinned by -c is how -c works
    write(repo, {"c.txt": "idna!=3.5\nidna!=3.4\n", "requirements.txt": "-c c.txt\nidna==3.7\n"})
    assert _pip_installs(repo, wheels)
    assert _findings(repo) == []
