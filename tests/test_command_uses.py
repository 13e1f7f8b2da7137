"""How a repository's own commands use its requirements files, and what that makes them:
a file its CI, Dockerfile, Makefile or tox env only passes to ``-c`` is a constraints file
and pins the files installed with it; a file it only passes to ``pip uninstall -r``
(awx's ``requirements_tower_uninstall.txt``) names what to take out, so pinning advice on
it is noise.  Real files, ``reqlint check``/``show`` as a user runs them, and real pip
(offline, from a folder of wheels) as the judge of what ``-c`` on a command line pins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from netservers import wheelhouse
from reqlint_process import pip_chooses, pip_run
from reqlint_process import write_tree as write

from reqlint.cli import main
from reqlint.commands import command_uses


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "python -m pip install --no-cache-dir -r a.txt -c b.txt",
            [("pip install", [("install", "a.txt"), ("constraint", "b.txt")])],
        ),
        ("pip3.11 uninstall -y -r u.txt", [("pip uninstall", [("uninstall", "u.txt")])]),
        (
            "uv pip install --requirements=a.txt --constraints c.txt",
            [("pip install", [("install", "a.txt"), ("constraint", "c.txt")])],
        ),
        ("\t$(PIP) install -rreq.txt", [("pip install", [("install", "req.txt")])]),
        (
            "cp -r a b && pip install -r 'x.txt'; pip download -r y.txt",
            [
                ("pip install", [("install", "x.txt")]),
                ("pip download", [("install", "y.txt")]),
            ],
        ),
        ("pip --proxy=http://p install -c c.txt pkg", [("pip install", [("constraint", "c.txt")])]),
        # a variable, a tox substitution, a glob or a command that is not pip's: left alone
        ("pip install -r $ROOT/x.txt -r {toxinidir}/y.txt -r z*.txt", []),
        ("cp -r requirements.txt build/ && tar -c x.txt", []),
        ("pip list -r", []),
        ("pipenv install -r requirements.txt", []),
    ],
)
def test_command_uses_reads_pips_file_options(
    line: str, expected: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    assert command_uses(line) == expected


WORKFLOW = (
    "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: python -m pip install -r requirements.txt -c requirements-ci.txt\n"
)


def test_a_file_a_workflow_passes_to_c_is_a_constraints_file_pinning_its_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"requirements.txt": "demo\n", "requirements-ci.txt": "demo==1.0\nother>=2\n"})
    code, out = run(capsys, "check", "--select", "RL201,RL202", ".")
    # no command says how they are used: both are install lists, judged as such
    assert "requirements.txt:1:1: RL201 warning: demo is not pinned" in out
    assert "requirements-ci.txt:2:1: RL202" in out
    write(tmp_path, {".github/workflows/ci.yml": WORKFLOW})
    code, out = run(capsys, "check", "--select", "RL201,RL202", ".")
    assert (code, out.strip()) == (0, "All checks passed!")
    code, out = run(capsys, "show", "--format", "json", ".")
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert files["requirements-ci.txt"]["role"] == "constraints"
    assert files["requirements-ci.txt"]["reason"] == (
        "used with -c by pip install at .github/workflows/ci.yml:6"
    )
    assert files["requirements.txt"]["constrained_by"] == [
        "requirements-ci.txt (-c at .github/workflows/ci.yml:6)"
    ]
    # the pre-commit hook names the file alone: the same answer
    code, out = run(capsys, "check", "--select", "RL201,RL202", "requirements.txt")
    assert (code, out.strip()) == (0, "All checks passed!")


def test_pip_itself_applies_the_command_lines_c_pin(tmp_path: Path) -> None:
    # the referee for the claim above: pip installs demo 1.0 with the workflow's -c, and
    # the newest demo without it
    wheels = wheelhouse(tmp_path / "wheels", demo=("1.0", "2.0"))
    write(tmp_path, {"requirements.txt": "demo\n", "requirements-ci.txt": "demo==1.0\n"})

    def chosen(*extra: str) -> str:
        return pip_chooses(
            tmp_path, "--no-index", "--find-links", str(wheels), "-r", "requirements.txt", *extra
        )

    assert chosen("-c", "requirements-ci.txt") == "1.0"
    assert chosen() == "2.0"


@pytest.mark.parametrize(
    ("commands", "role"),
    [
        ({"Makefile": "clean-env:\n\tpip uninstall --yes -r requirements/uninstall.txt\n"}, True),
        (
            {"scripts/slim.sh": "#!/bin/sh\npip uninstall -y -r ../requirements/uninstall.txt\n"},
            True,
        ),
        # also installed somewhere: an install list after all, judged as one
        (
            {
                "Makefile": "a:\n\tpip uninstall -y -r requirements/uninstall.txt\n",
                "Dockerfile": "FROM python:3.12\nRUN pip install -r requirements/uninstall.txt\n",
            },
            False,
        ),
    ],
    ids=["makefile", "script", "also-installed"],
)
def test_a_file_only_removed_with_pip_uninstall_gets_no_pinning_advice(
    commands: dict[str, str],
    role: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"requirements/uninstall.txt": "rsa\n", **commands})
    code, out = run(capsys, "check", "--select", "RL201", ".")
    if role:
        assert (code, out.strip()) == (0, "All checks passed!")
        code, shown = run(capsys, "show", "requirements/uninstall.txt")
        assert "  role: uninstall: used with -r by pip uninstall at " in shown
        # and alone, as the pre-commit hook names it
        code, out = run(capsys, "check", "--select", "RL201", "requirements/uninstall.txt")
        assert (code, out.strip()) == (0, "All checks passed!")
    else:
        assert "requirements/uninstall.txt:1:1: RL201 warning: rsa is not pinned" in out


def test_a_tox_c_file_is_a_constraints_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "tox.ini": "[testenv]\ndeps =\n    -c upper.txt\n    -r test.txt\n",
            "upper.txt": "pytest==8.3.0\nrequests>=2\n",
            "test.txt": "pytest\n",
        },
    )
    code, out = run(capsys, "check", "--select", "RL201,RL202", ".")
    assert (code, out.strip()) == (0, "All checks passed!")
    code, shown = run(capsys, "show", "upper.txt")
    assert "  role: constraints: used with -c by tox at tox.ini:1" in shown


DOCKERFILE = (
    "FROM python:3.12\n"
    "RUN --mount=type=cache,target=/root/.cache/pip \\\n"
    "    python -m pip install -r requirements/default.txt \\\n"
    "    -r requirements/test.txt\n"
)


def test_the_files_one_command_installs_are_one_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # celery's Dockerfile installs eight requirements files in one `pip install` written
    # over several lines; two pins of one name that cannot both hold went unreported
    # (trial 13), where the same pair in a tox env's deps was RL206.
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    files = {
        "requirements/default.txt": "demo==1.0\n",
        "requirements/test.txt": "pytest==8.3.0\ndemo==2.0\n",
    }
    write(tmp_path, files)
    code, out = run(capsys, "check", "--select", "RL206", ".")
    assert (code, out.strip()) == (0, "All checks passed!")  # no command joins them
    write(tmp_path, {"docker/Dockerfile": DOCKERFILE})
    code, out = run(capsys, "check", "--select", "RL206", ".")
    assert code == 1
    assert (
        "requirements/test.txt:2:1: RL206 warning: demo==2.0 conflicts with demo==1.0 at "
        "requirements/default.txt:1 (both installed by docker/Dockerfile:2): no version "
        "satisfies both, so pip will refuse to install"
    ) in out
    # the pre-commit hook names the file alone: the same finding
    code, out = run(capsys, "check", "--select", "RL206", "requirements/test.txt")
    assert "requirements/test.txt:2:1: RL206 warning: demo==2.0 conflicts" in out
    # the referee: pip refuses that install
    wheels = wheelhouse(tmp_path / "wheels", demo=("1.0", "2.0"), pytest=("8.3.0",))
    done = pip_run(
        tmp_path,
        *("install", "--dry-run", "--no-index", "-q", "--find-links", str(wheels)),
        *("-r", "requirements/default.txt", "-r", "requirements/test.txt"),
    )
    assert done.returncode != 0
    assert "ResolutionImpossible" in done.stderr
