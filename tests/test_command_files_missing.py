"""RL003 (a warning) for a ``-r``/``-c`` file a CI step, a shell script or a Makefile
recipe passes to pip or ``uv pip`` that is not in the repository: the command stops
before it installs anything.  werkzeug's and flask's ``.devcontainer/on-create-command.sh``
run ``pip install -r requirements/dev.txt`` from the checkout's top, after the projects
moved to uv and removed ``requirements/`` (trial 18): every new dev container fails.

The referees are real pip 26.3 and real uv, run where the command runs.  Only what can be
known is judged: after a ``cd`` (or a CI ``working-directory``, a second checkout,
downloaded artifacts), for a file the source names anywhere else (``pip freeze > x.txt``,
``[ -f x.txt ]``), or a command whose failure is handled (``|| true``), nothing is said."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reqlint_process import clean_env, pip_run, write_tree

UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")

DEVCONTAINER = (
    "#!/bin/bash\n"
    "set -e\n"
    "python3 -m venv --upgrade-deps .venv\n"
    ". .venv/bin/activate\n"
    "pip install -r requirements/dev.txt\n"
    "pip install -e .\n"
)


JSON = ("--output-format", "json")


def findings(root: Path, *argv: str) -> list[dict[str, object]]:
    """``reqlint check --isolated --select RL003 --output-format json`` in ``root``."""
    done = subprocess.run(
        [sys.executable, "-m", "reqlint", "check", "--isolated", "--select", "RL003", *JSON, *argv],
        cwd=root,
        env=clean_env(root),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return list(json.loads(done.stdout)["diagnostics"])


def repo(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    write_tree(root, files)
    return root


def test_a_devcontainer_script_installing_a_removed_file_is_found_as_pip_fails(
    tmp_path: Path,
) -> None:
    root = repo(tmp_path, {".devcontainer/on-create-command.sh": DEVCONTAINER})
    (found,) = findings(root)
    assert found["path"] == ".devcontainer/on-create-command.sh"
    assert (found["line"], found["column"], found["severity"]) == (5, 13, "warning")
    assert found["route"] == "script → pip install"
    message = str(found["message"])
    assert message.startswith("-r requirements/dev.txt: no such file in the script's folder")
    assert 'pip stops ("Could not open requirements file") before installing' in message
    # the referee, at the checkout's top where a dev container runs it
    done = pip_run(root, "install", "--dry-run", "--no-index", "-r", "requirements/dev.txt")
    assert done.returncode == 1
    assert "Could not open requirements file" in done.stderr
    # once the file is there, in the script's folder or above it, nothing is said
    write_tree(root, {"requirements/dev.txt": "flask==3.0.0\n"})
    assert findings(root) == []
    # and a script outside any git work tree is not judged (where would it run?)
    loose = tmp_path / "loose"
    write_tree(loose, {"setup.sh": DEVCONTAINER})
    assert findings(loose) == []


def test_a_workflow_step_constraint_file_is_taken_at_the_checkouts_top(tmp_path: Path) -> None:
    workflow = (
        "on: push\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: pip install -r requirements/docs.txt -c requirements/constraints.txt\n"
        "      - run: |\n"
        "          cd docs\n"
        "          pip install -r requirements.txt\n"
        "      - run: pip install -r requirements/tests.txt || true\n"
        "      - run: pip freeze > frozen.txt && pip install -c frozen.txt flask\n"
        "      - run: pip install -r $REQS -r /opt/reqs.txt -r 'requirements/*.txt'\n"
    )
    root = repo(
        tmp_path,
        {".github/workflows/ci.yml": workflow, "requirements/docs.txt": "flask==3.0.0\n"},
    )
    (found,) = findings(root)
    assert (found["line"], found["column"]) == (7, 51)
    assert str(found["message"]).startswith(
        "-c requirements/constraints.txt: no such file at the repository's top, where the "
        'steps run: pip stops ("Could not open constraint file")'
    )
    done = pip_run(
        root,
        "install",
        "--dry-run",
        "--no-index",
        "-r",
        "requirements/docs.txt",
        "-c",
        "requirements/constraints.txt",
    )
    assert done.returncode == 1
    assert "Could not open constraint file" in done.stderr


@pytest.mark.parametrize(
    "extra",
    [
        "    defaults:\n      run:\n        working-directory: app\n",
        "    steps:\n      - uses: actions/checkout@v4\n        with:\n          path: src\n",
        "    steps:\n      - uses: actions/download-artifact@v4\n",
    ],
    ids=["working-directory", "checkout-path", "download-artifact"],
)
def test_a_workflow_whose_steps_may_run_elsewhere_is_not_judged(tmp_path: Path, extra: str) -> None:
    steps = "    steps:\n" if "steps:" not in extra else ""
    workflow = (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        + extra
        + steps
        + "      - run: pip install -r requirements/dev.txt\n"
    )
    root = repo(tmp_path, {".github/workflows/ci.yml": workflow})
    assert findings(root) == []
    # the same step without it is judged
    plain = workflow.replace(extra, "    steps:\n" if "steps:" in extra else "")
    (tmp_path / "repo/.github/workflows/ci.yml").write_text(plain)
    assert [f["line"] for f in findings(root)] == [plain.count("\n")]


def test_a_gitlab_job_that_changes_folder_in_one_script_line_is_not_judged(
    tmp_path: Path,
) -> None:
    # GitLab runs a job's script lines in one shell: a `cd` lasts into the next ones
    moved = "test:\n  script:\n    - cd backend\n    - pip install -r requirements.txt\n"
    root = repo(tmp_path, {".gitlab-ci.yml": moved})
    assert findings(root) == []
    (root / ".gitlab-ci.yml").write_text(moved.replace("    - cd backend\n", ""))
    assert [(f["path"], f["line"]) for f in findings(root)] == [(".gitlab-ci.yml", 3)]


def test_an_action_at_a_repositorys_top_runs_in_its_users_checkout(tmp_path: Path) -> None:
    action = (
        "runs:\n  using: composite\n  steps:\n"
        "    - run: pip install -r requirements.txt\n      shell: bash\n"
    )
    root = repo(tmp_path, {"action.yml": action, ".github/actions/setup/action.yml": action})
    # the repository's own composite action runs at its checkout's top; the published
    # one at the top reads the user's requirements.txt
    assert [f["path"] for f in findings(root)] == [".github/actions/setup/action.yml"]


def test_a_makefile_recipe_runs_in_the_makefiles_folder(tmp_path: Path) -> None:
    makefile = (
        "dev:\n"
        "\tpip install -r requirements-dev.txt\n"
        "\tcd docs && pip install -r requirements.txt\n"
        "docs:\n"
        "\tpip install -r docs/requirements.txt\n"
    )
    root = repo(tmp_path, {"Makefile": makefile, "docs/requirements.txt": "sphinx==8.0\n"})
    (found,) = findings(root)
    assert (found["line"], found["route"]) == (2, "recipe (line 2) → pip install")
    assert "in the Makefile's folder, where make runs it" in str(found["message"])
    done = pip_run(root, "install", "--dry-run", "--no-index", "-r", "requirements-dev.txt")
    assert "Could not open requirements file" in done.stderr


@pytest.mark.skipif(UV is None, reason="needs uv")
def test_uv_pip_says_file_not_found(tmp_path: Path) -> None:
    script = "uv pip install --system -r requirements/uv.txt\nuv pip install -c c.txt flask\n"
    root = repo(tmp_path, {"scripts/setup.sh": script})
    messages = [str(f["message"]) for f in findings(root)]
    assert [m.split(":")[0] for m in messages] == ["-r requirements/uv.txt", "-c c.txt"]
    assert all('uv stops ("File not found")' in m for m in messages)
    assert UV is not None
    for option, target in (("-r", "requirements/uv.txt"), ("-c", "c.txt")):
        done = subprocess.run(
            [UV, "pip", "install", "--dry-run", "--offline", "--python", sys.executable]
            + (["flask"] if option == "-c" else [])
            + [option, target],
            cwd=root,
            env=clean_env(root, UV_NO_CONFIG="1"),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode != 0
        assert f"File not found: {target}" in done.stderr


def test_a_script_kept_for_an_image_runs_where_copy_put_the_files(tmp_path: Path) -> None:
    install = "#!/bin/sh\npip install -r requirements.txt\n"
    root = repo(
        tmp_path,
        {
            "docker/entrypoint.sh": install,
            "scripts/install.sh": install,
            "tools/setup.sh": install,
            "backend/requirements.txt": "django==5.1\n",
            "Dockerfile": (
                "FROM python:3.12\nWORKDIR /app\nCOPY backend/requirements.txt .\n"
                "COPY scripts/install.sh .\nRUN ./install.sh\n"
            ),
        },
    )
    # the one no image uses is judged; the image's two are not
    assert [f["path"] for f in findings(root)] == ["tools/setup.sh"]
