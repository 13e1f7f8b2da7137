"""discovery._relative: a file's path relative to a scan root, as relpath and pathlib say."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reqlint.discovery import _relative

_PARTS = st.lists(st.sampled_from(["a", "b", "..", ".", "", "c.txt", "d e"]), max_size=5)


@given(_PARTS, _PARTS, st.booleans())
def test_relative_is_relpath_inside_the_root(
    root: list[str], rest: list[str], absolute: bool
) -> None:
    base = "/srv/" + "/".join(root)
    path = ("/srv/" if absolute else "") + "/".join(root + rest)
    full, top = os.path.abspath(path), os.path.abspath(base)
    if full == top or full.startswith(top.rstrip(os.sep) + os.sep):
        expected = Path(os.path.relpath(full, top)).as_posix()
    else:
        expected = Path(path).as_posix()
    assert _relative(path, base) == expected
