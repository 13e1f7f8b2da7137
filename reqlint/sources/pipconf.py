"""pip.conf / pip.ini, read exactly as pip 26.3 reads them.

pip loads each configuration file with ``configparser.RawConfigParser`` (``strict=True``,
no interpolation, no inline comment prefixes) whose ``optionxform`` lower-cases a key and
turns ``_`` into ``-``.  This module re-implements that parser's line loop
(``RawConfigParser._read``) so that every value keeps the exact place it came from, and the
tests check it against configparser and pip themselves.  What follows from the
configparser rules, and is easy to get wrong:

* an indented line continues the previous key's value; a full-line ``#``/``;`` comment inside
  a value is skipped, a blank line becomes an empty line of the value;
* an inline `` # comment`` after a value stays *part of the value*;
* a duplicate section, or the same key twice in one section (``index_url`` and ``index-url``
  are the same key), makes configparser raise, and pip then refuses to run at all;
* keys under ``[DEFAULT]`` are inherited by every other section of the file;
* a UTF-8 byte-order mark is not stripped (pip opens the file as plain UTF-8), so the first
  line is no longer a section header and the file is rejected.

An empty value (``index-url =``) gives no setting: pip drops empty values.  One consequence
is not modelled: in pip an empty value in a *later* file unsets what an earlier file set
(``tests/test_pipconf.py`` pins this difference down).

Where pip looks for configuration files is :func:`reqlint.discovery.config_files`; the
loader reads them (:func:`reqlint.loader.machine_sources`).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from reqlint import pipopts
from reqlint._records import dataclass, field
from reqlint.model import (
    Edit,
    Location,
    Origin,
    ParsedSource,
    Problem,
    Setting,
    SourceContext,
    SourceKind,
)
from reqlint.rules.rl005_invalid_pip_config import CODE
from reqlint.suppress import suppression_codes
from reqlint.text import TextFile, comment_out_lines

# configparser.RawConfigParser.default_section: its keys are inherited by every section.
DEFAULT_SECTION = "DEFAULT"

# The regular expressions of configparser.RawConfigParser (Python 3.10-3.13), unchanged.
_SECTCRE = re.compile(r"\[(?P<header>.+)\]")
_OPTCRE = re.compile(r"(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$")
_NONSPACECRE = re.compile(r"\S")
_COMMENT_PREFIXES = ("#", ";")
_ITEM = re.compile(r"\S+")


def normalize_name(name: str) -> str:
    """pip's ``_normalize_name``: the key pip stores for a config or environment name."""
    return name.lower().replace("_", "-").removeprefix("--")


def file_key(written: str) -> str:
    """The key pip looks an option up by, for a key written in a configuration file.

    pip normalises a file's key twice: configparser's ``optionxform`` (pip's
    ``_normalize_name``) when it reads the file, and ``_normalized_keys`` when it loads the
    values, so ``----index-url`` is ``index-url`` (duplicate keys are judged after the
    first normalisation only: ``index-url`` and ``----index-url`` may stand side by side).
    """
    return normalize_name(normalize_name(written))


def canonical_key(name: str) -> str:
    """pip's canonical option name for a normalised key (aliases resolved), else the key.

    pip looks the key up as ``"--" + key``, so a key that still starts with ``-`` after
    normalisation names no option.
    """
    option = None if name.startswith("-") else pipopts.lookup(name)
    return option.name if option is not None else name


# --------------------------------------------------------------------------- parsing


@dataclass
class _Piece:
    """One line's contribution to a value: the stripped text and where it is."""

    line: int
    start: int
    end: int
    text: str


@dataclass
class _Option:
    section: str
    written: str  # the key as written (configparser's optname before optionxform)
    name: str  # the key configparser stores (normalised once)
    line: int
    pieces: list[_Piece] = field(default_factory=list)

    def value(self) -> str:
        """The value exactly as configparser hands it to pip."""
        return "\n".join(p.text for p in self.pieces).rstrip()

    def filled(self) -> list[_Piece]:
        return [p for p in self.pieces if p.text]


@dataclass
class _Scan:
    options: list[_Option] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Lines right below a suppression comment, with its codes.
    marked: dict[int, frozenset[str]] = field(default_factory=dict)

    def suppressions(self) -> dict[int, frozenset[str]]:
        """A suppression above a key covers every physical line of that key."""
        table = dict(self.marked)
        for option in self.options:
            codes = self.marked.get(option.line)
            if codes is None:
                continue
            last = max((p.line for p in option.filled()), default=option.line)
            for line in range(option.line, last + 1):
                merged = _merge_codes(table.get(line), codes)
                assert merged is not None
                table[line] = merged
        return table


_NO_CONTEXT = SourceContext()


def parse(text_file: TextFile, ctx: SourceContext = _NO_CONTEXT) -> ParsedSource:
    """The settings pip reads from one configuration file, each with its exact span.

    ``ctx.variant`` is the place pip reads the file from (``global``, ``user``, ``site``,
    ``env`` for ``PIP_CONFIG_FILE``) or ``file`` for a pip.conf that is only being linted;
    it is stored in every setting's ``origin``.  A file configparser rejects
    gives its RL005 problem and no settings: pip refuses to run with such a file.
    """
    variant = ctx.variant
    path = text_file.path
    problem = _encoding_problem(text_file)
    if problem is not None:
        return ParsedSource(path, SourceKind.PIPCONF, problems=(problem,))
    scan = _scan(text_file)
    settings = () if scan.problems else tuple(_settings(text_file, scan, variant))
    refused = () if scan.problems else tuple(_refused_values(text_file, scan))
    return ParsedSource(
        path,
        SourceKind.PIPCONF,
        settings=settings,
        problems=tuple(scan.problems) + refused,
        suppressions=scan.suppressions(),
    )


def refusal_message(route: str, key: str, value: str, section: str) -> str | None:
    """RL005's message for a value the pip commands reading ``section`` refuse, or None."""
    refused = pipopts.refused_value(key, value, section)
    if refused is None:
        return None
    message, commands = refused
    who = (
        "every pip command stops at start-up"
        if commands == ("*",)
        else f"{', '.join(f'pip {c}' for c in commands)} "
        f"{'stops' if len(commands) == 1 else 'stop'} at start-up"
    )
    comment = next((m.group() for m in re.finditer(r"(?:^|\s)[#;]", value)), "")
    why = " (the inline comment is part of the value: put it on its own line)" if comment else ""
    return f"{route} = {value!r}: pip refuses this value and {who}: {message}{why}"


def _refused_values(tf: TextFile, scan: _Scan) -> Iterator[Problem]:
    """RL005 for every value pip's option parser refuses (ConfigOptionParser)."""
    real_sections = [s for s in scan.sections if s != DEFAULT_SECTION]
    defined = {(o.section, o.name) for o in scan.options}
    for option in scan.options:
        value = option.value()
        if not value:
            continue
        sections = (
            [option.section]
            if option.section != DEFAULT_SECTION
            else [s for s in real_sections if (s, option.name) not in defined]
        )
        key = file_key(option.written)
        for section in sections:
            message = refusal_message(f"{section} → {canonical_key(key)}", key, value, section)
            if message is not None:
                filled = option.filled()
                where = Location(
                    tf.path,
                    tf.span(filled[0].start, filled[-1].end),
                    f"{section} → {canonical_key(key)}",
                )
                yield Problem(CODE, message, where)
                break


def _encoding_problem(text_file: TextFile) -> Problem | None:
    """pip opens config files as UTF-8 (reqlint pins pip's locale fallback to UTF-8, as the
    oracle does): no BOM handling, no coding cookie."""
    where = Location(text_file.path, text_file.span(0, 0))
    if text_file.bom == codecs.BOM_UTF8:
        return Problem(
            CODE,
            "the file starts with a UTF-8 byte-order mark, which pip does not "
            "strip: the first line is then no section header, configparser rejects "
            "the file and pip fails to run ('Configuration file could not be "
            "loaded'); save the file without a BOM",
            where,
        )
    if text_file.bom or text_file.encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        data = text_file.encode()
        try:
            as_pip_reads = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Problem(
                CODE,
                f"pip reads configuration files as UTF-8 and this file is "
                f"{text_file.encoding} (byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start} is not UTF-8): pip fails to run ('contains invalid "
                f"utf-8 characters')",
                where,
            )
        if as_pip_reads != text_file.text:
            return Problem(
                CODE,
                f"pip reads configuration files as UTF-8, not "
                f"{text_file.encoding}, and would read different text",
                where,
            )
    return None


def _scan(tf: TextFile) -> _Scan:
    """configparser's ``_read`` loop over the physical lines, keeping offsets."""
    scan = _Scan()
    bogus: list[int] = []
    first_line: dict[object, int] = {}  # configparser's elements_added, with line numbers
    in_section = False
    section = ""
    current: _Option | None = None
    indent_level = 0
    pending: frozenset[str] | None = None  # codes of the suppression comments just above
    for lineno, start, end, _ending in tf.physical_lines():
        line = tf.text[start:end]
        stripped = line.strip()
        if stripped.startswith(_COMMENT_PREFIXES):
            pending = _merge_codes(pending, suppression_codes(stripped))
            continue
        if not stripped:
            # A blank line inside a value becomes an empty line of it.
            if current is not None and current.name:
                current.pieces.append(_Piece(lineno, start, start, ""))
            pending = None
            continue
        if pending is not None:
            scan.marked[lineno] = pending
            pending = None
        first = _NONSPACECRE.search(line)
        lead = first.start() if first else 0
        here = _Piece(lineno, start + lead, start + lead + len(stripped), stripped)
        if in_section and current is not None and current.name and lead > indent_level:
            current.pieces.append(here)
            continue
        indent_level = lead
        where = Location(tf.path, tf.span(here.start, here.end))
        header = _SECTCRE.match(stripped)
        if header:
            name = header.group("header")
            # configparser never counts [DEFAULT] as a section, so it may appear twice.
            if name != DEFAULT_SECTION:
                if name in first_line:
                    scan.problems = [
                        Problem(
                            CODE,
                            f"section [{name}] appears twice (first on line "
                            f"{first_line[name]}): pip reads configuration with a strict parser, "
                            f"rejects the whole file and fails to run; merge the two sections",
                            Location(where.path, where.span, name),
                        )
                    ]
                    return scan
                first_line[name] = lineno
                scan.sections.append(name)
            in_section, section, current = True, name, None
            continue
        if not in_section:
            scan.problems = [
                Problem(
                    CODE,
                    "no section header before this line: configparser rejects the file and "
                    "pip fails to run; put the key under [global] (or a command's section, such "
                    "as [install])",
                    where,
                )
            ]
            return scan
        match = _OPTCRE.match(stripped)
        if match is None:
            bogus.append(lineno)
            continue
        written = match.group("option")
        if not written:
            bogus.append(lineno)
        written = written.rstrip()
        name = normalize_name(written)
        slot = (section, name)
        if slot in first_line:
            earlier = first_line[slot]
            same = (
                ""
                if tf.line_text(earlier).lstrip().startswith(written)
                else (" (pip lower-cases keys and reads '_' as '-', so both are the same key)")
            )
            scan.problems = [
                Problem(
                    CODE,
                    f"key '{name}' is set twice in [{section}] (first on line {earlier})"
                    f"{same}: pip reads configuration with a strict parser, rejects the whole file "
                    f"and fails to run; keep one",
                    Location(where.path, where.span, f"{section} → {canonical_key(name)}"),
                )
            ]
            return scan
        first_line[slot] = lineno
        raw_value = match.group("value")
        value_start = here.start + match.start("value")
        value_text = raw_value.strip()
        value_start += len(raw_value) - len(raw_value.lstrip())
        current = _Option(
            section,
            written,
            name,
            lineno,
            [_Piece(lineno, value_start, value_start + len(value_text), value_text)],
        )
        scan.options.append(current)
    # configparser collects these (ParsingError) and raises once the whole file is read.
    scan.problems = [
        Problem(
            CODE,
            "neither a section header, a 'key = value' line nor a comment: configparser "
            "rejects the file and pip fails to run",
            Location(tf.path, tf.lines_span(n, n)),
        )
        for n in bogus
    ]
    return scan


def _settings(tf: TextFile, scan: _Scan, variant: str) -> Iterator[Setting]:
    real_sections = [s for s in scan.sections if s != DEFAULT_SECTION]
    defined = {(o.section, o.name) for o in scan.options}
    for option in scan.options:
        if option.section != DEFAULT_SECTION:
            yield from _option_settings(tf, option, option.section, variant, inherited=False)
            continue
        for section in real_sections:
            if (section, option.name) not in defined:
                yield from _option_settings(tf, option, section, variant, inherited=True)


def _option_settings(
    tf: TextFile, option: _Option, section: str, variant: str, *, inherited: bool
) -> Iterator[Setting]:
    value = option.value()
    if not value:
        # pip drops empty values before it looks at options (ConfigOptionParser).
        return
    key = canonical_key(file_key(option.written))
    origin = Origin(variant)
    attrs = {"key_as_written": option.written}
    if inherited:
        attrs["from_section"] = DEFAULT_SECTION
    filled = option.filled()
    whole = comment_out_lines(tf, option.line, filled[-1].line)
    route = f"{section} → {key}"
    looked_up = file_key(option.written)
    pip_option = None if looked_up.startswith("-") else pipopts.lookup(looked_up)
    if pip_option is None or not pip_option.is_list:
        start, end = filled[0].start, filled[-1].end
        comment = next((c for c in map(_inline_comment, filled) if c), "")
        yield Setting(
            key,
            value,
            tf.text[start:end],
            SourceKind.PIPCONF,
            Location(tf.path, tf.span(start, end), route),
            section,
            {**attrs, "inline_comment": comment} if comment else attrs,
            whole,
            origin=origin,
        )
        return
    items = [(piece, m) for piece in filled for m in _ITEM.finditer(piece.text)]
    for piece, match in items:
        start, end = piece.start + match.start(), piece.start + match.end()
        comment = _inline_comment(piece, before=match.start() + 1)
        if len(items) == 1:
            removal = whole
        elif piece.line != option.line and len(_ITEM.findall(piece.text)) == 1:
            removal = comment_out_lines(tf, piece.line, piece.line)
        else:
            removal = (_delete_item(tf, start, end, piece),)
        yield Setting(
            key,
            match.group(),
            match.group(),
            SourceKind.PIPCONF,
            Location(tf.path, tf.span(start, end), route),
            section,
            {**attrs, "inline_comment": comment} if comment else attrs,
            removal,
            origin=origin,
        )


def _inline_comment(piece: _Piece, before: int | None = None) -> str:
    """The text from a ``#``/``;`` that starts a word (what a reader takes for a comment) to
    the end of the line, or ''; only a comment starting before ``before`` counts."""
    text = piece.text
    for index, char in enumerate(text[:before]):
        if char in "#;" and (index == 0 or text[index - 1].isspace()):
            return text[index:]
    return ""


def _delete_item(tf: TextFile, start: int, end: int, piece: _Piece) -> Edit:
    """Delete one word of a value and one whitespace beside it (the following one if the
    word is not the last of its line, else the preceding one)."""
    if end < piece.end and tf.text[end].isspace():
        end += 1
    elif start > tf.line_start(piece.line) and tf.text[start - 1].isspace():
        start -= 1
    return Edit(tf.path, start, end, "")


# ---------------------------------------------------------------------- suppressions


def _merge_codes(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return b if a is None else a
    if not a or not b:
        return frozenset()
    return a | b


__all__ = ["canonical_key", "emptied_keys", "normalize_name", "parse"]


# ------------------------------------------------------------------ fixes of list values


def emptied_keys(old: TextFile, new: TextFile) -> list[tuple[int, ...]]:
    """The keys with a value in ``old`` whose every item the edits of ``new`` removed, as
    the lines of the key in ``old`` that hold its name or a piece of its value (a comment
    or blank line inside the value is left as it is).

    Fixes of a multi-item value (``extra-index-url = a b``) delete an item each; when every
    item goes, the fix engine comments out the whole key instead (docs/fixes.md), so nothing
    is deleted and no bare ``key =`` is left.  The edits never add or remove a line break,
    so a key keeps its line number.
    """
    after = {(o.section, o.name, o.line): o for o in _scan(new).options}
    out = []
    for option in _scan(old).options:
        filled = option.filled()
        if not filled:
            continue
        now = after.get((option.section, option.name, option.line))
        if now is None or now.value():
            continue
        out.append(tuple(sorted({option.line, *(p.line for p in filled)})))
    return out
