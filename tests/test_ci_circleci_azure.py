"""CircleCI's ``.circleci/config.yml`` and Azure Pipelines' ``azure-pipelines.yml`` are CI
files: their shell steps' pip commands and their variables are read as a GitHub workflow's
(they were not read at all).  Real files, ``reqlint check`` as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reqlint.cli import main

CIRCLECI = """\
version: 2.1
jobs:
  test:
    docker:
      - image: cimg/python:3.12
    environment:
      PIP_EXTRA_INDEX_URL: http://pypi.internal.example/simple
    steps:
      - checkout
      - run:
          name: deps
          command: |
            pip install --trusted-host pypi.internal.example -r ci/requirements.lock
      - run: pip install numba>=0.57
"""

AZURE = """\
trigger: [main]
variables:
  PIP_TIMEOUT: abc
steps:
- script: pip install -i http://mirror.example/simple -r requirements.txt
- bash: |
    pip install git+https://github.com/acme/lib.git@main
"""


def test_circleci_and_azure_pipelines_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    for name, text in {
        ".circleci/config.yml": CIRCLECI,
        "azure-pipelines.yml": AZURE,
        "requirements.txt": "demo==1.0\n",
        "ci/requirements.lock": "demo==1.0\n",
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "."])
    out = capsys.readouterr().out
    assert code == 1
    found = {line.split(" ")[0] + " " + line.split(" ")[1] for line in out.splitlines()[:-1]}
    assert {
        ".circleci/config.yml:7:28: RL101",
        ".circleci/config.yml:7:28: RL102",
        ".circleci/config.yml:13:25: RL103",
        ".circleci/config.yml:14:26: RL011",
        "azure-pipelines.yml:3:16: RL005",
        "azure-pipelines.yml:5:23: RL102",
        "azure-pipelines.yml:7:17: RL204",
    } <= found, out
    # the lock a CircleCI step installs with -r is linted (its name alone would not be)
    main(["check", "--show-files", "."])
    assert "ci/requirements.lock" in capsys.readouterr().out.split()


def test_a_gitlab_job_named_bash_is_still_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".gitlab-ci.yml").write_text(
        "bash:\n  script:\n    - pip install -i http://mirror.example/simple demo\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--select", "RL102", "."]) == 1
    assert ".gitlab-ci.yml:3:19: RL102 warning" in capsys.readouterr().out
