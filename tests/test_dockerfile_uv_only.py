"""A Dockerfile's ``PIP_*`` index variable whose installs are all uv's: uv does not read it.

uv's documentation says it reads no pip variable or pip.conf; the referee here is real uv
(``uv pip compile`` against two loopback indexes): with ``PIP_EXTRA_INDEX_URL`` pointing
at the index that holds the package, uv does not find it; with ``UV_INDEX`` it does.
RL108 must say so where every RUN the variable reaches runs uv, and RL101 must not
describe pip's merging of indexes for a variable no pip reads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from netservers import SimpleIndex

from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Diagnostic

UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")


def lint(tmp_path: Path, dockerfile: str, monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    (tmp_path / "Dockerfile").write_text(dockerfile, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = run(load_project(candidates(["."]))).diagnostics
    return [d for d in found if d.code in ("RL101", "RL108")]


TORCH_CPU = "https://download.pytorch.org/whl/cpu"


def test_a_pip_extra_index_before_uv_installs_only_is_reported_as_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint(
        tmp_path,
        "FROM python:3.12-slim\n"
        "COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\n"
        f"ENV PIP_EXTRA_INDEX_URL={TORCH_CPU}\n"
        "RUN --mount=type=cache,target=/root/.cache/uv \\\n"
        "    . /opt/venv/bin/activate && uv pip install torch==2.4.1\n",
        monkeypatch,
    )
    assert [(d.code, d.location.line) for d in found] == [("RL108", 3)]
    message = found[0].message
    assert "uv does not read PIP_EXTRA_INDEX_URL" in message
    assert "line 4: uv pip install" in message
    assert "set UV_INDEX" in message


def test_uvs_installer_piped_to_sh_is_not_a_pip_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint(
        tmp_path,
        "FROM python:3.11-slim AS builder\n"
        "ENV PIP_EXTRA_INDEX_URL https://pypi.corp.example/simple\n"
        "RUN curl -LsSf https://astral.sh/uv/0.4.28/install.sh | sh\n"
        "RUN --mount=type=cache,target=/root/.cache/uv \\\n"
        "    /root/.cargo/bin/uv pip install --system -r requirements.lock\n",
        monkeypatch,
    )
    assert [(d.code, d.location.line) for d in found] == [("RL108", 2)]
    assert "line 4: /root/.cargo/bin/uv pip install" in found[0].message


def test_the_primary_index_variable_names_uvs_default_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint(
        tmp_path,
        "FROM python:3.12-slim AS base\n"
        "ENV PIP_INDEX_URL=https://pypi.corp.example/simple\n"
        "RUN apt-get update\n"
        "FROM base AS build\n"
        "RUN uv sync --frozen\n",
        monkeypatch,
    )
    # the stage built FROM base inherits its ENV: its uv sync is what the variable reaches
    assert [(d.code, d.location.line) for d in found] == [("RL108", 2)]
    assert "UV_DEFAULT_INDEX" in found[0].message
    assert "line 5: uv sync" in found[0].message


@pytest.mark.parametrize(
    "runs",
    [
        "RUN uv pip install torch && pip install numpy\n",  # pip reads it
        "RUN uv pip install torch\nRUN python -m pip install numpy\n",
        "RUN uv pip install torch\nRUN ./install_deps.sh\n",  # a script may run pip
        "RUN uv pip install torch\nRUN tox -e py312\n",
        "RUN uv pip install torch\nRUN python setup.py install\n",
        'RUN ["uv", "pip", "install", "torch"]\n',  # the exec form is not read
        "RUN echo no installs here\n",  # only the built image's own pip reads it
    ],
)
def test_a_variable_that_pip_may_read_keeps_rl101(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runs: str
) -> None:
    found = lint(
        tmp_path, f"FROM python:3.12-slim\nENV PIP_EXTRA_INDEX_URL={TORCH_CPU}\n{runs}", monkeypatch
    )
    assert [d.code for d in found] == ["RL101"]


def test_a_stage_that_sets_uvs_own_variable_too_means_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint(
        tmp_path,
        "FROM python:3.12-slim\n"
        f"ENV PIP_EXTRA_INDEX_URL={TORCH_CPU} UV_INDEX={TORCH_CPU}\n"
        "RUN uv pip install torch\n",
        monkeypatch,
    )
    assert "RL108" not in [d.code for d in found]


def test_installs_before_the_variable_or_in_other_stages_do_not_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint(
        tmp_path,
        "FROM python:3.12-slim AS one\n"
        "RUN uv pip install torch\n"
        f"ENV PIP_EXTRA_INDEX_URL={TORCH_CPU}\n"
        "FROM python:3.12-slim AS two\n"
        "RUN uv pip install numpy\n",
        monkeypatch,
    )
    # nothing after it in its stage installs, and stage two is not built from one
    assert [d.code for d in found] == ["RL101"]


def test_a_credential_in_the_unread_variable_is_not_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint(
        tmp_path,
        "FROM python:3.12-slim\n"
        "ENV PIP_EXTRA_INDEX_URL=https://bot:s3cr3t@pypi.corp.example/simple\n"
        "RUN uv pip install internal-pkg\n",
        monkeypatch,
    )
    assert [d.code for d in found] == ["RL108"]
    assert "s3cr3t" not in found[0].message


# ------------------------------------------------------------------ the referee: real uv


def uv_compile(index: SimpleIndex, env_extra: dict[str, str], tmp_path: Path) -> int:
    """``uv pip compile`` of ``rlprobe-extra`` with ``index`` as uv's only default index and
    a controlled environment (no uv.toml, no cache, no ambient UV_*/PIP_* variables)."""
    assert UV is not None
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "UV_NO_CONFIG": "1",
        "UV_PYTHON_DOWNLOADS": "never",
        "NO_COLOR": "1",
        **env_extra,
    }
    (tmp_path / "in.txt").write_text("rlprobe-extra\n", encoding="utf-8")
    done = subprocess.run(
        [
            UV,
            "pip",
            "compile",
            "--no-cache",
            "--python",
            sys.executable,
            "--default-index",
            index.url,
            str(tmp_path / "in.txt"),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode


@pytest.mark.skipif(UV is None, reason="needs uv (the test extra installs it)")
def test_real_uv_ignores_pip_extra_index_url_and_reads_uv_index(tmp_path: Path) -> None:
    with (
        SimpleIndex({"rlprobe-other": ("1.0",)}) as primary,
        SimpleIndex({"rlprobe-extra": ("1.0",)}) as extra,
    ):
        assert uv_compile(primary, {"PIP_EXTRA_INDEX_URL": extra.url}, tmp_path) != 0
        assert not any("rlprobe-extra" in path for path, _ in extra.requests)
        assert uv_compile(primary, {"UV_INDEX": extra.url}, tmp_path) == 0
        assert any("rlprobe-extra" in path for path, _ in extra.requests)


# ------------------------------------------------------------ GitHub Actions workflows


def lint_workflow(tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    target = tmp_path / ".github" / "workflows" / "ci.yml"
    target.parent.mkdir(parents=True)
    target.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = run(load_project(candidates(["."]))).diagnostics
    return [d for d in found if d.code in ("RL101", "RL108")]


WORKFLOW = f"""\
name: ci
on: push
env:
  PIP_EXTRA_INDEX_URL: {TORCH_CPU}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: astral-sh/setup-uv@v5
      - run: uv pip install --system torch
  docs:
    runs-on: ubuntu-latest
    env:
      PIP_INDEX_URL: https://pypi.corp.example/simple
    steps:
      - run: |
          uv sync
          STEP
"""


def test_a_workflow_env_whose_steps_all_install_with_uv_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint_workflow(tmp_path, WORKFLOW.replace("STEP", "uv run mkdocs build"), monkeypatch)
    assert [(d.code, d.location.line) for d in found] == [("RL108", 4), ("RL108", 15)]
    assert "line 11: uv pip install" in found[0].message
    assert "reaches no pip command here" in found[0].message
    assert "line 17: uv sync" in found[1].message  # the run: block's first line


@pytest.mark.parametrize(
    "step",
    [
        "pip install -e .",  # the job's own pip reads both variables
        "python -m pip install mkdocs",
    ],
)
def test_a_step_that_runs_pip_keeps_the_variables_pips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    found = lint_workflow(tmp_path, WORKFLOW.replace("STEP", step), monkeypatch)
    assert [d.code for d in found] == ["RL101"]  # PyPI-less corp primary + the extra


def test_an_action_that_may_run_pip_keeps_the_variable_pips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = WORKFLOW.replace("STEP", "uv run mkdocs build").replace(
        "      - uses: astral-sh/setup-uv@v5\n",
        "      - uses: astral-sh/setup-uv@v5\n      - uses: py-actions/py-dependency-install@v4\n",
    )
    found = lint_workflow(tmp_path, body, monkeypatch)
    # the workflow-level extra reaches the action: pip's; the docs job's primary does not
    assert sorted((d.code, d.location.line) for d in found) == [("RL101", 4), ("RL108", 16)]
