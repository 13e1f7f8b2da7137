"""GitLab Code Quality JSON: one object per finding, for the merge-request widget.

GitLab matches findings between the base and the head of a merge request by ``fingerprint``
alone, so a fingerprint must survive edits elsewhere in the file and must be unique within a
report.  It is the SHA-256 of the code, the path, the symbolic route and the message, with
line references in the message blanked out — never the line number itself; findings that are
otherwise identical (the same option twice in one file) are told apart by their order.
:func:`fingerprints` is shared with the SARIF reporter's ``partialFingerprints``.

Severity: reqlint has three levels and Code Quality five; ``critical`` and ``blocker`` are left
for nothing reqlint says.  An environment variable has no file: its ``path`` is the
``env:NAME`` reqlint shows everywhere, at line 1.  Paths are relative to ``CI_PROJECT_DIR``
when the CLI passes it (``RenderOptions.project_dir``), so a job that runs reqlint in a
sub-folder still links to the right file; fingerprints keep the path reqlint showed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence

from reqlint.model import Diagnostic, Severity
from reqlint.reporters.base import Report

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
# "line 3", "lines 3-5", "lines 3 and 5": what moves when someone edits above the finding.
_LINE_REFERENCE = re.compile(r"\b(lines?)\s+\d+(?:\s*(?:-|\u2013|to|and)\s*\d+)?", re.IGNORECASE)


def render(report: Report) -> str:
    base = report.options.project_dir or None
    issues = [
        {
            "description": f"{diagnostic.code}: {diagnostic.message}",
            "check_name": diagnostic.code,
            "fingerprint": fingerprint,
            "severity": _SEVERITY[diagnostic.severity],
            "location": {
                "path": _path(diagnostic.location.path, report.cwd, base),
                "lines": {
                    "begin": diagnostic.location.span.line,
                    "end": diagnostic.location.span.end_line,
                }
                if diagnostic.location.span
                else {"begin": 1, "end": 1},
            },
        }
        for diagnostic, fingerprint in zip(
            report.diagnostics, fingerprints(report.diagnostics), strict=True
        )
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _path(path: str, cwd: str, project_dir: str | None) -> str:
    """GitLab resolves ``location.path`` against the repository root, ``CI_PROJECT_DIR``:
    a path shown relative to a sub-folder the job ran in is made relative to that."""
    if project_dir is None or path.startswith("env:"):
        return path
    full = os.path.normpath(os.path.join(cwd or os.getcwd(), path))
    relative = os.path.relpath(full, project_dir)
    if relative == ".." or relative.startswith(".." + os.sep):
        return path
    return relative.replace(os.sep, "/")


def fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """A stable, unique fingerprint for each diagnostic, in order."""
    used: set[str] = set()
    out = []
    for diagnostic in diagnostics:
        material = _material(diagnostic)
        digest = _sha256(material)
        occurrence = 1
        while digest in used:
            occurrence += 1
            digest = _sha256(f"{material}\0#{occurrence}")
        used.add(digest)
        out.append(digest)
    return out


def _material(diagnostic: Diagnostic) -> str:
    message = _LINE_REFERENCE.sub(r"\1 ?", diagnostic.message)
    paths = {loc.path for loc in (diagnostic.location, *diagnostic.related)}
    for path in sorted(paths, key=lambda p: (-len(p), p)):
        # "requirements.txt:3" or "requirements.txt:3:1" inside a message.
        message = re.sub(re.escape(path) + r":\d+(?::\d+)?", path, message)
    location = diagnostic.location
    return "\0".join((diagnostic.code, location.path, location.route, message))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
