"""``--add-noqa``: a suppression comment for every current finding (ruff's ``--add-noqa``).

Where the comment goes is the file kind's business, as the adapters read suppressions:

* pip.conf / pip.ini: ``# reqlint: ignore[CODES]`` on a line of its own **above** the
  finding's line (pip's config parser keeps an inline ``# ...`` as part of the value);
* every other kind: ``  # reqlint: ignore[CODES]`` at the end of the line.  A requirements
  line continued with ``\\`` takes it on its last physical line (pip joins the lines first);
  in the other kinds a line ending in ``\\`` cannot carry a comment, so the finding is left
  and said.

Each file is edited by offset (the rest byte for byte), then re-parsed: it is written only
when it still holds exactly the same requirements, settings and problems and every finding
the comments were for is now suppressed.  Otherwise nothing is written and a note says why.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

from reqlint._records import replace
from reqlint.discovery import read_text
from reqlint.model import Diagnostic, Edit, ParsedSource, Problem, SourceKind
from reqlint.project import Project
from reqlint.text import TextFile

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up

if TYPE_CHECKING:
    from reqlint.engine import Outcome


def _comment(codes: Sequence[str]) -> str:
    return f"# reqlint: ignore[{', '.join(sorted(set(codes)))}]"


def _view(source: ParsedSource) -> tuple[object, ...]:
    from reqlint.fixes import _problem_view, _req_view, _setting_view

    return (
        tuple(_req_view(r) for r in source.requirements),
        tuple(_setting_view(s) for s in source.settings),
        tuple(sorted(_problem_view(p.code, p.message) for p in source.problems)),
    )


def add_noqa(
    diagnostics: Sequence[Diagnostic],
    project: Project,
) -> tuple[int, list[str]]:
    """Add the comments and write the files; (comments added, notes)."""
    by_file: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        if diag.location.path.startswith("env:") or diag.location.span is None:
            continue
        by_file.setdefault(diag.location.path, []).append(diag)
    added = 0
    notes: list[str] = []
    for path in sorted(by_file):
        source = project.source(path)
        if source is None:
            continue
        count = _one_file(path, source, by_file[path], notes)
        added += count
    return added, notes


def _one_file(path: str, source: ParsedSource, diags: list[Diagnostic], notes: list[str]) -> int:
    from reqlint.fixes import _replace_atomically, _splice
    from reqlint.sources import parse as parse_text

    pep263 = source.kind is SourceKind.REQUIREMENTS
    text_file = read_text(path, pep263=pep263, display=path)
    if isinstance(text_file, Problem):
        notes.append(f"{path}: {text_file.message}; no suppression added")
        return 0
    lines = text_file.text
    by_line: dict[int, list[str]] = {}
    for diag in diags:
        target = _target_line(text_file, source.kind, diag.location.line)
        if target is None:
            notes.append(
                f"{diag.location.display()}: {diag.code}: a line continued with "
                "\\ cannot carry a comment; no suppression added"
            )
            continue
        by_line.setdefault(target, []).append(diag.code)
    edits: list[Edit] = []
    for line, codes in sorted(by_line.items()):
        if source.kind is SourceKind.PIPCONF:
            start = text_file.line_start(line)
            ending = _ending(lines)
            edits.append(Edit(path, start, start, _comment(codes) + ending))
        else:
            end = text_file.line_end(line)
            edits.append(Edit(path, end, end, "  " + _comment(codes)))
    if not edits:
        return 0
    new_text = _splice(lines, edits)
    new_file = TextFile.from_text(path, new_text)
    reparsed = parse_text(source.kind, new_file)
    old_parsed = parse_text(source.kind, text_file)
    if _view(reparsed) != _view(old_parsed):
        notes.append(
            f"{path}: adding suppressions would change what the file means; no suppression added"
        )
        return 0
    shift = 0
    for line, codes in sorted(by_line.items()):
        if source.kind is SourceKind.PIPCONF:
            shift += 1
        suppressed = reparsed.suppressions.get(line + shift)
        if suppressed is None or (suppressed and not set(codes) <= suppressed):
            notes.append(
                f"{path}:{line}: the comment would not suppress its findings; no suppression added"
            )
            return 0
    real = os.path.realpath(path)
    try:
        _replace_atomically(real, text_file.encode(new_text), os.stat(real))
    except OSError as exc:
        notes.append(f"{path}: cannot write it ({exc.strerror or exc}); no suppression added")
        return 0
    return len(edits)


def _target_line(text_file: TextFile, kind: SourceKind, line: int) -> int | None:
    """The line whose end takes the comment (pip.conf: the line it goes above)."""
    if kind is SourceKind.PIPCONF:
        # Above the key, not between its continuation lines (indented ones): one comment
        # there covers every line of the value.
        return _pipconf_key_line(text_file, line)
    last = text_file.line_count
    current = line
    while text_file.line_text(current).endswith("\\"):
        if kind is not SourceKind.REQUIREMENTS or current >= last:
            return None
        current += 1
    return current


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _pipconf_key_line(text_file: TextFile, line: int) -> int:
    """The line of the key whose value ``line`` belongs to: the nearest line above that is
    indented less (configparser's continuation rule), unless that is a section header."""
    own = _indent(text_file.line_text(line))
    above = line - 1
    while own and above >= 1:
        text = text_file.line_text(above)
        if not text.strip() or text.lstrip().startswith(("#", ";")):
            return line
        if _indent(text) < own:
            return line if text.lstrip().startswith("[") else above
        above -= 1
    return line


def _ending(text: str) -> str:
    for ending in ("\r\n", "\n", "\r"):
        if ending in text:
            return ending
    return "\n"


def with_unused_suppressions(
    outcome: Outcome,
    project: Project,
    *,
    selector: Callable[[str, str | None], bool],
    network: bool,
    texts: Mapping[str, bytes] | None = None,
) -> Outcome:
    """``outcome`` plus RL010 (unused suppression) for every file that has suppressions.

    Finds the comments' places in the text each source was parsed from (the adapters keep
    the table, not the places); ``texts`` are files that did not come from the disk
    (standard input).
    """
    from reqlint.engine import active_rules
    from reqlint.rules import BY_CODE, RULES
    from reqlint.rules.rl010_unused_suppression import unused
    from reqlint.suppress import suppression_comments

    if not any(s.suppressions for s in project.sources):
        return outcome
    ran = {r.meta.code for r in active_rules(selector, network=network)}
    found = list(outcome.diagnostics)
    for source in project.sources:
        path = source.path
        if not source.suppressions or path.startswith("env:") or not selector("RL010", path):
            continue
        data = (texts or {}).get(path)
        pep263 = source.kind is SourceKind.REQUIREMENTS
        if data is not None:
            try:
                text_file: TextFile | Problem = TextFile.decode(path, data, pep263=pep263)
            except ValueError:
                continue
        elif source.text is not None:
            text_file = source.text  # the text the table was read from: no second read
        else:
            text_file = read_text(path, pep263=pep263, display=path)
        if isinstance(text_file, Problem):
            continue
        comments = suppression_comments(
            text_file, pipconf=source.kind is SourceKind.PIPCONF, suppressions=source.suppressions
        )

        def active(code: str, path: str = path) -> bool:
            return code in ran and selector(code, path)

        everything = network and all(active(r.meta.code) for r in RULES)
        found += unused(
            path,
            text_file,
            comments,
            outcome.used,
            active=active,
            known=set(BY_CODE),
            everything_ran=everything,
            pipconf=source.kind is SourceKind.PIPCONF,
        )
    if len(found) == len(outcome.diagnostics):
        return outcome  # nothing unused: the findings are sorted already (engine.run)
    return replace(outcome, diagnostics=tuple(sorted(found, key=Diagnostic.sort_key)))
