"""``PIP_*`` variables a shell script gives pip: ``export NAME=value`` and ``NAME=value
pip ...`` (a CI ``run:``, a Dockerfile ``RUN``).

The referee is real: each script is run by real bash, with real pip's ``pip config
list`` in place of the install, and what pip says it reads from the environment must be
what reqlint reads for that command: a script's file-level variables plus the command's
own.  A bare ``NAME=value`` is a shell variable pip never sees, and tox runs its commands
without a shell, so neither is read.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reqlint_process import clean_env, reqlint_stdout

from reqlint.model import SourceKind
from reqlint.sources import parse as parse_text
from reqlint.sources._shell import command_settings
from reqlint.text import MappedText, TextFile

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")

# Its own option marks the install among the script's commands (reqlint reads it).
INSTALL = "pip install --find-links ./wheels six==1.16.0"
MIRROR = "http://mirror.example/simple"
EXTRA = "https://extra.example/simple"

# Scripts whose last command is INSTALL.
SCRIPTS = [
    pytest.param([f"export PIP_INDEX_URL={MIRROR}", INSTALL], id="export"),
    pytest.param([f"PIP_INDEX_URL={MIRROR} {INSTALL}"], id="prefix"),
    pytest.param([f"env PIP_INDEX_URL={MIRROR} {INSTALL}"], id="env-prefix"),
    pytest.param([f"PIP_INDEX_URL={MIRROR}", INSTALL], id="bare-assignment"),
    pytest.param([f"PIP_INDEX_URL={MIRROR}", "export PIP_INDEX_URL", INSTALL], id="then-export"),
    pytest.param([f'export A=1 PIP_EXTRA_INDEX_URL="{EXTRA}"', INSTALL], id="export-quoted"),
    pytest.param([f"PIP_INDEX_URL={MIRROR} true", INSTALL], id="prefix-of-another-command"),
    pytest.param(
        [f"export PIP_INDEX_URL={MIRROR} && PIP_EXTRA_INDEX_URL={EXTRA} {INSTALL}"],
        id="export-and-prefix",
    ),
    pytest.param([f"PIP_TIMEOUT=5 PIP_INDEX_URL='{MIRROR}' {INSTALL}"], id="two-prefixes"),
    # A subshell's export ends with it: its own commands see it, later ones do not.
    pytest.param([f"(export PIP_INDEX_URL={MIRROR}; true)", INSTALL], id="subshell-ended"),
    pytest.param([f"(export PIP_INDEX_URL={MIRROR}; {INSTALL})"], id="subshell-inside"),
    pytest.param(["(", f"  export PIP_INDEX_URL={MIRROR}", f"  {INSTALL} )"], id="subshell-lines"),
    pytest.param(
        [f"(export PIP_TIMEOUT=5; (export PIP_INDEX_URL={MIRROR}; true); {INSTALL})"],
        id="subshell-nested",
    ),
    pytest.param(
        [f"(export PIP_TIMEOUT=5 && cd /) && export PIP_INDEX_URL={MIRROR}", INSTALL],
        id="subshell-then-export",
    ),
]

_LISTED = re.compile(r":env:\.(?P<key>[a-z-]+)='(?P<value>.*)'")


def _pip_view(lines: list[str], tmp_path: Path) -> dict[str, str]:
    """What real pip reads from the environment at the script's install."""
    python_dir = str(Path(sys.executable).parent)
    script = "\n".join([*lines[:-1], lines[-1].replace(INSTALL, "pip config list")])
    env = {
        "PATH": f"{python_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", script], env=env, capture_output=True, text=True, check=True
    )
    seen = {}
    for line in done.stdout.splitlines():
        match = _LISTED.fullmatch(line)
        if match and match["key"] != "disable-pip-version-check":
            seen[match["key"]] = match["value"]
    return seen


def _reqlint_view(lines: list[str]) -> dict[str, str]:
    """What reqlint reads for the script's last command: the script's own variables and
    that command's."""
    text = "\n".join(lines) + "\n"
    tf = TextFile.from_text("build.sh", text)
    settings = command_settings(tf, MappedText.region(text, 0, len(text)), SourceKind.CI, "run")
    (own,) = {s.invocation for s in settings if s.key == "find-links"}
    return {
        s.key: s.value
        for s in settings
        if "set_by" in s.attrs and s.invocation in ("", own) and not s.attrs.get("command")
    }


@pytest.mark.parametrize("lines", SCRIPTS)
def test_reqlint_reads_the_variables_pip_reads(lines: list[str], tmp_path: Path) -> None:
    assert _reqlint_view(lines) == _pip_view(lines, tmp_path)


def test_a_prefix_belongs_to_its_command() -> None:
    text = f"PIP_INDEX_URL={MIRROR} true\n{INSTALL}\n"
    tf = TextFile.from_text("s.sh", text)
    settings = command_settings(tf, MappedText.region(text, 0, len(text)), SourceKind.CI, "run")
    (setting,) = [s for s in settings if s.key == "index-url"]
    assert setting.invocation == "run#0"  # the `true` command's, not the install's
    span = setting.location.span
    assert span is not None
    assert tf.text[span.start : span.end] == MIRROR
    assert setting.attrs["set_by"] == "command prefix"


def test_tox_commands_have_no_shell_assignments() -> None:
    tox = f"[testenv]\ncommands =\n    PIP_INDEX_URL={MIRROR} {INSTALL}\n"
    source = parse_text(SourceKind.TOX, TextFile.from_text("tox.ini", tox))
    assert [s for s in source.settings if s.key == "index-url"] == []


def _check(tmp_path: Path, files: dict[str, str]) -> str:
    for name, body in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    return reqlint_stdout(tmp_path, clean_env(tmp_path), "check", ".")


def test_findings_on_variables_set_in_scripts(tmp_path: Path) -> None:
    """The whole run, as a user sees it: a plain-http index and a credential set in a
    workflow step and in a Dockerfile RUN are found at the value, the secret unprinted."""
    workflow = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
        f"          export PIP_INDEX_URL={MIRROR}\n"
        f"          {INSTALL}\n"
    )
    dockerfile = (
        "FROM python:3.12\n"
        "RUN PIP_EXTRA_INDEX_URL=https://bot:hunter2secret@pypi.internal.example/simple "
        f"{INSTALL}\n"
    )
    out = _check(tmp_path, {".github/workflows/ci.yml": workflow, "Dockerfile": dockerfile})
    assert ".github/workflows/ci.yml:7:32: RL102 warning: index http://mirror.example/simple" in out
    assert "Dockerfile:2:25: RL104 error:" in out
    assert "Dockerfile:2:25: RL101 warning: extra index https://****:****@pypi.internal" in out
    assert "hunter2secret" not in out
    assert "the variable is set by a shell command here" in out
