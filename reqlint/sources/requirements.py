"""Requirements files, read exactly as pip 26.3 reads them.

The pipeline is pip's own (``pip._internal.req.req_file``): split into lines, join
backslash continuations, strip comments, expand ``${VAR}``, break each line into
requirement text and options, parse the options with optparse's rules, and turn the
requirement text into a requirement as ``pip._internal.req.constructors`` does.  Every
step keeps, for each character of the logical line, the offsets it came from in the file,
so every fact and problem carries an exact span even across continuation lines.

Two deliberate differences from pip, both because reqlint must not depend on where it runs:

* pip checks the file system for local paths (``./pkg``, ``-e .``, ``foo.whl``) relative to
  its working directory.  reqlint does not: a path that looks like a directory is taken as
  one, an archive name as a local archive, and ``url`` is the path as written.
* pip stops at the first bad line.  reqlint reports the problem and goes on, so one run
  shows every problem; the message says that pip would reject the file.
"""

from __future__ import annotations

import os
import posixpath
import re
import urllib.parse
from collections.abc import Iterator, Mapping

from reqlint import pipopts
from reqlint._records import dataclass, field, replace
from reqlint.discovery import display_path, read_text
from reqlint.model import (
    Edit,
    Include,
    Location,
    ParsedSource,
    Problem,
    Requirement,
    Setting,
    Severity,
    SourceContext,
    SourceKind,
    Span,
)
from reqlint.sources.req_constructors import _build, _Fields, clear_caches
from reqlint.suppress import suppression_codes
from reqlint.text import (
    COMMENT_PREFIX,
    RARE_SEPARATORS,
    TextFile,
    comment_out_lines,
    in_template,
)

__all__ = ["clear_caches", "load_requirements", "parse_requirements"]

# packaging is imported where a line needs it, not at start-up: a file of plain lines
# (see req_constructors._plain_fields) never loads packaging.requirements, .markers, .utils
# or .tags.

# --------------------------------------------------------------- pip 26.3's constants
# pip splits with str.splitlines(), which also ends a line at \v, \f, \x1c-\x1e, \x85,
# \u2028 and \u2029; editors only at \r\n, \r and \n.  A file with those rare characters
# is parsed with TextFile.with_pip_lines(), so line numbers and spans are pip's.
_SPLITLINES = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_COMMENT_RE = re.compile(r"(^|\s+)#.*$")  # req_file.COMMENT_RE (anchored uses only)
_HASH = re.compile("#")


def _comment_at(chars: str) -> int:
    """Where ``COMMENT_RE.search`` matches (-1: nowhere), in linear time.

    The regular expression retries ``\\s+`` at every blank of a long run of blanks that no
    ``#`` follows (a line of a million spaces took minutes, in pip too).  The leftmost
    match is the run of blanks before the first ``#`` that starts the text or follows a
    blank.
    """
    if "#" not in chars:
        return -1
    for match in _HASH.finditer(chars):
        at = match.start()
        if at == 0 or chars[at - 1].isspace():
            while at > 0 and chars[at - 1].isspace():
                at -= 1
            return at
    return -1


_ENV_VAR_RE = re.compile(r"(?P<var>\$\{(?P<name>[A-Z0-9_]+)\})")  # req_file.ENV_VAR_RE


_SCHEME_RE = re.compile(r"^(http|https|file):", re.I)  # req_file.SCHEME_RE
_STRONG_HASHES = ("sha256", "sha384", "sha512")
_FEATURES = (
    "fast-deps",
    "inprocess-build-deps",
    "venv-isolation",
    "truststore",
    "no-binary-enable-wheel-cache",
    "build-constraint",
)

# The options of pip's requirements-file parser (req_file.build_parser): long spelling ->
# canonical key.  Every other spelling pip knows is an error in a requirements file.
_OPTION_KEYS = sorted(pipopts.REQUIREMENTS_FILE_OPTIONS | pipopts.PER_REQUIREMENT_OPTIONS)
_LONG: dict[str, str] = {}
_SHORT: dict[str, str] = {}
for _key in _OPTION_KEYS:
    _opt = pipopts.lookup(_key)
    _LONG["--" + _key] = _key
    if _opt is not None:
        for _alias in _opt.aliases:
            _LONG["--" + _alias] = _key
        for _letter in _opt.short:
            _SHORT["-" + _letter] = _key
_FLAGS = frozenset({"no-index", "pre", "prefer-binary", "require-hashes", "no-require-hashes"})
# Options whose optparse callback edits an object shared with pip's finder, so they take
# effect whatever line they are on (req_file.get_line_parser sets the defaults to it).
_SHARED_STATE = frozenset({"no-binary", "only-binary", "all-releases", "only-final"})
# What an option line contributes to the finder/options, as settings.
_SETTING_KEYS = frozenset(
    {
        "index-url",
        "extra-index-url",
        "no-index",
        "find-links",
        "trusted-host",
        "pre",
        "prefer-binary",
        "require-hashes",
        "no-require-hashes",
        "only-binary",
        "no-binary",
        "use-feature",
        "all-releases",
        "only-final",
    }
)


# ------------------------------------------------------------------- logical lines


@dataclass
class _Text:
    """A string whose every character remembers where in the file it came from.

    ``starts[i]``/``ends[i]`` are the file offsets of character ``i``; a character that a
    ``${VAR}`` expansion produced maps to the whole ``${VAR}``, and ``subs[i]`` is then the
    reference as written (``""`` for characters written in the file).
    """

    chars: str = ""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    subs: list[str] = field(default_factory=list)

    def __add__(self, other: _Text) -> _Text:
        return _Text(
            self.chars + other.chars,
            self.starts + other.starts,
            self.ends + other.ends,
            self.subs + other.subs,
        )

    @classmethod
    def join(cls, parts: list[_Text]) -> _Text:
        """The parts one after the other, in one pass (``+`` in a loop is quadratic)."""
        out = cls()
        for part in parts:
            out.starts.extend(part.starts)
            out.ends.extend(part.ends)
            out.subs.extend(part.subs)
        out.chars = "".join(p.chars for p in parts)
        return out

    def __getitem__(self, item: slice) -> _Text:
        return _Text(self.chars[item], self.starts[item], self.ends[item], self.subs[item])

    @classmethod
    def of(cls, text: str, start: int) -> _Text:
        n = len(text)
        return cls(
            text, list(range(start, start + n)), list(range(start + 1, start + n + 1)), [""] * n
        )

    @classmethod
    def synthetic(cls, text: str, offset: int) -> _Text:
        n = len(text)
        return cls(text, [offset] * n, [offset] * n, [""] * n)

    def strip(self, chars: str | None = None) -> _Text:
        left = len(self.chars) - len(self.chars.lstrip(chars))
        right = len(self.chars.rstrip(chars))
        return self[left : max(left, right)]

    def offsets(self, i: int, j: int) -> tuple[int, int]:
        """File offsets covering characters ``i``..``j`` (exclusive); ``j > i``."""
        return self.starts[i], max(self.ends[j - 1], self.starts[i])

    def written_at(self, indices: list[int]) -> str:
        """The characters at ``indices`` as written in the file (``${VAR}`` not expanded)."""
        out: list[str] = []
        last: tuple[str, int] | None = None
        for k in indices:
            if self.subs[k]:
                ref = (self.subs[k], self.starts[k])
                if ref != last:
                    out.append(ref[0])
                last = ref
            else:
                out.append(self.chars[k])
                last = None
        return "".join(out)


@dataclass
class _Logical:
    number: int  # pip's line number: the first physical line of a joined line
    first: int  # first and last physical line (TextFile numbering)
    last: int
    text: _Text


@dataclass(slots=True)
class _Piece:
    """One physical line of a (possibly joined) logical line, kept as written: its
    :class:`_Text` is built only when the slow path needs it."""

    raw: str
    start: int  # file offset of ``raw``
    line: int  # physical line (TextFile numbering)
    kind: int = 0  # _PLAIN, _COMMENT (pip prefixes a space) or _CONTINUED (ends in "\\")
    too_long: int = 0  # the length of a line over the limit (its text is not kept)

    @property
    def text(self) -> _Text:
        piece = _Text.of(self.raw, self.start)
        if self.kind == _COMMENT:
            return _Text.synthetic(" ", self.start) + piece
        if self.kind == _CONTINUED:
            return piece.strip("\\")
        return piece


_PLAIN, _COMMENT, _CONTINUED = 0, 1, 2
# One piece of pip-compile's continued form: blanks (spaces only: a tab is not where
# break_args_options splits), one --hash with a strong algorithm, blanks.
_HASH_LINE = re.compile(r" +--hash=((?:sha256|sha384|sha512):[0-9A-Za-z]+) *")
_HASH_OPTION = re.compile(r"--hash=((?:sha256|sha384|sha512):[0-9A-Za-z]+)")
_HASHES = re.compile(
    r"--hash=(?:sha256|sha384|sha512):[0-9A-Za-z]+"
    r"(?: +--hash=(?:sha256|sha384|sha512):[0-9A-Za-z]+)*"
)

# Longer lines are not parsed: each character costs the parser a few dozen bytes of
# offsets, and no requirement or option is a megabyte long.  docs/security.md.
MAX_LINE_LENGTH = 1024 * 1024
MAX_LINE_LENGTH_VARIABLE = "REQLINT_MAX_LINE_LENGTH"


# A file of more lines is not parsed: each line is a few hundred bytes of model, and a
# file of millions of short lines (3,000,000 took 149 s and 4.5 GB) is no one's requirements
# file.  Like the size limit, the file is reported, not read.  docs/security.md.
MAX_LINES = 1_000_000
MAX_LINES_VARIABLE = "REQLINT_MAX_LINES"


def max_lines() -> int:
    """``REQLINT_MAX_LINES`` when a positive number, else the default."""
    value = os.environ.get(MAX_LINES_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_LINES


def max_line_length() -> int:
    """``REQLINT_MAX_LINE_LENGTH`` (characters) when a positive number, else the default."""
    value = os.environ.get(MAX_LINE_LENGTH_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_LINE_LENGTH


def _pip_lines(tf: TextFile) -> Iterator[tuple[int, int, str]]:
    """``(pip line number, start offset, text)`` as ``str.splitlines`` numbers them."""
    text = tf.text
    if "\r" not in text and not any(c in text for c in RARE_SEPARATORS):
        return _newline_lines(text)  # most files: one split, not a match per line
    return _separated_lines(text)


def _newline_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """:func:`_separated_lines` for a text whose only line separator is ``\n``."""
    pos = 0
    size = len(text)
    for number, raw in enumerate(text.split("\n"), 1):
        if pos < size:
            yield number, pos, raw
        pos += len(raw) + 1


def _separated_lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    number = 0
    for match in _SPLITLINES.finditer(text):
        number += 1
        yield number, pos, text[pos : match.start()]
        pos = match.end()
    if pos < len(text):
        yield number + 1, pos, text[pos:]


def _joined(tf: TextFile) -> Iterator[tuple[int, list[_Piece]]]:
    """pip's join_lines, keeping the physical pieces of each joined line."""
    pending: list[_Piece] = []
    primary = 0
    limit = max_line_length()
    for number, start, raw in _pip_lines(tf):
        # tf numbers its lines as str.splitlines does (with_pip_lines), so pip's line
        # number is the physical one: no search for it
        physical = number
        too_long = len(raw) if len(raw) > limit else 0
        kept = "" if too_long else raw
        # pip's COMMENT_RE.match, for the two ways a comment line can start
        is_comment = raw[:1] == "#" or (raw[:1].isspace() and _COMMENT_RE.match(raw) is not None)
        if not raw.endswith("\\") or is_comment:
            # pip prefixes a comment line with a space so the comment is always matched later
            piece = _Piece(kept, start, physical, _COMMENT if is_comment else _PLAIN, too_long)
            if pending:
                pending.append(piece)
                yield primary, pending
                pending = []
            else:
                yield number, [piece]
        else:
            if not pending:
                primary = number
            pending.append(_Piece(kept, start, physical, _CONTINUED, too_long))
    if pending:  # the last line ends in a backslash
        yield primary, pending


# --------------------------------------------------------------------- the parser


class _Parser:
    def __init__(self, tf: TextFile, env: Mapping[str, str] | None, constraint: bool) -> None:
        self.tf = tf
        self.env = env
        self.constraint = constraint
        self.requirements: list[Requirement] = []
        self.settings: list[Setting] = []
        self.includes: list[Include] = []
        self.problems: list[Problem] = []
        self.suppressions: dict[int, frozenset[str]] = {}

    # .............................................................. locations
    def loc(self, start: int, end: int) -> Location:
        return Location(self.tf.path, self.tf.span(start, end))

    def problem(self, code: str, message: str, start: int, end: int) -> None:
        self.problems.append(Problem(code, message, self.loc(start, end)))

    # .............................................................. pipeline
    def run(self) -> ParsedSource:
        limit = max_lines()
        if self.tf.line_count > limit:
            self.problem(
                "RL003",
                f"{self.tf.path} has {self.tf.line_count:,} lines; files "
                f"over {limit:,} lines are not read (set {MAX_LINES_VARIABLE} to "
                "read longer ones): this file is not linted",
                0,
                0,
            )
            return ParsedSource(
                self.tf.path,
                SourceKind.REQUIREMENTS,
                problems=tuple(self.problems),
                constraint=self.constraint,
            )
        for number, pieces in _joined(self.tf):
            if len(pieces) == 1:
                if pieces[0].kind != _CONTINUED and self.simple(pieces[0]):
                    continue
            elif self.hashed(pieces):
                continue
            logical = self.preprocess(number, pieces)
            if logical is not None:
                self.line(logical)
        return ParsedSource(
            self.tf.path,
            SourceKind.REQUIREMENTS,
            tuple(self.requirements),
            tuple(self.settings),
            tuple(self.includes),
            tuple(self.problems),
            dict(sorted(self.suppressions.items())),
            constraint=self.constraint,
        )

    def simple(self, piece: _Piece) -> bool:
        """The fast path for a line that is not joined to another: a comment, a blank
        line or a requirement without options.  Returns False (having done nothing) for
        every other line, which then takes the full pipeline below; the facts are the
        same either way (tests/test_requirements_fastpath.py compares the two paths)."""
        raw = piece.raw
        if piece.too_long or self.constraint:
            return False  # the limit's RL003 and pip's constraint checks: the full pipeline
        if piece.kind == _COMMENT:
            match = _COMMENT_RE.search(" " + raw)
            assert match is not None
            self.suppress(match.group(0).strip(), piece.line, piece.line)
            return True
        if self.env is not None and "${" in raw:
            return False
        comment = _comment_at(raw) if "#" in raw else -1
        chars = raw[:comment] if comment >= 0 else raw
        stripped = chars.strip()
        if stripped.startswith("-") or " -" in stripped:
            # options: the full pipeline, but for a requirement with --hash options only
            return comment < 0 and self.inline_hashes(piece, stripped)
        if comment >= 0:
            self.suppress(raw[comment:].strip(), piece.line, piece.line)
        if not stripped:
            return True
        a = piece.start + len(chars) - len(chars.lstrip())
        b = a + len(stripped)
        fields, error, index = _build(stripped, editable=False, constraint=self.constraint)
        column = None
        where = (a, b)
        if index is not None and index < len(stripped):
            column = self.tf.position(a + index)[1]
            where = (a + index, max(b, a + index))
        # one physical line: its span and its comment-out edit, without searching for it
        line = piece.line
        line_start = self.tf.line_start(line)
        path = self.tf.path
        self.add(
            stripped,
            Location(path, Span(a, b, line, a - line_start + 1, line, b - line_start + 1)),
            fields,
            error,
            column,
            where,
            (Edit(path, line_start, line_start, COMMENT_PREFIX),),
            constraint=self.constraint,
        )
        return True

    def hashed(self, pieces: list[_Piece]) -> bool:
        """The fast path for pip-compile's continued form: a requirement ending in a
        backslash, then only ``--hash=ALGO:HEX`` lines (each but the last continued), no
        comment, no variable.  Returns False (having done nothing) for every other joined
        line; the facts are those of the full pipeline (``line``/``requirement_line``,
        compared in tests/test_requirements_fasthash.py)."""
        if self.constraint:
            return False
        first, last = pieces[0], pieces[-1]
        if last.kind != _PLAIN:
            return False  # a comment line ends the join, or the file ends in a backslash
        for piece in pieces:
            raw = piece.raw
            if (
                piece.too_long
                or "#" in raw
                or raw[:1] == "\\"
                or (self.env is not None and "${" in raw)
            ):
                return False
        head = first.raw.strip("\\")
        content = head.lstrip()
        lead = len(head) - len(content)
        if not content.strip() or content.startswith("-") or " -" in content:
            return False
        hashes: list[str] = []
        texts: list[str] = []
        for piece in pieces[1:]:
            text = piece.raw if piece is last else piece.raw.strip("\\")
            match = _HASH_LINE.fullmatch(text)
            if match is None:
                return False
            hashes.append(match.group(1))
            texts.append(text)
        # the joined line as ``line`` sees it: the requirement is the text before the first
        # token that starts with "-", which is the first --hash (on the second piece)
        second = pieces[1].raw
        spaces = len(second) - len(second.lstrip(" "))
        joined = content + second[:spaces]
        req_text = joined[: len(joined) - 1]  # break_args_options drops the last blank
        end = len(req_text.rstrip())
        a = first.start + lead
        b = a + end
        fields, error, index = _build(req_text, editable=False, constraint=False)
        column = None
        where = (a, b)
        offset = self._offset(index, content, a, pieces, texts)
        if offset is not None:
            column = self.tf.position(offset)[1]
            where = (offset, max(b, offset))
        self.add(
            req_text,
            self.loc(a, b),
            fields,
            error,
            column,
            where,
            comment_out_lines(self.tf, first.line, last.line),
            hashes=tuple(hashes),
        )
        return True

    def inline_hashes(self, piece: _Piece, chars: str) -> bool:
        """``name==1 --hash=ALGO:HEX ...`` on one line (``chars``: the line stripped, no
        comment): what ``line`` makes of it, or False (having done nothing)."""
        if "\\" in chars or "'" in chars or '"' in chars:
            return False  # shlex would unquote: the full pipeline
        # break_args_options: the requirement ends at the first token starting with "-"
        opt_at = 0
        for token in chars.split(" "):
            if token.startswith("-"):
                break
            opt_at += len(token) + 1
        req_text = chars[: opt_at - 1] if opt_at else ""
        end = len(req_text.rstrip())
        if not end or _HASHES.fullmatch(chars, opt_at) is None:
            return False
        hashes = tuple(m.group(1) for m in _HASH_OPTION.finditer(chars, opt_at))
        a = piece.start + len(piece.raw) - len(piece.raw.lstrip())
        b = a + end
        fields, error, index = _build(req_text, editable=False, constraint=False)
        column = None
        where = (a, b)
        if index is not None and index < len(chars):
            column = self.tf.position(a + index)[1]
            where = (a + index, max(b, a + index))
        self.add(
            req_text,
            self.loc(a, b),
            fields,
            error,
            column,
            where,
            comment_out_lines(self.tf, piece.line, piece.line),
            hashes=hashes,
        )
        return True

    @staticmethod
    def _offset(
        index: int | None, content: str, a: int, pieces: list[_Piece], texts: list[str]
    ) -> int | None:
        """The file offset of character ``index`` of the joined line that starts with
        ``content`` (at ``a``) and goes on with ``texts`` (pieces[1:]); None past its end."""
        if index is None:
            return None
        if index < len(content):
            return a + index
        k = index - len(content)
        for piece, text in zip(pieces[1:], texts, strict=True):
            size = len(text) if piece is not pieces[-1] else len(text.rstrip())
            if k < size:
                return piece.start + k
            k -= size
        return None

    def add(
        self,
        text: str,
        location: Location,
        fields: _Fields,
        error: str | None,
        column: int | None,
        where: tuple[int, int],
        removal: tuple[Edit, ...],
        *,
        editable: bool = False,
        constraint: bool = False,
        hashes: tuple[str, ...] = (),
        line_options: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """Record one requirement (every path above ends here) and, if pip could not
        construct it, its RL001 at ``where``."""
        self.requirements.append(
            Requirement(
                text,
                location,
                fields.name,
                fields.specifier,
                fields.extras,
                fields.marker,
                fields.url,
                fields.is_vcs,
                editable,
                constraint,
                hashes,
                line_options,
                error,
                column,
                removal,
            )
        )
        if error is not None:
            names = _ENV_VAR_RE.findall(text) if self.env is None and "${" in text else ()
            if in_template(self.tf.path, text):
                # a project template's line (kedro's `{{ cookiecutter.repo_name }}/`
                # requirements.txt: `kedro~={{ cookiecutter.kedro_version }}`): nobody
                # installs the template; the rendered project's line is what pip reads
                pass
            elif names:
                # Not read: pip expands the variable at install time, and the line may be
                # valid then (a version or a wheel name from ${VERSION}): not an error here.
                refs = ", ".join(dict.fromkeys(var for var, _ in names))
                self.problems.append(
                    Problem(
                        "RL001",
                        f"cannot be checked without the environment: depends on {refs} "
                        "(pip expands it at install time; `reqlint check --system` reads "
                        f"this machine's); as written: {error}",
                        self.loc(*where),
                        severity=Severity.INFO,
                    )
                )
            else:
                self.problem("RL001", f"invalid requirement: {error}", *where)

    def preprocess(self, number: int, pieces: list[_Piece]) -> _Logical | None:
        long_piece = next((p for p in pieces if p.too_long), None)
        if long_piece is not None:
            start = self.tf.line_start(long_piece.line)
            self.problem(
                "RL003",
                f"line {long_piece.line} is {long_piece.too_long:,} "
                f"characters long; lines over {max_line_length():,} characters "
                f"are not read (set {MAX_LINE_LENGTH_VARIABLE} to read longer "
                "ones): this line is not linted",
                start,
                start,
            )
            return None
        text = _Text.join([p.text for p in pieces])
        bounds: list[int] = []
        size = 0
        for piece in pieces:
            bounds.append(size)
            size += len(piece.text.chars)
        first, last = pieces[0].line, pieces[-1].line
        comment = _comment_at(text.chars)
        if comment >= 0:
            self.suppress(text.chars[comment:].strip(), first, last)
            self.swallowed(text, comment, bounds, pieces)
            text = text[:comment]
        text = text.strip()
        if not text.chars:
            return None
        text = self.expand(text)
        return _Logical(number, first, last, text)

    def suppress(self, comment: str, first: int, last: int) -> None:
        value = suppression_codes(comment)
        if value is None:
            return
        for line in range(first, last + 1):
            old = self.suppressions.get(line)
            self.suppressions[line] = (
                frozenset() if old == frozenset() or not value else (old or frozenset()) | value
            )

    def swallowed(
        self, text: _Text, comment_at: int, bounds: list[int], pieces: list[_Piece]
    ) -> None:
        """RL008: a comment in one piece of a joined line hides the pieces after it."""
        index = max(i for i, b in enumerate(bounds) if b <= comment_at)
        lost = [
            p
            for p in pieces[index + 1 :]
            if p.text.chars.strip() and not p.text.chars.lstrip().startswith("#")
        ]
        if not lost:
            return
        start = text.starts[
            comment_at + (len(text.chars[comment_at:]) - len(text.chars[comment_at:].lstrip()))
        ]
        line = pieces[index].line
        end = self.tf.line_end(line)
        lines = ", ".join(f"line {p.line} ({p.text.chars.strip()!r})" for p in lost)
        self.problem(
            "RL008",
            f"the comment on line {line} ends in a backslash, so pip joins the next line "
            f"into the comment and silently drops it: {lines} is lost",
            start,
            end,
        )

    def expand(self, text: _Text) -> _Text:
        """pip's expand_env_variables; RL007 for references left as written."""
        reported: set[int] = set()
        done: set[str] = set()
        for var, name in _ENV_VAR_RE.findall(text.chars):
            # pip replaces every occurrence at the first one: a later occurrence of the same
            # reference is a no-op, unless the value brought in new references
            if var in done:
                continue
            value = self.env.get(name) if self.env is not None else None
            if not value or "${" not in value:
                done.add(var)
            if not value:
                if self.env is not None:
                    for m in re.finditer(re.escape(var), text.chars):
                        a, b = text.offsets(m.start(), m.end())
                        if a not in reported and not any(text.subs[m.start() : m.end()]):
                            reported.add(a)
                            self.problem(
                                "RL007",
                                f"{var} is not set (or empty): pip keeps the text {var} as written",
                                a,
                                b,
                            )
                continue
            parts: list[_Text] = []
            pos = 0
            for m in re.finditer(re.escape(var), text.chars):
                a, b = text.offsets(m.start(), m.end())
                n = len(value)
                parts += [text[pos : m.start()], _Text(value, [a] * n, [b] * n, [var] * n)]
                pos = m.end()
            text = _Text.join([*parts, text[pos:]])
        return text

    # .............................................................. one line
    def line(self, logical: _Logical) -> None:
        text = logical.text
        chars = text.chars
        # break_args_options: the requirement ends at the first token starting with "-"
        opt_at = len(chars)
        pos = 0
        for token in chars.split(" "):
            if token.startswith("-"):
                opt_at = pos
                break
            pos += len(token) + 1
        args = chars[: max(opt_at - 1, 0)] if opt_at < len(chars) else chars
        removal = comment_out_lines(self.tf, logical.first, logical.last)
        parsed = _parse_options(text, opt_at)
        for message, a, b in parsed.errors:
            self.problem("RL002", message, *text.offsets(a, b))
        for word in parsed.strays:
            self.problem(
                "RL002",
                f"pip silently drops {word.value!r}: words after an "
                "option's value are ignored (one requirement or option per line)",
                *text.offsets(word.start, word.end),
            )
        options = parsed.options
        editables = [o for o in options if o.key == "editable"]
        includes = [o for o in options if o.key in ("requirement", "constraint")]
        ignored: list[tuple[_Option, str]] = []
        if args or editables:
            ignored += self.requirement_line(text, args, options, editables, removal)
        elif includes:
            ignored += self.include_line(text, options, includes)
        else:
            seen_find_links = False
            effective: list[_Option] = []
            for o in options:
                if o.key in ("hash", "config-settings"):
                    ignored.append(
                        (
                            o,
                            f"{o.spelling} without a requirement on the same line "
                            "is ignored by pip",
                        )
                    )
                elif o.key == "find-links" and seen_find_links:
                    ignored.append((o, "pip uses only the first --find-links of a line"))
                elif o.key == "trusted-host" and _host_error(o.value or ""):
                    self.problem(
                        "RL002",
                        f"pip rejects this file: {o.spelling} "
                        f"{o.value!r}: {_host_error(o.value or '')}",
                        *text.offsets(o.start, o.end),
                    )
                elif o.key in _SETTING_KEYS:
                    seen_find_links = seen_find_links or o.key == "find-links"
                    effective.append(o)
            for o in _pip_order(effective, ignored):
                self.hash_mode(o, text)
                self.setting(o, text, logical)
        if args or editables or includes:
            for o in options:
                if o.key in _SHARED_STATE:
                    self.setting(o, text, logical)
        for o, message in ignored:
            self.problem("RL002", message, *text.offsets(o.start, o.end))

    def requirement_line(
        self,
        text: _Text,
        args: str,
        options: list[_Option],
        editables: list[_Option],
        removal: tuple[Edit, ...],
    ) -> list[tuple[_Option, str]]:
        ignored: list[tuple[_Option, str]] = []
        per_line = [o for o in options if o.key in ("hash", "config-settings")]
        at: int | None
        if args:
            end = len(args.rstrip())
            req_text, at = args, 0
        else:
            first = editables[0]
            end, req_text, at = first.end, first.value or "", first.value_at
        a, b = text.offsets(0 if args else editables[0].start, end)
        hashes: tuple[str, ...] = ()
        if editables:
            ignored += [
                (o, "pip ignores --hash on an editable requirement")
                for o in per_line
                if o.key == "hash"
            ]
            ignored += [(o, "pip uses only the first -e of a line") for o in editables[1:]]
            if args:
                ignored.append(
                    (
                        editables[0],
                        f"{editables[0].spelling} after a requirement "
                        "makes pip treat that requirement as editable",
                    )
                )
        else:
            hashes = tuple(o.value or "" for o in per_line if o.key == "hash")
        line_options = tuple((o.key, o.value or "") for o in per_line if o.key == "config-settings")
        fields, error, index = _build(
            req_text, editable=bool(editables), constraint=self.constraint
        )
        if error is None and self.constraint:
            # pip's resolver (check_invalid_constraint_type) stops the install
            if fields.name is None:
                error = "Unnamed requirements are not allowed as constraints"
            elif fields.extras:
                error = "Constraints cannot have extras"
        column = None
        where = (a, b)
        if index is not None and at is not None and at + index < len(text.chars):
            offset = text.starts[at + index]
            column = self.tf.position(offset)[1]
            where = (offset, max(b, offset))
        self.add(
            req_text,
            self.loc(a, b),
            fields,
            error,
            column,
            where,
            removal,
            editable=bool(editables),
            constraint=self.constraint,
            hashes=hashes,
            line_options=line_options,
        )
        for o in options:
            if o.key not in ("hash", "config-settings", "editable") and o.key not in _SHARED_STATE:
                ignored.append(
                    (
                        o,
                        f"{o.spelling} has no effect on a requirement line: pip "
                        "reads only --hash and --config-settings there",
                    )
                )
        return ignored

    def include_line(
        self,
        text: _Text,
        options: list[_Option],
        includes: list[_Option],
    ) -> list[tuple[_Option, str]]:
        # pip looks at the line's -r values first and at its -c values only without one
        # (req_file._parse_and_recurse), whatever order they are written in
        first = next((o for o in includes if o.key == "requirement"), includes[0])
        target = first.value or ""
        a, b = text.offsets(first.start, first.end)
        is_url = bool(_SCHEME_RE.search(target))
        resolved = None if is_url else _join(self.tf.path, target)
        self.includes.append(Include(target, self.loc(a, b), first.key == "constraint", resolved))
        # A URL include is not a problem of the file: pip fetches it (req_file.get_file_content)
        # and reqlint does not, so its contents go unread; `reqlint show` says so.
        ignored = [
            (
                o,
                f"pip follows only the first -r of a line (or, without one, the "
                f"first -c); {o.spelling} {o.value} is ignored",
            )
            for o in includes
            if o is not first
        ]
        ignored += [
            (o, f"pip ignores {o.spelling} on a -r/-c line: put it on its own line")
            for o in options
            if o not in includes and o.key not in _SHARED_STATE
        ]
        return ignored

    def hash_mode(self, o: _Option, text: _Text) -> None:
        """--require-hashes and --no-require-hashes together: pip install stops."""
        if o.key not in ("require-hashes", "no-require-hashes"):
            return
        other = "no-require-hashes" if o.key == "require-hashes" else "require-hashes"
        if any(st.key == other for st in self.settings):
            self.problem(
                "RL002",
                f"pip install stops: --require-hashes and "
                f"--no-require-hashes are mutually exclusive (--{other} is set "
                "earlier in this file)",
                *text.offsets(o.start, o.end),
            )

    def setting(self, o: _Option, text: _Text, logical: _Logical) -> None:
        a, b = text.offsets(o.start, o.end)
        raw = text.written_at(o.value_idx) if o.value is not None else ""
        where = self.loc(a, b)
        # On a continued line pip applies the line's options together, in _pip_order: the
        # option's own line would put a later physical line after the line's other options.
        attrs = {"pip_line": str(logical.first)} if where.line != logical.first else {}
        self.settings.append(
            Setting(
                o.key,
                o.value or "",
                raw,
                SourceKind.REQUIREMENTS,
                where,
                attrs=attrs,
                removal=comment_out_lines(self.tf, logical.first, logical.last),
            )
        )


def _pip_order(options: list[_Option], ignored: list[tuple[_Option, str]]) -> list[_Option]:
    """The options of one option line in the order pip's handle_option_line applies them.

    pip reads the whole line with optparse first, then: ``--no-index``; the line's
    ``--index-url`` (the last one written, and only when not empty); its
    ``--extra-index-url`` values in order; the rest.  So ``--extra-index-url A
    --index-url B`` gives ``[B, A]``.
    """
    indexes = [o for o in options if o.key == "index-url"]
    for o in indexes[:-1]:
        ignored.append((o, f"{o.spelling} {o.value} is replaced by the line's last --index-url"))
    primary = [o for o in indexes[-1:] if o.value]
    for o in indexes[-1:]:
        if not o.value:
            ignored.append((o, f"pip ignores an empty {o.spelling}"))
    return (
        [o for o in options if o.key == "no-index"]
        + primary
        + [o for o in options if o.key == "extra-index-url"]
        + [o for o in options if o.key not in ("no-index", "index-url", "extra-index-url")]
    )


def _host_error(host: str) -> str:
    """pip's PipSession.add_trusted_host: '' when pip accepts ``host``, else its error."""
    netloc = host
    if netloc.count(":") >= 2 and "@" not in netloc and "[" not in netloc:
        netloc = f"[{netloc}]"  # a bare IPv6 address (misc.build_url_from_netloc)
    try:
        parsed = urllib.parse.urlparse(f"https://{netloc}")
        hostname = parsed.hostname
        parsed.port  # noqa: B018 - the property raises for a bad port, as in pip
    except ValueError as exc:
        return str(exc)
    if hostname is None:
        return "Trusted host URL must include a host part"
    return ""


def _join(including: str, target: str) -> str:
    """``target`` relative to the including file's folder, as pip joins it (no I/O)."""
    return posixpath.normpath(
        posixpath.join(posixpath.dirname(including), target.replace(os.sep, "/"))
    )


# ----------------------------------------------------------------- options (optparse)


@dataclass
class _Token:
    value: str
    start: int  # character indices in the logical line
    end: int
    idx: list[int]  # where each character of ``value`` is in the line


@dataclass
class _Option:
    key: str  # canonical long name without dashes
    spelling: str  # the option as optparse names it in messages (abbreviations expanded)
    value: str | None
    start: int
    end: int
    value_idx: list[int] = field(default_factory=list)
    # index in the line where the value starts when it is written verbatim, else None
    value_at: int | None = None


@dataclass
class _Options:
    options: list[_Option] = field(default_factory=list)
    strays: list[_Token] = field(default_factory=list)
    errors: list[tuple[str, int, int]] = field(default_factory=list)


class _SplitError(ValueError):
    pass


_WORD = re.compile(r"[^ \t\r\n]+")


def _shlex(chars: str, base: int) -> list[_Token]:
    """``shlex.split(chars)`` (POSIX, no comments), remembering where each character was."""
    if "\\" not in chars and "'" not in chars and '"' not in chars:
        # nothing to unquote: shlex splits at whitespace and keeps every character
        return [
            _Token(
                m.group(),
                base + m.start(),
                base + m.end(),
                list(range(base + m.start(), base + m.end())),
            )
            for m in _WORD.finditer(chars)
        ]
    tokens: list[_Token] = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i] in " \t\r\n":
            i += 1
            continue
        start = i
        value: list[str] = []
        idx: list[int] = []
        while i < n and chars[i] not in " \t\r\n":
            c = chars[i]
            if c == "\\":
                if i + 1 >= n:
                    raise _SplitError("No escaped character")
                value.append(chars[i + 1])
                idx.append(base + i + 1)
                i += 2
            elif c == "'":
                close = chars.find("'", i + 1)
                if close < 0:
                    raise _SplitError("No closing quotation")
                value.extend(chars[i + 1 : close])
                idx.extend(range(base + i + 1, base + close))
                i = close + 1
            elif c == '"':
                i += 1
                while True:
                    if i >= n:
                        raise _SplitError("No closing quotation")
                    c = chars[i]
                    if c == '"':
                        i += 1
                        break
                    if c == "\\":
                        if i + 1 >= n:
                            raise _SplitError("No escaped character")
                        if chars[i + 1] in '"\\':
                            i += 1
                    value.append(chars[i])
                    idx.append(base + i)
                    i += 1
            else:
                value.append(c)
                idx.append(base + i)
                i += 1
        tokens.append(_Token("".join(value), base + start, base + i, idx))
    return tokens


def _match_long(name: str) -> tuple[str | None, str]:
    """optparse's _match_abbrev over the long options: (spelling, error message)."""
    if name in _LONG:
        return name, ""
    found = sorted(w for w in _LONG if w.startswith(name))
    if len(found) == 1:
        return found[0], ""
    if found:
        return None, (f"pip rejects this file: ambiguous option: {name} ({', '.join(found)}?)")
    return None, _unknown(name)


def _unknown(spelling: str) -> str:
    name = spelling.lstrip("-")
    if spelling.startswith("--") and name.lower() in pipopts.REMOVED_OPTIONS:
        return (
            f"{spelling} was removed from pip: pip rejects this file (no such option: {spelling})"
        )
    known = pipopts.lookup(name) if spelling.startswith("--") else pipopts.lookup_short(name[:1])
    if known is not None:
        return (
            f"{spelling} is a pip command-line option, not allowed in a requirements file: "
            f"pip rejects this file (no such option: {spelling})"
        )
    return f"unknown option {spelling}: pip rejects this file (no such option: {spelling})"


def _check_value(key: str, spelling: str, value: str) -> str:
    """pip's optparse callbacks and choices for one value; '' when pip accepts it."""
    if key == "hash":
        algo, sep, _ = value.partition(":")
        if not sep:
            return (
                f"Arguments to {spelling} must be a hash name followed by a value, "
                "like --hash=sha256:abcde..."
            )
        if algo not in _STRONG_HASHES:
            return f"Allowed hash algorithms for {spelling} are {', '.join(_STRONG_HASHES)}."
    elif key == "config-settings" and "=" not in value:
        return f"Arguments to {spelling} must be of the form KEY=VAL"
    elif key == "use-feature" and value not in _FEATURES:
        choices = ", ".join(repr(f) for f in _FEATURES)
        return f"option {spelling}: invalid choice: {value!r} (choose from {choices})"
    elif key in ("no-binary", "only-binary") and value.startswith("-"):
        return "--no-binary / --only-binary option requires 1 argument."
    elif key in ("all-releases", "only-final") and value.startswith("-"):
        return "--all-releases / --only-final option requires 1 argument."
    return ""


def _parse_options(text: _Text, opt_at: int) -> _Options:
    """pip's shlex.split + optparse over the options part of a line (from ``opt_at``)."""
    out = _Options()
    chars = text.chars[opt_at:]
    if not chars:
        return out
    try:
        tokens = _shlex(chars, opt_at)
    except _SplitError as exc:
        out.errors.append(
            (
                f"pip rejects this file: could not split options ({exc}): {chars}",
                opt_at,
                len(text.chars),
            )
        )
        return out
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        v = tok.value
        if v == "--":  # optparse: everything after "--" is a positional argument
            out.strays += tokens[i + 1 :]
            break
        if v.startswith("--") or (v.startswith("-") and len(v) > 1):
            if v.startswith("--"):
                name, eq, rest = v.partition("=")
                spelling, error = _match_long(name)
                key = _LONG.get(spelling or "", "")
                inline = rest if eq else None
                inline_idx = tok.idx[len(name) + 1 :]
            else:
                spelling = v[:2]
                key = _SHORT.get(spelling, "")
                error = "" if key else _unknown(spelling)
                inline = v[2:] or None
                inline_idx = tok.idx[2:]
            i += 1
            # optparse stops at the first error, and so does reading this line: pip
            # rejects the whole file, so what follows on the line never counts
            if error or spelling is None:
                out.errors.append((error, tok.start, tok.end))
                break
            if key in _FLAGS:
                if inline is not None:
                    out.errors.append(
                        (
                            f"pip rejects this file: {spelling} option does not take a value",
                            tok.start,
                            tok.end,
                        )
                    )
                    break
                out.options.append(_Option(key, spelling, None, tok.start, tok.end))
                continue
            if inline is not None:
                value, idx, end = inline, inline_idx, tok.end
            elif i < len(tokens):
                value, idx, end = tokens[i].value, tokens[i].idx, tokens[i].end
                i += 1
            else:
                out.errors.append(
                    (
                        f"pip rejects this file: {spelling} option requires "
                        "1 argument (a value is missing)",
                        tok.start,
                        tok.end,
                    )
                )
                break
            problem = _check_value(key, spelling, value)
            if problem:
                out.errors.append((f"pip rejects this file: {problem}", tok.start, end))
                break
            verbatim = bool(idx) and idx == list(range(idx[0], idx[0] + len(idx)))
            out.options.append(
                _Option(key, spelling, value, tok.start, end, idx, idx[0] if verbatim else None)
            )
        else:  # interspersed positional argument: optparse collects it, pip drops it
            out.strays.append(tok)
            i += 1
    return out


# Requirement construction (pip's req/constructors.py) is in reqlint.sources.req_constructors.


# ------------------------------------------------------------------------- public API


def parse_requirements(
    text_file: TextFile, *, env: Mapping[str, str] | None = None, constraint: bool = False
) -> ParsedSource:
    """Parse one requirements file as pip 26.3 does; no I/O.

    ``env`` is the environment ``${VAR}`` references are expanded from; ``None`` (check
    mode) expands nothing and reports no undefined variable.  ``constraint`` is true for a
    file reached through ``-c``.  Includes are listed, not followed: see
    :func:`load_requirements`.
    """
    # Lines as pip numbers them: a line ended by \v or \u2028 is a line of its own for
    # pip, so an include on it is read there, and an edit comments out just that line.
    source = _Parser(text_file.with_pip_lines(), env, constraint).run()
    # The text and context go along, so a fix re-parses exactly this text this way.
    return replace(source, text=text_file, context=SourceContext(env, constraint=constraint))


def parse(text: TextFile, ctx: SourceContext) -> ParsedSource:
    """The adapter of the source seam (:mod:`reqlint.sources`): one requirements file,
    its includes listed, not followed."""
    return parse_requirements(text, env=ctx.env, constraint=ctx.constraint)


# (absolute path, read through -c) -> the file's parse, for every load in one run: a
# file is parsed once however many files include it.
ParseCache = dict[tuple[str, bool], "ParsedSource | Problem"]


class _Frame:
    """A file of the include walk in :func:`load_requirements` (module level: a class made
    per call lives in a reference cycle, and would keep the walk's files alive past a
    paused collector)."""

    __slots__ = ("extra", "includes", "key", "next", "parent", "position", "source")

    def __init__(self, source: ParsedSource, key: str, parent: str | None, position: int) -> None:
        self.source, self.key, self.parent = source, key, parent
        self.position = position
        self.next = 0
        self.includes: list[Include] = []
        self.extra: list[Problem] = []


def load_requirements(
    path: str,
    *,
    env: Mapping[str, str] | None = None,
    display: str | None = None,
    text: TextFile | None = None,
    cache: ParseCache | None = None,
) -> list[ParsedSource]:
    """Read ``path`` and every file it includes with ``-r``/``-c``, depth first in pip's
    order.  Each file appears once per way it is read (``-r``, or ``-c``: a file reached
    both ways is parsed both ways, its requirements being constraints in the second); that
    pip reads a file again at every include is :meth:`Project.reading_order`'s business.

    The walk is iterative: include chains of any depth are followed (pip 26.3 itself dies
    with a RecursionError near 1,000 files, see docs/sources.md).  ``cache`` (shared by
    the loads of one run) keeps each parse, so a file included by many files is parsed
    once.  Never raises for bad input: an unreadable root gives a source with just that
    problem; a missing include, a URL include or a cycle is a problem at the ``-r``/``-c``
    line that names it.  ``text`` is the root's text when it was not read from ``path``
    (standard input); its includes are still read from the disk."""
    parsed: ParseCache = cache if cache is not None else {}

    def parse(key: str, shown: str, constraint: bool) -> ParsedSource | Problem:
        slot = (key, constraint)
        found = parsed.get(slot)
        if found is None:
            other = parsed.get((key, not constraint))
            if isinstance(other, Problem):
                found = other  # the same unreadable file, whatever the flag
            else:
                loaded = read_text(key, display=shown)
                found = (
                    loaded
                    if isinstance(loaded, Problem)
                    else parse_requirements(loaded, env=env, constraint=constraint)
                )
            parsed[slot] = found
        return found

    shown = display if display is not None else display_path(os.path.abspath(path))
    root_key = os.path.abspath(path)
    if text is not None:
        # standard input: the root's text was not read from ``path`` (its includes are)
        root: ParsedSource | Problem = parse_requirements(text, env=env)
    else:
        root = parse(root_key, shown, False)
    if isinstance(root, Problem):
        return [ParsedSource(shown, SourceKind.REQUIREMENTS, problems=(root,))]

    out: list[ParsedSource] = []
    index: set[tuple[str, bool]] = set()

    on_stack: dict[str, int] = {}  # file -> how many frames of the stack read it

    def push(source: ParsedSource, key: str, constraint: bool, parent: str | None) -> _Frame:
        on_stack[key] = on_stack.get(key, 0) + 1
        index.add((key, constraint))
        out.append(source)
        return _Frame(source, key, parent, len(out) - 1)

    shown_of: dict[str, str] = {root_key: root.path}
    stack = [push(root, root_key, False, None)]
    while stack:
        frame = stack[-1]
        source = frame.source
        if frame.next == len(source.includes):
            stack.pop()
            on_stack[frame.key] -= 1
            out[frame.position] = replace(
                source,
                includes=tuple(frame.includes),
                problems=source.problems + tuple(frame.extra),
                included_from=frame.parent,
            )
            continue
        inc = source.includes[frame.next]
        frame.next += 1
        if inc.resolved is None:
            frame.includes.append(inc)
            continue
        target = os.path.abspath(os.path.join(os.path.dirname(frame.key), inc.target))
        target_shown = display_path(target)
        shown_of.setdefault(target, target_shown)
        frame.includes.append(replace(inc, resolved=target_shown))
        flag = "-c" if inc.constraint else "-r"
        if on_stack.get(target):
            chain = [f.key for f in stack]
            names = (
                " -> ".join(shown_of[k] for k in chain[chain.index(target) :])
                + f" -> {target_shown}"
            )
            frame.extra.append(
                Problem(
                    "RL004",
                    f"include cycle: {names}; pip would stop with 'recursively references itself'",
                    inc.location,
                )
            )
            continue
        if (target, inc.constraint) in index:
            continue
        child = parse(target, target_shown, inc.constraint)
        if isinstance(child, Problem):
            frame.extra.append(
                Problem("RL003", f"{flag} {inc.target}: {child.message}", inc.location)
            )
            continue
        stack.append(push(child, target, inc.constraint, source.path))
    return out
