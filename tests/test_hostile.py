"""Hostile input: every case ends in bounded time and memory with a located diagnostic.

Real files, FIFOs, symlinks and devices in ``tmp_path``; ``reqlint check`` through
``main()`` (exit 0 or 1, never 2, no traceback), with a wall-clock bound per case that is
generous for a loaded 2-core machine but far below what the unbounded behaviour took
(minutes for a line of a million blanks; a RecursionError for deep YAML).  The limits are
documented in docs/security.md and set with ``REQLINT_MAX_FILE_BYTES`` and
``REQLINT_MAX_LINE_LENGTH``; both are tested here at small values so the suite stays fast.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import time
from pathlib import Path

import pytest

from reqlint.cli import main
from reqlint.redact import redact_text, redact_url


def check(*args: str, fmt: str = "json") -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--isolated", "--format", fmt, *args])
    return code, out.getvalue(), err.getvalue(), time.monotonic() - started


def findings(out: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(out)["diagnostics"]
    return found


def assert_handled(code: int, err: str) -> None:
    assert code in (0, 1), err
    assert "internal error" not in err
    assert "Traceback" not in err


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQLINT_MAX_FILE_BYTES", "4096")
    (tmp_path / "requirements.txt").write_bytes(b"a==1\n" * 2000)  # 10 KB
    code, out, err, _ = check("requirements.txt")
    assert_handled(code, err)
    (found,) = findings(out)
    assert found["code"] == "RL003"
    assert "4096 bytes" in str(found["message"])
    assert "REQLINT_MAX_FILE_BYTES" in str(found["message"])


def test_default_limit_refuses_a_100_mb_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    with path.open("wb") as handle:  # sparse: 100 MB on disk costs nothing
        handle.truncate(100 * 1024 * 1024)
    code, out, err, elapsed = check("requirements.txt")
    assert_handled(code, err)
    (found,) = findings(out)
    assert "100 MiB" in str(found["message"])
    assert elapsed < 5


def test_a_file_that_says_size_0_is_read_only_up_to_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # /proc files report size 0 and may be endless: the read stops at the limit + 1
    if not os.path.exists("/proc/self/maps"):
        pytest.skip("no /proc here")
    monkeypatch.setenv("REQLINT_MAX_FILE_BYTES", "64")
    code, out, err, _ = check("/proc/self/maps")
    assert_handled(code, err)
    assert "larger than 64 bytes" in out


def test_a_line_over_the_line_limit_is_skipped_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQLINT_MAX_LINE_LENGTH", "1000")
    (tmp_path / "requirements.txt").write_text("a==1\n" + "b" * 5000 + "\nc==1\n", "utf-8")
    code, out, err, _ = check("requirements.txt")
    assert_handled(code, err)
    (found,) = findings(out)
    assert (found["code"], found["line"]) == ("RL003", 2)
    assert "5,000 characters" in str(found["message"])


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("blanks", "x" + " " * 300_000 + "y"),  # the comment regex retried at every blank
        ("hashes", "pkg==1 --hash=sha256:" + "a" * 300_000),
        ("token", "--index-url https://" + "a1" * 150_000),
        ("markers", "a==1 ; " + "(" * 5_000 + "python_version>'3'" + ")" * 5_000),
        ("variables", "${A}" * 20_000),
        ("continuations", "a \\\n" * 20_000),
        ("quotes", "'" + "a" * 300_000),
        ("comment", "#" * 300_000),
    ],
)
def test_long_lines_are_linear(
    name: str, line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("A", "x")
    (tmp_path / "requirements.txt").write_text(line + "\n", "utf-8")
    code, out, err, elapsed = check("--system", "requirements.txt", fmt="text")
    assert_handled(code, err)
    assert elapsed < 10, f"{name}: {elapsed:.1f} s"
    assert max(map(len, out.splitlines()), default=0) < 400_000


def test_redaction_is_linear_on_a_40kb_token() -> None:
    token = "a1" * 20_000
    started = time.monotonic()
    for text in (token, f"https://{token}", f"https://x/{token}", "x://" * 10_000):
        redact_text(text)
        redact_url(text)
    assert time.monotonic() - started < 1


def test_10000_wide_includes(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"f{i}.txt").write_text(f"p{i}==1\n", "utf-8")
    (tmp_path / "requirements.txt").write_text(
        "".join(f"-r f{i}.txt\n" for i in range(10_000)), "utf-8"
    )
    code, out, err, elapsed = check("requirements.txt")
    assert_handled(code, err)
    assert findings(out) == []
    assert elapsed < 60


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "fifo", "loop1", "dir"])
def test_includes_that_are_not_files(target: str, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    os.symlink("loop2", tmp_path / "loop1")
    os.symlink("loop1", tmp_path / "loop2")
    (tmp_path / "dir").mkdir()
    (tmp_path / "requirements.txt").write_text(f"-r {target}\n-c {target}\n", "utf-8")
    code, out, err, elapsed = check("requirements.txt")
    assert_handled(code, err)
    assert [(f["code"], f["line"]) for f in findings(out)] == [("RL003", 1), ("RL003", 2)]
    assert elapsed < 5


@pytest.mark.parametrize("name", ["fifo", "loop1"])
def test_named_on_the_command_line(name: str, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    os.symlink("loop2", tmp_path / "loop1")
    os.symlink("loop1", tmp_path / "loop2")
    code, out, err, _ = check(name)
    assert_handled(code, err)
    assert [f["code"] for f in findings(out)] == ["RL003"]


ODD_NAMES = [
    b"requirements\n::error file=x::forged.txt",
    b"requirements-\xff\xfe.txt",
    b"requirements-a\rb.txt",
    b"requirements-\x1b[31m.txt",
]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab"])
def test_odd_file_names(fmt: str, tmp_path: Path) -> None:
    for name in ODD_NAMES:
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(b"requests\n")
    code, out, err, _ = check(".", fmt=fmt)
    assert_handled(code, err)
    assert out.count("RL201") >= len(ODD_NAMES)
    # no file name starts a line of its own, and no raw control character is printed
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith("::error file=x")]
    assert not [c for c in out if c in "\r\x1b"]


BOMB = (
    "name: bomb\na: &a ["
    + ",".join(['"lol"'] * 9)
    + "]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(8)
    )
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("environment.yml", BOMB + "dependencies:\n  - pip\n  - pip: *i\n"),
        (".gitlab-ci.yml", BOMB + "test:\n  script: *i\n"),
        ("environment.yml", "x: " + "[" * 20_000 + "]" * 20_000 + "\n"),
        (".gitlab-ci.yml", "test:\n  script: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n"),
        ("pyproject.toml", "a = " + "[" * 20_000 + "]" * 20_000 + "\n"),
        ("pyproject.toml", "a = " + "{b=" * 20_000 + "1" + "}" * 20_000 + "\n"),
        ("pip.conf", "[global]\n" + "x = 1\n" * 50_000),
        ("tox.ini", "[testenv]\ndeps =\n" + "    a==1\n" * 50_000),
    ],
)
def test_bombs_and_deep_nesting(name: str, text: str, tmp_path: Path) -> None:
    (tmp_path / name).write_text(text, "utf-8")
    code, _, err, elapsed = check(name)
    assert_handled(code, err)
    assert elapsed < 20
