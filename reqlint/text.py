"""A file's text: its bytes, BOM and encoding, decoded text *without* newline translation.

Offsets used everywhere in reqlint index ``TextFile.text``.  ``TextFile.encode`` turns an
edited text back into bytes with the same BOM and encoding, so a fix never changes a byte
it did not mean to change (CRLF, mixed line endings, no final newline, tabs all survive,
because the text is never re-split or re-joined).
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterator
from itertools import accumulate

from reqlint._records import dataclass, field
from reqlint.model import Edit, Span

# pip 26.3's own order (pip._internal.req.req_file.BOMS): UTF-32 before UTF-16, because
# UTF-16-LE's BOM is a prefix of UTF-32-LE's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF16, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_PEP263 = re.compile(rb"coding[:=]\s*([-\w.]+)")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# What str.splitlines() also ends a line at (pip splits requirements files with it).
RARE_SEPARATORS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_PIP_NEWLINE = re.compile(f"\r\n|[\r\n{RARE_SEPARATORS}]")


class DecodeError(ValueError):
    """The bytes are not text pip could read; ``line`` is 1-based, 0 when unknown."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class TextFile:
    """Decoded text plus what is needed to map offsets to lines and to encode it back."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    # Lines end where str.splitlines() ends them (also at \v, \f, \x1c-\x1e, \x85, \u2028,
    # \u2029), as pip numbers the lines of a requirements file; see with_pip_lines().
    pip_lines: bool = field(default=False, compare=False)

    @classmethod
    def from_text(cls, path: str, text: str) -> TextFile:
        return cls(path, text, "utf-8", b"", _line_starts(text))

    @classmethod
    def decode(cls, path: str, data: bytes, *, pep263: bool = True) -> TextFile:
        """Decode as pip does for requirements files: BOM, then PEP 263 cookie, then UTF-8.

        pip falls back to the locale's encoding; reqlint pins that to UTF-8 (the oracle does
        too) and reports undecodable bytes instead of guessing.
        """
        if b"\x00" in data[:8192] and not any(data.startswith(b) for b, _ in BOMS[1:]):
            raise DecodeError("binary file (contains NUL bytes), not a text file")
        for bom, encoding in BOMS:
            if data.startswith(bom):
                return cls._decoded(path, data[len(bom) :], encoding, bom)
        if pep263:
            for line in data.split(b"\n")[:2]:
                match = _PEP263.search(line) if line[:1] == b"#" else None
                if match:
                    encoding = match.group(1).decode("ascii")
                    try:
                        codecs.lookup(encoding)
                    except LookupError:
                        raise DecodeError(
                            f"unknown encoding {encoding!r} in coding cookie", 1
                        ) from None
                    return cls._decoded(path, data, encoding, b"")
        return cls._decoded(path, data, "utf-8", b"")

    @classmethod
    def _decoded(cls, path: str, body: bytes, encoding: str, bom: bytes) -> TextFile:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            line = body[: exc.start].count(b"\n") + 1
            raise DecodeError(
                f"cannot decode as {encoding}: byte 0x{body[exc.start]:02x} "
                f"at offset {exc.start + len(bom)} is invalid",
                line,
            ) from None
        return cls(path, text, encoding, bom, _line_starts(text))

    def with_pip_lines(self) -> TextFile:
        """The same text with pip's line numbering (a no-op without rare separators)."""
        if self.pip_lines or not any(c in self.text for c in RARE_SEPARATORS):
            return self
        return TextFile(
            self.path,
            self.text,
            self.encoding,
            self.bom,
            _line_starts(self.text, _PIP_NEWLINE),
            True,
        )

    def encode(self, text: str | None = None) -> bytes:
        """The file's bytes for ``text`` (default: the current text), BOM and encoding kept."""
        body = self.text if text is None else text
        # utf-16/utf-32 codecs would write a BOM of their own: we write the original one.
        enc = {
            "utf-16": "utf-16-le" if self.bom == codecs.BOM_UTF16_LE else "utf-16-be",
            "utf-32": "utf-32-le" if self.bom == codecs.BOM_UTF32_LE else "utf-32-be",
        }.get(self.encoding, self.encoding)
        return self.bom + body.encode(enc)

    # ------------------------------------------------------------------ lines and offsets

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(start, end, line, column, end_line, end_column)

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its newline characters)."""
        start = self._line_starts[line - 1]
        match = (_PIP_NEWLINE if self.pip_lines else _NEWLINE).search(self.text, start)
        if match is None or (line < self.line_count and match.start() >= self._line_starts[line]):
            return len(self.text)
        return match.start()

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    def lines_span(self, first: int, last: int) -> Span:
        """The span of whole physical lines ``first``..``last`` (newline of the last excluded)."""
        return self.span(self.line_start(first), self.line_end(last))

    def physical_lines(self) -> Iterator[tuple[int, int, int, str]]:
        """``(line_number, start, end, ending)`` for every physical line; ``ending`` as written."""
        starts = self._line_starts
        for index, start in enumerate(starts):
            end = self.line_end(index + 1)
            next_start = starts[index + 1] if index + 1 < len(starts) else len(self.text)
            yield index + 1, start, end, self.text[end:next_start]


def _line_starts(text: str, newline: re.Pattern[str] = _NEWLINE) -> tuple[int, ...]:
    """Offsets where physical lines start.  ``\\r\\n``, ``\\r`` and ``\\n`` end a line.

    A text that ends with a newline has no extra empty line after it; an empty text has one
    (empty) line.
    """
    if newline is _NEWLINE and "\r" not in text:
        # "\n" alone ends lines: the same offsets from one split, not a loop per match
        # (a 100,000-line file is read twice in a run: 0.3 s of a whole run)
        found = list(accumulate([len(line) + 1 for line in text.split("\n")], initial=0))
        found.pop()  # the end of the last piece is not a line's start
        if len(found) > 1 and found[-1] >= len(text):
            found.pop()  # after the final newline there is no line
        return tuple(found)
    starts = [0]
    for match in newline.finditer(text):
        if match.end() < len(text):
            starts.append(match.end())
    return tuple(starts)


# The text a comment-out fix puts in front of a line.  One place, so every source comments
# out the same way and `reqlint` can recognise (and a user can undo) what it commented out.
COMMENT_PREFIX = "# "


def comment_out_lines(text_file: TextFile, first: int, last: int) -> tuple[Edit, ...]:
    """Edits that comment out physical lines ``first``..``last`` (1-based, inclusive).

    Each edit inserts :data:`COMMENT_PREFIX` at the start of one line, so indentation, the
    rest of the line and its line ending stay byte-identical.  Every physical line of a
    continued line is commented: pip never continues a comment line, so commenting only the
    first would turn the rest into a line of its own.
    """
    return tuple(
        Edit(text_file.path, text_file.line_start(n), text_file.line_start(n), COMMENT_PREFIX)
        for n in range(first, last + 1)
    )


# ------------------------------------------------------------------- mapped text

# For each character of a derived string, the (start, end) file offsets it was written at.
Offsets = list[tuple[int, int]]


@dataclass(frozen=True)
class MappedText:
    """A string derived from a file (a shell word without its quotes, a YAML scalar's
    value, continuation lines joined, conda's ``pip:`` items joined into one requirements
    text) and, for each of its characters, the file offsets it was written at: a fact
    found in the string points at the exact characters of the file.

    A character with no place of its own (a folded line break, a joining newline) maps to
    an empty range.
    """

    chars: str
    offsets: Offsets

    @classmethod
    def region(cls, text: str, start: int, end: int) -> MappedText:
        """``text[start:end]``, every character at its own place."""
        return cls(text[start:end], [(k, k + 1) for k in range(start, end)])

    def file_range(self, first: int, last: int) -> tuple[int, int]:
        """File offsets from character ``first`` to character ``last`` (inclusive)."""
        a = self.offsets[first][0]
        return a, max(a, self.offsets[last][1])

    def span_range(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of the characters ``start:end`` (half-open, clamped to the
        string; an empty range maps to where ``start`` is)."""
        if not self.offsets:
            return 0, 0
        a = self.offsets[min(start, len(self.offsets) - 1)][0]
        b = self.offsets[min(end, len(self.offsets)) - 1][1] if end > start else a
        return a, max(a, b)


def in_template(path: str, text: str) -> bool:
    """Whether ``text`` is a project template's placeholder line: a Jinja expression in a
    file of a template's folder (cookiecutter's and copier's folders are named with one,
    ``{{ cookiecutter.repo_name }}``).  Nobody installs the template; the rendered
    project's line is what pip reads."""
    return ("{{" in text or "{%" in text) and any(
        "{{" in part or "{%" in part for part in path.replace("\\", "/").split("/")
    )
