"""Shell scripts (``*.sh``, ``*.bash``) and Makefiles: the pip and uv commands they run.

Read as a CI ``run:`` step is (:mod:`reqlint.sources._shell`): index options of
``pip``/``python -m pip``/``uv pip`` install commands in any spelling pip accepts,
``export PIP_...=`` and ``PIP_...=value command`` assignments, a pip config file the script
writes, and VCS requirements named on an install command line (RL204's).  A release check
that installs from TestPyPI with PyPI beside it (accelerate's Makefile, sktime's
``check_install_from_test_pypi.sh``) is written in such files, not in CI YAML.

A Makefile is read recipe line by recipe line (a line that starts with a tab), as make runs
each in a shell of its own: ``\\`` continues a recipe line on the next one, the ``@``,
``-`` and ``+`` prefixes are make's, and make's ``$$`` is the shell's ``$``.  Make
variables (``$(PYTHON)``) are left as written: a command that starts with one is not read.

Fix policy: nothing is edited.  An option inside a command cannot be commented out without
dropping the command; the remedy says so.
"""

from __future__ import annotations

import posixpath
import re

from reqlint._records import replace
from reqlint.model import ParsedSource, Problem, Requirement, Setting, SourceContext, SourceKind
from reqlint.sources._notebook import notebook_scripts
from reqlint.sources._shell import (
    FileOption,
    command_problems,
    command_requirements,
    command_settings,
    conf_write_settings,
    file_options,
    missing_files,
)
from reqlint.suppress import line_suppressions
from reqlint.text import MappedText, TextFile

__all__ = ["parse"]

_NO_CONTEXT = SourceContext()
_RECIPE_PREFIXES = "@-+"
_DEFINE = re.compile(r"(?:(?:override|export)\s+)*define\s")
_MAKE_VARIABLE = re.compile(r"\$\((?P<name>[A-Za-z_][A-Za-z0-9_.-]*)\)")


def parse(text_file: TextFile, ctx: SourceContext = _NO_CONTEXT) -> ParsedSource:
    """Index settings and VCS requirements of a shell script or a Makefile."""
    text = text_file.text
    settings: list[Setting] = []
    requirements: list[Requirement] = []
    problems: list[Problem] = []
    # Nearly every script installs nothing with pip: say so without scanning its words.
    if "pip" in text or "PIP_" in text or "UV_" in text:
        make = is_makefile(text_file.path, text)
        notebook = text_file.path.endswith(".ipynb")
        opened: list[FileOption] = []
        for route, script in _scripts(text_file):
            if not notebook:  # a notebook's %cd lasts across cells: its folder is unknown
                opened.extend(file_options(script, route)[0])
            found = command_settings(text_file, script, SourceKind.SCRIPT, route)
            if make:
                # `raw` is the file's text: make's $$ and $(NAME) spelled as the shell
                # gets them, so that a reference is one (RL104 reads `raw`).  A variable a
                # recipe line exports dies with that line's shell: it is that line's alone,
                # not the file's (as a CI step's export is).
                found = _recipe_scoped([replace(s, raw=_as_shell(s.raw)) for s in found], route)
            elif notebook:
                found = _recipe_scoped(found, route)  # each line or cell: a shell of its own
            settings.extend(found)
            settings.extend(conf_write_settings(text_file, script, SourceKind.SCRIPT, route))
            named, invalid = command_requirements(text_file, script, route)
            requirements.extend(named)
            problems.extend(invalid)
            problems.extend(command_problems(text_file, script, route))
        if opened:
            problems.extend(_unopened(text_file, opened, make))
    return ParsedSource(
        text_file.path,
        SourceKind.SCRIPT,
        requirements=tuple(requirements),
        settings=tuple(settings),
        problems=tuple(problems),
        suppressions=line_suppressions(text_file),
    )


def _unopened(text_file: TextFile, opened: list[FileOption], make: bool) -> list[Problem]:
    """RL003 for the ``-r``/``-c`` files its commands open that are not there (werkzeug's
    devcontainer script installed ``requirements/dev.txt`` after the file was removed,
    trial 18).  make runs a recipe in the Makefile's folder; a shell script is run from
    a folder this file does not say, so a file is missing only when it is in none of the
    script's folder and the folders above it, up to the repository's top (a script
    outside a git work tree is not judged)."""
    import os

    if not os.path.isfile(text_file.path):
        return []  # a text not read from its file: where would it run?
    here = os.path.dirname(os.path.abspath(text_file.path))
    if make:
        return missing_files(
            text_file, opened, [here], "in the Makefile's folder, where make runs it"
        )
    bases = [here]
    while not os.path.exists(os.path.join(here, ".git")):
        parent = os.path.dirname(here)
        if parent == here:
            return []
        here = parent
        bases.append(here)
    if _runs_in_an_image(text_file.path, bases):
        return []
    return missing_files(
        text_file, opened, bases, "in the script's folder or any folder above it in the repository"
    )


_IMAGE_FOLDER = re.compile(r"(?i)docker|(?<!dev)container|image")  # not .devcontainer
_DOCKERFILE = re.compile(r"(?i)(?:.*[.\-_])?(?:dockerfile|containerfile)(?:[.\-_].*)?")


def _runs_in_an_image(path: str, bases: list[str]) -> bool:
    """A script kept for an image (in a ``docker/`` folder, or named by a Dockerfile
    beside it or above it): it runs in the image's folders, where ``COPY`` put the files,
    not in the repository's.  (A dev container mounts the checkout: its scripts run
    there.)"""
    import os

    name = os.path.basename(path)
    if any(_IMAGE_FOLDER.search(os.path.basename(b)) for b in bases[:-1]):
        return True
    for base in bases:
        try:
            entries = os.listdir(base)
        except OSError:
            continue
        for entry in entries:
            if _DOCKERFILE.fullmatch(entry):
                try:
                    with open(os.path.join(base, entry), encoding="utf-8", errors="replace") as f:
                        if name in f.read(1 << 20):
                            return True
                except OSError:
                    continue
    return False


def _recipe_scoped(found: list[Setting], route: str) -> list[Setting]:
    """An exported variable applies to the commands of its recipe line (each of them,
    as a command prefix's does), and to nothing else."""
    commands = list(dict.fromkeys(s.invocation for s in found if s.invocation))
    out: list[Setting] = []
    for setting in found:
        if setting.invocation:
            out.append(setting)
        else:
            out.extend(
                replace(setting, invocation=command) for command in commands or [f"{route}#-"]
            )
    return out


def _as_shell(raw: str) -> str:
    return _MAKE_VARIABLE.sub(lambda m: "${" + m["name"] + "}", raw.replace("$$", "$"))


def is_makefile(path: str, text: str = "") -> bool:
    """A Makefile by its name (debian/rules is one), or by its ``#!`` line (``#!/usr/bin/make
    -f``: a file named on the command line)."""
    posix = path.replace("\\", "/")
    name = posixpath.basename(posix)
    if name in ("Makefile", "makefile", "GNUmakefile") or name.endswith(".mk"):
        return True
    if posix == "debian/rules" or posix.endswith("/debian/rules"):
        return True
    return text.startswith("#!") and _MAKE_SHEBANG.match(text) is not None


_MAKE_SHEBANG = re.compile(r"#![ \t]*(?:\S*/)?(?:env[ \t]+(?:-\S+[ \t]+)*)?g?make\b")


def _scripts(text_file: TextFile) -> list[tuple[str, MappedText]]:
    """``(route, script)``: the whole file for a shell script; each recipe line (with its
    continuations) for a Makefile; each shell line or shell cell of a notebook."""
    text = text_file.text
    if text_file.path.endswith(".ipynb"):
        return list(notebook_scripts(text))
    if not is_makefile(text_file.path, text):
        return [("script", MappedText.region(text, 0, len(text)))]
    out: list[tuple[str, MappedText]] = []
    chars: list[str] = []
    offsets: list[tuple[int, int]] = []
    first = 0
    defining = False  # inside `define NAME` ... `endef`: a variable's text, not a recipe
    for number, start, end, _ in text_file.physical_lines():
        line = text[start:end]
        if not chars:
            if defining:
                defining = (line.split() or [""])[0] != "endef"
                continue
            if _DEFINE.match(line):
                defining = True
                continue
            if not line.startswith("\t"):
                continue
            first = number
            at = start + 1
            while at < end and text[at] in _RECIPE_PREFIXES:
                at += 1
        else:
            chars.append("\n")
            offsets.append((start - 1, start))
            at = start + 1 if line.startswith("\t") else start  # make drops that tab
        k = at
        while k < end:
            if text.startswith("$$", k):  # make's $$ is one $ for the shell
                chars.append("$")
                offsets.append((k, k + 2))
                k += 2
                continue
            variable = _MAKE_VARIABLE.match(text, k, end)
            if variable is not None:
                # $(NAME): make's variable, a reference as ${NAME} is (its value is not
                # written here): spelled so, character for character
                name = variable["name"]
                chars.extend(["$", "{", *name, "}"])
                offsets.extend((j, j + 1) for j in range(k, variable.end()))
                k = variable.end()
                continue
            chars.append(text[k])
            offsets.append((k, k + 1))
            k += 1
        if not line.endswith("\\"):
            out.append((f"recipe (line {first})", MappedText("".join(chars), offsets)))
            chars, offsets = [], []
    if chars:
        out.append((f"recipe (line {first})", MappedText("".join(chars), offsets)))
    return out
