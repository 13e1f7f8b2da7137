"""RL206 and markers: two requirements of one name whose markers both hold on every
supported Python (none, or a Python lower bound such as `python_version >= "3.8"`) meet on
the newest Python, where pip refuses a conflicting pair (trial 16: a conflict behind an
export-style marker went unreported).  Markers that split the Python range are
alternatives.  Real pip, offline from a folder of tiny wheels, is the referee."""

from __future__ import annotations

from pathlib import Path

import pytest
from netservers import wheelhouse
from reqlint_process import pip_run

from reqlint.cli import main

WIDE = 'python_version >= "3.0"'  # holds on this Python and every later one


@pytest.mark.parametrize(
    ("lines", "refused"),
    [
        (["demo==1.0", f"demo==2.0 ; {WIDE}"], True),
        ([f"demo==1.0 ; {WIDE}", 'demo==2.0 ; python_version >= "3.1"'], True),
        # split at a version: each line holds where the other does not
        (['demo==1.0 ; python_version < "3.0"', f"demo==2.0 ; {WIDE}"], False),
    ],
    ids=["none-and-lower-bound", "two-lower-bounds", "split"],
)
def test_a_conflict_behind_markers_that_both_hold_is_reported(
    lines: list[str],
    refused: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "requirements.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    wheels = wheelhouse(tmp_path / "wheels", demo=("1.0", "2.0"))
    done = pip_run(
        tmp_path,
        *("install", "--dry-run", "--no-index", "-q", "--find-links", str(wheels)),
        *("-r", "requirements.txt"),
    )
    assert (done.returncode != 0) is refused, done.stdout + done.stderr
    if refused:
        assert "ResolutionImpossible" in done.stdout + done.stderr
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--isolated", "--select", "RL206", "requirements.txt"])
    out = capsys.readouterr().out
    if refused:
        assert code == 1
        assert "requirements.txt:2:1: RL206 warning: demo==2.0 conflicts with demo==1.0" in out
        assert " holds: no version satisfies both, so pip will refuse to install" in out
    else:
        assert (code, out.strip()) == (0, "All checks passed!")


def test_the_same_pin_under_another_marker_is_not_a_duplicate_to_drop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `demo==1.0` and `demo==1.0 ; python_version >= "3.0"` agree wherever both hold;
    # dropping either would change what some Python installs: no finding, no fix
    path = tmp_path / "requirements.txt"
    path.write_text(f"demo==1.0\ndemo==1.0 ; {WIDE}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--isolated", "--select", "RL206", "requirements.txt"])
    assert (code, capsys.readouterr().out.strip()) == (0, "All checks passed!")
    # two lines under the same marker are judged as before: worth merging
    path.write_text(f"demo==1.0\ndemo==1.0 ; {WIDE}\ndemo>=1.0 ; {WIDE}\n", encoding="utf-8")
    code = main(["check", "--isolated", "--select", "RL206", "requirements.txt"])
    out = capsys.readouterr().out
    assert code == 1
    assert "requirements.txt:3:1: RL206 warning: demo>=1.0 is also required as demo==1.0 at " in out
    assert "requirements.txt:2" in out
