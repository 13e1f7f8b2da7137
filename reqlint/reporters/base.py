"""The one value every reporter renders, and the reporter signature."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from reqlint._records import dataclass, field
from reqlint.model import Applicability, Diagnostic, RuleMeta


@dataclass(frozen=True)
class RenderOptions:
    """How the command line asked for the report to look; reporters read, never decide.

    ``network`` holds the ``--network`` summary rows (``None`` without ``--network``);
    ``fixed_diagnostics`` the findings ``--fix`` fixed (``--show-fixes`` lists them);
    ``project_dir`` is GitLab's ``CI_PROJECT_DIR`` (paths in its report are relative to it);
    ``failure_threshold`` the lowest severity that fails the run (``none``: nothing does),
    which the text summary tells findings below apart by.
    """

    color: bool = False
    quiet: bool = False
    statistics: bool = False
    show_fixes: bool = False
    fixed_diagnostics: tuple[Diagnostic, ...] = ()
    network: Sequence[Mapping[str, object]] | None = None
    project_dir: str | None = None
    failure_threshold: str = "warning"


@dataclass(frozen=True)
class Report:
    """A finished run: sorted, suppressed, redacted findings plus what reporters need.

    ``rules`` maps the code of *every* registered rule to its metadata (SARIF lists them).
    ``fixed`` counts fixes ``--fix`` applied.  ``fix_threshold`` is the run's
    applicability threshold (``UNSAFE`` with ``--unsafe-fixes``): a finding is fixable when
    its own fix applies at it (:meth:`Diagnostic.fixable`), never because of its rule.
    Paths in diagnostics are display paths (relative to ``cwd`` when inside it, POSIX).
    """

    diagnostics: tuple[Diagnostic, ...]
    rules: Mapping[str, RuleMeta]
    files_checked: tuple[str, ...] = ()
    fixed: int = 0
    fix_threshold: Applicability = Applicability.SAFE
    tool_version: str = ""
    cwd: str = ""
    options: RenderOptions = field(default_factory=RenderOptions)

    def is_fixable(self, diagnostic: Diagnostic) -> bool:
        return diagnostic.fixable(self.fix_threshold)

    @property
    def fixable(self) -> int:
        """How many findings this run's ``--fix`` would fix."""
        return sum(1 for d in self.diagnostics if self.is_fixable(d))

    @property
    def unsafe_fixable(self) -> int:
        """How many more ``--unsafe-fixes`` would fix (0 when it is already on)."""
        return sum(
            1
            for d in self.diagnostics
            if d.fixable(Applicability.UNSAFE) and not self.is_fixable(d)
        )


# A reporter returns the whole output as a string; it decides nothing.
Reporter = Callable[[Report], str]
