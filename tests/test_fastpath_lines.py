"""A text whose only line separator is ``\\n`` is split in one go: the same lines,
numbers and offsets as pip's separators give (issue 13)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from reqlint.sources.requirements import _newline_lines, _pip_lines, _separated_lines
from reqlint.text import TextFile

_TEXT = st.text(st.sampled_from(["a", "b", " ", "#", "\\", "\n", "\n", "é"]), max_size=60)
_ANY = st.lists(
    st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\v", "\x85", "\u2028"]), max_size=40
).map("".join)


@given(_TEXT)
@example("")
@example("\n")
@example("a\n\nb")
@example("a\nb\n")
def test_newline_only_texts_split_as_pip_splits_them(text: str) -> None:
    assert list(_newline_lines(text)) == list(_separated_lines(text))
    assert [raw for _, _, raw in _newline_lines(text)] == text.splitlines()


@given(_ANY)
def test_every_text_takes_pips_separators(text: str) -> None:
    tf = TextFile.from_text("r.txt", text).with_pip_lines()
    assert list(_pip_lines(tf)) == list(_separated_lines(text))
    assert [raw for _, _, raw in _pip_lines(tf)] == text.splitlines()
