"""A requirement that is invalid only as written, before pip expands its ``${VAR}``.

``reqlint check`` does not read the environment (a hook gives the same answer on every
machine), so it cannot know what ``tensorflow-cpu==${TENSORFLOW_VERSION}`` becomes: an RL001
``info`` that names the variable, not an error that fails the run (Kaggle's docker-python,
real-world trial).  With the environment read (``--system``) the line is judged as pip
will see it.  Real pip is the referee: the line fails to parse with the variable unset and
parses with it set.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reqlint_process import clean_env, reqlint_stdout

LINES = {
    "pinned": "tensorflow-cpu==${TENSORFLOW_VERSION}\n",
    "wheel": (
        "https://download.pytorch.org/whl/cpu/torch-${TORCH_VERSION}%2Bcpu-cp311-cp311-"
        "linux_x86_64.whl\n"
    ),
}
PIP_INSTALL = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--no-index"]
VALUES = {"TENSORFLOW_VERSION": "2.18.0", "TORCH_VERSION": "2.5.1"}


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return clean_env(tmp_path, **extra)


def _pip_parses(path: Path, env: dict[str, str]) -> bool:
    """Whether pip 26.3 gets past reading ``path`` (it fails later, finding nothing,
    with --no-index)."""
    done = subprocess.run(
        [*PIP_INSTALL, "-r", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0  # nothing to install from: it never succeeds here
    return "Invalid requirement" not in done.stderr and "Invalid wheel" not in done.stderr


def _rl001(tmp_path: Path, env: dict[str, str], *extra: str) -> list[dict[str, object]]:
    out = reqlint_stdout(tmp_path, env, "check", "--output-format", "json", *extra, ".")
    return [d for d in json.loads(out)["diagnostics"] if d["code"] == "RL001"]


@pytest.mark.parametrize("kind", sorted(LINES))
def test_a_line_that_depends_on_a_variable_is_info_in_check(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_text(LINES[kind], encoding="utf-8")
    name = next(n for n in VALUES if n in LINES[kind])
    # pip: invalid unset, valid set -- so the text alone does not decide
    assert not _pip_parses(path, _env(tmp_path))
    assert _pip_parses(path, _env(tmp_path, **{name: VALUES[name]}))

    (finding,) = _rl001(tmp_path, _env(tmp_path))
    assert finding["severity"] == "info"
    assert f"depends on ${{{name}}}" in str(finding["message"])
    # --system reads this machine's environment: set, the line is valid; unset, an error
    assert _rl001(tmp_path, _env(tmp_path, **{name: VALUES[name]}), "--system") == []
    (unset,) = _rl001(tmp_path, _env(tmp_path), "--system")
    assert unset["severity"] == "error"


def test_an_invalid_line_without_a_variable_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("bad==1.0=\n", encoding="utf-8")
    (finding,) = _rl001(tmp_path, _env(tmp_path))
    assert finding["severity"] == "error"
    assert "invalid requirement: 'bad==1.0='" in str(finding["message"])
