"""``reqlint trace`` with real pip 26.3 against real servers on 127.0.0.1.

The incident, reproduced on loopback: the first pins of ``examples/incident`` served by a
mirror of real (tiny, locally built) wheels, its extra index replaced by a port that
drops SYNs, plus a refused port and a slow index.  pip runs with ``--timeout 1 --retries
1`` so the stall is a few seconds, not 81 minutes; every process gets an environment built
from scratch (this machine's PIP_* variables and ~/.config/pip never take part;
``PIP_CONFIG_FILE`` is the null device, which also switches /etc/pip.conf off).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from netservers import LOOPBACK, Refusing, SimpleIndex, blackholes

from reqlint.cli import main
from reqlint.trace import Request, TraceError, analyse, attribute, parse_log, plan_command

ROOT = Path(__file__).parents[1]
INCIDENT = ROOT / "examples" / "incident" / "requirements.txt"
PINS = 2
TIMEOUT, RETRIES = 1, 1
SLOW_S = 0.4
TOLERANCE = 0.25


def incident_pins(n: int) -> list[tuple[str, str]]:
    pins = []
    for line in INCIDENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(("-", "#")):
            name, _, version = line.split("#", 1)[0].strip().partition("==")
            pins.append((name.lower(), version))
    return pins[:n]


@pytest.fixture(scope="module")
def mirror() -> Iterator[SimpleIndex]:
    projects = {name: (version,) for name, version in incident_pins(PINS)}
    with SimpleIndex(projects) as index:
        yield index


def environment(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CONFIG_DIRS": str(home / "xdg"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
    }


def pip_install(tmp: Path, req: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--timeout",
        str(TIMEOUT),
        "--retries",
        str(RETRIES),
        "-U",
        "--no-deps",
        "--no-cache-dir",
        "--target",
        str(tmp / "target"),
        "-r",
        str(req),
    ]


def reqlint(
    args: list[str], env: dict[str, str], cwd: Path
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "reqlint", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return proc, time.monotonic() - started


def write_requirements(tmp: Path, mirror: str, extras: list[str]) -> Path:
    text = INCIDENT.read_text(encoding="utf-8").splitlines()
    head = [line for line in text if line.startswith("--")]
    assert head[0].startswith("--index-url=")
    lines = [
        f"--index-url={mirror}",
        *(f"--extra-index-url={u}" for u in extras),
        *(f"{n}=={v}" for n, v in incident_pins(PINS)),
    ]
    path = tmp / "requirements.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ the incident


@pytest.mark.network
@pytest.mark.slow
def test_trace_attributes_the_stall_to_the_blackholed_index(
    mirror: SimpleIndex, tmp_path: Path
) -> None:
    import pip

    assert pip.__version__ == "26.3"
    env = environment(tmp_path)
    # Without the dead indexes: what the same install costs when nothing stalls.
    clean = write_requirements(tmp_path, mirror.url, [])
    started = time.monotonic()
    subprocess.run(
        pip_install(tmp_path, clean), env=env, capture_output=True, check=True, timeout=60
    )
    baseline = time.monotonic() - started
    with blackholes(1) as holes, Refusing() as refused, SimpleIndex({}, delay=SLOW_S) as slow:
        dead, dead_host = holes[0].url(), f"{LOOPBACK}:{holes[0].port}"
        refused_host, slow_host_name = f"{LOOPBACK}:{refused.port}", f"{LOOPBACK}:{slow.port}"
        req = write_requirements(tmp_path, mirror.url, [dead, refused.url(), slow.url])
        proc, wall = reqlint(
            ["trace", "--format", "json", "--", *pip_install(tmp_path, req)], env, tmp_path
        )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)  # pip's own output went to stderr: stdout is JSON
    assert "Successfully installed" in proc.stderr
    hosts = {h["host"]: h for h in report["hosts"]}
    hole = hosts[dead_host]
    expected = PINS * (RETRIES + 1) * TIMEOUT  # pip's connect timeout, every attempt
    stall = report["wall_seconds"] - baseline
    print(
        f"\ntrace: wall {report['wall_seconds']:.2f} s (measured {wall:.2f} s), baseline "
        f"{baseline:.2f} s, blackhole {hole['seconds']:.2f} s (model {expected} s)"
    )
    assert report["top_host"] == hole["host"]
    assert (hole["requests"], hole["failed"], hole["retries"]) == (PINS, PINS, PINS * RETRIES)
    assert hole["failure"] == "connect timeout"
    assert hole["configured_at"] == ["requirements.txt:2"]
    assert abs(hole["seconds"] - stall) <= TOLERANCE * report["wall_seconds"]
    assert abs(hole["seconds"] - expected) <= TOLERANCE * expected
    assert report["wall_seconds"] <= wall
    # Each host's time, plus pip itself, is the wall time: nothing is counted twice.
    total = sum(h["seconds"] for h in report["hosts"]) + report["other_seconds"]
    assert total == pytest.approx(report["wall_seconds"], abs=0.01)
    ref = hosts[refused_host]
    assert (ref["failed"], ref["retries"], ref["failure"]) == (PINS, PINS * RETRIES, "refused")
    assert ref["seconds"] < 0.5
    slow_host = hosts[slow_host_name]
    assert slow_host["failed"] == 0  # a 404 is an answer: "no such project here"
    assert abs(slow_host["seconds"] - PINS * SLOW_S) <= 0.3
    mine = hosts[f"{LOOPBACK}:{mirror.port}"]
    kinds = sorted(r["kind"] for r in report["requests"] if r["host"] == mine["host"])
    assert kinds == ["download"] * PINS + ["page"] * PINS
    assert mine["failed"] == 0


# ------------------------------------------------------------------ the command's own results


@pytest.mark.network
def test_text_report_passes_output_through_and_redacts(mirror: SimpleIndex, tmp_path: Path) -> None:
    env = environment(tmp_path)
    secret = f"http://deploy:s3cret-token@{LOOPBACK}:{mirror.port}/simple/"
    req = write_requirements(tmp_path, secret, [])
    proc, _ = reqlint(["trace", "--", *pip_install(tmp_path, req)], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Successfully installed" in out  # pip's output, then the report
    assert out.index("Successfully installed") < out.index("reqlint trace:")
    assert "s3cret" not in out + proc.stderr
    assert f"{LOOPBACK}:{mirror.port}" in out
    assert "waiting on index hosts" in out


@pytest.mark.network
def test_a_failing_install_keeps_its_exit_code(mirror: SimpleIndex, tmp_path: Path) -> None:
    env = environment(tmp_path)
    req = tmp_path / "requirements.txt"
    req.write_text(f"--index-url {mirror.url}\nno-such-project-here==1.0\n")
    out = tmp_path / "trace.json"
    proc, _ = reqlint(
        ["trace", "--format", "json", "-o", str(out), "--", *pip_install(tmp_path, req)],
        env,
        tmp_path,
    )
    assert proc.returncode == 1
    assert "No matching distribution found" in proc.stderr
    report = json.loads(out.read_text())
    assert report["exit_code"] == 1
    (host,) = report["hosts"]
    assert (host["requests"], host["failed"]) == (1, 0)


def test_the_users_own_log_is_used_and_kept(tmp_path: Path) -> None:
    env = environment(tmp_path)
    log = tmp_path / "pip.log"
    log.write_text("2020-01-01T00:00:00,000 Getting page http://127.0.0.9/simple/old/\n")
    proc, _ = reqlint(
        [
            "trace",
            "--format",
            "json",
            "--",
            sys.executable,
            "-m",
            "pip",
            "--log",
            str(log),
            "--version",
        ],
        env,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["log"] == str(log)
    assert report["requests"] == []  # the earlier run's lines are not this run's
    assert log.read_text().startswith("2020-01-01")


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["trace"], 2, "give the pip command"),
        (["trace", "--", "ls", "-l"], 2, "is not pip"),
        (["trace", "--", "python3", "-c", "print(1)"], 2, "does not run pip"),
        (["trace", "--", "/nonexistent/bin/pip", "install", "x"], 127, "cannot run"),
    ],
)
def test_not_a_pip_command(
    argv: list[str], code: int, needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert needle in err
    assert "Traceback" not in err


# ------------------------------------------------------------------ the log, as tables

LOG = """\
2026-12-01T21:03:27,500 Getting page http://127.0.0.1:1/simple/a/
2026-12-01T21:03:27,501 Found index url http://127.0.0.1:1/simple/
2026-12-01T21:03:27,503 Fetched page http://127.0.0.1:1/simple/a/ as application/vnd.pypi.simple.v1+json
2026-12-01T21:03:27,505   Found link http://127.0.0.1:1/files/a-1.0-py3-none-any.whl (from http://127.0.0.1:1/simple/a/), version: 1.0
2026-12-01T21:03:27,505 Getting page http://u:pw@127.0.0.1:2/simple/a/
2026-12-01T21:03:28,507 WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ConnectTimeoutError(...)': /simple/a/
2026-12-01T21:03:29,510 Could not fetch URL http://u:pw@127.0.0.1:2/simple/a/: 127.0.0.1 didn't respond within 1.0 seconds (while establishing a connection) - skipping
2026-12-01T21:03:29,520 Getting page http://127.0.0.1:3/simple/a/
2026-12-01T21:03:30,020 Could not fetch URL http://127.0.0.1:3/simple/a/: 404 Client Error: Not Found for url: http://127.0.0.1:3/simple/a/ - skipping
2026-12-01T21:03:30,025 Collecting a==1.0
2026-12-01T21:03:30,027   Downloading a-1.0-py3-none-any.whl (901 bytes)
2026-12-01T21:03:30,127 Installing collected packages: a
"""  # noqa: E501 - pip's log lines, verbatim


def test_parse_log() -> None:
    requests, _ = parse_log(LOG)
    got = [(r.host, r.kind, round(r.seconds, 3), r.failed, r.retries) for r in requests]
    assert got == [
        ("127.0.0.1:1", "page", 0.003, False, 0),
        ("127.0.0.1:2", "page", 2.005, True, 1),
        ("127.0.0.1:3", "page", 0.5, False, 0),
        ("127.0.0.1:1", "download", 0.1, False, 0),
    ]
    assert "pw" not in repr(requests)


def test_overlapping_requests_are_split_not_counted_twice() -> None:
    reqs = [
        Request("u", "a", "page", 0.0, 2.0),
        Request("v", "b", "page", 1.0, 3.0),
        Request("w", "a", "page", 5.0, 5.0),
    ]
    assert attribute(reqs) == {"a": 1.5, "b": 1.5}
    trace = analyse(LOG, wall_s=3.0, exit_code=0)
    assert trace.top is not None
    assert trace.top.host == "127.0.0.1:2"
    assert sum(h.seconds for h in trace.hosts) + trace.other_s == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("command", "inserted_at"),
    [
        (["pip", "install", "x"], 1),
        (["/venv/bin/pip3.12", "install", "x"], 1),
        (["python", "-m", "pip", "install", "x"], 3),
        (["python3.11", "-I", "-m", "pip", "download", "x"], 4),
    ],
)
def test_log_option_goes_right_after_pip(command: list[str], inserted_at: int) -> None:
    plan = plan_command(command, {})
    try:
        assert plan.argv[inserted_at] == "--log"
        assert [*plan.argv[:inserted_at], *plan.argv[inserted_at + 2 :]] == command
    finally:
        os.unlink(plan.log_path)


def test_not_pip_is_a_trace_error() -> None:
    with pytest.raises(TraceError):
        plan_command(["uv", "pip", "install", "x"], {})


@pytest.mark.network
@pytest.mark.slow
def test_an_interrupted_run_is_reported_up_to_where_it_stopped(
    mirror: SimpleIndex, tmp_path: Path
) -> None:
    import signal

    env = environment(tmp_path)
    log = tmp_path / "pip.log"
    with blackholes(1) as holes:
        dead_host = f"{LOOPBACK}:{holes[0].port}"
        req = write_requirements(tmp_path, mirror.url, [holes[0].url()])
        command = pip_install(tmp_path, req)
        command[command.index("--timeout") + 1] = "30"  # it would wait 30 s, twice
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reqlint",
                "trace",
                "--format",
                "json",
                "--",
                *command[:3],
                "--log",
                str(log),
                *command[3:],
            ],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            # Ctrl-C, as a terminal sends it (to the whole process group), once pip is
            # waiting on the blackholed index.
            deadline = time.monotonic() + 30
            while f"Getting page http://{dead_host}/" not in (
                log.read_text() if log.exists() else ""
            ):
                assert time.monotonic() < deadline, "pip never asked the blackholed index"
                time.sleep(0.05)
            os.killpg(proc.pid, signal.SIGINT)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:  # pragma: no cover - only when the test failed
                os.killpg(proc.pid, signal.SIGKILL)
    report = json.loads(out)
    assert report["interrupted"] is True
    assert report["exit_code"] == proc.returncode != 0
    hosts = {h["host"]: h for h in report["hosts"]}
    assert hosts[dead_host]["requests"] == 1
    assert hosts[dead_host]["seconds"] > 0  # the wait it was in when it stopped
    assert report["wall_seconds"] < 30
    assert "reqlint: internal error" not in err
