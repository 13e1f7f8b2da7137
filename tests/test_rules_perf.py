"""Shortcuts the rules take for speed give the answers of the general code (issue 13)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reqlint.rules import rl206_duplicate_requirement as rl206

_OPS = st.sampled_from(["==", "!=", "<=", ">=", "<", ">", "~=", "==="])
_VERSIONS = st.sampled_from(
    [
        "1",
        "1.0",
        "1.0.0",
        "01.0",
        "1.2",
        "1.2.3",
        "2",
        "0",
        "1.1",
        "1.0.1",
        "1.0.post1",
        "1.0rc1",
        "1.*",
        "1.0.*",
        "1.0+local",
        "foo",
        "999999",
        "1.2.3.4",
    ]
)


@st.composite
def specifier(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 2)) == 0:
        return "==" + draw(_VERSIONS)  # mostly pins: what the shortcut is for
    parts = [draw(_OPS) + draw(_VERSIONS) for _ in range(draw(st.integers(0, 3)))]
    return ",".join(parts)


@settings(max_examples=600)
@given(specifier(), specifier())
@example("==1", "==1.0")
@example("==1.0", "==1.0.post1")
@example("==1.0", ">=1,<1.0.1")
@example("==1.0", "==1.*")
@example("==1.0", "===foo")
@example("==1", "~=1.0")
@example("==2", "!=2.*")
@example("==1", "===1.0")
@example("==1.2", "~=1.1.0")
@example("==1", "==1.0.*,!=1.0.0")
@example("==1", "==1.2,<=1.*")
@example("==1", "==1.0+local")
def test_rl206_pin_shortcut_agrees_with_the_search(a: str, b: str) -> None:
    assert rl206._compatible(a, b) == rl206._compatible(a, b, shortcut=False)
