"""SARIF, GitHub and GitLab output from hand-made diagnostics.

The findings below cover what each format has to get right: a multi-line span whose fix edits
two lines (one of them placeable only by offset), an environment variable with no file, a
URL whose credentials were redacted when the diagnostic was built, a path with a space, a
comma and a colon, and messages with ``%``, ``:``, ``,``, ``|``, CR and LF.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

# No stubs in the test extra; the ignore stays harmless once types-jsonschema is there.
import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest

from reqlint._records import replace
from reqlint.model import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    Location,
    RuleMeta,
    Severity,
    Span,
)
from reqlint.redact import redact_text
from reqlint.reporters import Format, Report, reporter
from reqlint.reporters.github_format import escape_data, escape_property, step_summary
from reqlint.reporters.gitlab_format import fingerprints
from reqlint.text import TextFile

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

SECRET = "s3cr3t-Tok3n-9f8e7d"
RAW_URL = f"https://deploy:{SECRET}@pypi.internal.example/simple"

RULES = {
    meta.code: meta
    for meta in (
        RuleMeta(
            "RL101",
            "extra-index-url",
            "Extra index beside a primary index",
            Severity.ERROR,
            fix=FixAvailability.SOMETIMES,
            fix_applicability=Applicability.SAFE,
            doc="## What it does\nChecks for an extra index.\n\n## Why is this bad?\n"
            "pip asks *every* index.",
        ),
        RuleMeta(
            "RL104",
            "credentials-in-url",
            "Credentials embedded in an index URL",
            Severity.ERROR,
            doc="## What it does\nFinds `user:token@` in URLs.",
        ),
        RuleMeta(
            "RL108",
            "unknown-pip-setting",
            "Unknown PIP_* variable or pip.conf key",
            Severity.WARNING,
        ),
        RuleMeta("RL201", "unpinned", "Requirement without a pin", Severity.INFO),
        RuleMeta("RL206", "duplicate-requirement", "Duplicate requirement", Severity.WARNING),
    )
}

REQ_PATH = "requirements.txt"
REQ = TextFile.from_text(
    REQ_PATH,
    (
        "--index-url https://pypi.internal.example/simple\n"
        "--extra-index-url https://pypi.org/simple\n"
        f"--extra-index-url {RAW_URL}\n"
    ),
)
CONF_PATH = "deploy/eu prod,2:a/pip.conf"
CONF = TextFile.from_text(
    CONF_PATH,
    (
        "[global]\r\n"
        "extra-index-url =\r\n"
        "    https://pypi.org/simple\r\n"
        "index-url = https://pypi.internal.example/simple\r\n"
    ),
)
DEV_PATH = "requirements/dev.in"
DEV = TextFile.from_text(DEV_PATH, "requests\n")


def _loc(text: TextFile, first: int, last: int | None = None, route: str = "") -> Location:
    return Location(text.path, text.lines_span(first, last or first), route)


def _comment_out(text: TextFile, first: int, last: int) -> Fix:
    return Fix(
        "comment out the extra index",
        tuple(
            Edit(text.path, text.line_start(n), text.line_start(n), "# ")
            for n in range(first, last + 1)
        ),
    )


def diagnostics() -> list[Diagnostic]:
    found = [
        Diagnostic(
            "RL101",
            "extra index https://pypi.org/simple (the public index) beside primary index "
            f"https://pypi.internal.example/simple (set at {REQ_PATH}:1): 100% of installs "
            "ask both",
            Severity.ERROR,
            _loc(REQ, 2),
            related=(_loc(REQ, 1),),
            fix=_comment_out(REQ, 2, 2),
        ),
        Diagnostic(
            "RL104",
            # Redacted when built, as rules.base.diagnostic does.
            redact_text(f"credentials in {RAW_URL}\r\nare committed"),
            Severity.ERROR,
            _loc(REQ, 3),
            fix=Fix(
                "comment out the line",
                (Edit(REQ_PATH, REQ.line_start(3), REQ.line_start(3), "# "),),
                Applicability.UNSAFE,
            ),
        ),
        Diagnostic(
            "RL101",
            "extra index https://pypi.org/simple (the public index) beside primary index "
            f"https://pypi.internal.example/simple (set at {CONF_PATH}:4)",
            Severity.ERROR,
            _loc(CONF, 2, 3, "global → extra-index-url"),
            related=(_loc(CONF, 4, route="global → index-url"),),
            fix=_comment_out(CONF, 2, 3),
        ),
        Diagnostic(
            "RL108",
            "unknown pip setting PIP_EXTRA_INDEX_URLS\npip ignores it silently: did you "
            "mean PIP_EXTRA_INDEX_URL?",
            Severity.WARNING,
            Location("env:PIP_EXTRA_INDEX_URLS", None, "env → PIP_EXTRA_INDEX_URLS"),
            fix=Fix("unset it", (), Applicability.DISPLAY_ONLY),
            data={"remedy": "unset PIP_EXTRA_INDEX_URLS"},
        ),
        Diagnostic("RL201", "requests is not pinned | pin it with ==", Severity.INFO, _loc(DEV, 1)),
    ]
    return sorted(found, key=Diagnostic.sort_key)


def make_report(found: list[Diagnostic] | None = None) -> Report:
    return Report(
        tuple(diagnostics() if found is None else found),
        RULES,
        files_checked=(CONF_PATH, REQ_PATH, DEV_PATH),
        tool_version="0.1.0",
    )


def render(fmt: Format, report: Report | None = None) -> str:
    return reporter(fmt)(report or make_report())


def sarif(report: Report | None = None) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(Format.SARIF, report))
    return log


# ---------------------------------------------------------------------------------- SARIF


def sarif_validator() -> Any:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # The official schema declares draft-04 ("$schema": ".../draft-04/schema#").
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize(
    "report",
    [
        pytest.param(None, id="findings"),
        pytest.param(make_report([]), id="no-findings"),
        pytest.param(Report((), {}), id="no-rules-no-version"),
    ],
)
def test_sarif_validates_against_the_official_schema(report: Report | None) -> None:
    sarif_validator().validate(sarif(report))


def test_sarif_with_the_real_rule_registry_validates() -> None:
    from reqlint.rules import RULES as REGISTRY

    report = Report(
        tuple(diagnostics()), {r.meta.code: r.meta for r in REGISTRY}, tool_version="0.1.0"
    )
    log = sarif(report)
    sarif_validator().validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r.meta.code for r in REGISTRY)
    for rule in rules:
        assert rule["help"]["markdown"].startswith("## What it does"), rule["id"]


def test_sarif_driver_lists_every_rule_with_docs_and_help_uri() -> None:
    (run,) = sarif()["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("reqlint", "0.1.0")
    assert [r["id"] for r in driver["rules"]] == ["RL101", "RL104", "RL108", "RL201", "RL206"]
    rl101 = driver["rules"][0]
    assert rl101["name"] == "extra-index-url"
    assert rl101["shortDescription"] == {"text": "Extra index beside a primary index"}
    assert rl101["help"]["text"] == rl101["help"]["markdown"] == RULES["RL101"].doc
    assert rl101["fullDescription"]["text"] == "Checks for an extra index."
    assert rl101["helpUri"].endswith("/docs/rules/RL101.md")
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == [
        "error",
        "error",
        "warning",
        "note",
        "warning",
    ]
    # A rule without a doc falls back to its summary: SARIF texts must not be empty.
    assert driver["rules"][2]["help"]["text"] == "Unknown PIP_* variable or pip.conf key"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_results() -> None:
    (run,) = sarif()["runs"]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("RL101", "error"),
        ("RL108", "warning"),
        ("RL101", "error"),
        ("RL104", "error"),
        ("RL201", "note"),
    ]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]

    conf, env, req, cred, _dev = results
    assert conf["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "deploy/eu%20prod%2C2%3Aa/pip.conf",
                    "uriBaseId": "%SRCROOT%",
                },
                "region": {"startLine": 2, "startColumn": 1, "endLine": 3, "endColumn": 28},
            },
            "logicalLocations": [{"fullyQualifiedName": "global → extra-index-url"}],
            "message": {"text": "global → extra-index-url"},
        }
    ]
    assert conf["relatedLocations"][0]["id"] == 0
    assert conf["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert req["relatedLocations"] == [
        {
            "id": 0,
            "physicalLocation": {
                "artifactLocation": {"uri": "requirements.txt", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 49},
            },
        }
    ]
    # An environment variable has no file: a logical location only.
    assert env["locations"] == [
        {
            "logicalLocations": [
                {
                    "name": "PIP_EXTRA_INDEX_URLS",
                    "fullyQualifiedName": "env → PIP_EXTRA_INDEX_URLS",
                    "kind": "variable",
                }
            ]
        }
    ]
    assert env["message"]["text"].startswith("unknown pip setting PIP_EXTRA_INDEX_URLS\npip")
    assert env["properties"] == {"remedy": "unset PIP_EXTRA_INDEX_URLS"}
    assert "fixes" not in env  # display-only, no edits: nothing SARIF can apply
    assert cred["message"]["text"] == (
        "credentials in https://****:****@pypi.internal.example/simple\r\nare committed"
    )


def test_sarif_fixes() -> None:
    conf, _env, req, cred, dev = sarif()["runs"][0]["results"]
    start_2 = REQ.line_start(2)
    assert req["fixes"] == [
        {
            "description": {"text": "comment out the extra index"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "requirements.txt", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "charOffset": start_2,
                                "charLength": 0,
                                "startLine": 2,
                                "startColumn": 1,
                                "endLine": 2,
                                "endColumn": 1,
                            },
                            "insertedContent": {"text": "# "},
                        }
                    ],
                }
            ],
            "properties": {"applicability": "safe"},
        }
    ]
    assert cred["fixes"][0]["properties"] == {"applicability": "unsafe"}
    # The second line of a multi-line span cannot be placed by line and column without the
    # file's text: that edit's region is by offset only.
    first, second = conf["fixes"][0]["artifactChanges"][0]["replacements"]
    assert first["deletedRegion"] == {
        "charOffset": CONF.line_start(2),
        "charLength": 0,
        "startLine": 2,
        "startColumn": 1,
        "endLine": 2,
        "endColumn": 1,
    }
    assert second["deletedRegion"] == {"charOffset": CONF.line_start(3), "charLength": 0}
    assert "fixes" not in dev


def test_sarif_edit_inside_a_one_line_span_gets_line_and_column() -> None:
    span = REQ.lines_span(2, 2)
    edit = Edit(REQ_PATH, span.start + 18, span.end, "https://pypi.internal.example/simple")
    found = [
        Diagnostic(
            "RL101", "m", Severity.ERROR, Location(REQ_PATH, span), fix=Fix("replace", (edit,))
        )
    ]
    (result,) = sarif(make_report(found))["runs"][0]["results"]
    region = result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert region == {
        "charOffset": span.start + 18,
        "charLength": span.end - span.start - 18,
        "startLine": 2,
        "startColumn": 19,
        "endLine": 2,
        "endColumn": span.end_column,
    }


def test_sarif_absolute_path_and_unknown_rule() -> None:
    span = Span(0, 3, 1, 1, 1, 4)
    found = [Diagnostic("RL999", "m", Severity.INFO, Location("/etc/pip.conf", span))]
    log = sarif(make_report(found))
    sarif_validator().validate(log)
    (result,) = log["runs"][0]["results"]
    assert "ruleIndex" not in result
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///etc/pip.conf"
    }


def test_sarif_fingerprints_are_unique() -> None:
    results = sarif()["runs"][0]["results"]
    prints = [r["partialFingerprints"]["reqlintFingerprint/v1"] for r in results]
    assert len(set(prints)) == len(prints)


# --------------------------------------------------------------------------- no secrets


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
def test_no_format_leaks_a_redacted_credential(fmt: Format) -> None:
    try:
        out = render(fmt)
    except ModuleNotFoundError as exc:  # a format another change has not landed yet
        pytest.skip(str(exc))
    assert SECRET not in out
    assert "deploy:" not in out
    assert "****" in out


def test_step_summary_leaks_no_credential() -> None:
    out = step_summary(make_report())
    assert SECRET not in out
    assert "deploy:" not in out


# --------------------------------------------------------------------------------- GitHub


@pytest.mark.parametrize(
    ("func", "raw", "escaped"),
    [
        (escape_data, "plain text", "plain text"),
        (escape_data, "100%", "100%25"),
        (escape_data, "a\r\nb\nc\rd", "a%0D%0Ab%0Ac%0Dd"),
        (escape_data, "a: b, c", "a: b, c"),
        (escape_data, "%0A", "%250A"),
        (escape_property, "a: b, c", "a%3A b%2C c"),
        (escape_property, "100%\n", "100%25%0A"),
        (escape_property, "%3A", "%253A"),
        (escape_property, "plain/path.txt", "plain/path.txt"),
    ],
)
def test_github_escaping(func: Callable[[str], str], raw: str, escaped: str) -> None:
    assert func(raw) == escaped


def test_github_exact_lines() -> None:
    assert render(Format.GITHUB).splitlines() == [
        "::error file=deploy/eu prod%2C2%3Aa/pip.conf,line=2,endLine=3,"
        "title=RL101 (extra-index-url)::extra index https://pypi.org/simple (the public "
        "index) beside primary index https://pypi.internal.example/simple (set at "
        "deploy/eu prod,2:a/pip.conf:4)",
        "::warning title=RL108 (unknown-pip-setting)::env:PIP_EXTRA_INDEX_URLS: unknown pip "
        "setting PIP_EXTRA_INDEX_URLS%0Apip ignores it silently: did you mean "
        "PIP_EXTRA_INDEX_URL?",
        "::error file=requirements.txt,line=2,endLine=2,col=1,endColumn=42,"
        "title=RL101 (extra-index-url)::extra index https://pypi.org/simple (the public "
        "index) beside primary index https://pypi.internal.example/simple (set at "
        "requirements.txt:1): 100%25 of installs ask both",
        "::error file=requirements.txt,line=3,endLine=3,col=1,endColumn=82,"
        "title=RL104 (credentials-in-url)::credentials in "
        "https://****:****@pypi.internal.example/simple%0D%0Aare committed",
        "::notice file=requirements/dev.in,line=1,endLine=1,col=1,endColumn=9,"
        "title=RL201 (unpinned)::requests is not pinned | pin it with ==",
    ]


def test_github_no_findings_prints_nothing() -> None:
    assert render(Format.GITHUB, make_report([])) == ""


def test_github_unknown_rule_and_no_span() -> None:
    found = [Diagnostic("RL003", "include not found", Severity.ERROR, Location("a,b.txt"))]
    assert render(Format.GITHUB, make_report(found)) == (
        "::error file=a%2Cb.txt,title=RL003::include not found\n"
    )


def test_github_step_summary() -> None:
    out = step_summary(make_report())
    lines = out.splitlines()
    assert lines[:3] == [
        "## reqlint",
        "",
        "**5 findings** (3 errors, 1 warning, 1 info) in 4 files of 3 checked."
        " 2 fixable with `reqlint check --fix`.",
    ]
    header = lines.index("| Code | Rule | Location | Message |")
    rows = lines[header + 2 : header + 7]
    assert len(rows) == 5
    assert rows[1] == (
        "| [RL108](https://github.com/reqlint/reqlint/blob/main/docs/rules/RL108.md) "
        "| unknown-pip-setting | `env:PIP_EXTRA_INDEX_URLS` | unknown pip setting "
        r"PIP\_EXTRA\_INDEX\_URLS<br>pip ignores it silently: did you mean "
        r"PIP\_EXTRA\_INDEX\_URL? |"
    )
    assert rows[3].endswith(
        r"| `requirements.txt:3:1` | credentials in https://\*\*\*\*:\*\*\*\*@pypi.internal"
        r".example/simple<br>are committed |"
    )
    assert rows[4].endswith(
        r"| `requirements/dev.in:1:1` | requests is not pinned \| pin it "
        "with == |"
    )
    assert "| `deploy/eu prod,2:a/pip.conf:2:1` |" in rows[0]
    # Every row has exactly the five cell borders: no unescaped pipe splits a cell.
    for row in rows:
        assert row.replace("\\|", "").count("|") == 5, row
    counts = lines[lines.index("| Code | Rule | Count |") + 2 :]
    assert [c.split(" | ")[1:] for c in counts] == [
        ["extra-index-url", "2 |"],
        ["credentials-in-url", "1 |"],
        [r"unknown-pip-setting", "1 |"],
        ["unpinned", "1 |"],
    ]


def test_github_step_summary_escapes_code_spans_and_cuts_long_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reqlint.reporters import github_format

    monkeypatch.setattr(github_format, "MAX_SUMMARY_ROWS", 2)
    weird = Location("`odd|name`.txt", Span(0, 1, 1, 1, 1, 2))
    found = [Diagnostic("RL201", f"m{n}", Severity.INFO, weird) for n in range(3)]
    out = step_summary(make_report(found))
    assert "| `` `odd\\|name`.txt:1:1 `` | m0 |" in out
    assert "(3 info)" in out
    assert "m2" not in out
    assert "… and 1 more." in out


def test_github_step_summary_without_findings() -> None:
    assert step_summary(make_report([])) == "## reqlint\n\nNo findings in 3 files checked.\n"


# --------------------------------------------------------------------------------- GitLab


def gitlab(found: list[Diagnostic] | None = None) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(render(Format.GITLAB, make_report(found)))
    return issues


def _shift(diagnostic: Diagnostic, lines: int, chars: int) -> Diagnostic:
    """The same finding after ``lines`` lines (``chars`` characters) were added above it."""

    def move(location: Location) -> Location:
        span = location.span
        if span is None:
            return location
        return replace(
            location,
            span=Span(
                span.start + chars,
                span.end + chars,
                span.line + lines,
                span.column,
                span.end_line + lines,
                span.end_column,
            ),
        )

    message = diagnostic.message
    for related in diagnostic.related:
        before = f"{related.path}:{related.line}"
        message = message.replace(before, f"{related.path}:{related.line + lines}")
    return replace(
        diagnostic,
        message=message,
        location=move(diagnostic.location),
        related=tuple(move(r) for r in diagnostic.related),
    )


def test_gitlab_code_quality_shape() -> None:
    issues = gitlab()
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("RL101", "major"),
        ("RL108", "minor"),
        ("RL101", "major"),
        ("RL104", "major"),
        ("RL201", "info"),
    ]
    assert issues[0]["location"] == {"path": CONF_PATH, "lines": {"begin": 2, "end": 3}}
    assert issues[1]["location"] == {
        "path": "env:PIP_EXTRA_INDEX_URLS",
        "lines": {"begin": 1, "end": 1},
    }
    assert issues[4]["description"] == "RL201: requests is not pinned | pin it with =="
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert len(issue["fingerprint"]) == 64
        int(issue["fingerprint"], 16)


def test_gitlab_fingerprints_survive_a_line_shift() -> None:
    before = gitlab()
    shifted = sorted((_shift(d, 3, 120) for d in diagnostics()), key=Diagnostic.sort_key)
    assert shifted[0].message != diagnostics()[0].message  # "(set at …:4)" moved too
    after = gitlab(shifted)
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"] for i in after] != [i["location"] for i in before]


def test_gitlab_fingerprints_differ_by_code_path_and_text() -> None:
    base = diagnostics()[-1]
    variants = [
        base,
        replace(base, code="RL206"),
        replace(base, location=replace(base.location, path="other.txt")),
        replace(base, message="flask is not pinned"),
    ]
    prints = fingerprints(variants)
    assert len(set(prints)) == 4


def test_gitlab_duplicates_get_unique_stable_fingerprints() -> None:
    line = Location(REQ_PATH, REQ.lines_span(2, 2))
    twice = [
        Diagnostic("RL206", "duplicate line", Severity.WARNING, line),
        Diagnostic(
            "RL206", "duplicate line", Severity.WARNING, Location(REQ_PATH, REQ.lines_span(3, 3))
        ),
    ]
    prints = [i["fingerprint"] for i in gitlab(twice)]
    assert len(set(prints)) == 2
    assert [i["fingerprint"] for i in gitlab([_shift(d, 5, 99) for d in twice])] == prints
    # The first keeps the plain fingerprint, so deleting the second changes nothing for it.
    assert [i["fingerprint"] for i in gitlab(twice[:1])] == prints[:1]


def test_gitlab_no_findings() -> None:
    assert render(Format.GITLAB, make_report([])) == "[]\n"
