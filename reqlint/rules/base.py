"""What a rule is: metadata declared once, plus a pure function from the model to findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from reqlint._records import dataclass
from reqlint.model import (
    Applicability,
    Diagnostic,
    Fix,
    FixAvailability,
    FixCase,
    Location,
    RuleMeta,
    Severity,
)
from reqlint.project import Project
from reqlint.redact import redact_text

Check = Callable[[Project], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """A rule: ``meta`` (code, name, docs, severity, fix availability) and its ``check``."""

    meta: RuleMeta
    check: Check


def make_rule(
    code: str,
    name: str,
    summary: str,
    severity: Severity,
    doc: str | None,
    check: Check,
    *,
    fix: FixAvailability = FixAvailability.NONE,
    fix_applicability: Applicability | None = None,
    fix_cases: Iterable[FixCase] = (),
    network: bool = False,
) -> Rule:
    """Declare a rule.  ``doc`` is the module docstring: it is the rule's documentation.

    ``fix``/``fix_applicability``: whether findings carry a file edit, and the best
    applicability one can have (a rule whose fixes are all unsafe says ``UNSAFE``);
    ``fix_cases`` the rows of docs/fixes.md, which must agree with both."""
    cases = tuple(fix_cases)
    if (fix is FixAvailability.NONE) != (fix_applicability is None):
        raise ValueError(f"{code}: fix availability and applicability disagree")
    edits = [
        c.applicability
        for c in cases
        if c.applicability is not None and c.applicability is not Applicability.DISPLAY_ONLY
    ]
    if cases and max(edits, default=None) != fix_applicability:
        raise ValueError(f"{code}: the fix cases' best applicability is not {fix_applicability}")
    return Rule(
        RuleMeta(
            code,
            name,
            summary,
            severity,
            fix,
            fix_applicability,
            network,
            _dedent(doc or ""),
            cases,
        ),
        check,
    )


def diagnostic(
    meta: RuleMeta,
    message: str,
    location: Location,
    *,
    related: Iterable[Location] = (),
    fix: Fix | None = None,
    severity: Severity | None = None,
    data: dict[str, object] | None = None,
) -> Diagnostic:
    """Build a finding of ``meta``'s rule.  The message is redacted here, once, for every
    output format."""
    return Diagnostic(
        meta.code,
        redact_text(message),
        severity or meta.severity,
        location,
        tuple(related),
        fix,
        data or _NO_DATA,
    )


# Shared by every finding without data (read-only: a Diagnostic is frozen, and nothing
# writes into its data): a run can have 70,000 findings.
_NO_DATA: dict[str, object] = {}


def problems(project: Project, meta: RuleMeta) -> Iterator[Diagnostic]:
    """Re-emit the parse-time problems sources recorded under ``meta.code``."""
    for source in project.sources:
        for problem in source.problems:
            if problem.code == meta.code:
                yield diagnostic(
                    meta,
                    problem.message,
                    problem.location,
                    fix=problem.fix,
                    severity=problem.severity,
                )


def _dedent(text: str) -> str:
    """``inspect.cleandoc`` (without importing inspect at start-up: tests/test_rule_codes.py
    compares the two on every rule's docstring)."""
    lines = text.expandtabs().split("\n") if text else []
    margins = [len(line) - len(line.lstrip()) for line in lines[1:] if line.lstrip()]
    margin = min(margins, default=0)
    if lines:
        lines[0] = lines[0].lstrip()
    lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
