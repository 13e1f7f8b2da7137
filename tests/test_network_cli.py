"""``reqlint check --network`` end to end, on the incident example with the public index
pointed at a loopback blackhole; and proof that without ``--network`` no connection is
made at all."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from netservers import SimpleIndex, blackholes, clean_network_env, loopback_only

from reqlint.cli import main

__all__ = ["clean_network_env", "loopback_only"]

ROOT = Path(__file__).parents[1]
INCIDENT = ROOT / "examples" / "incident" / "requirements.txt"
MIRROR = "http://pypi.example.com/simple/"
PUBLIC = "http://pypi.python.org/simple/"


def incident_copy(tmp_path: Path, mirror: str, public: str) -> Path:
    text = INCIDENT.read_text(encoding="utf-8")
    assert MIRROR in text
    assert PUBLIC in text
    path = tmp_path / "requirements.txt"
    path.write_text(text.replace(MIRROR, mirror).replace(PUBLIC, public), encoding="utf-8")
    return path


@pytest.mark.network
@pytest.mark.slow
@pytest.mark.usefixtures("loopback_only", "clean_network_env")
def test_check_network_on_the_incident(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reqlint.rules import BY_CODE

    timeout = 2.0
    monkeypatch.chdir(tmp_path)
    with SimpleIndex({"django": ("1.11.29",)}) as mirror, blackholes(1) as holes:
        dead = holes[0].url()
        path = incident_copy(tmp_path, mirror.url, dead)
        started = time.monotonic()
        code = main(
            ["check", "--network", "--timeout", f"{timeout:g}", "--format", "json", path.name]
        )
        elapsed = time.monotonic() - started
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert elapsed < 3 * timeout, f"--network took {elapsed:.2f} s"
    rows = {row["index"]: row for row in out["network"]}
    assert rows[dead]["status"] == "connect-timeout"
    assert rows[dead]["source"] == "requirements.txt:2"
    assert rows[mirror.url]["status"] == "ok"
    assert "RL301" in BY_CODE
    (diag,) = [d for d in out["diagnostics"] if d["code"] == "RL301"]
    requirements = sum(
        1
        for line in INCIDENT.read_text().splitlines()
        if line.strip() and not line.startswith(("-", "#"))
    )
    assert diag["line"] == 2
    assert diag["requests"] == requirements
    assert diag["estimated_stall_seconds"] == pytest.approx(requirements * 97.5)
    assert (diag["timeout"], diag["retries"]) == (15.0, 5)
    assert "packets dropped, likely a firewall" in diag["message"]


def _refuse(*args: Any, **kwargs: Any) -> None:
    raise AssertionError(f"a connection was attempted without --network: {args!r}")


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--format", "json"],
        ["show"],
    ],
)
def test_no_connection_without_network(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A guard, not a mock: any connect or name lookup fails the test."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    main([*argv, str(INCIDENT)])
    assert "connection was attempted" not in capsys.readouterr().err


def test_a_plain_run_does_not_import_httpx() -> None:
    code = (
        "import sys; from reqlint.cli import main; main(['check', sys.argv[1]]); "
        "sys.stdout.flush(); "
        "print('HTTPX LOADED' if 'httpx' in sys.modules else 'no httpx', file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(INCIDENT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.stderr.strip().endswith("no httpx"), proc.stderr
