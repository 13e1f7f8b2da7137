"""conda environment files: the ``pip:`` list under ``dependencies``, read as conda hands
it to pip.

``conda env create`` joins the ``pip:`` items with newlines into a requirements file next
to the environment file and runs ``pip install -r`` on it.  This adapter does the same
with :func:`reqlint.sources.requirements.parse_requirements` (pip's grammar lives there
only), then maps every span of that joined text back to the YAML scalar it came from, so
a finding points at the exact characters of the environment file.

YAML is read with PyYAML's node API (``yaml.compose``), which keeps each scalar's position
and style; PyYAML is imported only when a YAML file is read.  The position helpers
live in :mod:`reqlint.sources._yaml`, shared with the CI adapter.

Fix policy: an item of a block ``pip:`` list is commented out when it is a single-line
plain or quoted scalar alone on its ``- item`` line (YAML ignores a comment line wherever
it stands, so the list stays valid).  A block scalar, a multi-line item or a flow list
(``pip: [a, b]``) has no safe line to comment out: no removal is offered.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from reqlint._records import dataclass, replace
from reqlint.model import (
    Edit,
    Location,
    ParsedSource,
    Problem,
    Requirement,
    SourceContext,
    SourceKind,
    Span,
)
from reqlint.rules.rl001_invalid_requirement import CODE as RL001
from reqlint.sources._yaml import compose, mapping_items, scalar_offsets, whole_scalar
from reqlint.sources.requirements import parse_requirements
from reqlint.suppress import line_suppressions
from reqlint.text import MappedText, Offsets, TextFile, comment_out_lines

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

__all__ = ["parse"]

_ITEM_PREFIX = re.compile(r"[ \t]*-[ \t]+")
_AFTER_ITEM = re.compile(r"[ \t]*(?:#.*)?")

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


_NO_CONTEXT = SourceContext()


def parse(text_file: TextFile, ctx: SourceContext = _NO_CONTEXT) -> ParsedSource:
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
                    problems.append(
                        Problem(
                            RL001,
                            "the pip: entry must be a list of requirements and options",
                            Location(path, _node_span(text_file, key_node), route),
                        )
                    )
                    continue
                items, bad = _items(text_file, pip_list, route)
                problems.extend(bad)
                sources.append(_section(text_file, items, ctx.env))
    return ParsedSource(
        path,
        SourceKind.CONDA,
        requirements=tuple(r for s in sources for r in s.requirements),
        settings=tuple(st for s in sources for st in s.settings),
        includes=tuple(i for s in sources for i in s.includes),
        problems=tuple(problems) + tuple(p for s in sources for p in s.problems),
        suppressions=suppressions,
    )


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
            problems.append(
                Problem(
                    RL001,
                    "a pip: list item must be a string (a requirement or an option); "
                    "conda cannot pass a nested list or mapping to pip",
                    Location(text_file.path, _node_span(text_file, node), where),
                )
            )
            continue
        value = _as_conda_sees(node)
        offsets = scalar_offsets(text, node) if value == node.value else None
        if offsets is None:
            offsets = whole_scalar(node, len(value))
        items.append(_Item(value, node, offsets, joined_at, _item_removal(text_file, node), where))
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
    before = text_file.text[first : node.start_mark.index]
    after = text_file.text[node.end_mark.index : text_file.line_end(line)]
    if not _ITEM_PREFIX.fullmatch(before) or not _AFTER_ITEM.fullmatch(after):
        return ()
    return comment_out_lines(text_file, line, line)


def _section(
    text_file: TextFile, items: list[_Item], env: Mapping[str, str] | None
) -> ParsedSource:
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
    mapper = _Mapper(text_file, virtual, MappedText(joined, offsets), items, starts)
    return replace(
        parsed,
        kind=SourceKind.CONDA,
        requirements=tuple(
            replace(
                r,
                location=mapper.location(r.location),
                error_column=mapper.column(r),
                removal=mapper.removal(r.removal),
            )
            for r in parsed.requirements
        ),
        settings=tuple(
            replace(
                s,
                kind=SourceKind.CONDA,
                location=mapper.location(s.location),
                removal=mapper.removal(s.removal),
            )
            for s in parsed.settings
        ),
        includes=tuple(replace(i, location=mapper.location(i.location)) for i in parsed.includes),
        problems=tuple(
            replace(p, location=mapper.location(p.location), fix=None) for p in parsed.problems
        ),
        suppressions={},
    )


@dataclass(frozen=True)
class _Mapper:
    """The joined requirements text back onto the environment file: places through the
    joined text's :class:`~reqlint.text.MappedText`, routes and removals per item."""

    text_file: TextFile
    virtual: TextFile
    joined: MappedText
    items: list[_Item]
    starts: list[int]

    def item_at(self, joined_offset: int) -> _Item:
        return self.items[max(0, bisect.bisect_right(self.starts, joined_offset) - 1)]

    def location(self, location: Location) -> Location:
        span = location.span
        if span is None:
            return Location(self.text_file.path)
        a, b = self.joined.span_range(span.start, span.end)
        return Location(
            self.text_file.path, self.text_file.span(a, b), self.item_at(span.start).route
        )

    def column(self, requirement: Requirement) -> int | None:
        """The parser's error column is in the joined text: the same place in the file."""
        span = requirement.location.span
        if requirement.error_column is None or span is None:
            return requirement.error_column
        joined = self.virtual.line_start(span.line) + requirement.error_column - 1
        a, _ = self.joined.span_range(joined, joined + 1)
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
