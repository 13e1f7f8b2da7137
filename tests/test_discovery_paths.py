"""discovery._relative: a file's path relative to a scan root, as relpath and pathlib say."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reqlint.discovery import _relative

_PARTS = st.lists(st.sampled_from(["a", "b", "..", ".", "", "c.txt", "d e"]), max_size=5)


@given(_PARTS, _PARTS, st.booleans())
def test_relative_is_relpath_inside_the_root(
    root: list[str], rest: list[str], absolute: bool
) -> None:
    base = "/srv/" + "/".join(root)
    path = ("/srv/" if absolute else "") + "/".join(root + rest)
    full, top = os.path.abspath(path), os.path.abspath(base)
    if full == top or full.startswith(top.rstrip(os.sep) + os.sep):
        expected = Path(os.path.relpath(full, top)).as_posix()
    else:
        expected = Path(path).as_posix()
    assert _relative(path, base) == expected


def test_realpaths_resolve_as_os_path_realpath(tmp_path: Path) -> None:
    """context._realpaths resolves a folder once for its files: the same answers as
    os.path.realpath, with folder links, file links, '..' after a link and missing files."""
    from reqlint.context import _realpaths

    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "sub" / "a.txt").write_text("x")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.txt").write_text("y")
    (tmp_path / "linkdir").symlink_to(tmp_path / "real" / "sub")
    (tmp_path / "real" / "sub" / "filelink.txt").symlink_to(tmp_path / "other" / "b.txt")
    realpath = _realpaths()
    cases = [
        tmp_path / "linkdir" / "a.txt",
        tmp_path / "linkdir" / "filelink.txt",
        tmp_path / "linkdir" / ".." / "sub" / "a.txt",
        tmp_path / "linkdir" / "missing.txt",
        tmp_path / "real" / "sub" / "a.txt",
        tmp_path / "linkdir",
    ]
    for case in cases:
        for text in (str(case), os.path.relpath(case)):
            assert realpath(text) == os.path.realpath(text), text


def test_test_data_is_not_scanned_but_is_read_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fixtures/data folder below a tests folder holds files for tests to read (poetry's
    tests/fixtures): a folder scan leaves it; naming the folder or the file lints it."""
    from reqlint.cli import main

    fixture = tmp_path / "tests" / "fixtures" / "proj"
    fixture.mkdir(parents=True)
    (fixture / "requirements.txt").write_text("unpinned\n")
    (tmp_path / "tests" / "requirements.txt").write_text("alsounpinned\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "requirements.txt").write_text("datapkg\n")
    monkeypatch.chdir(tmp_path)
    for argv, shown, hidden in [
        (["."], ["tests/requirements.txt", "data/requirements.txt"], ["tests/fixtures"]),
        (["tests/fixtures"], ["tests/fixtures/proj/requirements.txt"], []),
        (["tests/fixtures/proj/requirements.txt"], ["tests/fixtures/proj/requirements.txt"], []),
    ]:
        main(["check", "--isolated", "--show-files", *argv])
        out = capsys.readouterr().out
        for path in shown:
            assert path in out, (argv, out)
        for path in hidden:
            assert path not in out, (argv, out)
