"""The shell commands of a Jupyter notebook (``*.ipynb``), each character mapped to the file.

A code cell's ``!pip install ...`` line is run by a shell, and so is IPython's ``%pip`` magic
(``%pip install x`` is ``pip install x`` run with the kernel's Python); a ``%%bash`` or
``%%sh`` cell is a shell script.  These are what tutorials tell users to copy (NeMo's
``!pip install torchaudio>=0.13.0 -f https://download.pytorch.org/whl/torch_stable.html``),
so the script adapter reads them as it reads a shell script's lines.

The notebook is JSON: each line of a cell's ``source`` is a JSON string, with escapes.
Every string literal of the file is decoded with the offsets its characters were written
at, and each source line is matched, in file order, to the next literal with its value, so
a finding points at the characters inside the JSON string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from reqlint.text import MappedText, Offsets

__all__ = ["notebook_scripts"]

_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_SHELL_CELL = re.compile(r"%%(?:bash|sh|script\s+(?:ba)?sh)\b")
# `!cmd` and `%pip`/`%uv` lines: the magic's own word is the command (`%pip` runs pip)
_SHELL_LINE = re.compile(r"[ \t]*(?:!|%(?=(?:pip|uv|conda)\b))")


def _decoded(text: str, start: int, end: int) -> MappedText:
    """The JSON string literal ``text[start:end]`` (quotes included), decoded."""
    chars: list[str] = []
    offsets: Offsets = []
    k = start + 1
    stop = end - 1
    while k < stop:
        c = text[k]
        if c != "\\":
            chars.append(c)
            offsets.append((k, k + 1))
            k += 1
            continue
        kind = text[k + 1] if k + 1 < stop else ""
        if kind == "u" and k + 6 <= stop:
            try:
                chars.append(chr(int(text[k + 2 : k + 6], 16)))
            except ValueError:
                chars.append("\ufffd")
            offsets.append((k, k + 6))
            k += 6
        else:
            chars.append(_ESCAPES.get(kind, kind))
            offsets.append((k, k + 2))
            k += 2
    return MappedText("".join(chars), offsets)


def _lines(value: MappedText) -> list[MappedText]:
    """A source string cut into its lines (nbformat allows one string for a cell)."""
    out: list[MappedText] = []
    begin = 0
    for k, c in enumerate(value.chars):
        if c == "\n":
            out.append(MappedText(value.chars[begin : k + 1], value.offsets[begin : k + 1]))
            begin = k + 1
    if begin < len(value.chars):
        out.append(MappedText(value.chars[begin:], value.offsets[begin:]))
    return out


def notebook_scripts(text: str) -> Iterator[tuple[str, MappedText]]:
    """``(route, script)`` for each shell line of a code cell and each shell cell."""
    try:
        data = json.loads(text)
    except ValueError:
        return
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        return
    literals = [m.span() for m in _LITERAL.finditer(text)]
    at = 0  # the next literal a source line may be
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source")
        parts = [source] if isinstance(source, str) else source
        if not isinstance(parts, list) or not parts:
            continue
        lines: list[MappedText] = []
        for part in parts:
            if not isinstance(part, str):
                continue
            k = at
            while k < len(literals) and not _same(text, literals[k], part):
                k += 1
            if k == len(literals):
                break  # not where the JSON says: leave the rest of the cell alone
            lines.extend(_lines(_decoded(text, *literals[k])))
            at = k + 1
        if not lines:
            continue
        route = f"cell {number}"
        if _SHELL_CELL.match(lines[0].chars):
            body = lines[1:]
            yield (
                route,
                MappedText(
                    "".join(line.chars for line in body), [o for line in body for o in line.offsets]
                ),
            )
            continue
        for k, line in enumerate(lines, 1):
            match = _SHELL_LINE.match(line.chars)
            if match is not None:
                cut = match.end()
                # each line is a shell of its own: its own route, so nothing it exports or
                # passes reaches another line's command
                yield f"{route}, line {k}", MappedText(line.chars[cut:], line.offsets[cut:])


def _same(text: str, span: tuple[int, int], value: str) -> bool:
    """Whether the literal at ``span`` decodes to ``value`` (cheap test first)."""
    start, end = span
    if end - start < len(value) + 2 or end - start > 6 * len(value) + 2:
        return False
    literal = text[start:end]
    if literal in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
        return True
    try:
        return bool(json.loads(literal) == value)
    except ValueError:
        return False
