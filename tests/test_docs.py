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
