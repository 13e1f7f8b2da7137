"""``reqlint check - --stdin-filename PATH`` through a real pipe, as an editor runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BAD = (
    b"--index-url https://pypi.internal.example/simple\r\n"
    b"--extra-index-url https://pypi.org/simple\r\n"
    b"requests==2.32.3\r\n"
)


def reqlint(cwd: Path, stdin: bytes, *argv: str) -> subprocess.CompletedProcess[bytes]:
    """The console entry point in a child process, standard input a real pipe."""
    env = {
        "PATH": os.environ["PATH"],
        "XDG_CONFIG_HOME": str(cwd / "no-user-config"),
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "reqlint", *argv],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
    )


def in_process(
    cwd: Path,
    stdin: bytes,
    *argv: str,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, str]:
    """``main()`` with standard input an OS pipe holding ``stdin`` (cheaper than a child
    process, the same read path)."""
    from reqlint.cli import main

    read, write = os.pipe()
    os.write(write, stdin)
    os.close(write)
    with open(read, encoding="utf-8") as pipe:
        monkeypatch.setattr(sys, "stdin", pipe)
        monkeypatch.chdir(cwd)
        monkeypatch.setenv("XDG_CONFIG_HOME", str(cwd / "no-user-config"))
        code = main(list(argv))
    return code, capfd.readouterr().out


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements").mkdir()
    return tmp_path


def test_stdin_is_linted_as_the_named_file(work: Path) -> None:
    done = reqlint(work, BAD, "check", "-", "--stdin-filename", "requirements/prod.txt")
    assert done.returncode == 1, done.stderr
    assert b"requirements/prod.txt:2:1: RL101" in done.stdout
    assert not (work / "requirements" / "prod.txt").exists()  # nothing written


@pytest.mark.parametrize(
    ("fmt", "needle"),
    [
        ("json", '"path": "requirements/prod.txt"'),
        ("sarif", '"uri": "requirements/prod.txt"'),
        ("github", "file=requirements/prod.txt,line=2"),
        ("gitlab", '"path": "requirements/prod.txt"'),
    ],
)
def test_the_stdin_name_is_the_path_in_every_format(
    work: Path,
    fmt: str,
    needle: str,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out = in_process(
        work,
        BAD,
        "check",
        "-",
        "--stdin-filename",
        "requirements/prod.txt",
        "--output-format",
        fmt,
        capfd=capfd,
        monkeypatch=monkeypatch,
    )
    assert code == 1
    assert needle in out


def test_the_name_chooses_the_kind_and_the_folder_of_includes(work: Path) -> None:
    (work / "requirements" / "base.txt").write_bytes(b"flask\n")
    done = reqlint(
        work,
        b"-r base.txt\nrequests==2.32.3\n",
        "check",
        "-",
        "--stdin-filename",
        "requirements/prod.txt",
        "--output-format",
        "json",
    )
    found = json.loads(done.stdout)
    assert {(d["path"], d["code"]) for d in found["diagnostics"]} >= {
        ("requirements/base.txt", "RL201")
    }
    # pip.conf: read as INI (RL103 at the key), not as a requirements file (RL002).
    done = reqlint(
        work,
        b"[global]\ntrusted-host = pypi.example\n",
        "check",
        "-",
        "--stdin-filename",
        "pip.conf",
    )
    assert b"pip.conf:2:" in done.stdout
    assert b"RL103" in done.stdout
    assert b"RL002" not in done.stdout


def test_fix_prints_the_fixed_text_and_reports_on_stderr(work: Path) -> None:
    done = reqlint(work, BAD, "check", "--fix", "-", "--stdin-filename", "requirements/prod.txt")
    lines = BAD.splitlines(keepends=True)
    assert done.stdout == lines[0] + b"# " + lines[1] + lines[2]  # CRLF kept, byte for byte
    assert done.returncode == 0, done.stderr
    assert b"Fixed 1 problem." in done.stderr
    assert not (work / "requirements" / "prod.txt").exists()
    # Nothing to fix: the text comes back unchanged, findings on stderr.
    done = reqlint(work, b"six\n", "check", "--fix", "-", "--stdin-filename", "r.txt")
    assert done.stdout == b"six\n"
    assert b"RL201" in done.stderr
    assert done.returncode == 1


def test_settings_for_the_stdin_name_apply(work: Path) -> None:
    (work / "requirements" / "reqlint.toml").write_text('ignore = ["RL201"]\n', encoding="utf-8")
    done = reqlint(work, b"six\n", "check", "-", "--stdin-filename", "requirements/prod.txt")
    assert done.returncode == 0, done.stdout
    done = reqlint(work, b"six\n", "check", "-", "--stdin-filename", "other/prod.txt")
    assert done.returncode == 1


def test_stdin_and_other_paths(work: Path) -> None:
    (work / "requirements.txt").write_bytes(b"six\n")
    done = reqlint(work, b"", "check", "-", "requirements.txt")
    assert done.returncode == 2
    assert b"standard input is linted on its own" in done.stderr
    # As ruff: --stdin-filename means standard input, whatever else is named (with a word).
    done = reqlint(
        work, b"requests==2.32.3\n", "check", "--stdin-filename", "x.txt", "requirements.txt"
    )
    assert done.returncode == 0, done.stdout
    assert b"ignoring requirements.txt in favour of standard input" in done.stderr


def test_undecodable_stdin_is_a_diagnostic(work: Path) -> None:
    done = reqlint(
        work, b"\xff\xfe\x00bad\x00\x00\x00", "check", "-", "--stdin-filename", "requirements.txt"
    )
    assert done.returncode == 1
    assert b"requirements.txt" in done.stdout
    assert b"Traceback" not in done.stderr
