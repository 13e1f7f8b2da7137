"""Rule docs: one page per rule, identical to what the metadata generates."""

from __future__ import annotations

from pathlib import Path

import pytest

from reqlint.docs import index_page, rule_page
from reqlint.rules import RULES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"
HEADINGS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_rule_page_in_sync(rule: object) -> None:
    meta = rule.meta  # type: ignore[attr-defined]
    page = DOCS / f"{meta.code}.md"
    assert page.exists(), f"run `python -m reqlint.docs docs/rules` to write {page.name}"
    assert page.read_text(encoding="utf-8") == rule_page(meta), (
        f"{page.name} is stale: run `python -m reqlint.docs docs/rules`")


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
    assert (DOCS / "README.md").read_text(encoding="utf-8") == index_page(
        [r.meta for r in RULES])


def test_fix_table_in_docs_fixes_md_in_sync() -> None:
    from reqlint.docs import with_fix_table

    text = (DOCS.parent / "fixes.md").read_text(encoding="utf-8")
    assert text == with_fix_table(text, [r.meta for r in RULES]), (
        "docs/fixes.md's table is stale: run `make docs`")


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
    best = max(c.applicability for c in meta.fix_cases
               if c.applicability in (Applicability.SAFE, Applicability.UNSAFE))
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
