"""RL204 (VCS requirement not pinned to a commit) in context, from the real-world trial.

* prefect's pyproject.toml names ``python-cli-bench @ git+https://…`` without a revision,
  and the ``uv.lock`` beside it pins the commit (the only install is ``uv sync --locked``):
  ``info``, naming the lock and the commit, not a warning that fails the run.  The lock's
  lines below are prefect's, as uv writes them.
* A docs install list (pyg's ``docs/requirements.txt``, the sphinx theme from git) is
  ``info``, as RL201 is there.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Diagnostic, Severity

COMMIT = "3bdb12d0e97d814c86bddc6573c8d49b99f39719"
PYPROJECT = (
    '[project]\nname = "x"\nversion = "1"\n\n[dependency-groups]\ncli-bench = [\n'
    '    "python-cli-bench @ git+https://github.com/zzstoatzz/python-cli-bench.git",\n'
    '    "other @ git+https://github.com/acme/other.git@main",\n]\n'
)
UV_LOCK = (
    'version = 1\nrevision = 3\nrequires-python = ">=3.10"\n\n'
    '[[package]]\nname = "other"\nversion = "0.2.0"\n'
    'source = { registry = "https://pypi.org/simple" }\n\n'
    '[[package]]\nname = "python-cli-bench"\nversion = "0.1.0"\n'
    f'source = {{ git = "https://github.com/zzstoatzz/python-cli-bench.git#{COMMIT}" }}\n'
    'dependencies = [\n    { name = "rich" },\n]\n\n'
    '[[package]]\nname = "x"\nversion = "1"\nsource = { editable = "." }\n'
)


def _rl204(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> list[Diagnostic]:
    for name, body in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = run(load_project(candidates(["."]))).diagnostics
    return [d for d in found if d.code == "RL204"]


def test_a_commit_in_uv_lock_makes_it_info(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked, other = _rl204(tmp_path, {"pyproject.toml": PYPROJECT, "uv.lock": UV_LOCK}, monkeypatch)
    assert (locked.location.line, locked.severity) == (7, Severity.INFO)
    assert f"uv.lock pins it to commit {COMMIT[:12]}" in locked.message
    # a dependency group: `pip install .` never installs it, `pip install --group` does
    assert "(`pip install --group cli-bench`)" in locked.message
    assert "`pip install .`" not in locked.message
    # the lock has `other` from the registry, not from git: still the warning
    assert (other.location.line, other.severity) == (8, Severity.WARNING)


def test_without_the_lock_it_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _rl204(tmp_path, {"pyproject.toml": PYPROJECT}, monkeypatch)
    assert [d.severity for d in found] == [Severity.WARNING, Severity.WARNING]


def test_a_lock_that_cannot_be_read_is_no_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _rl204(
        tmp_path,
        {"pyproject.toml": PYPROJECT, "uv.lock": "\x00 not a lock [[package]\n"},
        monkeypatch,
    )
    assert [d.severity for d in found] == [Severity.WARNING, Severity.WARNING]


def test_docs_lists_are_not_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # nobody deploys a docs list (trial 21): the application's list is judged
    theme = "pyg_sphinx_theme @ git+https://github.com/pyg-team/pyg_sphinx_theme.git\n"
    (app,) = _rl204(
        tmp_path, {"docs/requirements.txt": theme, "requirements.txt": theme}, monkeypatch
    )
    assert app.location.path == "requirements.txt"
    assert app.severity is Severity.WARNING


def test_a_command_line_in_a_repository_of_tutorials_gives_one_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MONAI's tutorials: a CI step read "(an install list for docs, examples or
    # benchmarks) (on a command line: ...)", two reasons, the first untrue of a CI step
    top = tmp_path / "tutorials"
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    step = "pip install git+https://github.com/Project-MONAI/MONAI#egg=MONAI"
    (ci,) = _rl204(
        top,
        {
            ".github/workflows/t.yml": (
                "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
                f"    steps:\n      - run: {step}\n"
            ),
            "detection/requirements.txt": "monai @ git+https://github.com/Project-MONAI/MONAI\n",
        },
        monkeypatch,
    )
    assert ci.location.path == ".github/workflows/t.yml"
    assert ci.severity is Severity.INFO
    assert "(on a command line: unless the job means to install that branch" in ci.message
    assert "install list for docs" not in ci.message
    assert ci.message.count(" (") == 1
    # a list of the repository's tutorials is not judged (nobody deploys it)


# poetry's own pyproject.toml and poetry.lock (python-poetry/poetry at f4670233): the lock's
# [package.source] table, as poetry writes it.
POETRY_COMMIT = "e3998b0e111dc03e4aa721fd054c48e5c7de6fc5"
POETRY_PYPROJECT = (
    '[project]\nname = "poetry"\nversion = "2.5.0.dev0"\ndependencies = [\n'
    '    "poetry-core @ git+https://github.com/python-poetry/poetry-core.git",\n]\n'
)
POETRY_LOCK = (
    "# This file is automatically @generated by Poetry and should not be changed by hand.\n\n"
    '[[package]]\nname = "poetry-core"\nversion = "2.2.1"\n'
    'description = "Poetry PEP 517 Build Backend"\noptional = false\n'
    'python-versions = ">=3.10, <4.0"\ngroups = ["main"]\nfiles = []\ndevelop = false\n\n'
    '[package.source]\ntype = "git"\nurl = "https://github.com/python-poetry/poetry-core.git"\n'
    f'reference = "HEAD"\nresolved_reference = "{POETRY_COMMIT}"\n\n'
    '[[package]]\nname = "six"\nversion = "1.16.0"\n'
)


def test_a_commit_in_poetry_lock_makes_it_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (found,) = _rl204(
        tmp_path, {"pyproject.toml": POETRY_PYPROJECT, "poetry.lock": POETRY_LOCK}, monkeypatch
    )
    assert found.severity is Severity.INFO
    assert f"poetry.lock pins it to commit {POETRY_COMMIT[:12]}" in found.message
    assert "`poetry install` installs" in found.message


def test_development_and_test_lists_are_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # celery's requirements/dev.txt installs its own libraries' heads on purpose, and its
    # test-ci-default.txt tests against kombu's main: info; an application's list warns.
    kombu = "git+https://github.com/celery/kombu.git\n"
    found = _rl204(
        tmp_path,
        {
            "requirements/dev.txt": kombu,
            "requirements/test-ci-default.txt": kombu,
            "requirements/default.txt": kombu,
        },
        monkeypatch,
    )
    by_path = {d.location.path: d for d in found}
    for path in ("requirements/dev.txt", "requirements/test-ci-default.txt"):
        assert by_path[path].severity is Severity.INFO
        assert "a development or test list" in by_path[path].message
    assert by_path["requirements/default.txt"].severity is Severity.WARNING


def test_an_in_file_beside_its_compiled_txt_is_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # scrapy's docs/requirements.in names a theme at a branch; the compiled
    # docs/requirements.txt beside it pins the commit (real-world trial 4)
    moving = "theme @ git+https://github.com/acme/theme.git@main\n"
    pinned = f"theme @ git+https://github.com/acme/theme.git@{COMMIT}\n"
    assert (
        _rl204(
            tmp_path, {"app/requirements.in": moving, "app/requirements.txt": pinned}, monkeypatch
        )
        == []
    )
    # pre-commit passes the changed .in alone: the same answer
    monkeypatch.chdir(tmp_path)
    alone = run(load_project(candidates(["app/requirements.in"]))).diagnostics
    assert [d for d in alone if d.code == "RL204"] == []
    # a compiled file that keeps the branch is judged there
    (tmp_path / "app/requirements.txt").write_text(moving, encoding="utf-8")
    (found,) = _rl204(tmp_path, {}, monkeypatch)
    assert found.location.path == "app/requirements.txt"


def test_an_in_file_without_a_compiled_twin_is_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moving = "theme @ git+https://github.com/acme/theme.git@main\n"
    (found,) = _rl204(tmp_path, {"app/requirements.in": moving}, monkeypatch)
    assert (found.location.path, found.severity) == ("app/requirements.in", Severity.WARNING)


def test_tox_deps_and_commands_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # readthedocs' tox.ini installs a library from its main branch in `deps` (real-world
    # trial 4: nothing was said, and `reqlint show tox.ini` listed nothing)
    tox = (
        "[testenv]\ndeps =\n    -r requirements/testing.txt\n"
        "    dj: git+https://github.com/django/django.git@main\n"
        "    sphinx @ git+https://github.com/sphinx-doc/sphinx@{env:SPHINX_REF:master}\n"
        f"    pinned @ git+https://github.com/a/b@{COMMIT}\n"
        "commands =\n    pip install git+https://github.com/x/y@dev\n    pytest\n"
    )
    found = _rl204(tmp_path, {"tox.ini": tox}, monkeypatch)
    assert [(d.location.line, d.severity) for d in found] == [
        (4, Severity.INFO),
        (8, Severity.INFO),
    ]
    assert "'main', a branch or tag that can move" in found[0].message
    assert "(a tox environment: unless it means to install that branch" in found[0].message
    assert "git+https://github.com/x/y@dev" in found[1].message


def test_pip_installs_a_dependency_group_with_group_not_with_the_project(
    tmp_path: Path,
) -> None:
    """The command RL204 names for a ``[dependency-groups]`` entry, run by real pip 26.3
    (offline: a local wheel folder): ``--group NAME`` installs the group's requirements;
    the project's own dependencies are what ``pip install .`` reads (paperless-ngx's
    ``typing`` group was said to be installed by ``pip install .``, trial 11)."""
    import os
    import sys

    from netservers import make_wheel

    wheels = tmp_path / "wheels"
    wheels.mkdir()
    name, data = make_wheel("demo", "1.0")
    (wheels / name).write_bytes(data)
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\ndependencies = []\n\n'
        '[dependency-groups]\ntyping = ["demo"]\n',
        encoding="utf-8",
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--dry-run", "--no-index"),
            *("--find-links", str(wheels), "--group", "typing"),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Would install demo-1.0" in done.stdout


@pytest.mark.parametrize(
    ("route", "command"),
    [
        ("project.dependencies[0]", "`pip install .`"),
        ("project.optional-dependencies.test[2]", "`pip install '.[test]'`"),
        ('dependency-groups."type checks"[0]', "`pip install --group type checks`"),
        ("dependency-groups.typing[1]", "`pip install --group typing`"),
    ],
)
def test_the_unlocked_install_named_is_the_one_that_reads_the_entry(
    route: str, command: str
) -> None:
    from reqlint.rules.rl204_vcs_not_pinned import _unlocked_install

    assert _unlocked_install(route) == command


@pytest.mark.parametrize(
    "txt",
    [
        # edx-platform's requirements/edx/github.in beside a hand-written github.txt of
        # another purpose: nothing there names the tag the .in installs (trial 13)
        "six==1.16.0\n",
        # another project from the same host
        f"other @ git+https://github.com/acme/other.git@{COMMIT}\n",
    ],
)
def test_an_in_file_beside_a_txt_that_does_not_name_the_project_is_judged(
    txt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "app/requirements.in": "theme @ git+https://github.com/acme/theme.git@main\n"
        "git+https://github.com/acme/nameless.git@v1\n",
        "app/requirements.txt": txt,
    }
    found = _rl204(tmp_path, files, monkeypatch)
    assert [(d.location.path, d.location.line) for d in found] == [
        ("app/requirements.in", 1),
        ("app/requirements.in", 2),
    ]
    # the compiled file names both (the nameless one by its repository): left to it
    (tmp_path / "app/requirements.txt").write_text(
        f"theme @ git+https://github.com/acme/theme.git@{COMMIT}\n"
        f"nameless @ git+https://github.com/acme/nameless.git@{COMMIT}\n",
        encoding="utf-8",
    )
    assert _rl204(tmp_path, {}, monkeypatch) == []
