"""conda environment files, CI YAML, tox.ini and Dockerfiles: facts with exact spans, the
rules that fire (and do not) on real files of the corpus, fixes where commenting out is
safe, and hand-written traps.

1. conda: a differential test against pip 26.3 (``pip-oracle.json``'s ``conda`` section:
   the ``pip:`` list joined into a requirements file next to the environment file, as
   conda does), then spans in the YAML file.
2. Real files of ``tests/data/corpus/{conda,ci}``, run through the whole engine.
3. Traps, each a small file written here, with the exact place every fact must point at.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reqlint import fixes
from reqlint.cli import main
from reqlint.discovery import candidates, classify, walk
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import (
    Applicability,
    Diagnostic,
    Edit,
    ParsedSource,
    Requirement,
    Severity,
    SourceKind,
)
from reqlint.sources import parse as parse_text
from reqlint.sources.requirements import load_requirements
from reqlint.text import TextFile

CORPUS = Path(__file__).parent / "data" / "corpus"
ORACLE: dict[str, Any] = json.loads((CORPUS / "pip-oracle.json").read_text("utf-8"))
AZURE = (
    "conda/azureml-examples/cli/jobs/pipelines-with-components/"
    "image_classification_with_densenet/image_cnn_train/conda.yaml"
)


# ----------------------------------------------------------------------------- helpers


def parsed(kind: SourceKind, text: str, path: str = "f") -> tuple[TextFile, ParsedSource]:
    tf = TextFile.from_text(path, text)
    return tf, parse_text(kind, tf)


def at(tf: TextFile, span: Any) -> str:
    return tf.text[span.start : span.end]


def apply_edits(text: str, edits: tuple[Edit, ...]) -> str:
    for edit in sorted(set(edits), key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def lint(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> list[Diagnostic]:
    for name, body in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    return list(run(load_project(candidates(["."]))).diagnostics)


def where(diags: list[Diagnostic], code: str) -> list[tuple[str, int, int]]:
    return [(d.location.path, d.location.line, d.location.column) for d in diags if d.code == code]


def corpus_run(*paths: str) -> list[Diagnostic]:
    cands = candidates([str(CORPUS / p) for p in paths])
    return list(run(load_project(cands)).diagnostics)


# ------------------------------------------------------------- 1. conda against pip


def _flatten(source: ParsedSource) -> Iterator[Requirement]:
    """Requirements in pip's order: an include's requirements where its -r line stands."""
    events: list[tuple[int, int, Any]] = [
        (r.location.line, r.location.column, r) for r in source.requirements
    ]
    events += [(i.location.line, i.location.column, i) for i in source.includes]
    for _, _, item in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(item, Requirement):
            yield item
            continue
        loaded = load_requirements(item.resolved)
        yield from _visit(loaded[0], {s.path: s for s in loaded})


def _visit(src: ParsedSource, by_path: dict[str, ParsedSource]) -> Iterator[Requirement]:
    inner: list[tuple[int, int, Any]] = [(r.location.line, 0, r) for r in src.requirements]
    inner += [(i.location.line, 1, i) for i in src.includes]
    for _, _, thing in sorted(inner, key=lambda e: (e[0], e[1])):
        if isinstance(thing, Requirement):
            yield thing
        elif thing.resolved in by_path:
            yield from _visit(by_path[thing.resolved], by_path)


@pytest.mark.parametrize("rel", sorted(ORACLE["conda"]))
def test_conda_matches_pip(rel: str) -> None:
    expected = ORACLE["conda"][rel]
    path = CORPUS / rel
    tf = TextFile.decode(str(path), path.read_bytes(), pep263=False)
    source = parse_text(SourceKind.CONDA, tf)
    assert expected["error"] is None
    assert source.problems == ()
    sections = expected["pip_sections"]
    want = [r for s in sections for r in s["requirements"]]
    got = list(_flatten(source))
    assert len(got) == len(want)
    for mine, pips in zip(got, want, strict=True):
        assert mine.editable == pips["editable"]
        if pips["cwd_dependent"]:
            continue  # pip resolved a local path against its (empty) working directory
        assert mine.name == pips["name"]
        assert mine.specifier == pips["specifier"]
        assert sorted(mine.extras) == pips["extras"]
        assert mine.marker == pips["marker"]
        assert mine.url == pips["url"]
        assert mine.is_vcs == pips["link_is_vcs"]
        if mine.location.path == str(path):
            # pip's line n of the joined file is item n of the list: the span is on it.
            item = sections[0]["lines"][pips["line"] - 1]
            assert mine.text in item
            assert item.startswith(at(tf, mine.location.span)) or at(
                tf, mine.location.span
            ) in tf.line_text(mine.location.line)
            assert tf.line_text(mine.location.line).lstrip().startswith("-")
    options: dict[str, list[str]] = {"index_urls": [], "find_links": [], "trusted_hosts": []}
    for setting in source.settings:
        if setting.key in ("index-url", "extra-index-url"):
            options["index_urls"].append(setting.value)
        elif setting.key == "find-links":
            options["find_links"].append(setting.value)
        elif setting.key == "trusted-host":
            options["trusted_hosts"].append(setting.value)
    for section in sections:
        pip_options = section["options"]
        assert options["index_urls"] == pip_options["index_urls"][1:]
        assert options["find_links"] == pip_options["find_links"]
        assert options["trusted_hosts"] == pip_options["trusted_hosts"]


def test_azureml_extra_index_is_rl101_at_the_yaml_item() -> None:
    diags = corpus_run(AZURE)
    (finding,) = [d for d in diags if d.code == "RL101"]
    span = finding.location.span
    assert span is not None
    text = (CORPUS / AZURE).read_text("utf-8")
    assert (span.line, span.column, span.end_column) == (16, 9, 80)
    assert text[span.start : span.end] == (
        "--extra-index-url=https://developer.download.nvidia.com/compute/redist/"
    )
    assert finding.location.route == "dependencies[2].pip[7]"
    # NVIDIA's index beside pip's default PyPI: removing it would send its package names
    # to PyPI alone, so no fix is offered; the edit that would remove it is still exact.
    assert finding.fix is None
    assert "no safe fix" in finding.message
    _tf, source = parsed(SourceKind.CONDA, text, AZURE)
    (setting,) = [st for st in source.settings if st.key == "extra-index-url"]
    fixed = apply_edits(text, setting.removal)
    assert (
        fixed.splitlines()[15]
        == "#       - --extra-index-url=https://developer.download.nvidia.com/compute/redist/"
    )
    # The rest of the file is byte-identical.
    assert fixed.replace("#       - --extra", "      - --extra") == text


def test_conda_pinning_rules_point_at_yaml_lines() -> None:
    diags = corpus_run("conda/demucs/environment-cuda.yml")
    assert ("RL201", 17, 7) in [(d.code, d.location.line, d.location.column) for d in diags]
    assert all(d.location.path.endswith("environment-cuda.yml") for d in diags)


CONDA_TRAP = """\
name: trap
channels: [conda-forge]
dependencies:
  - python=3.12
  - pip
  - pip:
      - plain==1.0   # a comment pip never sees
      - "--extra-index-url https://extra.example/simple"
      - 'quoted''name==2.0'
      - "escaped\\x41==3.0"
      - |
        --trusted-host block.example
      - >-
        folded-name
        ==4.0
      - -i http://insecure.example/simple  # noqa: RL102
"""


def test_conda_trap_spans_removals_and_suppressions() -> None:
    tf, source = parsed(SourceKind.CONDA, CONDA_TRAP, "environment.yml")
    assert source.problems[0].code == "RL001"  # quoted'name is not a requirement
    by_key = {s.key: s for s in source.settings}
    extra = by_key["extra-index-url"]
    assert extra.value == "https://extra.example/simple"
    assert at(tf, extra.location.span) == "--extra-index-url https://extra.example/simple"
    assert extra.location.line == 8
    assert (
        apply_edits(CONDA_TRAP, extra.removal).splitlines()[7]
        == '#       - "--extra-index-url https://extra.example/simple"'
    )
    trusted = by_key["trusted-host"]
    assert at(tf, trusted.location.span) == "--trusted-host block.example"
    assert trusted.location.line == 12
    assert trusted.removal == ()  # a block scalar has no line of its own to comment out
    primary = by_key["index-url"]
    assert (primary.location.line, at(tf, primary.location.span)) == (
        16,
        "-i http://insecure.example/simple",
    )
    assert source.suppressions[16] == frozenset({"RL102"})
    reqs = {r.name: r for r in source.requirements if r.name}
    assert at(tf, reqs["plain"].location.span) == "plain==1.0"
    assert at(tf, reqs["escapedA"].location.span) == "escaped\\x41==3.0"
    assert reqs["escapedA"].specifier == "==3.0"
    assert reqs["folded-name"].location.line == 14
    assert reqs["folded-name"].removal == ()
    assert len(reqs["plain"].removal) == 1


def test_conda_flow_list_has_no_removal_and_yaml_error_is_reported() -> None:
    _, source = parsed(
        SourceKind.CONDA, "dependencies:\n  - pip: [--extra-index-url=https://x.example/simple]\n"
    )
    (setting,) = source.settings
    assert setting.removal == ()
    assert setting.location.span is not None
    assert setting.location.span.column == 11
    _, broken = parsed(SourceKind.CONDA, "dependencies:\n  - pip:\n    - a\n   - b: [\n")
    (problem,) = broken.problems
    assert problem.code == "RL009"
    assert problem.message.startswith("cannot parse YAML:")
    assert problem.location.line >= 3


def test_conda_include_resolves_next_to_the_env_file() -> None:
    _, source = parsed(
        SourceKind.CONDA, "dependencies:\n  - pip:\n    - -r req/dev.txt\n", "envs/environment.yml"
    )
    (include,) = source.includes
    assert include.resolved == "envs/req/dev.txt"
    assert include.location.line == 3


FIXABLE = {
    "environment.yml": (
        "dependencies:\n  - pip:\n      - numpy==2.0\n"
        "      - '--extra-index-url=https://pypi.org/simple'  # why\n"
        "      - scipy==1.0\n"
    ),
    "tox.ini": (
        "[testenv]\nsetenv =\n    A = 1\n"
        "    dev: PIP_EXTRA_INDEX_URL = https://pypi.org/simple https://pypi.org/simple/\n"
        "deps =\n    -i https://mirror.example/simple\n"
        "    --extra-index-url https://pypi.python.org/simple\n    pytest==8.0\n"
    ),
    "Dockerfile": (
        "FROM x\r\nENV PIP_EXTRA_INDEX_URL=https://pypi.org/simple\r\nRUN pip install y\r\n"
    ),
    ".github/workflows/ci.yml": (
        "on: push\nenv:\n  A: b\n"
        "  PIP_EXTRA_INDEX_URL: https://pypi.org/simple  # extra\n"
        "jobs: {}\n"
    ),
}


def test_fixes_are_accepted_by_the_reparse_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    diags = lint(tmp_path, FIXABLE, monkeypatch)
    assert sorted(where(diags, "RL101")) == [
        (".github/workflows/ci.yml", 4, 24),
        ("Dockerfile", 2, 25),
        ("environment.yml", 4, 10),
        ("tox.ini", 4, 32),
        ("tox.ini", 4, 56),
        ("tox.ini", 7, 5),
    ]
    project = load_project(candidates(["."]))
    planned = fixes.plan(diags, project, unsafe=False, roots=["."], cwd=str(tmp_path))
    assert planned.notes == ()
    fixed = {f.path: f.new_text for f in planned.files}
    assert fixed == {
        "environment.yml": FIXABLE["environment.yml"].replace("      - '--", "#       - '--"),
        "tox.ini": FIXABLE["tox.ini"]
        .replace("    dev:", "#     dev:")
        .replace("    --extra", "#     --extra"),
        "Dockerfile": FIXABLE["Dockerfile"].replace("ENV", "# ENV"),
        ".github/workflows/ci.yml": FIXABLE[".github/workflows/ci.yml"].replace(
            "  PIP_", "#   PIP_"
        ),
    }


# ----------------------------------------------------------------------- 2. CI YAML

WORKFLOW = """\
name: ci
on: push
env:
  PIP_INDEX_URL: https://mirror.example/simple
  OTHER: 1
jobs:
  test:
    runs-on: ubuntu-latest
    defaults:
      run:
        shell: bash
    env:
      PIP_EXTRA_INDEX_URL: https://extra.example/simple
      PIP_TRUSTED_HOST: "a.example b.example"
    steps:
      - uses: actions/checkout@v4
      - name: install
        env:
          PIP_FIND_LINKS: https://${{ secrets.TOKEN }}@wheels.example/links
        run: |
          echo start
          python -m pip install -U pip
          pip install -r requirements.txt --extra-index-url https://third.example/simple
          uv pip install --index internal=https://uv.example/simple -i https://uv2.example/simple x
          pip3 install \\
            --trusted-host=t.example \\
            -ihttps://short.example/simple y  # reqlint: ignore[RL105]
      - run: pip download --find-links ./wheels --no-index z
"""


def test_workflow_facts() -> None:
    tf, source = parsed(SourceKind.CI, WORKFLOW, ".github/workflows/ci.yml")
    assert source.problems == ()
    facts = [
        (
            s.key,
            s.value,
            s.location.line,
            at(tf, s.location.span),
            s.tool.value,
            s.attrs.get("command", s.attrs.get("variable")),
            bool(s.removal),
        )
        for s in source.settings
    ]
    assert facts == [
        (
            "index-url",
            "https://mirror.example/simple",
            4,
            "https://mirror.example/simple",
            "pip",
            "PIP_INDEX_URL",
            True,
        ),
        (
            "extra-index-url",
            "https://extra.example/simple",
            13,
            "https://extra.example/simple",
            "pip",
            "PIP_EXTRA_INDEX_URL",
            True,
        ),
        ("trusted-host", "a.example", 14, "a.example", "pip", "PIP_TRUSTED_HOST", True),
        ("trusted-host", "b.example", 14, "b.example", "pip", "PIP_TRUSTED_HOST", True),
        (
            "find-links",
            "https://${{ secrets.TOKEN }}@wheels.example/links",
            19,
            "https://${{ secrets.TOKEN }}@wheels.example/links",
            "pip",
            "PIP_FIND_LINKS",
            False,
        ),
        (
            "extra-index-url",
            "https://third.example/simple",
            23,
            "--extra-index-url https://third.example/simple",
            "pip",
            "pip install",
            False,
        ),
        (
            "extra-index-url",
            "https://uv.example/simple",
            24,
            "--index internal=https://uv.example/simple",
            "uv",
            "uv pip install",
            False,
        ),
        (
            "index-url",
            "https://uv2.example/simple",
            24,
            "-i https://uv2.example/simple",
            "uv",
            "uv pip install",
            False,
        ),
        ("trusted-host", "t.example", 26, "--trusted-host=t.example", "pip", "pip install", False),
        (
            "index-url",
            "https://short.example/simple",
            27,
            "-ihttps://short.example/simple",
            "pip",
            "pip install",
            False,
        ),
        ("find-links", "./wheels", 28, "--find-links ./wheels", "pip", "pip download", False),
        ("no-index", "", 28, "--no-index", "pip", "pip download", False),
    ]
    run_setting = source.settings[5]
    assert run_setting.kind is SourceKind.CI
    assert run_setting.section == ""
    assert "shell command" in run_setting.remedy
    assert source.settings[6].attrs["name"] == "internal"
    # A single-entry env: mapping would become null if its only entry went.
    assert "by hand" in source.settings[4].remedy
    assert source.suppressions[27] == frozenset({"RL105"})


def test_block_run_third_line_gives_rl101_at_the_exact_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = (
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n"
        "          echo one\n          echo two\n"
        "          pip install --extra-index-url https://pypi.org/simple foo\n"
    )
    diags = lint(tmp_path, {".github/workflows/build.yaml": workflow}, monkeypatch)
    (finding,) = [d for d in diags if d.code == "RL101"]
    assert (finding.location.path, finding.location.line, finding.location.column) == (
        ".github/workflows/build.yaml",
        9,
        23,
    )
    assert finding.fix is not None
    assert finding.fix.edits == ()
    assert finding.fix.applicability is Applicability.DISPLAY_ONLY


def test_gitlab_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gitlab = (
        "variables:\n  PIP_EXTRA_INDEX_URL: https://pypi.org/simple\n"
        "  PIP_CACHE_DIR: $CI_PROJECT_DIR/.cache\n"
        "test:\n  variables:\n    PIP_INDEX_URL:\n      value: http://mirror.example/simple\n"
        "      description: the mirror\n"
        "  script:\n    - pip install -i https://other.example/simple -r req.txt\n"
    )
    diags = lint(tmp_path, {".gitlab-ci.yml": gitlab}, monkeypatch)
    assert where(diags, "RL101") == [(".gitlab-ci.yml", 2, 24)]
    assert where(diags, "RL102") == [(".gitlab-ci.yml", 7, 14)]
    rl101 = next(d for d in diags if d.code == "RL101")
    assert rl101.fix is not None
    assert rl101.fix.applicability is Applicability.SAFE
    _tf, source = parsed(SourceKind.CI, gitlab, ".gitlab-ci.yml")
    mirror = next(s for s in source.settings if s.value.startswith("http://"))
    assert mirror.removal == ()  # {value:, description:} spans several lines


def test_a_matrix_value_that_names_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pytorch/vision's nightly-install.yml (trial 7): each job runs the command with one
    # value, so the --extra-index-url job puts PyTorch's nightly index beside PyPI (the
    # torchtriton set-up) and the --index-url job has one index.
    workflow = (
        "on: push\njobs:\n  install:\n    strategy:\n      matrix:\n"
        '        index-option: ["--extra-index-url", "--index-url"]\n'
        '        python: ["3.10", "3.11"]\n'
        "    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: python -m pip install --pre torch ${{ matrix.index-option }}="
        "https://download.pytorch.org/whl/nightly/cpu\n"
        "      - run: pip install x -i https://pypi.org/simple\n"
        "  other:\n    runs-on: x\n    steps:\n"
        "      - run: pip install y ${{ matrix.index-option }}=https://a.example/simple\n"
    )
    diags = lint(tmp_path, {".github/workflows/nightly.yml": workflow}, monkeypatch)
    (finding,) = [d for d in diags if d.code == "RL101"]
    assert finding.message.startswith(
        "extra index https://download.pytorch.org/whl/nightly/cpu beside primary index "
        "https://pypi.org/simple"
    )
    assert "[matrix.index-option: --extra-index-url]" in (finding.location.route or "")
    span = finding.location.span
    assert span is not None
    assert workflow[span.start : span.end] == (
        "${{ matrix.index-option }}=https://download.pytorch.org/whl/nightly/cpu"
    )


def test_gitlab_parallel_matrix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GitLab's `parallel: matrix:` sets a job's variables, one job per combination: each
    # value is read as a `variables:` value is (a list or a single value), never fixed.
    gitlab = (
        "test:\n"
        "  parallel:\n"
        "    matrix:\n"
        "      - TORCH:\n"
        '          - "torch==2.3.0 --extra-index-url https://download.pytorch.org/whl/cu121"\n'
        '          - "torch==2.3.0"\n'
        "        PYTHON: ['3.11', '3.12']\n"
        "      - TORCH: torch==2.4.0 --extra-index-url http://mirror.example/simple\n"
        "      - PIP_EXTRA_INDEX_URL: https://pypi.internal.example/simple\n"
        "  script:\n"
        "    - pip install $TORCH\n"
    )
    diags = lint(tmp_path, {".gitlab-ci.yml": gitlab}, monkeypatch)
    assert [(d.location.line, d.code) for d in diags if d.code in ("RL101", "RL102")] == [
        (5, "RL101"),
        (8, "RL101"),
        (8, "RL102"),
        (9, "RL101"),
    ]
    rl101 = [d for d in diags if d.code == "RL101"]
    assert "download.pytorch.org/whl/cu121" in rl101[0].message
    assert all(d.fix is None or d.fix.edits == () for d in rl101)
    _tf, source = parsed(SourceKind.CI, gitlab, ".gitlab-ci.yml")
    assert [s.location.line for s in source.settings] == [5, 8, 9]


@pytest.mark.parametrize(
    "files",
    [
        {
            "Dockerfile": "FROM python:3.12\nENV PIP_EXTRA_INDEX_URL=https://pypi.internal.example/simple\n"
            "RUN pip install --index-url https://mirror.internal.example/simple tool==1.0\n"
            "RUN pip install -r requirements.txt\n"
        },
        {
            ".github/workflows/ci.yml": "on: push\nenv:\n  PIP_EXTRA_INDEX_URL: "
            "https://pypi.internal.example/simple\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: pip install --index-url "
            "https://mirror.internal.example/simple "
            "tool==1.0\n      - run: pip install -r requirements.txt\n"
        },
        {
            ".gitlab-ci.yml": "variables:\n  PIP_EXTRA_INDEX_URL: "
            '"https://gitlab-ci-token:${CI_JOB_TOKEN}@pypi.internal.example/simple"\n'
            "test:\n  script:\n    - pip install --index-url "
            "https://mirror.internal.example/simple tool==1.0\n"
            "    - pip install -r requirements.txt\n"
        },
    ],
)
def test_a_commands_index_url_is_not_the_primary_of_the_whole_file(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file-level PIP_EXTRA_INDEX_URL reaches every pip command; one command's own
    # --index-url applies to it alone.  So the private extra is judged beside pip's default
    # primary, the public index: no fix at all (removing it would send its names to PyPI),
    # and a ${CI_JOB_TOKEN} in the credentials leaves its host concrete (real-world trial).
    diags = lint(tmp_path, {**files, "requirements.txt": "six==1.16.0\n"}, monkeypatch)
    (finding,) = [d for d in diags if d.code == "RL101"]
    assert finding.location.line in (2, 3)
    assert (
        "beside primary index https://pypi.org/simple (the public index, pip's default)"
        in finding.message
    )
    assert "mirror.internal.example" not in finding.message
    assert finding.fix is None
    assert "no safe fix" in finding.message


@pytest.mark.parametrize(
    ("value", "fires"),
    [
        ("https://${{ secrets.TOKEN }}@pypi.example/simple", False),
        ("https://__token__:${{ secrets.PYPI_TOKEN }}@pypi.example/simple", False),
        ("https://__token__:pypi-AgEIcHlwaS5vcmcCJGFiY2RlZjEyMzQ1@pypi.example/simple", True),
        ("https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@pypi.example/simple", True),
        ("https://user:$PYPI_PASSWORD@pypi.example/simple", False),
        ("https://user:%PYPI_PASSWORD%@pypi.example/simple", False),
    ],
)
def test_credentials_in_ci(
    value: str,
    fires: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workflow = (
        f"on: push\nenv:\n  PIP_EXTRA_INDEX_URL: {value}\n  X: y\njobs:\n  a:\n"
        f"    runs-on: x\n    steps:\n      - run: pip install --index-url {value} q\n"
    )
    diags = lint(tmp_path, {".github/workflows/ci.yml": workflow}, monkeypatch)
    assert [d.location.line for d in diags if d.code == "RL104"] == ([3, 9] if fires else [])
    secret = value.split("@", maxsplit=1)[0].rsplit(":", 1)[-1].removeprefix("https://")
    for diag in diags:
        assert secret not in diag.message or not fires
    for fmt in ("text", "json", "sarif", "github"):
        main(["check", "--format", fmt, "."])
        out, err = capsys.readouterr()
        if fires:
            assert secret not in out + err


# ---------------------------------------------------------------------------- corpus


def test_corpus_tox_setenv_lines() -> None:
    diags = corpus_run(
        "ci/astroquery/tox.ini", "ci/photutils/tox.ini", "ci/sunpy/tox.ini", "ci/ndcube/tox.ini"
    )
    found = sorted((Path(p).parent.name, line, col) for p, line, col in where(diags, "RL101"))
    assert found == [
        ("astroquery", 29, 37),
        ("astroquery", 29, 103),
        ("astroquery", 29, 144),
        ("astroquery", 66, 45),
        ("ndcube", 44, 36),
        ("ndcube", 44, 77),
        ("photutils", 18, 36),
        ("photutils", 18, 102),
        ("photutils", 18, 143),
        ("sunpy", 45, 36),
        ("sunpy", 45, 77),
        ("sunpy", 45, 143),
    ]
    assert not where(diags, "RL102")  # every index of these files is https
    by_line = {
        (Path(d.location.path).parent.name, d.location.line): d for d in diags if d.code == "RL101"
    }
    # The nightly-wheels index beside PyPI: without it pip would take PyPI's stable
    # releases instead, so no fix is offered (the message says the remedy).
    assert by_line[("sunpy", 45)].fix is None
    assert "no safe fix" in by_line[("sunpy", 45)].message
    # Likewise inside a command: no "remove it by hand" advice, the remedy instead.
    assert by_line[("astroquery", 66)].fix is None
    assert "no safe fix" in by_line[("astroquery", 66)].message


def test_corpus_workflows() -> None:
    diags = corpus_run(
        "ci/ignite",
        "ci/pywt",
        "ci/lightning",
        "ci/torchmetrics",
        "ci/huaweicloud-pypi-action",
    )
    # Single --index-url per command, uv's own flags, secrets references: nothing to say.
    assert [d.code for d in diags if d.code in ("RL101", "RL102", "RL103", "RL104")] == []
    # MONAI's cron.yml: `pip install ${{ matrix.pytorch }}`, each matrix value carrying
    # --extra-index-url https://download.pytorch.org/whl/cu121 beside PyPI
    monai = corpus_run("ci/monai")
    assert [
        (d.location.line, d.code) for d in monai if d.code in ("RL101", "RL102", "RL103", "RL104")
    ] == [(22, "RL101"), (25, "RL101"), (28, "RL101")]
    assert all("download.pytorch.org/whl/cu121" in d.message for d in monai if d.code == "RL101")
    skimage = corpus_run("ci/scikit-image")
    # PIP_FLAGS (for `pip install $PIP_FLAGS`): the public index beside the nightly one.
    assert where(skimage, "RL101") == [
        ("tests/data/corpus/ci/scikit-image/.github/workflows/test-nightlies-on-main.yaml", 25, 5)
    ] or os.getcwd() != str(CORPUS.parents[2])
    assert not where(skimage, "RL108")  # a flags holder, not a pip setting


def test_corpus_settings_counts() -> None:
    counts: dict[str, int] = {}
    for cand in candidates([str(CORPUS / "ci")]):
        tf = TextFile.decode(cand.path, Path(cand.path).read_bytes(), pep263=False)
        counts[Path(cand.path).name] = counts.get(Path(cand.path).name, 0) + len(
            parse_text(cand.kind, tf).settings
        )
    assert counts == {
        "tox.ini": 12,
        "gpu-tests.yml": 2,
        "unit-tests.yml": 2,
        "ci-tests-pytorch.yml": 1,
        "cron.yml": 3,  # the matrix values of `pip install ${{ matrix.pytorch }}`
        "wheel_tests_and_release.yml": 0,
        "test-nightlies-on-main.yaml": 2,
        "ci-tests.yml": 0,
        "install.yml": 0,
    }


# ------------------------------------------------------------------------------ tox

TOX_TRAP = """\
[tox]
envlist = py312

[testenv]
setenv = PIP_INDEX_URL=https://mirror.example/simple
\tdev: PIP_EXTRA_INDEX_URL = https://one.example/simple  https://two.example/simple
    # a comment line inside the value
    PIP_TRUSTED_HOST=mirror.example \\
        other.example
deps =
    --extra-index-url https://deps.example/simple
    pytest --index-url https://never.example/simple  # tox drops this comment
install_command = python -I -m pip install --find-links {toxinidir}/wheels {opts} {packages}
commands =
    !dev: pip install -i https://cmd.example/simple x
"""


def test_tox_trap() -> None:
    tf, source = parsed(SourceKind.TOX, TOX_TRAP, "tox.ini")
    facts = [
        (
            s.key,
            s.value,
            s.location.line,
            at(tf, s.location.span),
            s.attrs.get("factor"),
            len(s.removal),
        )
        for s in source.settings
    ]
    assert facts == [
        ("index-url", "https://mirror.example/simple", 5, "https://mirror.example/simple", None, 0),
        (
            "extra-index-url",
            "https://one.example/simple",
            6,
            "https://one.example/simple",
            "dev",
            1,
        ),
        (
            "extra-index-url",
            "https://two.example/simple",
            6,
            "https://two.example/simple",
            "dev",
            1,
        ),
        ("trusted-host", "mirror.example", 8, "mirror.example", None, 0),
        ("trusted-host", "other.example", 9, "other.example", None, 0),
        (
            "extra-index-url",
            "https://deps.example/simple",
            11,
            "--extra-index-url https://deps.example/simple",
            None,
            1,
        ),
        (
            "index-url",
            "https://never.example/simple",
            12,
            "--index-url https://never.example/simple",
            None,
            0,
        ),
        ("find-links", "{toxinidir}/wheels", 13, "--find-links {toxinidir}/wheels", None, 0),
        ("index-url", "https://cmd.example/simple", 15, "-i https://cmd.example/simple", "!dev", 0),
    ]
    # The key's own line is never commented out: the next lines would join the previous key.
    assert "first line of the key" in source.settings[0].remedy
    assert source.settings[6].attrs["command"] == "pip install"


# ------------------------------------------------------------------------ Dockerfile

DOCKER_TRAP = """\
FROM python:3.12
ARG PIP_INDEX_URL=https://mirror.example/simple
ENV PIP_EXTRA_INDEX_URL=https://extra.example/simple PIP_TIMEOUT=5
ENV PIP_TRUSTED_HOST extra.example
env PIP_FIND_LINKS="https://links.example/a https://links.example/b"
RUN apt-get update && \\
    # Docker drops this comment line before the shell sees the command
    pip install --no-cache-dir \\
        --extra-index-url=https://run.example/simple \\
        -i http://insecure.example/simple torch && \\
    python3 -m pip install -Uf ./wheels foo
ENV PIP_RETRIES=1 \\
    PIP_CERT=/ca.pem
ONBUILD RUN pip install --trusted-host onbuild.example bar
"""


def test_dockerfile_trap() -> None:
    tf, source = parsed(SourceKind.DOCKERFILE, DOCKER_TRAP, "Dockerfile")
    facts = [
        (s.key, s.value, s.location.line, at(tf, s.location.span), len(s.removal))
        for s in source.settings
    ]
    assert facts == [
        ("index-url", "https://mirror.example/simple", 2, "https://mirror.example/simple", 1),
        ("extra-index-url", "https://extra.example/simple", 3, "https://extra.example/simple", 0),
        ("timeout", "5", 3, "5", 0),
        ("trusted-host", "extra.example", 4, "extra.example", 1),
        ("find-links", "https://links.example/a", 5, "https://links.example/a", 1),
        ("find-links", "https://links.example/b", 5, "https://links.example/b", 1),
        (
            "extra-index-url",
            "https://run.example/simple",
            9,
            "--extra-index-url=https://run.example/simple",
            0,
        ),
        ("index-url", "http://insecure.example/simple", 10, "-i http://insecure.example/simple", 0),
        ("find-links", "./wheels", 11, "-Uf ./wheels", 0),
        ("retries", "1", 12, "1", 0),
        ("cert", "/ca.pem", 13, "/ca.pem", 0),
        ("trusted-host", "onbuild.example", 14, "--trusted-host onbuild.example", 0),
    ]
    assert "several variables" in source.settings[1].remedy
    assert "RUN command" in source.settings[6].remedy
    assert source.settings[1].attrs["instruction"] == "ENV"


def test_dockerfile_escape_directive_and_exec_form() -> None:
    text = (
        "# escape=`\nFROM x\nRUN pip install `\n    --extra-index-url https://e.example/s y\n"
        'RUN ["pip", "install", "--index-url", "https://exec.example/simple"]\n'
    )
    tf, source = parsed(SourceKind.DOCKERFILE, text, "Dockerfile")
    (setting,) = source.settings
    assert (setting.location.line, at(tf, setting.location.span)) == (
        4,
        "--extra-index-url https://e.example/s",
    )


def test_dockerfile_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    diags = lint(tmp_path, {"docker/api.Dockerfile": DOCKER_TRAP}, monkeypatch)
    assert where(diags, "RL102") == [("docker/api.Dockerfile", 10, 9)]
    assert ("docker/api.Dockerfile", 3, 25) in where(diags, "RL101")


# ------------------------------------------------------------------------- discovery


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("environment.yml", SourceKind.CONDA),
        ("environment-dev.yaml", SourceKind.CONDA),
        ("envs/environment_gpu.yml", SourceKind.CONDA),
        ("job/conda.yaml", SourceKind.CONDA),
        (".github/workflows/ci.yml", SourceKind.CI),
        ("x/.github/workflows/r.yaml", SourceKind.CI),
        (".gitlab-ci.yml", SourceKind.CI),
        ("tox.ini", SourceKind.TOX),
        ("Dockerfile", SourceKind.DOCKERFILE),
        ("Dockerfile.dev", SourceKind.DOCKERFILE),
        ("docker/Dockerfile-prod", SourceKind.DOCKERFILE),
        ("api.Dockerfile", SourceKind.DOCKERFILE),
        ("images/x.dockerfile", SourceKind.DOCKERFILE),
        ("Containerfile", SourceKind.DOCKERFILE),
        ("requirements.txt", SourceKind.REQUIREMENTS),
        ("my-environment.yml", None),
        ("environment.py", None),
        ("docker-compose.yml", None),
        ("Dockerfile.md", None),
        (".github/dependabot.yml", None),
        (".github/workflows/scripts/x.yml", None),
        (".github/actions/a/action.yml", SourceKind.CI),  # a composite action
        (".github/workflows/setup-venv/action.yml", SourceKind.CI),  # DeepSpeed-MII's
        (".github/workflows/setup-venv/other.yml", None),
        # deepchem's conda environments, kept beside its requirements files (trial 8)
        ("requirements/torch/env_torch.cpu.yml", SourceKind.CONDA),
        ("reqs/env.yaml", SourceKind.CONDA),
        ("tox.ini.bak", None),
        (".dockerignore", None),
    ],
)
def test_classify(path: str, kind: SourceKind | None) -> None:
    assert classify(path) is kind


def test_walk_enters_github_but_not_git(tmp_path: Path) -> None:
    for name in (
        ".github/workflows/ci.yml",
        ".git/hooks/Dockerfile",
        ".gitlab-ci.yml",
        "Dockerfile",
        "tox.ini",
        "environment.yml",
        ".tox/py/tox.ini",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    found = sorted(Path(c.path).relative_to(tmp_path).as_posix() for c in walk(str(tmp_path)))
    assert found == [
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        "Dockerfile",
        "environment.yml",
        "tox.ini",
    ]


def test_cli_finds_the_workflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
        "      - run: pip install --extra-index-url https://extra.example/simple q\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(repo)]) == 1
    out = capsys.readouterr().out
    assert "ci.yml:6" in out
    assert "RL101" in out


def test_corpus_copy_is_unchanged_by_a_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CORPUS / "ci" / "sunpy", tmp_path / "sunpy")
    before = (tmp_path / "sunpy" / "tox.ini").read_bytes()
    monkeypatch.chdir(tmp_path)
    assert main(["check", "sunpy"]) == 1
    assert (tmp_path / "sunpy" / "tox.ini").read_bytes() == before


def test_rl101_judges_each_ci_command_on_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One command's --index-url is not the primary of another command's extra index, and
    one command's --no-index does not silence the others."""
    from reqlint import engine
    from reqlint.discovery import candidates
    from reqlint.loader import load_project

    monkeypatch.chdir(tmp_path)
    workflow = tmp_path / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: pip install --no-index --find-links wheels/ -r req.txt\n"
        "      - run: |\n"
        "          pip install --index-url https://internal.example/simple lib\n"
        "          pip install --extra-index-url https://download.pytorch.org/whl/cpu torch\n"
    )
    project = load_project(candidates(["."]))
    found = [d for d in engine.run(project).diagnostics if d.code == "RL101"]
    assert [
        (d.location.line, "https://pypi.org/simple (the public index, pip's default)" in d.message)
        for d in found
    ] == [(9, True)]


@pytest.mark.parametrize(
    ("option", "remedy"),
    [
        (
            "--extra-index-url",
            "`pip install --index-url https://download.pytorch.org/whl/cpu <its packages>`",
        ),
        (
            "-f",
            "`pip install --no-index --find-links https://download.pytorch.org/whl/cpu "
            "<its packages>`",
        ),
    ],
)
def test_the_remedy_for_an_extra_on_a_pip_command_is_a_command_of_its_own(
    option: str, remedy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # uv/poetry settings and "let it proxy the public one" do not fit a pip install line
    # (real-world trial: accelerate, detectron2, mmcv, serve)
    docker = (
        "FROM python:3.12\nRUN pip install jupyter torch==2.4.0 "
        f"{option} https://download.pytorch.org/whl/cpu\n"
    )
    diags = lint(tmp_path, {"Dockerfile": docker}, monkeypatch)
    (finding,) = [d for d in diags if d.code == "RL101"]
    assert remedy in finding.message
    assert "uv:" not in finding.message
    assert "proxy" not in finding.message
    assert finding.fix is None


def test_composite_action_steps_are_read_as_a_workflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pytorch_geometric installs its CI dependencies through .github/actions/setup/action.yml
    # (real-world trial): a folder scan reads it as CI, not as a conda file.
    action = (
        "name: setup\nruns:\n  using: composite\n  steps:\n"
        "    - name: deps\n      shell: bash\n      env:\n"
        "        PIP_INDEX_URL: http://mirror.example/simple\n"
        "      run: |\n"
        "        pip install --extra-index-url https://download.pytorch.org/whl/cpu torch\n"
    )
    assert classify(".github/actions/setup/action.yml") is SourceKind.CI
    assert classify("action.yml") is SourceKind.CI
    assert classify("docs/action.yml") is None
    diags = lint(tmp_path, {".github/actions/setup/action.yml": action}, monkeypatch)
    assert where(diags, "RL102") == [(".github/actions/setup/action.yml", 8, 24)]
    assert where(diags, "RL101") == [(".github/actions/setup/action.yml", 10, 21)]


def test_a_lone_env_entry_says_why_it_is_not_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pyg's composite action (real-world trial): the help said the entry was "not a
    # one-line entry of its own", though it is one: it is the mapping's only entry.
    workflow = (
        "on: push\nenv:\n  UV_INDEX_STRATEGY: unsafe-best-match\n"
        "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: uv pip install x "
        "--extra-index-url https://download.pytorch.org/whl/cpu\n"
    )
    diags = lint(tmp_path, {".github/workflows/ci.yml": workflow}, monkeypatch)
    (finding,) = [d for d in diags if d.code == "RL101"]
    assert finding.fix is not None
    assert "UV_INDEX_STRATEGY is the only entry of its mapping" in finding.fix.description
    assert "block mapping with other entries" not in finding.fix.description


def test_vcs_requirements_on_command_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # spaCy's explosionbot job installs the bot from its moving default branch, diffusers'
    # jobs `uv pip install peft@git+...` (real-world trial): RL204 reads command lines too,
    # as info (a job that tests against upstream's head means it); a credential in such a
    # URL is RL104's error, and a revision in a variable is not judged.
    token = "ghp_1234567890abcdefghijABCDEFGHIJ12"
    workflow = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n" + (
        "      - run: pip install git+https://github.com/explosion/explosion-bot\n"
        "      - run: uv pip install peft@git+https://github.com/huggingface/peft.git"
        ' "x @ git+https://github.com/a/x@v1.2"'
        " git+https://github.com/a/b@${{ matrix.ref }}\n"
        "      - run: pip install -e git+https://github.com/a/c.git@"
        "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a#egg=c\n"
        f'      - run: pip install "git+https://{token}@github.com/a/d.git@'
        '3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a"\n'
    )
    dockerfile = "FROM python:3.12\nRUN pip install git+https://github.com/pyg-team/pyg-lib.git\n"
    diags = lint(
        tmp_path, {".github/workflows/ci.yml": workflow, "Dockerfile": dockerfile}, monkeypatch
    )
    rl204 = {
        (d.location.path, d.location.line, d.location.column): d for d in diags if d.code == "RL204"
    }
    assert sorted(rl204) == [
        (".github/workflows/ci.yml", 6, 26),
        (".github/workflows/ci.yml", 7, 29),
        (".github/workflows/ci.yml", 7, 79),
        ("Dockerfile", 2, 17),
    ]
    assert all(d.severity is Severity.INFO for d in rl204.values())
    assert "is pinned to 'v1.2'" in rl204[(".github/workflows/ci.yml", 7, 79)].message
    assert "on a command line" in rl204[("Dockerfile", 2, 17)].message
    (secret,) = [d for d in diags if d.code == "RL104"]
    assert (secret.location.line, secret.severity, secret.fix) == (9, Severity.ERROR, None)
    assert token not in secret.message


def test_tox_deps_and_commands_are_read_for_vcs_requirements() -> None:
    # RL204's: a VCS requirement in `deps` or on a pip command of `commands`; other deps
    # are the test env's own choice, and a {substitution} may hold the revision
    tox = (
        "[testenv]\ndeps =\n    pytest\n    git+https://github.com/a/dep@main\n"
        "    b @ git+https://github.com/a/b@{env:REF:main}\n"
        "commands = pip install git+https://github.com/a/b\n"
    )
    _tf, source = parsed(SourceKind.TOX, tox, "tox.ini")
    assert [(r.url, r.location.line) for r in source.requirements] == [
        ("git+https://github.com/a/dep@main", 4),
        ("git+https://github.com/a/b", 6),
    ]
