"""RL001's advice for a URL requirement pip cannot name is a line pip accepts.

pip 26.3 rejects ``git+URL@devel#egg=name[extra]`` ("Try using the Direct URL
requirement syntax: 'name[extra] @ URL'") and, after ``-e``, a URL whose name it cannot
find ("please specify one with your_package_name @ URL") -- but ``-e name @ URL`` is no
editable requirement either (edx-platform's ``-e git+...#edx-enterprise==3.30``, trial 13).
reqlint writes out the line to use instead.  Every such line of the real-world corpus, and
the cases of the trials, is rewritten as reqlint says, and the real pip is the judge: it
must read the rewritten line, naming the project reqlint named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name
from test_pip_oracle import CORPUS, run_pip

from reqlint.sources.requirements import load_requirements

_WRITE = re.compile(r"[;:] write '(?P<new>[^']+)'(?: for '(?P<old>#[^']+)')?")
_EGG = re.compile(r"[#&]egg=[^&\s]*")

TRIAL_LINES = [
    # edx-platform requirements/edx/github.in: a name without egg=
    "-e git+https://github.com/edx/edx-enterprise.git@f5d6588#edx-enterprise==3.30",
    # awx requirements/requirements_git.txt: extras in the fragment of a direct URL
    "django-ansible-base @ git+https://github.com/ansible/django-ansible-base@devel"
    "#egg=django-ansible-base[rest_filters,jwt_consumer]",
    "-e git+https://example.invalid/x.git#egg=demo[a,b]",
    "git+https://example.invalid/x.git@v1#egg=demo[a]&subdirectory=pkg",
    "-e git+https://example.invalid/x.git#egg=demo==1.0",
]


def _advised(lines: list[str]) -> list[tuple[str, str, str]]:
    """``(line, rewritten line, the name reqlint gave)`` for each line reqlint rejects
    with a rewrite."""
    out = []
    for line in lines:
        found = _WRITE.search(line_problem(line))
        assert found is not None, line
        new, old = found["new"], found["old"]
        if new[1:].startswith("egg="):  # #egg=name or &egg=name, as the fragment has it
            rewritten = line.replace(old, new) if old else _EGG.sub(new, line)
            name = new[len("#egg=") :]
        else:
            rewritten, name = new, re.split(r"[\[ @]", new)[0]
        out.append((line, rewritten, name))
    return out


_TMP: list[Path] = []


def line_problem(line: str) -> str:
    path = _TMP[0] / "probe" / "requirements.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(line + "\n", "utf-8")
    (source, *_) = load_requirements(str(path))
    messages = [p.message for p in source.problems if p.code == "RL001"]
    assert len(messages) == 1, (line, messages)
    return messages[0]


def _corpus_lines() -> list[str]:
    lines = []
    for path in sorted((CORPUS / "requirements").rglob("*")):
        if not path.is_file():
            continue
        (source, *_) = load_requirements(str(path))
        text = path.read_text("utf-8", errors="replace").splitlines()
        for problem in source.problems:
            if problem.code == "RL001" and _WRITE.search(problem.message):
                lines.append(text[problem.location.line - 1].strip())
    return lines


def test_every_rewrite_reqlint_advises_is_read_by_pip(tmp_path: Path) -> None:
    _TMP[:] = [tmp_path]
    corpus = _corpus_lines()
    assert len(corpus) >= 15  # the corpus's egg fragments pip rejects
    cases = _advised(TRIAL_LINES + corpus)
    paths = []
    for n, (_, rewritten, _) in enumerate(cases):
        path = tmp_path / f"r{n}" / "requirements.txt"
        path.parent.mkdir()
        path.write_text(rewritten + "\n", "utf-8")
        paths.append(path)
    for (line, rewritten, name), pip in zip(cases, run_pip(paths, {}), strict=True):
        assert pip["error"] is None, (line, rewritten, pip["error"])
        (req,) = pip["requirements"]
        assert req.get("error") is None, (line, rewritten, req["error"])
        assert canonicalize_name(req["name"]) == canonicalize_name(name), (line, rewritten)
        # and reqlint has nothing more to say about it
        path = tmp_path / "check" / "requirements.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(rewritten + "\n", "utf-8")
        assert [p.code for p in load_requirements(str(path))[0].problems] == [], rewritten


@pytest.mark.parametrize(
    ("line", "advice"),
    [
        (
            "-e git+https://example.invalid/x.git#edx-enterprise==3.30",
            "write '#egg=edx-enterprise' for '#edx-enterprise==3.30' (after -e, "
            "'name @ URL' is no editable requirement)",
        ),
        (
            "-e git+https://example.invalid/x.git#subdirectory=pkg",
            "add #egg=NAME to the URL (after -e, 'name @ URL' is no editable requirement)",
        ),
        (
            "-e git+https://example.invalid/x.git#egg=demo[a,b]",
            "egg fragments can only be a valid project name; write '#egg=demo' (after -e "
            "pip takes no extras; not editable, 'demo[a,b] @ URL' installs them)",
        ),
        (
            "git+https://user:s3cr3t@example.invalid/x.git#egg=demo[a]",
            "use the direct URL form 'name[extra] @ URL'; "
            "write 'demo[a] @ git+https://****:****@example.invalid/x.git'",
        ),
    ],
)
def test_the_advice_as_written(line: str, advice: str, tmp_path: Path) -> None:
    _TMP[:] = [tmp_path]
    message = line_problem(line)
    assert message.endswith(advice)
    assert "s3cr3t" not in message
