"""Options as ruff treats them, run through ``main([...])`` and, where a terminal, a pipe or
an environment variable matters, through the real console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reqlint.cli import main

INCIDENT = (
    b"--index-url=http://pypi.example.com/simple/\n"
    b"--extra-index-url=http://pypi.python.org/simple/\n"
)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user-config"))
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_bytes(INCIDENT + b"six\nflask>=2\n")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def codes(out: str) -> list[str]:
    return sorted(line.split(": ", 1)[1].split()[0] for line in out.splitlines() if ": RL" in line)


def test_repeated_selection_options_accumulate(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--select", "RL101", "--select", "RL201", ".")
    assert codes(out) == ["RL101", "RL201"]
    _, out, _ = run(capsys, "--ignore", "RL1", "--ignore", "RL201", ".")
    assert codes(out) == ["RL202"]
    _, out, _ = run(
        capsys, "--select", "RL101", "--extend-select", "RL201", "--extend-select", "RL202", "."
    )
    assert codes(out) == ["RL101", "RL201", "RL202"]


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
@pytest.mark.parametrize("value", ["", " , "])
def test_empty_selection_is_a_usage_error(
    work: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    code, out, err = run(capsys, option, value, ".")
    assert code == 2
    assert out == ""
    assert f"reqlint: error: {option}: empty value" in err


@pytest.mark.parametrize(
    "abbreviation", [["--output", "x.txt"], ["--sel", "RL1"], ["--exit"], ["--unsafe"]]
)
def test_no_abbreviations(
    work: Path, capsys: pytest.CaptureFixture[str], abbreviation: list[str]
) -> None:
    code, _, err = run(capsys, *abbreviation, ".")
    assert code == 2
    assert "unrecognized arguments" in err
    assert not (work / "x.txt").exists()


def test_output_format_is_the_name_and_format_still_works(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = run(capsys, "--output-format", "json", ".")
    old = run(capsys, "--format", "json", ".")
    assert new == old
    assert new[1].startswith("{")
    assert run(capsys, "rules", "--output-format", "json")[1].startswith("[")


def test_exit_zero_covers_diff_and_diff_says_what_it_would_fix(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--diff", ".")
    assert code == 1
    assert out.startswith("--- a/requirements.txt\n+++ b/requirements.txt\n")
    # As ruff: the count on stderr, so the diff itself stays a patch.
    assert err.strip().splitlines()[-1] == "reqlint: Would fix 1 problem."
    code, out2, _ = run(capsys, "--diff", "--exit-zero", ".")
    assert (code, out2) == (0, out)
    assert (work / "requirements.txt").read_bytes().startswith(INCIDENT)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # nothing fixable at all
        ("demo==1.0\n", "reqlint: No problems would be fixed."),
        # only an unsafe fix (an extra index beside a private primary): ruff's wording
        (
            "--index-url https://private.example/simple\n"
            "--extra-index-url https://pypi.org/simple\ndemo==1.0\n",
            "reqlint: No problems would be fixed (1 fix available with `--unsafe-fixes`).",
        ),
    ],
)
def test_diff_says_when_nothing_would_be_fixed(
    text: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--diff", ".")
    assert (code, out) == (0, "")
    assert err.strip().splitlines()[-1] == said
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == text
    assert run(capsys, "--diff", "--quiet", ".")[1:] == ("", "")


def test_quiet_silences_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, ".")
    assert (code, "warning: no requirements" in err) == (0, True)
    code, out, err = run(capsys, "--quiet", ".")
    assert (code, out, err) == (0, "", "")


def test_clicolor_force_colours_a_pipe(work: Path) -> None:
    base = {"PATH": os.environ["PATH"], "XDG_CONFIG_HOME": str(work / "none")}
    done = subprocess.run(
        [sys.executable, "-m", "reqlint", "."],
        cwd=work,
        env={**base, "CLICOLOR_FORCE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "\x1b[" in done.stdout


@pytest.mark.parametrize(
    ("env", "colour"),
    [
        ({}, False),
        ({"CLICOLOR_FORCE": "1"}, True),
        ({"CLICOLOR_FORCE": "0"}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_colour_switches(
    work: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    colour: bool,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert ("\x1b[" in run(capsys, ".")[1]) is colour  # capsys: not a TTY
    assert "\x1b[" not in run(capsys, "--no-color", ".")[1]


def test_show_fixes(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--show-fixes", ".")
    assert "RL101 [*] warning: extra index" in out
    assert "\n  help: comment out the extra index\n" in out
    _, plain, _ = run(capsys, ".")
    assert "help: comment out the extra index" not in plain
    code, out, _ = run(capsys, "--fix", "--show-fixes", ".")
    assert code == 1
    assert "Fixed 1 problem:\n- requirements.txt:\n    1 × RL101 (" in out  # noqa: RUF001


def test_unreadable_folder_warns_and_fails(tmp_path: Path) -> None:
    """A folder the user cannot list: a warning and exit 2, never silence (as root every
    folder is readable, so the scan runs as an unprivileged user when the test is root)."""
    top = Path(os.environ.get("TMPDIR", "/tmp")) / f"reqlint-unreadable-{os.getpid()}"
    top.mkdir()
    try:
        top.chmod(0o755)
        (top / "requirements.txt").write_text("six==1.16.0\n", encoding="utf-8")
        (top / "secret").mkdir()
        (top / "secret" / "requirements.txt").write_text("six\n", encoding="utf-8")
        (top / "secret").chmod(0)
        argv = [sys.executable, "-m", "reqlint", "check", "."]
        if os.geteuid() == 0:
            setpriv = "/usr/bin/setpriv"
            if not os.path.exists(setpriv):
                pytest.skip("root, and no setpriv to drop privileges")
            argv = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *argv]
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(top),
            "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        done = subprocess.run(argv, cwd=top, env=env, capture_output=True, text=True, check=False)
        if "Permission denied" in done.stderr and "secret" not in done.stderr:
            pytest.skip(f"this user cannot run the interpreter: {done.stderr[-200:]}")
        assert done.returncode == 2, done.stderr
        assert "reqlint: warning: cannot read folder secret: Permission denied" in done.stderr
        assert "All checks passed!" in done.stdout
    finally:
        (top / "secret").chmod(0o755)
        for path in sorted(top.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        top.rmdir()


def test_output_file_text_does_not_leak_into_the_next_run(
    work: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """doctor's text is collected for --output-file until the report is written; a run
    that dies in between must not hand it to the next main() call."""
    from reqlint import cli

    (work / "home").mkdir()
    monkeypatch.setenv("HOME", str(work / "home"))
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    # Fault injection: the reporter fails after doctor's text was collected.
    real = cli.reporter  # type: ignore[attr-defined]  # cli's own name for it, patched below

    def broken(fmt: object) -> object:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cli, "reporter", broken)
    code, _, err = run(capsys, "doctor", "-r", "requirements.txt", "--output-file", "d.txt")
    assert code == 2
    assert "simulated bug" in err
    monkeypatch.setattr(cli, "reporter", real)
    code, _, _ = run(capsys, "check", "--output-file", "report.txt", ".")
    assert code == 1
    report = (work / "report.txt").read_text(encoding="utf-8")
    assert report.startswith("requirements.txt:"), report[:300]  # no doctor text in front


@pytest.mark.parametrize(
    ("argv", "annotations"),
    [
        (["check", "."], True),
        (["check", "--statistics", "."], False),
        (["doctor", "-r", "requirements.txt"], False),
        (["show", "requirements.txt"], False),
    ],
)
def test_only_check_switches_to_annotations_in_github_actions(
    work: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    annotations: bool,
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("HOME", str(work))
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    _, out, _ = run(capsys, *argv)
    assert ("::warning " in out) is annotations, out
    assert out.strip()
