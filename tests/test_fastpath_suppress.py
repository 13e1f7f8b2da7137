"""Suppression comments are found from the lines that name them: the same comments as
reading every line (issue 13), and the text a source was parsed from is not read again."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reqlint.suppress import (
    _COMMENT,
    SuppressionComment,
    suppression_codes,
    suppression_comments,
)
from reqlint.text import TextFile


def every_line(text_file: TextFile) -> list[SuppressionComment]:
    """The reading of every physical line (the code before issue 13), as the referee."""
    out: list[SuppressionComment] = []
    lines = list(text_file.physical_lines())
    text = text_file.text
    for number, start, end, _ in lines:
        line = text[start:end]
        match = _COMMENT.search(line)
        if match is None:
            continue
        codes = suppression_codes(match.group(0))
        if codes is None:
            continue
        first = number
        while first > 1 and text[lines[first - 2][1] : lines[first - 2][2]].endswith("\\"):
            first -= 1
        out.append(
            SuppressionComment(
                number,
                start + match.start(),
                start + match.end(),
                codes,
                tuple(range(first, number + 1)),
            )
        )
    return out


_PIECES = st.sampled_from(
    [
        "requests==2.31.0",
        " ",
        "\t",
        "#",
        " # ",
        "noqa",
        "NoQA",
        "noqa: RL101",
        "noqa:RL101,RL2",
        "reqlint: ignore",
        "reqlint:ignore[RL206, rl1]",
        "REQLINT: IGNORE[]",
        "reqlint",
        "x#noqa",
        "\\",
        "\n",
        "\r\n",
        "\r",
        "\x0b",
        "é",
        "\u212a",  # the Kelvin sign: "k" in a case-insensitive match
    ]
)


@settings(max_examples=1500)
@given(st.lists(_PIECES, max_size=40).map("".join))
@example("a # noqa\\\nb # noqa\n")
@example("a \\\nb \\\nc # reqlint: ignore[RL206]")
@example("# noqa noqa\r\n# noqa")
@example("x # not\u212a noqa")
def test_the_lines_that_name_a_suppression_are_the_lines_that_have_one(text: str) -> None:
    text_file = TextFile.from_text("r.txt", text)
    assert suppression_comments(text_file, pipconf=False, suppressions={}) == every_line(text_file)
