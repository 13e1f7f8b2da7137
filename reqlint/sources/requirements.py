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
from dataclasses import dataclass, field, replace

from packaging.markers import InvalidMarker, Marker
from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement as Pep508
from packaging.utils import InvalidWheelFilename, parse_wheel_filename

from reqlint import pipopts
from reqlint.discovery import display_path, read_text
from reqlint.model import (
    Edit,
    Include,
    Location,
    ParsedSource,
    Problem,
    Requirement,
    Setting,
    SourceKind,
)
from reqlint.suppress import suppression_codes
from reqlint.text import TextFile, comment_out_lines

__all__ = ["load_requirements", "parse_requirements"]

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
    for match in _HASH.finditer(chars):
        at = match.start()
        if at == 0 or chars[at - 1].isspace():
            while at > 0 and chars[at - 1].isspace():
                at -= 1
            return at
    return -1
_ENV_VAR_RE = re.compile(r"(?P<var>\$\{(?P<name>[A-Z0-9_]+)\})")  # req_file.ENV_VAR_RE
_SCHEME_RE = re.compile(r"^(http|https|file):", re.I)  # req_file.SCHEME_RE
_EGG_RE = re.compile(r"[#&]egg=([^&]*)")
_PROJECT_NAME_RE = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.I)
_VCS_NAMES = ("bzr", "git", "hg", "svn")
_VCS_SCHEMES = frozenset({
    "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
    "git+http", "git+https", "git+ssh", "git+git", "git+file",
    "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
    "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
})
_URL_SCHEMES = frozenset({"http", "https", "file", "ftp"}) | _VCS_SCHEMES
_ARCHIVE_EXTENSIONS = (".zip", ".whl", ".tar.bz2", ".tbz", ".tar.gz", ".tgz", ".tar",
                       ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma")
_STRONG_HASHES = ("sha256", "sha384", "sha512")
_FEATURES = ("fast-deps", "inprocess-build-deps", "venv-isolation", "truststore",
             "no-binary-enable-wheel-cache", "build-constraint")
_OPERATORS = ("~=", "==", "!=", "<=", ">=", "<", ">", "===")

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
_SETTING_KEYS = frozenset({
    "index-url", "extra-index-url", "no-index", "find-links", "trusted-host", "pre",
    "prefer-binary", "require-hashes", "no-require-hashes", "only-binary", "no-binary",
    "use-feature", "all-releases", "only-final",
})


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
        return _Text(self.chars + other.chars, self.starts + other.starts,
                     self.ends + other.ends, self.subs + other.subs)

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
        return cls(text, list(range(start, start + n)), list(range(start + 1, start + n + 1)),
                   [""] * n)

    @classmethod
    def synthetic(cls, text: str, offset: int) -> _Text:
        n = len(text)
        return cls(text, [offset] * n, [offset] * n, [""] * n)

    def strip(self, chars: str | None = None) -> _Text:
        left = len(self.chars) - len(self.chars.lstrip(chars))
        right = len(self.chars.rstrip(chars))
        return self[left:max(left, right)]

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


@dataclass
class _Piece:
    text: _Text
    line: int  # physical line (TextFile numbering)
    too_long: int = 0  # the length of a line over the limit (its text is not kept)


# Longer lines are not parsed: each character costs the parser a few dozen bytes of
# offsets, and no requirement or option is a megabyte long.  docs/security.md.
MAX_LINE_LENGTH = 1024 * 1024
MAX_LINE_LENGTH_VARIABLE = "REQLINT_MAX_LINE_LENGTH"


def max_line_length() -> int:
    """``REQLINT_MAX_LINE_LENGTH`` (characters) when a positive number, else the default."""
    value = os.environ.get(MAX_LINE_LENGTH_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_LINE_LENGTH


def _pip_lines(tf: TextFile) -> Iterator[tuple[int, int, str]]:
    """``(pip line number, start offset, text)`` as ``str.splitlines`` numbers them."""
    text = tf.text
    pos = 0
    number = 0
    for match in _SPLITLINES.finditer(text):
        number += 1
        yield number, pos, text[pos:match.start()]
        pos = match.end()
    if pos < len(text):
        yield number + 1, pos, text[pos:]


def _joined(tf: TextFile) -> Iterator[tuple[int, list[_Piece]]]:
    """pip's join_lines, keeping the physical pieces of each joined line."""
    pending: list[_Piece] = []
    primary = 0
    limit = max_line_length()
    for number, start, raw in _pip_lines(tf):
        physical = tf.position(start)[0]
        too_long = len(raw) if len(raw) > limit else 0
        piece = _Text.of("" if too_long else raw, start)
        is_comment = _COMMENT_RE.match(raw) is not None
        if not raw.endswith("\\") or is_comment:
            if is_comment:
                # pip prefixes a space so the comment is always matched later
                piece = _Text.synthetic(" ", start) + piece
            if pending:
                pending.append(_Piece(piece, physical, too_long))
                yield primary, pending
                pending = []
            else:
                yield number, [_Piece(piece, physical, too_long)]
        else:
            if not pending:
                primary = number
            pending.append(_Piece(piece.strip("\\"), physical, too_long))
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
        for number, pieces in _joined(self.tf):
            logical = self.preprocess(number, pieces)
            if logical is not None:
                self.line(logical)
        return ParsedSource(
            self.tf.path, SourceKind.REQUIREMENTS, tuple(self.requirements),
            tuple(self.settings), tuple(self.includes), tuple(self.problems),
            dict(sorted(self.suppressions.items())))

    def preprocess(self, number: int, pieces: list[_Piece]) -> _Logical | None:
        long_piece = next((p for p in pieces if p.too_long), None)
        if long_piece is not None:
            start = self.tf.line_start(long_piece.line)
            self.problem("RL003", f"line {long_piece.line} is {long_piece.too_long:,} "
                         f"characters long; lines over {max_line_length():,} characters "
                         f"are not read (set {MAX_LINE_LENGTH_VARIABLE} to read longer "
                         "ones): this line is not linted", start, start)
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
            self.suppressions[line] = (frozenset() if old == frozenset() or not value
                                       else (old or frozenset()) | value)

    def swallowed(self, text: _Text, comment_at: int, bounds: list[int],
                  pieces: list[_Piece]) -> None:
        """RL008: a comment in one piece of a joined line hides the pieces after it."""
        index = max(i for i, b in enumerate(bounds) if b <= comment_at)
        lost = [p for p in pieces[index + 1:] if p.text.chars.strip()
                and not p.text.chars.lstrip().startswith("#")]
        if not lost:
            return
        start = text.starts[comment_at + (len(text.chars[comment_at:])
                                          - len(text.chars[comment_at:].lstrip()))]
        line = pieces[index].line
        end = self.tf.line_end(line)
        lines = ", ".join(f"line {p.line} ({p.text.chars.strip()!r})" for p in lost)
        self.problem(
            "RL008",
            f"the comment on line {line} ends in a backslash, so pip joins the next line "
            f"into the comment and silently drops it: {lines} is lost", start, end)

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
                        if a not in reported and not any(text.subs[m.start():m.end()]):
                            reported.add(a)
                            self.problem("RL007", f"{var} is not set (or empty): pip keeps "
                                         f"the text {var} as written", a, b)
                continue
            parts: list[_Text] = []
            pos = 0
            for m in re.finditer(re.escape(var), text.chars):
                a, b = text.offsets(m.start(), m.end())
                n = len(value)
                parts += [text[pos:m.start()], _Text(value, [a] * n, [b] * n, [var] * n)]
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
        args = chars[:max(opt_at - 1, 0)] if opt_at < len(chars) else chars
        removal = comment_out_lines(self.tf, logical.first, logical.last)
        parsed = _parse_options(text, opt_at)
        for message, a, b in parsed.errors:
            self.problem("RL002", message, *text.offsets(a, b))
        for word in parsed.strays:
            self.problem("RL002", f"pip silently drops {word.value!r}: words after an "
                         "option's value are ignored (one requirement or option per line)",
                         *text.offsets(word.start, word.end))
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
                    ignored.append((o, f"{o.spelling} without a requirement on the same line "
                                       "is ignored by pip"))
                elif o.key == "find-links" and seen_find_links:
                    ignored.append((o, "pip uses only the first --find-links of a line"))
                elif o.key == "trusted-host" and _host_error(o.value or ""):
                    self.problem("RL002", f"pip rejects this file: {o.spelling} "
                                 f"{o.value!r}: {_host_error(o.value or '')}",
                                 *text.offsets(o.start, o.end))
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

    def requirement_line(self, text: _Text, args: str, options: list[_Option],
                         editables: list[_Option], removal: tuple[Edit, ...],
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
            ignored += [(o, "pip ignores --hash on an editable requirement")
                        for o in per_line if o.key == "hash"]
            ignored += [(o, "pip uses only the first -e of a line") for o in editables[1:]]
            if args:
                ignored.append((editables[0], f"{editables[0].spelling} after a requirement "
                                "makes pip treat that requirement as editable"))
        else:
            hashes = tuple(o.value or "" for o in per_line if o.key == "hash")
        line_options = tuple((o.key, o.value or "") for o in per_line
                             if o.key == "config-settings")
        fields, error, index = _build(req_text, editable=bool(editables),
                                      constraint=self.constraint)
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
        self.requirements.append(Requirement(
            req_text, self.loc(a, b), fields.name, fields.specifier, fields.extras,
            fields.marker, fields.url, fields.is_vcs, bool(editables), self.constraint,
            hashes, line_options, error, column, removal))
        if error is not None:
            self.problem("RL001", f"invalid requirement: {error}", *where)
        for o in options:
            if o.key not in ("hash", "config-settings", "editable") \
                    and o.key not in _SHARED_STATE:
                ignored.append((o, f"{o.spelling} has no effect on a requirement line: pip "
                                   "reads only --hash and --config-settings there"))
        return ignored

    def include_line(self, text: _Text, options: list[_Option], includes: list[_Option],
                     ) -> list[tuple[_Option, str]]:
        first = includes[0]
        target = first.value or ""
        a, b = text.offsets(first.start, first.end)
        is_url = bool(_SCHEME_RE.search(target))
        resolved = None if is_url else _join(self.tf.path, target)
        self.includes.append(Include(target, self.loc(a, b), first.key == "constraint",
                                     resolved))
        if is_url:
            self.problem("RL003", f"{first.spelling} {target}: reqlint does not fetch URL "
                         "includes, so the contents of this one are not linted", a, b)
        ignored = [(o, f"pip follows only the first -r/-c of a line; {o.spelling} {o.value} "
                       "is ignored") for o in includes[1:]]
        ignored += [(o, f"pip ignores {o.spelling} on a -r/-c line: put it on its own line")
                    for o in options if o not in includes and o.key not in _SHARED_STATE]
        return ignored

    def hash_mode(self, o: _Option, text: _Text) -> None:
        """--require-hashes and --no-require-hashes together: pip install stops."""
        if o.key not in ("require-hashes", "no-require-hashes"):
            return
        other = "no-require-hashes" if o.key == "require-hashes" else "require-hashes"
        if any(st.key == other for st in self.settings):
            self.problem("RL002", f"pip install stops: --require-hashes and "
                         f"--no-require-hashes are mutually exclusive (--{other} is set "
                         "earlier in this file)", *text.offsets(o.start, o.end))

    def setting(self, o: _Option, text: _Text, logical: _Logical) -> None:
        a, b = text.offsets(o.start, o.end)
        raw = text.written_at(o.value_idx) if o.value is not None else ""
        where = self.loc(a, b)
        # On a continued line pip applies the line's options together, in _pip_order: the
        # option's own line would put a later physical line after the line's other options.
        attrs = {"pip_line": str(logical.first)} if where.line != logical.first else {}
        self.settings.append(Setting(
            o.key, o.value or "", raw, SourceKind.REQUIREMENTS, where, attrs=attrs,
            removal=comment_out_lines(self.tf, logical.first, logical.last)))


def _pip_order(options: list[_Option], ignored: list[tuple[_Option, str]]) -> list[_Option]:
    """The options of one option line in the order pip's handle_option_line applies them.

    pip reads the whole line with optparse first, then: ``--no-index``; the line's
    ``--index-url`` (the last one written, and only when not empty); its
    ``--extra-index-url`` values in order; the rest.  So ``--extra-index-url A
    --index-url B`` gives ``[B, A]``.
    """
    indexes = [o for o in options if o.key == "index-url"]
    for o in indexes[:-1]:
        ignored.append((o, f"{o.spelling} {o.value} is replaced by the line's last "
                           "--index-url"))
    primary = [o for o in indexes[-1:] if o.value]
    for o in indexes[-1:]:
        if not o.value:
            ignored.append((o, f"pip ignores an empty {o.spelling}"))
    return ([o for o in options if o.key == "no-index"] + primary
            + [o for o in options if o.key == "extra-index-url"]
            + [o for o in options if o.key not in ("no-index", "index-url",
                                                   "extra-index-url")])


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
    return posixpath.normpath(posixpath.join(posixpath.dirname(including),
                                             target.replace(os.sep, "/")))


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


def _shlex(chars: str, base: int) -> list[_Token]:
    """``shlex.split(chars)`` (POSIX, no comments), remembering where each character was."""
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
                value.extend(chars[i + 1:close])
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
        return None, (f"pip rejects this file: ambiguous option: {name} "
                      f"({', '.join(found)}?)")
    return None, _unknown(name)


def _unknown(spelling: str) -> str:
    name = spelling.lstrip("-")
    if spelling.startswith("--") and name.lower() in pipopts.REMOVED_OPTIONS:
        return (f"{spelling} was removed from pip: pip rejects this file "
                f"(no such option: {spelling})")
    known = pipopts.lookup(name) if spelling.startswith("--") else pipopts.lookup_short(name[:1])
    if known is not None:
        return (f"{spelling} is a pip command-line option, not allowed in a requirements file: "
                f"pip rejects this file (no such option: {spelling})")
    return f"unknown option {spelling}: pip rejects this file (no such option: {spelling})"


def _check_value(key: str, spelling: str, value: str) -> str:
    """pip's optparse callbacks and choices for one value; '' when pip accepts it."""
    if key == "hash":
        algo, sep, _ = value.partition(":")
        if not sep:
            return (f"Arguments to {spelling} must be a hash name followed by a value, "
                    "like --hash=sha256:abcde...")
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
        out.errors.append((f"pip rejects this file: could not split options ({exc}): "
                           f"{chars}", opt_at, len(text.chars)))
        return out
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        v = tok.value
        if v == "--":  # optparse: everything after "--" is a positional argument
            out.strays += tokens[i + 1:]
            break
        if v.startswith("--") or (v.startswith("-") and len(v) > 1):
            if v.startswith("--"):
                name, eq, rest = v.partition("=")
                spelling, error = _match_long(name)
                key = _LONG.get(spelling or "", "")
                inline = rest if eq else None
                inline_idx = tok.idx[len(name) + 1:]
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
                    out.errors.append((f"pip rejects this file: {spelling} option does not "
                                       "take a value", tok.start, tok.end))
                    break
                out.options.append(_Option(key, spelling, None, tok.start, tok.end))
                continue
            if inline is not None:
                value, idx, end = inline, inline_idx, tok.end
            elif i < len(tokens):
                value, idx, end = tokens[i].value, tokens[i].idx, tokens[i].end
                i += 1
            else:
                out.errors.append((f"pip rejects this file: {spelling} option requires "
                                   "1 argument (a value is missing)", tok.start, tok.end))
                break
            problem = _check_value(key, spelling, value)
            if problem:
                out.errors.append((f"pip rejects this file: {problem}", tok.start, end))
                break
            verbatim = bool(idx) and idx == list(range(idx[0], idx[0] + len(idx)))
            out.options.append(_Option(key, spelling, value, tok.start, end, idx,
                                       idx[0] if verbatim else None))
        else:  # interspersed positional argument: optparse collects it, pip drops it
            out.strays.append(tok)
            i += 1
    return out


# -------------------------------------------------------- requirements (constructors)


@dataclass(frozen=True)
class _Fields:
    name: str | None = None
    specifier: str = ""
    extras: tuple[str, ...] = ()
    marker: str | None = None
    url: str | None = None
    is_vcs: bool = False


class _ReqError(Exception):
    def __init__(self, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


_VCS_BACKENDS = ("bzr+http, bzr+https, bzr+ssh, bzr+sftp, bzr+ftp, bzr+lp, bzr+file, "
                 "git+http, git+https, git+ssh, git+git, git+file, hg+file, hg+http, "
                 "hg+https, hg+ssh, hg+static-http, svn+ssh, svn+http, svn+https, svn+svn, "
                 "svn+file")


def _build(text: str, *, editable: bool, constraint: bool,
           ) -> tuple[_Fields, str | None, int | None]:
    """The InstallRequirement pip makes of ``text``: fields, or an error and its index."""
    try:
        if editable:
            return _editable(text, constraint), None, None
        return _from_line(text), None, None
    except _ReqError as exc:
        return _Fields(), exc.message, exc.index


def _scheme(url: str) -> str:
    try:
        return urllib.parse.urlsplit(url).scheme
    except ValueError:
        return ""


def _is_url(name: str) -> bool:
    """pip.vcs.versioncontrol.is_url: ``urlsplit``, whose ValueError (``http://]/``: an
    invalid IPv6 host) pip does not catch, so the line is an error."""
    try:
        scheme = urllib.parse.urlsplit(name).scheme
    except ValueError as exc:
        raise _ReqError(f"{name!r}: {exc}") from None
    return scheme in _URL_SCHEMES


def _check_link(url: str, *, file_checks: bool = True) -> None:
    """What pip's ``Link`` and ``InstallRequirement`` refuse in a URL.

    ``urlsplit`` drops tabs and newlines and lower-cases the scheme, so ``fil<TAB>e:x`` and
    ``FILE:///x`` are file links; pip then turns the link into a path with ``url_to_path``,
    which asserts that the text starts with ``file:`` and, on POSIX, that the URL names no
    other host (``file://host/x``: reqlint follows Linux and macOS, where CI runs).
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise _ReqError(f"{url!r}: {exc}") from None
    _egg(url)
    if parts.scheme != "file" or not file_checks:
        return
    if not url.startswith("file:"):
        raise _ReqError(f"You can only turn file: urls into filenames (not {url!r})")
    if parts.netloc and parts.netloc != "localhost":
        raise _ReqError(f"non-local file URIs are not supported on this platform: {url!r} "
                        "(pip on Linux and macOS; Windows reads it as a UNC path)")


def _looks_like_path(name: str) -> bool:
    """constructors._looks_like_path (POSIX separators, and Windows' as an alt separator)."""
    return "/" in name or "\\" in name or name.startswith(".")


def _strip_extras(path: str) -> tuple[str, tuple[str, ...]]:
    """pip.utils.urls.strip_extras."""
    m = re.match(r"^(.+)(\[[^\]]+\])$", path)
    if not m:
        return path, ()
    try:
        extras = Pep508("placeholder" + m.group(2).lower()).extras
    except InvalidRequirement as exc:
        raise _ReqError(f"Invalid requirement: {'placeholder' + m.group(2)!r}: {exc}") \
            from None
    return m.group(1).rstrip(), tuple(sorted(extras))


def _url_path(url: str) -> str:
    try:
        return urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    except ValueError:
        return url


def _ext(url: str) -> str:
    """Link.ext: the extension of the last path segment, ``.tar.*`` kept whole."""
    base, ext = posixpath.splitext(posixpath.basename(_url_path(url).rstrip("/")))
    if base.lower().endswith(".tar"):
        ext = base[-4:] + ext
    return ext


def _is_archive(name: str) -> bool:
    return _ext(name).lower() in _ARCHIVE_EXTENSIONS


def _egg(url: str) -> str | None:
    """Link.egg_fragment, with pip's InvalidEggFragment."""
    match = _EGG_RE.search(url)
    if not match:
        return None
    fragment = match.group(1)
    if not _PROJECT_NAME_RE.match(fragment):
        hint = ""
        if any(c in fragment for c in "<>="):
            hint = "version specifiers are silently ignored for URL references, remove them. "
        if "[" in fragment and "]" in fragment:
            hint += "Use the direct URL form 'name[extra] @ URL'"
        raise _ReqError(f"The {fragment!r} egg fragment is invalid: "
                        f"{hint or 'egg fragments can only be a valid project name'}")
    return fragment


def _pep508(text: str, *, index_base: int | None) -> Pep508:
    try:
        return Pep508(text)
    except InvalidRequirement as exc:
        span = getattr(exc.__cause__, "span", None)
        index = span[0] + index_base if span is not None and index_base is not None else None
        hint = ""
        if "/" in text:
            hint = " (it looks like a path)"
        elif "=" in text and not any(op in text for op in _OPERATORS):
            hint = " (= is not a valid operator: did you mean == ?)"
        first = str(exc).split("\n", 1)[0]
        raise _ReqError(f"{text!r}: {first}{hint}", index) from None


def _local_dir(name: str) -> bool:
    """Would pip take ``name`` as a local directory?  pip asks the file system; reqlint
    takes a path-looking name without PEP 508 punctuation as one."""
    return (_looks_like_path(name) and "://" not in name
            and not any(c in name for c in "<>=!~;@ \t"))


def _from_line(text: str) -> _Fields:
    """constructors.parse_req_from_line + InstallRequirement, without file-system checks."""
    name = text
    marker: Marker | None = None
    sep = "; " if _is_url(name) else ";"
    if sep in name:
        name, after = name.split(sep, 1)
        marker_text = after.strip()
        if marker_text:
            try:
                marker = Marker(marker_text)
            except InvalidMarker as exc:
                span = getattr(exc.__cause__, "span", None)
                at = len(name) + len(sep) + len(after) - len(after.lstrip())
                first = str(exc).split("\n", 1)[0]
                raise _ReqError(f"{name.strip()!r}: invalid marker: {first}",
                                at + span[0] if span is not None else None) from None
    lead = len(name) - len(name.lstrip())
    name = name.strip()
    link: str | None = None
    extras: tuple[str, ...] = ()
    if _is_url(name):
        link = name
    else:
        path, extras = _strip_extras(name)
        if _is_archive(path):
            parts = name.split("@", 1)
            if not (len(parts) >= 2 and not _looks_like_path(parts[0])):
                link = path
        elif _local_dir(path):
            link = path
    req: Pep508 | None = None
    if link is not None and _is_url(link):
        # Link(): urlsplit and the egg fragment; the file checks come after the "../"
        # rewrite below, when InstallRequirement asks for the link's path
        _check_link(link, file_checks=not re.search(r"\.\./", link))
    if link is not None:
        if _scheme(link) == "file" and re.search(r"\.\./", link):
            # pip re-makes a file: URL with "../" in it from its normalised path, which
            # drops the fragment (#egg= included); a relative one is cwd-dependent
            link = "file:" + ("//" if _url_path(link).startswith("/") else "") + \
                urllib.parse.quote(posixpath.normpath(_url_path(link)))
        if _ext(link) == ".whl":
            filename = posixpath.basename(_url_path(link).rstrip("/"))
            try:
                wheel_name, version, _, _ = parse_wheel_filename(filename)
            except InvalidWheelFilename as exc:
                raise _ReqError(str(exc)) from None
            req = _pep508(f"{wheel_name}=={version}", index_base=None)
        else:
            egg = _egg(link)
            req = _pep508(egg, index_base=None) if egg is not None else None
    else:
        req = _pep508(name, index_base=lead)
        if req.url:  # InstallRequirement makes a Link of a PEP 508 URL
            _check_link(req.url)
    url = link if link is not None else (req.url if req is not None else None)
    return _Fields(
        req.name if req is not None else None,
        str(req.specifier) if req is not None else "",
        extras if extras else tuple(sorted(req.extras)) if req is not None else (),
        str(marker) if marker is not None else (
            str(req.marker) if req is not None and req.marker is not None else None),
        url,
        url is not None and _scheme(url) in _VCS_SCHEMES,
    )


def _editable(text: str, constraint: bool) -> _Fields:
    """constructors.parse_editable + install_req_from_editable, without file-system checks."""
    if constraint:
        raise _ReqError("Editable requirements are not allowed as constraints")
    try:
        direct: Pep508 | None = Pep508(text)
    except InvalidRequirement:
        direct = None
    extras: tuple[str, ...]
    if direct is not None and direct.url:
        name: str | None = f"{direct.name} ; {direct.marker}" if direct.marker \
            else direct.name
        url = direct.url
        extras = tuple(sorted(direct.extras))
    else:
        url, extras = _strip_extras(text)
        if "://" not in url and "@" not in url \
                and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", url):
            # a local project folder (pip: os.path.isdir, then a file: URL without a name)
            return _Fields(None, "", extras, None, url, False)
        if url.lower().startswith("file:"):
            name = _egg(url)
        else:
            url = text
            for backend in _VCS_NAMES:
                if url.lower().startswith(f"{backend}:"):
                    url = f"{backend}+{url}"
                    break
            name = _egg(url)
            extras = ()
    is_vcs = _scheme(url) in _VCS_SCHEMES
    if is_vcs or url.lower().startswith("file:"):
        _check_link(url)
    if not is_vcs and not url.startswith("file:"):
        raise _ReqError(f"{text} is not a valid editable requirement: it should be a path to "
                        f"a local project or a VCS URL (beginning with {_VCS_BACKENDS})")
    if not name and not url.startswith("file:"):
        raise _ReqError(f"could not detect the requirement name for {text!r}: write it as "
                        "'name @ URL' (or add #egg=name)")
    req = _pep508(name, index_base=None) if name is not None else None
    return _Fields(
        req.name if req is not None else None,
        str(req.specifier) if req is not None else "",
        extras if extras else tuple(sorted(req.extras)) if req is not None else (),
        str(req.marker) if req is not None and req.marker is not None else None,
        url, is_vcs)


# ------------------------------------------------------------------------- public API


def parse_requirements(text_file: TextFile, *, env: Mapping[str, str] | None = None,
                       constraint: bool = False) -> ParsedSource:
    """Parse one requirements file as pip 26.3 does; no I/O.

    ``env`` is the environment ``${VAR}`` references are expanded from; ``None`` (check
    mode) expands nothing and reports no undefined variable.  ``constraint`` is true for a
    file reached through ``-c``.  Includes are listed, not followed: see
    :func:`load_requirements`.
    """
    # Lines as pip numbers them: a line ended by \v or \u2028 is a line of its own for
    # pip, so an include on it is read there, and an edit comments out just that line.
    return _Parser(text_file.with_pip_lines(), env, constraint).run()


def load_requirements(path: str, *, env: Mapping[str, str] | None = None,
                      display: str | None = None,
                      text: TextFile | None = None) -> list[ParsedSource]:
    """Read ``path`` and every file it includes with ``-r``/``-c``, depth first in pip's
    order, each file once.  Never raises for bad input: an unreadable root gives a source
    with just that problem; a missing include, a URL include or a cycle is a problem at
    the ``-r``/``-c`` line that names it.  ``text`` is the root's text when it was not
    read from ``path`` (standard input); its includes are still read from the disk."""
    out: list[ParsedSource] = []
    index: dict[str, int] = {}

    def visit(loaded: TextFile, key: str, constraint: bool, parent: str | None,
              stack: list[tuple[str, str]]) -> None:
        shown = loaded.path
        index[key] = len(out)
        source = parse_requirements(loaded, env=env, constraint=constraint)
        out.append(source)
        folder = os.path.dirname(key)
        includes: list[Include] = []
        extra: list[Problem] = []
        chain = [*stack, (key, shown)]
        for inc in source.includes:
            if inc.resolved is None:
                includes.append(inc)
                continue
            target = os.path.abspath(os.path.join(folder, inc.target))
            target_shown = display_path(target)
            includes.append(replace(inc, resolved=target_shown))
            flag = "-c" if inc.constraint else "-r"
            if any(target == k for k, _ in chain):
                start = next(i for i, (k, _) in enumerate(chain) if k == target)
                names = " -> ".join(s for _, s in chain[start:]) + f" -> {target_shown}"
                extra.append(Problem("RL004", f"include cycle: {names}; pip would stop with "
                                     "'recursively references itself'", inc.location))
                continue
            if target in index:
                continue
            child = read_text(target, display=target_shown)
            if isinstance(child, Problem):
                extra.append(Problem("RL003", f"{flag} {inc.target}: {child.message}",
                                     inc.location))
                continue
            visit(child, target, inc.constraint, shown, chain)
        out[index[key]] = replace(source, includes=tuple(includes),
                                  problems=source.problems + tuple(extra),
                                  included_from=parent)

    shown = display if display is not None else display_path(os.path.abspath(path))
    root = text if text is not None else read_text(path, display=shown)
    if isinstance(root, Problem):
        return [ParsedSource(shown, SourceKind.REQUIREMENTS, problems=(root,))]
    visit(root, os.path.abspath(path), False, None, [])
    return out
