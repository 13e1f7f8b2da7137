"""Paths -> the files to lint, and the one guarded way to read a file.

``read_text`` never raises for bad input: a directory, a broken symlink, an unreadable,
binary, undecodable or huge file comes back as a :class:`~reqlint.model.Problem` with the
file (and line where there is one), so one bad file never stops the run.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reqlint.model import Location, Problem, SourceKind
from reqlint.text import DecodeError, TextFile

# Larger files are not requirements files; reading one whole would only waste memory.
MAX_FILE_BYTES = 16 * 1024 * 1024

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "env", ".env", "virtualenv",
    "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache",
    "build", "dist", "site-packages", ".eggs", ".direnv", ".cache",
})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to lint and the adapter that reads it."""

    path: str
    kind: SourceKind


def display_path(path: str | os.PathLike[str], cwd: str | None = None) -> str:
    """``path`` relative to ``cwd`` when inside it, POSIX separators (stable output)."""
    p = Path(path)
    base = Path(cwd or os.getcwd())
    try:
        if p.is_absolute():
            return p.relative_to(base).as_posix()
    except ValueError:
        pass
    return p.as_posix()


def read_text(path: str, *, pep263: bool = True, display: str | None = None,
              code: str = "RL003") -> TextFile | Problem:
    """Read and decode ``path``; a :class:`Problem` (with ``code``) instead of any exception.

    ``code`` is the rule that owns "cannot read this file" for the caller: RL003 for a
    requirements file or include, RL005 for a pip config file, RL006 for pyproject.toml.
    """
    shown = display if display is not None else display_path(path)
    where = Location(shown)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return Problem(code, f"broken symbolic link: {shown} -> {os.readlink(path)}", where)
        return Problem(code, f"file not found: {shown}", where)
    except OSError as exc:
        return Problem(code, f"cannot read {shown}: {exc.strerror or exc}", where)
    if stat.S_ISDIR(st.st_mode):
        return Problem(code, f"{shown} is a directory, not a file", where)
    if not stat.S_ISREG(st.st_mode):
        return Problem(code, f"{shown} is not a regular file", where)
    if st.st_size > MAX_FILE_BYTES:
        return Problem(code, f"{shown} is {st.st_size // (1024 * 1024)} MiB; files over "
                       f"{MAX_FILE_BYTES // (1024 * 1024)} MiB are not read", where)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return Problem(code, f"cannot read {shown}: {exc.strerror or exc}", where)
    try:
        return TextFile.decode(shown, data, pep263=pep263)
    except DecodeError as exc:
        return Problem(code, f"{shown}: {exc}", where)


# ------------------------------------------------------------------------ what to lint

REQUIREMENTS_PATTERNS = ("requirements*.txt", "requirements*.in", "constraints*.txt",
                         "*-requirements.txt", "*_requirements.txt", "requirements*.pip")
PIPCONF_NAMES = frozenset({"pip.conf", "pip.ini"})
# conda: environment*.yml as conda's own docs name them, and conda.yml/conda.yaml, the name
# Azure ML and MLflow use for a job's or model's environment.
CONDA_PATTERNS = ("environment*.yml", "environment*.yaml", "conda.yml", "conda.yaml")
CI_NAMES = frozenset({".gitlab-ci.yml", ".gitlab-ci.yaml"})
# Dockerfile, Dockerfile.dev/-prod/_gpu, api.Dockerfile, Containerfile (same grammar);
# not documentation about one (Dockerfile.md).
_CONTAINER_NAME = re.compile(
    r"(?:(?:Dockerfile|Containerfile)(?:[.\-_].*)?|.+\.(?:Dockerfile|dockerfile|Containerfile))")
_NOT_CONTAINER = (".md", ".rst", ".txt")


def classify(path: str) -> SourceKind | None:
    """The adapter for a file by its name, or ``None`` when reqlint does not read it.

    Used for files found while walking a directory *and* for explicit arguments; an explicit
    argument that is not recognised is read as a requirements file (that is how pre-commit
    calls a hook, with whatever its ``files`` pattern matched).  A workflow is a YAML file
    directly in a ``.github/workflows`` folder (GitHub reads no subfolder of it).
    """
    p = Path(path)
    name = p.name
    if name in PIPCONF_NAMES:
        return SourceKind.PIPCONF
    if name == "pyproject.toml":
        return SourceKind.PYPROJECT
    if any(fnmatch.fnmatchcase(name, pat) for pat in CONDA_PATTERNS):
        return SourceKind.CONDA
    if name in CI_NAMES or (name.endswith((".yml", ".yaml")) and p.parent.name == "workflows"
                            and p.parent.parent.name == ".github"):
        return SourceKind.CI
    if name == "tox.ini":
        return SourceKind.TOX
    if _CONTAINER_NAME.fullmatch(name) and not name.endswith(_NOT_CONTAINER):
        return SourceKind.DOCKERFILE
    if any(fnmatch.fnmatch(name, pat) for pat in REQUIREMENTS_PATTERNS):
        return SourceKind.REQUIREMENTS
    parent = p.parent.name
    if parent in {"requirements", "requirements-dev", "reqs"} and name.endswith((".txt", ".in")):
        return SourceKind.REQUIREMENTS
    return None


def _by_extension(path: str) -> SourceKind:
    """An explicit file with a name reqlint does not know: judged by its extension (a YAML
    file is a conda environment, an .ini/.conf a pip config), else a requirements file."""
    suffix = Path(path).suffix.lower()
    if suffix in (".yml", ".yaml"):
        return SourceKind.CONDA
    if suffix in (".conf", ".ini", ".cfg"):
        return SourceKind.PIPCONF
    if suffix == ".toml":
        return SourceKind.PYPROJECT
    return SourceKind.REQUIREMENTS


def walk(root: str, exclude: Iterable[str] = ()) -> Iterator[Candidate]:
    """Files under ``root`` that reqlint reads, sorted, skipping VCS/venv/build folders."""
    patterns = tuple(exclude)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames
            if d not in SKIP_DIRS and not d.endswith(".egg-info")
            and not os.path.exists(os.path.join(dirpath, d, "pyvenv.cfg"))
            and not _excluded(os.path.join(dirpath, d), patterns))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            kind = classify(full)
            if kind is not None and not _excluded(full, patterns):
                yield Candidate(os.path.normpath(full), kind)


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    posix = Path(path).as_posix()
    if posix.startswith("./"):
        posix = posix[2:]
    return any(fnmatch.fnmatch(posix, pat) or fnmatch.fnmatch(Path(path).name, pat)
               or posix.startswith(pat.rstrip("/") + "/") for pat in patterns)


def candidates(paths: Iterable[str], exclude: Iterable[str] = ()) -> list[Candidate]:
    """Explicit paths: files are taken whatever their name; directories are walked."""
    found: dict[str, Candidate] = {}
    exclude = tuple(exclude)
    for path in paths:
        if os.path.isdir(path):
            for cand in walk(path, exclude):
                found.setdefault(cand.path, cand)
        else:
            norm = os.path.normpath(path)
            found.setdefault(norm, Candidate(norm, classify(norm) or _by_extension(norm)))
    return sorted(found.values(), key=lambda c: c.path)
