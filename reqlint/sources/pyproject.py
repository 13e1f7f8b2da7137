"""pyproject.toml: uv / poetry / pdm index settings and PEP 621 / PEP 735 requirements.

tomlkit decides whether the file is valid TOML and what every value *is*; it keeps no
positions, so a small scanner (:func:`locate`) walks the same text and records where every
value, key, array element and table block is.  The scanner only ever sees text tomlkit has
accepted, so it can stay small: it knows TOML's tokens (four kinds of string, arrays,
inline tables, dotted and quoted keys, table and array-of-tables headers, comments) but
never has to diagnose anything.

Every fact points at its value in the text.  For a string that is the text *between* the
quotes (for a multi-line string, after the newline TOML trims), so a span over a URL
written without escapes reads exactly the URL.  ``Setting.removal`` is the narrowest edit
that deletes one setting and keeps the file valid: one element of an array (with its
comma, or its whole line when it stands alone on one), one ``key = value`` line, or one
``[[...]]`` block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from reqlint.model import (
    Edit,
    Location,
    ParsedSource,
    Problem,
    Requirement,
    Setting,
    SourceContext,
    SourceKind,
    Span,
    Tool,
)
from reqlint.rules.rl001_invalid_requirement import CODE as RL001
from reqlint.rules.rl006_invalid_pyproject import CODE as RL006
from reqlint.suppress import suppression_codes
from reqlint.text import TextFile

__all__ = ["Address", "Located", "locate", "parse", "route_of",
           "toml_error"]

# A value's place in the document: keys, with integers for array (and array-of-tables)
# elements, e.g. ("tool", "uv", "index", 1, "url").
Address = tuple[str | int, ...]

PYPI_SIMPLE = "https://pypi.org/simple"


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
    r"|[^\s,\]}#]+")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))",
                     re.DOTALL)
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\",
            "e": "\x1b"}
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
            if self.text[end - 1: end] == "\r" and end > self.pos:
                end -= 1
            self.comments.append((self.pos, self.text[self.pos:end]))
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
        rest = self.text[offset: self.after_line(offset)]
        return re.fullmatch(r"[ \t]*(#[^\n]*)?\r?\n?", rest) is not None

    def skip_spaces(self, offset: int) -> int:
        while offset < len(self.text) and self.text[offset] in " \t":
            offset += 1
        return offset

    # ---------------------------------------------------------------- removals

    def element_removal(self, elements: Sequence[tuple[int, int, int]], index: int,
                        ) -> tuple[int, int]:
        """The range that removes element ``index`` of ``(start, end, comma)`` elements.

        An element alone on its line(s) (with its comma and an optional comment) takes its
        whole lines; otherwise it goes with the comma after it, or - for the last element -
        the comma before it, so the separators that remain are still right.
        """
        start, end, comma = elements[index]
        after = comma + 1 if comma >= 0 else end
        before = self.text[self.line_start(start): start]
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

    def add_value(self, address: Address, value: _Value, key_start: int,
                  removal: tuple[int, int]) -> None:
        self.found[address] = Located(value.start, value.end, key_start, removal, value.string)
        if value.is_array:
            elements = [(v.outer_start, v.outer_end, comma) for v, comma in value.items]
            for index, (element, _) in enumerate(value.items):
                self.add_value((*address, index), element, element.outer_start,
                               self.element_removal(elements, index))
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
                self.found[address] = Located(table.header_start, table.header_end,
                                              table.header_start,
                                              (self.line_start(table.header_start), block_end))
            for pair in table.pairs:
                self.add_pair(address, pair, self.pair_removal(pair))
        return self.found

    @staticmethod
    def table_address(table: _Table, counts: dict[tuple[str, ...], int]) -> Address:
        if table.aot:
            counts[table.path] = counts.get(table.path, 0) + 1
            # A new element starts afresh: arrays of tables nested in the previous one end.
            for other in [p for p in counts if p[: len(table.path)] == table.path
                          and len(p) > len(table.path)]:
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
            inside = (len(other.path) > len(table.path)
                      and other.path[: len(table.path)] == table.path)
            if not inside:
                break
            last = later
        end = self.after_line(table.header_end)
        for candidate in tables[number: last + 1]:
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


# --------------------------------------------------------------------------- suppressions

# ------------------------------------------------------------------------------ adapter


class _Reader:
    """Turns tomlkit's values plus the located addresses into facts."""

    def __init__(self, text_file: TextFile, data: Mapping[str, Any],
                 found: Mapping[Address, Located]) -> None:
        self.file = text_file
        self.data = data
        self.found = found
        self.settings: list[Setting] = []
        self.requirements: list[Requirement] = []
        self.problems: list[Problem] = []

    # ---------------------------------------------------------------- lookups

    def get(self, address: Address) -> Any:
        node: Any = self.data
        for part in address:
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    return None
            elif not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def span(self, address: Address) -> Span | None:
        where = self.found.get(address)
        return self.file.span(where.start, where.end) if where else None

    def removal(self, address: Address) -> tuple[Edit, ...]:
        where = self.found.get(address)
        if where is None:
            return ()
        return (Edit(self.file.path, where.removal[0], where.removal[1], ""),)

    def location(self, address: Address) -> Location:
        return Location(self.file.path, self.span(address), route_of(address))

    def raw(self, address: Address) -> str:
        where = self.found.get(address)
        return self.file.text[where.start: where.end] if where else ""

    # ---------------------------------------------------------------- settings

    def setting(self, key: str, address: Address, value: str, tool: Tool,
                attrs: dict[str, str], *, span_of: Address | None = None) -> None:
        shown_at = span_of if span_of is not None else address
        self.settings.append(Setting(
            key=key, value=value, raw=self.raw(shown_at), kind=SourceKind.PYPROJECT,
            location=Location(self.file.path, self.span(shown_at), route_of(address)),
            attrs=attrs, tool=tool,
            removal=self.removal(address)))

    def uv(self) -> None:
        for base, section in ((("tool", "uv"), ""), (("tool", "uv", "pip"), "pip")):
            table = self.get(base)
            if not isinstance(table, dict):
                continue
            attrs = {"section": section} if section else {}
            for key in ("index-url", "index-strategy"):
                if isinstance(table.get(key), str):
                    self.setting(key, (*base, key), table[key], Tool.UV, dict(attrs))
            for key in ("extra-index-url", "find-links"):
                values = table.get(key)
                if isinstance(values, list):
                    for index, value in enumerate(values):
                        if isinstance(value, str):
                            self.setting(key, (*base, key, index), value, Tool.UV,
                                         dict(attrs))
            if section:
                continue
            indexes = table.get("index")
            for index, entry in enumerate(indexes if isinstance(indexes, list) else []):
                if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                    continue
                here = (*base, "index", index)
                self.setting("index", here, entry["url"], Tool.UV, {
                    **attrs,
                    "name": _text(entry.get("name", "")),
                    "default": _text(entry.get("default", False)),
                    "explicit": _text(entry.get("explicit", False)),
                    "format": _text(entry.get("format", "simple")),
                }, span_of=(*here, "url"))

    def poetry(self) -> None:
        sources = self.get(("tool", "poetry", "source"))
        for index, entry in enumerate(sources if isinstance(sources, list) else []):
            if not isinstance(entry, dict):
                continue
            here = ("tool", "poetry", "source", index)
            name = _text(entry.get("name", ""))
            if "priority" in entry:
                priority = _text(entry["priority"])
            elif entry.get("default") is True:
                priority = "default"  # Poetry < 1.5 spelling, deprecated since
            elif entry.get("secondary") is True:
                priority = "secondary"  # Poetry < 1.5 spelling, deprecated since
            else:
                priority = "primary"  # the default since Poetry 1.5
            attrs = {"name": name, "priority": priority}
            if isinstance(entry.get("url"), str):
                self.setting("source", here, entry["url"], Tool.POETRY, attrs,
                             span_of=(*here, "url"))
            elif name.lower() == "pypi":
                # A source named PyPI without a url *is* PyPI (its priority is what is
                # configured); it points at (and ``raw`` is) its name.
                self.settings.append(Setting(
                    key="source", value=PYPI_SIMPLE, raw=self.raw((*here, "name")),
                    kind=SourceKind.PYPROJECT,
                    location=Location(self.file.path, self.span((*here, "name")),
                                      route_of(here)),
                    attrs={**attrs, "implicit-url": "true"}, removal=self.removal(here),
                    tool=Tool.POETRY))

    def pdm(self) -> None:
        sources = self.get(("tool", "pdm", "source"))
        resolution = self.get(("tool", "pdm", "resolution"))
        in_order = _text(isinstance(resolution, dict)
                         and resolution.get("respect-source-order") is True)
        for index, entry in enumerate(sources if isinstance(sources, list) else []):
            if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                continue
            here = ("tool", "pdm", "source", index)
            attrs = {
                # pdm then takes each package from the first source (in order) that has it.
                "respect-source-order": in_order,
                "name": _text(entry.get("name", "")),
                "type": _text(entry.get("type", "index")),
                "verify_ssl": _text(entry.get("verify_ssl", True)),
                "include_packages": _text(entry.get("include_packages", [])),
                "exclude_packages": _text(entry.get("exclude_packages", [])),
            }
            self.setting("source", here, entry["url"], Tool.PDM, attrs,
                         span_of=(*here, "url"))

    # ---------------------------------------------------------------- requirements

    def requirement_lists(self) -> Iterator[Address]:
        if isinstance(self.get(("project", "dependencies")), list):
            yield ("project", "dependencies")
        for table in (("project", "optional-dependencies"), ("dependency-groups",)):
            groups = self.get(table)
            if isinstance(groups, dict):
                for name in groups:
                    if isinstance(groups[name], list):
                        yield (*table, name)

    def all_requirements(self) -> None:
        # Imported here, like tomlkit: a run without pyproject.toml never pays for them.
        from packaging.requirements import InvalidRequirement
        from packaging.requirements import Requirement as Pep508

        for array in self.requirement_lists():
            for index, item in enumerate(self.get(array)):
                if not isinstance(item, str):
                    continue  # {include-group = "..."} in [dependency-groups]
                here = (*array, index)
                location = self.location(here)
                removal = self.removal(here)
                try:
                    parsed = Pep508(item)
                except InvalidRequirement as exc:
                    message, column = _pep508_error(str(exc))
                    self.requirements.append(Requirement(
                        item, location, error=message, error_column=column, removal=removal))
                    self.problems.append(Problem(
                        RL001, f"invalid requirement {item!r}: {message}",
                        self.error_location(here, item, column)))
                    continue
                url = parsed.url or None
                self.requirements.append(Requirement(
                    item, location, name=parsed.name,
                    specifier=",".join(sorted(str(s) for s in parsed.specifier)),
                    extras=tuple(sorted(parsed.extras)),
                    marker=str(parsed.marker) if parsed.marker else None,
                    url=url, is_vcs=bool(url and re.match(r"(git|hg|svn|bzr)\+", url)),
                    removal=removal))

    def error_location(self, here: Address, item: str, column: int | None) -> Location:
        """The string, narrowed to the column packaging points at when the string is
        written without escapes (so text columns and string columns agree)."""
        where = self.found.get(here)
        if where is None or column is None or self.file.text[where.start:where.end] != item:
            return self.location(here)
        offset = min(where.start + column - 1, where.end)
        return Location(self.file.path, self.file.span(offset, where.end), route_of(here))


def _text(value: object) -> str:
    """An attribute value as a string: TOML booleans as ``true``/``false``, lists joined."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    return str(value)


def _pep508_error(message: str) -> tuple[str, int | None]:
    """packaging's message (first line) and the 1-based column its caret points at."""
    lines = message.split("\n")
    column = None
    if len(lines) >= 3 and "^" in lines[-1]:
        # The requirement is echoed indented by four spaces, the caret line likewise.
        column = lines[-1].index("^") - 4 + 1
    return lines[0], column


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


_UV_TABLE = re.compile(r"^[ \t]*\[+[ \t]*tool[ \t]*\.[ \t]*uv\b", re.MULTILINE)
_NO_CONTEXT = SourceContext()


def parse(text_file: TextFile, ctx: SourceContext = _NO_CONTEXT) -> ParsedSource:
    """Index settings, requirements and suppressions of one ``pyproject.toml``, and
    whether a ``[tool.uv]`` table says the project is managed with uv (RL109; even a
    table without index settings, and even in a file that is not valid TOML)."""
    source = _parse(text_file)
    if _UV_TABLE.search(text_file.text):
        source = replace(source, uv_project=Location(source.path, None, "tool.uv"))
    return source


def _parse(text_file: TextFile) -> ParsedSource:
    # Lazy: start-up time matters for a pre-commit hook (STYLE.md, rule 11).
    import tomlkit
    from tomlkit.exceptions import ParseError

    path = text_file.path
    try:
        data: dict[str, Any] = tomlkit.parse(text_file.text).unwrap()
    except ParseError as exc:
        start, message = toml_error(text_file, exc.line, exc.col, str(exc))
        end = min(start + 1, text_file.line_end(text_file.position(start)[0]))
        return ParsedSource(path, SourceKind.PYPROJECT, problems=(Problem(
            RL006, f"invalid TOML: {message}",
            Location(path, text_file.span(start, max(start, end)))),))
    except ValueError as exc:  # tomlkit's value conversions (e.g. an impossible date)
        return ParsedSource(path, SourceKind.PYPROJECT, problems=(Problem(
            RL006, f"invalid TOML: {exc}", Location(path, text_file.span(0, 0))),))
    try:
        found, comments = locate(text_file.text)
    except ValueError:
        # tomlkit accepted what the scanner cannot read: facts keep their routes but have
        # no spans (and so no removals) rather than wrong ones.
        found, comments = {}, []
    reader = _Reader(text_file, data, found)
    reader.uv()
    reader.poetry()
    reader.pdm()
    reader.all_requirements()
    suppressions: dict[int, frozenset[str]] = {}
    for offset, comment in comments:
        codes = suppression_codes(comment)
        if codes is not None:
            line = text_file.position(offset)[0]
            previous = suppressions.get(line)
            suppressions[line] = (frozenset() if not codes or previous == frozenset()
                                  else codes | (previous or frozenset()))
    return ParsedSource(path, SourceKind.PYPROJECT, requirements=tuple(reader.requirements),
                        settings=tuple(reader.settings), problems=tuple(reader.problems),
                        suppressions=suppressions)
