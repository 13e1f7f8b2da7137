"""pip-compile's continued form (``req \\`` then ``--hash=...`` lines) read by the fast
path (``_Parser.hashed``) gives exactly what the full pipeline gives (issue 13).

The reference is the full pipeline with every shortcut off: the one the pip differential
tests (test_pip_oracle.py, test_fuzz_requirements.py) judge.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reqlint.model import ParsedSource
from reqlint.sources import req_constructors as con_mod
from reqlint.sources import requirements as req_mod
from reqlint.sources.requirements import parse_requirements
from reqlint.text import TextFile

H = "0123456789abcdef" * 4

_HEADS = st.sampled_from(
    [
        "six==1.16.0",
        "  six==1.16.0",
        "Django>=4.2,<5",
        'attrs==23.1 ; python_version < "3.12"',
        "pkg[a,b]==1.0",
        "bad line here",
        "a==",
        "a==1 -e x",
        "-e git+https://g/x.git#egg=x",
        "a==1\t-x",
        "",
        "   ",
        "pkg @ https://h/pkg-1.0-py3-none-any.whl",
        "x==${V}",
        "c==1 # c",
        "a===1.0",
        "é==1",
        "a==1 --hash=sha256:" + H,
        "pkg[",
        "name @",
        "\\a==1",
        "a==1.0.*",
        "a (==1)",
        "a==1;",
        "a; bogus",
    ]
)
_ENDS = st.sampled_from([" \\", "\\", "  \\", " \\\\", "\t\\"])
_HASH_LINES = st.sampled_from(
    [
        "    --hash=sha256:" + H,
        "  --hash=sha384:" + H,
        "\t--hash=sha256:" + H,
        "    --hash=sha256:" + H + "  ",
        "--hash=sha256:" + H,
        "    --hash=md5:" + H,
        "    --hash sha256:" + H,
        "    --hash=sha256:",
        "    --hash=sha256:" + H + " # c",
        "    --hash=sha512:" + H + " --hash=sha256:" + H,
        "    -r x.txt",
        "    # via x",
        "    --hash=sha256:a'b",
        "    --hash=sha256:${H}",
        "    --hash=sha256:" + H + " x",
        "",
        "   ",
        "\\    --hash=sha256:" + H,
    ]
)


def _full_pipeline(
    tf: TextFile,
    *,
    constraint: bool,
    env: dict[str, str] | None,
) -> ParsedSource:
    simple, hashed, plain = req_mod._Parser.simple, req_mod._Parser.hashed, con_mod._plain_fields
    try:
        req_mod._Parser.simple = lambda self, piece: False  # type: ignore[method-assign]
        req_mod._Parser.hashed = lambda self, pieces: False  # type: ignore[method-assign]
        con_mod._plain_fields = lambda text: None
        con_mod._BUILT.clear()
        return parse_requirements(tf, constraint=constraint, env=env)
    finally:
        req_mod._Parser.simple = simple  # type: ignore[method-assign]
        req_mod._Parser.hashed = hashed  # type: ignore[method-assign]
        con_mod._plain_fields = plain
        con_mod._BUILT.clear()


_GOOD_HEADS = st.sampled_from(["six==1.16.0", "  a[x]>=1,<2 ; os_name == 'nt'", "b==1.0  "])
_GOOD_HASH = st.sampled_from(["    --hash=sha256:" + H, "  --hash=sha512:" + H + " "])


@st.composite
def continued(draw: st.DrawFn) -> str:
    # mostly the form the fast path takes, so it is exercised; the rest probes its edges
    head = draw(st.one_of(_GOOD_HEADS, _HEADS))
    lines = [head + draw(st.one_of(st.just(" \\"), _ENDS))]
    count = draw(st.integers(1, 3))
    for i in range(count):
        end = " \\" if i < count - 1 else ""
        lines.append(
            draw(st.one_of(_GOOD_HASH, _GOOD_HASH, _HASH_LINES))
            + (end if draw(st.integers(0, 4)) else draw(_ENDS))
        )
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["    # via x", "next==1", "", "-r other.txt"])))
    return "\n".join(lines)


@settings(max_examples=200)
@given(
    st.lists(continued(), min_size=1, max_size=4),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.booleans(),
)
@example(
    ["six==1.16.0 \\\n    --hash=sha256:" + H + " \\\n    --hash=sha256:" + H], "\n", False, False
)
@example(["a== \\\n    --hash=sha256:" + H], "\n", False, False)
@example(["pkg[ \\\n    --hash=sha256:" + H], "\n", False, False)
def test_the_hash_fast_path_reads_like_the_full_pipeline(
    blocks: list[str], newline: str, constraint: bool, env: bool
) -> None:
    text = newline.join(blocks).replace("\n", newline) if newline != "\n" else "\n".join(blocks)
    tf = TextFile.from_text("requirements.txt", text + newline)
    environ = {"V": "2.0", "H": H} if env else None
    fast = parse_requirements(tf, constraint=constraint, env=environ)
    assert fast == _full_pipeline(tf, constraint=constraint, env=environ)


def test_the_fast_path_takes_pip_compile_output() -> None:
    """It must be taken for what lock files are made of, or it buys nothing."""
    tf = TextFile.from_text(
        "r.txt",
        "six==1.16.0 \\\n    --hash=sha256:" + H + " \\\n"
        "    --hash=sha256:" + H + "\n    # via x\n",
    )
    parser = req_mod._Parser(tf, None, False)
    pieces = next(iter(req_mod._joined(tf)))[1]
    assert parser.hashed(pieces)
    assert parser.requirements[0].hashes == ("sha256:" + H, "sha256:" + H)


# ------------------------------------------------------------------------ markers

_VARS = st.sampled_from(
    [
        "python_version",
        "python_full_version",
        "os_name",
        "sys_platform",
        "platform_system",
        "platform_machine",
        "implementation_name",
        "platform_python_implementation",
        "extra",
        "python_implementation",
        "platform.machine",
        "python_versionx",
        "os_name2",
    ]
)
_MARKER_OPS = st.sampled_from(
    [
        "<",
        "<=",
        "==",
        "!=",
        ">=",
        ">",
        "~=",
        "===",
        " in ",
        " not in ",
        "not in",
        " not  in ",
        "=",
        " < ",
    ]
)
_VALUES = st.sampled_from(
    [
        '"3.12"',
        "'3.11'",
        '"linux"',
        "'win32'",
        '"a b"',
        '""',
        "'x\"y'",
        '"1.0+local"',
        '"Test_X"',
        "3.8",
        '"\\t"',
        '"é"',
    ]
)
_MARKER_WS = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def marker_text(draw: st.DrawFn) -> str:
    items = []
    for _ in range(draw(st.integers(1, 3))):
        items.append(
            draw(_VARS) + draw(_MARKER_WS) + draw(_MARKER_OPS) + draw(_MARKER_WS) + draw(_VALUES)
        )
    text = items[0]
    for item in items[1:]:
        text += draw(st.sampled_from([" and ", " or ", "  and\t", "and", " AND ", " or"])) + item
    if draw(st.integers(0, 5)) == 0:
        text = "(" + text + ")"
    return text


@settings(max_examples=1000)
@given(marker_text())
@example('python_version<"3"and os_name=="nt"')
@example('sys_platform not in "linux"')
def test_plain_markers_print_as_packaging_prints_them(text: str) -> None:
    from packaging.markers import InvalidMarker, Marker

    fast = con_mod._marker_without_packaging(text)
    if fast is not None:
        assert fast == str(Marker(text))
    else:
        try:
            Marker(text)
        except InvalidMarker:
            return


def test_the_plain_marker_path_takes_the_common_forms() -> None:
    for text in [
        'python_version < "3.12"',
        "python_version<'3.11'",
        'sys_platform == "linux"',
        'platform_system == "Windows" or platform_system == "Darwin"',
        'os_name != "nt" and python_version >= "3.8"',
    ]:
        assert con_mod._marker_without_packaging(text) is not None, text


# ------------------------------------------------------- pre-, post- and dev-releases

_RICH_VERSIONS = st.sampled_from(
    [
        "1",
        "1.0",
        "1rc1",
        "1.0rc1",
        "1.0a1",
        "1.0b2",
        "1.0.post1",
        "1.0.dev0",
        "1.0a1.post2.dev3",
        "1.0rc1.*",
        "1.0.post1.*",
        "1.2.*",
        "1.0RC1",
        "1.0-1",
        "1.0post1",
        "1.0.rc1",
        "1.0+local",
        "1.*.0",
    ]
)
_RICH_OPS = st.sampled_from(["==", "!=", "<=", ">=", "<", ">", "~=", "==="])


@settings(max_examples=1000)
@given(
    st.sampled_from(["a", "Pkg_x", "pkg[e]"]),
    st.lists(st.tuples(_RICH_OPS, _RICH_VERSIONS), min_size=1, max_size=3),
)
@example("a", [("~=", "1rc1")])
@example("a", [("==", "1.0rc1.*")])
def test_plain_fields_take_pre_post_and_dev_releases_as_packaging_does(
    name: str, specs: list[tuple[str, str]]
) -> None:
    text = name + ",".join(op + version for op, version in specs)
    fast = con_mod._plain_fields(text)
    if fast is not None:
        try:
            slow: object = con_mod._from_line_packaging(text)
        except con_mod._ReqError as exc:
            slow = exc.message
        assert slow == fast


def test_the_plain_path_takes_pre_releases() -> None:
    for text in ["a==1.0rc1", "b>=2.0.post1,<3", "c~=1.0b2", "d==1.0.dev0"]:
        assert con_mod._plain_fields(text) is not None, text


# ------------------------------------------------------------- --hash on one line

_INLINE = st.sampled_from(
    [
        " --hash=sha256:" + H,
        "  --hash=sha512:" + H,
        "\t--hash=sha256:" + H,
        " --hash=md5:" + H,
        " --hash sha256:" + H,
        " --hash=sha256:",
        " --hash=sha256:" + H + "  ",
        " -e x",
        " --hash=sha256:'a'",
        " --hash=sha256:" + H + " # c",
        " --hash=sha256:" + H + "x y",
        " --config-settings=k=v",
        " --hash=sha256:a\\b",
    ]
)


@settings(max_examples=400)
@given(
    st.one_of(_GOOD_HEADS, _HEADS),
    st.lists(st.one_of(_INLINE, st.just(" --hash=sha256:" + H)), min_size=1, max_size=3),
    st.booleans(),
)
def test_inline_hashes_read_like_the_full_pipeline(
    head: str, options: list[str], constraint: bool
) -> None:
    tf = TextFile.from_text("requirements.txt", head + "".join(options) + "\n")
    fast = parse_requirements(tf, constraint=constraint)
    assert fast == _full_pipeline(tf, constraint=constraint, env=None)


def test_the_inline_hash_path_is_taken() -> None:
    tf = TextFile.from_text("r.txt", f"  six==1.16.0 --hash=sha256:{H}  --hash=sha256:{H}\n")
    parser = req_mod._Parser(tf, None, False)
    piece = next(iter(req_mod._joined(tf)))[1][0]
    assert parser.simple(piece)
    assert parser.requirements[0].hashes == ("sha256:" + H, "sha256:" + H)
    assert parser.requirements[0].location.span is not None
    assert parser.requirements[0].location.span.column == 3
