"""Include chains and files included more than once, against real pip 26.3 (issue 10).

* pip reads an included file again at every ``-r``/``-c`` line that names it (its lines
  count at each place, a ``-c`` read makes them constraints), and reqlint's model says so
  while still parsing each file once per way it is read.
* ``-c x -r y`` on one line: pip follows the ``-r``.
* A 1,000-file chain is walked without recursion (pip itself ends in a RecursionError).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reqlint.cli import main
from reqlint.discovery import Candidate
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Requirement, SourceKind
from reqlint.project import PYPI_SIMPLE, Project

PIP_SCRIPT = r"""
import json, os, sys
from pip._internal.commands import create_command
from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._internal.req.req_file import parse_requirements

path = sys.argv[1]
os.chdir(os.path.dirname(path))
cmd = create_command("install", isolated=True)
options, _ = cmd.parse_args([])
session = PipSession()
finder = cmd._build_package_finder(options=options, session=session)
out = {"requirements": [], "error": None}
try:
    for parsed in parse_requirements(path, session, finder=finder, options=options):
        rec = {"text": parsed.requirement, "constraint": parsed.constraint,
               "comes_from": parsed.comes_from, "error": None}
        try:
            install_req_from_parsed_requirement(parsed)
        except Exception as exc:
            rec["error"] = str(exc)
        out["requirements"].append(rec)
except BaseException as exc:
    out["error"] = type(exc).__name__
out["index_urls"] = list(finder.index_urls)
print(json.dumps(out))
"""


def pip_reads(path: Path) -> dict[str, Any]:
    """What the real pip 26.3 reads from ``path`` (isolated from this machine's config)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PYTHONNOUSERSITE="1")
    done = subprocess.run(
        [sys.executable, "-c", PIP_SCRIPT, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def project_of(
    folder: Path, monkeypatch: pytest.MonkeyPatch, root: str = "requirements.txt"
) -> Project:
    monkeypatch.chdir(folder)
    return load_project([Candidate(root, SourceKind.REQUIREMENTS)])


def reads(project: Project) -> list[Requirement]:
    (root,) = project.roots()
    return project.ordered_requirements(root)


def indexes(project: Project) -> list[str]:
    (root,) = project.roots()
    return [e.url for e in project.index_plan(root).indexes]


def codes(project: Project) -> list[str]:
    return [d.code for d in run(project).diagnostics]


# ------------------------------------------------------------- a file read twice

EXTRA = "--extra-index-url https://t.example/simple\nsix==1.16\n"


def test_a_file_included_twice_is_read_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"requirements.txt": "-r a.txt\n-r a.txt\n", "a.txt": EXTRA})
    pip = pip_reads(tmp_path / "requirements.txt")
    assert pip["error"] is None
    assert pip["index_urls"] == [
        PYPI_SIMPLE,
        "https://t.example/simple",
        "https://t.example/simple",
    ]
    project = project_of(tmp_path, monkeypatch)
    assert indexes(project) == pip["index_urls"]
    assert [r.text for r in reads(project)] == [r["text"] for r in pip["requirements"]]
    # one file, one parse: the same line twice is not a duplicate requirement
    assert len([s for s in project.sources if s.path == "a.txt"]) == 1
    assert "RL206" not in codes(project)


def test_an_index_url_between_two_reads_drops_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "-r a.txt\n--index-url https://b.example/simple\n-r a.txt\n",
            "a.txt": EXTRA,
        },
    )
    pip = pip_reads(tmp_path / "requirements.txt")
    assert pip["index_urls"] == ["https://b.example/simple", "https://t.example/simple"]
    project = project_of(tmp_path, monkeypatch)
    assert indexes(project) == pip["index_urls"]
    # the extra index is read again after the --index-url: pip keeps it, no false RL106
    assert "RL106" not in codes(project)


def test_an_index_url_after_the_last_read_still_drops_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "-r a.txt\n-r a.txt\n--index-url https://b.example/simple\n",
            "a.txt": EXTRA,
        },
    )
    pip = pip_reads(tmp_path / "requirements.txt")
    assert pip["index_urls"] == ["https://b.example/simple"]
    project = project_of(tmp_path, monkeypatch)
    assert indexes(project) == pip["index_urls"]
    assert codes(project).count("RL106") == 1  # one line, reported once


def test_a_file_read_with_r_then_c_is_constraints_the_second_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "-r a.txt\n-c a.txt\n",
            "a.txt": "six==1.16\n-e git+https://g.example/x.git#egg=x\n",
        },
    )
    pip = pip_reads(tmp_path / "requirements.txt")
    assert pip["error"] is None
    project = project_of(tmp_path, monkeypatch)
    mine = reads(project)
    assert [(r.text, r.constraint) for r in mine] == [
        (r["text"], r["constraint"]) for r in pip["requirements"]
    ]
    assert [r.error is not None for r in mine] == [
        r["error"] is not None for r in pip["requirements"]
    ]
    assert [r["error"] is not None for r in pip["requirements"]] == [False, False, False, True]
    # the constraint reading's error is reported, at a.txt's line
    found = [d for d in run(project).diagnostics if d.code == "RL001"]
    assert [(d.location.path, d.location.line) for d in found] == [("a.txt", 2)]
    assert "constraints" in found[0].message


def test_c_and_r_on_one_line_follow_the_r(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {"requirements.txt": "-c x.txt -r a.txt\n", "a.txt": "six==1.16\n", "x.txt": "never==1\n"},
    )
    pip = pip_reads(tmp_path / "requirements.txt")
    assert [(r["text"], r["constraint"]) for r in pip["requirements"]] == [("six==1.16", False)]
    project = project_of(tmp_path, monkeypatch)
    assert [(r.text, r.constraint) for r in reads(project)] == [("six==1.16", False)]
    assert {s.path for s in project.sources} == {"requirements.txt", "a.txt"}
    messages = [d.message for d in run(project).diagnostics if d.code == "RL002"]
    assert any("-c x.txt is ignored" in m for m in messages), messages


# ------------------------------------------------------------------ deep chains


def chain(folder: Path, depth: int) -> Path:
    for i in range(depth):
        last = i == depth - 1
        (folder / f"r{i}.txt").write_text("last==1\n" if last else f"-r r{i + 1}.txt\np{i}==1\n")
    return folder / "r0.txt"


def test_a_thousand_file_chain_is_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chain(tmp_path, 1000)
    project = project_of(tmp_path, monkeypatch, "r0.txt")
    mine = reads(project)
    assert len(mine) == 1000
    assert [r.text for r in mine[:2]] == ["last==1", "p998==1"]  # pip's order: depth first
    assert main(["check", "r0.txt"]) == 0  # every default rule runs on it, none crashes
    assert "internal error" not in capsys.readouterr().err
    # pip 26.3 itself cannot read this chain: its include walk recurses (docs/sources.md)
    assert pip_reads(tmp_path / "r0.txt")["error"] == "RecursionError"


def test_a_chain_pip_can_read_is_read_in_the_same_order(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chain(tmp_path, 300)
    pip = pip_reads(tmp_path / "r0.txt")
    assert pip["error"] is None
    project = project_of(tmp_path, monkeypatch, "r0.txt")
    assert [r.text for r in reads(project)] == [r["text"] for r in pip["requirements"]]


def test_a_cycle_deep_in_a_chain_is_one_located_problem(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chain(tmp_path, 1000)
    (tmp_path / "r999.txt").write_text("-r r500.txt\nlast==1\n")
    project = project_of(tmp_path, monkeypatch, "r0.txt")
    found = [d for d in run(project).diagnostics if d.code == "RL004"]
    assert [(d.location.path, d.location.line) for d in found] == [("r999.txt", 1)]
    assert found[0].message.startswith("include cycle: r500.txt -> r501.txt")
    assert len(reads(project)) == 1000
