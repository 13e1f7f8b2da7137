"""RL206's safe fix, proved with real pip 26.3: commenting out a line that another line of
the file already covers (the same pin, with at least its extras: ``granian==2.5.0`` below
``granian[pname]==2.5.0``) leaves what pip installs unchanged, and a line that adds an
extra gets no safe fix.  pip resolves from a local folder of wheels (``--no-index
--find-links``), so nothing is looked up on any network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from netservers import make_wheel

from reqlint.cli import main

WHEELS = {
    ("granian", "2.5.0"): 'Provides-Extra: pname\nRequires-Dist: setproctitle; extra == "pname"\n',
    ("setproctitle", "1.3.0"): "",
}


@pytest.fixture
def wheels(tmp_path: Path) -> Path:
    folder = tmp_path / "wheels"
    folder.mkdir()
    for (name, version), metadata in WHEELS.items():
        filename, data = make_wheel(name, version, metadata)
        (folder / filename).write_bytes(data)
    return folder


PIP_DRY_RUN = (sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--no-index")


def installs(requirements: Path, wheels: Path) -> list[tuple[str, str]]:
    report = requirements.parent / "report.json"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(requirements.parent),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    done = subprocess.run(
        [
            *PIP_DRY_RUN,
            "--find-links",
            str(wheels),
            "--report",
            str(report),
            "-r",
            str(requirements),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    found = json.loads(report.read_text(encoding="utf-8"))["install"]
    return sorted((i["metadata"]["name"], i["metadata"]["version"]) for i in found)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("granian[pname]==2.5.0\ngranian==2.5.0\n", "granian[pname]==2.5.0\n# granian==2.5.0\n"),
        ("granian[pname]==2.5.0\ngranian[PName]==2.5.0\n", None),  # the same extra: RL206 as before
    ],
)
def test_a_covered_line_is_dropped_and_pip_installs_the_same(
    text: str,
    fixed: str | None,
    wheels: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    req = tmp_path / "requirements.txt"
    req.write_text(text, encoding="utf-8")
    before = installs(req, wheels)
    assert before == [("granian", "2.5.0"), ("setproctitle", "1.3.0")]
    main(["check", "--isolated", "--select", "RL206", "--fix", "requirements.txt"])
    capsys.readouterr()
    after = req.read_text(encoding="utf-8")
    if fixed is not None:
        assert after == fixed
    else:
        assert after.startswith("granian[pname]==2.5.0\n#")
    assert installs(req, wheels) == before


def test_a_line_that_adds_an_extra_is_not_dropped(
    wheels: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    req = tmp_path / "requirements.txt"
    text = "granian==2.5.0\ngranian[pname]==2.5.0\n"
    req.write_text(text, encoding="utf-8")
    code = main(["check", "--isolated", "--select", "RL206", "--fix", "requirements.txt"])
    out = capsys.readouterr().out
    assert code == 1
    assert req.read_text(encoding="utf-8") == text
    assert "merge them into one line" in out
    # what dropping it would have cost: the extra's dependency
    req.write_text("granian==2.5.0\n", encoding="utf-8")
    assert installs(req, wheels) == [("granian", "2.5.0")]
