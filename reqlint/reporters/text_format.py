"""``path:line:col: CODE [*] severity: message`` lines, then a summary: ruff's concise text
format, with the severity hadolint shows (what fails the run depends on it)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from reqlint.model import Applicability, Diagnostic, Severity
from reqlint.reporters.base import Report

# Control characters and line separators from a file name or a file's text: printed raw,
# a newline in a hostile file name would start a line of its own (in a CI log, a forged
# finding or a workflow command such as "::error") and an ESC would drive the terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with control characters and line separators escaped (``\\n``, ``\\x1b``)."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


_BOLD, _RED, _YELLOW, _CYAN, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[0m"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


_SEVERITY_COLOR = {"error": _RED, "warning": _YELLOW, "info": _CYAN}


class _Lines:
    """The text of each finding, with what repeats from one finding to the next (the
    printable form of a path, a code's painted tag) worked out once per run: a run can
    have 70,000 findings in a few files."""

    def __init__(self, report: Report, color: bool, show_fixes: bool) -> None:
        self.threshold = report.fix_threshold
        self.color = color
        self.show_fixes = show_fixes
        self.paths: dict[str, str] = {}
        self.heads: dict[tuple[str, str, bool], str] = {}

    def line(self, diag: Diagnostic) -> str:
        loc = diag.location
        color = self.color
        path = self.paths.get(loc.path)
        if path is None:
            path = self.paths[loc.path] = printable(loc.path)
        span = loc.span
        where = path if span is None else f"{path}:{span.line}:{span.column}"
        fix = diag.fix
        fixable = fix is not None and fix.applies(self.threshold)
        slot = (diag.code, diag.severity.value, fixable)
        head = self.heads.get(slot)
        if head is None:
            severity = _SEVERITY_COLOR[diag.severity.value]
            tag = " [*]" if fixable else ""
            # hadolint's "CODE severity: message": what fails the run depends on the severity.
            head = self.heads[slot] = (
                f"{_paint(diag.code, _BOLD + severity, color)}"
                f"{tag} {_paint(diag.severity.value, severity, color)}: "
            )
        text = f"{_paint(where, _BOLD, color)}: {head}{printable(diag.message)}"
        if fix is not None and (self.show_fixes or fix.applicability is Applicability.DISPLAY_ONLY):
            safety = (
                ""
                if fix.applicability is Applicability.SAFE or not self.show_fixes
                else f" ({fix.applicability.value} fix)"
            )
            text += f"\n  help: {fix.description}{safety}"
        return text


def _fixed_summary(report: Report) -> list[str]:
    """ruff's ``--show-fixes`` after ``--fix``: what was fixed, by file and code."""
    fixed = report.options.fixed_diagnostics
    if not fixed:
        return []
    by_file: dict[str, dict[str, int]] = {}
    for diag in fixed:
        codes = by_file.setdefault(diag.location.path, {})
        codes[diag.code] = codes.get(diag.code, 0) + 1
    total = sum(sum(c.values()) for c in by_file.values())
    lines = [f"Fixed {total} problem{'s' if total != 1 else ''}:"]
    for path in sorted(by_file):
        lines.append(f"- {path}:")
        for code, count in sorted(by_file[path].items()):
            meta = report.rules.get(code)
            # The multiplication sign is ruff's own spelling of this summary.
            lines.append(f"    {count} × {code} ({meta.name if meta else code})")  # noqa: RUF001
    return lines


def _statistics(report: Report) -> list[str]:
    """ruff's ``--statistics``: count, code, severity, fix mark and rule name, most frequent
    first.  A code reported at two severities (RL201: warning in an application's list,
    info in a test list) has a row for each: what fails the run is told apart.

    The mark comes from the findings' own fixes, as in ruff: ``[*]`` every finding of the
    row is fixable by this run, ``[-]`` some are, ``[ ]`` none; no column when nothing is.
    """
    counts: dict[tuple[str, str], int] = {}
    fixable: dict[tuple[str, str], int] = {}
    for diag in report.diagnostics:
        key = (diag.code, diag.severity.value)
        counts[key] = counts.get(key, 0) + 1
        fixable[key] = fixable.get(key, 0) + report.is_fixable(diag)
    width = max((len(str(n)) for n in counts.values()), default=1)
    level = max((len(severity) for _, severity in counts), default=1)
    any_fixable = any(fixable.values())
    rows = []
    for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        code, severity = key
        meta = report.rules.get(code)
        mark = ""
        if any_fixable:
            mark = "[*] " if fixable[key] == count else "[-] " if fixable[key] else "[ ] "
        name = meta.name if meta else ""
        rows.append(f"{count:>{width}}  {code}  {severity:<{level}}  {mark}{name}".rstrip())
    return rows


def _below_threshold(report: Report, count: int) -> str:
    """What the summary adds for findings below the failure threshold, which do not fail
    the run (info findings by default): a run of 475 info findings passes, and says so."""
    threshold = report.options.failure_threshold
    if threshold == "none":
        return ""
    floor = Severity(threshold).rank
    below = sum(1 for d in report.diagnostics if d.severity.rank < floor)
    if not below:
        return ""
    if below == count:
        every = "both" if count == 2 else "all"
        return f", {every} below the failure threshold ({threshold}): the run passes"
    are, do = ("is", "does") if below == 1 else ("are", "do")
    return f"; {below} {are} below the failure threshold ({threshold}) and {do} not fail the run"


def render(report: Report) -> str:
    options = report.options
    color, quiet, show_fixes = options.color, options.quiet, options.show_fixes
    if options.statistics:
        lines = _statistics(report)
    else:
        line = _Lines(report, color, show_fixes).line
        lines = [line(d) for d in report.diagnostics]
    if quiet:
        lines.append("")  # every line ends with a newline
        return "\n".join(lines)
    count = len(report.diagnostics)
    summary: list[str] = []
    fixed_lines = _fixed_summary(report) if show_fixes else []
    if fixed_lines:
        summary += fixed_lines
    elif report.fixed:
        summary.append(f"Fixed {report.fixed} problem{'s' if report.fixed != 1 else ''}.")
    if count == 0:
        summary.append("All checks passed!")
    else:
        text = f"Found {count} problem{'s' if count != 1 else ''}"
        if report.fixable:
            text += f" ({report.fixable} fixable with `reqlint --fix`)"
        summary.append(text + _below_threshold(report, count) + ".")
    hidden = report.unsafe_fixable
    if hidden:
        summary.append(
            f"{hidden} more fix{'es' if hidden != 1 else ''} available with `--fix --unsafe-fixes`."
        )
    # One join, each line ending with a newline: no second copy of every line (a run can
    # print 70,000 of them).
    lines += summary
    lines.append("")
    return "\n".join(lines)


def network_table(rows: Sequence[Mapping[str, object]]) -> str:
    """The ``--network`` summary table (index, source, status, latency, proxy) printed
    before the findings in text output."""
    if not rows:
        return "no index or find-links location to probe (--no-index)\n\n"
    headers: tuple[str, ...] = ("index", "source", "status", "latency")
    if any(r.get("proxy") for r in rows):
        headers += ("proxy",)
    table = [headers] + [tuple(str(r.get(h) or "") for h in headers) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in table
    ]
    return "\n".join(lines) + "\n\n"
