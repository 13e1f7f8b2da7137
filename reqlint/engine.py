"""Select rules, run them over the project, drop suppressed findings, sort.  No I/O."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from reqlint._gc import paused as paused_gc
from reqlint._records import dataclass
from reqlint.model import Diagnostic
from reqlint.project import Project
from reqlint.rules import RULES
from reqlint.rules import _facts as facts
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


def run(
    project: Project,
    *,
    selector: Selector = select_all,
    network: bool = False,
    rules: Sequence[Rule] = RULES,
) -> Outcome:
    # A finding is suppressed by a suppression comment on its line (reqlint: ignore[...]
    # or noqa, with codes or prefixes; an empty set means every code).  path -> its
    # suppression table (None: none in it; the last source of a path counts), looked up
    # once per file.
    tables: dict[str, Mapping[int, frozenset[str]] | None] = {
        s.path: s.suppressions or None for s in project.sources
    }
    found: dict[tuple[object, ...], Diagnostic] = {}
    suppressed = 0
    used: set[tuple[str, int, str]] = set()
    # selection per (code, file), decided once: a rule can have thousands of findings
    decided: dict[tuple[str, str], bool] = {}
    with paused_gc():
        for rule in active_rules(selector, network=network, rules=rules):
            for diag in rule.check(project):
                loc = diag.location
                slot = (diag.code, loc.path)
                chosen = decided.get(slot)
                if chosen is None:
                    chosen = decided[slot] = selector(*slot)
                if not chosen:
                    continue
                span = loc.span
                table = tables.get(loc.path)
                if table is not None and span is not None:
                    codes = table.get(span.line)
                    if codes is not None and (
                        not codes or any(diag.code.startswith(c) for c in codes)
                    ):
                        suppressed += 1
                        used.add((loc.path, span.line, diag.code))
                        continue
                key = (
                    diag.code,
                    loc.path,
                    span.start if span else -1,
                    span.end if span else -1,
                    diag.message,
                )
                found.setdefault(key, diag)
    facts.forget()
    ordered = sorted(found.values(), key=_sort_key)
    return Outcome(tuple(ordered), suppressed, frozenset(used))


def _sort_key(diag: Diagnostic) -> tuple[str, int, int, str, str]:
    """:meth:`Diagnostic.sort_key`, read without its properties (once per finding)."""
    loc = diag.location
    span = loc.span
    if span is None:
        return (loc.path, 0, 0, diag.code, diag.message)
    return (loc.path, span.line, span.column, diag.code, diag.message)
