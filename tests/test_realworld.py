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
