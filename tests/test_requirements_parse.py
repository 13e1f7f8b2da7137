"""reqlint.sources.requirements: tables of (input, expected facts), named no-op cases, and
real files for includes and bad input.  What pip itself makes of the same syntax is
checked in test_pip_oracle.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reqlint.model import ParsedSource, Requirement
from reqlint.sources.requirements import load_requirements, parse_requirements
from reqlint.text import COMMENT_PREFIX, TextFile


def parse(
    text: str,
    *,
    env: dict[str, str] | None = None,
    constraint: bool = False,
    path: str = "requirements.txt",
) -> ParsedSource:
    return parse_requirements(TextFile.from_text(path, text), env=env, constraint=constraint)


def codes(source: ParsedSource) -> list[tuple[str, int, int]]:
    return [(p.code, p.location.line, p.location.column) for p in source.problems]


# ------------------------------------------------------------------------ options

OPTION_CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "long-space",
        "--index-url https://a.example/simple",
        [("index-url", "https://a.example/simple")],
    ),
    (
        "long-equals",
        "--index-url=https://a.example/simple",
        [("index-url", "https://a.example/simple")],
    ),
    ("short-glued", "-ihttps://a.example/simple", [("index-url", "https://a.example/simple")]),
    ("short-space", "-i https://a.example/simple", [("index-url", "https://a.example/simple")]),
    ("alias", "--pypi-url https://a.example/simple", [("index-url", "https://a.example/simple")]),
    (
        "abbreviation",
        "--index https://a.example/simple",
        [("index-url", "https://a.example/simple")],
    ),
    (
        "quoted",
        '--index-url "https://a.example/simple"',
        [("index-url", "https://a.example/simple")],
    ),
    (
        "extra",
        "--extra-index-url https://b.example/simple",
        [("extra-index-url", "https://b.example/simple")],
    ),
    ("no-index", "--no-index", [("no-index", "")]),
    ("find-links-short", "-f https://links.example/", [("find-links", "https://links.example/")]),
    ("find-links-long", "--find-links=./wheels", [("find-links", "./wheels")]),
    ("find-links-only-first", "-f one -f two", [("find-links", "one")]),
    (
        "trusted-hosts",
        "--trusted-host h1 --trusted-host=h2",
        [("trusted-host", "h1"), ("trusted-host", "h2")],
    ),
    (
        "flags",
        "--pre --prefer-binary --require-hashes",
        [("pre", ""), ("prefer-binary", ""), ("require-hashes", "")],
    ),
    ("no-require-hashes", "--no-require-hashes", [("no-require-hashes", "")]),
    ("only-binary", "--only-binary :all:", [("only-binary", ":all:")]),
    ("no-binary", "--no-binary=foo,bar", [("no-binary", "foo,bar")]),
    ("use-feature", "--use-feature fast-deps", [("use-feature", "fast-deps")]),
    (
        "release-control",
        "--all-releases :all: --only-final foo",
        [("all-releases", ":all:"), ("only-final", "foo")],
    ),
    # the shared FormatControl: pip applies --no-binary even on a requirement line
    ("no-binary-on-requirement-line", "pkg==1 --no-binary :all:", [("no-binary", ":all:")]),
    ("index-url-on-requirement-line-ignored", "pkg==1 --index-url https://x/simple", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in OPTION_CASES], ids=[c[0] for c in OPTION_CASES]
)
def test_option_spellings(text: str, expected: list[tuple[str, str]]) -> None:
    source = parse(text + "\n")
    assert [(s.key, s.value) for s in source.settings] == expected
    assert all(s.location.line == 1 for s in source.settings)


def test_setting_value_raw_span_and_removal() -> None:
    text = "pkg==1\n--index-url \\\n  https://${TOKEN}@private.example/simple  # mirror\n"
    source = parse(text, env={"TOKEN": "t0k"})
    (setting,) = source.settings
    assert setting.value == "https://t0k@private.example/simple"
    assert setting.raw == "https://${TOKEN}@private.example/simple"
    span = setting.location.span
    assert span is not None
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 1, 3, 42)
    assert text[span.start : span.end].endswith("private.example/simple")
    # every physical line of the continued option is commented out
    assert [(e.start, e.replacement) for e in setting.removal] == [
        (7, COMMENT_PREFIX),
        (text.index("  https"), COMMENT_PREFIX),
    ]


def test_check_mode_expands_nothing() -> None:
    source = parse("--index-url https://${TOKEN}@h.example/simple\n")
    assert source.settings[0].value == "https://${TOKEN}@h.example/simple"
    assert source.problems == ()


# --------------------------------------------------------------------- problems

PROBLEM_CASES: list[tuple[str, str, dict[str, str] | None, list[tuple[str, int, int]], str]] = [
    ("command-line-only", "--upgrade\n", None, [("RL002", 1, 1)], "command-line option"),
    ("removed-global-option", "--global-option=x\n", None, [("RL002", 1, 1)], "removed"),
    ("removed-install-option", "pkg --install-option x\n", None, [("RL002", 1, 5)], "removed"),
    ("unknown-long", "--bogus\n", None, [("RL002", 1, 1)], "unknown option --bogus"),
    ("unknown-short", "-x foo\n", None, [("RL002", 1, 1)], "no such option: -x"),
    ("ambiguous", "--no\n", None, [("RL002", 1, 1)], "ambiguous option"),
    ("missing-value", "--index-url\n", None, [("RL002", 1, 1)], "requires 1 argument"),
    ("flag-with-value", "--pre=yes\n", None, [("RL002", 1, 1)], "does not take a value"),
    (
        "stray-word",
        "--index-url https://a.example/ SomePkg\n",
        None,
        [("RL002", 1, 32)],
        "drops 'SomePkg'",
    ),
    ("weak-hash", "pkg==1 --hash=md5:abc\n", None, [("RL002", 1, 8)], "Allowed hash algorithms"),
    (
        "hash-without-algorithm",
        "pkg==1 --hash=abc\n",
        None,
        [("RL002", 1, 8)],
        "must be a hash name",
    ),
    ("bad-feature", "--use-feature=resolvelib\n", None, [("RL002", 1, 1)], "invalid choice"),
    ("config-settings-form", "pkg -C novalue\n", None, [("RL002", 1, 5)], "KEY=VAL"),
    ("unclosed-quote", "--index-url 'unclosed\n", None, [("RL002", 1, 1)], "could not split"),
    (
        "option-on-requirement-line",
        "pkg==1 --index-url https://x/simple\n",
        None,
        [("RL002", 1, 8)],
        "no effect on a requirement line",
    ),
    ("option-on-include-line", "-r other.txt --pre\n", None, [("RL002", 1, 14)], "on a -r/-c line"),
    ("hash-alone", "--hash=sha256:abc\n", None, [("RL002", 1, 1)], "without a requirement"),
    ("invalid-requirement-column", "foo bar\n", None, [("RL001", 1, 5)], "Expected"),
    ("invalid-marker-column", "foo==1 ; bad marker\n", None, [("RL001", 1, 10)], "invalid marker"),
    ("single-equals", "foo=1\n", None, [("RL001", 1, 4)], "did you mean =="),
    (
        "vcs-editable-without-name",
        "-e git+https://x.example/y.git\n",
        None,
        [("RL001", 1, 1)],
        "requirement name",
    ),
    (
        "egg-with-version",
        "https://x.example/y.tar.gz#egg=y>=1\n",
        None,
        [("RL001", 1, 1)],
        "egg fragment is invalid",
    ),
    (
        "undefined-variable",
        "--index-url https://${NOPE}@x.example/simple\n",
        {},
        [("RL007", 1, 21)],
        "${NOPE} is not set",
    ),
    (
        "empty-variable",
        "--index-url https://${EMPTY}@x.example/simple\n",
        {"EMPTY": ""},
        [("RL007", 1, 21)],
        "${EMPTY}",
    ),
    ("url-include", "-r https://x.example/r.txt\n", None, [], ""),  # pip fetches it: no finding
    (
        "comment-swallows-line",
        "foo==1  # note \\\nbar==2\n",
        None,
        [("RL008", 1, 9)],
        "line 2 ('bar==2') is lost",
    ),
    ("comment-swallows-two", "foo==1 \\\n  # x \\\n", None, [], ""),
]


@pytest.mark.parametrize(
    ("text", "env", "expected", "message"),
    [c[1:] for c in PROBLEM_CASES],
    ids=[c[0] for c in PROBLEM_CASES],
)
def test_problems(
    text: str, env: dict[str, str] | None, expected: list[tuple[str, int, int]], message: str
) -> None:
    source = parse(text, env=env)
    assert codes(source) == expected
    if message:
        assert message in source.problems[0].message


NO_OP_CASES: list[tuple[str, str]] = [
    ("egg-fragment-is-not-a-comment", "https://x.example/p.tar.gz#egg=p\n"),
    ("hash-fragment-is-not-a-comment", "p @ https://x.example/p.tar.gz#sha256=abc\n"),
    ("full-line-comment-ending-in-backslash", "# note \\\nbar==2\n"),
    ("indented-comment-ending-in-backslash", "   # note \\\nbar==2\n"),
    ("blank-and-comment-lines", "\n\n# only comments\n   \n"),
    ("trailing-comment", "pkg==1  # pinned for a reason\n"),
    ("lowercase-variable-not-expanded", "--index-url https://x.example/${lower}/simple\n"),
    ("final-line-ends-in-backslash", "pkg==1 \\"),
    ("crlf", "alpha==1.0 \\\r\n  ; python_version > '3'\r\nbeta==2.0  # c\r\n"),
    ("no-final-newline", "pkg==1"),
    ("double-dash-in-url", "--extra-index-url https://x.example/a--b/simple\n"),
    ("hashes-across-lines", "pkg==1 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in NO_OP_CASES], ids=[c[0] for c in NO_OP_CASES])
def test_no_problems(text: str) -> None:
    assert parse(text, env={"lower": "x"}).problems == ()


def test_lowercase_variable_stays_as_written() -> None:
    source = parse("--index-url https://x.example/${lower}/simple\n", env={"lower": "x"})
    assert source.settings[0].value == "https://x.example/${lower}/simple"


# ------------------------------------------------------------------ requirements

REQUIREMENT_CASES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "pep508",
        "Foo[b,a] >= 1.0, <2 ; python_version < '3.8'",
        {
            "name": "Foo",
            "specifier": "<2,>=1.0",
            "extras": ("a", "b"),
            "marker": 'python_version < "3.8"',
            "url": None,
        },
    ),
    (
        "egg-url",
        "https://x.example/pkg-1.0.tar.gz#egg=pkg",
        {"name": "pkg", "url": "https://x.example/pkg-1.0.tar.gz#egg=pkg", "is_vcs": False},
    ),
    (
        "wheel-url",
        "https://x.example/Pkg_Name-1.0-py3-none-any.whl",
        {"name": "pkg-name", "specifier": "==1.0"},
    ),
    (
        "vcs-editable",
        "-e git+https://github.com/o/r.git@v1#egg=r",
        {
            "name": "r",
            "editable": True,
            "is_vcs": True,
            "url": "git+https://github.com/o/r.git@v1#egg=r",
        },
    ),
    (
        "editable-long-option",
        "--editable=git+https://github.com/o/r.git#egg=r",
        {"name": "r", "editable": True},
    ),
    (
        "direct-reference",
        "name @ git+https://x.example/y.git ; sys_platform == 'linux'",
        {
            "name": "name",
            "url": "git+https://x.example/y.git",
            "is_vcs": True,
            "marker": 'sys_platform == "linux"',
        },
    ),
    (
        "local-directory",
        "./local/pkg[dev]",
        {"name": None, "url": "./local/pkg", "extras": ("dev",)},
    ),
    ("local-editable", "-e .", {"name": None, "url": ".", "editable": True}),
    (
        "hashes-in-order",
        "pkg==1 --hash=sha384:b --hash sha256:a",
        {"hashes": ("sha384:b", "sha256:a")},
    ),
    (
        "config-settings",
        "pkg==1 --config-settings k=v -C k2=v2",
        {"line_options": (("config-settings", "k=v"), ("config-settings", "k2=v2"))},
    ),
    ("text-as-pip-passes-it", "pkg \\\n  ==1.0", {"text": "pkg   ==1.0", "specifier": "==1.0"}),
    ("expanded-version", "pkg==${VERSION}", {"text": "pkg==1.2.3", "specifier": "==1.2.3"}),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in REQUIREMENT_CASES], ids=[c[0] for c in REQUIREMENT_CASES]
)
def test_requirement_facts(text: str, expected: dict[str, Any]) -> None:
    source = parse(text + "\n", env={"VERSION": "1.2.3"})
    (req,) = source.requirements
    assert req.error is None
    for key, value in expected.items():
        assert getattr(req, key) == value, key


def test_requirement_span_and_removal_across_lines() -> None:
    text = "first==1\nsecond \\\n  >=2  # why\nthird\n"
    req = parse(text).requirements[1]
    span = req.location.span
    assert span is not None
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 1, 3, 6)
    assert [e.start for e in req.removal] == [9, 18]


def test_crlf_line_numbers() -> None:
    source = parse("alpha==1.0 \\\r\n  ; python_version > '3'\r\nbeta==2.0\r\n")
    assert [(r.name, r.location.line) for r in source.requirements] == [("alpha", 1), ("beta", 3)]
    assert source.requirements[0].marker == 'python_version > "3"'


def test_comment_swallows_next_line_but_full_line_comment_does_not() -> None:
    swallowed = parse("foo==1  # note \\\nbar==2\n")
    assert [r.name for r in swallowed.requirements] == ["foo"]
    kept = parse("# note \\\nbar==2\n")
    assert [(r.name, r.location.line) for r in kept.requirements] == [("bar", 2)]


def test_constraint_file_marks_requirements_and_rejects_editables() -> None:
    source = parse("pkg==1\n-e ./x\n", constraint=True)
    assert [r.constraint for r in source.requirements] == [True, True]
    assert source.requirements[1].error == ("Editable requirements are not allowed as constraints")


def test_error_requirement_keeps_text_and_location() -> None:
    (req,) = parse("ok==1 ; python_version <\n").requirements
    assert req.error is not None
    assert req.text == "ok==1 ; python_version <"
    assert isinstance(req, Requirement)


# ------------------------------------------------------------------ suppressions

SUPPRESSION_CASES: list[tuple[str, str, dict[int, frozenset[str]]]] = [
    ("noqa-code", "pkg  # noqa: RL201\n", {1: frozenset({"RL201"})}),
    ("noqa-all", "pkg  # noqa\n", {1: frozenset()}),
    ("reqlint-codes", "pkg # reqlint: ignore[RL201,RL202]\n", {1: frozenset({"RL201", "RL202"})}),
    ("reqlint-all", "pkg # reqlint: ignore\n", {1: frozenset()}),
    (
        "continued",
        "pkg \\\n  >=1  # noqa: RL202\n",
        {1: frozenset({"RL202"}), 2: frozenset({"RL202"})},
    ),
    ("plain-comment", "pkg  # nothing to see\n", {}),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in SUPPRESSION_CASES], ids=[c[0] for c in SUPPRESSION_CASES]
)
def test_suppressions(text: str, expected: dict[int, frozenset[str]]) -> None:
    assert dict(parse(text).suppressions) == expected


# ----------------------------------------------------------- includes, real files


def write(base: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")


def test_includes_relative_to_including_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "root.txt": "-r sub/a.txt\nroot==1\n",
            "sub/a.txt": "-c b.txt\na==1\n",
            "sub/b.txt": "b==1\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    sources = load_requirements("root.txt")
    assert [(s.path, s.included_from) for s in sources] == [
        ("root.txt", None),
        ("sub/a.txt", "root.txt"),
        ("sub/b.txt", "sub/a.txt"),
    ]
    assert sources[0].includes[0].resolved == "sub/a.txt"
    assert sources[1].includes[0].resolved == "sub/b.txt"
    assert sources[2].requirements[0].constraint is True
    assert all(not s.problems for s in sources)


def test_include_diamond_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            "root.txt": "-r a.txt\n-r b.txt\n",
            "a.txt": "-r c.txt\n",
            "b.txt": "-r c.txt\n",
            "c.txt": "c==1\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    sources = load_requirements("root.txt")
    assert [s.path for s in sources] == ["root.txt", "a.txt", "c.txt", "b.txt"]
    assert all(not s.problems for s in sources)


@pytest.mark.parametrize(
    ("files", "where", "chain"),
    [
        ({"a.txt": "-r b.txt\n", "b.txt": "-r a.txt\n"}, "b.txt", "a.txt -> b.txt -> a.txt"),
        ({"a.txt": "x==1\n-r a.txt\n"}, "a.txt", "a.txt -> a.txt"),
    ],
    ids=["two-files", "self"],
)
def test_include_cycle(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str | bytes],
    where: str,
    chain: str,
) -> None:
    write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    sources = load_requirements("a.txt")
    problems = [(s.path, p) for s in sources for p in s.problems]
    assert len(problems) == 1
    path, problem = problems[0]
    assert (path, problem.code) == (where, "RL004")
    assert chain in problem.message


def test_missing_include_is_reported_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"root.txt": "ok==1\n-r missing.txt\n"})
    monkeypatch.chdir(tmp_path)
    (source,) = load_requirements("root.txt")
    assert codes(source) == [("RL003", 2, 1)]
    assert "file not found: missing.txt" in source.problems[0].message


BAD_INPUT: list[tuple[str, str | bytes | None, str]] = [
    ("binary", b"\x00\x01\x02binary", "binary file"),
    ("invalid-utf8", b"pkg==1\n\xff\xfe bad\n", "cannot decode"),
    ("directory", None, "is a directory"),
    ("broken-symlink", "symlink", "broken symbolic link"),
    ("missing", "", "file not found"),
    ("huge", "huge", "MiB"),
]


@pytest.mark.parametrize(
    ("content", "message"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | bytes | None, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "requirements.txt"
    if content is None:
        target.mkdir()
    elif content == "symlink":
        os.symlink(tmp_path / "nowhere.txt", target)
    elif content == "huge":
        with open(target, "wb") as handle:
            handle.truncate(17 * 1024 * 1024)
    elif isinstance(content, bytes):
        target.write_bytes(content)
    for path in ("requirements.txt", "root.txt"):
        if path == "root.txt":
            (tmp_path / "root.txt").write_text("-r requirements.txt\n", "utf-8")
        sources = load_requirements(path)
        problems = [p for s in sources for p in s.problems]
        assert [p.code for p in problems] == ["RL003"]
        assert message in problems[0].message


def test_display_path_is_used(tmp_path: Path) -> None:
    write(tmp_path, {"r.txt": "-r other.txt\n", "other.txt": "x==1\n"})
    sources = load_requirements(str(tmp_path / "r.txt"), display="shown/r.txt")
    assert sources[0].path == "shown/r.txt"
    assert sources[1].included_from == "shown/r.txt"


# ------------------------------------------------------------------- never raises

_ALPHABET = st.sampled_from(
    [
        *"ab=<>!~;[],.@:/#\\ \t\r\n-'\"${}ABC_01",
        "--index-url",
        "-i",
        "-e",
        "-r",
        "--hash=sha256:",
        "\x0c",
        "\u2028",
        " #",
        "${TOKEN}",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_parse_never_raises_and_spans_stay_in_the_text(text: str) -> None:
    source = parse(text, env={"TOKEN": "x y"})
    tf = TextFile.from_text("requirements.txt", text).with_pip_lines()  # lines as pip counts
    spans = [p.location.span for p in source.problems]
    spans += [r.location.span for r in source.requirements]
    spans += [s.location.span for s in source.settings]
    for span in spans:
        assert span is not None
        assert 0 <= span.start <= span.end <= len(text)
        assert 1 <= span.line <= span.end_line <= tf.line_count
