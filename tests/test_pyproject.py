"""pyproject.toml: index settings, requirements, spans, removals, invalid TOML, suppressions.

Every span is checked against the text, every located string against tomllib's value, and
every removal edit by applying it and reading the result back with tomllib.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reqlint.model import Edit, ParsedSource, Setting, SourceKind
from reqlint.sources.pyproject import parse as parse_pyproject
from reqlint.suppress import suppression_codes
from reqlint.text import TextFile
from reqlint.tomlpos import Address, locate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 has no tomllib; tomlkit is the next best reader
    import tomlkit as tomllib

CORPUS = Path(__file__).parent / "data" / "corpus" / "pyproject"
CORPUS_FILES = sorted(CORPUS.rglob("pyproject.toml"))


def parse(text: str) -> ParsedSource:
    return parse_pyproject(TextFile.from_text("pyproject.toml", text))


def apply(text: str, edits: tuple[Edit, ...]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def leaves(data: Any, address: Address = ()) -> list[tuple[Address, Any]]:
    """Every value of a tomllib document with its address (tables and arrays included)."""
    out: list[tuple[Address, Any]] = [(address, data)] if address else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += leaves(value, (*address, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += leaves(value, (*address, index))
    return out


def delete(data: Any, address: Address) -> Any:
    data = copy.deepcopy(data)
    node = data
    for part in address[:-1]:
        node = node[part]
    del node[address[-1]]
    return prune(data)


def prune(data: Any) -> Any:
    """Drop tables and arrays left empty: removing the only ``[[a.b]]`` removes ``a``."""
    if isinstance(data, dict):
        kept = {k: prune(v) for k, v in data.items()}
        return {k: v for k, v in kept.items() if v not in ({}, [])}
    if isinstance(data, list):
        return [prune(v) for v in data]
    return data


def address_of(route: str) -> Address:
    """``tool.uv.index[1]`` -> ``("tool", "uv", "index", 1)`` (routes in these tests use
    bare keys only)."""
    out: list[str | int] = []
    for part in route.split("."):
        name, _, rest = part.partition("[")
        out.append(name)
        for index in filter(None, rest.replace("]", "").split("[")):
            out.append(int(index))
    return tuple(out)


def check_setting_invariants(text: str, setting: Setting) -> None:
    assert setting.kind is SourceKind.PYPROJECT
    span = setting.location.span
    assert span is not None, setting
    assert text[span.start : span.end] == setting.raw
    if "implicit-url" not in setting.attrs and "\\" not in setting.raw:
        assert setting.raw == setting.value
    assert setting.tool.value in {"uv", "poetry", "pdm"}
    assert len(setting.removal) == 1


def check_removal(text: str, address: Address, edits: tuple[Edit, ...]) -> None:
    """Removing one fact leaves valid TOML that is the original minus exactly that value."""
    after = apply(text, edits)
    assert prune(tomllib.loads(after)) == delete(tomllib.loads(text), address)


# ------------------------------------------------------------------------- hand-written

UV = """\
# top comment
[project]
name = "demo"

[tool.uv]
index-url = "https://mirror.example/simple"  # reqlint: ignore[RL101]
extra-index-url = ["https://a.example/simple", 'https://b.example/simple']
find-links = [
  "https://c.example/links",
  # a comment line inside
  "./wheels",
]
index-strategy = "unsafe-best-match"

[tool.uv.pip]
index-url = "https://pip.example/simple"
extra-index-url = [ "https://pipextra.example/simple" ]

[[tool.uv.index]]
name = "internal"
url = "https://internal.example/simple"
default = true

[[tool.uv.index]]
# torch wheels
name = "torch"
url = "https://download.pytorch.org/whl/cpu"
explicit = true
format = "flat"

# belongs to the build system
[build-system]
requires = ["uv_build"]
"""

DOTTED = (
    "[tool]\n"
    '"uv".\'index-url\' = "https://q.example/simple"\n'
    'uv.extra-index-url = ["https://x.example/simple#frag", "https://y.example/a,b]"]'
    "  # noqa: RL101\n"
    'uv.index = [{ name = "one", url = "https://one.example/simple" }, '
    '{ url = "https://two.example/simple", explicit = true }]\n'
)

ROOT_DOTTED = """\
tool.uv.index-url = 'https://root.example/simple'
[project]
name = "x"
"""

SPACED = """\
[ tool . uv ]
extra-index-url = [
    "https://one.example/simple",  # first
    "https://two.example/simple"
]
[[ tool.uv.index ]]
url = "https://spaced.example/simple"
"""

POETRY = """\
[tool.poetry]
name = "x"

[[tool.poetry.source]]
name = "corp"
url = "https://corp.example/simple/"
priority = "supplemental"

[[tool.poetry.source]]  # the mirror
name = "mirror"
url = "https://mirror.example/simple/"

[[tool.poetry.source]]
name = "PyPI"
priority = "explicit"

[[tool.poetry.source]]
name = "legacy"
url = "https://legacy.example/simple/"
secondary = true

[[tool.poetry.source]]
name = "old-default"
url = "https://old.example/simple/"
default = true
"""

PDM = """\
[[tool.pdm.source]]
name = "private"
url = "https://private.example/simple"
verify_ssl = false
include_packages = ["corp-*"]
exclude_packages = ["corp-public", "corp-docs"]

[[tool.pdm.source]]
name = "wheels"
url = "file:///${PROJECT_ROOT}/wheels"
type = "find_links"
"""

STRINGS = """\
[tool.uv]
index-url = "https://e.example/\\u0073imple"
extra-index-url = ['''https://ml.example/simple''', \"\"\"
https://ml2.example/simple\"\"\", "https://q.example/\\"x\\""]
find-links = ['''it's ''', "tab\\there"]
"""

NO_FINAL_NEWLINE = '[tool.uv]\nindex-url = "https://x.example/simple"'


# (case, text, expected settings: (key, value, route, line, attrs that must be present))
SETTINGS_CASES = [
    (
        "uv",
        UV,
        [
            ("index-url", "https://mirror.example/simple", "tool.uv.index-url", 6, {"tool": "uv"}),
            ("index-strategy", "unsafe-best-match", "tool.uv.index-strategy", 13, {}),
            ("extra-index-url", "https://a.example/simple", "tool.uv.extra-index-url[0]", 7, {}),
            ("extra-index-url", "https://b.example/simple", "tool.uv.extra-index-url[1]", 7, {}),
            ("find-links", "https://c.example/links", "tool.uv.find-links[0]", 9, {}),
            ("find-links", "./wheels", "tool.uv.find-links[1]", 11, {}),
            (
                "index",
                "https://internal.example/simple",
                "tool.uv.index[0]",
                21,
                {"name": "internal", "default": "true", "explicit": "false", "format": "simple"},
            ),
            (
                "index",
                "https://download.pytorch.org/whl/cpu",
                "tool.uv.index[1]",
                27,
                {"name": "torch", "default": "false", "explicit": "true", "format": "flat"},
            ),
            (
                "index-url",
                "https://pip.example/simple",
                "tool.uv.pip.index-url",
                16,
                {"section": "pip"},
            ),
            (
                "extra-index-url",
                "https://pipextra.example/simple",
                "tool.uv.pip.extra-index-url[0]",
                17,
                {"section": "pip"},
            ),
        ],
    ),
    (
        "dotted and quoted keys, inline tables",
        DOTTED,
        [
            ("index-url", "https://q.example/simple", "tool.uv.index-url", 2, {}),
            (
                "extra-index-url",
                "https://x.example/simple#frag",
                "tool.uv.extra-index-url[0]",
                3,
                {},
            ),
            ("extra-index-url", "https://y.example/a,b]", "tool.uv.extra-index-url[1]", 3, {}),
            ("index", "https://one.example/simple", "tool.uv.index[0]", 4, {"name": "one"}),
            (
                "index",
                "https://two.example/simple",
                "tool.uv.index[1]",
                4,
                {"name": "", "explicit": "true"},
            ),
        ],
    ),
    (
        "dotted keys at the root",
        ROOT_DOTTED,
        [
            ("index-url", "https://root.example/simple", "tool.uv.index-url", 1, {}),
        ],
    ),
    (
        "spaces in headers, multi-line array without trailing comma",
        SPACED,
        [
            ("extra-index-url", "https://one.example/simple", "tool.uv.extra-index-url[0]", 3, {}),
            ("extra-index-url", "https://two.example/simple", "tool.uv.extra-index-url[1]", 4, {}),
            ("index", "https://spaced.example/simple", "tool.uv.index[0]", 7, {}),
        ],
    ),
    (
        "poetry priorities",
        POETRY,
        [
            (
                "source",
                "https://corp.example/simple/",
                "tool.poetry.source[0]",
                6,
                {"tool": "poetry", "name": "corp", "priority": "supplemental"},
            ),
            (
                "source",
                "https://mirror.example/simple/",
                "tool.poetry.source[1]",
                11,
                {"name": "mirror", "priority": "primary"},
            ),
            (
                "source",
                "https://pypi.org/simple",
                "tool.poetry.source[2]",
                14,
                {"name": "PyPI", "priority": "explicit", "implicit-url": "true"},
            ),
            (
                "source",
                "https://legacy.example/simple/",
                "tool.poetry.source[3]",
                19,
                {"priority": "secondary"},
            ),
            (
                "source",
                "https://old.example/simple/",
                "tool.poetry.source[4]",
                24,
                {"priority": "default"},
            ),
        ],
    ),
    (
        "pdm sources",
        PDM,
        [
            (
                "source",
                "https://private.example/simple",
                "tool.pdm.source[0]",
                3,
                {
                    "tool": "pdm",
                    "name": "private",
                    "type": "index",
                    "verify_ssl": "false",
                    "include_packages": "corp-*",
                    "exclude_packages": "corp-public,corp-docs",
                },
            ),
            (
                "source",
                "file:///${PROJECT_ROOT}/wheels",
                "tool.pdm.source[1]",
                10,
                {"name": "wheels", "type": "find_links", "verify_ssl": "true"},
            ),
        ],
    ),
    (
        "escapes and multi-line strings",
        STRINGS,
        [
            ("index-url", "https://e.example/simple", "tool.uv.index-url", 2, {}),
            ("extra-index-url", "https://ml.example/simple", "tool.uv.extra-index-url[0]", 3, {}),
            ("extra-index-url", "https://ml2.example/simple", "tool.uv.extra-index-url[1]", 4, {}),
            ("extra-index-url", 'https://q.example/"x"', "tool.uv.extra-index-url[2]", 4, {}),
            ("find-links", "it's ", "tool.uv.find-links[0]", 5, {}),
            ("find-links", "tab\there", "tool.uv.find-links[1]", 5, {}),
        ],
    ),
    (
        "no final newline",
        NO_FINAL_NEWLINE,
        [
            ("index-url", "https://x.example/simple", "tool.uv.index-url", 2, {}),
        ],
    ),
    (
        "CRLF line endings",
        UV.replace("\n", "\r\n"),
        [
            ("index-url", "https://mirror.example/simple", "tool.uv.index-url", 6, {}),
            ("index-strategy", "unsafe-best-match", "tool.uv.index-strategy", 13, {}),
            ("extra-index-url", "https://a.example/simple", "tool.uv.extra-index-url[0]", 7, {}),
            ("extra-index-url", "https://b.example/simple", "tool.uv.extra-index-url[1]", 7, {}),
            ("find-links", "https://c.example/links", "tool.uv.find-links[0]", 9, {}),
            ("find-links", "./wheels", "tool.uv.find-links[1]", 11, {}),
            ("index", "https://internal.example/simple", "tool.uv.index[0]", 21, {}),
            ("index", "https://download.pytorch.org/whl/cpu", "tool.uv.index[1]", 27, {}),
            ("index-url", "https://pip.example/simple", "tool.uv.pip.index-url", 16, {}),
            (
                "extra-index-url",
                "https://pipextra.example/simple",
                "tool.uv.pip.extra-index-url[0]",
                17,
                {},
            ),
        ],
    ),
    # Named no-op cases: nothing here is an index setting.
    ("empty file", "", []),
    ("only a project table", '[project]\nname = "x"\n', []),
    ("uv table without index keys", "[tool.uv]\npackage = true\n", []),
    (
        "uv.sources naming an index is not an index",
        '[tool.uv.sources]\ntorch = { index = "t" }\n',
        [],
    ),
    ("poetry source without url and not PyPI", '[[tool.poetry.source]]\nname = "x"\n', []),
    ("settings of other tools", '[tool.ruff]\nindex-url = "https://not.ours/simple"\n', []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in SETTINGS_CASES], ids=[c[0] for c in SETTINGS_CASES]
)
def test_settings(text: str, expected: list[tuple[str, str, str, int, dict[str, str]]]) -> None:
    source = parse(text)
    assert source.problems == ()
    assert source.kind is SourceKind.PYPROJECT
    got = sorted(source.settings, key=lambda s: s.location.route)
    want = sorted(expected, key=lambda e: e[2])
    assert [(s.key, s.value, s.location.route, s.location.line) for s in got] == [
        e[:4] for e in want
    ]
    for setting, (*_, attrs) in zip(got, want, strict=True):
        assert attrs.items() <= {"tool": setting.tool.value, **setting.attrs}.items()
        check_setting_invariants(text, setting)
        check_removal(text, address_of(setting.location.route), setting.removal)


def test_escaped_value_keeps_raw_text() -> None:
    (index_url,) = [s for s in parse(STRINGS).settings if s.key == "index-url"]
    assert index_url.raw == "https://e.example/\\u0073imple"
    assert index_url.value == "https://e.example/simple"


def test_crlf_spans_match_lf_spans_line_for_line() -> None:
    lf = {s.location.route: s.location.span for s in parse(UV).settings}
    crlf = {s.location.route: s.location.span for s in parse(UV.replace("\n", "\r\n")).settings}
    assert lf.keys() == crlf.keys()
    for route, span in lf.items():
        other = crlf[route]
        assert span is not None
        assert other is not None
        assert (span.line, span.column, span.end_line, span.end_column) == (
            other.line,
            other.column,
            other.end_line,
            other.end_column,
        )


def test_bom_is_not_part_of_any_offset() -> None:
    data = b"\xef\xbb\xbf" + NO_FINAL_NEWLINE.encode()
    text_file = TextFile.decode("pyproject.toml", data, pep263=False)
    (setting,) = parse_pyproject(text_file).settings
    assert setting.location.span is not None
    assert setting.location.span.column == 14
    assert text_file.encode(apply(text_file.text, setting.removal)) == b"\xef\xbb\xbf[tool.uv]\n"


# ------------------------------------------------------------------------------ removals

# (case, text, route, text after removing it)
REMOVAL_CASES = [
    (
        "middle of a single-line array",
        'x.extra-index-url = ["a", "b", "c"]\n',
        "x.extra-index-url[1]",
        'x.extra-index-url = ["a", "c"]\n',
    ),
    (
        "last of a single-line array",
        'x.extra-index-url = ["a", "b"]\n',
        "x.extra-index-url[1]",
        'x.extra-index-url = ["a"]\n',
    ),
    (
        "first of a single-line array",
        'x.extra-index-url = [ "a" , "b" ]\n',
        "x.extra-index-url[0]",
        'x.extra-index-url = [ "b" ]\n',
    ),
    ("only element", 'x.find-links = ["a"]\n', "x.find-links[0]", "x.find-links = []\n"),
    (
        "trailing comma kept valid",
        'x.find-links = ["a", "b",]\n',
        "x.find-links[1]",
        'x.find-links = ["a", ]\n',
    ),
    (
        "line of a multi-line array, comment with it",
        'a = [\n  "x",  # why\n  "y",\n]\n',
        "a[0]",
        'a = [\n  "y",\n]\n',
    ),
    (
        "last line of a multi-line array without trailing comma",
        'a = [\n  "x",\n  "y"\n]\n',
        "a[1]",
        'a = [\n  "x",\n]\n',
    ),
    (
        "element sharing a line in a multi-line array",
        'a = [\n  "x", "y",\n  "z",\n]\n',
        "a[1]",
        'a = [\n  "x", \n  "z",\n]\n',
    ),
    ("key line with comment", '[t]\nk = "v"  # c\nm = 1\n', "t.k", "[t]\nm = 1\n"),
    ("key line with a multi-line value", '[t]\nk = [\n  "v",\n]\nm = 1\n', "t.k", "[t]\nm = 1\n"),
    ("last key, no final newline", '[t]\nm = 1\nk = "v"', "t.k", "[t]\nm = 1\n"),
    (
        "array-of-tables block, comments before the next header stay",
        '[[s]]\nu = "a"\n\n# next\n[[s]]\nu = "b"\n',
        "s[0]",
        '\n# next\n[[s]]\nu = "b"\n',
    ),
    (
        "array-of-tables block with its sub-table",
        '[[s]]\nu = "a"\n[s.opts]\nv = 1\n[[s]]\nu = "b"\n',
        "s[0]",
        '[[s]]\nu = "b"\n',
    ),
    ("last array-of-tables block", '[[s]]\nu = "a"\n[[s]]\nu = "b"\n', "s[1]", '[[s]]\nu = "a"\n'),
    ("inline table in an array", 'i = [{ u = "a" }, { u = "b" }]\n', "i[0]", 'i = [{ u = "b" }]\n'),
    ("pair of an inline table", 'i = { u = "a", n = "b" }\n', "i.u", 'i = { n = "b" }\n'),
    ("last pair of an inline table", 'i = { u = "a", n = "b" }\n', "i.n", 'i = { u = "a" }\n'),
    (
        "CRLF line of a multi-line array",
        'a = [\r\n  "x",\r\n  "y",\r\n]\r\n',
        "a[0]",
        'a = [\r\n  "y",\r\n]\r\n',
    ),
]


@pytest.mark.parametrize(
    ("text", "route", "after"), [c[1:] for c in REMOVAL_CASES], ids=[c[0] for c in REMOVAL_CASES]
)
def test_removal(text: str, route: str, after: str) -> None:
    found, _ = locate(text)
    start, end = found[address_of(route)].removal
    assert text[:start] + text[end:] == after
    check_removal(text, address_of(route), (Edit("p", start, end, ""),))


# ------------------------------------------------------------------------- requirements

REQS = """\
[project]
name = "demo"
dependencies = [
    "requests>=2.31,<3",  # http
    'packaging==24.0',
    "Foo[baz,bar] ; python_version < '3.12'",
    "pkg @ git+https://example.com/pkg.git@abc",
    "bad name",
]

[project.optional-dependencies]
test = ["pytest>=8", "hypothesis"]

[dependency-groups]
dev = ["ruff", { include-group = "test" }]
test = ["pytest"]
"""


def test_requirements() -> None:
    source = parse(REQS)
    got = [
        (
            r.location.route,
            r.location.line,
            r.name,
            r.specifier,
            r.extras,
            r.marker,
            r.url,
            r.is_vcs,
            r.error is not None,
        )
        for r in source.requirements
    ]
    assert got == [
        ("project.dependencies[0]", 4, "requests", "<3,>=2.31", (), None, None, False, False),
        ("project.dependencies[1]", 5, "packaging", "==24.0", (), None, None, False, False),
        (
            "project.dependencies[2]",
            6,
            "Foo",
            "",
            ("bar", "baz"),
            'python_version < "3.12"',
            None,
            False,
            False,
        ),
        (
            "project.dependencies[3]",
            7,
            "pkg",
            "",
            (),
            None,
            "git+https://example.com/pkg.git@abc",
            True,
            False,
        ),
        ("project.dependencies[4]", 8, None, "", (), None, None, False, True),
        (
            "project.optional-dependencies.test[0]",
            12,
            "pytest",
            ">=8",
            (),
            None,
            None,
            False,
            False,
        ),
        (
            "project.optional-dependencies.test[1]",
            12,
            "hypothesis",
            "",
            (),
            None,
            None,
            False,
            False,
        ),
        ("dependency-groups.dev[0]", 15, "ruff", "", (), None, None, False, False),
        ("dependency-groups.test[0]", 16, "pytest", "", (), None, None, False, False),
    ]
    for req in source.requirements:
        span = req.location.span
        assert span is not None
        assert REQS[span.start : span.end] == req.text
        check_removal(REQS, address_of(req.location.route), req.removal)
    (problem,) = source.problems
    assert problem.code == "RL001"
    assert "bad name" in problem.message
    assert problem.location.span is not None
    # packaging points at "name", the fifth character of the string.
    assert (problem.location.line, problem.location.column) == (8, 10)
    bad = source.requirements[4]
    assert bad.error_column == 5


# ------------------------------------------------------------------------------ problems

# (case, text, line, column, words in the message)
INVALID_CASES = [
    ("unclosed table header", '[tool.uv\nindex-url = "x"\n', 1, 9, "end of line"),
    ("bare URL", "[tool.uv]\nindex-url = https://x\n", 2, 13, "Unexpected character: 'h'"),
    ("unterminated string", 'a = 1\n[tool.uv]\nindex-url = "x\n', 3, 15, "Control characters"),
    ("duplicate key", "a = 1\na = 2\n", 2, 1, 'Key "a" already exists'),
    ("duplicate table", "[a]\nb = 1\n[a]\n", 3, 1, 'Key "a" already exists'),
    ("bad escape", 'a = "\\q"\n', 1, 7, "Invalid character 'q'"),
    ("two pairs on a line", "a = 1 b = 2\n", 1, 7, "Unexpected character: 'b'"),
    (
        "end of file inside an array",
        "[tool.uv]\nextra-index-url = [\n",
        2,
        20,
        "Unexpected end of file",
    ),
    ("end of file inside a string, no final newline", 'a = "x', 1, 7, "Unexpected end of file"),
    ("error on a CRLF line", "a=1\r\nb = [1,\r\n  2 x]\r\n", 3, 5, "Unexpected character: 'x'"),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [c[1:] for c in INVALID_CASES],
    ids=[c[0] for c in INVALID_CASES],
)
def test_invalid_toml(text: str, line: int, column: int, words: str) -> None:
    source = parse(text)
    (problem,) = source.problems
    assert problem.code == "RL006"
    assert problem.message.startswith("invalid TOML: ")
    assert words in problem.message
    assert (problem.location.line, problem.location.column) == (line, column)
    assert source.settings == ()


# -------------------------------------------------------------------------- suppressions

SUPPRESSION_CASES = [
    ("# reqlint: ignore[RL101]", frozenset({"RL101"})),
    ("# reqlint: ignore[RL101, rl102]", frozenset({"RL101", "RL102"})),
    ("# reqlint: ignore", frozenset()),
    ("# noqa: RL101,RL104", frozenset({"RL101", "RL104"})),
    ("# noqa", frozenset()),
    ("# mirror  # noqa: RL101", frozenset({"RL101"})),
    ("# noqa: RL101 (the mirror is ours)", frozenset({"RL101"})),
    ("# noqa: RL101 reqlint: ignore[RL102]", frozenset({"RL101", "RL102"})),
    ("# noqa: RL101 # noqa", frozenset()),
    # Named no-op cases.
    ("# a plain comment", None),
    ("# snoqa", None),
    ("# reqlint is great", None),
]


@pytest.mark.parametrize(("comment", "codes"), SUPPRESSION_CASES)
def test_suppression_codes(comment: str, codes: frozenset[str] | None) -> None:
    assert suppression_codes(comment) == codes


def test_suppressions_by_line() -> None:
    text = (
        "[tool.uv]\n"
        'index-url = "https://x/simple#noqa"  # reqlint: ignore[RL102]\n'
        "extra-index-url = [\n"
        '  "https://y/simple",  # noqa: RL101\n'
        '  "https://z/simple # noqa",\n'
        "]\n"
        "# noqa\n"
    )
    assert parse(text).suppressions == {
        2: frozenset({"RL102"}),
        4: frozenset({"RL101"}),
        7: frozenset(),
    }


# ----------------------------------------------------------------- locate vs tomllib


def check_locate(text: str) -> None:
    """Every value tomllib reads has a located entry; every string decodes the same."""
    data = tomllib.loads(text)
    found, _ = locate(text)
    for address, value in leaves(data):
        if isinstance(value, dict) and address not in found:
            continue  # a table defined implicitly (by a dotted key or a deeper header)
        if (
            isinstance(value, list)
            and value
            and all(isinstance(v, dict) for v in value)
            and address not in found
            and (*address, 0) in found
        ):
            continue  # an array of tables: only its [[...]] elements have a place
        assert address in found, address
        where = found[address]
        if isinstance(value, str):
            assert where.string == value, address
            if "\\" not in text[where.start : where.end]:
                assert text[where.start : where.end].replace("\r\n", "\n") == value


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus(path: Path) -> None:
    data = path.read_bytes()
    text_file = TextFile.decode(str(path), data, pep263=False)
    source = parse_pyproject(text_file)
    assert source.problems == ()
    check_locate(text_file.text)

    # The URLs found are exactly the index URLs a tomllib walk finds.
    doc = tomllib.loads(text_file.text)
    tool = doc.get("tool", {})
    uv = tool.get("uv", {})
    expected = {("index-url", uv["index-url"])} if "index-url" in uv else set()
    expected |= {("extra-index-url", u) for u in uv.get("extra-index-url", [])}
    expected |= {("index", i["url"]) for i in uv.get("index", [])}
    for tool_name in ("poetry", "pdm"):
        expected |= {
            ("source", s["url"]) for s in tool.get(tool_name, {}).get("source", []) if "url" in s
        }
        expected |= {
            ("source", "https://pypi.org/simple")
            for s in tool.get(tool_name, {}).get("source", [])
            if "url" not in s and s.get("name", "").lower() == "pypi"
        }
    assert {(s.key, s.value) for s in source.settings} == expected
    for setting in source.settings:
        check_setting_invariants(text_file.text, setting)
        check_removal(text_file.text, address_of(setting.location.route), setting.removal)

    # Requirements: one per string of the PEP 621 / PEP 735 arrays.
    project = doc.get("project", {})
    strings = list(project.get("dependencies", []))
    for group in project.get("optional-dependencies", {}).values():
        strings += group
    for group in doc.get("dependency-groups", {}).values():
        strings += [item for item in group if isinstance(item, str)]
    assert [r.text for r in source.requirements] == strings
    for req in source.requirements:
        assert req.error is None
        span = req.location.span
        assert span is not None
        assert text_file.text[span.start : span.end] == req.text


def test_corpus_is_there() -> None:
    assert len(CORPUS_FILES) >= 20


@pytest.mark.parametrize(
    "text",
    [c[1] for c in SETTINGS_CASES]
    + [REQS]
    + [c[1] for c in REMOVAL_CASES]
    + [
        "a = \"\"\"\nx\"\"\"\"\nb = '''y'''''\n",
        "a = 1979-05-27 07:32:00Z\nb = [1979-05-27, 1.5e3, -inf, true]\n",
        "[[a]]\nx = 1\n[a.b]\ny = 2\n[[a.c]]\nz = 3\n[[a]]\nx = 4\n[[a.c]]\nz = 5\n",
        '"quoted . key" = { "in.ner" = ["#", "]"] }\n',
        'k = """\\\n    folded \\\n    line"""\n',
    ],
    ids=lambda t: repr(t[:30]),
)
def test_locate_agrees_with_tomllib(text: str) -> None:
    check_locate(text)


_keys = st.text(st.characters(codec="utf-8"), min_size=1, max_size=8)
_scalars = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=12), st.integers(), st.booleans()
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=3)),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        _keys,
        st.one_of(
            _values,
            st.dictionaries(_keys, _values, max_size=3),
            st.lists(
                st.dictionaries(_keys, _values, min_size=1, max_size=3), min_size=1, max_size=3
            ),
        ),
        max_size=5,
    )
)
def test_locate_agrees_with_tomllib_on_generated_documents(doc: dict[str, Any]) -> None:
    import tomlkit

    check_locate(tomlkit.dumps(doc))
