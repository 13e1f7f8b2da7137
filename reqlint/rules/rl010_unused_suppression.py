"""## What it does
Checks for suppression comments (`# reqlint: ignore[...]`, `# noqa: ...`) that no longer
suppress anything: the code they name has no finding on the lines they cover. Like ruff's
RUF100.

Only what reqlint can judge is reported:

* a code (or prefix) of a reqlint rule that ran for that file and found nothing there —
  a code of a rule that did not run (not selected, or a network rule without `--network`)
  is left alone, and so are other tools' codes (`# noqa: E501`);
* a code that names no reqlint rule at all (`RL999`);
* a blanket `# noqa` / `# reqlint: ignore` only in a run where every rule ran for that file
  (all selected, with `--network`), since any rule that did not run might have needed it.

## Why is this bad?
A suppression that outlived its finding hides the next, different problem on that line,
and tells readers that something is wrong where nothing is. Removing it keeps suppressions
honest, and it is what `--add-noqa` adoption needs to stay tidy as findings get fixed.

## Example
```requirements.txt
requests==2.32.3  # reqlint: ignore[RL201]
```

## Use instead
```requirements.txt
requests==2.32.3
```

## Fix safety
Safe, when every code the comment names is unused: the fix deletes the comment (in
`pip.conf`, its whole line), which suppressed nothing. A comment that still suppresses
something, or names another tool's codes, is left for a person to edit.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator

from reqlint.model import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    FixCase,
    Location,
    Severity,
)
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule
from reqlint.suppress import SuppressionComment
from reqlint.text import TextFile


def check(project: Project) -> Iterator[Diagnostic]:
    # Judged after the other rules ran (it needs what they found): see ``unused``.
    return iter(())


def _removal(path: str, text_file: TextFile, comment: SuppressionComment, pipconf: bool) -> Fix:
    text = text_file.text
    if pipconf:
        start = text_file.line_start(comment.line)
        end = (
            text_file.line_start(comment.line + 1)
            if comment.line < text_file.line_count
            else len(text)
        )
    else:
        start, end = comment.start, comment.end
        while start > 0 and text[start - 1] in " \t":
            start -= 1
    return Fix("remove the unused suppression comment", (Edit(path, start, end, ""),))


def unused(
    path: str,
    text_file: TextFile,
    comments: Iterable[SuppressionComment],
    used: Collection[tuple[str, int, str]],
    *,
    active: Callable[[str], bool],
    known: Collection[str],
    everything_ran: bool,
    pipconf: bool = False,
) -> Iterator[Diagnostic]:
    """RL010 findings for the suppression ``comments`` of one file.

    ``used`` holds (path, line, code) of every finding a suppression hid; ``active(code)``
    whether that rule ran for this file; ``known`` every rule code.
    """
    for comment in comments:
        hits = {code for p, line, code in used if p == path and line in comment.covers}
        location = Location(path, text_file.span(comment.start, comment.end))
        if not comment.codes:
            if everything_ran and not hits:
                yield diagnostic(
                    RULE.meta,
                    "unused blanket suppression: nothing on this line needs it",
                    location,
                    fix=_removal(path, text_file, comment, pipconf),
                )
            continue
        stale: list[str] = []
        kept = False
        for code in sorted(comment.codes):
            if not code.startswith("RL") or code == RULE.meta.code:
                kept = True
                continue  # another tool's code
            rules = [k for k in known if k.startswith(code)]
            if not rules:
                stale.append(f"{code} (no such rule)")
            elif all(active(k) for k in rules) and not any(h.startswith(code) for h in hits):
                stale.append(code)
            else:
                kept = True
        if stale:
            fix = None if kept else _removal(path, text_file, comment, pipconf)
            yield diagnostic(
                RULE.meta,
                f"unused suppression: {', '.join(stale)} "
                f"{'finds' if len(stale) == 1 else 'find'} nothing here",
                location,
                fix=fix,
            )


RULE = make_rule(
    "RL010",
    "unused-suppression",
    "A suppression comment that suppresses nothing",
    Severity.WARNING,
    __doc__,
    check,
    fix=FixAvailability.SOMETIMES,
    fix_applicability=Applicability.SAFE,
    fix_cases=(
        FixCase(
            "a suppression comment none of whose codes is used",
            "remove the comment",
            Applicability.SAFE,
            "a comment: pip reads the same file",
        ),
        FixCase(
            "a comment that also suppresses a finding or another tool's code",
            "none",
            None,
            "the comment is still needed",
        ),
    ),
)
