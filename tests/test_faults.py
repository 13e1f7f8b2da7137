"""Faults injected into real reqlint processes: a full disk, a file-size limit, a closed pipe.

Each fault is a real one the kernel produces, not a mock: ``/dev/full`` answers every write
with ENOSPC, ``RLIMIT_FSIZE`` makes a write past the limit fail with EFBIG, and a pipe whose
reader has gone raises EPIPE.  The promises: reqlint never loses or mangles a file, leaves no
temporary file behind, says what failed in one line (never "internal error", never a
traceback), and stops quietly when its reader goes away (`reqlint check | head`).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

INCIDENT = (
    "--index-url=http://pypi.example.com/simple/\n"
    "--extra-index-url=http://pypi.python.org/simple/\n"
)


def _env(tmp_path: Path) -> dict[str, str]:
    """A controlled environment: no pip settings of this machine, no bytecode writes (a
    file-size limit must not truncate a ``.pyc``)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PIP_CONFIG_FILE": os.devnull,
        "PYTHONDONTWRITEBYTECODE": "1",
        "LC_ALL": "C.UTF-8",
    }


def _reqlint(tmp_path: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    done: subprocess.CompletedProcess[str] = subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "-m", "reqlint", *args],
        cwd=tmp_path,
        env=_env(tmp_path),
        text=True,
        timeout=120,
        check=False,
        **streams,
    )
    return done


def _many_findings(tmp_path: Path) -> Path:
    path = tmp_path / "requirements.txt"
    path.write_text(INCIDENT + "".join(f"pkg{i}\n" for i in range(3000)), "utf-8")
    return path


def _assert_clean(stderr: str) -> None:
    assert "internal error" not in stderr
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))


def test_a_fix_that_cannot_be_written_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_text(INCIDENT + "".join(f"pkg{i}==1.{i}\n" for i in range(200)), "utf-8")
    before = path.read_bytes()
    assert len(before) > 512
    done = _reqlint(tmp_path, "check", "--fix", "requirements.txt", preexec_fn=_limit_file_size)
    _assert_clean(done.stderr)
    assert done.returncode != 0
    assert (
        "requirements.txt: cannot write it (File too large); not fixed, file unchanged"
        in done.stderr
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["requirements.txt"]  # no temp file
    # the same fix without the limit does write: the limit was the only fault
    done = _reqlint(tmp_path, "check", "--fix", "requirements.txt")
    assert path.read_bytes() != before
    assert b"# --extra-index-url=http://pypi.python.org/simple/\n" in path.read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ("check", "requirements.txt"),
        ("check", "--format", "json", "requirements.txt"),
        ("check", "--format", "sarif", "requirements.txt"),
        ("show", "requirements.txt"),
        ("rules",),
    ],
)
def test_a_full_disk_on_standard_output_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    _many_findings(tmp_path)
    with open("/dev/full", "w") as full:
        done = _reqlint(tmp_path, *args, stdout=full)
    _assert_clean(done.stderr)
    assert done.returncode == 2
    assert done.stderr == (
        "reqlint: error: cannot write to standard output: No space left on device\n"
    )


def test_a_full_disk_on_the_output_file_is_one_line(tmp_path: Path) -> None:
    _many_findings(tmp_path)
    done = _reqlint(tmp_path, "check", "--output-file", "/dev/full", "requirements.txt")
    _assert_clean(done.stderr)
    assert done.returncode == 2
    assert "cannot write /dev/full: No space left on device" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", "requirements.txt"),
        ("check", "--format", "json", "requirements.txt"),
        ("show", "requirements.txt"),
    ],
)
def test_a_reader_that_goes_away_stops_reqlint_quietly(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    _many_findings(tmp_path)  # far more than a pipe buffer holds: reqlint must block on it
    proc = subprocess.Popen(
        [sys.executable, "-m", "reqlint", *args],
        cwd=tmp_path,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    assert proc.stdout.read(64)  # the report has started...
    proc.stdout.close()  # ...and the reader goes, as `| head -1` does
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 141  # 128 + SIGPIPE, as cat or grep would end
    assert stderr == ""
