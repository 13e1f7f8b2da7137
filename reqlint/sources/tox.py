"""tox.ini: pip settings in ``setenv``, ``install_command``, ``deps`` and ``commands``.

Read line by line as tox reads its ini file (Python's ``configparser`` underneath, then
tox's own processing), keeping every character's place in the file:

* a line indented deeper than its key continues the key's value; comment lines (``#`` or
  ``;`` first) are dropped wherever they stand, even inside a value; tox 4 also drops an
  unescaped ``#`` and what follows it, and joins a line ending in ``\\`` with the next;
* a ``factor: `` prefix (``devdeps:``, ``!cov:``, ``py{311,312}-dev:``) makes a line apply
  to some environments only: the line is read, with the condition in ``attrs["factor"]``.

Facts: ``setenv``/``set_env`` lines that set ``PIP_*`` or uv's index variables (list values
split on whitespace, each URL with its own span); pip index options (any spelling) in
``install_command``, ``commands``/``commands_pre``/``commands_post`` commands and in
``deps`` lines (tox hands ``deps`` to pip as a requirements file, options included); VCS
requirements in ``deps`` lines and on ``commands``' pip command lines (RL204's).

Fix policy: a ``setenv`` line or an options-only ``deps`` line on a continuation line of
its own is commented out (configparser skips comment lines inside a value).  The first
line of a key (``setenv = PIP_INDEX_URL=...``) is not: commenting it out would attach the
following lines to the previous key.  Options inside a command get no edit, only a
``remedy`` that says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from reqlint._records import dataclass, field, replace
from reqlint.model import (
    Edit,
    Location,
    ParsedSource,
    Problem,
    Requirement,
    Setting,
    SourceContext,
    SourceKind,
)
from reqlint.rules.rl003_include_not_found import CODE as RL003
from reqlint.sources._shell import (
    command_requirements,
    command_settings,
    variable_settings,
    vcs_requirement,
)
from reqlint.suppress import line_suppressions
from reqlint.text import MappedText, TextFile, comment_out_lines

__all__ = ["parse"]

_SETENV = frozenset({"setenv", "set_env"})
_COMMANDS = frozenset({"install_command", "commands", "commands_pre", "commands_post"})
_DEPS = frozenset({"deps"})
_SECTION = re.compile(r"\[(?P<name>[^\]]*)\]")
_KEY = re.compile(r"(?P<key>[^=:]*?)\s*[=:]\s*")
# tox 4 (tox.config.loader.ini): an unescaped '#' starts a comment anywhere in a line.
_INLINE_COMMENT = re.compile(r"\s*(?<!\\)#.*")
_FACTOR = re.compile(r"(?P<factor>[\w{}.!,+-]+):\s+")
_ASSIGN = re.compile(r"(?P<name>[^=\s]+)\s*=\s*")
_DEPS_REMEDY = (
    "not fixed automatically: the option shares its deps line with a "
    "requirement or spans several lines; edit the line by hand"
)
_SETENV_REMEDY = (
    "not fixed automatically: the variable is set on the first line of the "
    "key or across continued lines; commenting it out would change other "
    "lines' meaning, so edit it by hand"
)


@dataclass
class _Value:
    section: str
    key: str
    pieces: list[tuple[int, int, int]] = field(default_factory=list)  # (line, start, end)
    first_line: int = 0


@dataclass(frozen=True)
class _Line:
    """One logical line of a value: factor prefix removed, continuations joined."""

    text: MappedText
    first: int
    last: int
    factor: str
    on_key_line: bool


def _values(text_file: TextFile) -> Iterator[_Value]:
    """Every key's value as configparser delimits it, with the regions of its lines."""
    text = text_file.text
    section = ""
    current: _Value | None = None
    indent_of_key = 0
    for number, start, end, _ in text_file.physical_lines():
        line = text[start:end]
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        indent = len(line) - len(line.lstrip())
        if current is not None and indent > indent_of_key:
            a = start + indent
            current.pieces.append((number, a, a + len(line.strip())))
            continue
        if current is not None:
            yield current
            current = None
        header = _SECTION.match(stripped)
        if header:
            section = header["name"].strip()
            continue
        key = _KEY.match(line, indent)
        if key is None:
            continue
        current = _Value(section, key["key"].strip().lower(), first_line=number)
        indent_of_key = indent
        a = start + key.end()
        if a < end:
            current.pieces.append((number, a, a + len(text[a:end].rstrip())))
    if current is not None:
        yield current


def _lines(text_file: TextFile, value: _Value) -> Iterator[_Line]:
    """tox's processing of a value: comments, ``\\`` continuations, factor prefixes."""
    text = text_file.text
    pending: MappedText | None = None
    first = 0
    for number, start, end in value.pieces:
        cut = _INLINE_COMMENT.search(text, start, end)
        stop = cut.start() if cut else end
        part = MappedText.region(text, start, stop)
        if pending is None:
            first = number
            joined = part
        else:
            joined = MappedText(pending.chars + part.chars, pending.offsets + part.offsets)
        if joined.chars.endswith("\\") and cut is None:
            pending = MappedText(joined.chars[:-1], joined.offsets[:-1])
            continue
        pending = None
        factor = ""
        match = _FACTOR.match(joined.chars)
        if match:
            factor = match["factor"]
            joined = MappedText(joined.chars[match.end() :], joined.offsets[match.end() :])
        if joined.chars.strip():
            yield _Line(joined, first, number, factor, first == value.first_line)
    if pending is not None and pending.chars.strip():
        yield _Line(pending, first, value.pieces[-1][0], "", first == value.first_line)


_NO_CONTEXT = SourceContext()


def parse(text_file: TextFile, ctx: SourceContext = _NO_CONTEXT) -> ParsedSource:
    """Index settings of a tox.ini."""
    settings: list[Setting] = []
    requirements: list[Requirement] = []
    problems: list[Problem] = []
    for value in _values(text_file):
        where = f"[{value.section}] {value.key}"
        for line in _lines(text_file, value):
            attrs = {"factor": line.factor} if line.factor else {}
            route = f"{where} ({line.factor})" if line.factor else where
            own_line = line.first == line.last and not line.on_key_line
            removal: tuple[Edit, ...] = (
                comment_out_lines(text_file, line.first, line.first) if own_line else ()
            )
            if value.key in _SETENV:
                settings.extend(_setenv(text_file, line, route, removal, attrs))
            elif value.key in _COMMANDS:
                settings.extend(
                    _with(
                        command_settings(text_file, line.text, SourceKind.TOX, route, shell=False),
                        attrs,
                    )
                )
                named, invalid = command_requirements(text_file, line.text, route, shell=False)
                requirements.extend(named)
                problems.extend(invalid)
            elif value.key in _DEPS:
                found = command_settings(
                    text_file,
                    line.text,
                    SourceKind.TOX,
                    route,
                    remedy=_DEPS_REMEDY,
                    prefix=("pip", "install", ""),
                )
                options_only = line.text.chars.lstrip().startswith("-")
                settings.extend(_with(found, attrs, removal if options_only and removal else ()))
                req = _deps_vcs(text_file, line, route)
                if req is not None:
                    requirements.append(req)
                problems.extend(_missing_files(text_file, line))
    return ParsedSource(
        text_file.path,
        SourceKind.TOX,
        requirements=tuple(requirements),
        settings=tuple(settings),
        problems=tuple(problems),
        suppressions=line_suppressions(text_file),
    )


def _missing_files(text_file: TextFile, line: _Line) -> Iterator[Problem]:
    """RL003 for a ``-r``/``-c`` file of a deps line that does not exist, relative to
    tox.ini's folder (where tox runs pip): the env's install fails before anything runs
    ("Could not open requirements file").  A path with a substitution (``{toxinidir}``,
    ``{env:X}``), a variable or a URL is left alone."""
    import os

    from reqlint.commands import deps_file_options

    folder = os.path.dirname(os.path.abspath(text_file.path))
    for option, target, start, end in deps_file_options(line.text.chars):
        resolved = target.replace("{toxinidir}", folder).replace("{tox_root}", folder)
        if any(c in resolved for c in "{}$%") or "://" in resolved:
            continue
        full = os.path.join(folder, resolved)
        if os.path.exists(full):
            continue
        a, b = line.text.file_range(start, end - 1)
        yield Problem(
            RL003,
            f"{option} {target}: file not found: tox's pip install of this env fails "
            "before anything runs",
            Location(text_file.path, text_file.span(a, b)),
        )


def _deps_vcs(text_file: TextFile, line: _Line, route: str) -> Requirement | None:
    """A ``deps`` line that is a VCS requirement (``git+https://...@main``, ``-e git+...``),
    for RL204: tox hands ``deps`` to pip as requirement lines.  Other requirements are left
    to the tox env's own choice (the pinning rules do not judge test environments' deps),
    as is a line with a substitution (``{env:REF}``: its revision may be a variable)."""
    chars = line.text.chars.strip()
    if "{" in chars or "$" in chars:
        return None
    editable = chars.startswith(("-e ", "--editable ", "--editable="))
    if editable:
        chars = chars.split(None, 1)[1] if " " in chars else chars.split("=", 1)[1]
    start = line.text.chars.find(chars)
    if start < 0 or not chars:
        return None
    a, b = line.text.file_range(start, start + len(chars) - 1)
    return vcs_requirement(text_file, chars, (a, b), f"{route} → deps", editable=editable)


def _setenv(
    text_file: TextFile,
    line: _Line,
    route: str,
    removal: tuple[Edit, ...],
    attrs: Mapping[str, str],
) -> list[Setting]:
    chars = line.text.chars
    lead = len(chars) - len(chars.lstrip())
    match = _ASSIGN.match(chars, lead)
    if match is None:
        return []
    rest = match.end()
    tail = len(chars.rstrip())
    value = MappedText(chars[rest:tail], line.text.offsets[rest:tail])
    return variable_settings(
        text_file,
        match["name"],
        value,
        SourceKind.TOX,
        route,
        removal=removal,
        remedy=_SETENV_REMEDY,
        attrs=attrs,
    )


def _with(
    settings: list[Setting], attrs: Mapping[str, str], removal: tuple[Edit, ...] = ()
) -> list[Setting]:
    return [
        replace(s, attrs={**s.attrs, **attrs}, removal=removal, remedy="" if removal else s.remedy)
        for s in settings
    ]
