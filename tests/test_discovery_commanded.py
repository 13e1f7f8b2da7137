"""A folder scan lints the requirements files that the pip commands of its CI files, tox.ini
and Dockerfiles install with ``-r``, whatever their names (jupyterhub's ``pip install -r
ci/oldest-dependencies/requirements.old``, trial 10): an index option there was missed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from netservers import Refusing
from reqlint_process import pip_run
from reqlint_process import write_tree as write

from reqlint.cli import main

EXTRA = "--extra-index-url http://mirror.example/simple\nfoo==1.0\n"


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, set[str]]]:
    code = main(["check", "--format", "json", *argv])
    out, _ = capsys.readouterr()
    found: dict[str, set[str]] = {}
    for diag in json.loads(out)["diagnostics"]:
        found.setdefault(diag["path"], set()).add(diag["code"])
    return code, found


WORKFLOW = (
    "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
    "      - run: pip install -r ci/oldest/requirements.old -e .\n"
    "      - run: |\n"
    "          cp -r ci/notes build && python -m pip install --requirement=ci/pins.lock\n"
    "      - run: pip install -r ${{ matrix.reqs }} -r $REQS\n"
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {".github/workflows/test.yml": WORKFLOW},
            {"ci/oldest/requirements.old", "ci/pins.lock"},
        ),
        # a constraints file passed with -c: pip reads its index options too
        # (great_expectations' ci/constraints-test/*.txt, trial 14)
        (
            {
                ".github/workflows/test.yml": "on: push\njobs:\n  a:\n    runs-on: x\n"
                "    steps:\n      - run: pip install -e . -c ci/constraints-test/min.txt\n"
                "      - run: pip install . --constraint=ci/caps.pins\n"
            },
            {"ci/constraints-test/min.txt", "ci/caps.pins"},
        ),
        # tox: deps lines, relative to tox.ini's folder ({toxinidir} too)
        (
            {"tox.ini": "[testenv]\ndeps =\n    -r{toxinidir}/ci/tox.deps\n    -r ci/more.deps\n"},
            {"ci/tox.deps", "ci/more.deps"},
        ),
        # a Dockerfile's RUN: its build context (its folder), else the folder scanned
        (
            {
                "docker/Dockerfile": "FROM python:3.12\nCOPY . .\n"
                "RUN pip install --no-cache-dir -r docker.lock && pip check\n"
                "RUN uv pip install --system -r ci/base.lock\n"
            },
            {"docker/docker.lock", "ci/base.lock"},
        ),
        # one command over `\` continuation lines (celery's Dockerfile installs eight files
        # in one RUN): every file of it, as the shell joins it; a file pip only uninstalls
        # (`pip uninstall -r`) is no install, and is left alone
        (
            {
                "Dockerfile": "FROM python:3.12\nRUN pip install \\\n    -r ci/base.lst \\\n"
                "    -r ci/extra.lst \\\n    -c ci/caps.lst && \\\n"
                "    pip uninstall -y -r ci/notes\n",
            },
            {"ci/base.lst", "ci/extra.lst", "ci/caps.lst"},
        ),
        # a tox env's commands: a pip install's own -r, {toxinidir} too
        (
            {"tox.ini": "[testenv]\ncommands =\n    pip install -r {toxinidir}/ci/cmd.deps\n"},
            {"ci/cmd.deps"},
        ),
    ],
)
def test_files_a_command_installs_are_linted(
    files: dict[str, str],
    expected: set[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, files)
    # every file a command names, and two it does not: cp -r's, and one no command names
    write(
        tmp_path,
        dict.fromkeys(expected, EXTRA) | {"ci/notes": EXTRA, "ci/unused.lock": EXTRA},
    )
    code, found = check(capsys, ".")
    assert code == 1
    assert set(found) == expected
    assert all(codes == {"RL101", "RL102"} for codes in found.values()), found
    # --show-files says so, and a file named on the command line brings nothing along
    main(["check", "--show-files", "."])
    shown = set(capsys.readouterr().out.split())
    assert expected <= shown
    assert not {"ci/notes", "ci/unused.lock"} & shown
    named = sorted(files)[0]
    assert check(capsys, named)[1].keys() <= {named}


def test_a_dockerfiles_build_context_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `RUN pip install -r base.lock` after `COPY . .`: the Dockerfile's folder, then the
    # folder scanned
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "docker/Dockerfile": "FROM python:3.12\nCOPY . .\nRUN pip install -r base.lock\n",
            "docker/base.lock": EXTRA,
            "base.lock": EXTRA,
        },
    )
    assert check(capsys, ".") == (1, {"docker/base.lock": {"RL101", "RL102"}})


def test_a_commanded_file_outside_the_scan_or_excluded_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        {
            "app/.github/workflows/test.yml": "on: push\njobs:\n  a:\n    runs-on: x\n"
            "    steps:\n      - run: pip install -r ../shared.lock -r ci/skip.lock\n",
            "shared.lock": EXTRA,
            "app/ci/skip.lock": EXTRA,
            # the Dockerfile's own folder holds docker.lock, which is excluded: the one at
            # the root is not what its RUN reads
            "app/docker/Dockerfile": "FROM python:3.12\nRUN pip install -r docker.lock\n",
            "app/docker/docker.lock": EXTRA,
            "app/docker.lock": EXTRA,
            "app/pyproject.toml": "[tool.reqlint]\n"
            'exclude = ["ci/skip.lock", "docker/docker.lock"]\n',
        },
    )
    monkeypatch.chdir(tmp_path / "app")
    assert check(capsys, ".") == (0, {})


def test_pip_reads_the_index_options_of_a_constraints_file(tmp_path: Path) -> None:
    # the referee for linting -c files: pip takes a constraints file's --index-url
    with Refusing() as dead:
        url = dead.url()
        (tmp_path / "c.txt").write_text(f"--index-url {url}\n", encoding="utf-8")
        done = pip_run(
            tmp_path,
            "install",
            "--dry-run",
            "--retries",
            "0",
            "--timeout",
            "2",
            "-c",
            "c.txt",
            "demo",
        )
    assert done.returncode != 0
    assert f"Looking in indexes: {url}" in done.stdout + done.stderr


def test_a_tox_commands_option_of_another_tool_is_no_pip_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # sqlfluff's `commands = yamllint -c .yamllint .` made its YAML config a requirements
    # file: 10 RL001 errors and an RL002 failed the run (trial 15).  Only deps and
    # constraints are pip's arguments; in commands, only a pip install's own -r/-c.
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "tox.ini": "[testenv]\ndeps =\n    -r req/test.deps\n    -c req/pins.deps\n"
            "commands =\n    yamllint -c .yamllint .\n    pytest -c pytest.ini\n"
            "    pip install -r req/more.deps\n[testenv:lint]\ndeps = -rreq/lint.deps\n",
            ".yamllint": "rules:\n  line-length: disable\n---\n",
            "pytest.ini": "[pytest]\n--x\n",
            **{f"req/{n}.deps": EXTRA for n in ("test", "pins", "more", "lint")},
        },
    )
    main(["check", "--show-files", "."])
    shown = set(capsys.readouterr().out.split())
    assert shown == {"tox.ini", *(f"req/{n}.deps" for n in ("test", "pins", "more", "lint"))}
    code, found = check(capsys, ".")
    assert code == 1
    assert set(found) == {f"req/{n}.deps" for n in ("test", "pins", "more", "lint")}


def test_a_missing_file_of_a_tox_env_deps_is_rl003(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # trial 15: a deps line's -r file that does not exist went unsaid, where the same
    # line in a requirements file is RL003; pip (which tox runs) refuses before installing
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "tox.ini": "[testenv]\ndeps =\n    -r present.txt\n    -c nope.txt\n"
            "    py312: -rmissing.txt\n    -r{toxinidir}/gone.txt\n    -r{env:REQS}\n",
            "present.txt": "demo==1.0\n",
        },
    )
    assert main(["check", "--select", "RL003", "."]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(" RL003")[0] for line in out[:-1]] == [
        "tox.ini:4:5:",
        "tox.ini:5:12:",
        "tox.ini:6:5:",
    ]
    assert out[0].endswith(
        "-c nope.txt: file not found: tox's pip install of this env fails before anything runs"
    )
    done = pip_run(tmp_path, "install", "--dry-run", "-r", "missing.txt")
    assert done.returncode != 0
    assert "Could not open requirements file" in done.stderr


def test_a_lock_or_project_file_passed_to_r_is_not_a_requirements_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # pydantic's `uv pip install --requirements .github/actions/people/pylock.toml`: read as
    # a requirements file, its TOML made 325 false RL001 errors (trial 17).  pip 26.3 reads
    # a pylock.toml given to -r as a lock (its own help says so); uv also takes
    # pyproject.toml, setup.cfg and setup.py there.
    done = pip_run(tmp_path, "install", "--help")
    assert "pylock.toml format" in " ".join(done.stdout.split())
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
            "      - run: uv pip install --requirements .github/actions/people/pylock.toml\n"
            "      - run: uv pip install -r tools/setup.cfg -r tools/setup.py -r ci/pins.lock\n",
            ".github/actions/people/pylock.toml": 'lock-version = "1.0"\n[[packages]]\n'
            'name = "demo"\nversion = "1.0"\n',
            "tools/setup.cfg": "[metadata]\nname = demo\n",
            "tools/setup.py": "from setuptools import setup\nsetup()\n",
            "ci/pins.lock": EXTRA,
        },
    )
    code, found = check(capsys, ".")
    assert (code, found) == (1, {"ci/pins.lock": {"RL101", "RL102"}})


def test_a_tox_deps_lines_file_options_read_once_as_pip_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Three readers of a deps line's -r/-c (which files a scan adds, RL003 for a missing
    # file, the roles in `show`) once read it three ways: quotes and `=` differed.  pip,
    # which tox hands each deps line to as a requirements-file line, is the referee.
    deps = (
        '-r"req/quoted.deps"',
        "--requirement=req/eq.deps",
        "-c 'req/pins.deps'",
        "--constraint='req/gone.deps'",
    )
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "tox.ini": "[testenv]\ndeps =\n" + "".join(f"    {d}\n" for d in deps),
            "req/quoted.deps": EXTRA,
            "req/eq.deps": EXTRA,
            "req/pins.deps": "foo==1.0\n",
            "as-pip-reads.txt": "\n".join(deps[:3]) + "\n",
            "missing.txt": deps[3] + "\n",
        },
    )
    done = pip_run(tmp_path, "download", "--no-index", "-d", "out", "-r", "as-pip-reads.txt")
    assert "Could not open" not in done.stderr  # every file found, and pins.deps read:
    assert "Cannot install foo==1.0" in done.stderr  # its pin meets foo (no index here)
    done = pip_run(tmp_path, "download", "--no-index", "-d", "out", "-r", "missing.txt")
    assert "Could not open constraint file" in done.stderr
    assert "req/gone.deps" in done.stderr
    code, found = check(capsys, "--isolated", "--select", "RL003,RL101", ".")
    assert code == 1
    assert found == {
        "req/quoted.deps": {"RL101"},
        "req/eq.deps": {"RL101"},
        "tox.ini": {"RL003"},
    }
    main(["show", "--isolated", "req/pins.deps"])
    assert "role: constraints" in capsys.readouterr().out
