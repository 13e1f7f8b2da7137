"""Stable JSON: ``{"version": 1, "diagnostics": [...], "summary": {...}}``.

The schema is documented in ``docs/usage.md`` ("JSON output"); fields are only ever added.
"""

from __future__ import annotations

import json

from reqlint.model import Diagnostic, Location
from reqlint.reporters.base import Report

SCHEMA_VERSION = 1


def _location(loc: Location) -> dict[str, object]:
    span = loc.span
    return {
        "path": loc.path,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "route": loc.route or None,
    }


def _diagnostic(diag: Diagnostic, report: Report) -> dict[str, object]:
    fix = diag.fix
    out: dict[str, object] = {
        "code": diag.code,
        "severity": diag.severity.value,
        "message": diag.message,
        **_location(diag.location),
        "source": diag.location.display(),
        "fixable": report.is_fixable(diag),
        "fix": None
        if fix is None
        else {
            "applicability": fix.applicability.value,
            "description": fix.description,
            "edits": [
                {"path": e.path, "start": e.start, "end": e.end, "replacement": e.replacement}
                for e in fix.edits
            ],
        },
        "related": [_location(r) for r in diag.related],
    }
    out.update(dict(diag.data))
    return out


def render(report: Report) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "reqlint", "version": report.tool_version},
        "diagnostics": [_diagnostic(d, report) for d in report.diagnostics],
        "summary": {
            "count": len(report.diagnostics),
            "fixable": report.fixable,
            "fixed": report.fixed,
            "files": list(report.files_checked),
        },
    }
    if report.options.network is not None:
        document["network"] = list(report.options.network)
    return json.dumps(document, indent=2, sort_keys=False) + "\n"
