"""Project names compared as pip compares them (PEP 503 normalisation).

The same function as ``packaging.utils.canonicalize_name`` (tests/test_startup_imports.py
checks they agree), kept here because importing ``packaging.utils`` loads
``packaging.tags`` and with it ``logging``, ``subprocess``, ``sysconfig`` and ``platform``:
a sixth of a pre-commit hook's start-up, for one regular expression.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SEPARATORS = re.compile(r"[-_.]+")


@lru_cache(maxsize=1 << 16)  # every rule asks about the same few thousand names
def canonicalize_name(name: str) -> str:
    """``Foo.Bar_baz`` -> ``foo-bar-baz``."""
    return _SEPARATORS.sub("-", name).lower()
