"""text.MappedText: the one mapped-text type (shell words, YAML scalars, conda's joined
pip: list, tox and Dockerfile continuation lines)."""

from __future__ import annotations

import pytest

from reqlint.text import MappedText

TEXT = 'RUN pip install "--index-url=https://i/s" \\\n    x\n'


def test_region_maps_each_character_to_itself() -> None:
    start = TEXT.index("pip")
    mapped = MappedText.region(TEXT, start, start + 3)
    assert mapped.chars == "pip"
    assert mapped.file_range(0, 2) == (start, start + 3)
    assert TEXT[slice(*mapped.file_range(1, 1))] == "i"


def test_a_derived_string_points_back_at_the_file() -> None:
    # the quoted word without its quotes: characters keep their own places
    start = TEXT.index('"') + 1
    end = TEXT.index('"', start)
    word = MappedText(TEXT[start:end], [(k, k + 1) for k in range(start, end)])
    at = word.chars.index("https")
    a, b = word.file_range(at, len(word.chars) - 1)
    assert TEXT[a:b] == "https://i/s"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 2, (10, 12)),
        (1, 1, (11, 11)),  # empty: where it starts
        (2, 9, (12, 21)),  # clamped to the string
        (3, 5, (20, 21)),  # past the end: the last character
    ],
)
def test_span_range(start: int, end: int, expected: tuple[int, int]) -> None:
    # "ab" at 10-12 then a joining newline with no place of its own, then "c" at 20
    mapped = MappedText("ab\nc", [(10, 11), (11, 12), (12, 12), (20, 21)])
    assert mapped.span_range(start, end) == expected


def test_span_range_of_nothing() -> None:
    assert MappedText("", []).span_range(0, 3) == (0, 0)
