"""pip commands as a repository writes them: which files a command line passes to ``-r`` and
``-c``.

One reading for both of its users, so they never disagree: :mod:`reqlint.discovery` lints
the files a scanned CI file, tox.ini or Dockerfile installs or constrains, and
:mod:`reqlint.context` says how the repository's commands use each file (installed,
constraints, only uninstalled).  A command's arguments may run over several physical lines
(a Dockerfile ``RUN`` or a shell script with ``\\`` continuations): :func:`logical_lines`
joins them first, as the shell does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reqlint._lazyre import LazyPattern

# pip's file options on a command line: `-r FILE`, `--requirement=FILE`, `-c FILE`,
# `--constraint FILE` (and uv's plural spellings); a path with a variable or a shell
# character in it is left alone
_FILE_OPTION = LazyPattern(
    r"(?:^|[\s(])(?P<opt>-[rc]|--requirements?|--constraints?)(?:=|[ \t]*)['\"]?"
    r"(?P<path>[^\s'\"$`;&|()<>{}%*?]+)['\"]?(?=$|[\s;&|)])"
)
# pip or uv pip and its command, after any global options (`pip --no-cache-dir install`);
# a Makefile's `$(PIP) install`
_PIP_COMMAND = LazyPattern(
    r"(?:^|[\s/({])(?i:pip)(?:\d+(?:\.\d+)*)?(?:\.exe)?[)}]?(?:\s+--?[\w-]+(?:=\S*)?)*\s+"
    r"(?P<verb>uninstall|install|download|wheel|sync|compile)\b"
)
_SEPARATORS = LazyPattern(r"&&|\|\||[;|]")
# tox runs its commands in tox.ini's folder: its substitutions for that folder
_TOX_FOLDER = ("{toxinidir}", "{tox_root}")
# PIP_CONSTRAINT set for pip commands: a workflow's `env:` (`PIP_CONSTRAINT: x`), a
# Dockerfile `ENV`/`ARG`, `export`, `PIP_CONSTRAINT=x pip install`, a tox `setenv` line; a
# value with a variable or a shell character in it is left alone
_CONSTRAINT_VARIABLE = LazyPattern(
    r"(?:^|[\s;&|(])PIP_CONSTRAINT[ \t]*[:=][ \t]*['\"]?"
    r"(?P<path>[^\s'\"$`;&|()<>{}%*?]+)['\"]?(?=$|[\s;&|)])"
)


def constraint_variables(line: str, tox_folder: str = "") -> list[tuple[str, bool]]:
    """The files (or URLs) one line sets ``PIP_CONSTRAINT`` to, as written, each with
    whether it is a command's own prefix (``PIP_CONSTRAINT=x pip install``): pip reads
    each as a ``-c`` file on every install that sees the variable (pip splits a value
    on whitespace: each file).  A comment line sets nothing."""
    if "PIP_CONSTRAINT" not in line or line.lstrip().startswith("#"):
        return []
    if tox_folder and "{" in line:
        for name in _TOX_FOLDER:
            line = line.replace(name, tox_folder)
    # a CI job's workspace is the repository's checkout: a path below it is relative
    line = _WORKSPACE.sub("", line)
    # Dockerfile's legacy `ENV PIP_CONSTRAINT value` (one variable, the rest its value)
    line = _LEGACY_ENV.sub(r"\g<1>PIP_CONSTRAINT=\g<2>", line)
    out: list[tuple[str, bool]] = []
    setting = line.lstrip().startswith(("ENV", "ARG", "export"))
    quoted = [m for m in _QUOTED_CONSTRAINTS.finditer(line) if len(m["value"].split()) > 1]
    for m in quoted:  # "a.txt b.txt": pip splits the value on whitespace, each a -c file
        inline = bool(line[m.end() :].strip()) and not setting
        out.extend((word, inline) for word in m["value"].split() if _PLAIN_PATH.fullmatch(word))
    for m in _CONSTRAINT_VARIABLE.finditer(line):
        if any(q.start() <= m.start() < q.end() for q in quoted):
            continue
        inline = bool(line[m.end() :].strip()) and not setting
        out.append((m["path"], inline))
    return out


_WORKSPACE = LazyPattern(
    r"(?:\$\{\{\s*github\.workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?|\$\{?CI_PROJECT_DIR\}?)/"
)
_LEGACY_ENV = LazyPattern(r"^(\s*ENV\s+)PIP_CONSTRAINT\s+(?!=)(\S)", re.IGNORECASE)
_QUOTED_CONSTRAINTS = LazyPattern(
    r"(?:^|[\s;&|(])PIP_CONSTRAINT[ \t]*[:=][ \t]*(?P<q>['\"])(?P<value>[^'\"\n]*)(?P=q)"
)
_PLAIN_PATH = LazyPattern(r"[^\s'\"$`;&|()<>{}%*?]+")


def command_uses(line: str, tox_folder: str = "") -> list[tuple[str, list[tuple[str, str]]]]:
    """Each pip or uv pip command on one (logical) line of a CI file, Dockerfile, Makefile,
    script or tox.ini, as ``(command, [(use, path as written), ...])``: its file options,
    each ``install`` (``-r``), ``constraint`` (``-c``) or ``uninstall`` (``pip uninstall
    -r``).  In tox.ini (``tox_folder`` given) ``{toxinidir}``/``{tox_root}`` stand for
    that folder."""
    if tox_folder and "{" in line:
        for name in _TOX_FOLDER:
            line = line.replace(name, tox_folder)
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for part in _SEPARATORS.compiled.split(line):
        found = _PIP_COMMAND.search(part)
        if found is None:
            continue
        verb = found["verb"]
        files: list[tuple[str, str]] = []
        for match in _FILE_OPTION.finditer(part, found.end()):
            constraint = is_constraint_option(match["opt"])
            if verb == "uninstall":
                if not constraint:  # pip uninstall has no -c
                    files.append(("uninstall", match["path"]))
            else:
                files.append(("constraint" if constraint else "install", match["path"]))
        if files:
            out.append((f"pip {verb}", files))
    return out


# A tox `deps`/`constraints` line is pip's arguments already (tox hands each line to pip as
# a requirements-file line, no pip command before it): `-r FILE`, `-rFILE`,
# `--requirement[= ]FILE`, `-c`/`--constraint` alike (and uv's plural spellings, for
# tox-uv), quoted or not.  A path that runs into a variable or a shell character is no
# file name here; tox's `{toxinidir}`/`{env:X}` substitutions are the caller's to read.
_DEPS_FILE_OPTION = LazyPattern(
    r"(?:^|[\s;&|(=])(?P<opt>-[rc]|--requirements?|--constraints?)(?:[ \t]*=[ \t]*|[ \t]*)"
    r"(?P<q>['\"]?)(?P<path>[^\s'\"$`;&|()<>]+)(?P=q)(?=$|[\s;&|)])"
)


def deps_file_options(line: str) -> list[tuple[str, str, int, int]]:
    """Each ``-r``/``-c`` of one tox ``deps`` (or ``constraints``) line, as ``(option, path
    as written, where the option starts, where the path ends)``: the one reading of such a
    line for discovery (which files a scan adds), the tox reader (RL003 for a missing file)
    and the repository context (which files each tox env installs or constrains)."""
    if "-" not in line:
        return []
    return [
        (m["opt"], m["path"], m.start("opt"), m.end("path"))
        for m in _DEPS_FILE_OPTION.finditer(line)
    ]


# Read the Docs' configuration (.readthedocs.yaml, a legacy readthedocs.yml): its
# `python.install` entries' `requirements: FILE` are `pip install -r FILE` run at the
# repository's top; its `build.commands`/`build.jobs` lines are shell commands
READTHEDOCS = LazyPattern(r"(^|/)\.?readthedocs\.ya?ml$")
_RTD_REQUIREMENTS = LazyPattern(
    r"^(?P<lead>\s*(?:-\s+)?)requirements:\s*(?P<q>['\"]?)(?P<path>[^'\"\s#]+)(?P=q)\s*(?:#.*)?$"
)


def readthedocs_installs(text: str) -> str:
    """Read the Docs' ``requirements: FILE`` entries written as the command it runs for
    each (``pip install -r FILE``), each on its own line, so the readers of commands see
    it; every other line as it is."""
    return "\n".join(
        _RTD_REQUIREMENTS.sub(r"\g<lead>pip install -r \g<path>", line) for line in text.split("\n")
    )


def ci_workdir(folder: str) -> str:
    """The folder a CI file's steps run their commands in: the repository's checkout,
    which is the folder holding ``.github`` or ``.circleci`` when the file is below one
    (a workflow, a composite action, CircleCI's config), else the file's own folder (a
    ``.gitlab-ci.yml``, an ``azure-pipelines.yml``)."""
    import os

    parts = folder.split(os.sep)
    held = next((d for d in (".github", ".circleci") if d in parts), None)
    return os.sep.join(parts[: parts.index(held)]) if held else folder


def readthedocs_workdir(folder: str) -> str | None:
    """The folder a Read the Docs configuration in ``folder`` runs its commands and reads
    its paths in: the repository's checkout, whatever folder the configuration is kept in
    (certbot keeps one per package, ``certbot-dns-ovh/.readthedocs.yaml``, whose commands
    name ``tools/requirements.txt`` at the top).  None without a ``.git`` above."""
    import os

    here = folder
    while not os.path.exists(os.path.join(here, ".git")):
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
    return here


def is_constraint_option(option: str) -> bool:
    """Whether a file option (``-c``, ``--constraint``, uv's ``--constraints``) constrains."""
    return option in ("-c", "--constraint", "--constraints")


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(first line's number, line)`` with each backslash continuation joined, as a shell,
    a Dockerfile ``RUN`` and a make recipe read them."""
    lines = text.splitlines()
    k = 0
    while k < len(lines):
        first, line = k + 1, lines[k]
        while line.rstrip().endswith("\\") and k + 1 < len(lines):
            k += 1
            line = line.rstrip()[:-1] + " " + lines[k]
        k += 1
        yield first, line
