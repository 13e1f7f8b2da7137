"""RL012: which Dockerfile stages start from an externally managed system Python (PEP 668),
and which of their ``RUN`` commands pip would refuse there.

Debian marks its Python with ``/usr/lib/python3.X/EXTERNALLY-MANAGED`` from bookworm
(12) on, Ubuntu from 23.04 (lunar) on; pip (``utils/misc.check_externally_managed``)
then refuses any install into it outside a virtual environment, unless
``--break-system-packages`` is given, and does not check ``--target``/``--prefix``/
``--root`` installs nor ``--dry-run --report`` (``commands/install.py``).  What the stage
does first is read as plain words: anything that may put another Python (or a virtual
environment) first on the ``PATH`` makes the stage not judged, so the rule never guesses
against a working build.
"""

from __future__ import annotations

import re

from reqlint.model import Location, Problem
from reqlint.rules.rl012_externally_managed import CODE as RL012
from reqlint.text import MappedText, TextFile

# `ubuntu[:tag]`, `debian[:tag]`, maybe as docker.io/library/NAME
_IMAGE = re.compile(
    r"(?:(?:docker\.io|index\.docker\.io)/)?(?:library/)?(?P<name>ubuntu|debian)"
    r"(?::(?P<tag>[\w.-]+))?(?:@sha256:[0-9a-f]+)?",
    re.IGNORECASE,
)
_UBUNTU_NAMES = {"lunar", "mantic", "noble", "oracular", "plucky", "questing", "resolute"}
_DEBIAN_NAMES = {"bookworm", "trixie", "forky", "duke", "stable", "testing", "unstable", "sid"}
# Words that may put a virtual environment or another Python in front, or lift the check
_WAY_OUT = re.compile(
    r"venv|virtualenv|conda|mamba|pyenv|pipx|\buv\b|poetry|\bpdm\b|pixi|hatch|asdf"
    r"|break-system-packages|BREAK_SYSTEM_PACKAGES|EXTERNALLY-MANAGED|\bPATH\b|VIRTUAL_ENV"
    r"|altinstall|\./configure\b|python-build|PIP_CONFIG_FILE",
    re.IGNORECASE,
)
# A pip install run with the system's pip or python (no path in front: a venv's pip is)
_SYSTEM_PIP = re.compile(
    r"(?:^|[;&|(\n]|&&|\|\|)\s*(?:sudo\s+(?:-\S+\s+)*)?(?:[A-Za-z_]\w*=\S*\s+)*"
    r"(?P<pip>(?:python3?(?:\.\d+)?\s+-m\s+pip|pip3?(?:\.\d+)?))"
    r"(?:\s+--?[\w-]+(?:=\S*)?)*\s+install\b(?P<args>[^;&|\n]*)"
)
_NOT_CHECKED = re.compile(r"(?:^|\s)(?:--target|-t|--prefix|--root|--break-system-packages)\b")
# installs nothing: help and version
_NO_INSTALL = re.compile(r"(?:^|\s)(?:-h|--help|-V|--version)(?=\s|$)")
# `--dry-run --report FILE`: pip exempts exactly this pair from the check (for tools that
# ask what an install would do)
_DRY_RUN = re.compile(r"(?:^|\s)--dry-run(?=\s|$)")
_REPORT = re.compile(r"(?:^|\s)--report(?:[=\s]|$)")


def managed_image(image: str) -> bool:
    """Whether the base image ``image`` (as written after FROM) ships an externally
    managed system Python: Debian >= 12, Ubuntu >= 23.04 (no tag: latest)."""
    found = _IMAGE.fullmatch(image)
    if found is None:
        return False
    tag = (found["tag"] or "latest").lower()
    if "@" in image and not found["tag"]:
        return False  # a digest alone: which release is not written
    head = re.split(r"[-_]", tag, maxsplit=1)[0]
    if found["name"].lower() == "ubuntu":
        if head in ("latest", "rolling", "devel") or head in _UBUNTU_NAMES:
            return True
        number = re.fullmatch(r"(\d+)\.(\d+)", head)
        return number is not None and (int(number[1]), int(number[2])) >= (23, 4)
    if head in ("latest",) or head in _DEBIAN_NAMES:
        return True
    number = re.fullmatch(r"(\d+)(?:\.\d+)*", head)
    return number is not None and int(number[1]) >= 12


class ManagedStages:
    """Each stage's base (externally managed or not) and whether it has stepped out of
    the way before a ``RUN``; stages built ``FROM`` an earlier one inherit it."""

    def __init__(self) -> None:
        self.names: dict[str, tuple[str, bool]] = {}  # AS name -> (managed image, way out)
        self.image = ""  # the managed base of the current stage, or ""
        self.way_out = False

    def start(self, words: list[str]) -> None:
        args = [w for w in words if not w.startswith("--")]
        image = args[0] if args else ""
        inherited = self.names.get(image.lower())
        if inherited is not None:
            self.image, self.way_out = inherited
        else:
            self.image, self.way_out = (image if managed_image(image) else ""), False
        if len(args) >= 3 and args[1].lower() == "as":
            self.names[args[2].lower()] = (self.image, self.way_out)
            self._name = args[2].lower()
        else:
            self._name = ""

    def saw(self, text: str) -> None:
        """An ENV/ARG/RUN/SHELL of the stage: a way out of the check, if it names one."""
        if self.image and not self.way_out and _WAY_OUT.search(text):
            self.way_out = True
            if self._name:
                self.names[self._name] = (self.image, True)

    def config_copied(self) -> None:
        """A pip configuration file copied into the image (``COPY pip.conf /etc/pip.conf``):
        it may set ``break-system-packages``, so the stage is not judged."""
        self.saw("break-system-packages")

    def run(self, text_file: TextFile, script: MappedText, route: str) -> list[Problem]:
        """RL012 for each system pip install of a RUN in a managed stage, then the RUN is
        taken in (a venv it creates holds for the RUNs after it)."""
        out: list[Problem] = []
        if self.image and not self.way_out:
            chars = script.chars
            for found in _SYSTEM_PIP.finditer(chars):
                if _WAY_OUT.search(chars, 0, found.start("pip")):
                    break  # this RUN steps out first (`python3 -m venv v && . v/bin/activate`)
                args = found["args"]
                if _NOT_CHECKED.search(args) or _NO_INSTALL.search(args):
                    continue
                if _DRY_RUN.search(args) and _REPORT.search(args):
                    continue
                a, b = script.file_range(found.start("pip"), found.end() - 1)
                out.append(
                    Problem(
                        RL012,
                        f"{found['pip']} install into the system Python of {self.image}: it "
                        "is externally managed (PEP 668), so pip stops with "
                        "'externally-managed-environment' and the build fails; install "
                        "into a virtual environment (python3 -m venv /opt/venv, then "
                        "ENV PATH=/opt/venv/bin:$PATH), use a python:* base image, or pass "
                        "--break-system-packages to install over the distribution's packages",
                        Location(text_file.path, text_file.span(a, b), route),
                    )
                )
        self.saw(script.chars)
        return out
