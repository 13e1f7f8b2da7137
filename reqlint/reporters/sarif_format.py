"""SARIF 2.1.0: one run, every registered rule in ``tool.driver.rules``, one result per finding.

What GitHub code scanning (and any SARIF viewer) needs and nothing machine-specific: paths are
relative URIs against ``%SRCROOT%`` (no ``originalUriBaseIds``, so the output does not depend
on where the checkout lies), columns count code points (``columnKind``), and an environment
variable, which has no file, is a *logical* location only: there is no file and line to
point at (``reqlint check`` reads no environment; only ``--system``/``doctor`` do, and a
variable set in a CI workflow or Dockerfile is reported at that file's line, physically).
SARIF allows a result with only a logical location; GitHub code scanning keeps such an
alert but cannot place it on a file, so use ``doctor`` or the text output for those.

Rules carry ``properties.tags`` (``security`` for RL102, RL103, RL104 and RL304, with a
``security-severity`` score, so code scanning files them as security alerts).

Fix regions: :class:`~reqlint.model.Edit` carries offsets only.  Where an edit's offset can be
placed from a span the report already knows (the finding's own span or a related one, at its
start or end, or anywhere inside a one-line span) the region gets line and column; every fix
region also carries ``charOffset``/``charLength``, which SARIF allows on their own, counted in
the decoded text as reqlint holds it (BOM removed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from reqlint.model import Diagnostic, Edit, Fix, Location, RuleMeta, Severity, Span
from reqlint.reporters.base import Report
from reqlint.reporters.gitlab_format import fingerprints

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/reqlint/reqlint"
# Each rule's page is docs/rules/<CODE>.md in the repository.
RULE_DOCS_BASE_URL = f"{INFORMATION_URI}/blob/main/docs/rules/"
SRCROOT = "%SRCROOT%"
# The key GitHub and other consumers match results on across runs; versioned so a change of
# the recipe never silently merges unrelated alerts.
FINGERPRINT_KEY = "reqlintFingerprint/v1"
ENV_PREFIX = "env:"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# GitHub code scanning files a rule with the ``security`` tag and a ``security-severity``
# (a CVSS-like score as a string: 9.0+ critical, 7.0+ high, 4.0+ medium) as a security
# alert; the others stay code-quality alerts.
SECURITY_SEVERITY: dict[str, str] = {
    "RL102": "7.5",  # plain http index: packages can be replaced in transit
    "RL103": "7.0",  # trusted-host: TLS verification off for a host
    "RL104": "8.0",  # credentials committed in an index URL
    "RL304": "8.8",  # dependency confusion: a private name claimable on a public index
}
_CATEGORY = {
    "RL0": "correctness",
    "RL1": "index-settings",
    "RL2": "reproducibility",
    "RL3": "network",
}

JSON = dict[str, object]


def render(report: Report) -> str:
    rules = sorted(report.rules.values(), key=lambda meta: meta.code)
    index = {meta.code: n for n, meta in enumerate(rules)}
    driver: JSON = {"name": "reqlint"}
    if report.tool_version:
        driver["version"] = report.tool_version
    driver["informationUri"] = INFORMATION_URI
    driver["rules"] = [_rule(meta) for meta in rules]
    results = [
        _result(diagnostic, index.get(diagnostic.code), fingerprint)
        for diagnostic, fingerprint in zip(
            report.diagnostics, fingerprints(report.diagnostics), strict=True
        )
    ]
    run: JSON = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    log: JSON = {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False, default=str) + "\n"


def help_uri(code: str) -> str:
    return f"{RULE_DOCS_BASE_URL}{quote(code)}.md"


def _rule(meta: RuleMeta) -> JSON:
    doc = meta.doc or meta.summary
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": _what_it_does(doc)},
        "help": {"text": doc, "markdown": doc},
        "helpUri": help_uri(meta.code),
        "defaultConfiguration": {"level": _LEVEL[meta.severity]},
        "properties": _rule_properties(meta),
    }


def _rule_properties(meta: RuleMeta) -> JSON:
    tags = ["pip", _CATEGORY.get(meta.code[:3], "other")]
    properties: JSON = {
        "fix": meta.fix.value,
        "fixApplicability": meta.fix_applicability.value if meta.fix_applicability else None,
        "network": meta.network,
    }
    severity = SECURITY_SEVERITY.get(meta.code)
    if severity is not None:
        tags.insert(0, "security")
        properties["security-severity"] = severity
    properties["tags"] = tags
    return properties


def _what_it_does(doc: str) -> str:
    """The "What it does" section of a rule's doc (SARIF's one-paragraph description)."""
    match = re.search(r"^## What it does[ \t]*\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    section = match.group(1).strip() if match else ""
    return section or doc


def _result(diagnostic: Diagnostic, rule_index: int | None, fingerprint: str) -> JSON:
    result: JSON = {"ruleId": diagnostic.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = _LEVEL[diagnostic.severity]
    result["message"] = {"text": diagnostic.message}
    result["locations"] = [_location(diagnostic.location)]
    if diagnostic.related:
        result["relatedLocations"] = [
            _location(location, id_=n) for n, location in enumerate(diagnostic.related)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    fix = (
        _fix(diagnostic.fix, [diagnostic.location, *diagnostic.related]) if diagnostic.fix else None
    )
    if fix is not None:
        result["fixes"] = [fix]
    if diagnostic.data:
        result["properties"] = dict(diagnostic.data)
    return result


def _location(location: Location, *, id_: int | None = None) -> JSON:
    out: JSON = {} if id_ is None else {"id": id_}
    if location.path.startswith(ENV_PREFIX):
        name = location.path[len(ENV_PREFIX) :]
        out["logicalLocations"] = [
            {
                "name": name,
                "fullyQualifiedName": location.route or location.path,
                "kind": "variable",
            }
        ]
        return out
    physical: JSON = {"artifactLocation": _artifact(location.path)}
    if location.span is not None:
        physical["region"] = _region(location.span)
    out["physicalLocation"] = physical
    if location.route:
        out["logicalLocations"] = [{"fullyQualifiedName": location.route}]
        out["message"] = {"text": location.route}
    return out


def _artifact(path: str) -> JSON:
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        # Outside the working directory: an absolute file URI, no base.
        posix = PureWindowsPath(path).as_posix() if PureWindowsPath(path).drive else path
        return {
            "uri": "file://"
            + ("" if posix.startswith("/") else "/")
            + quote(posix.encode("utf-8", "surrogateescape"), safe="/:")
        }
    # the file name's own bytes (undecodable ones are kept as surrogates by os.fsdecode)
    return {"uri": quote(path.encode("utf-8", "surrogateescape")), "uriBaseId": SRCROOT}


def _region(span: Span) -> JSON:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _fix(fix: Fix, known: Sequence[Location]) -> JSON | None:
    by_path: dict[str, list[Edit]] = {}
    for edit in fix.edits:
        if not edit.path.startswith(ENV_PREFIX):
            by_path.setdefault(edit.path, []).append(edit)
    if not by_path:
        return None  # nothing a file edit could do, e.g. an environment variable
    changes = []
    for path, edits in by_path.items():
        spans = [loc.span for loc in known if loc.path == path and loc.span is not None]
        changes.append(
            {
                "artifactLocation": _artifact(path),
                "replacements": [
                    {
                        "deletedRegion": _edit_region(edit, spans),
                        "insertedContent": {"text": edit.replacement},
                    }
                    for edit in sorted(edits, key=lambda e: (e.start, e.end))
                ],
            }
        )
    return {
        "description": {"text": fix.description},
        "artifactChanges": changes,
        "properties": {"applicability": fix.applicability.value},
    }


def _edit_region(edit: Edit, spans: Iterable[Span]) -> JSON:
    region: JSON = {"charOffset": edit.start, "charLength": edit.end - edit.start}
    known = list(spans)
    start = _position(edit.start, known)
    end = _position(edit.end, known)
    if start is not None and end is not None:
        region.update(startLine=start[0], startColumn=start[1], endLine=end[0], endColumn=end[1])
    return region


def _position(offset: int, spans: Iterable[Span]) -> tuple[int, int] | None:
    """(line, column) of ``offset`` if a known span pins it down without the file's text."""
    for span in spans:
        if offset == span.start:
            return span.line, span.column
        if offset == span.end:
            return span.end_line, span.end_column
        if span.line == span.end_line and span.start <= offset <= span.end:
            return span.line, span.column + offset - span.start
    return None
