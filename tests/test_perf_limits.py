"""A requirements file of millions of lines ends in bounded time and memory (issues 10, 13).

3,000,000 short lines took 464 s and 4.5 GB, then 149 s and 4.5 GB once the parser was
linear: every line is a few hundred bytes of model and findings.  A file over
``REQLINT_MAX_LINES`` (default 1,000,000) is now reported and not read, like a file over
the size limit (docs/security.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reqlint.sources.requirements import MAX_LINES


def _check(folder: Path, **env: str) -> tuple[list[dict[str, object]], float, int]:
    """(findings, seconds, peak RSS in KiB) of one ``reqlint check .`` process."""
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "PIP_CONFIG_FILE": os.devnull,
        **env,
    }
    out, err = folder.parent / "out.json", folder.parent / "err.txt"
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reqlint", "check", "--isolated", "--format", "json", "."],
            cwd=folder,
            env=environ,
            stdout=stdout,
            stderr=stderr,
        )
        # wait4, not wait: the rusage of this child alone (its peak RSS)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode in (0, 1), err.read_text()
    assert "Traceback" not in err.read_text()
    return json.loads(out.read_text())["diagnostics"], elapsed, usage.ru_maxrss


def test_three_million_lines_end_in_bounded_time_and_memory(tmp_path: Path) -> None:
    tmp_path = tmp_path / "repo"
    (tmp_path / ".git").mkdir(parents=True)
    (tmp_path / "requirements.txt").write_bytes(b"a==1\n" * 3_000_000)  # 15 MB < 16 MiB
    found, elapsed, peak = _check(tmp_path)
    assert [(f["code"], f["line"]) for f in found] == [("RL003", 1)]
    assert "3,000,000 lines" in str(found[0]["message"])
    assert "REQLINT_MAX_LINES" in str(found[0]["message"])
    assert elapsed < 30, f"{elapsed:.1f} s"  # ~1.5 s here; it was 149 s
    assert peak < 1024 * 1024, f"{peak / 1024:.0f} MiB"  # ~200 MiB here; it was 4.5 GB


@pytest.mark.parametrize(("lines", "read"), [(100, True), (101, False)])
def test_the_line_limit_can_be_set(tmp_path: Path, lines: int, read: bool) -> None:
    tmp_path = tmp_path / "repo"
    (tmp_path / ".git").mkdir(parents=True)
    body = "".join(f"p{i}\n" for i in range(lines - 1)) + "-r other.txt\n"
    (tmp_path / "requirements.txt").write_text(body)
    (tmp_path / "other.txt").write_text("b==1\nb==2\n")
    found, _, _ = _check(tmp_path, REQLINT_MAX_LINES="100")
    codes = {str(f["code"]) for f in found}
    if read:
        assert "RL201" in codes  # unpinned p0 ... : the file was linted
        assert "RL206" in codes  # and its include followed (b==1 and b==2 conflict)
    else:
        assert [
            (f["code"], f["path"], f["line"]) for f in found if f["path"] == "requirements.txt"
        ] == [("RL003", "requirements.txt", 1)]
        assert "RL201" not in codes


def test_the_default_limit_is_a_million_lines() -> None:
    assert MAX_LINES == 1_000_000
