"""The pip oracle is reproducible: ``scripts/pip_oracle.py`` run with the installed pip
26.3 on the vendored corpus writes ``tests/data/corpus/pip-oracle.json`` byte for byte.

``tests/test_pip_oracle.py`` compares reqlint with that JSON; this test keeps the JSON
honest (it is what pip says, not a file edited by hand) and the generator working.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.mark.slow
def test_the_oracle_regenerates_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "pip-oracle.json"
    # From an empty folder elsewhere: the output must not depend on where it runs.
    done = subprocess.run(
        [
            sys.executable,
            "-B",
            str(ROOT / "scripts" / "pip_oracle.py"),
            "--corpus",
            str(CORPUS),
            "--out",
            str(out),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "pip 26.3: 320 files" in done.stdout
    assert out.read_bytes() == (CORPUS / "pip-oracle.json").read_bytes(), (
        "pip's answers changed: review `git diff` after scripts/pip_oracle.py"
    )
