"""pip and uv commands in shell text (CI ``run:``/``script:``, tox ``commands``/``deps``,
Dockerfile ``RUN``) and ``PIP_*``/``UV_*`` variables set in those files, read into
:class:`~reqlint.model.Setting` facts with exact spans.  Shared by the CI, tox and
Dockerfile adapters; pip's own grammar for requirements files lives in
:mod:`reqlint.sources.requirements`."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from reqlint import pipopts
from reqlint._records import dataclass, field, replace
from reqlint.model import (
    Edit,
    Location,
    Problem,
    Requirement,
    Setting,
    Severity,
    SourceKind,
    Tool,
)
from reqlint.rules.rl001_invalid_requirement import CODE as RL001
from reqlint.rules.rl003_include_not_found import CODE as RL003
from reqlint.rules.rl011_specifier_redirected import CODE as RL011
from reqlint.sources.environ import UV_VARIABLES, parse_environ
from reqlint.sources.pipconf import canonical_key, normalize_name
from reqlint.sources.req_constructors import _build
from reqlint.text import MappedText, Offsets, TextFile

if TYPE_CHECKING:
    pass

__all__ = [
    "COMMAND_REMEDY",
    "CONF_WRITE_REMEDY",
    "FileOption",
    "command_problems",
    "command_settings",
    "conf_text_settings",
    "conf_write_settings",
    "expand",
    "file_options",
    "is_tool_variable",
    "missing_files",
    "variable_settings",
    "words",
]

# Not "remove the option": what the command needs instead is the finding's to say (an
# index the install needs, a credential to pass as ${VAR}).
COMMAND_REMEDY = (
    "not fixed automatically: the option is part of a shell command, and "
    "commenting out the line would drop the whole command; edit the command by hand"
)

# pip's options that choose where packages come from, by canonical name.
_PIP_KEYS = frozenset({"index-url", "extra-index-url", "trusted-host", "find-links", "no-index"})
_PIP_SUBCOMMANDS = frozenset({"install", "download", "wheel"})
# Short options of install/download/wheel that take a value (pipopts' short letters are
# merged over every command, where -f is also `completion --fish`).
_PIP_SHORT_VALUE = {
    "i": "index-url",
    "f": "find-links",
    "r": "requirement",
    "c": "constraint",
    "e": "editable",
    "t": "target",
    "C": "config-settings",
    "d": "dest",
    "w": "wheel-dir",
}
# uv (clap: exact spellings only) -> (reqlint key, extra attrs).
_UV_LONG: dict[str, tuple[str, dict[str, str]]] = {
    "--index-url": ("index-url", {}),
    "--default-index": ("index-url", {"default": "true"}),
    "--extra-index-url": ("extra-index-url", {}),
    "--index": ("extra-index-url", {}),
    "--find-links": ("find-links", {}),
    "--allow-insecure-host": ("trusted-host", {}),
    "--trusted-host": ("trusted-host", {}),
    "--index-strategy": ("index-strategy", {}),
    "--no-index": ("no-index", {}),
}
_UV_SHORT = {"i": "--index-url", "f": "--find-links"}
_UV_SUBCOMMANDS = frozenset({"install", "sync", "compile"})
_FLAG_HINT = re.compile(r"--(?:index-url|extra-index-url|find-links|trusted-host)\b")
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=.*", re.DOTALL)
_PIP_NAME = re.compile(r"pip(?:\d+(?:\.\d+)*)?(?:\.exe)?")
# `$PYTHON -m pip`, `"${JAXCI_PYTHON}" -m uv pip`, a Makefile's `$(PYTHON) -m pip`: a
# variable named for the interpreter
_PYTHON_VARIABLE = re.compile(
    r"\$(?:[A-Za-z0-9_]*PYTHON[A-Za-z0-9_]*|\{[A-Za-z0-9_]*PYTHON[A-Za-z0-9_]*\}"
    r"|\([A-Za-z0-9_]*PYTHON[A-Za-z0-9_]*\))",
    re.IGNORECASE,
)
_PYTHON_NAME = re.compile(r"(?:python|pypy)(?:\d+(?:\.\d+)*)?[mtw]?(?:\.exe)?|py")
_PREFIX_WORDS = frozenset(
    {
        "then",
        "do",
        "else",
        "elif",
        "if",
        "while",
        "until",
        "time",
        "!",
        "{",
        "exec",
        "command",
        "nohup",
        "sudo",
        "env",
        "xargs",
    }
)
_NAMED_INDEX = re.compile(r"(?P<name>[A-Za-z0-9._-]+)=(?P<url>.+)", re.DOTALL)
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


# ------------------------------------------------------------------- shell words


@dataclass
class _Word:
    value: str = ""
    idx: list[int] = field(default_factory=list)  # character indices in the mapped text
    start: int = 0  # index of the word's first character as written (quotes included)
    end: int = 0  # index just after its last character as written (a closing quote too)

    def take(self, chars: str, at: int) -> None:
        self.value += chars
        self.idx.extend(range(at, at + len(chars)))


_SEPARATOR = ";"
_PIPE = "|"
# A redirection token is its operator as written (">", ">>", "<<", "<<-", "2>&", ...).
_REDIRECT_START = "<>"


def _join_continuations(text: MappedText) -> MappedText:
    """A backslash before a line break joins the lines (the shell removes both)."""
    chars, offsets = text.chars, text.offsets
    out_c: list[str] = []
    out_o: Offsets = []
    i = 0
    while i < len(chars):
        if chars[i] == "\\" and chars[i + 1 : i + 2] == "\n":
            i += 2
            continue
        if chars[i] == "\\" and chars[i + 1 : i + 3] == "\r\n":
            i += 3
            continue
        out_c.append(chars[i])
        out_o.append(offsets[i])
        i += 1
    return MappedText("".join(out_c), out_o)


def _balanced(s: str, i: int, end: int, open_: str, close: str) -> int:
    depth = 0
    while i < end:
        if s[i] == open_:
            depth += 1
        elif s[i] == close:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return end


def _word(s: str, i: int, end: int) -> tuple[_Word, int]:
    word = _Word(start=i)
    while i < end:
        c = s[i]
        if c in " \t\r;&|()<>":
            break
        if c == "'":
            close = s.find("'", i + 1, end)
            close = end if close < 0 else close
            word.take(s[i + 1 : close], i + 1)
            i = close + 1
        elif c == '"':
            i += 1
            while i < end and s[i] != '"':
                if s[i] == "\\" and i + 1 < end and s[i + 1] in '"\\$`':
                    i += 1
                word.take(s[i], i)
                i += 1
            i += 1
        elif c == "\\" and i + 1 < end:
            word.take(s[i + 1], i + 1)
            i += 2
        elif s.startswith("${{", i):
            close = s.find("}}", i + 3, end)
            stop = end if close < 0 else close + 2
            word.take(s[i:stop], i)
            i = stop
        elif s.startswith(("$(", "${"), i):
            pair = ("(", ")") if s[i + 1] == "(" else ("{", "}")
            stop = _balanced(s, i + 1, end, *pair)
            word.take(s[i:stop], i)
            i = stop
        elif c == "`":
            close = s.find("`", i + 1, end)
            stop = end if close < 0 else close + 1
            word.take(s[i:stop], i)
            i = stop
        else:
            word.take(c, i)
            i += 1
    word.end = i
    return word, i


def _tokens(s: str, start: int, end: int) -> list[_Word | str]:
    """Words and separators of one shell line; a ``#`` at a word's start ends it."""
    out: list[_Word | str] = []
    i = start
    while i < end:
        c = s[i]
        if c in " \t\r":
            i += 1
        elif c == "#":
            break
        elif c == "|" and s[i + 1 : i + 2] != "|" and (i == start or s[i - 1] != "|"):
            out.append(_PIPE)
            i += 1
        elif c in "()":
            out.append(c)  # a subshell opens or closes: a separator that _Scope counts
            i += 1
        elif c in ";&|":
            out.append(_SEPARATOR)
            i += 1
        elif c in "<>":
            at = i
            while i < end and s[i] in "<>&-":
                i += 1
            out.append(s[at:i])
        else:
            word, i = _word(s, i, end)
            out.append(word)
    return out


def words(text: MappedText) -> list[MappedText]:
    """The shell words of a one-line text, quotes removed, each character still mapped."""
    out: list[MappedText] = []
    for token in _tokens(text.chars, 0, len(text.chars)):
        if isinstance(token, _Word):
            out.append(MappedText(token.value, [text.offsets[k] for k in token.idx]))
    return out


_HEREDOC = re.compile(
    r"(?<!<)<<(?P<strip>-?)(?!<)[ \t]*(?:'(?P<single>[^'\n]*)'|\"(?P<double>[^\"\n]*)\""
    r"|\\?(?P<plain>[A-Za-z0-9_.-]+))"
)


def _line_end(s: str, pos: int) -> int:
    """The newline that ends the command line starting at ``pos`` (-1: the text's end).
    A newline inside quotes does not: ansible's bootstrap writes a pip.conf with
    ``echo "[global]<newline>extra-index-url = ...<newline>" > /etc/pip.conf``."""
    nl = s.find("\n", pos)
    if nl < 0 or ("'" not in s[pos:nl] and '"' not in s[pos:nl]):
        return nl  # the common line: no quote on it
    quote = ""
    k = pos
    while k < len(s):
        c = s[k]
        if quote == "'":
            if c == "'":
                quote = ""
        elif quote == '"':
            if c == "\\":
                k += 1
            elif c == '"':
                quote = ""
        elif c == "\n":
            return k
        elif c == "\\":
            k += 1
        elif c in "'\"":
            quote = c
        elif c == "#" and (k == pos or s[k - 1] in " \t;&|("):
            return s.find("\n", k)  # a comment: to the end of the line, quotes and all
        k += 1
    return -1


def _lines(s: str) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """``(start, end, bodies)`` of each command line of a script: the lines of a heredoc
    (``<<EOF`` ... ``EOF``) are the body of the line that declares it, not commands."""
    pos = 0
    while pos <= len(s):
        nl = _line_end(s, pos)
        end = len(s) if nl < 0 else nl
        after = len(s) + 1 if nl < 0 else nl + 1
        bodies: list[tuple[int, int]] = []
        for match in _HEREDOC.finditer(s, pos, end):
            word = match["single"] or match["double"] or match["plain"] or ""
            k = after
            while True:
                if k > len(s):
                    bodies.append((after, len(s)))
                    after = len(s) + 1
                    break
                ln = s.find("\n", k)
                line = s[k : len(s) if ln < 0 else ln].rstrip("\r")
                if (line.lstrip("\t") if match["strip"] else line) == word:
                    bodies.append((after, k))
                    after = len(s) + 1 if ln < 0 else ln + 1
                    break
                k = len(s) + 1 if ln < 0 else ln + 1
        yield pos, end, bodies
        pos = after


@dataclass
class _Command:
    words: list[_Word] = field(default_factory=list)
    redirects: list[tuple[str, _Word]] = field(default_factory=list)
    heredocs: list[tuple[int, int]] = field(default_factory=list)  # body (start, end)
    piped: bool = False  # its standard input is the previous command's output
    # The subshells ``( ... )`` the command runs in, outermost first (each a number of
    # its own): what it exports ends with the innermost one.
    subshells: tuple[int, ...] = ()
    # (word, operator, target) of each redirection written with no blank on either side.
    glued: list[tuple[_Word, str, _Word]] = field(default_factory=list)


@dataclass
class _Scope:
    """The subshells open at a point of a script (across its lines)."""

    open: list[int] = field(default_factory=list)
    opened: int = 0

    def token(self, token: str) -> None:
        if token == "(":
            self.opened += 1
            self.open.append(self.opened)
        elif token == ")" and self.open:
            self.open.pop()


def _line_commands(
    s: str,
    start: int,
    end: int,
    bodies: list[tuple[int, int]],
    scope: _Scope | None = None,
) -> Iterator[_Command]:
    """Simple commands of one line, with their redirections and heredoc bodies."""
    scope = scope if scope is not None else _Scope()
    current = _Command(subshells=tuple(scope.open))
    pending: str | None = None
    left = iter(bodies)
    last: _Word | None = None  # the word just before, a redirection's target included
    for token in _tokens(s, start, end):
        if isinstance(token, _Word):
            if pending is None:
                current.words.append(token)
            elif pending.startswith("<<"):
                body = next(left, None)
                if body is not None:
                    current.heredocs.append(body)
                pending = None
            else:
                current.redirects.append((pending, token))
                # written against the word before it and the word after (numba>=0.57.1):
                # most likely a specifier the shell took for a redirection
                at = token.start - len(pending)
                if last is not None and last.end == at and s[at : token.start] == pending:
                    current.glued.append((last, pending, token))
                pending = None
            last = token
        elif token[:1] in _REDIRECT_START:
            pending = token
        else:
            if current.words:
                yield current
            scope.token(token)
            current = _Command(piped=token == _PIPE, subshells=tuple(scope.open))
            pending = None
    if current.words:
        yield current


def _commands(text: MappedText) -> Iterator[list[_Word]]:
    """The word lists of :func:`_scoped_commands`."""
    for command in _scoped_commands(text):
        yield command.words


def _scoped_commands(text: MappedText) -> Iterator[_Command]:
    """Simple commands (word lists) of a shell script, line by line.  Heredoc lines are
    read as commands too: a heredoc is often a script run later (``script=$(cat <<EOF``
    ... ``docker exec ... "$script"``), and a pip.conf body holds no pip command.  Not the
    body of a heredoc that ``cat``/``tee`` write to a text or data file
    (``cat > install_notes.txt <<EOF``): that is a document, whatever it says."""
    s = text.chars
    scope = _Scope()
    for start, end, bodies in _lines(s):
        documents: list[tuple[int, int]] = []
        for command in _line_commands(s, start, end, bodies, scope):
            yield command
            if command.heredocs and _writes_document(command):
                documents.extend(command.heredocs)
        for a, b in bodies:
            if (a, b) in documents:
                continue
            pos = a
            while pos < b:
                nl = s.find("\n", pos, b)
                stop = b if nl < 0 else nl
                yield from _line_commands(s, pos, stop, [])
                pos = stop + 1


# Files a heredoc writes that no shell runs: prose and data.
_DOCUMENT = re.compile(
    r"\.(?:txt|md|rst|cfg|conf|ini|toml|ya?ml|json|html?|csv|log)$", re.IGNORECASE
)


def _writes_document(command: _Command) -> bool:
    words = [w.value for w in command.words]
    if not words or posixpath.basename(words[0]) not in ("cat", "tee"):
        return False
    targets = [w.value for op, w in command.redirects if op in (">", ">>")]
    if words[0].endswith("tee"):
        targets += [v for v in words[1:] if not v.startswith("-")]
    return bool(targets) and all(_DOCUMENT.search(t) for t in targets)


# ---------------------------------------------------------------- pip and uv options


@dataclass(frozen=True)
class _Found:
    key: str
    value: str
    option_at: int  # mapped-text index of the option's first character
    value_idx: tuple[int, ...]  # mapped-text indices of the value's characters
    attrs: Mapping[str, str]
    # MappedText-text index of the last character as written (a closing quote included).
    last_at: int = -1


def _invocation(words: list[_Word]) -> tuple[str, str, list[_Word]] | None:
    """``(tool, subcommand, arguments)`` when ``words`` run pip or ``uv pip``."""
    k = 0
    after_prefix = False
    while k < len(words):
        v = words[k].value
        if v in _PREFIX_WORDS:
            after_prefix = v in ("sudo", "env")
            k += 1
        elif _ASSIGNMENT.fullmatch(v) or (after_prefix and v.startswith("-")):
            k += 1
        else:
            break
    if k >= len(words):
        return None
    head = posixpath.basename(words[k].value.replace("\\", "/"))
    rest = words[k + 1 :]
    wrapped = _run_wrapper(head, rest)
    if wrapped is not None:
        return _invocation(wrapped) if wrapped else None
    if _PIP_NAME.fullmatch(head):
        return _subcommand("pip", rest)
    if head == "uv" and rest and rest[0].value == "pip":
        return _subcommand("uv", rest[1:])
    if _PYTHON_NAME.fullmatch(head) or _PYTHON_VARIABLE.fullmatch(words[k].value):
        j = 0
        while j < len(rest) and rest[j].value.startswith("-"):
            v = rest[j].value
            if v == "-m" or v.startswith("-m"):
                module, after = (rest[j + 1].value, j + 2) if v == "-m" else (v[2:], j + 1)
                if v == "-m" and j + 1 >= len(rest):
                    return None
                if _PIP_NAME.fullmatch(module):
                    return _subcommand("pip", rest[after:])
                if module == "uv" and after < len(rest) and rest[after].value == "pip":
                    return _subcommand("uv", rest[after + 1 :])  # python -m uv pip install
                return None
            if v == "-c":
                return None
            j += 2 if v in ("-X", "-W") else 1
    return None


# Tools that run a command in an environment of theirs: `conda run -n env pip install ...`
# (peft's GPU Dockerfile), `poetry run pip ...`, `uv run --with x pip ...`.  The options of
# their `run` that take a value (the rest are flags).
_RUN_WRAPPERS: dict[str, frozenset[str]] = {
    "conda": frozenset({"-n", "--name", "-p", "--prefix", "--cwd"}),
    "mamba": frozenset({"-n", "--name", "-p", "--prefix", "--cwd"}),
    "micromamba": frozenset({"-n", "--name", "-p", "--prefix", "--cwd", "-r", "--root-prefix"}),
    "poetry": frozenset({"-C", "--directory", "-P", "--project"}),
    "pdm": frozenset({"-p", "--project"}),
    "pixi": frozenset({"-e", "--environment", "--manifest-path"}),
    "uv": frozenset(
        {
            *("--with", "-w", "--with-editable", "--with-requirements", "--python", "-p"),
            *("--extra", "--group", "--only-group", "--no-group", "--no-extra", "--package"),
            *("--directory", "--project", "--env-file", "--index", "--default-index"),
            *("--index-url", "--extra-index-url", "--find-links", "-f", "--index-strategy"),
            *("--resolution", "--prerelease", "--exclude-newer", "--config-file"),
            *("--cache-dir", "--link-mode", "--refresh-package", "--upgrade-package", "-P"),
            *("--reinstall-package", "--config-setting", "-C", "--no-binary-package"),
            *("--no-build-package", "--keyring-provider"),
        }
    ),
}


def _run_wrapper(head: str, rest: list[_Word]) -> list[_Word] | None:
    """The command a ``conda run``/``poetry run``/``uv run`` (and the like) runs: its
    words ([] when there is none), or None when ``head rest`` is no such wrapper."""
    options = _RUN_WRAPPERS.get(head)
    if options is None or not rest or rest[0].value != "run":
        return None
    j = 1
    while j < len(rest):
        v = rest[j].value
        if v == "--":
            return rest[j + 1 :]
        if not v.startswith("-") or v == "-":
            return rest[j:]
        j += 2 if v in options else 1
    return []


def _subcommand(tool: str, args: list[_Word]) -> tuple[str, str, list[_Word]] | None:
    """The first argument that is not an option (or an option's value) is the command."""
    j = 0
    while j < len(args):
        v = args[j].value
        if not v.startswith("-") or v == "-":
            wanted = _PIP_SUBCOMMANDS if tool == "pip" else _UV_SUBCOMMANDS
            if v in wanted:
                return tool, v, args[:j] + args[j + 1 :]
            return None
        takes = False
        if tool == "pip" and v.startswith("--") and "=" not in v:
            option = _pip_long(v[2:])
            takes = option is not None and option.takes_value
        j += 2 if takes else 1
    return None


_LONG_NAMES: dict[str, pipopts.PipOption] = {
    name: o for o in pipopts.OPTIONS for name in (o.name, *o.aliases)
}


def _pip_long(name: str) -> pipopts.PipOption | None:
    """optparse's rule: an exact long name, or a prefix of exactly one."""
    if name in _LONG_NAMES:
        return _LONG_NAMES[name]
    found = {o.name: o for n, o in _LONG_NAMES.items() if n.startswith(name)} if name else {}
    return next(iter(found.values())) if len(found) == 1 else None


def _value_of(word: _Word, cut: int) -> tuple[str, tuple[int, ...]]:
    return word.value[cut:], tuple(word.idx[cut:])


def _pip_options(args: list[_Word], keys: frozenset[str] = _PIP_KEYS) -> Iterator[_Found]:
    """pip's options of ``keys`` (canonical names) among a command's arguments."""
    i = 0
    while i < len(args):
        word = args[i]
        v = word.value
        if v == "--":
            return
        if v.startswith("--"):
            name, eq, _ = v[2:].partition("=")
            option = _pip_long(name)
            if option is not None and option.takes_value:
                if eq:
                    value, idx = _value_of(word, len(name) + 3)
                elif i + 1 < len(args):
                    i += 1
                    value, idx = args[i].value, tuple(args[i].idx)
                else:
                    return
                if option.name in keys:
                    yield _Found(option.name, value, word.start, idx, {}, args[i].end - 1)
            elif option is not None and option.name in keys:
                yield _Found(option.name, "", word.start, tuple(word.idx), {}, word.end - 1)
        elif v.startswith("-") and len(v) > 1:
            for k in range(1, len(v)):
                if v[k] not in _PIP_SHORT_VALUE:
                    continue  # a flag (-U, -q, -v, ...)
                if k + 1 < len(v):
                    value, idx = _value_of(word, k + 1)
                elif i + 1 < len(args):
                    i += 1
                    value, idx = args[i].value, tuple(args[i].idx)
                else:
                    return
                key = _PIP_SHORT_VALUE[v[k]]
                if key in keys:
                    yield _Found(key, value, word.start, idx, {}, args[i].end - 1)
                break
        i += 1


# A requirement pinned to one local version: `torch==2.4.0+cpu`, `torchvision==0.19.0+cu121`.
_LOCAL_PIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?===?[^\s,;*]+\+[A-Za-z0-9.]+")


def _local_pins(args: list[_Word]) -> str:
    """Where every package a ``pip install`` command names is pinned to a local version
    (``pip install torch==2.4.0+cpu -f .../torch_stable.html``) and it reads no
    requirements file, those pins, space-separated: the public index refuses local
    versions, so no name there can shadow them.  "" for a command with no package or with
    a ``$`` word."""
    pins: list[str] = []
    i = 0
    while i < len(args):
        v = args[i].value
        if "$" in v or v == "--":
            return ""
        if v.startswith("--"):
            name, eq, _ = v[2:].partition("=")
            option = _pip_long(name)
            if option is not None and option.name in ("requirement", "constraint", "editable"):
                return ""
            if option is not None and option.takes_value and not eq:
                i += 1
        elif v.startswith("-") and len(v) > 1:
            for k in range(1, len(v)):
                if v[k] in ("r", "c", "e"):
                    return ""
                if v[k] in _PIP_SHORT_VALUE:
                    i += k + 1 == len(v)  # its value is the next word
                    break
        elif _LOCAL_PIN.fullmatch(v):
            pins.append(v)
        else:
            return ""
        i += 1
    return " ".join(pins)


def _uv_options(args: list[_Word]) -> Iterator[_Found]:
    i = 0
    while i < len(args):
        word = args[i]
        v = word.value
        if v == "--":
            return
        spelled, eq, _ = v.partition("=")
        cut = len(spelled) + 1
        if not v.startswith("--") and v[:2] in ("-" + s for s in _UV_SHORT):
            spelled, eq, cut = _UV_SHORT[v[1]], "=" if len(v) > 2 else "", 2
        if spelled in _UV_LONG:
            key, extra = _UV_LONG[spelled]
            if key == "no-index":
                yield _Found(key, "", word.start, tuple(word.idx), extra, word.end - 1)
            else:
                if eq:
                    value, idx = _value_of(word, cut)
                elif i + 1 < len(args):
                    i += 1
                    value, idx = args[i].value, tuple(args[i].idx)
                else:
                    return
                attrs = dict(extra)
                if spelled in ("--index", "--default-index"):
                    named = _NAMED_INDEX.fullmatch(value)
                    if named is not None and "://" not in named["name"]:
                        skip = len(named["name"]) + 1
                        attrs["name"] = named["name"]
                        value, idx = value[skip:], idx[skip:]
                yield _Found(key, value, word.start, idx, attrs, args[i].end - 1)
        i += 1


_REFERENCE = re.compile(
    r"\$\{\{\s*env\.(?P<expr>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}"
    r"|\$\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?P<default>[^${}]*))?\}"
    r"|\$(?P<plain>[A-Za-z_][A-Za-z0-9_]*)"
)


def expand(value: str, variables: Mapping[str, str]) -> str:
    """``$VAR``, ``${VAR}`` and GitHub's ``${{ env.VAR }}`` replaced where ``variables``
    defines ``VAR``; ``${VAR:-default}`` (and ``${VAR-default}``) by its default where it
    does not, as the shell does when the variable is unset; other references are kept as
    written."""
    if "$" not in value:
        return value

    def sub(match: re.Match[str]) -> str:
        name = match["expr"] or match["braced"] or match["plain"]
        if name in variables:
            return variables[name]
        default = match["default"]  # (an empty one says nothing: kept as written)
        return default if default else match.group(0)

    return _REFERENCE.sub(sub, value)


def command_settings(
    text_file: TextFile,
    script: MappedText,
    kind: SourceKind,
    route: str,
    *,
    remedy: str = COMMAND_REMEDY,
    prefix: tuple[str, str, str] | None = None,
    variables: Mapping[str, str] | None = None,
    shell: bool = True,
) -> list[Setting]:
    """Settings from the pip/uv commands of a shell script (``run:``, ``RUN``, tox commands).

    ``prefix`` = ``(tool, subcommand, ...)``: read ``script`` as the arguments of that
    command (a tox ``deps`` line, a ``PIP_FLAGS`` value) instead of looking for commands.
    ``variables``: what the file defines for the script (a workflow's ``env:``); their
    references are expanded in each value (``raw`` keeps the text as written).
    ``shell``: the script is run by a shell, so ``export PIP_...=`` and ``PIP_...=value
    command`` put variables in the environment pip reads (tox runs its commands without
    one: there they are no assignments).
    """
    joined = _join_continuations(script)
    out: list[Setting] = []
    unexported: dict[str, _Word] = {}  # NAME=value alone: a shell variable, until exported
    # What ``export`` sets inside a subshell, by the subshells it ran in: it ends with the
    # innermost one, so it is the own setting of each pip command run inside it.
    inside: dict[tuple[int, ...], list[Setting]] = {}
    for invocation, simple in enumerate(_scoped_commands(joined)):
        words = simple.words
        if prefix is not None:
            tool, sub, args = prefix[0], prefix[1], words
        else:
            if shell:
                assigned = _assigned(text_file, joined, words, kind, route, invocation, unexported)
                if simple.subshells and words[0].value == "export":
                    inside.setdefault(simple.subshells, []).extend(assigned)
                else:
                    out.extend(assigned)
            found = _invocation(words)
            if found is None:
                continue
            tool, sub, args = found
            for opened, exported in inside.items():
                if simple.subshells[: len(opened)] == opened:
                    out.extend(replace(e, invocation=f"{route}#{invocation}") for e in exported)
        options = _pip_options(args) if tool == "pip" else _uv_options(args)
        command = f"{'pip' if tool == 'pip' else 'uv pip'} {sub}"
        labels = _local_pins(args) if tool == "pip" and sub == "install" else ""
        local = {"local_pins": labels} if labels else {}
        for item in options:
            last = (
                item.last_at
                if item.last_at >= 0
                else (item.value_idx[-1] if item.value_idx else item.option_at)
            )
            a, b = joined.file_range(item.option_at, max(item.option_at, last))
            if item.value_idx:
                va, vb = joined.file_range(item.value_idx[0], item.value_idx[-1])
                raw = text_file.text[va:vb]
            else:
                raw = ""
            out.append(
                Setting(
                    item.key,
                    expand(item.value, variables or {}),
                    raw,
                    kind,
                    Location(text_file.path, text_file.span(a, b), f"{route} → {command}"),
                    attrs={"command": command, **item.attrs, **local},
                    remedy=remedy,
                    tool=Tool.PIP if tool == "pip" else Tool.UV,
                    # Which command of the script: its options apply to it alone.
                    # (with ``prefix`` every line is an argument of one command).
                    invocation=f"{route}#{0 if prefix else invocation}",
                )
            )
    return out


_ASSIGNED_REMEDY = (
    "not fixed automatically: the variable is set by a shell command here; remove it from "
    "the command by hand"
)


def _assigned(
    text_file: TextFile,
    joined: MappedText,
    words: list[_Word],
    kind: SourceKind,
    route: str,
    invocation: int,
    unexported: dict[str, _Word],
) -> list[Setting]:
    """``PIP_*``/``UV_*`` variables a shell command puts in the environment of what it
    runs, as the shell does:

    * ``export NAME=value`` (or ``NAME=value`` then ``export NAME``): every later command
      of the script; read as the file's own, as a CI ``env:`` is;
    * ``NAME=value command`` (also after ``env``/``sudo``, which set the variables they
      are given on their command line): that command alone, so the
      settings are that command's, as its own options are;
    * ``NAME=value`` alone is a shell variable no command sees (``unexported`` remembers
      it for a later ``export NAME``).
    """
    if not words:
        return []
    targets: list[_Word] = []
    scope = ""
    if words[0].value == "export":
        how = "export"
        for word in words[1:]:
            if _ASSIGNMENT.fullmatch(word.value):
                targets.append(word)
            elif word.value in unexported:
                targets.append(unexported.pop(word.value))
    else:
        how = "command prefix"
        rest = _strip_prefix(words)  # sudo/env, their options, and the assignments
        targets = [w for w in words[: len(words) - len(rest)] if _ASSIGNMENT.fullmatch(w.value)]
        if not rest:  # no command after the assignments: shell variables
            for word in targets:
                unexported[word.value.partition("=")[0]] = word
            return []
        scope = f"{route}#{invocation}"
    out: list[Setting] = []
    for word in targets:
        name = word.value.partition("=")[0]
        if not is_tool_variable(name):
            continue
        cut = len(name) + 1
        value = MappedText(word.value[cut:], [joined.offsets[k] for k in word.idx[cut:]])
        if not value.chars:
            continue
        found = variable_settings(
            text_file, name, value, kind, route, remedy=_ASSIGNED_REMEDY, attrs={"set_by": how}
        )
        out.extend(replace(s, invocation=scope) if scope else s for s in found)
    return out


# What a requirement's version looks like after the shell took `>`/`<` for a redirection
# (numba>=0.57.1: `>` and the file `=0.57.1`; numpy<2: `<` and the file `2`).
_SPECIFIER_TAIL = re.compile(r"=?\s*v?\d[\w.*+!-]*(?:,.*)?")
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?")

# Commands that may run pip (and so read PIP_* variables) on their own: tools that install
# with pip, build front ends, environment managers, make and shell scripts.
_MAY_RUN_PIP = frozenset(
    {
        "pipx",
        "pip-sync",
        "pip-compile",
        "pip-audit",
        "tox",
        "nox",
        "conda",
        "mamba",
        "micromamba",
        "make",
        "poetry",
        "hatch",
        "pdm",
        "pipenv",
        "easy_install",
        "sh",
        "bash",
        "zsh",
        "dash",
        "source",
        ".",
    }
)
# uv commands that look packages up on indexes (`uv pip list`, `uv venv` do not).
_UV_LOOKUPS = frozenset({"sync", "add", "lock", "run", "tool", "export"})
_UV_PIP_LOOKUPS = frozenset({"install", "sync", "compile"})
_INSTALLER_SCRIPT = re.compile(r"setup|install|dep|req", re.IGNORECASE)


def install_runners(script: MappedText) -> tuple[str | None, bool]:
    """What installs in ``script``: the first uv command that looks packages up on an
    index (``uv pip install``, ``uv sync``, ``uvx``; as written), and whether any command
    may run pip — pip itself, or a tool, build front end or script that may.  uv reads no
    PIP_* variable (docs.astral.sh/uv/pip/compatibility), pip does."""
    first_uv: str | None = None
    may_pip = False
    before: list[str] = []
    for command in _scoped_commands(_join_continuations(script)):
        words, piped = command.words, command.piped
        previous, before = before, [w.value for w in words]
        k = 0
        while k < len(words) and (
            words[k].value in _PREFIX_WORDS
            or _ASSIGNMENT.fullmatch(words[k].value)
            or words[k].value.startswith("--")  # RUN --mount=... (Docker's own flags)
        ):
            k += 1
        if k >= len(words):
            continue
        values = [w.value for w in words[k:]]
        head = posixpath.basename(values[0].replace("\\", "/"))
        args = values[1:]
        if _PYTHON_NAME.fullmatch(head) and args[:1] == ["-m"] and len(args) > 1:
            head, args = args[1], args[2:]  # python -m uv / pip / build / tox ...
        elif _PYTHON_NAME.fullmatch(head) or _PYTHON_VARIABLE.fullmatch(values[0]):
            # a script may run pip (setup.py install, install_deps.py); -c code rarely does
            program = args[0] if args else ""
            may_pip = may_pip or bool(program != "-c" and _INSTALLER_SCRIPT.search(program))
            continue
        if head in ("source", ".") and args and args[0].endswith("activate"):
            continue  # a virtualenv's activate script installs nothing
        if head in ("sh", "bash") and piped and any("astral.sh/uv" in v for v in previous):
            continue  # uv's installer (curl -LsSf https://astral.sh/uv/install.sh | sh)
        if head in ("uv", "uvx"):
            sub = [a for a in args if not a.startswith("-")]
            looks_up = head == "uvx" or (
                bool(sub)
                and (
                    sub[0] in _UV_LOOKUPS
                    or (sub[0] == "pip" and len(sub) > 1 and sub[1] in _UV_PIP_LOOKUPS)
                )
            )
            if looks_up and first_uv is None:
                first_uv = " ".join(values[: 3 if sub and sub[0] == "pip" else 2])
            continue
        if (
            _PIP_NAME.fullmatch(head)
            or head in _MAY_RUN_PIP
            or head in ("build", "pip_tools", "piptools")
            or head.endswith(".sh")
            or "/" in values[0]
        ):
            may_pip = True
    return first_uv, may_pip


# PIP_* settings that decide where pip looks for packages
PIP_INDEX_KEYS = frozenset({"index-url", "extra-index-url", "find-links", "no-index"})


def pip_index_variable(setting: Setting) -> bool:
    """A ``PIP_*`` variable (not a command's option) that says where pip looks."""
    return (
        setting.tool is Tool.PIP
        and not setting.invocation
        and setting.key in PIP_INDEX_KEYS
        and setting.attrs.get("key_as_written", "").startswith("PIP_")
    )


def unread_by_uv(setting: Setting, first: str) -> Setting:
    """``setting`` marked as read by no install it reaches, all uv's (``first``: the first
    of them, ``line N: uv pip install``): RL108 reports it, RL101 leaves it."""
    return replace(setting, attrs={**setting.attrs, "uv_only": first})


def command_problems(text_file: TextFile, script: MappedText, route: str) -> list[Problem]:
    """RL011: a pip or uv install command whose requirement's specifier the shell reads as
    a redirection (``pip install numba>=0.57.1`` installs any numba and writes its output
    to a file named ``=0.57.1``; ``numpy<2`` reads standard input from a file ``2``)."""
    joined = _join_continuations(script)
    out: list[Problem] = []
    for command in _scoped_commands(joined):
        if not command.glued:
            continue
        found = _invocation(command.words)
        if found is None or found[1] not in ("install", "download", "wheel", "compile"):
            continue
        # a chain of them is one word as written: torch>=2.1,<3 is `>` then `<`
        chains: list[list[tuple[_Word, str, _Word]]] = []
        for link in command.glued:
            if chains and chains[-1][-1][2] is link[0]:
                chains[-1].append(link)
            else:
                chains.append([link])
        specifiers = [
            chain
            for chain in chains
            if not (chain[0][0].value.isdigit() or "&" in chain[0][1])  # 2>&1, 1>2
            and _REQUIREMENT_NAME.fullmatch(chain[0][0].value)
            and _SPECIFIER_TAIL.fullmatch(chain[0][2].value)
        ]
        # What the shell does with the whole command, redirection by redirection: it stops
        # at the first file it cannot read (bash: No such file), before running anything;
        # else standard output goes to the last file it names (the others are created
        # empty).  A redirection of another descriptor (2>log) is not standard output's.
        reads = next((t for c in specifiers for _, o, t in c if o.startswith("<")), None)
        other_fd = {id(t) for w, _, t in command.glued if w.value.isdigit()}
        outputs = [
            t
            for op, t in command.redirects
            if op in (">", ">>", ">|", "&>", "&>>") and id(t) not in other_fd
        ]
        for chain in specifiers:
            word, _, target = chain[0]
            last = chain[-1][2]
            if not word.idx or not last.idx:
                continue
            a, b = joined.file_range(word.idx[0], last.idx[-1])
            written = word.value + "".join(o + t.value for _, o, t in chain)
            if reads is not None:
                effect = (
                    f"so the command reads its input from a file named {reads.value!r} and fails"
                )
            elif outputs and outputs[-1] is not target:
                effect = (
                    f"so {found[0]} installs any {word.value}; a file named {target.value!r} "
                    f"is created empty and the output goes to {outputs[-1].value!r}, the "
                    "command's last redirection"
                )
            else:
                effect = (
                    f"so {found[0]} installs any {word.value} and its output goes to a file "
                    f"named {target.value!r}"
                )
            out.append(
                Problem(
                    RL011,
                    f"{written} is not quoted: the shell reads {written[len(word.value) :]} as "
                    f"{'redirections' if len(chain) > 1 else 'a redirection'}, {effect}; "
                    f'quote it: "{written}"',
                    Location(text_file.path, text_file.span(a, b), route),
                )
            )
    return out


# ------------------------------------------------------------- files a command opens

_FILE_KEYS = frozenset({"requirement", "constraint"})
_UV_FILE_OPTIONS = {
    "-r": "requirement",
    "--requirements": "requirement",
    "--requirement": "requirement",
    "-c": "constraint",
    "--constraints": "constraint",
    "--constraint": "constraint",
}
_CHANGES_FOLDER = frozenset({"cd", "pushd", "popd"})


@dataclass(frozen=True)
class FileOption:
    """A ``-r``/``-c`` file a pip or ``uv pip`` command opens: ``key`` is ``requirement``
    or ``constraint``, ``path`` as written, ``start``/``end`` the file offsets of the
    option and its value; ``guarded``: the command is followed by ``||`` (its failure is
    handled)."""

    tool: str
    key: str
    path: str
    start: int
    end: int
    value_start: int
    value_end: int
    guarded: bool
    route: str = ""


def file_options(script: MappedText, route: str = "") -> tuple[list[FileOption], bool]:
    """The files the ``install``/``download``/``wheel`` commands of a script open with
    ``-r``/``-c``, up to its first ``cd``/``pushd``/``popd`` (after one, where a relative
    path points is not known here), and whether the script changes folder at all."""
    joined = _join_continuations(script)
    chars = joined.chars
    out: list[FileOption] = []
    for command in _scoped_commands(joined):
        words = command.words
        if posixpath.basename(words[0].value) in _CHANGES_FOLDER:
            return out, True
        found = _invocation(words)
        if found is None or found[1] not in ("install", "download", "wheel"):
            continue
        tool, sub, args = found
        after = words[-1].end
        while after < len(chars) and chars[after] in " \t":
            after += 1
        guarded = chars.startswith("||", after)
        items = _pip_options(args, _FILE_KEYS) if tool == "pip" else _uv_file_options(args)
        for item in items:
            if not item.value_idx:
                continue
            last = item.last_at if item.last_at >= 0 else item.value_idx[-1]
            a, b = joined.file_range(item.option_at, max(item.option_at, last))
            va, vb = joined.file_range(item.value_idx[0], item.value_idx[-1])
            where = f"{route} → {'pip' if tool == 'pip' else 'uv pip'} {sub}"
            out.append(FileOption(tool, item.key, item.value, a, b, va, vb, guarded, where))
    return out, False


def _uv_file_options(args: list[_Word]) -> Iterator[_Found]:
    """``uv pip``'s ``-r``/``-c`` (clap: ``-r FILE``, ``-rFILE``, ``--requirements[=]FILE``)."""
    i = 0
    while i < len(args):
        word = args[i]
        v = word.value
        if v == "--":
            return
        spelled, eq, _ = v.partition("=")
        cut = len(spelled) + 1
        if not v.startswith("--") and v[:2] in ("-r", "-c") and len(v) > 2:
            spelled, eq, cut = v[:2], "=", 2
        key = _UV_FILE_OPTIONS.get(spelled)
        if key is not None:
            if eq:
                value, idx = _value_of(word, cut)
            elif i + 1 < len(args):
                i += 1
                value, idx = args[i].value, tuple(args[i].idx)
            else:
                return
            yield _Found(key, value, word.start, idx, {}, args[i].end - 1)
        i += 1


# a path not resolved here: a variable, a substitution, a glob, a home folder, a URL
_UNRESOLVED = re.compile(r"[$`{}%*?\[\]~]|://")
# What each says, verbatim (pip 26.3, uv 0.13): it stops before it installs anything.
_STOPS = {
    ("pip", "requirement"): 'pip stops ("Could not open requirements file")',
    ("pip", "constraint"): 'pip stops ("Could not open constraint file")',
    ("uv", "requirement"): 'uv stops ("File not found")',
    ("uv", "constraint"): 'uv stops ("File not found")',
    # a `python.install` entry: its install step runs `python -m pip install -r FILE`
    ("readthedocs", "requirement"): (
        'Read the Docs runs `pip install -r` on it and pip stops ("Could not open '
        'requirements file")'
    ),
}


def missing_files(
    text_file: TextFile, options: list[FileOption], bases: list[str], place: str
) -> list[Problem]:
    """RL003, as a warning, for each relative ``-r``/``-c`` file of ``options`` that is in
    none of the folders ``bases`` (``place`` says which, for the message): the command
    fails before it installs anything.  A warning, for an earlier step may create the
    file; so a file whose name the source mentions anywhere else (``pip freeze >
    x.txt``, ``pip-compile -o x.txt``, ``[ -f x.txt ]``, a download) is left alone, as is a
    command whose failure is handled (``|| true``)."""
    import os

    text = text_file.text
    spans = [(o.value_start, o.value_end) for o in options]
    out: list[Problem] = []
    for o in options:
        path = o.path
        if not path or o.guarded or _UNRESOLVED.search(path) or path.startswith(("/", "-")):
            continue
        if any(os.path.exists(os.path.join(base, path)) for base in bases):
            continue
        name = posixpath.basename(path.rstrip("/")) or path
        at = text.find(name)
        while at >= 0 and any(a <= at < b for a, b in spans):
            at = text.find(name, at + 1)
        if at >= 0:
            continue  # named elsewhere: maybe written, tested for or fetched first
        option = text[o.start : o.value_start].rstrip(" \t=\"'\\\n")
        out.append(
            Problem(
                RL003,
                f"{option} {path}: no such file {place}: {_STOPS[o.tool, o.key]} before installing "
                "anything, unless something earlier creates the file",
                Location(text_file.path, text_file.span(o.start, o.end), o.route),
                severity=Severity.WARNING,
            )
        )
    return out


# A VCS requirement given on a pip command line: `git+https://...`, `name@git+https://...`
# (or quoted, "name @ git+..."), `-e git+...`.
_VCS_ARGUMENT = re.compile(r"(?:^|@\s*)(?:git|hg|svn|bzr)\+[A-Za-z]+://")


def command_requirements(
    text_file: TextFile, script: MappedText, route: str, *, shell: bool = True
) -> tuple[list[Requirement], list[Problem]]:
    """The VCS requirements pip/uv install commands of a script name on their command line
    (a requirement from a moving branch is RL204's, wherever it is written).  Only those:
    pinning rules do not judge a command's other arguments.  A word with a ``$`` is left
    out (its revision may be a variable); nothing here has a removal (a command is edited
    by hand).

    And RL001 for a VCS argument pip cannot parse: pip 26.3 stops at
    ``git+https://...@main#egg=diffusers[test]`` ("The 'diffusers[test]' egg fragment is
    invalid") before installing anything.  uv reads that fragment's name and installs the
    branch, so under ``uv pip`` it is the VCS requirement it installs (diffusers'
    Dockerfiles, trial 10)."""
    joined = _join_continuations(script)
    out: list[Requirement] = []
    problems: list[Problem] = []
    for words in _commands(joined):
        found = _invocation(words)
        if found is None or found[1] not in ("install", "download", "wheel"):
            continue
        tool, args = found[0], found[2]
        for k, word in enumerate(args):
            value = word.value
            if "$" in value or not word.idx or _VCS_ARGUMENT.search(value) is None:
                continue
            previous = args[k - 1].value if k else ""
            editable = previous in ("-e", "--editable")
            a, b = joined.file_range(word.idx[0], word.idx[-1])
            where = f"{route} → {tool} install"
            error = _build(value, editable=editable, constraint=False)[1]
            if error is not None and tool == "pip":
                problems.append(
                    Problem(
                        RL001,
                        f"invalid requirement: pip {found[1]} stops at {value!r} before "
                        f"installing anything: {error}",
                        Location(text_file.path, text_file.span(a, b), where),
                    )
                )
                continue
            if error is not None:
                value = _EGG_FRAGMENT.sub("", value)  # uv's reading: the name is the URL's
            req = vcs_requirement(text_file, value, (a, b), where, editable=editable)
            if req is not None:
                out.append(req if value == word.value else replace(req, text=word.value))
    return out, problems


# ``#egg=name[extra]``, which pip rejects and uv reads past
_EGG_FRAGMENT = re.compile(r"[#&]egg=[^&]*$")


def vcs_requirement(
    text_file: TextFile, value: str, at: tuple[int, int], route: str, *, editable: bool = False
) -> Requirement | None:
    """``value`` (written at file offsets ``at``) as a VCS requirement, or None when it is
    none (or not a valid one): a pip command's argument, a tox ``deps`` line."""
    if _VCS_ARGUMENT.search(value) is None:
        return None
    fields, error, _ = _build(value, editable=editable, constraint=False)
    if error is not None or not fields.is_vcs or not fields.url:
        return None
    return Requirement(
        value,
        Location(text_file.path, text_file.span(*at), route),
        fields.name,
        fields.specifier,
        fields.extras,
        fields.marker,
        fields.url,
        fields.is_vcs,
        editable,
    )


# ----------------------------------------------------------------------- variables


def is_tool_variable(name: str) -> bool:
    """``PIP_*`` (every one: RL108 reports the ones pip does not know) or uv's index ones."""
    return name.startswith("PIP_") or name in UV_VARIABLES


def variable_settings(
    text_file: TextFile,
    name: str,
    value: MappedText,
    kind: SourceKind,
    route: str,
    *,
    removal: tuple[Edit, ...] = (),
    remedy: str = "",
    attrs: Mapping[str, str] | None = None,
) -> list[Setting]:
    """Settings from ``NAME=value`` (an env entry, tox ``setenv``, Dockerfile ``ENV``).

    The key and the splitting of list values are pip's (and uv's), as for the real
    environment; a GitHub expression ``${{ ... }}`` is kept as one word.  A value that
    carries pip's long index options is read as ``pip install`` arguments as well.
    """
    out: list[Setting] = []
    chars = value.chars
    flags = bool(_FLAG_HINT.search(chars))
    # PIP_FLAGS="--index-url ..." is a shell variable for `pip install $PIP_FLAGS`, not a
    # setting pip reads: only its options count (RL108 would call the name unknown).
    holder = (
        flags
        and name.startswith("PIP_")
        and pipopts.lookup(canonical_key(normalize_name(name[4:].lower()))) is None
    )
    if is_tool_variable(name) and not holder:
        # Blanks inside ${{ ... }} must not split a value: mask them (same length).
        masked = _EXPRESSION.sub(lambda m: re.sub(r"\s", "\x00", m.group(0)), chars)
        pos = 0
        parsed = parse_environ({name: masked})
        # a value pip refuses stops every pip command that sees it (RL005); one with a
        # variable in it is judged by nobody: its value is not known here
        refused = next(iter(parsed.problems), None) if "$" not in chars else None
        for setting in parsed.settings:
            at = masked.find(setting.raw, pos) if setting.raw else -1
            if at < 0:
                continue
            pos = at + len(setting.raw)
            inner = setting.raw.find(setting.value) if setting.value else -1
            v_at = at + inner if inner >= 0 else at
            v_len = len(setting.value) if inner >= 0 else len(setting.raw)
            a, b = value.file_range(at, pos - 1)
            va, vb = value.file_range(v_at, max(v_at, v_at + v_len - 1))
            out.append(
                Setting(
                    setting.key,
                    chars[v_at : v_at + v_len],
                    text_file.text[a:b],
                    kind,
                    Location(text_file.path, text_file.span(va, vb), f"{route} → {name}"),
                    attrs={
                        **setting.attrs,
                        "key_as_written": name,
                        **(attrs or {}),
                        **({"refused": refused.message} if refused is not None else {}),
                    },
                    removal=removal,
                    remedy=remedy if not removal else "",
                    tool=setting.tool,
                )
            )
            refused = None  # said once, at the value's first item
    elif _UV_INDEX_LIKE.fullmatch(name) and not _UV_KNOWN_INDEX_LIKE.fullmatch(name):
        # UV_EXTRA_INDEX (jax): no uv variable, so uv ignores it; RL108 says which it meant
        a, b = value.file_range(0, len(chars) - 1) if chars else (0, 0)
        out.append(
            Setting(
                UNKNOWN_UV_VARIABLE,
                chars,
                text_file.text[a:b],
                kind,
                Location(text_file.path, text_file.span(a, b), f"{route} → {name}"),
                attrs={"key_as_written": name, **(attrs or {})},
                removal=removal,
                remedy=remedy if not removal else "",
                tool=Tool.UV,
            )
        )
    if flags:
        found = command_settings(
            text_file,
            value,
            kind,
            f"{route} → {name}",
            remedy=remedy or _VARIABLE_REMEDY,
            prefix=("pip", "install", ""),
        )
        out.extend(replace(s, attrs={**s.attrs, **(attrs or {})}) for s in found)
    return out


# A UV_* name about indexes that uv does not read: uv's index variables, its publish index
# and per-index credentials (UV_INDEX_<NAME>_USERNAME/_PASSWORD) are real ones.
UNKNOWN_UV_VARIABLE = "uv-unknown-variable"
_UV_INDEX_LIKE = re.compile(r"UV_[A-Z0-9_]*(?:INDEX|FIND_LINK)[A-Z0-9_]*")
_UV_KNOWN_INDEX_LIKE = re.compile(
    r"UV_(?:INDEX_URL|DEFAULT_INDEX|EXTRA_INDEX_URL|INDEX|INDEX_STRATEGY|FIND_LINKS"
    r"|PUBLISH_INDEX|INDEX_[A-Z0-9_]+_(?:USERNAME|PASSWORD))"
)


_VARIABLE_REMEDY = (
    "not fixed automatically: the option is one of several in this "
    "variable's value; remove it from the value by hand"
)


# ------------------------------------------------------------ pip.conf written by a script

_CONF_NAMES = ("pip.conf", "pip.ini")
CONF_WRITE_REMEDY = (
    "not fixed automatically: {target} is written by a shell command here; edit the command by hand"
)
_SECTION = re.compile(r"\s*\[(?P<name>[^\]]+)\]\s*")
_OPTION = re.compile(r"(?P<key>[^=:\s][^=:]*?)\s*[=:]\s*")
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "r": "\r"}
_ECHO_FLAGS = re.compile(r"-[neE]+")


def _mapped_word(text: MappedText, word: _Word) -> MappedText:
    return MappedText(word.value, [text.offsets[k] for k in word.idx])


def _concat(parts: list[MappedText], sep: str = " ") -> MappedText:
    chars: list[str] = []
    offsets: Offsets = []
    for n, part in enumerate(parts):
        if n and sep:
            at = offsets[-1][1] if offsets else (part.offsets[0][0] if part.offsets else 0)
            chars.append(sep)
            offsets.extend([(at, at)] * len(sep))
        chars.append(part.chars)
        offsets.extend(part.offsets)
    return MappedText("".join(chars), offsets)


def _unescape(text: MappedText) -> MappedText:
    """``\\n``, ``\\t``, ``\\\\`` as echo (dash's, /bin/sh on Debian images) and printf read
    them; each result character maps to both characters of its escape."""
    chars: list[str] = []
    offsets: Offsets = []
    i = 0
    while i < len(text.chars):
        c = text.chars[i]
        if c == "\\" and text.chars[i + 1 : i + 2] in _ESCAPES:
            chars.append(_ESCAPES[text.chars[i + 1]])
            offsets.append((text.offsets[i][0], text.offsets[i + 1][1]))
            i += 2
        else:
            chars.append(c)
            offsets.append(text.offsets[i])
            i += 1
    return MappedText("".join(chars), offsets)


def _printf(args: list[MappedText]) -> MappedText:
    fmt, rest = _unescape(args[0]), list(args[1:])
    parts: list[MappedText] = []
    i = last = 0
    while i < len(fmt.chars):
        if fmt.chars.startswith("%s", i) or fmt.chars.startswith("%b", i):
            parts.append(MappedText(fmt.chars[last:i], fmt.offsets[last:i]))
            if rest:
                arg = rest.pop(0)
                parts.append(_unescape(arg) if fmt.chars[i + 1] == "b" else arg)
            i = last = i + 2
        elif fmt.chars.startswith("%%", i):
            parts.append(MappedText(fmt.chars[last : i + 1], fmt.offsets[last : i + 1]))
            i = last = i + 2
        else:
            i += 1
    parts.append(MappedText(fmt.chars[last:], fmt.offsets[last:]))
    return _concat(parts, "")


def _strip_prefix(words: list[_Word]) -> list[_Word]:
    k = 0
    while k < len(words) and (
        words[k].value in ("sudo", "env", "command", "exec")
        or _ASSIGNMENT.fullmatch(words[k].value)
        or (k and words[k].value.startswith("-") and words[k - 1].value in ("sudo", "env"))
    ):
        k += 1
    return words[k:]


def _is_conf(path: str) -> bool:
    return posixpath.basename(path.replace("\\", "/")).lower() in _CONF_NAMES


def _content(
    text: MappedText, command: _Command, previous: MappedText | None
) -> tuple[MappedText | None, list[str]]:
    """What ``command`` writes (echo/printf/cat/tee text) and the pip config files it
    writes it to (``> FILE``, ``>> FILE``, ``tee [-a] FILE``)."""
    words = _strip_prefix(command.words)
    if not words:
        return None, []
    name = posixpath.basename(words[0].value)
    args = words[1:]
    content: MappedText | None = None
    if name == "echo":
        newline = True
        while args and _ECHO_FLAGS.fullmatch(args[0].value):
            newline = newline and "n" not in args[0].value
            args = args[1:]
        content = _unescape(_concat([_mapped_word(text, w) for w in args]))
        if newline:
            content = _concat(
                [content, MappedText("\n", [content.offsets[-1]] if content.offsets else [(0, 0)])],
                "",
            )
    elif name == "printf" and args:
        content = _printf([_mapped_word(text, w) for w in args])
    elif name in ("cat", "tee") and command.heredocs:
        a, b = command.heredocs[-1]
        content = MappedText(text.chars[a:b], text.offsets[a:b])
    elif name == "tee" and command.piped:
        content = previous
    targets = [w.value for op, w in command.redirects if op in (">", ">>", ">|")]
    if name == "tee":
        targets += [w.value for w in args if not w.value.startswith("-")]
    return content, [t for t in targets if _is_conf(t)]


def _conf_lines(content: MappedText) -> Iterator[MappedText]:
    pos = 0
    chars = content.chars
    while pos < len(chars):
        nl = chars.find("\n", pos)
        end = len(chars) if nl < 0 else nl
        stop = end - 1 if end > pos and chars[end - 1] == "\r" else end
        yield MappedText(chars[pos:stop], content.offsets[pos:stop])
        pos = end + 1


def conf_text_settings(
    text_file: TextFile,
    content: MappedText,
    kind: SourceKind,
    route: str,
    target: str,
    *,
    section: str = "",
) -> list[Setting]:
    """pip config settings from the text of a pip.conf that a file writes (a heredoc, an
    echo/printf), read as configparser reads it, each value at its place in the file."""
    options: list[tuple[str, str, list[MappedText]]] = []  # (section, key as written, pieces)
    for line in _conf_lines(content):
        text = line.chars
        if not text.strip() or text.lstrip()[:1] in ("#", ";"):
            continue
        if text[:1] in " \t":
            if options:
                options[-1][2].append(line)
            continue
        head = _SECTION.fullmatch(text)
        if head is not None:
            section = head["name"]
            continue
        match = _OPTION.match(text)
        if match is None or not section:
            continue  # pip (configparser) rejects it; nothing pip would use
        cut = match.end()
        options.append((section, match["key"], [MappedText(text[cut:], line.offsets[cut:])]))
    out: list[Setting] = []
    for sect, written, pieces in options:
        key = canonical_key(normalize_name(written.strip()))
        option = pipopts.lookup(key)
        items = (
            [(p, m) for p in pieces for m in re.finditer(r"\S+", p.chars)]
            if option is not None and option.is_list
            else [
                (p, m)
                for p in pieces[:1]
                for m in [re.search(r"\S(?:.*\S)?", p.chars)]
                if m is not None
            ]
        )
        for piece, m in items:
            a, b = piece.file_range(m.start(), m.end() - 1)
            out.append(
                Setting(
                    key,
                    m.group(),
                    text_file.text[a:b],
                    kind,
                    Location(
                        text_file.path, text_file.span(a, b), f"{route} → {target} → {sect} → {key}"
                    ),
                    section=sect,
                    attrs={"written_to": target, "key_as_written": written},
                    remedy=CONF_WRITE_REMEDY.format(target=target),
                )
            )
    return out


def conf_write_settings(
    text_file: TextFile, script: MappedText, kind: SourceKind, route: str
) -> list[Setting]:
    """pip config settings a shell script writes: ``echo "[global]\\nkey=v" > pip.conf``,
    ``printf``, ``cat > pip.conf <<EOF`` (and ``tee``), ``pip config set section.key v``."""
    joined = _join_continuations(script)
    s = joined.chars
    out: list[Setting] = []
    for start, end, bodies in _lines(s):
        previous: MappedText | None = None
        for command in _line_commands(s, start, end, bodies):
            content, targets = _content(joined, command, previous)
            previous = content
            for target in targets:
                if content is not None:
                    append = any(
                        op == ">>" and w.value == target for op, w in command.redirects
                    ) or (_tee_appends(_strip_prefix(command.words)))
                    out.extend(
                        conf_text_settings(
                            text_file,
                            content,
                            kind,
                            route,
                            target,
                            section="global" if append else "",
                        )
                    )
            out.extend(_pip_config_set(text_file, joined, command, kind, route))
    return out


def _tee_appends(words: list[_Word]) -> bool:
    return (
        bool(words)
        and posixpath.basename(words[0].value) == "tee"
        and any(w.value in ("-a", "--append") for w in words[1:])
    )


def _pip_config_set(
    text_file: TextFile, text: MappedText, command: _Command, kind: SourceKind, route: str
) -> list[Setting]:
    words = _strip_prefix(command.words)
    values = [w.value for w in words]
    head = posixpath.basename(values[0]) if values else ""
    if _PIP_NAME.fullmatch(head):
        rest = words[1:]
    elif _PYTHON_NAME.fullmatch(head) and values[1:3] == ["-m", "pip"]:
        rest = words[3:]
    else:
        return []
    names = [w.value for w in rest]
    if "config" not in names:
        return []
    args = [w for w in rest[names.index("config") + 1 :] if not w.value.startswith("-")]
    if len(args) < 3 or args[0].value != "set" or "." not in args[1].value:
        return []
    section, _, written = args[1].value.partition(".")
    body = MappedText(f"[{section}]\n{written} = ", [(0, 0)] * (len(section) + len(written) + 6))
    content = _concat([body, _mapped_word(text, args[2])], "")
    return conf_text_settings(text_file, content, kind, route, "pip config set")
