"""Findings in YAML files point at the characters as written, whatever the scalar style.

A pip option in a conda ``environment.yml`` (or a CI file) may be plain, quoted with
escapes, folded or literal; PyYAML hands over the decoded value, and reqlint maps each of
its characters back to the file.  Each row is run through a real ``reqlint check``: the
finding's span, cut out of the file, must be the option exactly as written there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reqlint.cli import main

HEAD = "dependencies:\n  - python=3.12\n  - pip:\n"

# (id, the pip: list item as written (after "    - "), code, the span as written)
ROWS: list[tuple[str, str, str, str]] = [
    (
        "plain",
        "--index-url http://plain.example/simple",
        "RL102",
        "--index-url http://plain.example/simple",
    ),
    (
        "double-quoted",
        '"--index-url http://double.example/simple"',
        "RL102",
        "--index-url http://double.example/simple",
    ),
    (
        "hex-escape",
        '"--index-url http://hex\\x2eexample/simple"',
        "RL102",
        "--index-url http://hex\\x2eexample/simple",
    ),
    (
        "unicode-escapes",
        '"--index-url http://u\\u002eexample\\U0000002fsimple"',
        "RL102",
        "--index-url http://u\\u002eexample\\U0000002fsimple",
    ),
    (
        "escaped-quote",
        '"--index-url http://q.example/simple?\\"x\\""',
        "RL102",
        '--index-url http://q.example/simple?\\"x\\"',
    ),
    (
        "single-quoted",
        "'--index-url http://single.example/simple'",
        "RL102",
        "--index-url http://single.example/simple",
    ),
    (
        "single-quoted-doubled-quote",
        "'six; python_version > ''3.8'''",
        "RL201",
        "six; python_version > ''3.8''",
    ),
    (
        "escaped-line-break",
        '"--index-url \\\n      http://joined.example/simple"',
        "RL102",
        "--index-url \\\n      http://joined.example/simple",
    ),
    (
        "folded-double-quoted",
        '"--index-url\n      http://folded.example/simple"',
        "RL102",
        "--index-url\n      http://folded.example/simple",
    ),
    (
        "plain-over-two-lines",
        "--index-url\n      http://plain2.example/simple",
        "RL102",
        "--index-url\n      http://plain2.example/simple",
    ),
    (
        "folded-block",
        ">-\n      --index-url\n      http://block.example/simple",
        "RL102",
        "--index-url\n      http://block.example/simple",
    ),
    (
        "literal-block-option-line",
        "|-\n      --index-url http://literal.example/simple",
        "RL102",
        "--index-url http://literal.example/simple",
    ),
    (
        "literal-block-clip",
        "|\n      --index-url http://clip.example/simple",
        "RL102",
        "--index-url http://clip.example/simple",
    ),
    (
        "literal-block-keep",
        "|+\n      --index-url http://keep.example/simple\n",
        "RL102",
        "--index-url http://keep.example/simple",
    ),
    ("trusted-host-quoted", '"--trusted-host t.example"', "RL103", "--trusted-host t.example"),
]


def _span(text: str, finding: dict[str, int]) -> str:
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: finding["line"] - 1]) + finding["column"] - 1
    end = sum(len(x) for x in lines[: finding["end_line"] - 1]) + finding["end_column"] - 1
    return text[start:end]


def _findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str
) -> list[dict[str, object]]:
    (tmp_path / "environment.yml").write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    status = main(["check", "--output-format", "json", "environment.yml"])
    out = capsys.readouterr().out
    assert status in (0, 1), out
    found: list[dict[str, object]] = json.loads(out)["diagnostics"]
    return found


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    ("item", "code", "written"), [pytest.param(i, c, w, id=n) for n, i, c, w in ROWS]
)
def test_the_span_is_the_option_as_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    item: str,
    code: str,
    written: str,
    crlf: bool,
) -> None:
    text = f"{HEAD}    - {item}\n    - requests==2.32.3\n"
    if crlf:
        text, written = text.replace("\n", "\r\n"), written.replace("\n", "\r\n")
    mine = [f for f in _findings(tmp_path, monkeypatch, capsys, text) if f["code"] == code]
    assert len(mine) == 1, mine
    assert _span(text, mine[0]) == written  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(
            "dependencies:\n  - pip:\n    - six\x07\n",
            "cannot parse YAML",
            id="a-control-character",
        ),
        pytest.param("dependencies: [\n", "cannot parse YAML", id="unclosed-flow"),
    ],
)
def test_a_file_pyyaml_refuses_is_one_located_rl009(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
    words: str,
) -> None:
    found = _findings(tmp_path, monkeypatch, capsys, text)
    assert [f["code"] for f in found] == ["RL009"]
    assert words in str(found[0]["message"])
    assert found[0]["path"] == "environment.yml"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("# only a comment\n", id="only-a-comment"),
        pytest.param(
            "? [a, b]\n: c\ndependencies:\n  - pip:\n    - six==1.16.0\n",
            id="a-key-that-is-not-a-scalar",
        ),
        pytest.param("dependencies:\n  - pip: |-\n", id="an-empty-literal-block"),
    ],
)
def test_unusual_but_valid_yaml_is_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    assert [
        f["code"] for f in _findings(tmp_path, monkeypatch, capsys, text) if f["code"] == "RL009"
    ] == []
