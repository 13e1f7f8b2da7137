"""Dockerfiles (and Containerfiles): ``ENV``/``ARG`` that set ``PIP_*`` or uv's index
variables, and index options of ``RUN pip install`` commands.

Read as BuildKit reads the file: the ``# escape=`` parser directive picks the line
continuation character (``\\`` or a backtick); a line ending in it continues the
instruction, and inside a continued instruction comment lines and empty lines are dropped
before the shell sees the command.  ``ENV`` takes ``NAME=value`` pairs (quotes and escapes
as in the shell, several per instruction) or the legacy ``ENV NAME value`` (the rest of
the line); ``ARG NAME=default`` sets a build argument, which ``RUN`` sees as a variable.
``ONBUILD RUN``/``ONBUILD ENV`` count too.  The exec form ``RUN ["pip", ...]`` is not read.
BuildKit heredocs (``RUN <<EOF`` ... ``EOF``, ``COPY <<EOF /etc/pip.conf``) are read: a
bare ``RUN <<EOF`` runs its body as the script, otherwise the shell gets the heredoc lines.

A pip config file that a ``RUN`` writes (``echo "[global]\nextra-index-url=..." >
/etc/pip.conf``, ``printf``, ``cat > /etc/pip.conf <<EOF``, ``tee``, ``pip config set
global.extra-index-url ...``) or a ``COPY <<EOF /etc/pip.conf`` creates is a pip config
source at that line: its settings (section and key as pip reads them) point at the exact
characters of the Dockerfile, with no edit (a remedy says why).

Fix policy: an ``ENV``/``ARG`` instruction that sets one variable on one physical line is
commented out.  A multi-variable ``ENV`` (the other variables would go too), a continued
instruction (a comment line does not end a continuation: the next line would become an
instruction of its own) and options inside ``RUN`` get no edit, only a ``remedy``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping

from reqlint._records import dataclass, replace
from reqlint.model import (
    Edit,
    ParsedSource,
    Problem,
    Requirement,
    Setting,
    SourceContext,
    SourceKind,
    Tool,
)
from reqlint.sources._managed import ManagedStages
from reqlint.sources._shell import (
    _HEREDOC,
    command_problems,
    command_requirements,
    command_settings,
    conf_text_settings,
    conf_write_settings,
    expand,
    install_runners,
    pip_index_variable,
    unread_by_uv,
    variable_settings,
    words,
)
from reqlint.suppress import line_suppressions
from reqlint.text import MappedText, TextFile, comment_out_lines

__all__ = ["parse"]

_DIRECTIVE = re.compile(r"#\s*(?P<name>[A-Za-z]+)\s*=\s*(?P<value>\S*)\s*")
_INSTRUCTION = re.compile(r"\s*(?P<name>[A-Za-z]+)(?:\s+|$)")
_BARE_HEREDOC = re.compile(r"\s*<<-?\s*(?:'[^']*'|\"[^\"]*\"|\\?[A-Za-z0-9_.-]+)\s*")
_PIP_CONFIGS = ("pip.conf", "pip.ini")
_RUN_REMEDY = (
    "not fixed automatically: the option is part of a RUN command, and commenting out "
    "its line would drop the command (or break a continued RUN); remove the option from "
    "the command by hand"
)
_ENV_REMEDY = (
    "not fixed automatically: this {what} sets several variables or spans "
    "continued lines; commenting it out would drop more than this setting or "
    "break the instruction, so edit it by hand"
)


@dataclass(frozen=True)
class _Instruction:
    name: str  # upper case; ONBUILD's own instruction for ONBUILD
    body: MappedText  # the arguments, continuations joined, comment lines dropped
    first: int
    last: int
    # BuildKit heredocs (``RUN <<EOF`` ... ``EOF``): each body, and the instruction with
    # its heredoc lines as the shell sees it.
    heredocs: tuple[MappedText, ...] = ()
    script: MappedText | None = None


def _escape_char(text_file: TextFile) -> str:
    """The ``# escape=`` parser directive (only before any other line), else ``\\``."""
    for number in range(1, text_file.line_count + 1):
        match = _DIRECTIVE.fullmatch(text_file.line_text(number))
        if match is None:
            break
        if match["name"].lower() == "escape" and match["value"] in ("`", "\\"):
            return match["value"]
    return "\\"


def _instructions(text_file: TextFile) -> Iterator[_Instruction]:
    text = text_file.text
    escape = _escape_char(text_file)
    lines = list(text_file.physical_lines())
    i = 0
    while i < len(lines):
        number, start, end, _ = lines[i]
        stripped = text[start:end].strip()
        i += 1
        if not stripped or stripped.startswith("#"):
            continue
        head = _INSTRUCTION.match(text, start, end)
        if head is None:
            continue
        name = head["name"].upper()
        body_start = head.end()
        if name == "ONBUILD":
            inner = _INSTRUCTION.match(text, body_start, end)
            if inner is not None:
                name, body_start = inner["name"].upper(), inner.end()
        chars: list[str] = []
        offsets: list[tuple[int, int]] = []
        last = number
        piece_start, piece_end = body_start, end
        while True:
            content = text[piece_start:piece_end]
            continued = content.rstrip().endswith(escape)
            if continued:
                content = content.rstrip()[:-1]
            chars.append(content)
            offsets.extend((k, k + 1) for k in range(piece_start, piece_start + len(content)))
            if not continued:
                break
            # Comment and empty lines inside a continuation are dropped by the parser.
            while i < len(lines):
                _, s2, e2, _ = lines[i]
                inside = text[s2:e2].strip()
                if inside and not inside.startswith("#"):
                    break
                i += 1
            if i >= len(lines):
                break
            last, piece_start, piece_end, _ = lines[i]
            i += 1
        body = MappedText("".join(chars), offsets)
        heredocs: list[MappedText] = []
        script = body
        if name in ("RUN", "COPY", "ADD"):
            first_line = i
            for match in _HEREDOC.finditer(body.chars):
                word = match["single"] or match["double"] or match["plain"] or ""
                begin = i
                body_end = -1
                while i < len(lines):
                    _, s2, e2, _ = lines[i]
                    i += 1
                    line = text[s2:e2]
                    if (line.lstrip("\t") if match["strip"] else line) == word:
                        body_end = s2  # the body ends where its terminator line starts
                        break
                if begin >= len(lines):
                    continue
                if body_end < 0:  # no terminator: the body runs to the end of the file
                    body_end = len(text)
                heredocs.append(MappedText.region(text, lines[begin][1], body_end))
            if heredocs:
                # The shell gets the instruction line and every heredoc line after it.
                a, b = lines[first_line][1], lines[i - 1][2]
                script = MappedText(
                    body.chars + "\n" + text[a:b],
                    body.offsets + [(a, a)] + [(k, k + 1) for k in range(a, b)],
                )
                last = lines[i - 1][0]
            if heredocs and _BARE_HEREDOC.fullmatch(body.chars):
                script = heredocs[0]  # ``RUN <<EOF``: the heredoc is the script itself
        yield _Instruction(name, body, number, last, tuple(heredocs), script)


_NO_CONTEXT = SourceContext()


def parse(text_file: TextFile, ctx: SourceContext = _NO_CONTEXT) -> ParsedSource:
    """Index settings of a Dockerfile."""
    settings: list[Setting] = []
    requirements: list[Requirement] = []
    problems: list[Problem] = []
    # What the build defines for the instructions below, as docker substitutes it: ARG
    # defaults and ENV values of the stage (a FROM starts a new one; ARGs before the first
    # FROM are global, and a stage's bare `ARG NAME` brings one in).
    global_args: dict[str, str] = {}
    defined: dict[str, str] = {}
    staged = False
    stages = _Stages()
    managed = ManagedStages()  # RL012: the stages on an externally managed system Python
    for ins in _instructions(text_file):
        route = f"{ins.name} (line {ins.first})"
        if ins.name == "FROM":
            staged = True
            defined = {}
            stages.start(ins.body)
            managed.start([w.chars for w in words(ins.body)])
        elif ins.name == "RUN":
            if ins.body.chars.lstrip().startswith("["):
                stages.run(ins.first, None, True)  # the exec form: not read, may run pip
                managed.saw(ins.body.chars)
            else:
                script = ins.script or ins.body
                stages.run(ins.first, *install_runners(script))
                settings.extend(
                    command_settings(
                        text_file,
                        script,
                        SourceKind.DOCKERFILE,
                        route,
                        remedy=_RUN_REMEDY,
                        variables=defined,
                    )
                )
                settings.extend(
                    conf_write_settings(text_file, script, SourceKind.DOCKERFILE, route)
                )
                named, invalid = command_requirements(text_file, script, route)
                requirements.extend(named)
                problems.extend(invalid)
                problems.extend(command_problems(text_file, script, route))
                problems.extend(managed.run(text_file, script, route))
        elif ins.name in ("COPY", "ADD"):
            copied = [w.chars for w in words(ins.body) if not w.chars.startswith("--")]
            target = copied[-1] if copied else ""
            if ins.heredocs and posixpath.basename(target).lower() in _PIP_CONFIGS:
                managed.saw(ins.heredocs[-1].chars)  # its break-system-packages, if set
            elif any(posixpath.basename(w).lower() in _PIP_CONFIGS for w in copied):
                managed.config_copied()  # it may set break-system-packages: RL012 not judged
            if ins.heredocs and posixpath.basename(target).lower() in _PIP_CONFIGS:
                settings.extend(
                    conf_text_settings(
                        text_file, ins.heredocs[-1], SourceKind.DOCKERFILE, route, target
                    )
                )
        elif ins.name in ("ENV", "ARG", "SHELL"):
            managed.saw(ins.body.chars)
        if ins.name in ("ENV", "ARG"):
            found = _variables(text_file, ins, route, defined)
            stages.variables(found)
            settings.extend(found)
            for word in words(ins.body) if ins.name == "ARG" else ():
                name = word.chars.partition("=")[0]
                if "=" not in word.chars and name in global_args:
                    defined[name] = global_args[name]
            for name, value in _pairs(ins):
                defined[name] = expand(value.chars, defined)
                if not staged and ins.name == "ARG":
                    global_args[name] = defined[name]
    return ParsedSource(
        text_file.path,
        SourceKind.DOCKERFILE,
        requirements=tuple(requirements),
        settings=tuple(stages.mark_uv_only(settings)),
        problems=tuple(problems),
        suppressions=line_suppressions(text_file),
    )


class _Stages:
    """The build stages, to tell which installs an ``ENV``/``ARG`` reaches: the ``RUN``s
    after it in its stage and every instruction of the stages built ``FROM`` that stage."""

    def __init__(self) -> None:
        self.names: list[str] = []  # each stage's ``AS`` name (lower case), or ""
        self.bases: list[int | None] = []  # the stage it is built from, if one of the file's
        self.runs: list[tuple[int, int, str | None, bool]] = []  # stage, line, uv, may-pip
        self.set_in: dict[int, int] = {}  # id of a setting -> its stage
        self.uv_variables: set[int] = set()  # stages that set a UV_* variable themselves

    def start(self, body: MappedText) -> None:
        parts = [w.chars for w in words(body) if not w.chars.startswith("--")]
        image = parts[0].lower() if parts else ""
        name = parts[2].lower() if len(parts) > 2 and parts[1].lower() == "as" else ""
        base = self.names.index(image) if image and image in self.names else None
        self.names.append(name)
        self.bases.append(base)

    def run(self, line: int, uv: str | None, may_pip: bool) -> None:
        self.runs.append((len(self.names) - 1, line, uv, may_pip))

    def variables(self, found: list[Setting]) -> None:
        stage = len(self.names) - 1
        for setting in found:
            self.set_in[id(setting)] = stage
            if setting.tool is Tool.UV:
                self.uv_variables.add(stage)

    def _lineage(self, stage: int) -> tuple[set[int], set[int]]:
        """The stages built from ``stage`` (itself included), and its ancestors."""
        below = {stage}
        for k in range(stage + 1, len(self.bases)):
            if self.bases[k] in below:
                below.add(k)
        above: set[int] = set()
        at = self.bases[stage]
        while at is not None and at not in above:
            above.add(at)
            at = self.bases[at]
        return below, above

    def mark_uv_only(self, settings: list[Setting]) -> Iterator[Setting]:
        """Mark a ``PIP_*`` index variable whose installs are all uv's (``uv_only``: the
        first of them, ``line N: uv pip install``): uv does not read it.  Not where a RUN
        it reaches may run pip, nor where the stages also set a UV_* variable (both are
        meant, pip's for the image's own pip)."""
        for setting in settings:
            stage = self.set_in.get(id(setting), -1)
            if stage < 0 or not pip_index_variable(setting):
                yield setting
                continue
            below, above = self._lineage(stage)
            if self.uv_variables & (below | above):
                yield setting
                continue
            line = setting.location.line
            reached = [
                (at, uv, pip)
                for k, at, uv, pip in self.runs
                if k in below and (k != stage or at > line)
            ]
            first = next(((at, uv) for at, uv, _ in reached if uv), None)
            if first is None or any(pip for _, _, pip in reached):
                yield setting
                continue
            yield unread_by_uv(setting, f"line {first[0]}: {first[1]}")


def _pairs(ins: _Instruction) -> list[tuple[str, MappedText]]:
    """``(name, value)`` of ``ENV``/``ARG``: ``NAME=value`` words, or legacy ``ENV N v``."""
    found = words(ins.body)
    if not found:
        return []
    if ins.name == "ENV" and "=" not in found[0].chars:
        body = ins.body
        first = found[0]
        after = body.offsets.index(first.offsets[-1]) + 1 if first.offsets else 0
        rest = MappedText(body.chars[after:], body.offsets[after:])
        lead = len(rest.chars) - len(rest.chars.lstrip())
        tail = len(rest.chars.rstrip())
        value = MappedText(rest.chars[lead:tail], rest.offsets[lead:tail])
        if len(value.chars) >= 2 and value.chars[0] == value.chars[-1] and value.chars[0] in "'\"":
            value = MappedText(value.chars[1:-1], value.offsets[1:-1])
        return [(first.chars, value)]
    out: list[tuple[str, MappedText]] = []
    for word in found:
        name, eq, _ = word.chars.partition("=")
        if not eq:
            continue  # ARG NAME without a default sets nothing in the file
        cut = len(name) + 1
        out.append((name, MappedText(word.chars[cut:], word.offsets[cut:])))
    return out


def _variables(
    text_file: TextFile, ins: _Instruction, route: str, defined: Mapping[str, str]
) -> list[Setting]:
    """Settings of an ENV/ARG, their values with the build's variables substituted
    (``raw`` keeps them as written).  ``ENV NAME=${NAME}`` only keeps the ARG of that name
    for the running container: it is read where the ARG's value is written."""
    pairs = [
        (name, value)
        for name, value in _pairs(ins)
        if not (name in defined and value.chars in (f"${name}", f"${{{name}}}"))
    ]
    single = len(words(ins.body)) == 1 or (
        ins.name == "ENV" and len(pairs) == 1 and "=" not in words(ins.body)[0].chars
    )
    removal: tuple[Edit, ...] = ()
    if single and ins.first == ins.last:
        removal = comment_out_lines(text_file, ins.first, ins.first)
    out: list[Setting] = []
    for name, value in pairs:
        found = variable_settings(
            text_file,
            name,
            value,
            SourceKind.DOCKERFILE,
            route,
            removal=removal,
            remedy=_ENV_REMEDY.format(what=ins.name),
            attrs={"instruction": ins.name},
        )
        out.extend(
            replace(s, value=expand(s.value, defined)) if "$" in s.value else s for s in found
        )
    return out
