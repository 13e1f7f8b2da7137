"""The one value every reporter renders, and the reporter signature."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reqlint.model import Diagnostic, RuleMeta


@dataclass(frozen=True)
class Report:
    """A finished run: sorted, suppressed, redacted findings plus what reporters need.

    ``rules`` maps the code of *every* registered rule to its metadata (SARIF lists them).
    ``fixed`` counts fixes ``--fix`` applied; ``fixable`` counts findings ``--fix`` could fix.
    Paths in diagnostics are display paths (relative to ``cwd`` when inside it, POSIX).
    """

    diagnostics: tuple[Diagnostic, ...]
    rules: Mapping[str, RuleMeta]
    files_checked: tuple[str, ...] = ()
    fixed: int = 0
    fixable: int = 0
    tool_version: str = ""
    cwd: str = ""
    # Extra blocks a reporter may show (e.g. the --network summary table rows).
    extras: Mapping[str, object] = field(default_factory=dict)


# A reporter returns the whole output as a string; it decides nothing.
Reporter = Callable[[Report], str]
