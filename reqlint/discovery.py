"""Paths -> the files to lint, and the one guarded way to read a file.

``read_text`` never raises for bad input: a directory, a broken symlink, an unreadable,
binary, undecodable or huge file comes back as a :class:`~reqlint.model.Problem` with the
file (and line where there is one), so one bad file never stops the run.
"""

from __future__ import annotations

import fnmatch
import ntpath
import os
import posixpath
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from reqlint._lazyre import LazyPattern
from reqlint._records import dataclass
from reqlint.model import Location, Problem, SourceKind
from reqlint.text import DecodeError, TextFile

# Larger files are not requirements files; reading one whole would only waste memory.
# REQLINT_MAX_FILE_BYTES (a number of bytes) sets another limit; docs/security.md.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_FILE_BYTES_VARIABLE = "REQLINT_MAX_FILE_BYTES"


def max_file_bytes() -> int:
    """The size limit in force: ``REQLINT_MAX_FILE_BYTES`` when it is a positive whole
    number of bytes, else :data:`MAX_FILE_BYTES`."""
    value = os.environ.get(MAX_FILE_BYTES_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_FILE_BYTES


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n >= 1024 * 1024 else f"{n} bytes"


SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "env",
        ".env",
        "virtualenv",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "build",
        "dist",
        "site-packages",
        ".eggs",
        ".direnv",
        ".cache",
    }
)
# Of those, the names a project may use for a folder of its own (jax keeps its lock files in
# build/): skipped only when git tracks nothing in them.
SKIP_UNLESS_TRACKED = frozenset({"build", "dist", "env"})
# Test data: a fixtures/data folder below a tests folder (poetry's tests/fixtures, pip's
# tests/data, TorchServe's test/pytest/test_data) holds files that exist for tests to read,
# not installs anyone runs; a folder scan does not enter it.  Naming the folder (or a file
# in it) on the command line lints it: the folder a scan starts from does not count.
TEST_FOLDERS = frozenset({"tests", "test", "testing"})
TEST_DATA_DIRS = frozenset({"fixtures", "data", "testdata", "test_data", "test-data"})


def is_test_data(rel_parts: Sequence[str]) -> bool:
    """Whether a folder (its path below the scan root, as parts) is test data."""
    return (
        bool(rel_parts)
        and rel_parts[-1] in TEST_DATA_DIRS
        and any(part in TEST_FOLDERS for part in rel_parts[:-1])
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to lint and the adapter that reads it."""

    path: str
    kind: SourceKind
    # The file's bytes when they do not come from the disk (standard input, read as
    # ``path``); includes are still read from the disk, relative to ``path``.
    data: bytes | None = None


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


def read_text(
    path: str, *, pep263: bool = True, display: str | None = None, code: str = "RL003"
) -> TextFile | Problem:
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
    limit = max_file_bytes()
    too_big = (
        f"files over {_size(limit)} are not read (set {MAX_FILE_BYTES_VARIABLE} "
        "to read larger ones)"
    )
    if st.st_size > limit:
        return Problem(code, f"{shown} is {_size(st.st_size)}; {too_big}", where)
    try:
        with open(path, "rb") as handle:
            # never more than the limit, whatever stat said (a file in /proc says 0, a
            # file may grow while it is read)
            data = handle.read(limit + 1)
    except OSError as exc:
        return Problem(code, f"cannot read {shown}: {exc.strerror or exc}", where)
    if len(data) > limit:
        return Problem(code, f"{shown} is larger than {_size(limit)}; {too_big}", where)
    try:
        return TextFile.decode(shown, data, pep263=pep263)
    except DecodeError as exc:
        return Problem(code, f"{shown}: {exc}", where)


# ------------------------------------------------------------------------ what to lint
#
# One definition of the files reqlint reads by name: ``classify`` (the folder scan) and the
# pre-commit hooks' ``files:``/``exclude:`` patterns (``HOOK_FILES``/``HOOK_EXCLUDE``, copied
# into .pre-commit-hooks.yaml and compared with it by a test) are built from these tables.
# Each pattern is searched in a path relative to the repository holding the scanned
# folder (``scan_base``; the repository root for pre-commit), with ``/`` separators.

# Files inside a requirements folder that are not pip files: packaging and prose.
_NOT_PIP = (
    r"(?!(?:MANIFEST\.in|bindep\.txt|CMakeLists\.txt|(?i:readme|licen[cs]e|copying"
    r"|notice|authors|contributors|changelog|changes|history|news|todo)[^/]*)$)"
)
REQUIREMENT_FOLDERS = ("requirements", "requirements-dev", "reqs", "constraints")

_KIND_PATTERNS: tuple[tuple[SourceKind, str], ...] = (
    (SourceKind.PIPCONF, r"(^|/)pip\.(conf|ini)$"),
    (SourceKind.PYPROJECT, r"(^|/)pyproject\.toml$"),
    # conda: environment*.yml as conda's own docs name them, and conda.yml/conda.yaml, the
    # name Azure ML and MLflow use for a job's or model's environment.
    (SourceKind.CONDA, r"(^|/)(environment[^/]*|conda)\.ya?ml$"),
    # and a YAML file below a requirements folder (deepchem's requirements/torch/
    # env_torch.cpu.yml, merged by conda-merge for CI): an install list there is conda's
    (
        SourceKind.CONDA,
        r"(^|/)("
        + "|".join(re.escape(f) for f in REQUIREMENT_FOLDERS)
        + r")/([^/]+/)*[^/]+\.ya?ml$",
    ),
    (SourceKind.CI, r"(^|/)\.gitlab-ci\.ya?ml$"),
    (SourceKind.CI, r"(^|/)\.circleci/config\.ya?ml$"),
    (SourceKind.CI, r"(^|/)azure-pipelines[^/]*\.ya?ml$"),
    # Read the Docs' configuration: its python.install requirements and build commands
    # (certbot, netbox, readthedocs.org install their docs' lists there: trial 20)
    (SourceKind.CI, r"(^|/)\.?readthedocs\.ya?ml$"),
    # GitHub reads workflows only from .github/workflows itself, no subfolder of it; one
    # below the root is a checkout inside the folder scanned (a folder of repositories).
    (SourceKind.CI, r"(^|/)\.github/workflows/[^/]+\.ya?ml$"),
    # GitHub composite actions: their steps' run: and env: are a workflow's (a repository's
    # own under .github/actions/, or the repository is the action: action.yml at its root)
    # (DeepSpeed-MII keeps one under .github/workflows/setup-venv/: any folder of .github)
    (SourceKind.CI, r"(^|/)\.github/([^/]+/)+action\.ya?ml$|^action\.ya?ml$"),
    # tox.ini, and the files `tox -c` is given (readthedocs' tox.embedapi.ini)
    (SourceKind.TOX, r"(^|/)tox([.\-_][^/]*)?\.ini$"),
    # Dockerfile, Dockerfile.dev/-prod/_gpu, api.Dockerfile, Containerfile (same grammar),
    # securedrop's DemoDockerfile/SlimDockerfile;
    # not documentation about one (Dockerfile.md), nor BuildKit's per-Dockerfile ignore file
    # (Dockerfile.dockerignore).
    (
        SourceKind.DOCKERFILE,
        r"(^|/)(?![^/]*\.(md|rst|txt|dockerignore)$)"
        r"([^/]*(Dockerfile|Containerfile)([.\-_][^/]*)?"
        r"|[^/]+\.(Dockerfile|dockerfile|Containerfile))$",
    ),
    # Shell scripts and Makefiles: the pip commands of release checks and set-up scripts
    # (accelerate's Makefile installs from TestPyPI with PyPI beside it)
    # (and debian/rules, a Makefile: securedrop builds its virtualenvs there with pip)
    (
        SourceKind.SCRIPT,
        r"(^|/)[^/]+\.(sh|bash)$|(^|/)(GNUmakefile|[Mm]akefile|[^/]+\.mk|debian/rules)$",
    ),
    # Jupyter notebooks: `!pip install ...` and `%pip` lines, `%%bash` cells (tutorials
    # users copy: NeMo's `!pip install torchaudio>=0.13.0 -f .../torch_stable.html`)
    (SourceKind.SCRIPT, r"(^|/)[^/]+\.ipynb$"),
    # test-requirements.txt, requirements-dev.in (pip-compile inputs), requirements.pip
    (SourceKind.REQUIREMENTS, r"(^|/)[^/]*requirements[^/]*\.(txt|in|pip)$"),
    # constraints.txt, upper-constraints.txt, oldest_constraints.txt
    (SourceKind.REQUIREMENTS, r"(^|/)[^/]*constraints[^/]*\.(txt|in)$"),
    # every .txt/.in below a requirements folder, at any depth (requirements/pytorch/base.txt)
    (
        SourceKind.REQUIREMENTS,
        r"(^|/)("
        + "|".join(re.escape(f) for f in REQUIREMENT_FOLDERS)
        + r")/([^/]+/)*"
        + _NOT_PIP
        + r"[^/]+\.(txt|in)$",
    ),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _KIND_PATTERNS)

HOOK_FILES = "(?x)\n" + "\n| ".join(pattern for _, pattern in _KIND_PATTERNS) + "\n"
# pre-commit passes only files git tracks, and a tracked file in build/, dist/ or env/ is
# read by a scan too (SKIP_UNLESS_TRACKED): the hook leaves those folders in.
HOOK_EXCLUDE = (
    "(?x)(^|/)("
    + "|".join(re.escape(d) for d in sorted(SKIP_DIRS - SKIP_UNLESS_TRACKED))
    + r"|[^/]+\.egg-info"
    + "|("
    + "|".join(re.escape(d) for d in sorted(TEST_FOLDERS))
    + r")/([^/]+/)*("
    + "|".join(re.escape(d) for d in sorted(TEST_DATA_DIRS))
    + "))/"
    + "\n"
)

# Explicit files that are certainly not pip files: a warning, not RL001 on every line
# (Heroku's runtime.txt holds `python-3.11.4`, which reads as a requirement's name).
_NOT_PIP_EXPLICIT = LazyPattern(
    r"(?i:.*\.(py|pyi|md|rst|json|lock|html?|cfg|sh|js|ts|c|h|rs|go|css|scss|svg|po|pot|xml"
    r"|csv)|setup\.cfg|MANIFEST\.in|bindep\.txt|CMakeLists\.txt|Pipfile|Jenkinsfile|Procfile"
    r"|Vagrantfile|runtime\.txt|\.python-version|\.editorconfig|"
    r"(readme|licen[cs]e|copying|notice|authors|changelog|changes|history)([.\-_][^/]*)?)"
)
NOT_READ = (
    "is not a file reqlint reads (requirements, pip config, pyproject.toml, conda, CI, "
    "tox.ini or Dockerfile)"
)
# A script's first line: `#!/bin/sh`, `#!/usr/bin/env bash`, debian/rules' `#!/usr/bin/make -f`
_SHEBANG = LazyPattern(r"#![ \t]*(?:\S*/)?(?:env[ \t]+(?:-\S+[ \t]+)*)?(?P<program>[\w.+-]+)")
_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "ash", "make"})
# A line a requirements file could hold: a pip option, a path or URL, or a name that a
# specifier, extras, a marker, `@ url`, per-requirement options or nothing follows
# (`rm -f config.py`, `}`, `[*]`, `Description=x`, `/usr/sbin/x {` are none of these; the
# typo `flask=2.0` is one, for RL001 to report)
_ENTRY = LazyPattern(
    r"--[a-z]|-[rcefi]|[.~/]\S*(?:$|[ \t]+(?:;|--|@))|[A-Za-z][\w+.-]*://"
    r"|[A-Za-z0-9][A-Za-z0-9._-]*[ \t]*(?:\[[\w.,\s-]*\][ \t]*)?(?:$|==|=[ \t]*\d|[;<>!~(@]"
    r"|[ \t]+--)"
)
_SNIFF_BYTES = 1 << 20
_BARE_VERSION = LazyPattern(r"[vV]?\d+(?:\.\d+)*")


def explicit_reading(path: str) -> tuple[SourceKind | None, str]:
    """:func:`explicit_kind`, and for a file it skips, why (for the CLI's warning).

    A file with no name reqlint knows is read by its content before it is read as a
    requirements file: a script with a shell or make ``#!`` line is a script (debian/
    rules), any other ``#!`` is no pip file, and one where fewer than half of the lines
    could be requirements or pip options is none either (securedrop's ``bin/dev-deps``
    read as requirements: 206 findings, and a "safe" fix commenting out shell lines,
    trial 18)."""
    kind = classify(path)
    if kind is not None:
        return kind, ""
    p = Path(path)
    if _NOT_PIP_EXPLICIT.fullmatch(p.name):
        return None, NOT_READ
    kind = _by_extension(path)
    if kind is SourceKind.PIPCONF:
        kind = _ini_kind(path)
        return kind, "" if kind is not None else NOT_READ
    if kind is not SourceKind.REQUIREMENTS:
        return kind, ""
    return _sniffed(path)


def _sniffed(path: str) -> tuple[SourceKind | None, str]:
    """A file read as requirements only by default, judged by what it holds."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # never open a FIFO here: it blocks
            return SourceKind.REQUIREMENTS, ""
        cap = max_file_bytes()
        if info.st_size > cap:
            return SourceKind.REQUIREMENTS, ""  # the reader says it is too large
        with open(path, "rb") as handle:
            # a larger file is judged by its first MiB (rich's 2.4 MB progress.gif)
            data = handle.read(min(cap + 1, _SNIFF_BYTES))
    except OSError:
        return SourceKind.REQUIREMENTS, ""  # the reader reports what cannot be read
    if len(data) > cap:  # larger than its size said (/proc): the reader says so
        return SourceKind.REQUIREMENTS, ""
    if len(data) == _SNIFF_BYTES:
        data = data[: data.rfind(b"\n") + 1] or data  # whole lines only
    if b"\0" in data:
        return None, "is a binary file, not a requirements file"
    text = data.decode("utf-8", errors="replace")
    if text.startswith("#!"):
        found = _SHEBANG.match(text)
        program = found["program"] if found is not None else ""
        if program.rstrip("0123456789.") in _SHELLS:
            return SourceKind.SCRIPT, ""
        return None, f"is a {program or 'script'} script (its #! line), not a pip file"
    entries = looks = 0
    from reqlint.commands import logical_lines

    for _, raw in logical_lines(text):
        line = raw.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        entries += 1
        # a bare version or tag (`v10.0.0`, asv's hash file) is a valid project name
        # that no one writes as a requirement
        looks += _ENTRY.match(line) is not None and _BARE_VERSION.fullmatch(line) is None
    if entries and looks * 2 < entries:
        return None, (
            f"does not read as a requirements file ({entries - looks} of its {entries} lines "
            "are neither a requirement nor a pip option), so it is not linted as one "
            "(a file named *requirements*.txt or .in always is)"
        )
    return SourceKind.REQUIREMENTS, ""


def _relative(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) when inside it."""
    base = os.path.abspath(root or os.getcwd())
    full = os.path.abspath(path)
    if full == base:
        return "."
    prefix = base.rstrip(os.sep) + os.sep
    if full.startswith(prefix):
        # both absolute and normal: what relpath would say, without its walk (a scan
        # classifies every file)
        rel = full[len(prefix) :]
        return rel if os.sep == "/" else Path(rel).as_posix()
    return Path(path).as_posix()


def classify(path: str, root: str | None = None) -> SourceKind | None:
    """The adapter for a file by its path relative to ``root`` (the scan's base, see
    :func:`scan_base`; default the working directory), or ``None`` when reqlint does not
    read it.

    Folders above ``root`` do not count: a checkout named ``requirements/`` does not make
    its ``bindep.txt`` a requirements file.
    """
    rel = _relative(path, root)
    for kind, pattern in _COMPILED:
        if pattern.search(rel):
            return kind
    return None


def scan_base(root: str, cwd: str | None = None) -> str:
    """The folder a scan of ``root`` reads names from: the repository holding it (the
    folder with ``.git``), else the working folder when ``root`` lies inside it, else
    ``root``.  ``reqlint check requirements`` inside warehouse reads
    ``requirements/main.txt`` as ``check .`` does: as a file of a requirements folder,
    where relative to ``requirements/`` itself it was nothing (trial 11)."""
    full = os.path.abspath(root)
    here = full
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    base = os.path.abspath(cwd or os.getcwd())
    return base if full.startswith(base.rstrip(os.sep) + os.sep) else full


def explicit_kind(path: str) -> SourceKind | None:
    """The adapter for a file named on the command line: by name as in a scan, else by
    its extension (a YAML file
    is a conda environment, an .ini/.conf a pip config, any other text a requirements file,
    as pre-commit passes whatever its ``files`` pattern matched, unless its content says
    otherwise: :func:`explicit_reading`) -- and ``None`` for a file that is certainly not
    a pip file (``setup.py``, ``README.md``, a Python script)."""
    return explicit_reading(path)[0]


# The sections pip reads in a configuration file: [global], and one per command.
_SECTION = LazyPattern(r"^[ \t]*\[([^\]\n]+)\]", re.MULTILINE)


def _ini_kind(path: str) -> SourceKind | None:
    """An explicit ``.ini``/``.conf`` file by its sections: a tox configuration
    (``[tox]``, ``[testenv...]``: ``tox -c tox-ci.ini``) is tox's; one with sections, none
    of which pip reads (``pytest.ini``'s ``[pytest]``), is no pip file; anything else (no
    file to look into, no section, a ``[global]``) is a pip configuration file."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(256 * 1024)
    except OSError:
        return SourceKind.PIPCONF  # the loader reports what is wrong with it
    sections = {m.group(1).strip().lower() for m in _SECTION.finditer(head)}
    if not sections:
        return SourceKind.PIPCONF
    if any(s in ("tox", "tox:tox") or s.startswith("testenv") for s in sections):
        return SourceKind.TOX
    from reqlint.pipopts import PIP_COMMANDS

    if any(s == "global" or s in PIP_COMMANDS for s in sections):
        return SourceKind.PIPCONF
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


def walk(
    root: str,
    exclude: Iterable[str] = (),
    *,
    skip: Callable[[str], bool] | None = None,
    respect_gitignore: bool = False,
    errors: list[str] | None = None,
) -> Iterator[Candidate]:
    """Files under ``root`` that reqlint reads, sorted, skipping VCS/venv/build folders.

    ``skip(path)`` says whether the configuration excludes a file or folder; with
    ``respect_gitignore`` what git ignores is skipped too (:mod:`reqlint.ignore`).  A folder
    that cannot be listed is reported in ``errors`` (``"cannot read folder ...: reason"``).
    """
    patterns = tuple(exclude)
    ignore = None
    if respect_gitignore:
        from reqlint.ignore import GitIgnore

        ignore = GitIgnore(root)
    from reqlint.ignore import Tracked

    # git never ignores a tracked file; asked only when something is about to be skipped
    tracked = Tracked(root)
    # folders entered only for the files git tracks in them (ignored, or build/dist/env)
    tracked_only: list[str] = []

    def configured_out(path: str) -> bool:
        return _excluded(path, patterns) or (skip is not None and skip(path))

    def failed(exc: OSError) -> None:
        if errors is not None:
            where = display_path(exc.filename) if exc.filename else root
            errors.append(f"cannot read folder {where}: {exc.strerror or exc}")

    base = scan_base(root)
    for dirpath, dirnames, filenames in os.walk(root, onerror=failed):
        inside = any(dirpath == t or dirpath.startswith(t + os.sep) for t in tracked_only)
        kept = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if (
                d.endswith(".egg-info")
                or (d in SKIP_DIRS and d not in SKIP_UNLESS_TRACKED)
                or (d in TEST_DATA_DIRS and is_test_data(_parts_below(root, full)))
                or os.path.exists(os.path.join(full, "pyvenv.cfg"))
                or configured_out(full)
            ):
                continue
            if (
                inside
                or d in SKIP_UNLESS_TRACKED
                or (ignore is not None and ignore.ignored(full, is_dir=True))
            ):
                if tracked.holds(full):
                    kept.append(d)
                    if not inside:
                        tracked_only.append(full)
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            kind = classify(full, base)
            if kind is None or configured_out(full):
                continue
            if (
                inside or (ignore is not None and ignore.ignored(full, is_dir=False))
            ) and not tracked.file(full):
                continue
            yield Candidate(os.path.normpath(full), kind)


def _parts_below(root: str, path: str) -> list[str]:
    """``path``'s parts below the scan root ``root`` (``path`` is ``root`` joined with more)."""
    rel = os.path.relpath(path, root)
    return [] if rel == "." else rel.split(os.sep)


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    posix = Path(path).as_posix()
    if posix.startswith("./"):
        posix = posix[2:]
    return any(
        fnmatch.fnmatch(posix, pat)
        or fnmatch.fnmatch(Path(path).name, pat)
        or posix.startswith(pat.rstrip("/") + "/")
        for pat in patterns
    )


def candidates(
    paths: Iterable[str],
    exclude: Iterable[str] = (),
    skipped: list[tuple[str, str]] | None = None,
    *,
    skip: Callable[[str], bool] | None = None,
    force_exclude: bool = False,
    respect_gitignore: bool = False,
    errors: list[str] | None = None,
) -> list[Candidate]:
    """Explicit paths: files are taken by :func:`explicit_kind`; directories are walked.

    An explicit file that is certainly not a pip file is left out and ``(path, why)``
    appended to ``skipped`` (the CLI warns about it once).  With ``force_exclude`` an
    explicit path that ``skip`` excludes is dropped too (ruff's ``--force-exclude``, what a
    pre-commit hook needs: pre-commit passes every file).
    """
    found: dict[str, Candidate] = {}
    exclude = tuple(exclude)
    for path in paths:
        if force_exclude and skip is not None and path not in (".", "") and skip(path):
            continue
        if os.path.isdir(path):
            walked = list(
                walk(path, exclude, skip=skip, respect_gitignore=respect_gitignore, errors=errors)
            )
            for cand in walked + commanded(walked, path, skip):
                found.setdefault(cand.path, cand)
        else:
            norm = os.path.normpath(path)
            kind, why = explicit_reading(norm)
            if kind is None:
                if skipped is not None:
                    skipped.append((norm, why))
                continue
            found.setdefault(norm, Candidate(norm, kind))
    return sorted(found.values(), key=lambda c: c.path)


def neighbours(
    named: Sequence[Candidate], skip: Callable[[str], bool] | None = None
) -> list[Candidate]:
    """The requirements files around the requirements files named on the command line,
    read as their context and not reported: a pre-commit run names the staged
    ``base_requirements.txt`` alone, and must judge it as ``check .`` does, beside its
    pinned twin, and read as the files that include it read it (celery's
    ``requirements/docs.txt`` including ``deps/mock.txt``; lightning's
    ``requirements/fabric/docs.txt`` including ``../docs.txt``).

    Looked at: each named file's folder, the folders directly inside it and the folder
    directly above it (not above the repository), by the names a scan reads; what the
    configuration excludes is left out, as a scan leaves it."""
    known = {os.path.realpath(c.path) for c in named}
    folders: dict[str, None] = {}
    for cand in named:
        if cand.kind is not SourceKind.REQUIREMENTS or cand.data is not None:
            continue
        folder = os.path.dirname(cand.path) or "."
        top = scan_base(folder)
        folders[folder] = None
        try:
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if (
                    entry.is_dir()
                    and entry.name not in SKIP_DIRS
                    and not entry.name.endswith(".egg-info")
                    and not is_test_data(_parts_below(top, os.path.abspath(entry.path)))
                    and not os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))
                ):
                    folders[os.path.normpath(entry.path)] = None
        except OSError:
            pass
        if os.path.abspath(folder) != top:
            folders[os.path.normpath(os.path.join(folder, os.pardir))] = None
    found: dict[str, Candidate] = {}
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        base = scan_base(folder)
        for name in names:
            path = os.path.normpath(os.path.join(folder, name))
            real = os.path.realpath(path)
            if real in known or real in found or not os.path.isfile(path):
                continue
            if classify(path, base) is not SourceKind.REQUIREMENTS:
                continue
            if skip is not None and skip(path):
                continue
            found[real] = Candidate(path, SourceKind.REQUIREMENTS)
    return list(found.values())


_COMMANDING = (SourceKind.CI, SourceKind.TOX, SourceKind.DOCKERFILE)
# `-r` of a file in another format: pip 26.3 reads a pylock.toml there, uv also
# pyproject.toml, setup.cfg and setup.py (pydantic's `uv pip install --requirements
# pylock.toml`: 325 false RL001 errors, trial 17); pyproject.toml is read as itself
_NOT_REQUIREMENTS = LazyPattern(r"\.(?:toml|cfg|py)$")
# A tox.ini line that starts a key (`deps =`, `commands_pre =`) or a section (no key)
_TOX_KEY = LazyPattern(r"^(?:\[|(?P<key>[A-Za-z_][\w-]*)\s*[=:])")


def _commanded_paths(kind: SourceKind, text: str, folder: str, name: str = "") -> Iterator[str]:
    """The paths (as written, tox's folder substituted) a CI file, tox.ini or Dockerfile
    passes to pip's ``-r``/``-c``: a tox ``deps``/``constraints`` line's own options, and
    elsewhere (tox commands included) a pip or uv pip command's (:mod:`reqlint.commands`,
    the reading the repository's roles come from; a command's arguments may run over
    ``\\`` continuation lines), and a relative ``PIP_CONSTRAINT`` set for them.  Files a
    command only uninstalls are not installs."""
    from reqlint.commands import (
        READTHEDOCS,
        command_uses,
        constraint_variables,
        deps_file_options,
        logical_lines,
        readthedocs_installs,
    )

    tox_folder = folder if kind is SourceKind.TOX else ""
    for line in text.splitlines():
        for target, _ in constraint_variables(line, tox_folder):
            # an absolute path is one in an image or on a runner, not the repository's;
            # tox's {toxinidir} is the folder's own
            if "://" not in target and (not os.path.isabs(target) or tox_folder):
                yield target
    if kind is SourceKind.TOX:
        key = ""  # the key whose value the line is (continuation lines keep it)
        for line in text.splitlines():
            found = _TOX_KEY.match(line)
            if found is not None:
                key = found["key"] or ""
            if key in ("deps", "constraints"):
                for _option, path, _start, _end in deps_file_options(line):
                    yield path.replace("{toxinidir}", folder).replace("{tox_root}", folder)
            elif "pip" in line:
                for _command, files in command_uses(line, folder):
                    yield from (path for use, path in files if use != "uninstall")
        return
    if READTHEDOCS.search(name.replace(os.sep, "/")):
        text = readthedocs_installs(text)
    for _number, line in logical_lines(text):
        if "pip" in line:
            for _command, files in command_uses(line):
                yield from (path for use, path in files if use != "uninstall")


def commanded(
    walked: Sequence[Candidate], root: str, skip: Callable[[str], bool] | None = None
) -> list[Candidate]:
    """Requirements files a scan did not choose by name that a pip command of a scanned
    CI file, tox.ini or Dockerfile installs with ``-r`` (jupyterhub's ``pip install -r
    ci/oldest-dependencies/requirements.old``) or constrains with ``-c``
    (great_expectations' ``ci/constraints-test/*.txt``): what those installs read is
    linted too.

    Each path is taken where the command runs: a workflow at the repository root (the
    folder holding ``.github``), a tox env in tox.ini's folder (``{toxinidir}``), a
    Dockerfile's ``RUN`` in its build context (its folder, else the folder scanned); a path
    with a variable in it is left alone, and so is one outside the folder scanned."""
    from reqlint.commands import READTHEDOCS, ci_workdir, readthedocs_workdir

    known = {os.path.realpath(c.path) for c in walked}
    top = os.path.realpath(root)
    extra: dict[str, Candidate] = {}
    for cand in walked:
        if cand.kind not in _COMMANDING:
            continue
        text = read_text(cand.path, pep263=False)
        if isinstance(text, Problem):
            continue  # the loader reports it
        folder = os.path.dirname(os.path.realpath(cand.path))
        if cand.kind is SourceKind.CI and READTHEDOCS.search(cand.path.replace(os.sep, "/")):
            bases = [readthedocs_workdir(folder) or folder]  # at the checkout's top
        elif cand.kind is SourceKind.CI:
            bases = [ci_workdir(folder)]  # steps run at the repository root
        elif cand.kind is SourceKind.TOX:
            bases = [folder]
        else:
            bases = [folder, top]
        for target in _commanded_paths(cand.kind, text.text, folder, cand.path):
            if "{" in target or "%" in target or _NOT_REQUIREMENTS.search(target):
                continue
            # the first base holding the file is where the command reads it (pip reads
            # it as a requirements file, whatever its name)
            reals = (os.path.realpath(os.path.join(base, target)) for base in bases)
            real = next((r for r in reals if os.path.isfile(r)), None)
            if real is None or real in known or real in extra:
                continue
            if not real.startswith(top + os.sep):
                continue
            shown = os.path.normpath(os.path.join(root, os.path.relpath(real, top)))
            if skip is None or not skip(shown):
                extra[real] = Candidate(shown, SourceKind.REQUIREMENTS)
    return list(extra.values())


# ------------------------------------------------------------------ where pip looks
# pip's configuration files follow pip._internal.configuration and
# pip._internal.utils.appdirs (platformdirs 4.12); only ``--system``/``doctor`` read them.


def config_files(
    environ: Mapping[str, str],
    *,
    home: str,
    sys_prefix: str,
    platform: str = sys.platform,
    base_prefix: str | None = None,
) -> list[tuple[str, str]]:
    """Every configuration file pip 26.3 reads, as ``(variant, path)`` in pip's order.

    Variants are ``global``, ``user``, ``site`` and ``env`` (``PIP_CONFIG_FILE``, read last).
    Existence is checked only where pip checks it: ``PIP_CONFIG_FILE`` naming an existing
    file switches the user files off, and on macOS the user folder depends on which folder
    exists.  ``PIP_CONFIG_FILE`` equal to ``os.devnull`` switches every file off.  A path
    that appears twice is listed once, at its first place: pip keys loaded values by file
    name, so the second load lands in the first one's slot.

    ``base_prefix`` (default ``sys_prefix``) only matters on macOS, where a Homebrew Python
    adds ``$HOMEBREW_PREFIX/share/pip`` to the global folders.
    """
    windows = platform.startswith("win")
    path = ntpath if windows else posixpath
    basename = "pip.ini" if windows else "pip.conf"
    devnull = "nul" if windows else "/dev/null"
    env_file = environ.get("PIP_CONFIG_FILE")
    if env_file == devnull:
        return []
    global_dirs, user_dir = _pip_dirs(
        environ, home=home, platform=platform, base_prefix=base_prefix or sys_prefix
    )
    found: list[tuple[str, str]] = [("global", path.join(d, basename)) for d in global_dirs]
    if not (env_file and os.path.exists(env_file)):
        legacy = path.join(home, "pip" if windows else ".pip", basename)
        found += [("user", legacy), ("user", path.join(user_dir, basename))]
    found.append(("site", path.join(sys_prefix, basename)))
    if env_file:
        found.append(("env", env_file))
    seen: set[str] = set()
    unique: list[tuple[str, str]] = []
    for variant, name in found:
        if name not in seen:
            seen.add(name)
            unique.append((variant, name))
    return unique


def _pip_dirs(
    environ: Mapping[str, str], *, home: str, platform: str, base_prefix: str
) -> tuple[list[str], str]:
    """pip's ``appdirs.site_config_dirs("pip")`` and ``appdirs.user_config_dir("pip")``."""
    if platform.startswith("win"):
        # platformdirs asks the Windows shell for these folders; without it (and here) the
        # environment variables name the same folders.
        appdata = _win_folder(
            environ, "APPDATA", ("APPDATA",), ntpath.join(home, "AppData", "Roaming")
        )
        common = _win_folder(
            environ, "COMMON_APPDATA", ("ALLUSERSPROFILE", "PROGRAMDATA"), "C:\\ProgramData"
        )
        return [ntpath.join(common, "pip")], ntpath.join(appdata, "pip")
    if platform == "darwin":
        data_dirs = _xdg_list(environ, "XDG_DATA_DIRS")
        if not data_dirs:
            brew = re.fullmatch(
                r"(?P<prefix>.+)/opt/python[^/]*/Frameworks/Python\.framework"
                r"/Versions/[^/]+",
                base_prefix,
            )
            data_dirs = [f"{brew['prefix']}/share"] if brew else []
            data_dirs.append("/Library/Application Support")
        data_home = _xdg_dir(environ, "XDG_DATA_HOME") or posixpath.join(
            home, "Library/Application Support"
        )
        user = posixpath.join(data_home, "pip")
        if not os.path.isdir(user):
            user = posixpath.join(home, ".config", "pip")
        return [posixpath.join(d, "pip") for d in data_dirs], user
    config_dirs = _xdg_list(environ, "XDG_CONFIG_DIRS") or ["/etc/xdg"]
    config_home = _xdg_dir(environ, "XDG_CONFIG_HOME") or posixpath.join(home, ".config")
    return (
        [posixpath.join(d, "pip") for d in config_dirs] + ["/etc"],
        posixpath.join(config_home, "pip"),
    )


def _xdg_dir(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name, "").strip()
    return value if posixpath.isabs(value) else None


def _xdg_list(environ: Mapping[str, str], name: str) -> list[str]:
    return [p.strip() for p in environ.get(name, "").split(":") if posixpath.isabs(p.strip())]


def _win_folder(
    environ: Mapping[str, str], csidl: str, names: tuple[str, ...], default: str
) -> str:
    override = environ.get(f"WIN_PD_OVERRIDE_{csidl}", "").strip()
    if ntpath.isabs(override) and ntpath.splitdrive(override)[0]:
        return ntpath.normpath(override)
    for name in names:
        if environ.get(name):
            return ntpath.normpath(environ[name])
    return default
