"""RL206 decides plain specifier sets on release tuples: the same answers as packaging's
search (issue 13).  ``_compatible(a, b, shortcut=False)`` is the search alone."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reqlint.pep440 import plain_specifiers
from reqlint.rules import rl206_duplicate_requirement as rl206

_OPS = st.sampled_from(["==", "!=", "<=", ">=", "<", ">", "~="])
_RELEASE = st.lists(st.integers(0, 3), min_size=1, max_size=4).map(
    lambda parts: ".".join(map(str, parts))
)
_SUFFIX = st.sampled_from([""] * 30 + ["a1", "b2", "rc1", ".post1", ".dev0", "rc1.post2"])
_WILD = st.sampled_from([""] * 8 + [".*"])


@st.composite
def part(draw: st.DrawFn) -> str:
    version = draw(_RELEASE)
    if draw(st.integers(0, 5)) == 0:
        version = "0" + version  # leading zeros: PEP 440 drops them
    return draw(_OPS) + version + draw(_SUFFIX) + draw(_WILD)


@st.composite
def specifier_set(draw: st.DrawFn) -> str:
    return ",".join(draw(st.lists(part(), max_size=3)))


@settings(max_examples=2000, deadline=None)
@given(specifier_set(), specifier_set())
@example("==1.0", ">1")  # equal releases, and >X admits no X.postN
@example(">1", "<=1.0.post1")
@example("<=1", ">=1.0")
@example("~=1.0", "==1.*")
@example("~=1", "==1")  # packaging refuses ~=1
@example(">=1.*", "==1")  # and a wildcard after >=
@example("==1.0rc1", "==2")  # a pre-release: the search gives up (compatible)
@example("==1.0.post1", "!=1.0.post1")
@example("", "")
@example("!=1.*", ">=1,<2")
@example("==01.0", "==1")
@example(">1.0", "<1.0.1")
@example(">=1.0,<1.0.1", "!=1.0")
def test_plain_sets_decided_as_the_search_decides(a: str, b: str) -> None:
    assert rl206._compatible(a, b) == rl206._compatible(a, b, shortcut=False)


@given(specifier_set(), specifier_set())
def test_the_answer_does_not_depend_on_the_order(a: str, b: str) -> None:
    assert rl206.compatible(a, b) == rl206.compatible(b, a)


def test_sets_that_are_not_plain_go_to_packaging() -> None:
    # a local label, ===, blanks: no plain reading; packaging answers
    for text in ("==1.0+local", "===1.0", "== 1.0", ">=1,<2 ", "~=1.0,<"):
        assert plain_specifiers(text) == (None, ())
        assert rl206._decide(text, "==1") is None
    assert rl206.compatible("==1.0+local", "==1.0") is True
    assert rl206.compatible("===1.0", "==2") is False
