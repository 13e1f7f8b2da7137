"""``PIP_CONSTRAINT`` set where a repository runs pip (a workflow's ``env:``, a Dockerfile
``ENV`` or ``RUN PIP_CONSTRAINT=... pip install``, a tox ``setenv``) is a ``-c`` on those
installs: the file it names pins their requirements, is a constraints file (its caps are
no install's ranges), and is linted (pip reads its index options).  certbot pins through
the variable (trial 16); reqlint read it, showed it, and then reported every name it pins
as unpinned.  Real files, ``reqlint check``/``show`` in a real process with a controlled
environment, and real pip with the variable set as the referee."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from netservers import wheelhouse
from reqlint_process import clean_env, pip_chooses, reqlint_stdout
from reqlint_process import write_tree as write

PINS = "--extra-index-url http://mirror.example/simple\nfuncsigs==0.4\nurllib3<2\n"
WORKFLOW = (
    "on: push\nenv:\n  PIP_CONSTRAINT: tools/pins.txt\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: pip install -r requirements.txt\n"
)


def test_pip_applies_pip_constraint_as_a_c_file(tmp_path: Path) -> None:
    # the referee: the variable pins funcsigs as `-c tools/pins.txt` would
    wheels = wheelhouse(tmp_path / "wheels", funcsigs=("0.4", "1.0.2"))
    write(tmp_path, {"tools/pins.txt": "funcsigs==0.4\n", "requirements.txt": "funcsigs\n"})

    def chosen(**variables: str) -> str:
        return pip_chooses(
            tmp_path,
            *("--no-index", "--find-links", str(wheels), "-r", "requirements.txt"),
            **variables,
        )

    assert chosen(PIP_CONSTRAINT="tools/pins.txt") == "0.4"
    assert chosen() == "1.0.2"


@pytest.mark.parametrize(
    ("files", "linted"),
    [
        ({".github/workflows/ci.yml": WORKFLOW}, True),
        # tox.ini's setenv, with its folder substituted
        (
            {
                "tox.ini": "[testenv]\nsetenv =\n    PIP_CONSTRAINT = {toxinidir}/tools/pins.txt\n"
                "deps = -r requirements.txt\ncommands = pytest\n"
            },
            True,
        ),
        # a Dockerfile's ENV holds for the RUNs after it; a path in the image is matched
        # against the repository by its tail (the build context is copied to /app)
        (
            {
                "Dockerfile": "FROM python:3.12\nENV PIP_CONSTRAINT=/app/tools/pins.txt\n"
                "COPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n"
            },
            False,
        ),
        (
            {
                "Dockerfile": "FROM python:3.12\nCOPY . .\n"
                "RUN PIP_CONSTRAINT=tools/pins.txt pip install -r requirements.txt\n"
            },
            True,
        ),
        # pip splits the value on whitespace: each word a -c file
        (
            {
                "build.sh": '#!/bin/sh\nexport PIP_CONSTRAINT="tools/other.txt tools/pins.txt"\n'
                "pip install -r requirements.txt\n",
                "tools/other.txt": "six>=1\n",
            },
            False,  # a script's files are not added to a scan
        ),
        # the job's workspace is the checkout: a path below it is the repository's
        (
            {
                ".github/workflows/ci.yml": WORKFLOW.replace(
                    "tools/pins.txt", "${{ github.workspace }}/tools/pins.txt"
                )
            },
            True,
        ),
        # Dockerfile's legacy `ENV KEY value`
        (
            {
                "Dockerfile": "FROM python:3.12\nENV PIP_CONSTRAINT /app/tools/pins.txt\n"
                "COPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n"
            },
            False,
        ),
        # a job's env: holds for its steps; a step's for that step (among other keys);
        # a GitLab job's variables: for its script
        (
            {
                ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: x\n"
                "    env:\n      FORCE_COLOR: 1\n      PIP_CONSTRAINT: tools/pins.txt\n"
                "    steps:\n      - uses: actions/checkout@v4\n"
                "      - run: pip install -r requirements.txt\n"
            },
            True,
        ),
        (
            {
                ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: x\n"
                "    steps:\n      - uses: actions/checkout@v4\n      - name: install\n"
                "        env:\n          # pinned\n          PIP_CONSTRAINT: tools/pins.txt\n"
                "        run: |\n          python -m pip install -U pip\n"
                "          pip install -r requirements.txt\n"
            },
            True,
        ),
        (
            {
                ".gitlab-ci.yml": "test:\n  image: python:3.12\n  variables:\n"
                "    PIP_CONSTRAINT: tools/pins.txt\n  script:\n"
                "    - pip install -r requirements.txt\n"
            },
            True,
        ),
    ],
    ids=[
        "workflow-env",
        "tox-setenv",
        "dockerfile-env",
        "run-assignment",
        "two-files",
        "workspace",
        "legacy-env",
        "job-env",
        "step-env",
        "gitlab-job-variables",
    ],
)
def test_pip_constraint_set_for_an_install_pins_it(
    files: dict[str, str], linted: bool, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, {"requirements.txt": "funcsigs\nsix\n", "tools/pins.txt": PINS, **files})
    env = clean_env(tmp_path)
    out = reqlint_stdout(tmp_path, env, "check", "--isolated", "--format", "json", ".")
    found = {(d["path"], d["code"], d["line"]) for d in json.loads(out)["diagnostics"]}
    # funcsigs is pinned by the variable's file; six is not; urllib3<2 is a cap, not an
    # install's range (no RL202)
    assert ("requirements.txt", "RL201", 2) in found
    assert ("requirements.txt", "RL201", 1) not in found
    assert not any(code == "RL202" for _, code, _ in found)
    # the file is linted when its path is the repository's: pip reads its index options
    assert (("tools/pins.txt", "RL101", 1) in found) is linted
    # the pre-commit hook names the file alone: the same answer for it
    alone = reqlint_stdout(
        tmp_path, env, "check", "--isolated", "--format", "json", "requirements.txt"
    )
    assert {(d["path"], d["code"], d["line"]) for d in json.loads(alone)["diagnostics"]} == {
        f for f in found if f[0] == "requirements.txt"
    }
    show = json.loads(reqlint_stdout(tmp_path, env, "show", "--isolated", "--format", "json", "."))
    by_path = {f["path"]: f for f in show["files"]}
    (pinned_by,) = by_path["requirements.txt"]["constrained_by"]
    assert pinned_by.startswith("tools/pins.txt (PIP_CONSTRAINT at ")
    if linted:
        assert by_path["tools/pins.txt"]["role"] == "constraints"
        assert by_path["tools/pins.txt"]["reason"].startswith("named by PIP_CONSTRAINT at ")


def test_a_dockerfile_env_does_not_reach_the_runs_before_it(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        {
            "requirements.txt": "funcsigs\n",
            "tools/pins.txt": "funcsigs==0.4\n",
            "Dockerfile": "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n"
            "ENV PIP_CONSTRAINT=tools/pins.txt\n",
        },
    )
    out = reqlint_stdout(tmp_path, clean_env(tmp_path), "check", "--isolated", ".")
    assert "requirements.txt:1:1: RL201 warning: funcsigs is not pinned" in out


@pytest.mark.parametrize(
    "files",
    [
        # a job's env: its scope (which job) is not followed, so it is not taken
        {
            ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    env:\n"
            "      PIP_CONSTRAINT: tools/pins.txt\n    steps:\n      - run: echo\n"
            "  b:\n    runs-on: x\n    steps:\n      - run: pip install -r requirements.txt\n"
        },
        # a step's env holds for that step, not for the next one
        {
            ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n"
            "    steps:\n      - run: pip list\n        env:\n"
            "          PIP_CONSTRAINT: tools/pins.txt\n"
            "      - run: |\n          pip install -r requirements.txt\n"
        },
        # a later stage starts afresh; a command's own prefix holds for that command only
        {
            "Dockerfile": "FROM python:3.12 AS a\nENV PIP_CONSTRAINT=tools/pins.txt\n"
            "FROM python:3.12\nCOPY . .\nRUN PIP_CONSTRAINT=tools/pins.txt pip list\n"
            "RUN pip install -r requirements.txt\n"
        },
        # another tox env's setenv; a commented-out line; uv, which reads UV_* only
        {
            "tox.ini": "[testenv]\ndeps = -r requirements.txt\n[testenv:docs]\ndeps = sphinx\n"
            "setenv =\n    PIP_CONSTRAINT = {toxinidir}/tools/pins.txt\n"
        },
        {
            "build.sh": "#!/bin/sh\n# export PIP_CONSTRAINT=tools/pins.txt\n"
            "pip install -r requirements.txt\n"
        },
        {
            "build.sh": "#!/bin/sh\nexport PIP_CONSTRAINT=tools/pins.txt\n"
            "uv pip install --system -r requirements.txt\n"
        },
    ],
    ids=["other-job-env", "other-step-env", "later-stage", "other-tox-env", "comment", "uv"],
)
def test_pip_constraint_that_an_install_does_not_see_pins_nothing(
    files: dict[str, str], tmp_path: Path
) -> None:
    # trial 17: each of these hid a true RL201 warning
    (tmp_path / ".git").mkdir()
    pins = {"requirements.txt": "funcsigs\n", "tools/pins.txt": "funcsigs==0.4\n"}
    write(tmp_path, {**pins, **files})
    env = clean_env(tmp_path)
    out = reqlint_stdout(tmp_path, env, "check", "--isolated", "--select", "RL201", ".")
    assert "requirements.txt:1:1: RL201 warning: funcsigs is not pinned" in out
