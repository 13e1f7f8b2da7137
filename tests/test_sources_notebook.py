"""Jupyter notebooks: the shell lines (``!pip ...``, ``%pip ...``) and ``%%bash`` cells of
code cells, read as a shell script's commands, every finding at the characters inside the
JSON string it was written in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reqlint.discovery import HOOK_FILES, candidates, classify
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Diagnostic, SourceKind
from reqlint.sources._notebook import notebook_scripts


def notebook(*cells: dict[str, object]) -> str:
    data = {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def code(source: list[str] | str, outputs: list[object] | None = None) -> dict[str, object]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": outputs or [],
        "source": source,
    }


def lint(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> list[Diagnostic]:
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return list(run(load_project(candidates(["."]))).diagnostics)


def at(text: str, diag: Diagnostic) -> str:
    span = diag.location.span
    assert span is not None
    return text[span.start : span.end]


# NeMo's tutorials: a find-links page beside PyPI and an unquoted specifier, in a line
# users copy; the same text in a markdown cell and in an output is no command.
NEMO = notebook(
    {
        "cell_type": "markdown",
        "metadata": {},
        "source": ["!pip install x -f https://a.example/l\n"],
    },
    code(
        [
            '# Install "dependencies" \u2014 CPU build\n',
            "!pip install torchaudio>=0.13.0 -f https://download.pytorch.org/whl/torch_stable.html\n",
            "import os\n",
            "%pip install -q --extra-index-url https://pypi.corp.example/simple x==1",
        ],
        outputs=[
            {
                "name": "stdout",
                "output_type": "stream",
                "text": ["!pip install y -i http://b.example/s\n"],
            }
        ],
    ),
    code("%%bash\nexport PIP_INDEX_URL=http://mirror.example/simple\npip install y==2\n"),
)


def test_shell_lines_and_cells_are_read_where_they_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint(tmp_path, {"tutorials/00_Primer.ipynb": NEMO}, monkeypatch)
    got = [(d.code, at(NEMO, d)) for d in found]
    assert got == [
        ("RL011", "torchaudio>=0.13.0"),
        ("RL101", "-f https://download.pytorch.org/whl/torch_stable.html"),
        ("RL101", "--extra-index-url https://pypi.corp.example/simple"),
        ("RL102", "http://mirror.example/simple"),
    ]
    # each line and each %%bash cell is a shell of its own: the cell's export is no
    # primary index of another cell's commands
    assert all("pypi.org/simple (the public index, pip's default)" in d.message for d in found[1:3])
    assert [d.location.line for d in found] == [
        NEMO[: NEMO.index(t)].count("\n") + 1
        for t in ("torchaudio>=", "-f https://download", "--extra-index-url", "http://mirror")
    ]


def test_escapes_inside_the_json_string_keep_the_columns(tmp_path: Path) -> None:
    text = notebook(code(['!pip install --extra-index-url "https://a.example/\u00e9" x\n']))
    text = text.replace("\u00e9", "\\u00e9")  # as an ensure_ascii writer spells it
    ((route, script),) = notebook_scripts(text)
    assert route == "cell 1, line 1"
    assert script.chars.startswith('pip install --extra-index-url "https://a.example/\u00e9"')
    start = script.offsets[script.chars.index("\u00e9")][0]
    assert text[start : start + 6] == "\\u00e9"


def test_not_a_notebook_is_nothing() -> None:
    assert list(notebook_scripts("{not json")) == []
    assert list(notebook_scripts('{"cells": 3}')) == []


def test_discovery_and_the_hook_read_notebooks() -> None:
    import re

    assert classify("tutorials/asr/Speech_Commands.ipynb") is SourceKind.SCRIPT
    assert re.search(HOOK_FILES, "tutorials/asr/Speech_Commands.ipynb")


def test_a_notebook_too_big_to_read_is_skipped_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQLINT_MAX_FILE_BYTES", "200")
    body = notebook(code(["!pip install --extra-index-url https://x.example/s y\n"]))
    assert len(body) > 200
    assert lint(tmp_path, {"big.ipynb": body}, monkeypatch) == []
    monkeypatch.setenv("REQLINT_MAX_FILE_BYTES", str(len(body)))
    assert [d.code for d in lint(tmp_path, {"big.ipynb": body}, monkeypatch)] == ["RL101"]
