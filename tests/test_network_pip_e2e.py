"""reqlint's estimate against a real pip 26.3 run.

pip installs a few tiny wheels from a loopback mirror while an extra index on loopback
drops SYNs (or refuses).  We time pip with and without the extra index and check that the
difference — what the dead index cost — agrees with RL301's ``estimated_stall_seconds``:

    |measured - estimated| <= 25 % of the estimate + 1 s

(the 1 s covers pip's start-up noise between the two runs; the model itself has no slack).
pip runs in an environment built from scratch: this machine sets ``PIP_*`` variables and
has /etc/pip.conf and ~/.config/pip/pip.conf, none of which may take part.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from netservers import (
    LOOPBACK,
    Refusing,
    SimpleIndex,
    blackholes,
    clean_network_env,
    loopback_only,
    make_project,
)

from reqlint._records import replace
from reqlint.discovery import candidates
from reqlint.engine import run as run_rules
from reqlint.loader import load_project
from reqlint.network.probe import run_probes
from reqlint.rules.rl301_index_unreachable import RULE as RL301

__all__ = ["clean_network_env", "loopback_only"]

pytestmark = [
    pytest.mark.network,
    pytest.mark.slow,
    pytest.mark.usefixtures("loopback_only", "clean_network_env"),
]

PACKAGES = {"rlprobe-a": ("1.0",), "rlprobe-b": ("1.0",), "rlprobe-c": ("1.0",)}
RELATIVE_TOLERANCE = 0.25
ABSOLUTE_TOLERANCE_S = 1.0


@pytest.fixture(scope="module")
def mirror() -> Iterator[SimpleIndex]:
    with SimpleIndex(PACKAGES) as index:
        yield index


def pip_env(home: Path, timeout: str, retries: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "PIP_TIMEOUT": timeout,
        "PIP_RETRIES": retries,
    }


def run_pip(lines: list[str], tmp: Path, env: dict[str, str]) -> float:
    req = tmp / "requirements.txt"
    req.write_text("\n".join(lines) + "\n")
    target = tmp / "target"
    started = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-U",
            "--no-deps",
            "--no-cache-dir",
            "--target",
            str(target),
            "-r",
            str(req),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return elapsed


NAMES = ["rlprobe-a", "rlprobe-b"]
PINS = [f"{n}==1.0" for n in NAMES]


@pytest.fixture(scope="module")
def baseline(mirror: SimpleIndex, tmp_path_factory: pytest.TempPathFactory) -> float:
    """pip's time for the same install with only the mirror (nothing dead to wait on)."""
    import pip

    assert pip.__version__ == "26.3"
    # The best of two runs: the first one also pays for cold caches (imports, wheels).
    times = []
    for _ in range(2):
        tmp = tmp_path_factory.mktemp("baseline")
        times.append(run_pip([f"--index-url {mirror.url}", *PINS], tmp, pip_env(tmp, "1", "0")))
    return min(times)


@pytest.mark.parametrize(
    ("dead", "timeout", "retries"),
    [
        ("blackhole", "1", "0"),
        ("blackhole", "1", "2"),
        ("refused", "1", "3"),
    ],
)
def test_estimate_matches_real_pip(
    mirror: SimpleIndex, baseline: float, tmp_path: Path, dead: str, timeout: str, retries: str
) -> None:
    names, pins = NAMES, PINS
    env = pip_env(tmp_path, timeout, retries)
    with blackholes(1) as holes, Refusing() as refusing:
        dead_url = holes[0].url() if dead == "blackhole" else refusing.url()
        lines = [f"--index-url {mirror.url}", f"--extra-index-url {dead_url}", *pins]
        with_dead = run_pip(lines, tmp_path, env)

        project = make_project(lines, env={"timeout": timeout, "retries": retries})
        probes = run_probes(project, timeout=1.0)
    (diag,) = RL301.check(replace(project, probes=probes))
    estimated = float(diag.data["estimated_stall_seconds"])  # type: ignore[arg-type]
    measured = with_dead - baseline
    print(
        f"\n{dead} extra index, {len(names)} pins, timeout {timeout} s, retries {retries}: "
        f"pip {with_dead:.2f} s vs {baseline:.2f} s without it -> stall {measured:.2f} s; "
        f"reqlint estimated {estimated:.2f} s"
    )
    assert diag.data["requests"] == len(names)
    assert abs(measured - estimated) <= RELATIVE_TOLERANCE * estimated + ABSOLUTE_TOLERANCE_S
    assert LOOPBACK in diag.message


PIP_DRY_RUN = (sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "-vvv")


def test_a_find_links_file_url_is_asked_for_by_pip(mirror: SimpleIndex, tmp_path: Path) -> None:
    """``-f https://host/pkg-1.0-py3-none-any.whl`` names one file, not a page of links: RL101
    says so, and says pip asks its host for it (a HEAD request) on every install, which real
    pip confirms (its host refuses: pip tries, logs it and goes on with the file's link)."""
    with Refusing() as refusing:
        url = f"http://{LOOPBACK}:{refusing.port}/wheels/rlprobe_a-1.0-py3-none-any.whl"
        req = tmp_path / "requirements.txt"
        req.write_text(f"--index-url {mirror.url}\n-f {url}\nrlprobe-a==1.0\n", encoding="utf-8")
        proc = subprocess.run(
            [*PIP_DRY_RUN, "--no-cache-dir", "-r", str(req)],
            env=pip_env(tmp_path, "1", "0"),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert f"Could not fetch URL {url}: connection error" in log
    project = load_project(candidates([str(req)]))
    (diag,) = [d for d in run_rules(project).diagnostics if d.code == "RL101"]
    assert diag.message.startswith(f"find-links file {url} beside primary index")
    assert "pip asks its host for it (a HEAD request)" in diag.message
    assert "find-links page" not in diag.message
    assert "page's packages" not in diag.message


@pytest.mark.parametrize(
    ("requirement", "taken"), [("rlprobe-a>=1.0", "2.0"), ("rlprobe-a==1.5", "1.5")]
)
def test_a_find_links_file_outranked_by_the_index(
    tmp_path: Path, requirement: str, taken: str
) -> None:
    """MONAI's docs: ``-f .../torch-2.4.1+cpu-...whl`` beside ``torch>=2.4.1``.  pip takes the
    highest version among every source, so a range that admits the index's newer release
    installs that, never the file; RL101 says so exactly when real pip does."""
    import json

    with (
        SimpleIndex({"rlprobe-a": ("1.0", "2.0")}) as index,
        SimpleIndex({"rlprobe-a": ("1.5",)}) as files,
    ):
        url = f"http://{LOOPBACK}:{files.port}/files/rlprobe_a-1.5-py3-none-any.whl"
        req = tmp_path / "requirements.txt"
        req.write_text(f"--index-url {index.url}\n-f {url}\n{requirement}\n", encoding="utf-8")
        report = tmp_path / "report.json"
        proc = subprocess.run(
            [*PIP_DRY_RUN, "--no-cache-dir", "--report", str(report), "-r", str(req)],
            env=pip_env(tmp_path, "5", "0"),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (item,) = json.loads(report.read_text())["install"]
    assert item["metadata"]["version"] == taken
    project = load_project(candidates([str(req)]))
    (diag,) = [d for d in run_rules(project).diagnostics if d.code == "RL101"]
    outranked = f"{requirement} at {req}:3 admits releases newer than the file's 1.5"
    assert (outranked in diag.message) == (taken != "1.5"), diag.message
