"""Read the Docs' configuration (``.readthedocs.yaml``): its ``build.commands`` and
``build.jobs`` lines are shell commands run at the repository's top, and each
``python.install`` entry's ``requirements: FILE`` is ``pip install -r FILE`` there.
certbot, netbox and readthedocs.org install their docs' lists this way; reqlint never
looked at the file, and named on the command line it was taken for a conda environment
(trial 20).  Real files, real ``reqlint`` processes, real pip as the referee of the
message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reqlint_process import clean_env, pip_run, reqlint_stdout
from reqlint_process import write_tree as write

CONFIG = """\
version: 2
build:
  os: ubuntu-22.04
  tools:
    python: "3.12"
  jobs:
    post_install:
      - pip install --extra-index-url http://pypi.internal.example/simple sphinx-rtd-theme
  commands:
    - pip install -r docs/requirements.txt
python:
  install:
    - requirements: docs/requirements.txt
    - requirements: "doc/missing.txt"
    - method: pip
      path: .
"""


def _findings(folder: Path, *paths: str) -> set[tuple[str, int, str]]:
    out = reqlint_stdout(
        folder, clean_env(folder), "check", "--isolated", "--format", "json", *(paths or ".")
    )
    return {(d["path"], d["line"], d["code"]) for d in json.loads(out)["diagnostics"]}


@pytest.mark.parametrize("name", [".readthedocs.yaml", ".readthedocs.yml", "readthedocs.yml"])
def test_the_commands_and_install_entries_of_a_readthedocs_config_are_read(
    name: str, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, {name: CONFIG, "docs/requirements.txt": "sphinx==8.1.3\n"})
    found = _findings(tmp_path)
    assert (name, 8, "RL101") in found
    assert (name, 8, "RL102") in found
    # the entry whose file the repository does not hold, not the one it holds
    assert {(p, n) for p, n, c in found if c == "RL003"} == {(name, 14)}
    # the pre-commit hook names the file alone: the same answer
    assert _findings(tmp_path, name) == found
    out = reqlint_stdout(tmp_path, clean_env(tmp_path), "check", "--isolated", name)
    assert (
        f"{name}:14:7: RL003 warning: requirements: doc/missing.txt: no such file at the "
        "repository's top, where the steps run: Read the Docs runs `pip install -r` on it "
        'and pip stops ("Could not open requirements file")'
    ) in out
    # the referee: what pip says of that file
    done = pip_run(tmp_path, "install", "--dry-run", "-r", "doc/missing.txt")
    assert done.returncode != 0
    assert "Could not open requirements file" in done.stderr
    show = reqlint_stdout(tmp_path, clean_env(tmp_path), "show", "--isolated", name)
    assert show.splitlines()[0] == f"{name} [ci]"


def test_a_file_only_readthedocs_installs_is_linted(tmp_path: Path) -> None:
    # a name no scan would choose: read because the docs build installs it
    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        {
            ".readthedocs.yaml": "version: 2\npython:\n  install:\n"
            "    - requirements: tools/rtd-deps.lst\n",
            "tools/rtd-deps.lst": "--extra-index-url http://pypi.internal.example/simple\n"
            "sphinx==8.1.3\n",
        },
    )
    assert ("tools/rtd-deps.lst", 1, "RL101") in _findings(tmp_path)


def test_a_requirements_key_elsewhere_is_no_install(tmp_path: Path) -> None:
    # an action's input named `requirements` is the action's business, not pip's
    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        {
            ".github/workflows/docs.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
            "      - uses: some/action@v1\n        with:\n          requirements: gone.txt\n",
        },
    )
    assert not any(code == "RL003" for _, _, code in _findings(tmp_path))


def test_a_package_folders_config_runs_at_the_checkouts_top(tmp_path: Path) -> None:
    # certbot keeps one per package (certbot-dns-ovh/.readthedocs.yaml) and its commands
    # name tools/requirements.txt at the top: 7 false RL003 before this was known; a
    # configuration deeper down is documentation's example (readthedocs.org's
    # docs/user/config-file/examples/mkdocs/.readthedocs.yaml)
    (tmp_path / ".git").mkdir()
    body = "version: 2\nbuild:\n  commands:\n    - pip install -c tools/requirements.txt -r {req}\n"
    write(
        tmp_path,
        {
            "tools/requirements.txt": "sphinx==8.1.3\n",
            "pkg-a/.readthedocs.yaml": body.format(req="pkg-a/docs.txt"),
            "pkg-a/docs.txt": "sphinx\n",
            "pkg-b/.readthedocs.yaml": body.format(req="pkg-b/gone.txt"),
            "docs/user/examples/mkdocs/.readthedocs.yaml": body.format(req="docs/gone.txt"),
        },
    )
    assert {(p, n) for p, n, c in _findings(tmp_path) if c == "RL003"} == {
        ("pkg-b/.readthedocs.yaml", 4)
    }
    # tools/requirements.txt pins what pkg-a's docs list leaves open
    assert ("pkg-a/docs.txt", 1, "RL201") not in _findings(tmp_path)
