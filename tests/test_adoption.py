"""Adopting reqlint in an old repository: ``--add-noqa``, RL010 (unused suppressions),
``--per-file-ignores`` and ``--extend-exclude`` on the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reqlint.cli import main

CORPUS = Path(__file__).parent / "data" / "corpus"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user-config"))
    return tmp_path


# (file, text before, text after --add-noqa): where each kind takes its comment.
PLACES = [
    (
        "requirements.txt",
        "six\nflask>=2 \\\n    --no-binary=:all:\nrequests==2.32.3\n",
        "six  # reqlint: ignore[RL201]\nflask>=2 \\\n    --no-binary=:all:  "
        "# reqlint: ignore[RL202]\nrequests==2.32.3\n",
    ),
    (
        "pip.conf",
        "[global]\r\nindex-url = https://a.example/simple\r\n"
        "extra-index-url = https://pypi.org/simple\r\n    https://b.example/simple\r\n",
        "[global]\r\nindex-url = https://a.example/simple\r\n# reqlint: ignore[RL101]\r\n"
        "extra-index-url = https://pypi.org/simple\r\n    https://b.example/simple\r\n",
    ),
    (
        "pyproject.toml",
        '[tool.uv]\nindex-url = "http://mirror.example/simple"\n',
        '[tool.uv]\nindex-url = "http://mirror.example/simple"  # reqlint: ignore[RL102]\n',
    ),
    (
        "environment.yml",
        "dependencies:\n  - pip\n  - pip:\n    - --trusted-host mirror.example\n",
        "dependencies:\n  - pip\n  - pip:\n    - --trusted-host mirror.example  "
        "# reqlint: ignore[RL103]\n",
    ),
    (
        "Dockerfile",
        "FROM python:3.12\nRUN pip install --trusted-host mirror.example six==1.16.0\n",
        "FROM python:3.12\nRUN pip install --trusted-host mirror.example six==1.16.0  "
        "# reqlint: ignore[RL103]\n",
    ),
]


@pytest.mark.parametrize(("name", "before", "after"), PLACES, ids=[p[0] for p in PLACES])
def test_add_noqa_puts_the_comment_where_the_kind_reads_it(
    work: Path, capsys: pytest.CaptureFixture[str], name: str, before: str, after: str
) -> None:
    path = work / name
    path.write_bytes(before.encode())
    assert run(capsys, "check", name)[0] == 1
    code, out, err = run(capsys, "check", "--add-noqa", name)
    assert code == 0
    assert out == ""
    assert "Added " in err
    assert path.read_bytes() == after.encode()
    assert run(capsys, "check", name)[:2] == (0, "All checks passed!\n")
    # Run again: nothing left to add, the file is not touched.
    run(capsys, "check", "--add-noqa", name)
    assert path.read_bytes() == after.encode()


def test_pip_reads_the_same_config_after_add_noqa(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip itself is the referee: its view of pip.conf is unchanged by the comments."""
    _, before, _ = PLACES[1]
    path = work / "pip.conf"
    path.write_bytes(before.encode())

    def pip_view() -> str:
        env = {
            "PATH": os.environ["PATH"],
            "PIP_CONFIG_FILE": str(path),
            "HOME": str(work),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }
        return subprocess.run(
            [sys.executable, "-m", "pip", "config", "list"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    seen = pip_view()
    assert "extra-index-url" in seen
    run(capsys, "check", "--add-noqa", "pip.conf")
    assert path.read_bytes() != before.encode()
    assert pip_view() == seen


def test_add_noqa_over_real_files_leaves_nothing_to_report(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in ("pipconf", "conda", "ci"):
        shutil.copytree(CORPUS / kind, work / kind)
    _, json_before, _ = run(capsys, "show", "--output-format", "json", "conda", "ci")
    code, _, err = run(capsys, "check", "--add-noqa", ".")
    assert code == 0
    assert int(err.split("Added ")[1].split()[0]) > 20
    code, out, _ = run(capsys, "check", ".")
    assert (code, out) == (0, "All checks passed!\n"), out
    # What pip will see is what it saw: every requirement and option, at the same lines.
    assert run(capsys, "show", "--output-format", "json", "conda", "ci")[1] == json_before


def test_a_continued_line_that_cannot_carry_a_comment_is_said(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = b"FROM python:3.12\nRUN pip install --trusted-host mirror.example \\\n    six\n"
    (work / "Dockerfile").write_bytes(text)
    assert "RL103" in run(capsys, "check", "Dockerfile")[1]
    code, _, err = run(capsys, "check", "--add-noqa", "Dockerfile")
    assert code == 0
    assert "Dockerfile:2:" in err
    assert "cannot carry a comment" in err
    assert (work / "Dockerfile").read_bytes() == text


# ------------------------------------------------------------------------------- RL010


RL010_CASES = [
    # (requirements text, RL010 messages expected)
    ("requests==2.32.3  # reqlint: ignore[RL201]\n", ["RL201 finds nothing here"]),
    ("requests  # noqa: RL201, RL202\n", ["RL202 finds nothing here"]),
    ("requests==2.32.3  # noqa: RL999\n", ["RL999 (no such rule) finds nothing here"]),
    ("requests>=2 \\\n    --no-binary=:all:  # reqlint: ignore[RL202]\n", []),
]
RL010_NO_OPS = [
    ("requests  # reqlint: ignore[RL201]\n", "used"),
    ("requests==2.32.3  # noqa: E501\n", "another tool's code"),
    ("requests==2.32.3  # noqa: RL301\n", "network rule that did not run"),
    ("requests==2.32.3  # noqa\n", "blanket, and network rules did not run"),
    ("requests==2.32.3  # reqlint: ignore[RL010]\n", "RL010 itself"),
]


@pytest.mark.parametrize(("text", "expected"), RL010_CASES)
def test_rl010_reports_unused_suppressions(
    work: Path, capsys: pytest.CaptureFixture[str], text: str, expected: list[str]
) -> None:
    (work / "requirements.txt").write_text(text, encoding="utf-8")
    _, out, _ = run(capsys, "check", "requirements.txt")
    found = [
        line.split("unused suppression: ", 1)[1] for line in out.splitlines() if " RL010 " in line
    ]
    assert found == expected, out


@pytest.mark.parametrize(("text", "why"), RL010_NO_OPS, ids=[c[1] for c in RL010_NO_OPS])
def test_rl010_no_ops(work: Path, capsys: pytest.CaptureFixture[str], text: str, why: str) -> None:
    (work / "requirements.txt").write_text(text, encoding="utf-8")
    _, out, _ = run(capsys, "check", "requirements.txt")
    assert " RL010 " not in out, why


def test_rl010_in_pip_conf_points_at_the_comment(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "pip.conf").write_text(
        "[global]\n# reqlint: ignore[RL103]\nindex-url = https://a.example/simple\n",
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "check", "pip.conf")
    assert "pip.conf:2:1: RL010 [*] warning: unused suppression: RL103 finds nothing here" in out
    # Not reported when the rule is not selected (it was not judged).
    assert " RL010 " not in run(capsys, "check", "--ignore", "RL103", "pip.conf")[1]


# ------------------------------------------------------- per-file ignores, extend-exclude


def test_per_file_ignores_and_extend_exclude_on_the_command_line(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "requirements").mkdir()
    (work / "requirements" / "dev.txt").write_text("six\n", encoding="utf-8")
    (work / "requirements" / "prod.txt").write_text("six\n", encoding="utf-8")
    (work / "legacy").mkdir()
    (work / "legacy" / "requirements.txt").write_text("six\n", encoding="utf-8")
    _, out, _ = run(
        capsys,
        "check",
        "--per-file-ignores",
        "requirements/dev.txt:RL201",
        "--per-file-ignores",
        "legacy/*:RL2",
        ".",
    )
    assert sorted(line.split(":")[0] for line in out.splitlines() if " RL" in line) == [
        "requirements/prod.txt"
    ]
    _, out, _ = run(
        capsys, "check", "--extend-exclude", "legacy,requirements/dev.txt", "--show-files", "."
    )
    assert out.splitlines() == ["requirements/prod.txt"]
    code, _, err = run(capsys, "check", "--per-file-ignores", "RL201", ".")
    assert code == 2
    assert "expected GLOB:CODES" in err
    code, _, err = run(capsys, "check", "--per-file-ignores", "a.txt:RL999", ".")
    assert code == 2
    assert "unknown rule code" in err


RL010_FIXES = [
    # (file, before, after --fix)
    (
        "requirements.txt",
        "requests==2.32.3  # reqlint: ignore[RL201]\r\nsix==1.16.0\r\n",
        "requests==2.32.3\r\nsix==1.16.0\r\n",
    ),
    # Another tool's code is kept, so the comment is left (reported, not fixed).
    (
        "requirements.txt",
        "six==1.16.0  # noqa: RL201, E501\n",
        "six==1.16.0  # noqa: RL201, E501\n",
    ),
    (
        "pip.conf",
        "[global]\n# reqlint: ignore[RL103]\nindex-url = https://a.example/simple\n",
        "[global]\nindex-url = https://a.example/simple\n",
    ),
]


@pytest.mark.parametrize(("name", "before", "after"), RL010_FIXES)
def test_rl010_fix_removes_a_wholly_unused_comment(
    work: Path, capsys: pytest.CaptureFixture[str], name: str, before: str, after: str
) -> None:
    (work / name).write_bytes(before.encode())
    assert " RL010 " in run(capsys, "check", name)[1]
    run(capsys, "check", "--fix", name)
    assert (work / name).read_bytes() == after.encode()
