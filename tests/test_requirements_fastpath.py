"""The fast paths of the requirements parser give exactly what the full pipeline gives.

Two shortcuts make large files cheap (issue 13): a line that is not joined to another and
has no option skips the offset-mapping pipeline (``_Parser.simple``), and a plain PEP 508
requirement (``name``, ``name[extra]``, ``name OP release, ...``) is read without
packaging (``_plain_fields``).  Both are proved here against the slow route, which is the
one the pip differential tests (test_pip_oracle.py, test_requirements_parse.py) judge:
packaging stays the authority, the shortcut must never disagree with it.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reqlint.model import ParsedSource
from reqlint.sources import req_constructors as con_mod
from reqlint.sources import requirements as req_mod
from reqlint.sources.requirements import parse_requirements
from reqlint.text import TextFile

_NAMES = st.sampled_from(
    [
        "a",
        "A",
        "six",
        "Django",
        "zope.interface",
        "typing_extensions",
        "pkg-1",
        "x.y_z-w",
        "9lives",
        "a-",
        "-a",
        "a..b",
        "ab_",
        "é",
    ]
)
_OPS = st.sampled_from(["==", "!=", ">=", "<=", "<", ">", "~=", "===", "=", "=>", "= ="])
_VERSIONS = st.sampled_from(
    [
        "1",
        "1.2",
        "1.2.3",
        "01.0",
        "1.2.*",
        "1.*",
        "1.0rc1",
        "2.0.post1",
        "1.0+local",
        "*",
        "1.2.3.4.5",
        "0",
        "1.",
        ".1",
        "v1",
        "1.0.dev0",
        "${V}",
    ]
)
_WS = st.sampled_from(["", " ", "  ", "\t", " \t"])
_MARKERS = st.sampled_from(
    [
        'python_version < "3.12"',
        "python_version<'3.11'",
        'sys_platform == "linux"',
        'extra == "test"',
        "bogus marker",
        'os_name == "nt" and',
        "",
    ]
)
_URLS = st.sampled_from(
    [
        "https://files.example.org/pkg-1.0.tar.gz",
        "https://h/pkg-1.0-py3-none-any.whl",
        "https://h/pkg-1.0-py3-none-any.whl#sha256=" + "a" * 64,
        "git+https://github.com/acme/pkg.git@v1.2",
        "git+ssh://git@github.com/acme/pkg.git@main#egg=pkg",
        "git+https://g/x.git#egg=bad[extra]",
        "git+https://g/x.git#egg=a-",
        "hg+https://h/repo",
        "http://[::1]/x.whl",
        "http://h/x[y]",
        "file:///tmp/x.whl",
        "file://host/x",
        "https://",
        "HTTPS://h/x.tar.gz",
        "https://h/a b",
        "https://h/x;y",
        "",
    ]
)
_EXTRAS = st.lists(st.sampled_from(["a", "b", "Sec", "x-y", "z.w", "", "a,b"]), max_size=3)


@st.composite
def requirement_text(draw: st.DrawFn) -> str:
    text = draw(_NAMES) + draw(_WS)
    if draw(st.booleans()):
        sep = draw(st.sampled_from([",", " , ", ","]))
        text += "[" + draw(_WS) + sep.join(draw(_EXTRAS)) + draw(_WS) + "]" + draw(_WS)
    if draw(st.integers(0, 3)) == 0:
        text += "@" + draw(_WS) + draw(_URLS)
    else:
        for i in range(draw(st.integers(0, 3))):
            if i:
                text += draw(_WS) + "," + draw(_WS)
            text += draw(_OPS) + draw(_WS) + draw(_VERSIONS)
    if draw(st.integers(0, 3)) == 0:
        text += draw(_WS) + ";" + draw(_WS) + draw(_MARKERS)
    return text.strip()


def _slow(text: str) -> tuple[object, ...]:
    try:
        return ("ok", con_mod._from_line_packaging(text))
    except con_mod._ReqError as exc:
        return ("error", exc.message, exc.index)


@settings(max_examples=800)
@given(requirement_text())
@example("pkg [ a , b ] >= 1.0")
@example("pkg>=1.0,>=1.0.0")  # equal specifiers merge in packaging: left to it
@example("a==1.0;")
@example("a[B]")  # pip's strip_extras lower-cases these: left to it
@example("foo.whl")
@example("a~=1")
def test_plain_fields_agree_with_packaging(text: str) -> None:
    fast: tuple[object, ...] | None
    try:
        plain = con_mod._plain_fields(text)
        fast = None if plain is None else ("ok", plain)
    except con_mod._ReqError as exc:  # a plain URL that pip's link checks refuse
        fast = ("error", exc.message, exc.index)
    if fast is not None:
        assert _slow(text) == fast


_EDITABLES = st.sampled_from(
    [
        "git+https://github.com/acme/pkg.git@v1#egg=pkg",
        "git+https://github.com/acme/pkg.git#egg=Pkg_2.x",
        "git+ssh://git@github.com/acme/pkg.git@main#egg=pkg&subdirectory=libs/a",
        "git+https://g/x.git#egg=a-",
        "git+https://g/x.git#egg=bad[extra]",
        "git+https://g/x.git",
        "git://g/x.git#egg=x",
        "hg+https://h/repo#egg=r",
        "file:///tmp/proj#egg=proj",
        "pkg @ git+https://g/x.git",
        "pkg[a] @ git+https://g/x.git ; python_version < '3.9'",
        " pkg@git+https://g/x.git",
        "./local/dir",
        "./local/dir[extra]",
        "requests",
        "svn+https://s/r#egg=s",
    ]
)


def _editable_slow(text: str, constraint: bool) -> tuple[object, ...]:
    """``_editable`` with its two shortcuts off: packaging reads every text."""
    maybe, bare = con_mod._MAYBE_DIRECT_URL, con_mod._BARE_NAME
    try:
        con_mod._MAYBE_DIRECT_URL = re.compile("")
        con_mod._BARE_NAME = re.compile("(?!)")
        return _editable_result(text, constraint)
    finally:
        con_mod._MAYBE_DIRECT_URL, con_mod._BARE_NAME = maybe, bare


def _editable_result(text: str, constraint: bool) -> tuple[object, ...]:
    try:
        return ("ok", con_mod._editable(text, constraint))
    except con_mod._ReqError as exc:
        return ("error", exc.message, exc.index)


@settings(max_examples=300)
@given(_EDITABLES, st.sampled_from(["", "[x]", "#frag", "&egg=y"]), st.booleans())
def test_editables_read_without_packaging_agree_with_packaging(
    text: str, tail: str, constraint: bool
) -> None:
    """``-e VCS#egg=name`` needs no PEP 508 parser: what packaging would say is checked."""
    assert _editable_result(text + tail, constraint) == _editable_slow(text + tail, constraint)


def test_the_plain_path_takes_the_common_forms() -> None:
    """The shortcut must be taken for what monorepos are made of, or it buys nothing."""
    for text in [
        "six==1.16.0",
        "Django>=4.2,<5",
        "pkg[a,b]==1.0",
        "pkg >= 1.0 , < 2",
        "zope.interface~=5.4",
        "requests",
        'numpy==1.26; python_version < "3.12"',
        "pkg!=1.2.*",
        "pkg @ https://files.example.org/pkg-1.0.tar.gz",
        "pkg[a]@git+https://github.com/acme/pkg.git@v1 ; python_version < '3.9'",
    ]:
        assert con_mod._plain_fields(text) is not None, text


# ------------------------------------------------------------------ whole files

_LINES = st.sampled_from(
    [
        "six==1.16.0",
        "Django>=4.2,<5  # pinned",
        "pkg[a]==1.0 ; python_version < '3.9'",
        "  indented==1",
        "# a comment",
        "#",
        "   # indented comment",
        "",
        "   ",
        "x==1  # reqlint: ignore[RL202]",
        "y>=1  # noqa",
        "# noqa: RL201",
        "bad line here",
        "-r other.txt",
        "--index-url https://pypi.org/simple",
        "a==1 --hash=sha256:" + "a" * 64,
        "-e git+https://g/x.git#egg=x",
        "b==2 \\",
        "    --hash=sha256:" + "b" * 64,
        "c==1 # comment \\",
        "name @ https://x/y-1.0-py3-none-any.whl",
        "d==1\t# tab comment",
        "e==${VERSION}",
        "./local/dir",
        "f===1.0",
        "g = =1",
        "h[x] @ file:///tmp/h",
        "--no-index",
        "pkg-a_b.c==1.0.0",
        "i ; bogus",
        "j==1.0 -c c.txt",
    ]
)


def _without_fast_path(
    text: TextFile, *, constraint: bool = False, env: dict[str, str] | None = None
) -> ParsedSource:
    original = req_mod._Parser.simple
    plain = con_mod._plain_fields
    try:
        req_mod._Parser.simple = lambda self, piece: False  # type: ignore[method-assign]
        con_mod._plain_fields = lambda text: None
        con_mod._BUILT.clear()
        return parse_requirements(text, constraint=constraint, env=env)
    finally:
        req_mod._Parser.simple = original  # type: ignore[method-assign]
        con_mod._plain_fields = plain
        con_mod._BUILT.clear()


def _assert_same(text: str, *, constraint: bool = False, env: dict[str, str] | None = None) -> None:
    tf = TextFile.from_text("requirements.txt", text)
    assert parse_requirements(tf, constraint=constraint, env=env) == _without_fast_path(
        tf, constraint=constraint, env=env
    )


@settings(max_examples=250)
@given(
    st.lists(_LINES, max_size=12),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
    st.booleans(),
)
def test_fast_and_full_pipeline_read_a_file_the_same(
    lines: list[str], newline: str, constraint: bool, env: bool
) -> None:
    _assert_same(
        newline.join(lines), constraint=constraint, env={"VERSION": "2.0"} if env else None
    )


def test_the_benchmark_corpus_reads_the_same(tmp_path: Path) -> None:
    """Real-looking files: the corpus generator's own style, a few hundred lines."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        import gen_corpus
    finally:
        sys.path.pop(0)
    gen = gen_corpus.Gen(random.Random(13))
    for style in ("hand", "compiled", "mixed"):
        lines, _ = gen_corpus.make_file(gen, 300, style, ["base.txt"], True, True)
        _assert_same("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    "text",
    [
        "a==1\n",
        "a==1",
        "\ufeffa==1\n",
        "a==1\x0bb==2\n",
        "a==1\u2028b==2\n",
        "a==1\\\n",
        "# x \\\na==1\n",
    ],
)
def test_line_splitting_edge_cases_read_the_same(text: str) -> None:
    _assert_same(text)
