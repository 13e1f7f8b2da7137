"""The source seam: one adapter per file kind, all with one signature, in one table.

Every adapter is a module of this package with

    def parse(text: TextFile, ctx: SourceContext) -> ParsedSource

which is pure: it reads nothing but ``text`` and ``ctx`` (no file, no environment
variable, no clock), so the same text parses the same way everywhere - in the loader, in
the fix engine's re-parse check and in ``--add-noqa``.  What lies on the disk (included
files, pip's configuration files on this machine, a ``uv.lock`` beside a pyproject.toml)
is the loader's and discovery's business.

:data:`ADAPTERS` is the table, keyed by :class:`~reqlint.model.SourceKind`.  It names
modules rather than holding functions so that a run imports only the adapters of the
kinds it meets (tomlkit and yaml stay unloaded for a run over requirements files).
The environment (``SourceKind.ENVIRON``) has no text and so no entry: its adapter is
:func:`reqlint.sources.environ.parse_environ` over a mapping of variables.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from reqlint._records import replace
from reqlint.model import ParsedSource, SourceContext, SourceKind
from reqlint.text import TextFile

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from typing import Protocol

__all__ = ["ADAPTERS", "SourceContext", "adapter", "parse"]


if TYPE_CHECKING:

    class Adapter(Protocol):
        """A source adapter's ``parse``."""

        def __call__(self, text: TextFile, ctx: SourceContext, /) -> ParsedSource: ...


# The one table of adapters: every SourceKind read from a file, and the module whose
# ``parse`` reads it (tests/test_sources_seam.py checks every entry and every kind).
ADAPTERS: Mapping[SourceKind, str] = {
    SourceKind.REQUIREMENTS: "reqlint.sources.requirements",
    SourceKind.PIPCONF: "reqlint.sources.pipconf",
    SourceKind.PYPROJECT: "reqlint.sources.pyproject",
    SourceKind.CONDA: "reqlint.sources.conda",
    SourceKind.CI: "reqlint.sources.ci",
    SourceKind.TOX: "reqlint.sources.tox",
    SourceKind.DOCKERFILE: "reqlint.sources.dockerfile",
    SourceKind.SCRIPT: "reqlint.sources.script",
}


def adapter(kind: SourceKind) -> Adapter:
    """The ``parse`` of ``kind``'s adapter (imported on first use)."""
    module = importlib.import_module(ADAPTERS[kind])
    parse: Adapter = module.parse
    return parse


def parse(kind: SourceKind, text: TextFile, ctx: SourceContext | None = None) -> ParsedSource:
    """``text`` read by ``kind``'s adapter in ``ctx`` (default: no environment, a file
    in the repository).  The source keeps the text and the context, so a fix splices
    into that text and re-parses the result the same way."""
    context = ctx if ctx is not None else SourceContext()
    parsed = adapter(kind)(text, context)
    return replace(parsed, text=text, context=context)
