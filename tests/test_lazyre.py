"""A LazyPattern answers as the compiled pattern does, and compiles only when first used."""

from __future__ import annotations

import re

import pytest

from reqlint._lazyre import LazyPattern

CASES = [
    (r"(?P<name>[a-z]+)=(\d+)", 0, "a=1 bb=22 ccc"),
    (r"^x.*$", re.MULTILINE, "y\nxab\nxc"),
    (r"(?i)open|read", 0, "OPEN the Read"),
    (r"", 0, "ab"),
]


@pytest.mark.parametrize(("pattern", "flags", "text"), CASES)
def test_every_method_answers_as_re_compile(pattern: str, flags: int, text: str) -> None:
    lazy, real = LazyPattern(pattern, flags), re.compile(pattern, flags)

    def spans(m: re.Match[str] | None) -> object:
        return None if m is None else (m.span(), m.groups())

    for pos in (0, 1, len(text)):
        assert spans(lazy.search(text, pos)) == spans(real.search(text, pos))
        assert spans(lazy.match(text, pos)) == spans(real.match(text, pos))
        assert spans(lazy.fullmatch(text, pos)) == spans(real.fullmatch(text, pos))
        assert [spans(m) for m in lazy.finditer(text, pos)] == [
            spans(m) for m in real.finditer(text, pos)
        ]
        assert lazy.findall(text, pos) == real.findall(text, pos)
    assert lazy.sub("-", text) == real.sub("-", text)
    assert lazy.sub(lambda m: m.group(0).upper(), text, 1) == real.sub(
        lambda m: m.group(0).upper(), text, 1
    )
    assert lazy.pattern == real.pattern


def test_it_compiles_on_first_use_only_once() -> None:
    lazy = LazyPattern("[")  # invalid: an error would show at construction if eager
    with pytest.raises(re.error):
        lazy.search("x")
    ok = LazyPattern("a+")
    assert ok._compiled is None
    first = ok.compiled
    assert ok.compiled is first
