"""pyproject.toml: uv / poetry / pdm index settings and PEP 621 / PEP 735 requirements.

tomlkit decides whether the file is valid TOML and what every value *is*; it keeps no
positions, so :func:`reqlint.tomlpos.locate` walks the same text and records where every
value, key, array element and table block is.

Every fact points at its value in the text.  For a string that is the text *between* the
quotes (for a multi-line string, after the newline TOML trims), so a span over a URL
written without escapes reads exactly the URL.  ``Setting.removal`` is the narrowest edit
that deletes one setting and keeps the file valid: one element of an array (with its
comma, or its whole line when it stands alone on one), one ``key = value`` line, or one
``[[...]]`` block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from reqlint._records import replace
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
from reqlint.text import TextFile, in_template
from reqlint.tomlpos import Address, Located, locate, route_of, toml_error

__all__ = ["parse"]

PYPI_SIMPLE = "https://pypi.org/simple"


# --------------------------------------------------------------------------- suppressions

# ------------------------------------------------------------------------------ adapter


class _Reader:
    """Turns tomlkit's values plus the located addresses into facts."""

    def __init__(
        self, text_file: TextFile, data: Mapping[str, Any], found: Mapping[Address, Located]
    ) -> None:
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
        return self.file.text[where.start : where.end] if where else ""

    # ---------------------------------------------------------------- settings

    def setting(
        self,
        key: str,
        address: Address,
        value: str,
        tool: Tool,
        attrs: dict[str, str],
        *,
        span_of: Address | None = None,
    ) -> None:
        shown_at = span_of if span_of is not None else address
        self.settings.append(
            Setting(
                key=key,
                value=value,
                raw=self.raw(shown_at),
                kind=SourceKind.PYPROJECT,
                location=Location(self.file.path, self.span(shown_at), route_of(address)),
                attrs=attrs,
                tool=tool,
                removal=self.removal(address),
            )
        )

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
                            self.setting(key, (*base, key, index), value, Tool.UV, dict(attrs))
            if section:
                continue
            indexes = table.get("index")
            for index, entry in enumerate(indexes if isinstance(indexes, list) else []):
                if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                    continue
                here = (*base, "index", index)
                self.setting(
                    "index",
                    here,
                    entry["url"],
                    Tool.UV,
                    {
                        **attrs,
                        "name": _text(entry.get("name", "")),
                        "default": _text(entry.get("default", False)),
                        "explicit": _text(entry.get("explicit", False)),
                        "format": _text(entry.get("format", "simple")),
                    },
                    span_of=(*here, "url"),
                )

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
                self.setting(
                    "source", here, entry["url"], Tool.POETRY, attrs, span_of=(*here, "url")
                )
            elif name.lower() == "pypi":
                # A source named PyPI without a url *is* PyPI (its priority is what is
                # configured); it points at (and ``raw`` is) its name.
                self.settings.append(
                    Setting(
                        key="source",
                        value=PYPI_SIMPLE,
                        raw=self.raw((*here, "name")),
                        kind=SourceKind.PYPROJECT,
                        location=Location(
                            self.file.path, self.span((*here, "name")), route_of(here)
                        ),
                        attrs={**attrs, "implicit-url": "true"},
                        removal=self.removal(here),
                        tool=Tool.POETRY,
                    )
                )

    def pdm(self) -> None:
        sources = self.get(("tool", "pdm", "source"))
        resolution = self.get(("tool", "pdm", "resolution"))
        in_order = _text(
            isinstance(resolution, dict) and resolution.get("respect-source-order") is True
        )
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
            self.setting("source", here, entry["url"], Tool.PDM, attrs, span_of=(*here, "url"))

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
                    self.requirements.append(
                        Requirement(
                            item, location, error=message, error_column=column, removal=removal
                        )
                    )
                    if not in_template(self.file.path, item):
                        self.problems.append(
                            Problem(
                                RL001,
                                f"invalid requirement {item!r}: {message}",
                                self.error_location(here, item, column),
                            )
                        )
                    continue
                url = parsed.url or None
                self.requirements.append(
                    Requirement(
                        item,
                        location,
                        name=parsed.name,
                        specifier=",".join(sorted(str(s) for s in parsed.specifier)),
                        extras=tuple(sorted(parsed.extras)),
                        marker=str(parsed.marker) if parsed.marker else None,
                        url=url,
                        is_vcs=bool(url and re.match(r"(git|hg|svn|bzr)\+", url)),
                        removal=removal,
                    )
                )

    def error_location(self, here: Address, item: str, column: int | None) -> Location:
        """The string, narrowed to the column packaging points at when the string is
        written without escapes (so text columns and string columns agree)."""
        where = self.found.get(here)
        if where is None or column is None or self.file.text[where.start : where.end] != item:
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
        return ParsedSource(
            path,
            SourceKind.PYPROJECT,
            problems=(
                Problem(
                    RL006,
                    f"invalid TOML: {message}",
                    Location(path, text_file.span(start, max(start, end))),
                ),
            ),
        )
    except ValueError as exc:  # tomlkit's value conversions (e.g. an impossible date)
        return ParsedSource(
            path,
            SourceKind.PYPROJECT,
            problems=(
                Problem(RL006, f"invalid TOML: {exc}", Location(path, text_file.span(0, 0))),
            ),
        )
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
            suppressions[line] = (
                frozenset()
                if not codes or previous == frozenset()
                else codes | (previous or frozenset())
            )
    return ParsedSource(
        path,
        SourceKind.PYPROJECT,
        requirements=tuple(reader.requirements),
        settings=tuple(reader.settings),
        problems=tuple(reader.problems),
        suppressions=suppressions,
    )
