"""What git ignores, for folder scans: ``.gitignore`` files at every level,
``.git/info/exclude``, negations — git's precedence, matched by ``pathspec``.

git's order, highest first: a ``.gitignore`` in the file's own folder, then in each folder
above it up to the top of the work tree, then ``$GIT_DIR/info/exclude``.  Within one file the
last matching pattern wins (so ``!keep.txt`` after ``*.txt`` re-includes).  A folder that is
ignored is not entered, so nothing below it can be re-included — git's rule too.  As in ruff,
``.gitignore`` files count even outside a git repository; the global ``core.excludesFile``
is not read (that would mean running git).

``pathspec`` is imported only when a scan meets a non-empty ignore file: a pre-commit hook
passes files, not folders, and never pays for it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

_Rules = tuple[tuple[str, "GitIgnoreSpec"], ...]


def _work_tree(folder: Path) -> Path | None:
    for current in (folder, *folder.parents):
        if (current / ".git").exists():
            return current
    return None


def _spec(path: Path) -> GitIgnoreSpec | None:
    try:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(text.splitlines())


class GitIgnore:
    """The ignore rules met by one scan, read once per folder."""

    def __init__(self, scan_root: str) -> None:
        root = Path(os.path.abspath(scan_root))
        self._top = _work_tree(root)
        self._rules: dict[str, _Rules] = {}
        if self._top is not None:
            base: _Rules = ()
            info = self._top / ".git" / "info" / "exclude"
            spec = _spec(info) if info.is_file() else None
            if spec is not None:
                base = ((str(self._top), spec),)
            self._base = base
        else:
            self._base = ()
        self._start = self._top if self._top is not None else root

    def _for_folder(self, folder: str) -> _Rules:
        cached = self._rules.get(folder)
        if cached is not None:
            return cached
        here = Path(folder)
        if here == self._start or self._start not in here.parents:
            above = self._base
        else:
            above = self._for_folder(str(here.parent))
        spec = _spec(here / ".gitignore")
        rules = (*above, (folder, spec)) if spec is not None else above
        self._rules[folder] = rules
        return rules

    def ignored(self, path: str, *, is_dir: bool) -> bool:
        """Whether git ignores ``path`` (its folders above are taken as not ignored: the
        scan does not enter an ignored folder)."""
        full = os.path.abspath(path)
        rules = self._for_folder(os.path.dirname(full))
        for base, spec in reversed(rules):
            relative = os.path.relpath(full, base).replace(os.sep, "/")
            result = spec.check_file(relative + "/" if is_dir else relative)
            if result.include is not None:
                return bool(result.include)
        return False
