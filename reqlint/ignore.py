"""What git ignores, for folder scans: ``.gitignore`` files at every level,
``.git/info/exclude``, negations — git's precedence, matched by ``pathspec``.

git's order, highest first: a ``.gitignore`` in the file's own folder, then in each folder
above it up to the top of the work tree, then ``$GIT_DIR/info/exclude``.  Within one file the
last matching pattern wins (so ``!keep.txt`` after ``*.txt`` re-includes).  A folder that is
ignored is not entered, so nothing below it can be re-included — git's rule too.  As in ruff,
``.gitignore`` files count even outside a git repository; the global ``core.excludesFile``
is not read (that would mean running git).

A file git tracks is never ignored, whatever the ignore files say (git's rule: they apply to
untracked files only).  :class:`Tracked` asks ``git ls-files`` once, and only when a scan is
about to skip something (an ignored file or folder, a ``build``/``dist``/``env`` folder).

``pathspec`` is imported only when a scan meets a non-empty ignore file: a pre-commit hook
passes files, not folders, and never pays for it.
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up

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

    try:
        return GitIgnoreSpec.from_lines(text.splitlines())
    except ValueError:  # pathspec's pattern error
        # git takes a line that is no pattern (a lone "!" or "\\") as one that matches
        # nothing; so does reqlint, keeping every other line of the file
        kept = []
        for line in text.splitlines():
            try:
                GitIgnoreSpec.from_lines([line])
            except ValueError:  # pathspec's pattern error
                continue
            kept.append(line)
        return GitIgnoreSpec.from_lines(kept)


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
        # strings, not Paths: asked for every folder of a scan (folder is absolute, normal)
        start = str(self._start)
        if folder == start or not folder.startswith(start.rstrip(os.sep) + os.sep):
            above = self._base
        else:
            above = self._for_folder(os.path.dirname(folder))
        spec = _spec(Path(folder, ".gitignore"))
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


class Tracked:
    """The files git tracks in the work tree around a scan, read once, on first use."""

    def __init__(self, scan_root: str) -> None:
        self._top = _work_tree(Path(os.path.abspath(scan_root)))
        self._files: frozenset[str] | None = None
        self._folders: frozenset[str] = frozenset()

    def _load(self) -> frozenset[str]:
        if self._files is not None:
            return self._files
        self._files = frozenset()
        if self._top is None:
            return self._files
        import subprocess

        top = str(self._top)
        try:
            done = subprocess.run(
                ["git", "-C", top, "ls-files", "-z"], capture_output=True, timeout=60, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return self._files  # no git: the ignore files alone decide
        if done.returncode != 0:
            return self._files
        files = {os.path.join(top, os.fsdecode(name)) for name in done.stdout.split(b"\0") if name}
        folders: set[str] = set()
        for name in files:
            folder = os.path.dirname(name)
            while len(folder) > len(top) and folder not in folders:
                folders.add(folder)
                folder = os.path.dirname(folder)
        self._files, self._folders = frozenset(files), frozenset(folders)
        return self._files

    def file(self, path: str) -> bool:
        """Whether git tracks the file ``path``."""
        return os.path.abspath(path) in self._load()

    def holds(self, folder: str) -> bool:
        """Whether git tracks a file somewhere under ``folder``."""
        self._load()
        return os.path.abspath(folder) in self._folders
