"""conda environment files: the ``pip:`` list under ``dependencies``, read as conda hands
it to pip.

``conda env create`` joins the ``pip:`` items with newlines into a requirements file next
to the environment file and runs ``pip install -r`` on it.  This adapter does the same
with :func:`reqlint.sources.requirements.parse_requirements` (pip's grammar lives there
only), then maps every span of that joined text back to the YAML scalar it came from, so
a finding points at the exact characters of the environment file.

YAML is read with PyYAML's node API (``yaml.compose``), which keeps each scalar's position
and style; PyYAML is imported only when a YAML file is read.  The position helpers here
(:func:`compose`, :func:`scalar_offsets`, :func:`line_suppressions`) are shared with the
CI adapter.

Fix policy: an item of a block ``pip:`` list is commented out when it is a single-line
plain or quoted scalar alone on its ``- item`` line (YAML ignores a comment line wherever
it stands, so the list stays valid).  A block scalar, a multi-line item or a flow list
(``pip: [a, b]``) has no safe line to comment out: no removal is offered.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reqlint.model import (
    Edit,
    Location,
    ParsedSource,
    Problem,
    Requirement,
    SourceKind,
    Span,
)
from reqlint.sources.requirements import parse_requirements
from reqlint.suppress import suppression_codes
from reqlint.text import TextFile, comment_out_lines

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

__all__ = ["compose", "line_suppressions", "mapping_items", "parse", "scalar_offsets"]

# (start, end) file offsets of one character of a scalar's value.
Offsets = list[tuple[int, int]]

_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$")
_ITEM_PREFIX = re.compile(r"[ \t]*-[ \t]+")
_AFTER_ITEM = re.compile(r"[ \t]*(?:#.*)?")


# ------------------------------------------------------------------ YAML positions


def compose(text_file: TextFile) -> Node | Problem:
    """The YAML document's node tree, or an RL003 problem at the place PyYAML stopped.

    ``None`` documents (an empty file) come back as an empty mapping node.
    """
    import yaml  # only YAML sources need PyYAML: imported when one is read

    try:
        node = yaml.compose(text_file.text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = min(mark.index, len(text_file.text)) if mark is not None else 0
        what = "; ".join(str(p) for p in (exc.context, exc.problem) if p)
        return Problem("RL009", f"cannot parse YAML: {what}",
                       Location(text_file.path, text_file.span(offset, offset)))
    except yaml.YAMLError as exc:
        return Problem("RL009", f"cannot parse YAML: {exc}",
                       Location(text_file.path, text_file.span(0, 0)))
    if node is None:
        return yaml.MappingNode("tag:yaml.org,2002:map", [])
    return node


def mapping_items(node: Node) -> Iterator[tuple[str, ScalarNode, Node]]:
    """``(key, key node, value node)`` of a mapping node whose keys are scalars."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            yield str(key.value), key, value


def scalar_offsets(text: str, node: ScalarNode) -> Offsets | None:
    """For every character of ``node.value``, the file offsets it was written at.

    Walks the scalar's source next to its value: quotes, ``''`` and backslash escapes,
    indentation and folded line breaks are matched up, so every non-blank character of
    the value maps to its own place in the file (a folded line break maps to an empty
    span).  ``None`` when the two cannot be matched up (the caller then uses the whole
    scalar).
    """
    value: str = node.value
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    if style in ("'", '"'):
        start, end = start + 1, max(start + 1, end - 1)
    elif style in ("|", ">"):
        header_end = _line_break(text, start, end)
        if header_end < 0:
            return [] if not value else None
        start = header_end
    out: Offsets = []
    i = j = 0
    j = start
    while i < len(value):
        c = value[i]
        if j >= end:
            if c not in " \n":
                return None
            out.append((end, end))
            i += 1
            continue
        s = text[j]
        if style == "'" and c == "'" and text.startswith("''", j):
            out.append((j, j + 2))
            i, j = i + 1, j + 2
        elif style == '"' and s == "\\":
            after = text[j + 1: j + 2]
            if after in ("\r", "\n"):  # an escaped line break joins the lines
                j += 3 if text.startswith("\r\n", j + 1) else 2
                while j < end and text[j] in " \t":
                    j += 1
                continue
            width = {"x": 4, "u": 6, "U": 10}.get(after, 2)
            out.append((j, j + width))
            i, j = i + 1, j + width
        elif c == s:
            out.append((j, j + 1))
            i, j = i + 1, j + 1
        elif s in " \t\r\n":
            if c in " \n":
                out.append((j, j))  # a folded line break: no character of its own
                i += 1
            else:
                j += 1  # indentation, or the \r of a CRLF
        elif c in " \n":
            out.append((j, j))
            i += 1
        else:
            return None
    return out


def _line_break(text: str, start: int, end: int) -> int:
    """Offset just after the first line break at or after ``start`` (``-1``: none)."""
    for k in range(start, end):
        if text[k] == "\n":
            return k + 1
        if text[k] == "\r":
            return k + 2 if text.startswith("\r\n", k) else k + 1
    return -1


def whole_scalar(node: ScalarNode, length: int) -> Offsets:
    """Every character mapped to the whole scalar: the fallback of :func:`scalar_offsets`."""
    return [(node.start_mark.index, node.end_mark.index)] * length


def line_suppressions(text_file: TextFile) -> dict[int, frozenset[str]]:
    """``# reqlint: ignore[...]`` / ``# noqa`` comments, by line (any ``#`` at a line start
    or after a blank: YAML, shell, INI and Dockerfile comments alike)."""
    out: dict[int, frozenset[str]] = {}
    for number, start, end, _ in text_file.physical_lines():
        line = text_file.text[start:end]
        if "#" not in line:
            continue
        match = _COMMENT.search(line)
        codes = suppression_codes(match.group(0)) if match else None
        if codes is not None:
            out[number] = codes
    return out


# ------------------------------------------------------------------------ adapter


@dataclass(frozen=True)
class _Item:
    """One ``pip:`` list item: its text as conda passes it on, where each character is."""

    text: str
    node: Node
    offsets: Offsets
    joined_at: int  # offset of the item in the joined requirements text
    removal: tuple[Edit, ...]  # comments out the item's line; () when that is not safe
    route: str


def parse(text_file: TextFile, *, env: Mapping[str, str] | None = None) -> ParsedSource:
    """The ``pip:`` sections of a conda environment file, as pip reads them."""
    import yaml

    path = text_file.path
    root = compose(text_file)
    if isinstance(root, Problem):
        return ParsedSource(path, SourceKind.CONDA, problems=(root,))
    suppressions = line_suppressions(text_file)
    sources: list[ParsedSource] = []
    problems: list[Problem] = []
    for key, _, deps in mapping_items(root):
        if key != "dependencies" or not isinstance(deps, yaml.SequenceNode):
            continue
        for d_index, dep in enumerate(deps.value):
            for name, key_node, pip_list in mapping_items(dep):
                if name != "pip":
                    continue
                route = f"dependencies[{d_index}].pip"
                if isinstance(pip_list, yaml.ScalarNode) and pip_list.tag.endswith(":null"):
                    continue
                if not isinstance(pip_list, yaml.SequenceNode):
                    problems.append(Problem(
                        "RL001", "the pip: entry must be a list of requirements and options",
                        Location(path, _node_span(text_file, key_node), route)))
                    continue
                items, bad = _items(text_file, pip_list, route)
                problems.extend(bad)
                sources.append(_section(text_file, items, env))
    return ParsedSource(
        path, SourceKind.CONDA,
        requirements=tuple(r for s in sources for r in s.requirements),
        settings=tuple(st for s in sources for st in s.settings),
        includes=tuple(i for s in sources for i in s.includes),
        problems=tuple(problems) + tuple(p for s in sources for p in s.problems),
        suppressions=suppressions)


def _node_span(text_file: TextFile, node: Node) -> Span:
    return text_file.span(node.start_mark.index, node.end_mark.index)


def _items(text_file: TextFile, pip_list: Node, route: str) -> tuple[list[_Item], list[Problem]]:
    import yaml

    items: list[_Item] = []
    problems: list[Problem] = []
    joined_at = 0
    text = text_file.text
    for index, node in enumerate(pip_list.value):
        where = f"{route}[{index}]"
        if not isinstance(node, yaml.ScalarNode):
            problems.append(Problem(
                "RL001", "a pip: list item must be a string (a requirement or an option); "
                "conda cannot pass a nested list or mapping to pip",
                Location(text_file.path, _node_span(text_file, node), where)))
            continue
        value = _as_conda_sees(node)
        offsets = scalar_offsets(text, node) if value == node.value else None
        if offsets is None:
            offsets = whole_scalar(node, len(value))
        items.append(_Item(value, node, offsets, joined_at,
                           _item_removal(text_file, node), where))
        joined_at += len(value) + 1
    return items, problems


def _as_conda_sees(node: ScalarNode) -> str:
    """The item as a string: what ``str()`` of the loaded value gives (``1.0``, ``True``)."""
    import yaml

    if node.tag == "tag:yaml.org,2002:str":
        return str(node.value)
    loader = yaml.SafeLoader("")
    try:
        return str(loader.construct_object(node, deep=True))
    except yaml.YAMLError:
        return str(node.value)
    finally:
        loader.dispose()


def _item_removal(text_file: TextFile, node: ScalarNode) -> tuple[Edit, ...]:
    """Comment out ``- item`` when the item is a one-line plain or quoted scalar alone on
    its line; otherwise nothing (a block scalar or flow list has no line of its own)."""
    if node.style not in (None, "'", '"') or node.start_mark.line != node.end_mark.line:
        return ()
    line = node.start_mark.line + 1
    first = text_file.line_start(line)
    before = text_file.text[first:node.start_mark.index]
    after = text_file.text[node.end_mark.index:text_file.line_end(line)]
    if not _ITEM_PREFIX.fullmatch(before) or not _AFTER_ITEM.fullmatch(after):
        return ()
    return comment_out_lines(text_file, line, line)


def _section(text_file: TextFile, items: list[_Item],
             env: Mapping[str, str] | None) -> ParsedSource:
    """Parse the joined list with pip's grammar and map it back onto the YAML file."""
    joined = "\n".join(item.text for item in items)
    offsets: Offsets = []
    for index, item in enumerate(items):
        offsets.extend(item.offsets)
        if index + 1 < len(items):
            end = item.node.end_mark.index
            offsets.append((end, end))
    # Same path as the environment file: conda writes the file next to it, so -r/-c
    # targets resolve from the environment file's folder.
    virtual = TextFile.from_text(text_file.path, joined)
    parsed = parse_requirements(virtual, env=env)
    starts = [item.joined_at for item in items]
    mapper = _Mapper(text_file, virtual, offsets, items, starts)
    return replace(
        parsed,
        kind=SourceKind.CONDA,
        requirements=tuple(replace(r, location=mapper.location(r.location),
                                   error_column=mapper.column(r),
                                   removal=mapper.removal(r.removal))
                           for r in parsed.requirements),
        settings=tuple(replace(s, kind=SourceKind.CONDA, location=mapper.location(s.location),
                               removal=mapper.removal(s.removal)) for s in parsed.settings),
        includes=tuple(replace(i, location=mapper.location(i.location))
                       for i in parsed.includes),
        problems=tuple(replace(p, location=mapper.location(p.location), fix=None)
                       for p in parsed.problems),
        suppressions={})


@dataclass(frozen=True)
class _Mapper:
    text_file: TextFile
    virtual: TextFile
    offsets: Offsets
    items: list[_Item]
    starts: list[int]

    def offset_range(self, start: int, end: int) -> tuple[int, int]:
        if not self.offsets:
            return 0, 0
        a = self.offsets[min(start, len(self.offsets) - 1)][0]
        b = self.offsets[min(end, len(self.offsets)) - 1][1] if end > start else a
        return a, max(a, b)

    def item_at(self, joined_offset: int) -> _Item:
        return self.items[max(0, bisect.bisect_right(self.starts, joined_offset) - 1)]

    def location(self, location: Location) -> Location:
        span = location.span
        if span is None:
            return Location(self.text_file.path)
        a, b = self.offset_range(span.start, span.end)
        return Location(self.text_file.path, self.text_file.span(a, b),
                        self.item_at(span.start).route)

    def column(self, requirement: Requirement) -> int | None:
        """The parser's error column is in the joined text: the same place in the file."""
        span = requirement.location.span
        if requirement.error_column is None or span is None:
            return requirement.error_column
        joined = self.virtual.line_start(span.line) + requirement.error_column - 1
        a, _ = self.offset_range(joined, joined + 1)
        return self.text_file.position(a)[1]

    def removal(self, edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
        """The joined text's comment-out edits -> the YAML items' own; all or nothing."""
        if not edits:
            return ()
        out: list[Edit] = []
        for edit in edits:
            item = self.item_at(edit.start)
            if not item.removal:
                return ()
            for own in item.removal:
                if own not in out:
                    out.append(own)
        return tuple(out)
