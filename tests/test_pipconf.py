"""pip.conf / pip.ini exactly as pip 26.3 reads them.

Three referees, no mocks:

1. pip's own parser class (``pip._internal.configuration._RawConfigParser``) on the same
   files: every table case, a hypothesis-generated family of files, and every removal
   edit applied by offset and read back;
2. the vendored oracle (``tests/data/corpus/pip-oracle.json``, ``pipconf`` section) for
   every pip.conf / pip.ini of the corpus: keys, values and the install options pip built;
3. real pip 26.3 in a subprocess, with config files laid out in ``tmp_path`` for every
   location and an environment built from scratch: the files ``pip config debug`` lists
   against :func:`config_files`, and the option values ``pip install`` ends up with
   against ``Project.config_settings()`` over :func:`load_machine_config` +
   :func:`parse_environ`.

What cannot be redirected for pip: ``/etc/pip.conf`` (pip always appends ``/etc``) and the
site file of the test venv.  The global folder is tested through ``XDG_CONFIG_DIRS``, the
site file through a throw-away venv made here; ``/etc/pip.conf`` is read by pip and by
reqlint alike in the subprocess tests, which compare the two rather than fixed values.
"""

from __future__ import annotations

import codecs
import configparser
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reqlint import pipopts
from reqlint.discovery import config_files, read_text
from reqlint.loader import load_machine_config
from reqlint.model import Edit, ParsedSource, Problem, Setting, SourceContext, SourceKind
from reqlint.project import Project
from reqlint.sources.environ import parse_environ
from reqlint.sources.pipconf import normalize_name
from reqlint.sources.pipconf import parse as parse_pipconf
from reqlint.text import TextFile

CORPUS = Path(__file__).parent / "data" / "corpus"
ORACLE: dict[str, Any] = json.loads((CORPUS / "pip-oracle.json").read_text("utf-8"))["pipconf"]
CORPUS_FILES = sorted(
    p for p in (CORPUS / "pipconf").rglob("*") if p.name in ("pip.conf", "pip.ini")
)


def parse(text: str, variant: str = "file") -> ParsedSource:
    return parse_pipconf(TextFile.from_text("pip.conf", text), SourceContext(variant=variant))


def apply(text: str, edits: tuple[Edit, ...]) -> str:
    """One splice loop, by offset, like reqlint.fixes."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def values(source: ParsedSource) -> list[tuple[str, str, str]]:
    return [(s.section, s.key, s.value) for s in source.settings]


# ------------------------------------------------------------------ pip's own reader


def pip_reads(data: bytes) -> dict[tuple[str, str], str] | tuple[str, list[int]]:
    """What pip's parser class makes of ``data`` in a real file: ``(section, name) -> value``
    for the values pip keeps (empty ones dropped), or ``(error class, lines)``."""
    from pip._internal.configuration import _RawConfigParser

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "pip.conf")
        path.write_bytes(data)
        parser = _RawConfigParser()
        try:
            # As pip's Configuration._construct_parser does (locale pinned to UTF-8).
            parser.read(str(path), encoding="utf-8")
        except (
            configparser.DuplicateSectionError,
            configparser.DuplicateOptionError,
            configparser.MissingSectionHeaderError,
        ) as exc:
            return type(exc).__name__, [exc.lineno or 0]
        except configparser.ParsingError as exc:
            return type(exc).__name__, [n for n, _ in exc.errors]
        except UnicodeDecodeError:
            return "UnicodeDecodeError", []
    return {
        (section, name): value
        for section in parser.sections()
        for name, value in parser.items(section)
        if value
    }


def parse_problems(source: ParsedSource) -> tuple[Problem, ...]:
    """The problems that make configparser reject the file (not values pip's option
    parser refuses later: tests/test_fuzz_pipconf.py checks those)."""
    return tuple(p for p in source.problems if "pip refuses this value" not in p.message)


def ours(source: ParsedSource) -> dict[tuple[str, str], str] | tuple[str, list[int]]:
    """reqlint's parse in the same shape (list items joined back with spaces)."""
    if parse_problems(source):
        return "error", [p.location.line for p in parse_problems(source)]
    out: dict[tuple[str, str], list[str]] = {}
    for s in source.settings:
        out.setdefault((s.section, normalize_name(s.attrs["key_as_written"])), []).append(s.value)
    return {k: " ".join(v) if len(v) > 1 or _is_list(k[1]) else v[0] for k, v in out.items()}


def _is_list(name: str) -> bool:
    option = pipopts.lookup(name)
    return bool(option and option.is_list and not name.startswith("-"))


def same_as_pip(data: bytes, source: ParsedSource) -> None:
    theirs, mine = pip_reads(data), ours(source)
    if isinstance(theirs, tuple):
        assert isinstance(mine, tuple), (theirs, mine)
        if theirs[0] != "UnicodeDecodeError":
            assert mine[1] == theirs[1], (theirs, mine)
        return
    assert isinstance(mine, dict), (theirs, mine)
    expected = {k: " ".join(v.split()) if _is_list(k[1]) else v for k, v in theirs.items()}
    assert mine == expected


# ------------------------------------------------------------------------ tables

VALUE_CASES: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    (
        "simple",
        "[global]\nindex-url = https://m/simple\n",
        [("global", "index-url", "https://m/simple")],
    ),
    ("colon delimiter", "[global]\ntimeout: 60\n", [("global", "timeout", "60")]),
    (
        "no spaces",
        "[global]\nindex-url=https://m/simple\n",
        [("global", "index-url", "https://m/simple")],
    ),
    (
        "inline # comment stays in the value",
        "[global]\nindex-url = https://m/simple # mirror\n",
        [("global", "index-url", "https://m/simple # mirror")],
    ),
    (
        "inline ; comment stays in the value",
        "[global]\ntimeout = 60 ; seconds\n",
        [("global", "timeout", "60 ; seconds")],
    ),
    (
        "#egg-like fragment",
        "[global]\nindex-url = https://m/simple#frag\n",
        [("global", "index-url", "https://m/simple#frag")],
    ),
    (
        "alias pypi-url",
        "[global]\npypi-url = https://m/simple\n",
        [("global", "index-url", "https://m/simple")],
    ),
    ("alias default-timeout", "[global]\ndefault-timeout = 5\n", [("global", "timeout", "5")]),
    (
        "underscores and case",
        "[global]\nExtra_Index_URL = https://e/simple\n",
        [("global", "extra-index-url", "https://e/simple")],
    ),
    (
        "leading dashes",
        "[global]\n--index-url = https://m/simple\n",
        [("global", "index-url", "https://m/simple")],
    ),
    (
        "unknown key kept, normalised",
        "[global]\nExtra_Index_URLS = https://e\n",
        [("global", "extra-index-urls", "https://e")],
    ),
    (
        "install and global",
        "[global]\ntimeout = 1\n[install]\ntimeout = 2\n",
        [("global", "timeout", "1"), ("install", "timeout", "2")],
    ),
    ("section names are case-sensitive", "[Global]\ntimeout = 1\n", [("Global", "timeout", "1")]),
    (
        "multi-line list",
        "[global]\nextra-index-url =\n    https://a\n    https://b\n",
        [("global", "extra-index-url", "https://a"), ("global", "extra-index-url", "https://b")],
    ),
    (
        "list on one line",
        "[global]\ntrusted-host = a b\tc\n",
        [
            ("global", "trusted-host", "a"),
            ("global", "trusted-host", "b"),
            ("global", "trusted-host", "c"),
        ],
    ),
    (
        "comment lines and blank lines inside a value",
        "[global]\nfind-links = /a\n  # /b\n\n  ; /c\n  /d\n\n[install]\n",
        [("global", "find-links", "/a"), ("global", "find-links", "/d")],
    ),
    (
        "multi-line scalar keeps its newlines",
        "[global]\nindex-url = https://a\n  https://b\n",
        [("global", "index-url", "https://a\nhttps://b")],
    ),
    (
        "continuation must be deeper than the key",
        "[global]\n  timeout = 1\n  retries = 2\n",
        [("global", "timeout", "1"), ("global", "retries", "2")],
    ),
    (
        "a deeper [section] line is a continuation",
        "[global]\ntimeout = 1\n  [install]\n",
        [("global", "timeout", "1\n[install]")],
    ),
    (
        "empty value dropped, as pip does",
        "[global]\nindex-url =\ntimeout = 3\n",
        [("global", "timeout", "3")],
    ),
    (
        "DEFAULT is inherited by every section",
        "[DEFAULT]\ntimeout = 9\n[global]\n[install]\ntimeout = 2\n",
        [("global", "timeout", "9"), ("install", "timeout", "2")],
    ),
    (
        "CRLF",
        "[global]\r\nextra-index-url = https://a\r\n  https://b\r\n",
        [("global", "extra-index-url", "https://a"), ("global", "extra-index-url", "https://b")],
    ),
    ("CR only", "[global]\rindex-url = https://a\r", [("global", "index-url", "https://a")]),
    ("no final newline", "[global]\nindex-url = https://a", [("global", "index-url", "https://a")]),
    (
        "section header with trailing text",
        "[global] # main\ntimeout = 1\n",
        [("global", "timeout", "1")],
    ),
    (
        "':' is a delimiter too",
        "[global]\nindex-url https://m/simple\n",
        [("global", "index-url https", "//m/simple")],
    ),
    ("no settings at all", "# nothing\n\n", []),
    ("empty file", "", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in VALUE_CASES], ids=[c[0] for c in VALUE_CASES]
)
def test_values(text: str, expected: list[tuple[str, str, str]]) -> None:
    source = parse(text)
    assert parse_problems(source) == ()
    assert values(source) == expected
    same_as_pip(text.encode(), source)


@pytest.mark.parametrize("text", [c[1] for c in VALUE_CASES], ids=[c[0] for c in VALUE_CASES])
def test_spans_raw_and_attrs(text: str) -> None:
    source = parse(text, variant="user")
    assert source.kind is SourceKind.PIPCONF
    for s in source.settings:
        span = s.location.span
        assert span is not None
        assert text[span.start : span.end] == s.raw
        if _is_list(s.key):
            assert s.raw == s.value
        assert s.origin.value == "user"
        assert s.location.route == f"{s.section} → {s.key}"
        assert s.location.path == "pip.conf"


def test_raw_as_written_and_spans_of_each_url() -> None:
    text = (
        "[global]\r\nextra-index-url = https://a/simple  https://b/simple\r\n"
        "    # a comment\r\n    https://c/simple\r\n"
    )
    source = parse(text)
    spans = [
        (s.value, s.location.line, s.location.column, s.location.span.end_column)
        for s in source.settings
        if s.location.span
    ]
    assert spans == [
        ("https://a/simple", 2, 19, 35),
        ("https://b/simple", 2, 37, 53),
        ("https://c/simple", 4, 5, 21),
    ]
    scalar = parse("[global]\nindex-url = https://a\n  # x\n  https://b\n").settings[0]
    assert scalar.raw == "https://a\n  # x\n  https://b"
    assert scalar.value == "https://a\nhttps://b"


def test_key_as_written_and_inline_comment_attrs() -> None:
    source = parse(
        "[global]\nIndex_URL = https://m/simple # mirror\n"
        "extra-index-url = https://e/simple # team index\n  https://f\n"
    )
    first, *items = source.settings
    assert first.attrs["key_as_written"] == "Index_URL"
    assert first.attrs["inline_comment"] == "# mirror"
    assert [(i.value, i.attrs.get("inline_comment")) for i in items] == [
        ("https://e/simple", None),
        ("#", "# team index"),
        ("team", "# team index"),
        ("index", "# team index"),
        ("https://f", None),
    ]


# ---------------------------------------------------------------------- RL005

ERROR_CASES: list[tuple[str, bytes, int, str]] = [
    ("no section header", b"index-url = https://m/simple\n[global]\n", 1, "no section header"),
    ("comment then no header", b"# pip\n\ntimeout = 1\n", 3, "no section header"),
    ("duplicate option", b"[global]\ntimeout = 1\nretries = 2\ntimeout = 3\n", 4, "twice"),
    ("duplicate after normalisation", b"[global]\nindex_url = a\nIndex-URL = b\n", 3, "same key"),
    ("duplicate section", b"[global]\ntimeout = 1\n[install]\n[global]\n", 4, "twice"),
    ("duplicate in DEFAULT", b"[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n", 4, "twice"),
    ("not an option line", b"[global]\nindex-url\n", 2, "neither"),
    ("empty key", b"[global]\n= value\n", 2, "neither"),
    ("UTF-8 BOM", codecs.BOM_UTF8 + b"[global]\ntimeout = 1\n", 1, "byte-order mark"),
    ("UTF-16", codecs.BOM_UTF16_LE + "[global]\n".encode("utf-16-le"), 1, "UTF-8"),
]


@pytest.mark.parametrize(
    ("data", "line", "words"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES]
)
def test_rl005(data: bytes, line: int, words: str) -> None:
    text_file = TextFile.decode("pip.conf", data, pep263=False)
    source = parse_pipconf(text_file)
    assert source.settings == ()
    assert [p.code for p in source.problems] == ["RL005"]
    problem = source.problems[0]
    assert problem.location.line == line
    assert words in problem.message
    assert "pip" in problem.message
    theirs = pip_reads(data)
    assert isinstance(theirs, tuple), "pip's parser must reject this file too"
    if theirs[1]:
        assert theirs[1] == [line]


def test_every_bogus_line_reported_like_configparser() -> None:
    data = b"[global]\nfoo\ntimeout = 1\nbar\n"
    source = parse_pipconf(TextFile.decode("pip.conf", data, pep263=False))
    assert [p.location.line for p in source.problems] == [2, 4]
    assert pip_reads(data) == ("ParsingError", [2, 4])


def test_duplicate_stops_like_configparser() -> None:
    data = b"[global]\nfoo\ntimeout = 1\ntimeout = 2\n"
    source = parse_pipconf(TextFile.decode("pip.conf", data, pep263=False))
    assert [p.location.line for p in source.problems] == [4]
    assert pip_reads(data) == ("DuplicateOptionError", [4])


def test_coding_cookie_is_not_pips_business() -> None:
    data = "# -*- coding: latin-1 -*-\n[global]\nindex-url = https://caf\u00e9\n".encode("latin-1")
    source = parse_pipconf(TextFile.decode("pip.conf", data, pep263=True))
    assert [p.code for p in source.problems] == ["RL005"]
    assert pip_reads(data) == ("UnicodeDecodeError", [])


def test_other_encoding_that_happens_to_be_utf8_is_still_wrong() -> None:
    # latin-1 "Ã©" is the UTF-8 bytes of "é": pip would read different text.
    data = "# coding: latin-1\n[global]\nindex-url = https://\u00c3\u00a9\n".encode("latin-1")
    source = parse_pipconf(TextFile.decode("pip.conf", data, pep263=True))
    assert [p.code for p in source.problems] == ["RL005"]
    assert "different text" in source.problems[0].message


def test_undecodable_file_on_the_machine(tmp_path: Path) -> None:
    home = tmp_path / "home"
    user = home / ".config" / "pip" / "pip.conf"
    user.parent.mkdir(parents=True)
    user.write_bytes(b"[global]\nindex-url = https://m/\xff\n")
    env = {
        "HOME": str(home),
        "XDG_CONFIG_DIRS": str(tmp_path / "xdg"),
        "PIP_CONFIG_FILE": str(tmp_path / "missing.conf"),
    }
    sources = [
        s for s in load_machine_config(env, home=str(home), sys_prefix=str(tmp_path)) if s.problems
    ]
    assert len(sources) == 1
    assert sources[0].problems[0].code == "RL005"
    assert "decode" in sources[0].problems[0].message


def test_unreadable_config_path_is_reported_and_pip_skips_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".pip" / "pip.conf").mkdir(parents=True)  # a directory where the file should be
    env = {"HOME": str(home), "XDG_CONFIG_DIRS": str(tmp_path / "xdg")}
    sources = load_machine_config(env, home=str(home), sys_prefix=str(tmp_path))
    bad = [s for s in sources if s.problems]
    assert len(bad) == 1
    assert "pip skips" in bad[0].problems[0].message


# ----------------------------------------------------------------------- removals

REMOVAL_TEXT = (
    "[global]\n"
    "index-url = https://m/simple  # mirror\n"
    "extra-index-url = https://a/simple https://b/simple\n"
    "    https://c/simple\n"
    "    # kept comment\n"
    "    https://d/simple   https://e/simple\n"
    "trusted-host = only.example\n"
    "[install]\n"
    "find-links =\n"
    "    /wheels\n"
    "timeout = 5\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_every_removal_leaves_exactly_the_rest(newline: str) -> None:
    text = REMOVAL_TEXT.replace("\n", newline)
    source = parse(text)
    assert len(source.settings) == 9
    for index, setting in enumerate(source.settings):
        assert setting.removal, setting
        edited = apply(text, setting.removal)
        after = parse(edited)
        assert after.problems == ()
        others = [(s.section, s.key, s.value) for i, s in enumerate(source.settings) if i != index]
        assert values(after) == others, (setting.value, edited)
        same_as_pip(edited.encode(), after)
        # Bytes outside the edits are untouched: the edits only insert or delete.
        assert len(edited) - len(text) == sum(
            len(e.replacement) - (e.end - e.start) for e in setting.removal
        )


def test_removal_shapes() -> None:
    source = parse(REMOVAL_TEXT)
    by_value = {s.value: s for s in source.settings}
    # A URL alone on its continuation line: that line is commented out.
    c = by_value["https://c/simple"].removal
    assert c == (
        Edit(
            "pip.conf",
            REMOVAL_TEXT.index("    https://c"),
            REMOVAL_TEXT.index("    https://c"),
            "# ",
        ),
    )
    # A URL sharing its line: deleted with one space.
    a = by_value["https://a/simple"].removal
    assert len(a) == 1
    assert REMOVAL_TEXT[a[0].start : a[0].end] == "https://a/simple "
    e = by_value["https://e/simple"].removal
    assert REMOVAL_TEXT[e[0].start : e[0].end] == " https://e/simple"
    # A single-valued key: every physical line of it is commented out.
    wheels = by_value["/wheels"].removal
    assert [REMOVAL_TEXT[x.start :].split("\n", 1)[0] for x in wheels] == [
        "find-links =",
        "    /wheels",
    ]


# -------------------------------------------------------------------- suppressions


def test_suppressions_cover_the_key_below_the_comment() -> None:
    text = (
        "[global]\n"
        "# reqlint: ignore[RL101, RL102]\n"
        "# noqa: RL103\n"
        "extra-index-url = https://a\n"
        "    https://b\n"
        "\n"
        "    https://c\n"
        "index-url = https://m # reqlint: ignore[RL107]\n"
        "; noqa\n"
        "trusted-host = h\n"
        "# reqlint: ignore[RL108]\n"
        "\n"
        "bogus-key = 1\n"
        "find-links = /a\n"
        "    # noqa: RL102\n"
        "    /b\n"
    )
    source = parse(text)
    codes = frozenset({"RL101", "RL102", "RL103"})
    assert dict(source.suppressions) == {
        4: codes,
        5: codes,
        6: codes,
        7: codes,
        10: frozenset(),
        16: frozenset({"RL102"}),
    }
    # The inline "comment" is part of the value, not a suppression.
    assert source.settings[3].value == "https://m # reqlint: ignore[RL107]"


# ------------------------------------------------------------------ hypothesis

_KEYS = [
    "index-url",
    "Index_URL",
    "pypi-url",
    "extra-index-url",
    "trusted_host",
    "timeout",
    "find-links",
    "foo",
    "--retries",
    "",
]
_VALUES = ["https://a/simple", "https://b/simple # c", "", "x ; y", "h1 h2", "#v"]
_LINE = st.one_of(
    st.sampled_from(
        [
            "[global]",
            "[install]",
            "[DEFAULT]",
            "[x]",
            "[global] # c",
            "",
            "# comment",
            "; comment",
            "# noqa: RL101",
            "bogus",
            "   ",
        ]
    ),
    st.builds(
        lambda k, d, v: f"{k}{d}{v}",
        st.sampled_from(_KEYS),
        st.sampled_from([" = ", "=", ": ", " :"]),
        st.sampled_from(_VALUES),
    ),
)
_INDENT = st.sampled_from(["", "", " ", "  ", "\t"])
_NEWLINE = st.sampled_from(["\n", "\n", "\r\n", "\r"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_INDENT, _LINE, _NEWLINE), max_size=12), st.booleans())
def test_agrees_with_pips_parser(lines: list[tuple[str, str, str]], header: bool) -> None:
    text = ("[global]\n" if header else "") + "".join(i + line + n for i, line, n in lines)
    data = text.encode()
    source = parse_pipconf(TextFile.decode("pip.conf", data, pep263=False))
    same_as_pip(data, source)
    for s in source.settings:
        assert s.location.span is not None
        assert text[s.location.span.start : s.location.span.end] == s.raw
        for edit in s.removal:
            assert 0 <= edit.start <= edit.end <= len(text)


# ---------------------------------------------------------------- the oracle


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_against_pip_oracle(path: Path) -> None:
    expected = ORACLE[path.relative_to(CORPUS).as_posix()]
    read = read_text(str(path), pep263=False, code="RL005")
    assert not isinstance(read, Problem)
    source = parse_pipconf(read, SourceContext(variant="env"))
    if expected["error"] and expected["error"].get("stage") == "load":
        assert source.problems
        return
    assert parse_problems(source) == ()
    # pip install read every one of these files without an error (the oracle ran it): a
    # value reqlint says pip refuses must concern other commands only (`format = columns`
    # in [global] stops `pip cache`, whose --format has other choices).
    refused = [p.message for p in source.problems if p not in parse_problems(source)]
    assert not [m for m in refused if "every pip command" in m or "pip install" in m]
    # `config` is what pip read; pip drops empty values before using them.
    theirs = {k: v for k, v in expected["config"].items() if v}
    mine: dict[str, list[str]] = {}
    for s in source.settings:
        mine.setdefault(f"{s.section}.{normalize_name(s.attrs['key_as_written'])}", []).append(
            s.value
        )
    assert sorted(mine) == sorted(theirs)
    for key, value in theirs.items():
        if _is_list(key.split(".", 1)[1]):
            assert mine[key] == value.split()
        else:
            assert mine[key] == [value]
    # The install options pip built from this file alone.
    effective = Project((source,)).config_settings("install")
    assert _options(effective) == _pip_options(expected["install_options"])


_COMPARED = {
    "index_url": "index-url",
    "extra_index_urls": "extra-index-url",
    "find_links": "find-links",
    "trusted_hosts": "trusted-host",
    "cert": "cert",
    "proxy": "proxy",
    "client_cert": "client-cert",
}
_PIP_DEFAULTS: dict[str, Any] = {
    "index_url": "https://pypi.org/simple",
    "extra_index_urls": [],
    "find_links": [],
    "trusted_hosts": [],
    "cert": None,
    "proxy": "",
    "client_cert": None,
}


def _options(effective: dict[str, list[Setting]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for dest, key in _COMPARED.items():
        settings_ = effective.get(key, [])
        option = pipopts.lookup(key)
        assert option is not None
        if option.is_list:
            out[dest] = [s.value for s in settings_]
        else:
            out[dest] = settings_[-1].value if settings_ else _PIP_DEFAULTS[dest]
    return out


def _pip_options(options: dict[str, Any]) -> dict[str, Any]:
    return {dest: options.get(dest, _PIP_DEFAULTS[dest]) for dest in _COMPARED}


# ------------------------------------------------------------------ config_files

HOME = "/home/u"


def _posix_table() -> list[tuple[str, dict[str, str], list[tuple[str, str]]]]:
    user = [("user", f"{HOME}/.pip/pip.conf"), ("user", f"{HOME}/.config/pip/pip.conf")]
    site = [("site", "/venv/pip.conf")]
    glob = [("global", "/etc/xdg/pip/pip.conf"), ("global", "/etc/pip.conf")]
    return [
        ("defaults", {}, glob + user + site),
        (
            "XDG dirs",
            {"XDG_CONFIG_DIRS": "/a:/b/:relative: /c "},
            [
                ("global", "/a/pip/pip.conf"),
                ("global", "/b/pip/pip.conf"),
                ("global", "/c/pip/pip.conf"),
                ("global", "/etc/pip.conf"),
                *user,
                *site,
            ],
        ),
        ("XDG dirs all relative", {"XDG_CONFIG_DIRS": "rel"}, glob + user + site),
        (
            "XDG home",
            {"XDG_CONFIG_HOME": "/cfg"},
            [*glob, user[0], ("user", "/cfg/pip/pip.conf"), *site],
        ),
        ("relative XDG home ignored", {"XDG_CONFIG_HOME": "cfg"}, glob + user + site),
        (
            "PIP_CONFIG_FILE missing",
            {"PIP_CONFIG_FILE": "/nonexistent/pip.conf"},
            [*glob, *user, *site, ("env", "/nonexistent/pip.conf")],
        ),
        ("PIP_CONFIG_FILE empty", {"PIP_CONFIG_FILE": ""}, glob + user + site),
        ("PIP_CONFIG_FILE devnull", {"PIP_CONFIG_FILE": "/dev/null"}, []),
        (
            "same file twice",
            {"XDG_CONFIG_DIRS": "/a:/a"},
            [("global", "/a/pip/pip.conf"), ("global", "/etc/pip.conf"), *user, *site],
        ),
    ]


@pytest.mark.parametrize(
    ("environ", "expected"), [c[1:] for c in _posix_table()], ids=[c[0] for c in _posix_table()]
)
def test_config_files_linux(environ: dict[str, str], expected: list[tuple[str, str]]) -> None:
    assert config_files(environ, home=HOME, sys_prefix="/venv", platform="linux") == expected


def test_config_files_existing_pip_config_file_skips_user_files(tmp_path: Path) -> None:
    env_file = tmp_path / "pip.conf"
    env_file.write_text("[global]\n")
    assert config_files(
        {"PIP_CONFIG_FILE": str(env_file)}, home=HOME, sys_prefix="/venv", platform="linux"
    ) == [
        ("global", "/etc/xdg/pip/pip.conf"),
        ("global", "/etc/pip.conf"),
        ("site", "/venv/pip.conf"),
        ("env", str(env_file)),
    ]


def test_config_files_windows() -> None:
    environ = {
        "APPDATA": "C:\\Users\\u\\AppData\\Roaming",
        "ALLUSERSPROFILE": "C:\\ProgramData",
        "XDG_CONFIG_DIRS": "/ignored",
    }
    assert config_files(environ, home="C:\\Users\\u", sys_prefix="C:\\venv", platform="win32") == [
        ("global", "C:\\ProgramData\\pip\\pip.ini"),
        ("user", "C:\\Users\\u\\pip\\pip.ini"),
        ("user", "C:\\Users\\u\\AppData\\Roaming\\pip\\pip.ini"),
        ("site", "C:\\venv\\pip.ini"),
    ]
    assert (
        config_files(
            {"PIP_CONFIG_FILE": "nul"}, home="C:\\Users\\u", sys_prefix="C:\\v", platform="win32"
        )
        == []
    )
    # Without the variables: platformdirs' own fallbacks; its WIN_PD_OVERRIDE_* win.
    bare = config_files(
        {"WIN_PD_OVERRIDE_COMMON_APPDATA": "D:\\Shared"},
        home="C:\\Users\\u",
        sys_prefix="C:\\v",
        platform="win32",
    )
    assert bare[0] == ("global", "D:\\Shared\\pip\\pip.ini")
    assert bare[2] == ("user", "C:\\Users\\u\\AppData\\Roaming\\pip\\pip.ini")


def test_config_files_macos(tmp_path: Path) -> None:
    home = str(tmp_path)
    files = config_files({}, home=home, sys_prefix="/venv", platform="darwin")
    assert files == [
        ("global", "/Library/Application Support/pip/pip.conf"),
        ("user", f"{home}/.pip/pip.conf"),
        ("user", f"{home}/.config/pip/pip.conf"),
        ("site", "/venv/pip.conf"),
    ]
    # pip prefers ~/Library/Application Support/pip when that folder exists.
    (tmp_path / "Library" / "Application Support" / "pip").mkdir(parents=True)
    files = config_files({}, home=home, sys_prefix="/venv", platform="darwin")
    assert files[2] == ("user", f"{home}/Library/Application Support/pip/pip.conf")


def _pip_files_in_subprocess(
    environ: dict[str, str], platform: str, cwd: Path, base_prefix: str = ""
) -> dict[str, list[str]]:
    """pip's own get_configuration_files() + iter_config_files(), on a pretend platform.

    platformdirs picks its implementation from sys.platform when it is imported, so
    setting sys.platform first runs pip's real macOS code on this Linux machine.
    """
    script = (
        "import json, sys, sysconfig\n"
        "sysconfig.get_config_vars()  # read with the real platform, before the switch\n"
        f"sys.platform = {platform!r}\n"
        f"if {base_prefix!r}: sys.base_prefix = {base_prefix!r}\n"
        "from pip._internal.configuration import Configuration\n"
        "print(json.dumps({str(k): v for k, v in Configuration(False).iter_config_files()}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_base_env(environ),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    files: dict[str, list[str]] = json.loads(result.stdout)
    return files


@pytest.mark.parametrize("platform", ["linux", "darwin"])
@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"XDG_CONFIG_DIRS": "/x1:/x2", "XDG_CONFIG_HOME": "/xh"},
        {"XDG_DATA_DIRS": "/d1:/d2", "XDG_DATA_HOME": "/dh"},
        {"PIP_CONFIG_FILE": "/nope"},
        {"PIP_CONFIG_FILE": os.devnull},
    ],
    ids=["plain", "xdg-config", "xdg-data", "env", "devnull"],
)
def test_config_files_match_pip_itself(
    tmp_path: Path, platform: str, extra: dict[str, str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    environ = {"HOME": str(home), **extra}
    theirs = _pip_files_in_subprocess(environ, platform, tmp_path, base_prefix="/venv")
    if theirs["env"][:1] == [os.devnull]:
        expected: list[tuple[str, str]] = []
    else:
        expected = [
            (v, f) for v in ("global", "user", "site", "env") for f in theirs.get(v, []) if f
        ]
    prefix = json.loads(
        subprocess.run(
            [sys.executable, "-c", "import sys, json; print(json.dumps(sys.prefix))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert (
        config_files(
            environ, home=str(home), sys_prefix=prefix, platform=platform, base_prefix="/venv"
        )
        == expected
    )


def test_config_files_macos_library_folder_matches_pip(tmp_path: Path) -> None:
    library = tmp_path / "Library" / "Application Support" / "pip"
    library.mkdir(parents=True)
    theirs = _pip_files_in_subprocess({"HOME": str(tmp_path)}, "darwin", tmp_path)
    ours_ = config_files(
        {"HOME": str(tmp_path)}, home=str(tmp_path), sys_prefix="/v", platform="darwin"
    )
    assert [f for v, f in ours_ if v == "user"] == theirs["user"]
    assert theirs["user"][1] == str(library / "pip.conf")


def test_config_files_homebrew_python_matches_pip(tmp_path: Path) -> None:
    base = "/opt/homebrew/opt/python@3.13/Frameworks/Python.framework/Versions/3.13"
    theirs = _pip_files_in_subprocess({"HOME": str(tmp_path)}, "darwin", tmp_path, base)
    ours_ = config_files(
        {"HOME": str(tmp_path)},
        home=str(tmp_path),
        sys_prefix="/v",
        platform="darwin",
        base_prefix=base,
    )
    assert [f for v, f in ours_ if v == "global"] == theirs["global"]
    assert theirs["global"][0] == "/opt/homebrew/share/pip/pip.conf"


# ------------------------------------------------------------- real pip, end to end


def _base_env(extra: dict[str, str]) -> dict[str, str]:
    """A from-scratch environment: nothing of this machine's PIP_*/XDG_* leaks in."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONUTF8": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LC_ALL": "C.UTF-8",
    }
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throw-away venv (its own sys.prefix, so its site pip.conf is ours to write) that
    runs the pip 26.3 of the test environment through PYTHONPATH."""
    root = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    return root


def _pip_path() -> str:
    import pip

    return str(Path(pip.__file__).parent.parent)


_PIP_OPTIONS = (
    "import json\n"
    "from pip._internal.commands import create_command\n"
    "options, _ = create_command('install').parse_args([])\n"
    "print(json.dumps({'index_url': options.index_url,\n"
    "                  'extra_index_urls': options.extra_index_urls,\n"
    "                  'find_links': options.find_links,\n"
    "                  'trusted_hosts': options.trusted_hosts,\n"
    "                  'timeout': options.timeout, 'retries': options.retries}))\n"
)


def _layout(tmp_path: Path, venv: Path, files: dict[str, str]) -> dict[str, str]:
    """Write config files by location name; return the environment that points pip at them."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    places = {
        "xdg1": tmp_path / "xdg1" / "pip" / "pip.conf",
        "xdg2": tmp_path / "xdg2" / "pip" / "pip.conf",
        "legacy": home / ".pip" / "pip.conf",
        "user": home / "cfg" / "pip" / "pip.conf",
        "site": venv / "pip.conf",
        "env": tmp_path / "env.conf",
    }
    for place, path in places.items():
        if place in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(files[place], "utf-8")
        elif path.exists():
            path.unlink()
    return {
        "HOME": str(home),
        "XDG_CONFIG_DIRS": f"{tmp_path / 'xdg1'}:{tmp_path / 'xdg2'}",
        "XDG_CONFIG_HOME": str(home / "cfg"),
    }


def _ours(environ: dict[str, str], venv: Path) -> dict[str, Any]:
    sources = load_machine_config(
        environ, home=environ["HOME"], sys_prefix=str(venv), platform="linux"
    )
    assert all(not s.problems for s in sources), [s.problems for s in sources]
    project = Project((*sources, parse_environ(environ)), environment_read=True)
    effective = project.config_settings("install")

    def last(key: str, default: Any) -> Any:
        found = effective.get(key)
        return found[-1].value if found else default

    return {
        "index_url": last("index-url", "https://pypi.org/simple"),
        "extra_index_urls": [s.value for s in effective.get("extra-index-url", [])],
        "find_links": [s.value for s in effective.get("find-links", [])],
        "trusted_hosts": [s.value for s in effective.get("trusted-host", [])],
        "timeout": float(last("timeout", 15)),
        "retries": int(last("retries", 5)),
    }


def _theirs(environ: dict[str, str], venv: Path, cwd: Path) -> dict[str, Any]:
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-c", _PIP_OPTIONS],
        env=_base_env({**environ, "PYTHONPATH": _pip_path()}),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    theirs: dict[str, Any] = json.loads(result.stdout)
    return theirs


G = "[global]\n"
SCENARIOS: list[tuple[str, dict[str, str], dict[str, str], dict[str, Any]]] = [
    (
        "user beats global",
        {
            "xdg1": G + "index-url = https://g1\nextra-index-url = https://ge\n",
            "user": G + "index-url = https://u\n",
        },
        {},
        {"index_url": "https://u", "extra_index_urls": ["https://ge"]},
    ),
    (
        "later XDG dir beats earlier",
        {"xdg1": G + "timeout = 1\n", "xdg2": G + "timeout = 2\n"},
        {},
        {"timeout": 2.0},
    ),
    (
        "new user file beats legacy",
        {"legacy": G + "retries = 1\ntimeout = 7\n", "user": G + "retries = 2\n"},
        {},
        {"retries": 2, "timeout": 7.0},
    ),
    (
        "site beats user",
        {"user": G + "index-url = https://u\n", "site": G + "index-url = https://s\n"},
        {},
        {"index_url": "https://s"},
    ),
    (
        "[install] beats [global] whatever the file",
        {"xdg1": "[install]\nindex-url = https://gi\n", "site": G + "index-url = https://s\n"},
        {},
        {"index_url": "https://gi"},
    ),
    (
        "list values replace, not merge, across files",
        {
            "user": G + "extra-index-url = https://a\n  https://b\n",
            "site": G + "extra-index-url = https://c\n",
        },
        {},
        {"extra_index_urls": ["https://c"]},
    ),
    (
        "aliases, underscores, DEFAULT, inline comment",
        {
            "user": "[DEFAULT]\ndefault_timeout = 4\n[global]\nPyPI_URL = https://p # mirror\n"
            "trusted_host = a.example\n    # skipped\n    b.example\n[install]\n"
        },
        {},
        {
            "index_url": "https://p # mirror",
            "timeout": 4.0,
            "trusted_hosts": ["a.example", "b.example"],
        },
    ),
    (
        "PIP_CONFIG_FILE existing: user files skipped, env file last",
        {
            "user": G + "index-url = https://u\nretries = 9\n",
            "site": G + "timeout = 3\n",
            "env": G + "timeout = 4\n",
        },
        {"PIP_CONFIG_FILE": "@env"},
        {"index_url": "https://pypi.org/simple", "retries": 5, "timeout": 4.0},
    ),
    (
        "PIP_CONFIG_FILE missing: user files read",
        {"user": G + "index-url = https://u\n"},
        {"PIP_CONFIG_FILE": "/nonexistent.conf"},
        {"index_url": "https://u"},
    ),
    (
        "PIP_CONFIG_FILE devnull: no files at all",
        {
            "xdg1": G + "timeout = 1\n",
            "user": G + "index-url = https://u\n",
            "site": G + "retries = 1\n",
        },
        {"PIP_CONFIG_FILE": os.devnull},
        {"index_url": "https://pypi.org/simple", "timeout": 15.0, "retries": 5},
    ),
    (
        "environment beats files; lists split on whitespace",
        {"site": "[install]\nindex-url = https://s\nextra-index-url = https://x\n"},
        {"PIP_INDEX_URL": "https://e", "PIP_EXTRA_INDEX_URL": "https://e1  https://e2\n"},
        {"index_url": "https://e", "extra_index_urls": ["https://e1", "https://e2"]},
    ),
    (
        "empty variable ignored",
        {"user": G + "index-url = https://u\n"},
        {"PIP_INDEX_URL": "", "PIP_DEFAULT_TIMEOUT": "8", "PIP_VERSION": "1"},
        {"index_url": "https://u", "timeout": 8.0},
    ),
    (
        "find-links from a list",
        {"user": G + "find-links = /w1 /w2\n"},
        {},
        {"find_links": ["/w1", "/w2"]},
    ),
]


@pytest.mark.parametrize(
    ("files", "variables", "expected"), [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS]
)
def test_precedence_matches_real_pip(
    tmp_path: Path,
    venv: Path,
    files: dict[str, str],
    variables: dict[str, str],
    expected: dict[str, Any],
) -> None:
    environ = _layout(tmp_path, venv, files)
    environ.update(
        {k: str(tmp_path / "env.conf") if v == "@env" else v for k, v in variables.items()}
    )
    theirs = _theirs(environ, venv, tmp_path)
    assert _ours(environ, venv) == theirs
    for key, value in expected.items():
        assert theirs[key] == value, key


def test_pip_config_debug_lists_the_same_files(tmp_path: Path, venv: Path) -> None:
    for variables in (
        {},
        {"PIP_CONFIG_FILE": str(tmp_path / "env.conf")},
        {"PIP_CONFIG_FILE": str(tmp_path / "absent.conf")},
    ):
        environ = {**_layout(tmp_path, venv, {"env": G, "user": G}), **variables}
        result = subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "config", "debug"],
            env=_base_env({**environ, "PYTHONPATH": _pip_path()}),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        listed: dict[str, list[str]] = {}
        variant = ""
        for line in result.stdout.splitlines():
            if not line.startswith(" ") and line.endswith(":"):
                variant = line[:-1]
            elif line.startswith("  ") and not line.startswith("    ") and ", exists:" in line:
                listed.setdefault(variant, []).append(line.strip().rsplit(", exists:", 1)[0])
        mine: dict[str, list[str]] = {}
        for v, f in config_files(
            environ, home=environ["HOME"], sys_prefix=str(venv), platform="linux"
        ):
            mine.setdefault(v, []).append(f)
        assert mine == listed, result.stdout


def _files_read(sources: list[ParsedSource]) -> Iterator[str]:
    return (s.path for s in sources)


def test_load_machine_config_reads_existing_files_in_order(tmp_path: Path, venv: Path) -> None:
    environ = _layout(
        tmp_path,
        venv,
        {"xdg2": G + "timeout = 1\n", "legacy": G, "site": "[install]\nretries = 2\n"},
    )
    sources = load_machine_config(
        environ, home=environ["HOME"], sys_prefix=str(venv), platform="linux"
    )
    variants = [
        (s.settings[0].origin.value if s.settings else None, s.path)
        for s in sources
        if "/etc/" not in s.path
    ]
    assert [v for v, _ in variants] == ["global", None, "site"]
    assert [p.rsplit("/", 2)[-2] for p in _files_read(sources) if "/etc/" not in p] == [
        "pip",
        ".pip",
        "v",
    ]


def test_known_difference_empty_value_in_a_later_file(tmp_path: Path, venv: Path) -> None:
    """Documented difference: pip lets ``key =`` (empty) in a later file *unset* the value
    an earlier file gave (it merges, then drops empty values).  reqlint drops empty values
    at parse time (they are no setting), so the earlier value stays in
    ``Project.config_settings``.  This test pins the difference down so that a change on
    either side is noticed."""
    environ = _layout(tmp_path, venv, {"user": G + "retries = 9\n", "site": G + "retries =\n"})
    assert _theirs(environ, venv, tmp_path)["retries"] == 5
    assert _ours(environ, venv)["retries"] == 9
