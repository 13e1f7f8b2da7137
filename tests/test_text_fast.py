"""``text._line_starts``' split-based path gives the offsets of its regular-expression path."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from reqlint import text


def _by_regex(body: str) -> tuple[int, ...]:
    starts = [0]
    for match in text._NEWLINE.finditer(body):
        if match.end() < len(body):
            starts.append(match.end())
    return tuple(starts)


@given(st.text(alphabet="a\n \t\u2028\r", max_size=40))
@example("")
@example("\n")
@example("a\nb\n")
@example("a\r\nb")
def test_line_starts_agree_with_the_regex(body: str) -> None:
    assert text._line_starts(body) == _by_regex(body)
    assert text.TextFile.from_text("f", body).line_count == len(_by_regex(body))
