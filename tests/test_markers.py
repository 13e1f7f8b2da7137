"""The tables of conftest.py name real tests: slow (``make check`` skips them) and
no_cover (coverage paused).

A renamed or removed test would otherwise drop out of the table silently and slow the
edit loop down (or, worse, a table that names nothing would look like a split).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import NO_COVER, SLOW_TESTS

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize(
    ("table", "module"),
    [("slow", m) for m in sorted(SLOW_TESTS)] + [("no_cover", m) for m in sorted(NO_COVER)],
)
def test_every_entry_is_a_test(table: str, module: str) -> None:
    text = (TESTS / module).read_text(encoding="utf-8")
    defined = set(re.findall(r"^(?:async )?def (test_\w+)\(", text, re.M))
    names = set({"slow": SLOW_TESTS, "no_cover": NO_COVER}[table][module])
    assert names == {"*"} or names <= defined, names - defined


def test_the_split_leaves_the_rule_tables_in_the_loop() -> None:
    for module in ("test_rules.py", "test_docs.py", "test_rule_codes.py"):
        assert module not in SLOW_TESTS
