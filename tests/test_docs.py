"""Rule docs: one page per rule, identical to what the metadata generates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reqlint.docs import (
    REQUIRED_SECTIONS,
    RUN_SECTIONS,
    CodeBlock,
    code_blocks,
    index_page,
    rule_page,
    sections,
)
from reqlint.model import RuleMeta
from reqlint.rules import RULES
from reqlint.rules.base import Rule

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"
HEADINGS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_rule_page_in_sync(rule: object) -> None:
    meta = rule.meta  # type: ignore[attr-defined]
    page = DOCS / f"{meta.code}.md"
    assert page.exists(), f"run `python -m reqlint.docs docs/rules` to write {page.name}"
    assert page.read_text(encoding="utf-8") == rule_page(meta), (
        f"{page.name} is stale: run `python -m reqlint.docs docs/rules`"
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_rule_doc_has_the_fixed_headings(rule: object) -> None:
    doc = rule.meta.doc  # type: ignore[attr-defined]
    positions = [doc.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions), doc[:200]
    assert positions == sorted(positions)


def test_codes_are_unique_and_ordered() -> None:
    codes = [r.meta.code for r in RULES]
    assert codes == sorted(set(codes))


def test_no_orphan_pages() -> None:
    pages = {p.stem for p in DOCS.glob("RL*.md")}
    assert pages == {r.meta.code for r in RULES}


def test_index_page_in_sync() -> None:
    assert (DOCS / "README.md").read_text(encoding="utf-8") == index_page([r.meta for r in RULES])


def test_fix_table_in_docs_fixes_md_in_sync() -> None:
    from reqlint.docs import with_fix_table

    text = (DOCS.parent / "fixes.md").read_text(encoding="utf-8")
    assert text == with_fix_table(text, [r.meta for r in RULES]), (
        "docs/fixes.md's table is stale: run `make docs`"
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_rule_page_states_the_fix_truth(rule: object) -> None:
    """A page says "safe" only when some fix of the rule is safe, and names
    `--unsafe-fixes` when the best it can do is unsafe; a rule that can fix documents
    every kind of finding in docs/fixes.md."""
    from reqlint.model import Applicability, FixAvailability

    meta = rule.meta  # type: ignore[attr-defined]
    header = rule_page(meta).split("\n\n")[2]
    if meta.fix is FixAvailability.NONE:
        assert "| no |" in header
        assert not meta.fix_cases
        return
    assert meta.fix_cases, f"{meta.code} can fix: give it FixCase rows for docs/fixes.md"
    best = max(
        c.applicability
        for c in meta.fix_cases
        if c.applicability in (Applicability.SAFE, Applicability.UNSAFE)
    )
    assert best is meta.fix_applicability
    if best is Applicability.UNSAFE:
        assert "unsafe (only with `reqlint --fix --unsafe-fixes`)" in header
        assert "safe (`reqlint --fix`)" not in header
    else:
        assert "safe (`reqlint --fix`)" in header
    assert "## Fix safety" in meta.doc


def test_rl103_and_rl104_pages_do_not_claim_a_safe_fix() -> None:
    for code in ("RL103", "RL104"):
        page = (DOCS / f"{code}.md").read_text(encoding="utf-8")
        assert "| sometimes; unsafe (only with `reqlint --fix --unsafe-fixes`) |" in page
        assert "yes (`reqlint --fix`)" not in page


def test_reqlint_rule_prints_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    from reqlint.cli import main

    assert main(["rule", "RL101"]) == 0
    assert capsys.readouterr().out == (DOCS / "RL101.md").read_text(encoding="utf-8")


# ----------------------------------------------------- the examples of every page, run
# Every ``## Example`` block must make its rule fire and every ``## Use instead`` block must
# not; where the rule has a fix, the fixed Example must not fire again.  The info string of
# a block names its file (reqlint/docs.py CodeBlock; CONTRIBUTING.md).  Not run: rules whose
# answer depends on more than the files of the example.
NOT_RUN = {
    # --network: the indexes of an example are not real servers.
    "RL301": "network",
    "RL302": "network",
    "RL303": "network",
    "RL304": "network",
    "RL305": "network",
    # This machine's disk: pip (and `--system`) always read /etc/pip.conf, which a test
    # cannot redirect, so the answer would depend on the machine the suite runs on.
    "RL110": "machine",
    "RL111": "machine",
}


def _blocks(meta: RuleMeta, section: str) -> list[CodeBlock]:
    return code_blocks(sections(meta.doc).get(section, ""))


def _write(folder: Path, blocks: list[CodeBlock]) -> tuple[list[str], dict[str, str]]:
    """The example's files written under ``folder``; its environment."""
    files: list[str] = []
    environ: dict[str, str] = {}
    folder.mkdir(parents=True)
    for block in blocks:
        if block.path == "env":
            for line in block.body.splitlines():
                if line.strip() and not line.startswith("#"):
                    name, _, value = line.partition("=")
                    environ[name.strip()] = value
        elif block.path is not None:
            path = folder / block.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.body, encoding="utf-8")
            files.append(block.path)
    return sorted(set(files)), environ


def _check(
    folder: Path,
    files: list[str],
    environ: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
) -> set[str]:
    """The codes a real ``reqlint check`` of the example's files reports."""
    import json

    from reqlint.cli import main

    monkeypatch.chdir(folder)
    argv = ["check", "--output-format", "json", *extra]
    if environ:
        # --system reads the environment; no pip config file of this machine is read
        # (pip's own switch: PIP_CONFIG_FILE=os.devnull), and home is the example's.
        home = folder.parent / "home"
        controlled = {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CONFIG_DIRS": str(home / "etc-xdg"),
            "VIRTUAL_ENV": str(home / "venv"),
            "PIP_CONFIG_FILE": os.devnull,
            **environ,
        }
        for name, value in controlled.items():
            monkeypatch.setenv(name, value)
        argv.append("--system")
    capsys.readouterr()
    status = main([*argv, *files])
    out = capsys.readouterr().out
    assert status in (0, 1), out
    if "--fix" in extra:
        return set()
    return {d["code"] for d in json.loads(out)["diagnostics"]}


def test_every_page_has_every_section_in_order() -> None:
    for rule in RULES:
        titles = [t for t in sections(rule.meta.doc) if t in REQUIRED_SECTIONS]
        assert titles == list(REQUIRED_SECTIONS), (rule.meta.code, titles)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_every_example_block_says_what_it_is(rule: Rule) -> None:
    for section in RUN_SECTIONS:
        for block in _blocks(rule.meta, section):
            assert block.info, (
                f"{rule.meta.code} {section}: give the block an info string naming its "
                "file (```requirements.txt, ```ini pip.conf, ```env) or its language"
            )
    runnable = [b for b in _blocks(rule.meta, "Example") if b.path]
    assert runnable or rule.meta.code in NOT_RUN


RUN = [r for r in RULES if r.meta.code not in NOT_RUN]


@pytest.mark.parametrize("rule", RUN, ids=lambda r: r.meta.code)
def test_example_fires_and_use_instead_does_not(
    rule: Rule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = rule.meta
    example = tmp_path / "example" / "project"
    files, environ = _write(example, _blocks(meta, "Example"))
    assert meta.code in _check(example, files, environ, monkeypatch, capsys), (
        f"{meta.code}'s ## Example does not make it fire"
    )
    better = tmp_path / "instead" / "project"
    files_instead, environ_instead = _write(better, _blocks(meta, "Use instead"))
    if files_instead:
        assert meta.code not in _check(
            better, files_instead, environ_instead, monkeypatch, capsys
        ), f"{meta.code}'s ## Use instead still makes it fire"
    from reqlint.model import FixAvailability

    if meta.fix is not FixAvailability.NONE:
        _check(example, files, environ, monkeypatch, capsys, "--fix", "--unsafe-fixes")
        assert meta.code not in _check(example, files, environ, monkeypatch, capsys), (
            f"{meta.code}'s ## Example still fires after --fix --unsafe-fixes"
        )
