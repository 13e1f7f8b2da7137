"""Positions in TOML text: where every value, key, array element and table block is.

tomlkit decides whether a file is valid TOML and what every value *is*, but keeps no
positions; this small scanner (:func:`locate`) walks the same text and records them.  It
only ever sees text tomlkit has accepted, so it can stay small: it knows TOML's tokens
(four kinds of string, arrays, inline tables, dotted and quoted keys, table and
array-of-tables headers, comments) but never has to diagnose anything.

Shared by the pyproject adapter (:mod:`reqlint.sources.pyproject`: facts with exact spans
and removals) and :mod:`reqlint.settings` (located errors in ``[tool.reqlint]``), so
neither imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reqlint._records import dataclass, field
from reqlint.text import TextFile

__all__ = ["Address", "Located", "locate", "route_of", "toml_error"]

# A value's place in the document: keys, with integers for array (and array-of-tables)
# elements, e.g. ("tool", "uv", "index", 1, "url").
Address = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Located:
    """Where one value (or table) of the document is.

    ``start``/``end`` cover the value: a string's contents between its quotes, any other
    value whole, a table's header.  ``key_start`` is where its key (or header) starts.
    ``removal`` is the range to delete to remove the value together with its key, comma or
    table block.
    """

    start: int
    end: int
    key_start: int
    removal: tuple[int, int]
    # The scanner's own decoding of a string value (tests compare it with tomlkit's).
    string: str | None = None


# ------------------------------------------------------------------------------ scanner


class _ScanError(Exception):
    """The scanner met text it does not understand (a bug: tomlkit accepted the text)."""


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# A date-time may contain one space ("1979-05-27 07:32:00Z"); other scalars end at a
# delimiter.
_SCALAR = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?"
    r"|[^\s,\]}#]+"
)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))", re.DOTALL)
_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "e": "\x1b",
}
# A backslash at the end of a line in a multi-line basic string eats the newline and all
# whitespace after it.
_LINE_ENDING_BACKSLASH = re.compile(r"\\[ \t]*\r?\n[ \t\r\n]*")


def _unescape(raw: str) -> str:
    def sub(match: re.Match[str]) -> str:
        hex_digits = match.group(1) or match.group(2) or match.group(3)
        if hex_digits:
            return chr(int(hex_digits, 16))
        return _ESCAPES.get(match.group(4), match.group(0))

    return _ESCAPE.sub(sub, raw)


@dataclass
class _Value:
    start: int
    end: int
    string: str | None = None
    # Arrays: (element, offset of the comma after it or -1).  Inline tables: pairs.
    items: list[tuple[_Value, int]] = field(default_factory=list)
    pairs: list[tuple[_Pair, int]] = field(default_factory=list)
    is_array: bool = False
    is_table: bool = False
    # Where the whole token starts/ends (quotes included); start/end exclude quotes.
    outer_start: int = -1
    outer_end: int = -1


@dataclass
class _Pair:
    key: tuple[str, ...]
    key_start: int
    value: _Value


@dataclass
class _Table:
    path: tuple[str, ...]
    aot: bool
    header_start: int
    header_end: int
    pairs: list[_Pair] = field(default_factory=list)


class _Scanner:
    """A position-recording reader for TOML text that tomlkit has already accepted."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.comments: list[tuple[int, str]] = []

    # -------------------------------------------------------------- small pieces

    def _peek(self, s: str) -> bool:
        return self.text.startswith(s, self.pos)

    def _expect(self, s: str) -> None:
        if not self._peek(s):
            raise _ScanError(f"expected {s!r} at offset {self.pos}")
        self.pos += len(s)

    def _spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1

    def _comment(self) -> None:
        if self._peek("#"):
            end = self.text.find("\n", self.pos)
            end = len(self.text) if end < 0 else end
            if self.text[end - 1 : end] == "\r" and end > self.pos:
                end -= 1
            self.comments.append((self.pos, self.text[self.pos : end]))
            self.pos = end

    def _blank(self) -> None:
        """Skip whitespace, newlines and comments."""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char in " \t\r\n":
                self.pos += 1
            elif char == "#":
                self._comment()
            else:
                return

    def _end_of_line(self) -> None:
        self._spaces()
        self._comment()
        if self._peek("\r\n"):
            self.pos += 2
        elif self._peek("\n"):
            self.pos += 1
        elif self.pos < len(self.text):
            raise _ScanError(f"expected the end of a line at offset {self.pos}")

    # -------------------------------------------------------------- keys

    def _simple_key(self) -> str:
        if self._peek('"'):
            value = self._string()
            assert value.string is not None
            return value.string
        if self._peek("'"):
            value = self._string()
            assert value.string is not None
            return value.string
        match = _BARE_KEY.match(self.text, self.pos)
        if match is None:
            raise _ScanError(f"expected a key at offset {self.pos}")
        self.pos = match.end()
        return match.group()

    def _key(self) -> tuple[str, ...]:
        parts = [self._simple_key()]
        while True:
            save = self.pos
            self._spaces()
            if not self._peek("."):
                self.pos = save
                return tuple(parts)
            self.pos += 1
            self._spaces()
            parts.append(self._simple_key())

    def _pair(self) -> _Pair:
        key_start = self.pos
        key = self._key()
        self._spaces()
        self._expect("=")
        self._spaces()
        return _Pair(key, key_start, self._value())

    # -------------------------------------------------------------- values

    def _string(self) -> _Value:
        text, outer = self.text, self.pos
        delim = next((d for d in ('"""', "'''", '"', "'") if text.startswith(d, outer)), "")
        if not delim:  # pragma: no cover - callers check the first character
            raise _ScanError(f"expected a string at offset {outer}")
        literal = delim[0] == "'"
        start = outer + len(delim)
        multi = len(delim) == 3
        if multi and text.startswith("\r\n", start):
            content_start = start + 2
        elif multi and text.startswith("\n", start):
            content_start = start + 1
        else:
            content_start = start
        pos = start
        while True:
            if pos >= len(text):
                raise _ScanError(f"unterminated string at offset {outer}")
            char = text[pos]
            if char == "\\" and not literal:
                pos += 2
            elif text.startswith(delim, pos):
                break
            elif char == "\n" and not multi:
                raise _ScanError(f"newline in a string at offset {outer}")
            else:
                pos += 1
        end = pos
        if multi:
            # Up to two quotes right before the closing delimiter belong to the string.
            while end - pos < 2 and end + 3 < len(text) and text[end + 3] == delim[0]:
                end += 1
        self.pos = end + len(delim)
        raw = text[content_start:end]
        if literal:
            decoded = raw
        else:
            if multi:
                raw = _LINE_ENDING_BACKSLASH.sub("", raw)
            decoded = _unescape(raw)
        return _Value(content_start, end, decoded, outer_start=outer, outer_end=self.pos)

    def _value(self) -> _Value:
        if self._peek('"') or self._peek("'"):
            return self._string()
        start = self.pos
        if self._peek("["):
            self.pos += 1
            array = _Value(start, start, is_array=True)
            while True:
                self._blank()
                if self._peek("]"):
                    break
                element = self._value()
                self._blank()
                if self._peek(","):
                    array.items.append((element, self.pos))
                    self.pos += 1
                else:
                    array.items.append((element, -1))
                    self._blank()
                    if not self._peek("]"):
                        raise _ScanError(f"expected ',' or ']' at offset {self.pos}")
            self.pos += 1
            array.end = array.outer_end = self.pos
            array.outer_start = start
            return array
        if self._peek("{"):
            self.pos += 1
            table = _Value(start, start, is_table=True)
            while True:
                # TOML 1.1 allows newlines (and comments) in inline tables.
                self._blank()
                if self._peek("}"):
                    break
                pair = self._pair()
                self._blank()
                if self._peek(","):
                    table.pairs.append((pair, self.pos))
                    self.pos += 1
                else:
                    table.pairs.append((pair, -1))
                    self._blank()
                    if not self._peek("}"):
                        raise _ScanError(f"expected ',' or '}}' at offset {self.pos}")
            self.pos += 1
            table.end = table.outer_end = self.pos
            table.outer_start = start
            return table
        match = _SCALAR.match(self.text, self.pos)
        if match is None:
            raise _ScanError(f"expected a value at offset {self.pos}")
        self.pos = match.end()
        return _Value(start, self.pos, outer_start=start, outer_end=self.pos)

    # -------------------------------------------------------------- document

    def document(self) -> list[_Table]:
        tables = [_Table((), False, 0, 0)]
        while True:
            self._blank()
            if self.pos >= len(self.text):
                return tables
            if self._peek("["):
                header_start = self.pos
                aot = self._peek("[[")
                self.pos += 2 if aot else 1
                self._spaces()
                path = self._key()
                self._spaces()
                self._expect("]]" if aot else "]")
                tables.append(_Table(path, aot, header_start, self.pos))
            else:
                tables[-1].pairs.append(self._pair())
            self._end_of_line()


# ----------------------------------------------------------------------- the address map


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[Address, Located] = {}

    # ---------------------------------------------------------------- line helpers

    def line_start(self, offset: int) -> int:
        return max(self.text.rfind("\n", 0, offset), self.text.rfind("\r", 0, offset)) + 1

    def after_line(self, offset: int) -> int:
        """The offset just past the newline of the line ``offset`` is on (or the text end)."""
        newline = self.text.find("\n", offset)
        return len(self.text) if newline < 0 else newline + 1

    def rest_is_blank(self, offset: int) -> bool:
        """Only spaces, a comment and the newline follow ``offset`` on its line."""
        rest = self.text[offset : self.after_line(offset)]
        return re.fullmatch(r"[ \t]*(#[^\n]*)?\r?\n?", rest) is not None

    def skip_spaces(self, offset: int) -> int:
        while offset < len(self.text) and self.text[offset] in " \t":
            offset += 1
        return offset

    # ---------------------------------------------------------------- removals

    def element_removal(
        self,
        elements: Sequence[tuple[int, int, int]],
        index: int,
    ) -> tuple[int, int]:
        """The range that removes element ``index`` of ``(start, end, comma)`` elements.

        An element alone on its line(s) (with its comma and an optional comment) takes its
        whole lines; otherwise it goes with the comma after it, or - for the last element -
        the comma before it, so the separators that remain are still right.
        """
        start, end, comma = elements[index]
        after = comma + 1 if comma >= 0 else end
        before = self.text[self.line_start(start) : start]
        if before.strip(" \t") == "" and self.rest_is_blank(after):
            return self.line_start(start), self.after_line(after)
        if comma >= 0:
            return start, self.skip_spaces(comma + 1)
        if index > 0:
            previous_comma = elements[index - 1][2]
            return previous_comma, end
        return start, end

    def pair_removal(self, pair: _Pair) -> tuple[int, int]:
        """A ``key = value`` line in a table body: its whole lines, comment included."""
        return self.line_start(pair.key_start), self.after_line(pair.value.outer_end)

    # ---------------------------------------------------------------- walking

    def add_value(
        self, address: Address, value: _Value, key_start: int, removal: tuple[int, int]
    ) -> None:
        self.found[address] = Located(value.start, value.end, key_start, removal, value.string)
        if value.is_array:
            elements = [(v.outer_start, v.outer_end, comma) for v, comma in value.items]
            for index, (element, _) in enumerate(value.items):
                self.add_value(
                    (*address, index),
                    element,
                    element.outer_start,
                    self.element_removal(elements, index),
                )
        elif value.is_table:
            elements = [(p.key_start, p.value.outer_end, comma) for p, comma in value.pairs]
            for index, (pair, _) in enumerate(value.pairs):
                self.add_pair(address, pair, self.element_removal(elements, index))

    def add_pair(self, table: Address, pair: _Pair, removal: tuple[int, int]) -> None:
        # A dotted key defines the intermediate tables implicitly; they get no entry.
        self.add_value((*table, *pair.key), pair.value, pair.key_start, removal)

    def build(self, tables: list[_Table]) -> dict[Address, Located]:
        counts: dict[tuple[str, ...], int] = {}
        for number, table in enumerate(tables):
            address = self.table_address(table, counts)
            if table.path:
                block_end = self.block_end(tables, number)
                self.found[address] = Located(
                    table.header_start,
                    table.header_end,
                    table.header_start,
                    (self.line_start(table.header_start), block_end),
                )
            for pair in table.pairs:
                self.add_pair(address, pair, self.pair_removal(pair))
        return self.found

    @staticmethod
    def table_address(table: _Table, counts: dict[tuple[str, ...], int]) -> Address:
        if table.aot:
            counts[table.path] = counts.get(table.path, 0) + 1
            # A new element starts afresh: arrays of tables nested in the previous one end.
            for other in [
                p for p in counts if p[: len(table.path)] == table.path and len(p) > len(table.path)
            ]:
                del counts[other]
        address: list[str | int] = []
        for depth, part in enumerate(table.path):
            address.append(part)
            prefix = table.path[: depth + 1]
            if prefix in counts:
                address.append(counts[prefix] - 1)
        return tuple(address)

    def block_end(self, tables: list[_Table], number: int) -> int:
        """Where the block of table ``number`` ends: after its last ``key = value`` line,
        taking along sub-tables that belong to it (``[a.b]`` after ``[[a]]``).  Comments
        and blank lines before the next header stay: they usually describe that header."""
        table = tables[number]
        last = number
        for later in range(number + 1, len(tables)):
            other = tables[later]
            inside = (
                len(other.path) > len(table.path) and other.path[: len(table.path)] == table.path
            )
            if not inside:
                break
            last = later
        end = self.after_line(table.header_end)
        for candidate in tables[number : last + 1]:
            if candidate.pairs:
                end = max(end, self.after_line(candidate.pairs[-1].value.outer_end))
            end = max(end, self.after_line(candidate.header_end))
        return end


def locate(text: str) -> tuple[dict[Address, Located], list[tuple[int, str]]]:
    """Positions of every value, table and comment in ``text`` (valid TOML).

    Returns ``(address -> Located, [(offset, comment text)])``.  Raises ``ValueError`` when
    the text is not TOML the scanner understands.
    """
    scanner = _Scanner(text)
    try:
        tables = scanner.document()
    except (_ScanError, IndexError) as exc:
        raise ValueError(str(exc)) from None
    return _Builder(text).build(tables), scanner.comments


def route_of(address: Address) -> str:
    """``("tool", "uv", "index", 1)`` -> ``tool.uv.index[1]`` (keys that need it quoted)."""
    out = ""
    for part in address:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            shown = part if _BARE_KEY.fullmatch(part) else '"' + part.replace('"', '\\"') + '"'
            out += f".{shown}" if out else shown
    return out


def toml_error(text_file: TextFile, line: int, col: int, message: str) -> tuple[int, str]:
    """The offset and a cleaned-up message for tomlkit's ``ParseError``.

    tomlkit counts ``col`` from 0, and for an error at the end of the file reports a NUL
    character somewhere before it: such errors point at the end of the last line instead.
    """
    message = re.sub(r" at line \d+ col \d+$", "", message).rstrip(". ")
    if "'\\x00'" in message or "end of file" in message.lower():
        message = "Unexpected end of file"
        return len(text_file.text.rstrip("\r\n")), message
    message = message.replace("Unexpected character: '\\n'", "Unexpected end of line")
    line = min(max(line, 1), text_file.line_count)
    start = min(text_file.line_start(line) + max(col, 0), text_file.line_end(line))
    return start, message
