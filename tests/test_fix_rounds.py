"""``fixes.fix_until_stable``: ruff's fix / re-lint loop, out of the CLI (issue 9).

Real files, the real loader and rules; ``relint`` is what the CLI passes in.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reqlint import fixes
from reqlint._records import replace
from reqlint.discovery import candidates
from reqlint.engine import Outcome, run
from reqlint.loader import load_project
from reqlint.model import Applicability
from reqlint.project import Project

INCIDENT = (
    b"--index-url https://pypi.int.example/simple\n"
    b"--extra-index-url https://pypi.org/simple\nflask==3.0\n"
)
FIXED = (
    b"--index-url https://pypi.int.example/simple\n"
    b"# --extra-index-url https://pypi.org/simple\nflask==3.0\n"
)


class Relint:
    """Lint again from the disk (or the given standard input), counting the rounds."""

    def __init__(self, path: Path) -> None:
        self.found = candidates([str(path)])
        self.calls: list[bytes | None] = []

    def __call__(self, data: bytes | None) -> tuple[Project, Outcome]:
        self.calls.append(data)
        if data is not None:
            self.found = [replace(self.found[0], data=data)]
        project = load_project(self.found)
        return project, run(project)


def _start(path: Path, data: bytes | None = None) -> tuple[Project, Outcome]:
    found = candidates([str(path)])
    if data is not None:
        found = [replace(found[0], data=data)]
    project = load_project(found)
    return project, run(project)


def test_fixes_then_stops_when_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_bytes(INCIDENT)
    project, outcome = _start(path)
    relint = Relint(path)
    rounds = fixes.fix_until_stable(outcome, project, relint, unsafe=False, roots=[str(path)])
    assert path.read_bytes() == FIXED
    assert rounds.fixed == 1
    assert [d.code for d in rounds.fixed_diagnostics] == ["RL101"]
    # one re-lint after the change; the next round changes nothing and stops
    assert relint.calls == [None]
    assert not any(d.fixable(Applicability.SAFE) for d in rounds.outcome.diagnostics)
    assert rounds.project.sources[0].text is not None
    assert rounds.project.sources[0].text.text == FIXED.decode()
    assert rounds.stdin is None


def test_nothing_to_fix_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_bytes(b"flask==3.0\n")
    project, outcome = _start(path)
    relint = Relint(path)
    rounds = fixes.fix_until_stable(outcome, project, relint, unsafe=False, roots=[str(path)])
    assert (rounds.fixed, rounds.fixed_diagnostics, rounds.notes) == (0, (), ())
    assert relint.calls == []
    assert rounds.project is project
    assert rounds.outcome is outcome
    assert path.read_bytes() == b"flask==3.0\n"


def test_standard_input_is_fixed_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "requirements.txt"
    path.write_bytes(b"unrelated==1.0\n")  # what is on the disk is not what is linted
    project, outcome = _start(path, INCIDENT)
    relint = Relint(path)
    rounds = fixes.fix_until_stable(
        outcome,
        project,
        relint,
        unsafe=False,
        roots=[str(path)],
        stdin=("requirements.txt", INCIDENT),
    )
    assert rounds.stdin == FIXED
    assert relint.calls == [FIXED]
    assert rounds.fixed == 1
    assert path.read_bytes() == b"unrelated==1.0\n"


def test_passes_bound_the_rounds(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_bytes(INCIDENT)
    project, outcome = _start(path)
    relint = Relint(path)
    rounds = fixes.fix_until_stable(
        outcome, project, relint, unsafe=False, roots=[str(path)], passes=1
    )
    assert rounds.fixed == 1
    assert relint.calls == [None]  # the one round re-lints what it changed
    assert fixes.MAX_FIX_PASSES == 10
