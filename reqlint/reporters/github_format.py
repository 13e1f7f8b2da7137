"""GitHub Actions: workflow commands that become annotations, and a step summary in Markdown.

One line per finding::

    ::error file=requirements.txt,line=2,endLine=2,col=1,endColumn=40,title=RL101 (name)::msg

``error``/``warning``/``notice`` follow the severity.  Values are escaped as the runner's
command parser requires: in the message ``%``, CR and LF; in properties also ``:`` and ``,``
(which would otherwise end the value).  Columns are given only for a one-line span (GitHub
drops an annotation's columns when its lines differ).  An environment variable has no file:
its annotation has no ``file`` and the message starts with ``env:NAME:``.

GitHub shows only the first few annotations of a step, so :func:`step_summary` renders every
finding as a Markdown table for ``$GITHUB_STEP_SUMMARY`` (the CLI writes it).
"""

from __future__ import annotations

import re
from collections import Counter

from reqlint.model import Diagnostic, Location, Severity
from reqlint.reporters.base import Report
from reqlint.reporters.sarif_format import help_uri

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# $GITHUB_STEP_SUMMARY takes at most 1 MiB per step; past this many rows the table says how
# many it left out instead of failing the upload.
MAX_SUMMARY_ROWS = 1000
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def render(report: Report) -> str:
    return "".join(f"{annotation(diagnostic, report)}\n" for diagnostic in report.diagnostics)


def annotation(diagnostic: Diagnostic, report: Report) -> str:
    location = diagnostic.location
    properties: list[tuple[str, object]] = []
    message = diagnostic.message
    if location.path.startswith("env:"):
        message = f"{location.path}: {message}"
    else:
        properties.append(("file", location.path))
        span = location.span
        if span is not None:
            properties += [("line", span.line), ("endLine", span.end_line)]
            if span.line == span.end_line:
                properties += [("col", span.column), ("endColumn", span.end_column)]
    meta = report.rules.get(diagnostic.code)
    properties.append(("title", f"{diagnostic.code} ({meta.name})" if meta else diagnostic.code))
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{_COMMAND[diagnostic.severity]} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    # Other control characters (a hostile file name's ESC) would reach the log raw.
    return _CONTROL.sub(lambda m: f"%{ord(m.group()):02X}", text)


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# ------------------------------------------------------------------------------ summary


def step_summary(report: Report) -> str:
    """Every finding as a Markdown table, then the count per code."""
    diagnostics = report.diagnostics
    lines = ["## reqlint", ""]
    checked = len(report.files_checked)
    if not diagnostics:
        lines.append(f"No findings in {_plural(checked, 'file')} checked.")
        return "\n".join(lines) + "\n"

    severities = Counter(d.severity for d in diagnostics)
    by_severity = ", ".join(
        f"{severities[s]} info" if s is Severity.INFO else _plural(severities[s], s.value)
        for s in Severity
        if severities[s]
    )
    files = len({d.location.path for d in diagnostics})
    headline = (
        f"**{_plural(len(diagnostics), 'finding')}** ({by_severity}) in {_plural(files, 'file')}"
    )
    if checked:
        headline += f" of {checked} checked"
    headline += "."
    if report.fixable:
        headline += f" {report.fixable} fixable with `reqlint check --fix`."
    lines += [headline, "", "| Code | Rule | Location | Message |", "| --- | --- | --- | --- |"]
    for diagnostic in diagnostics[:MAX_SUMMARY_ROWS]:
        lines.append(
            f"| {_code_link(diagnostic.code)} | {_md(_rule_name(report, diagnostic))} "
            f"| {_code_span(_where(diagnostic.location))} "
            f"| {_md(diagnostic.message)} |"
        )
    if len(diagnostics) > MAX_SUMMARY_ROWS:
        lines += ["", f"… and {len(diagnostics) - MAX_SUMMARY_ROWS} more."]

    counts = Counter(d.code for d in diagnostics)
    lines += ["", "| Code | Rule | Count |", "| --- | --- | ---: |"]
    for code in sorted(counts):
        name = report.rules[code].name if code in report.rules else ""
        lines.append(f"| {_code_link(code)} | {_md(name)} | {counts[code]} |")
    return "\n".join(lines) + "\n"


def _rule_name(report: Report, diagnostic: Diagnostic) -> str:
    meta = report.rules.get(diagnostic.code)
    return meta.name if meta else ""


def _where(location: Location) -> str:
    if location.span is None:
        return location.path
    return f"{location.path}:{location.span.line}:{location.span.column}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _md(text: str) -> str:
    """Literal text in a table cell: Markdown punctuation escaped, line breaks as ``<br>``."""
    return "<br>".join(_MARKDOWN_SPECIAL.sub(r"\\\1", line) for line in _NEWLINES.split(text))


def _code_span(text: str) -> str:
    """``text`` as inline code in a table cell.

    Backslash escapes do not work inside code, but GFM splits table cells on ``|`` before
    parsing inlines, so ``\\|`` is still needed there (and shows as ``|``).
    """
    text = " ".join(_NEWLINES.split(text)).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _code_link(code: str) -> str:
    return f"[{_md(code)}]({help_uri(code)})"
