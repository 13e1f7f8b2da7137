"""YAML positions: PyYAML's node API (``yaml.compose``) keeps each scalar's place and
style; these helpers turn a scalar back into the exact characters of the file.  Shared by
the conda and CI adapters; PyYAML is imported only when a YAML file is read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reqlint.model import Location, Problem
from reqlint.rules.rl009_invalid_source_file import CODE as RL009
from reqlint.text import MappedText, Offsets, TextFile

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

__all__ = ["compose", "mapped_scalar", "mapping_items", "scalar_offsets", "whole_scalar"]


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
        return Problem(
            RL009,
            f"cannot parse YAML: {what}",
            Location(text_file.path, text_file.span(offset, offset)),
        )
    except yaml.YAMLError as exc:
        return Problem(
            RL009, f"cannot parse YAML: {exc}", Location(text_file.path, text_file.span(0, 0))
        )
    except RecursionError:
        # PyYAML composes recursively: a few hundred nested [ or { exhaust Python's stack.
        # (An alias bomb is no danger: aliases are references to one node, never copies.)
        return Problem(
            RL009,
            "cannot parse YAML: nested too deeply (PyYAML's limit is a few hundred levels)",
            Location(text_file.path, text_file.span(0, 0)),
        )
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
            after = text[j + 1 : j + 2]
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


def mapped_scalar(text: str, node: ScalarNode) -> MappedText:
    """A scalar's value with the place of each character (the whole scalar for every
    character when :func:`scalar_offsets` cannot match them up)."""
    value = str(node.value)
    return MappedText(value, scalar_offsets(text, node) or whole_scalar(node, len(value)))
