"""reqlint's default output on real repositories, as their maintainers would see it.

``tests/data/realworld/<tree>`` holds the pip-related files of a public repository (paths
kept; commits in ``SOURCES.tsv``).  ``tests/data/realworld-expected/<tree>.tsv`` lists every
finding a default ``reqlint check .`` gives there — code, severity, path, line and a reviewed
reason why its maintainer would want it — so every change in real-world output, a severity
included (a warning fails the run, info does not), is a visible diff of those files.
``python tests/test_realworld.py`` rewrites them from the current output, keeping the
reasons already written and marking new rows ``UNREVIEWED`` (which this test rejects until
someone has judged them).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
TREES = DATA / "realworld"
EXPECTED = DATA / "realworld-expected"
Row = tuple[str, str, str, int]


def findings(tree: Path) -> list[Row]:
    """The findings of ``reqlint check .`` in a copy of ``tree`` that is a repository of
    its own (``git init``), as its maintainer's checkout is: inside reqlint's repository
    the copy would be test data under ``tests/`` (which the pinning rules report as info)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / tree.name
        shutil.copytree(tree, copy, symlinks=True)
        subprocess.run(["git", "init", "-q", str(copy)], check=True)
        return _findings(copy)


def _findings(tree: Path) -> list[Row]:
    from reqlint.cli import main

    old = os.getcwd()
    os.chdir(tree)
    try:
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(["check", "--isolated", "--format", "json", "."])
    finally:
        os.chdir(old)
    assert code in (0, 1), out.getvalue()
    report = json.loads(out.getvalue())
    return sorted(
        (d["code"], d["severity"], d["path"], d["line"] or 0) for d in report["diagnostics"]
    )


def expected(tree: str) -> dict[Row, str]:
    path = EXPECTED / f"{tree}.tsv"
    rows: dict[Row, str] = {}
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, severity, file, number, reason = line.split("\t", 4)
        rows[(code, severity, file, int(number))] = reason
    return rows


TREE_NAMES = sorted(p.name for p in TREES.iterdir() if p.is_dir())


@pytest.mark.parametrize("tree", TREE_NAMES)
def test_realworld_output_is_the_reviewed_one(tree: str) -> None:
    want = expected(tree)
    got = findings(TREES / tree)
    assert sorted(want) == got, (
        f"{tree}: output changed; run `python tests/test_realworld.py` and review the diff "
        f"of tests/data/realworld-expected/{tree}.tsv"
    )
    unreviewed = [row for row, reason in want.items() if not reason or reason == "UNREVIEWED"]
    assert not unreviewed, f"{tree}: rows without a reviewed reason: {unreviewed}"


def _run_json(tree: Path, *targets: str) -> tuple[list[str], list[dict[str, object]]]:
    from reqlint.cli import main

    old = os.getcwd()
    os.chdir(tree)
    try:
        listed, out = io.StringIO(), io.StringIO()
        with redirect_stdout(listed):
            main(["check", "--isolated", "--show-files", *targets])
        with redirect_stdout(out):
            code = main(["check", "--isolated", "--format", "json", *targets])
    finally:
        os.chdir(old)
    assert code in (0, 1), out.getvalue()
    diagnostics: list[dict[str, object]] = json.loads(out.getvalue())["diagnostics"]
    return listed.getvalue().split(), diagnostics


@pytest.mark.parametrize("tree", TREE_NAMES)
def test_a_file_linted_alone_is_judged_as_in_the_folder_scan(tree: str, tmp_path: Path) -> None:
    """What the pre-commit hook does on a commit: lint the staged files alone.  Each file
    of a real repository, named alone, gets exactly the findings the folder scan gives
    it (netbox's base_requirements.txt gave 38 RL201 warnings alone, none in the scan:
    its pinned twin and keras's pyproject.toml were seen only when linted; trial 11)."""

    def row(d: dict[str, object]) -> tuple[object, ...]:
        return (d["code"], d["severity"], d["line"], d["column"], d["message"])

    copy = tmp_path / tree
    shutil.copytree(TREES / tree, copy, symlinks=True)
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    files, scan = _run_json(copy, ".")
    assert files, tree
    differ = {}
    for file in files:
        alone = sorted(row(d) for d in _run_json(copy, file)[1] if d["path"] == file)
        whole = sorted(row(d) for d in scan if d["path"] == file)
        if alone != whole:
            differ[file] = (alone, whole)
    assert not differ, differ


def _update() -> None:  # pragma: no cover - a maintainer's tool
    EXPECTED.mkdir(exist_ok=True)
    for tree in TREE_NAMES:
        old = expected(tree)
        rows = findings(TREES / tree)
        lines = [
            f"# reqlint check . in tests/data/realworld/{tree}: code, severity, path, line, why "
            "its maintainer would want it"
        ]
        lines += [
            f"{c}\t{s}\t{p}\t{n}\t{old.get((c, s, p, n), 'UNREVIEWED')}" for c, s, p, n in rows
        ]
        (EXPECTED / f"{tree}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{tree}: {len(rows)} findings")


if __name__ == "__main__":  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    _update()
