"""One definition of a fixable finding (``Diagnostic.fixable``), from ruff's ordered
applicability, used by every reporter and the CLI's summary and ``--statistics``."""

from __future__ import annotations

import json

import pytest

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
from reqlint.reporters import Format, RenderOptions, Report, reporter
from reqlint.reporters.github_format import step_summary

ORDER = [Applicability.DISPLAY_ONLY, Applicability.UNSAFE, Applicability.SAFE]


def test_ruffs_order() -> None:
    assert sorted([Applicability.SAFE, Applicability.DISPLAY_ONLY, Applicability.UNSAFE]) == ORDER
    assert Applicability.DISPLAY_ONLY < Applicability.UNSAFE < Applicability.SAFE
    assert max(ORDER) is Applicability.SAFE


@pytest.mark.parametrize("fix", ORDER)
@pytest.mark.parametrize("threshold", ORDER)
def test_applies_is_at_least_the_threshold(
    fix: Applicability,
    threshold: Applicability,
) -> None:
    assert fix.applies(threshold) is (ORDER.index(fix) >= ORDER.index(threshold))


def test_threshold_of_a_run() -> None:
    assert Applicability.threshold(False) is Applicability.SAFE
    assert Applicability.threshold(True) is Applicability.UNSAFE


def _edit() -> tuple[Edit, ...]:
    return (Edit("r.txt", 0, 0, "# "),)


def _diag(code: str, line: int, fix: Fix | None) -> Diagnostic:
    span = Span(0, 5, line, 1, line, 6)
    return Diagnostic(code, f"m{line}", Severity.WARNING, Location("r.txt", span), fix=fix)


SAFE = Fix("safe", _edit(), Applicability.SAFE)
UNSAFE = Fix("unsafe", _edit(), Applicability.UNSAFE)
SHOWN = Fix("run `unset X`", (), Applicability.DISPLAY_ONLY)
NO_EDITS = Fix("nothing to apply", (), Applicability.SAFE)


@pytest.mark.parametrize(
    ("fix", "safe_run", "unsafe_run"),
    [
        (SAFE, True, True),
        (UNSAFE, False, True),
        (SHOWN, False, False),
        (NO_EDITS, False, False),
        (None, False, False),
    ],
)
def test_fixable(fix: Fix | None, safe_run: bool, unsafe_run: bool) -> None:
    diag = _diag("RL101", 1, fix)
    assert diag.fixable(Applicability.SAFE) is safe_run
    assert diag.fixable(Applicability.UNSAFE) is unsafe_run


RULES = {
    "RL101": RuleMeta(
        "RL101",
        "extra-index-url",
        "s",
        Severity.WARNING,
        fix=FixAvailability.SOMETIMES,
        fix_applicability=Applicability.SAFE,
    ),
    "RL103": RuleMeta(
        "RL103",
        "trusted-host",
        "s",
        Severity.WARNING,
        fix=FixAvailability.SOMETIMES,
        fix_applicability=Applicability.UNSAFE,
    ),
    "RL102": RuleMeta("RL102", "insecure-http-index", "s", Severity.WARNING),
}
# RL101: one safe fix and one finding without a fix (the rule's metadata says "safe", but
# only one of its findings is fixable); RL103: unsafe fixes only.
FOUND = (
    _diag("RL101", 1, SAFE),
    _diag("RL101", 2, None),
    _diag("RL103", 3, UNSAFE),
    _diag("RL103", 4, SHOWN),
    _diag("RL102", 5, None),
)


@pytest.mark.parametrize("unsafe", [False, True])
def test_every_reporter_uses_the_findings_fixes(unsafe: bool) -> None:
    threshold = Applicability.threshold(unsafe)
    report = Report(FOUND, RULES, fix_threshold=threshold, options=RenderOptions(statistics=False))
    expected = [d.fixable(threshold) for d in FOUND]
    assert report.fixable == sum(expected) == (2 if unsafe else 1)
    assert report.unsafe_fixable == (0 if unsafe else 1)

    text = reporter(Format.TEXT)(report).splitlines()
    findings = [line for line in text if line.startswith("r.txt:")]
    assert [" [*] " in line for line in findings] == expected
    assert "  help: run `unset X`" in text  # display-only: shown, never fixable
    summary = text[text.index(next(t for t in text if t.startswith("Found"))) :]
    assert summary[0] == f"Found 5 problems ({report.fixable} fixable with `reqlint --fix`)."
    assert (summary[1:] == ["1 more fix available with `--fix --unsafe-fixes`."]) is not unsafe

    document = json.loads(reporter(Format.JSON)(report))
    assert [d["fixable"] for d in document["diagnostics"]] == expected
    assert document["summary"]["fixable"] == report.fixable

    assert f" {report.fixable} fixable with" in step_summary(report)

    stats = reporter(Format.TEXT)(
        Report(FOUND, RULES, fix_threshold=threshold, options=RenderOptions(statistics=True))
    ).splitlines()
    marks = {line.split()[1]: line.split()[3] for line in stats[:3]}
    assert marks == {"RL101": "[-]", "RL103": "[-]" if unsafe else "[", "RL102": "["}


def test_statistics_without_any_fix_has_no_mark_column() -> None:
    report = Report((_diag("RL102", 1, None),), RULES, options=RenderOptions(statistics=True))
    line = reporter(Format.TEXT)(report).splitlines()[0]
    assert line == f"1  RL102  {report.diagnostics[0].severity.value}  insecure-http-index"


def test_sarif_rule_properties_state_the_metadata() -> None:
    document = json.loads(reporter(Format.SARIF)(Report(FOUND, RULES)))
    props = {r["id"]: r["properties"] for r in document["runs"][0]["tool"]["driver"]["rules"]}
    assert props["RL101"] == {
        "fix": "sometimes",
        "fixApplicability": "safe",
        "network": False,
        "tags": ["pip", "index-settings"],
    }
    assert props["RL103"]["fixApplicability"] == "unsafe"
    assert {k: v for k, v in props["RL102"].items() if k not in ("tags", "security-severity")} == {
        "fix": "none",
        "fixApplicability": None,
        "network": False,
    }


def test_make_rule_refuses_metadata_that_disagrees() -> None:
    from reqlint.model import FixCase
    from reqlint.rules.base import make_rule

    with pytest.raises(ValueError, match="disagree"):
        make_rule("RL999", "x", "x", Severity.INFO, "", lambda p: (), fix=FixAvailability.SOMETIMES)
    with pytest.raises(ValueError, match="best applicability"):
        make_rule(
            "RL999",
            "x",
            "x",
            Severity.INFO,
            "",
            lambda p: (),
            fix=FixAvailability.SOMETIMES,
            fix_applicability=Applicability.SAFE,
            fix_cases=[FixCase("f", "comment out", Applicability.UNSAFE, "why")],
        )
