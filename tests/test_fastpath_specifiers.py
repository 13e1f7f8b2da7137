"""The plain reading of specifier sets (reqlint.pep440.plain_specifiers) agrees with
packaging, and RL202's exact-pin test with it gives packaging's answer (issue 13): what lets
RL202 and RL206 decide without importing packaging at start-up."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from reqlint.pep440 import REFUSED, RELEASES, SUFFIXED, plain_specifiers
from reqlint.rules import rl202_loose_pin as rl202

_OPS = st.sampled_from(["==", "!=", "<=", ">=", "<", ">", "~=", "===", "= ="])
_RELEASE = st.lists(st.integers(0, 12), min_size=1, max_size=4).map(
    lambda parts: ".".join(map(str, parts))
)
_SUFFIX = st.sampled_from(["", "", "", "a1", "b0", "rc2", ".post1", ".dev3", "rc1.post2.dev1"])
_WILD = st.sampled_from(["", "", "", ".*", "*", "+local", " "])


@st.composite
def specifier_set(draw: st.DrawFn) -> str:
    parts = [
        draw(_OPS) + draw(_RELEASE) + draw(_SUFFIX) + draw(_WILD)
        for _ in range(draw(st.integers(0, 3)))
    ]
    twice: bool = draw(st.booleans())
    if parts and twice:
        parts.append(parts[0])  # the same part twice
    return ",".join(parts)


def _packaging(text: str) -> SpecifierSet | None:
    try:
        return SpecifierSet(text)
    except InvalidSpecifier:
        return None


@settings(max_examples=1500)
@given(specifier_set())
@example("==1.0rc1.*")
@example("~=1")
@example("~=1.0rc1")
@example("<=1.*")
@example("==1.0,==1")
@example("==1,==1")
@example("")
def test_the_plain_reading_is_packagings(text: str) -> None:
    kind, parts = plain_specifiers(text)
    parsed = _packaging(text)
    if kind is None:
        return  # not plain: packaging alone reads it
    if kind is REFUSED:
        assert parsed is None
        return
    assert parsed is not None
    assert {str(s) for s in parsed} == set(text.split(",")) - {""}
    by_text = {str(s): s for s in parsed}
    written_parts = text.split(",") if text else []
    for written, (op, release, wildcard, suffixed) in zip(written_parts, parts, strict=True):
        spec = by_text[written]
        version = Version(spec.version.removesuffix(".*"))
        assert (op, wildcard) == (spec.operator, spec.version.endswith(".*"))
        assert release == version.release
        assert suffixed == (
            version.pre is not None or version.is_postrelease or version.is_devrelease
        )
    assert (kind is SUFFIXED) == any(suffixed for *_, suffixed in parts)
    assert (kind is RELEASES) == (not any(suffixed for *_, suffixed in parts))


def _is_exact_by_packaging(text: str) -> bool:
    parsed = _packaging(text)
    if parsed is None:
        return False
    exact = [s for s in parsed if s.operator in ("==", "===") and not s.version.endswith(".*")]
    return len(exact) == 1


@settings(max_examples=1500)
@given(specifier_set())
@example("==1,==1")
@example("==1.0,==1")
@example("==1,!=1.5.*")
@example("==1.*")
@example("===1.0")
def test_rl202_exact_pin_is_packagings_answer(text: str) -> None:
    rl202.is_exact.cache_clear()
    assert rl202.is_exact(text) == _is_exact_by_packaging(text)


def test_the_plain_forms_are_taken() -> None:
    """The shortcut must be taken for what lock files are made of, or it buys nothing (and
    start-up would import packaging: tests/test_startup_imports.py)."""
    for text in ["==1.2.3", ">=1.2,<2", "!=1.3.*,>=1", "~=1.4", "==2.0rc1", "<3.0.dev0"]:
        assert plain_specifiers(text)[0] is not None, text
