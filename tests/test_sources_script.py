"""Shell scripts and Makefiles: the pip commands they run, found and judged.

Real make is the referee of what a recipe line hands to the shell (``make -n`` prints it):
the ``@``/``-``/``+`` prefixes go, ``$$`` becomes ``$``, a ``\\`` continuation keeps the
command going on the next line.  Real-world cases: accelerate's Makefile and sktime's
``check_install_from_test_pypi.sh`` install from TestPyPI with PyPI beside it (trial 5).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reqlint.cli import main
from reqlint.discovery import HOOK_FILES, candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import SourceKind
from reqlint.sources.script import _scripts
from reqlint.text import TextFile

MAKEFILE = (
    "VERSION = 1.0\n"
    "# a comment line\n"
    "test_prod:\n"
    "\t@python -m pip install -i https://test.pypi.org/simple/ "
    "--extra-index-url https://pypi.org/simple accelerate\n"
    "\n"
    "wheels:\n"
    "\t-pip install \\\n"
    "\t  --extra-index-url https://wheels.corp.example/simple $$PKG\n"
    "\t+true\n"
)


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_recipe_lines_are_what_make_hands_the_shell(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "-f", "Makefile", "test_prod", "wheels"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    text_file = TextFile.decode("Makefile", MAKEFILE.encode(), pep263=False)
    read = "\n".join(script.chars for _, script in _scripts(text_file))
    assert read + "\n" == done.stdout
    # every character still points at where it is written ($$ at both its characters)
    for _, script in _scripts(text_file):
        for char, (a, b) in zip(script.chars, script.offsets, strict=True):
            written = MAKEFILE[a:b]
            assert written == char or (char, written) in (("$", "$$"), ("\n", "\n"))


def test_scripts_and_makefiles_are_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    tools = tmp_path / "build_tools"
    tools.mkdir()
    (tools / "check_install_from_test_pypi.sh").write_text(
        "#!/bin/bash\nset -e\n# pip install from TestPyPI, comment only\n"
        "pip install --index-url https://test.pypi.org/simple/ --extra-index-url "
        "https://pypi.org/simple sktime==$VERSION\n"
        "python -m pip install git+https://github.com/acme/tool@main\n",
        encoding="utf-8",
    )
    (tools / "quiet.sh").write_text("echo nothing to see\n", encoding="utf-8")
    code = main(["check", "--isolated", "."])
    out = capsys.readouterr().out
    assert code == 1
    found = sorted(re.findall(r"^(\S+?):(\d+):\d+: (RL\d+) (\w+)", out, re.MULTILINE))
    assert found == [
        ("Makefile", "4", "RL101", "warning"),
        ("Makefile", "8", "RL101", "warning"),
        ("build_tools/check_install_from_test_pypi.sh", "4", "RL101", "warning"),
        ("build_tools/check_install_from_test_pypi.sh", "5", "RL204", "info"),
    ]
    assert "TestPyPI, where anyone can upload any name" in out
    assert "--no-deps" in out  # the remedy: the package under test alone from TestPyPI
    assert "$$" not in out


def test_discovery_and_the_hook_pattern(tmp_path: Path) -> None:
    names = ["Makefile", "GNUmakefile", "docs/makefile", "mk/rules.mk", "a.sh", "b/c.bash"]
    for name in [*names, "notes.shtml", "Makefile.md"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("echo\n", encoding="utf-8")
    found = {
        Path(c.path).relative_to(tmp_path).as_posix(): c.kind for c in candidates([str(tmp_path)])
    }
    assert {n: k for n, k in found.items() if k is SourceKind.SCRIPT} == dict.fromkeys(
        names, SourceKind.SCRIPT
    )
    hook = re.compile(HOOK_FILES)
    assert all(hook.search(n) for n in names)
    assert not hook.search("notes.shtml")
    assert not hook.search("Makefile.md")


def _findings(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, int, str, str]]:
    from reqlint.engine import run
    from reqlint.loader import load_project

    for name, body in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = run(load_project(candidates(["."]))).diagnostics
    return [(d.location.path, d.location.line, d.code, d.message) for d in found]


def test_make_variables_are_references_not_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # trial 6: RL104 *error* on $(PYPI_TOKEN) and $$TOKEN, which make -n shows the shell
    # gets as a make variable's value and as $TOKEN
    makefile = (
        "install:\n"
        "\tpip install --extra-index-url https://__token__:$(PYPI_TOKEN)@a.example/simple p1\n"
        "\tpip install --extra-index-url https://__token__:$$TOKEN@b.example/simple p2\n"
        "\tpip install --extra-index-url https://ci:s3cr3t-Pass@c.example/simple p3\n"
    )
    found = _findings(tmp_path, {"Makefile": makefile}, monkeypatch)
    assert [(line, code) for _, line, code, _ in found if code == "RL104"] == [(4, "RL104")]
    assert all("s3cr3t" not in message for *_, message in found)


def test_documents_and_define_blocks_are_not_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # trial 6: a heredoc written to a text file, a Makefile `define` block (help text)
    script = (
        "#!/bin/bash\ncat > install_notes.txt <<EOF\n"
        "pip install --extra-index-url https://notes.example/simple mypkg\nEOF\n"
        "cat > run.sh <<'EOF'\npip install --extra-index-url https://runsh.example/simple x\nEOF\n"
        "bash -s <<EOF\npip install --extra-index-url https://bash.example/simple y\nEOF\n"
    )
    makefile = (
        "define HELP_TEXT\n\tpip install --extra-index-url https://help.example/simple p\nendef\n"
        "all:\n\tpip install --extra-index-url https://recipe.example/simple q\n"
    )
    found = _findings(tmp_path, {"build.sh": script, "Makefile": makefile}, monkeypatch)
    hosts = sorted(re.search(r"https://([a-z]+)\.example", m)[1] for *_, m in found)  # type: ignore[index]
    assert hosts == ["bash", "recipe", "runsh"]


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_an_export_lives_for_its_recipe_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # make runs each recipe line in a shell of its own (make -n shows the lines apart):
    # line 2's export is gone by line 3, but holds for the pip command after it on line 4
    makefile = (
        "install:\n\texport PIP_INDEX_URL=https://test.pypi.org/simple/\n"
        "\tpip install --extra-index-url https://pypi.org/simple foo\n"
        "\texport PIP_INDEX_URL=https://corp.example/simple; "
        "pip install --extra-index-url https://pypi.org/simple bar\n"
    )
    found = {
        line: message
        for _, line, code, message in _findings(tmp_path, {"Makefile": makefile}, monkeypatch)
        if code == "RL101"
    }
    assert "TestPyPI" not in found[3]
    assert "is the primary index again (pip's default)" in found[3]
    assert "beside primary index https://corp.example/simple" in found[4]
    shown = subprocess.run(
        ["make", "-n", "--no-print-directory", "install"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},  # not the MAKEFLAGS of a make that runs the tests
    ).stdout.splitlines()
    assert len(shown) == 3  # three shells


def test_quotes_span_lines_and_comments_quote_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a newline inside quotes does not end the command (ansible's bootstrap.sh writes its
    # pip.conf so); an apostrophe in a comment opens no quote, so the next lines are read
    script = (
        "#!/bin/sh\n"
        "# don't forget the wheels\n"
        'echo "[global]\nextra-index-url = https://spare.example/simple/\n" > /etc/pip.conf\n'
        "pip install --index-url http://m.example/simple y  # it's plain http\n"
    )
    (tmp_path / "bootstrap.sh").write_text(script, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = [
        (d.code, d.location.line)
        for d in run(load_project(candidates(["."]))).diagnostics
        if d.code in ("RL101", "RL102")
    ]
    assert found == [("RL101", 4), ("RL102", 6)]
