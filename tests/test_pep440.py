"""The plain specifier forms read without packaging agree with packaging (issue 13).

``reqlint.pep440.plain_specifiers`` lets RL202 decide "an exact pin?" without importing
packaging at start-up; packaging stays the authority, so RL202's ``is_exact`` is checked
here against the packaging-only answer (the readings themselves: test_fastpath_specifiers.py).
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from packaging.specifiers import InvalidSpecifier, SpecifierSet

from reqlint.pep440 import plain_specifiers
from reqlint.rules.rl202_loose_pin import is_exact

_OPS = st.sampled_from(["==", "!=", ">=", "<=", "<", ">", "~=", "===", "="])
_VERSIONS = st.sampled_from(
    [
        "1",
        "1.2",
        "1.2.3",
        "01.0",
        "1.2.*",
        "1.*",
        "1.0rc1",
        "1.0a1.*",
        "2.0.post1",
        "2.0.post1.*",
        "1.0.dev0",
        "1.0+local",
        "*",
        "1.",
        "v1",
        "",
    ]
)


@st.composite
def specifier_text(draw: st.DrawFn) -> str:
    parts = [draw(_OPS) + draw(_VERSIONS) for _ in range(draw(st.integers(0, 3)))]
    return ",".join(parts)


def _packaging_parts(text: str) -> list[tuple[str, str]] | None:
    try:
        return sorted((s.operator, s.version) for s in SpecifierSet(text))
    except InvalidSpecifier:
        return None


def _packaging_is_exact(text: str) -> bool:
    parts = _packaging_parts(text)
    if parts is None:
        return False
    return len([v for op, v in parts if op in ("==", "===") and not v.endswith(".*")]) == 1


@settings(max_examples=600)
@given(specifier_text())
@example("==1,==1")
@example("==1.*")
@example("===1.0")
def test_is_exact_agrees_with_packaging(text: str) -> None:
    assert is_exact(text) == _packaging_is_exact(text), text


def test_the_plain_forms_are_taken() -> None:
    for text in ["==1.2.3", ">=1.2,<2", "!=1.3.*,>=1", "~=1.4", "==2.0rc1", "<3.0.dev0"]:
        assert plain_specifiers(text)[0] is not None, text
