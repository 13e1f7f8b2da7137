"""The re-parse guard of the fix engine: every way a fix can go wrong is refused, and said.

Each row is a fix that claims to fix a finding but would do something else to the file
(``tests/test_fixes.py`` builds fixes the same way): the plan must leave the file as it is
and give the reason in a note.  A fix that only comments out what it targets is the
named no-op row: it goes through.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reqlint import fixes
from reqlint.discovery import candidates
from reqlint.loader import load_project
from reqlint.model import Applicability, Diagnostic, Edit, Fix, Location, Severity

REQ = "requirements.txt"
LATIN1 = b"# -*- coding: latin-1 -*-\n"  # 26 bytes: a PEP 263 line pip honours

# (id, file, the fix's edits (given the path reqlint shows), what the note must say)
ROWS: list[tuple[str, bytes, Callable[[str], list[Edit]], str]] = [
    (
        "a-requirement-would-appear",
        b"flask==3.0\n",
        lambda p: [Edit(p, 11, 11, "django==5.0\n")],
        "requirements: 'django==5.0 django' would appear",
    ),
    (
        "the-order-would-change",
        b"a==1\nb==1\n",
        lambda p: [Edit(p, 0, 10, "b==1\na==1\n")],
        "requirements would change order",
    ),
    (
        "a-problem-would-be-added",
        b"flask==3.0\n",
        lambda p: [Edit(p, 11, 11, "--bogus-option\n")],
        "it would add a problem (RL002: ",
    ),
    (
        "a-suppression-would-change",
        b"flask==3.0\nsix\n",
        lambda p: [Edit(p, 10, 10, "  # noqa")],
        "it would change what is suppressed on line 1",
    ),
    # Removing the coding line: pip would read the rest as UTF-8.
    (
        "the-encoding-would-change",
        LATIN1 + b"flask==3.0\n",
        lambda p: [Edit(p, 0, 26, "")],
        "the edited file would be read with a different encoding",
    ),
    (
        "the-file-would-not-decode",
        LATIN1 + "flask==3.0  # caf\u00e9\n".encode("latin-1"),
        lambda p: [Edit(p, 0, 26, "")],
        "the edited file would not decode (cannot decode as utf-8",
    ),
]


def _plan(tmp_path: Path, data: bytes, edits: Callable[[str], list[Edit]]) -> fixes.Plan:
    path = tmp_path / REQ
    path.write_bytes(data)
    project = load_project(candidates([str(path)]))
    shown = project.sources[0].path
    claim = Diagnostic(
        "RL206",
        "m",
        Severity.WARNING,
        Location(shown),
        fix=Fix("f", tuple(edits(shown)), Applicability.SAFE),
    )
    return fixes.plan([claim], project, unsafe=True, roots=[str(path)])


@pytest.mark.parametrize(
    ("data", "edits", "reason"), [pytest.param(d, e, r, id=i) for i, d, e, r in ROWS]
)
def test_a_fix_that_does_more_than_it_claims_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    edits: Callable[[str], list[Edit]],
    reason: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    planned = _plan(tmp_path, data, edits)
    assert planned.files == ()
    (note,) = planned.notes
    assert note.startswith(f"{REQ}: RL206 fix skipped: ")
    assert reason in note
    assert (tmp_path / REQ).read_bytes() == data


def test_a_fix_that_does_what_it_claims_goes_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    planned = _plan(tmp_path, b"six==1.16.0\nsix==1.16.0\n", lambda p: [Edit(p, 12, 12, "# ")])
    assert planned.notes == ()
    (file_fix,) = planned.files
    assert file_fix.new == b"six==1.16.0\n# six==1.16.0\n"


def test_a_file_in_latin_1_keeps_its_encoding_through_a_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = "six==1.16.0  # caf\u00e9\n"
    data = LATIN1 + first.encode("latin-1") + b"six==1.16.0\n"
    line3 = len(LATIN1) + len(first)  # offsets count characters of the decoded text
    planned = _plan(tmp_path, data, lambda p: [Edit(p, line3, line3, "# ")])
    assert planned.notes == ()
    (file_fix,) = planned.files
    assert file_fix.new == LATIN1 + first.encode("latin-1") + b"# six==1.16.0\n"


def test_a_fix_the_files_encoding_cannot_hold_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = LATIN1 + b"flask==3.0\n"
    planned = _plan(tmp_path, data, lambda p: [Edit(p, 26, 26, "# \u20ac\n")])
    assert planned.files == ()
    (note,) = planned.notes
    assert "cannot be written in the file's encoding (latin-1" in note, note
