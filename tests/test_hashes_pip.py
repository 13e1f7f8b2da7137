"""RL205 against real pip 26.3: which mixes of hashed and unhashed lines pip installs.

pip merges the lines of one project into one candidate built from the first line
(resolvelib factory, ``template = ireqs[0]``; hashes intersected), so a line without
``--hash`` after a hashed line of the same project installs, and the reverse order fails in
hash-checking mode.  reqlint must say exactly that (real-world trial: an error pip
contradicted).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from netservers import make_wheel

from reqlint.cli import main


def _pip_download(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-index",
            "--no-cache-dir",
            "--find-links",
            str(folder / "wheels"),
            "-d",
            str(folder / "dest"),
            "-r",
            str(folder / "requirements.txt"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _rl205(folder: Path) -> list[int]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(
            [
                "check",
                "--isolated",
                "--select",
                "RL205",
                "--format",
                "json",
                str(folder / "requirements.txt"),
            ]
        )
    return [d["line"] for d in json.loads(out.getvalue())["diagnostics"]]


@pytest.mark.parametrize(
    ("lines", "pip_installs", "flagged"),
    [
        (["qux==1.0 --hash=sha256:{h}", "qux==1.0"], True, []),
        (["qux==1.0", "qux==1.0 --hash=sha256:{h}"], False, [1]),
        (["qux==1.0 --hash=sha256:{h}", "other==1.0"], False, [2]),
        (["qux==1.0 --hash=sha256:{h}", "Qux[extra]==1.0"], True, []),
    ],
)
def test_rl205_says_what_pip_does(
    lines: list[str], pip_installs: bool, flagged: list[int], tmp_path: Path
) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    digest = ""
    for name in ("qux", "other"):
        filename, data = make_wheel(name, "1.0")
        (wheels / filename).write_bytes(data)
        if name == "qux":
            digest = hashlib.sha256(data).hexdigest()
    (tmp_path / "requirements.txt").write_text(
        "".join(line.format(h=digest) + "\n" for line in lines)
    )
    done = _pip_download(tmp_path)
    assert (done.returncode == 0) is pip_installs, done.stdout + done.stderr
    assert _rl205(tmp_path) == flagged
