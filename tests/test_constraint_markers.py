"""A constraint under a marker pins only where the marker holds: pip drops it everywhere
else (``resolution/resolvelib/factory.py``: ``if not ireq.match_markers(): continue``).

certbot's ``tools/oldest_constraints.txt`` pins every name under ``python_version ==
"3.10"``; beside ``tools/requirements.txt`` it silenced RL201 for that file on every
Python (trial 16).  Real files, ``reqlint check``/``show`` as a user runs them, and real
pip (offline, from a folder of tiny wheels) as the referee of what pip drops."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from netservers import wheelhouse
from reqlint_process import pip_chooses
from reqlint_process import write_tree as write

from reqlint.cli import main

# never this Python, and always it
ELSEWHERE = 'python_version == "3.0"'
EVERYWHERE = 'python_version >= "3.0" and python_version < "4.0"'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_pip_drops_a_constraint_whose_marker_does_not_hold(tmp_path: Path) -> None:
    # the referee: the same pin, under a marker this Python does not meet, pins nothing
    assert sys.version_info[:2] != (3, 0)
    wheels = wheelhouse(tmp_path / "wheels", demo=("1.0", "2.0"))

    def chosen(marker: str) -> str:
        write(tmp_path, {"c.txt": f"demo==1.0 ; {marker}\n", "r.txt": "demo\n"})
        return pip_chooses(
            tmp_path, "--no-index", "--find-links", str(wheels), "-c", "c.txt", "-r", "r.txt"
        )

    assert chosen(ELSEWHERE) == "2.0"
    assert chosen(EVERYWHERE) == "1.0"


@pytest.mark.parametrize(
    ("constraints", "requirement", "pinned"),
    [
        (f"demo==1.0 ; {ELSEWHERE}\n", "demo", False),
        ('demo==1.0 ; sys_platform == "win32" or python_version < "3.9"\n', "demo", False),
        # poetry's and uv's exports: every line under the project's Python range
        (f"demo==1.0 ; {EVERYWHERE}\n", "demo", True),
        ('demo==1.0 ; python_full_version >= "3.9.1"\n', "demo", True),
        # one line per Python range (uv export --universal): each range pinned
        (
            'demo==1.0 ; python_version < "3.12"\ndemo==2.0 ; python_version >= "3.12"\n',
            "demo",
            True,
        ),
        # ranges that leave a supported Python out (trial 17): not pinned there
        (
            'demo==1.0 ; sys_platform == "win32"\ndemo==1.1 ; sys_platform == "darwin"\n',
            "demo",
            False,
        ),
        (f"demo==1.0 ; {ELSEWHERE}\ndemo==1.0 ; {ELSEWHERE}\n", "demo", False),
        (
            'demo==1.0 ; python_version < "3.10"\ndemo==2.0 ; python_version >= "3.12"\n',
            "demo",
            False,
        ),
        ('demo==1.0 ; python_version >= "3.12"\n', "demo", False),
        # the requirement is under the same marker: pinned wherever it is installed
        (f"demo==1.0 ; {ELSEWHERE}\n", f"demo ; {ELSEWHERE}", True),
    ],
    ids=[
        "elsewhere",
        "or",
        "export-range",
        "lower-bound",
        "split",
        "platforms",
        "twice",
        "gap",
        "late-lower-bound",
        "same-marker",
    ],
)
def test_a_marker_limited_constraint_pins_only_where_it_holds(
    constraints: str,
    requirement: str,
    pinned: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"pins.txt": constraints, "requirements.txt": f"-c pins.txt\n{requirement}\n"})
    code, out = run(capsys, "check", "--select", "RL201", ".")
    if pinned:
        assert (code, out.strip()) == (0, "All checks passed!")
    else:
        assert code == 1
        assert "requirements.txt:2:1: RL201 warning: demo is not pinned" in out
        assert "pins.txt:1 pins it only where " in out
        assert "pip drops that constraint everywhere else" in out


def test_an_alternative_pin_set_beside_a_list_does_not_pin_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # certbot's layout: the oldest-Python pins beside the current list, every line of
    # them under `python_version == "3.10"`; nothing applies them to the list
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    names = [f"pkg{k}" for k in range(11)]
    write(
        tmp_path,
        {
            "tools/oldest_constraints.txt": "".join(f"{n}==1.0 ; {ELSEWHERE}\n" for n in names),
            "tools/requirements.txt": "".join(f"{n}\n" for n in [*names, "newpkg"]),
        },
    )
    code, out = run(capsys, "check", "--select", "RL201", ".")
    assert code == 1
    assert out.count("RL201 warning") == 12
    assert "RL201 info" not in out
    code, out = run(capsys, "show", "--format", "json", ".")
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert "constrained_by" not in files["tools/requirements.txt"]
    code, out = run(capsys, "show", ".")
    assert "constrained by" not in out
    # the same pins for every Python: the list's pins live there, and only newpkg is said
    write(
        tmp_path,
        {"tools/oldest_constraints.txt": "".join(f"{n}==1.0\n" for n in names)},
    )
    code, out = run(capsys, "check", "--select", "RL201", ".")
    assert (code, out.count("RL201")) == (0, 1)
    assert "newpkg is not pinned" in out


def test_a_marker_limited_pin_in_a_file_pinning_nearly_all_is_not_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # trial 17: the message said the file both "leaves it out" and "pins it only where",
    # and the "left out on purpose" guess made it an info
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    names = [f"pkg{k}" for k in range(10)]
    write(
        tmp_path,
        {
            "pins.txt": "".join(f"{n}==1.0\n" for n in names) + f"demo==1.0 ; {ELSEWHERE}\n",
            "requirements.txt": "-c pins.txt\n" + "".join(f"{n}\n" for n in [*names, "demo"]),
        },
    )
    code, out = run(capsys, "check", "--select", "RL201", ".")
    assert code == 1
    (line,) = out.splitlines()[:-1]
    assert line.startswith("requirements.txt:12:1: RL201 warning: demo is not pinned")
    assert "pins.txt:11 pins it only where" in line
    assert "leaves it out" not in line


def test_a_requirement_only_for_a_python_no_pip_runs_on_is_not_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # kubeflow's generated python_http_client/requirements.txt: `future; python_version<=
    # "2.7"` got an RL201 warning that failed the run (trial 18); pip skips the line
    from reqlint_process import pip_run

    dead = 'future; python_version<="2.7"\nenum34 ; python_version < "3.4"\n'
    write(tmp_path, {"dead.txt": dead})
    done = pip_run(tmp_path, "install", "--dry-run", "--no-index", "-r", "dead.txt")
    assert done.returncode == 0, done.stderr
    assert "Ignoring future: markers 'python_version <= \"2.7\"' don't match" in done.stdout
    assert "Ignoring enum34" in done.stdout
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"requirements.txt": dead + 'six; python_version < "3.10"\nrequests\n'})
    code, out = run(capsys, "check", "--isolated", "--select", "RL201,RL202", ".")
    assert code == 1
    assert [line.split(" RL201")[0] for line in out.splitlines()[:-1]] == [
        "requirements.txt:3:1:",  # still live for a project that supports Python 3.9
        "requirements.txt:4:1:",
    ]
