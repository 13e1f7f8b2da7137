"""Select rules, run them over the project, drop suppressed findings, sort.  No I/O."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reqlint._gc import paused as paused_gc
from reqlint._records import dataclass
from reqlint.model import Diagnostic, ParsedSource
from reqlint.project import Project
from reqlint.rules import RULES
from reqlint.rules.base import Rule

# (code, display path or None) -> is the rule on for that file?
Selector = Callable[[str, "str | None"], bool]


@dataclass(frozen=True)
class Outcome:
    """The findings of one run, after selection and suppression, sorted and deduplicated."""

    diagnostics: tuple[Diagnostic, ...]
    suppressed: int
    # (path, line, code) of every suppressed finding: what RL010 (unused suppression) needs.
    used: frozenset[tuple[str, int, str]] = frozenset()


def select_all(code: str, path: str | None) -> bool:
    return True


def active_rules(selector: Selector, *, network: bool, rules: Sequence[Rule] = RULES) -> list[Rule]:
    """Rules that can fire in this run: network rules only when probes ran."""
    return [r for r in rules if (network or not r.meta.network) and selector(r.meta.code, None)]


def is_suppressed(diag: Diagnostic, sources: dict[str, ParsedSource]) -> bool:
    """``# reqlint: ignore[CODE]`` / ``# noqa: CODE`` on the finding's line (codes or
    prefixes; an empty set means every code)."""
    source = sources.get(diag.location.path)
    if source is None or diag.location.span is None:
        return False
    codes = source.suppressions.get(diag.location.line)
    if codes is None:
        return False
    return not codes or any(diag.code.startswith(c) for c in codes)


def run(
    project: Project,
    *,
    selector: Selector = select_all,
    network: bool = False,
    rules: Sequence[Rule] = RULES,
) -> Outcome:
    sources = {s.path: s for s in project.sources}
    found: dict[tuple[object, ...], Diagnostic] = {}
    suppressed = 0
    used: set[tuple[str, int, str]] = set()
    # selection per (code, file), decided once: a rule can have thousands of findings
    decided: dict[tuple[str, str], bool] = {}
    with paused_gc():
        for rule in active_rules(selector, network=network, rules=rules):
            for diag in rule.check(project):
                slot = (diag.code, diag.location.path)
                chosen = decided.get(slot)
                if chosen is None:
                    chosen = decided[slot] = selector(*slot)
                if not chosen:
                    continue
                if is_suppressed(diag, sources):
                    suppressed += 1
                    used.add((diag.location.path, diag.location.line, diag.code))
                    continue
                span = diag.location.span
                key = (
                    diag.code,
                    diag.location.path,
                    span.start if span else -1,
                    span.end if span else -1,
                    diag.message,
                )
                found.setdefault(key, diag)
    ordered = sorted(found.values(), key=Diagnostic.sort_key)
    return Outcome(tuple(ordered), suppressed, frozenset(used))
