"""pip and uv commands in shell text (CI ``run:``/``script:``, tox ``commands``/``deps``,
Dockerfile ``RUN``) and ``PIP_*``/``UV_*`` variables set in those files, read into
:class:`~reqlint.model.Setting` facts with exact spans.  Shared by the CI, tox and
Dockerfile adapters; pip's own grammar for requirements files lives in
:mod:`reqlint.sources.requirements`."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reqlint import pipopts
from reqlint.model import Edit, Location, Setting, SourceKind
from reqlint.sources._yaml import Offsets, scalar_offsets, whole_scalar
from reqlint.sources.environ import UV_VARIABLES, parse_environ
from reqlint.sources.pipconf import canonical_key, normalize_name
from reqlint.text import TextFile

if TYPE_CHECKING:
    from yaml.nodes import ScalarNode

__all__ = ["COMMAND_REMEDY", "Mapped", "command_settings", "expand", "is_tool_variable",
           "variable_settings", "words"]

COMMAND_REMEDY = ("not fixed automatically: the option is part of a shell command, and "
                  "commenting out the line would drop the whole command; remove the option "
                  "from the command by hand")

# pip's options that choose where packages come from, by canonical name.
_PIP_KEYS = frozenset({"index-url", "extra-index-url", "trusted-host", "find-links",
                       "no-index"})
_PIP_SUBCOMMANDS = frozenset({"install", "download", "wheel"})
# Short options of install/download/wheel that take a value (pipopts' short letters are
# merged over every command, where -f is also `completion --fish`).
_PIP_SHORT_VALUE = {"i": "index-url", "f": "find-links", "r": "requirement",
                    "c": "constraint", "e": "editable", "t": "target", "C": "config-settings",
                    "d": "dest", "w": "wheel-dir"}
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
_PYTHON_NAME = re.compile(r"(?:python|pypy)(?:\d+(?:\.\d+)*)?[mtw]?(?:\.exe)?|py")
_PREFIX_WORDS = frozenset({"then", "do", "else", "elif", "if", "while", "until", "time",
                           "!", "{", "exec", "command", "nohup", "sudo", "env", "xargs"})
_NAMED_INDEX = re.compile(r"(?P<name>[A-Za-z0-9._-]+)=(?P<url>.+)", re.DOTALL)
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


# ------------------------------------------------------------------- mapped text


@dataclass(frozen=True)
class Mapped:
    """A string and, for each character, the file offsets it was written at."""

    chars: str
    offsets: Offsets

    @classmethod
    def region(cls, text: str, start: int, end: int) -> Mapped:
        return cls(text[start:end], [(k, k + 1) for k in range(start, end)])

    @classmethod
    def scalar(cls, text: str, node: ScalarNode) -> Mapped:
        value = str(node.value)
        return cls(value, scalar_offsets(text, node) or whole_scalar(node, len(value)))

    def file_range(self, first: int, last: int) -> tuple[int, int]:
        """File offsets from character ``first`` to character ``last`` (inclusive)."""
        a = self.offsets[first][0]
        return a, max(a, self.offsets[last][1])


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
_REDIRECT = ">"


def _join_continuations(text: Mapped) -> Mapped:
    """A backslash before a line break joins the lines (the shell removes both)."""
    chars, offsets = text.chars, text.offsets
    out_c: list[str] = []
    out_o: Offsets = []
    i = 0
    while i < len(chars):
        if chars[i] == "\\" and chars[i + 1: i + 2] == "\n":
            i += 2
            continue
        if chars[i] == "\\" and chars[i + 1: i + 3] == "\r\n":
            i += 3
            continue
        out_c.append(chars[i])
        out_o.append(offsets[i])
        i += 1
    return Mapped("".join(out_c), out_o)


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
            word.take(s[i + 1:close], i + 1)
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
        elif c in ";&|()":
            out.append(_SEPARATOR)
            i += 1
        elif c in "<>":
            while i < end and s[i] in "<>&-":
                i += 1
            out.append(_REDIRECT)
        else:
            word, i = _word(s, i, end)
            out.append(word)
    return out


def words(text: Mapped) -> list[Mapped]:
    """The shell words of a one-line text, quotes removed, each character still mapped."""
    out: list[Mapped] = []
    for token in _tokens(text.chars, 0, len(text.chars)):
        if isinstance(token, _Word):
            out.append(Mapped(token.value, [text.offsets[k] for k in token.idx]))
    return out


def _commands(text: Mapped) -> Iterator[list[_Word]]:
    """Simple commands (word lists) of a shell script, line by line."""
    s = text.chars
    pos = 0
    while pos <= len(s):
        nl = s.find("\n", pos)
        end = len(s) if nl < 0 else nl
        current: list[_Word] = []
        drop_next = False
        for token in _tokens(s, pos, end):
            if isinstance(token, _Word):
                if drop_next:
                    drop_next = False
                else:
                    current.append(token)
            elif token == _REDIRECT:
                drop_next = True
            else:
                if current:
                    yield current
                current = []
        if current:
            yield current
        if nl < 0:
            break
        pos = nl + 1


# ---------------------------------------------------------------- pip and uv options


@dataclass(frozen=True)
class _Found:
    key: str
    value: str
    option_at: int  # mapped-text index of the option's first character
    value_idx: tuple[int, ...]  # mapped-text indices of the value's characters
    attrs: Mapping[str, str]
    # Mapped-text index of the last character as written (a closing quote included).
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
    rest = words[k + 1:]
    if _PIP_NAME.fullmatch(head):
        return _subcommand("pip", rest)
    if head == "uv" and rest and rest[0].value == "pip":
        return _subcommand("uv", rest[1:])
    if _PYTHON_NAME.fullmatch(head):
        j = 0
        while j < len(rest) and rest[j].value.startswith("-"):
            v = rest[j].value
            if v == "-m":
                if j + 1 < len(rest) and _PIP_NAME.fullmatch(rest[j + 1].value):
                    return _subcommand("pip", rest[j + 2:])
                return None
            if v.startswith("-m"):
                return _subcommand("pip", rest[j + 1:]) if _PIP_NAME.fullmatch(v[2:]) else None
            if v == "-c":
                return None
            j += 2 if v in ("-X", "-W") else 1
    return None


def _subcommand(tool: str, args: list[_Word]) -> tuple[str, str, list[_Word]] | None:
    """The first argument that is not an option (or an option's value) is the command."""
    j = 0
    while j < len(args):
        v = args[j].value
        if not v.startswith("-") or v == "-":
            wanted = _PIP_SUBCOMMANDS if tool == "pip" else _UV_SUBCOMMANDS
            if v in wanted:
                return tool, v, args[:j] + args[j + 1:]
            return None
        takes = False
        if tool == "pip" and v.startswith("--") and "=" not in v:
            option = _pip_long(v[2:])
            takes = option is not None and option.takes_value
        j += 2 if takes else 1
    return None


_LONG_NAMES: dict[str, pipopts.PipOption] = {
    name: o for o in pipopts.OPTIONS for name in (o.name, *o.aliases)}


def _pip_long(name: str) -> pipopts.PipOption | None:
    """optparse's rule: an exact long name, or a prefix of exactly one."""
    if name in _LONG_NAMES:
        return _LONG_NAMES[name]
    found = {o.name: o for n, o in _LONG_NAMES.items() if n.startswith(name)} if name else {}
    return next(iter(found.values())) if len(found) == 1 else None


def _value_of(word: _Word, cut: int) -> tuple[str, tuple[int, ...]]:
    return word.value[cut:], tuple(word.idx[cut:])


def _pip_options(args: list[_Word]) -> Iterator[_Found]:
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
                if option.name in _PIP_KEYS:
                    yield _Found(option.name, value, word.start, idx, {}, args[i].end - 1)
            elif option is not None and option.name in _PIP_KEYS:
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
                if key in _PIP_KEYS:
                    yield _Found(key, value, word.start, idx, {}, args[i].end - 1)
                break
        i += 1


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
    r"|\$\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?P<plain>[A-Za-z_][A-Za-z0-9_]*)")


def expand(value: str, variables: Mapping[str, str]) -> str:
    """``$VAR``, ``${VAR}`` and GitHub's ``${{ env.VAR }}`` replaced where ``variables``
    defines ``VAR``; other references are kept as written."""
    if "$" not in value or not variables:
        return value

    def sub(match: re.Match[str]) -> str:
        name = match["expr"] or match["braced"] or match["plain"]
        return variables.get(name, match.group(0))

    return _REFERENCE.sub(sub, value)


def command_settings(text_file: TextFile, script: Mapped, kind: SourceKind, route: str,
                     *, remedy: str = COMMAND_REMEDY,
                     prefix: tuple[str, str, str] | None = None,
                     variables: Mapping[str, str] | None = None) -> list[Setting]:
    """Settings from the pip/uv commands of a shell script (``run:``, ``RUN``, tox commands).

    ``prefix`` = ``(tool, subcommand, ...)``: read ``script`` as the arguments of that
    command (a tox ``deps`` line, a ``PIP_FLAGS`` value) instead of looking for commands.
    ``variables``: what the file defines for the script (a workflow's ``env:``); their
    references are expanded in each value (``raw`` keeps the text as written).
    """
    joined = _join_continuations(script)
    out: list[Setting] = []
    for invocation, words in enumerate(_commands(joined)):
        if prefix is not None:
            tool, sub, args = prefix[0], prefix[1], words
        else:
            found = _invocation(words)
            if found is None:
                continue
            tool, sub, args = found
        options = _pip_options(args) if tool == "pip" else _uv_options(args)
        command = f"{'pip' if tool == 'pip' else 'uv pip'} {sub}"
        for item in options:
            last = item.last_at if item.last_at >= 0 else (
                item.value_idx[-1] if item.value_idx else item.option_at)
            a, b = joined.file_range(item.option_at, max(item.option_at, last))
            if item.value_idx:
                va, vb = joined.file_range(item.value_idx[0], item.value_idx[-1])
                raw = text_file.text[va:vb]
            else:
                raw = ""
            out.append(Setting(
                item.key, expand(item.value, variables or {}), raw, kind,
                Location(text_file.path, text_file.span(a, b), f"{route} → {command}"),
                attrs={"tool": tool, "command": command,
                       # Which command of the script: its options apply to it alone.
                       # (with ``prefix`` every line is an argument of one command).
                       "invocation": f"{route}#{0 if prefix else invocation}", **item.attrs},
                remedy=remedy))
    return out


# ----------------------------------------------------------------------- variables


def is_tool_variable(name: str) -> bool:
    """``PIP_*`` (every one: RL108 reports the ones pip does not know) or uv's index ones."""
    return name.startswith("PIP_") or name in UV_VARIABLES


def variable_settings(text_file: TextFile, name: str, value: Mapped, kind: SourceKind,
                      route: str, *, removal: tuple[Edit, ...] = (),
                      remedy: str = "", attrs: Mapping[str, str] | None = None,
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
    holder = flags and name.startswith("PIP_") and pipopts.lookup(
        canonical_key(normalize_name(name[4:].lower()))) is None
    if is_tool_variable(name) and not holder:
        # Blanks inside ${{ ... }} must not split a value: mask them (same length).
        masked = _EXPRESSION.sub(lambda m: re.sub(r"\s", "\x00", m.group(0)), chars)
        pos = 0
        for setting in parse_environ({name: masked}).settings:
            at = masked.find(setting.raw, pos) if setting.raw else -1
            if at < 0:
                continue
            pos = at + len(setting.raw)
            inner = setting.raw.find(setting.value) if setting.value else -1
            v_at = at + inner if inner >= 0 else at
            v_len = len(setting.value) if inner >= 0 else len(setting.raw)
            a, b = value.file_range(at, pos - 1)
            va, vb = value.file_range(v_at, max(v_at, v_at + v_len - 1))
            out.append(Setting(
                setting.key, chars[v_at:v_at + v_len], text_file.text[a:b], kind,
                Location(text_file.path, text_file.span(va, vb), f"{route} → {name}"),
                attrs={**setting.attrs, "key_as_written": name, **(attrs or {})},
                removal=removal, remedy=remedy if not removal else ""))
    if flags:
        found = command_settings(text_file, value, kind, f"{route} → {name}",
                                 remedy=remedy or _VARIABLE_REMEDY,
                                 prefix=("pip", "install", ""))
        out.extend(replace(s, attrs={**s.attrs, **(attrs or {})}) for s in found)
    return out


_VARIABLE_REMEDY = ("not fixed automatically: the option is one of several in this "
                    "variable's value; remove it from the value by hand")
