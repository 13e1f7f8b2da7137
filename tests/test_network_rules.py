"""RL301-RL305: pure tables over probe results, plus real-server runs for the confusion
rules (the probes fill ``Project.probes`` exactly as ``--network`` does)."""

# ruff: noqa: RUF001  (messages use the real multiplication sign, as users see them)

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping

import pytest
from netservers import SimpleIndex, clean_network_env, loopback_only, make_project

import reqlint.rules
from reqlint._records import replace
from reqlint.model import Diagnostic, Severity
from reqlint.network.probe import run_probes
from reqlint.network.results import ProbeResult, ProbeStatus, ProjectProbe, UrlKind
from reqlint.project import Project
from reqlint.rules.base import Rule
from reqlint.rules.rl301_index_unreachable import RULE as RL301
from reqlint.rules.rl302_index_http_error import RULE as RL302
from reqlint.rules.rl303_index_slow import RULE as RL303
from reqlint.rules.rl304_dependency_confusion import RULE as RL304
from reqlint.rules.rl305_extra_index_wins import RULE as RL305

__all__ = ["clean_network_env", "loopback_only"]

RULES = (RL301, RL302, RL303, RL304, RL305)
INTERNAL = "https://pypi.internal.example/simple"
PUBLIC = "https://pypi.org/simple"
FIFTY = [f"pkg{i}=={i}.0" for i in range(50)]


def with_probes(project: Project, probes: Mapping[str, ProbeResult]) -> Project:
    return replace(project, probes=dict(probes))


def run(rule: Rule, project: Project) -> list[Diagnostic]:
    return sorted(rule.check(project), key=Diagnostic.sort_key)


def result(
    url: str,
    status: ProbeStatus,
    detail: str = "",
    *,
    latency: float = 0.01,
    http_status: int | None = None,
    projects: Mapping[str, tuple[bool | None, tuple[str, ...]]] | None = None,
    kind: UrlKind = UrlKind.INDEX,
) -> ProbeResult:
    return ProbeResult(
        url,
        status,
        detail,
        latency,
        http_status,
        kind,
        2.0,
        {n: ProjectProbe(n, f, v) for n, (f, v) in (projects or {}).items()},
    )


# ------------------------------------------------------------------ metadata


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_metadata_and_docs(rule: Rule) -> None:
    meta = rule.meta
    assert meta.network is True
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in meta.doc
    module = importlib.import_module(rule.check.__module__)
    assert module.RULE is rule
    # The page under docs/rules/ is generated from this metadata (tests/test_docs.py).


def test_rule_modules_are_named_by_code() -> None:
    names = sorted(
        m.name for m in pkgutil.iter_modules(reqlint.rules.__path__) if m.name.startswith("rl3")
    )
    assert names == [
        "rl301_index_unreachable",
        "rl302_index_http_error",
        "rl303_index_slow",
        "rl304_dependency_confusion",
        "rl305_extra_index_wins",
    ]


# ------------------------------------------------------------------ no probes: no findings


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_no_probes_no_findings(rule: Rule) -> None:
    project = make_project([f"--index-url {INTERNAL}", f"--extra-index-url {PUBLIC}", *FIFTY])
    assert run(rule, project) == []


# ------------------------------------------------------------------ RL301


def test_rl301_the_incident_message() -> None:
    project = make_project([f"--index-url {INTERNAL}", f"--extra-index-url {PUBLIC}", *FIFTY])
    project = with_probes(
        project,
        {
            INTERNAL: result(INTERNAL, ProbeStatus.OK),
            PUBLIC: result(
                PUBLIC,
                ProbeStatus.CONNECT_TIMEOUT,
                "connect timed out after 2 s: packets dropped, likely a firewall",
                latency=2.0,
            ),
        },
    )
    (diag,) = run(RL301, project)
    assert diag.code == "RL301"
    assert diag.severity is Severity.ERROR
    assert (diag.location.path, diag.location.line) == ("requirements.txt", 2)
    assert [(r.path, r.line) for r in diag.related] == [("requirements.txt", 1)]
    assert diag.message == (
        "index https://pypi.org/simple is unreachable from here (connect timed out after "
        "2 s: packets dropped, likely a firewall); a fresh `pip install -r` or `-U` of these "
        "50 requirements will wait ~50 × 97.5 s ≈ 81 min on it (pip makes no request when "
        "every pin is already satisfied and -U is not given); estimated with pip's timeout "
        "15 s (default) and 5 retries (default)"
    )
    assert diag.data["estimated_stall_seconds"] == 4875.0
    assert (diag.data["timeout"], diag.data["retries"], diag.data["requests"]) == (15.0, 5, 50)
    # The probe's own timeout is reported, but never enters the estimate.
    assert diag.data["probe_timeout"] == 2.0


@pytest.mark.parametrize(
    ("status", "per_request"),
    [
        (ProbeStatus.CONNECT_TIMEOUT, 3.5),
        (ProbeStatus.READ_TIMEOUT, 3.5),
        (ProbeStatus.REFUSED, 0.5),
        (ProbeStatus.DNS, 0.5 + 3 * 0.01),
        (ProbeStatus.TLS, 0.5 + 3 * 0.01),
    ],
)
def test_rl301_uses_pips_effective_timeout_and_retries(
    status: ProbeStatus, per_request: float
) -> None:
    project = make_project(
        [f"--index-url {INTERNAL}", "a", "b"], env={"timeout": "1", "retries": "2"}
    )
    project = with_probes(project, {INTERNAL: result(INTERNAL, status, "why")})
    (diag,) = run(RL301, project)
    assert diag.data["per_request_seconds"] == pytest.approx(per_request)
    assert diag.data["estimated_stall_seconds"] == pytest.approx(2 * per_request)
    assert "pip's timeout 1 s (env:PIP_TIMEOUT) and 2 retries (env:PIP_RETRIES)" in diag.message


@pytest.mark.parametrize(
    "status", [ProbeStatus.OK, ProbeStatus.SLOW, ProbeStatus.HTTP_ERROR, ProbeStatus.NOT_AN_INDEX]
)
def test_rl301_quiet_when_reachable(status: ProbeStatus) -> None:
    project = make_project([f"--index-url {INTERNAL}", "a"])
    assert run(RL301, with_probes(project, {INTERNAL: result(INTERNAL, status)})) == []


def test_rl301_never_prints_credentials() -> None:
    url = "https://deploy:hunter2-secret@pypi.internal.example/simple"
    project = make_project([f"--index-url {url}", "a"])
    project = with_probes(project, {url: result(url, ProbeStatus.REFUSED, "refused")})
    (diag,) = run(RL301, project)
    assert "hunter2" not in diag.message
    assert "hunter2" not in repr(diag.data)
    assert "https://****:****@pypi.internal.example/simple" in diag.message


def test_rl301_without_requirements_gives_the_per_project_cost() -> None:
    project = make_project([f"--index-url {INTERNAL}"])
    project = with_probes(project, {INTERNAL: result(INTERNAL, ProbeStatus.CONNECT_TIMEOUT)})
    (diag,) = run(RL301, project)
    assert "every project pip looks up will wait ~97.5 s per project" in diag.message


# ------------------------------------------------------------------ RL302 / RL303


def test_rl302_http_500_costs_the_backoff() -> None:
    project = make_project([f"--index-url {INTERNAL}", "a", "b"])
    project = with_probes(
        project,
        {
            INTERNAL: result(
                INTERNAL,
                ProbeStatus.HTTP_ERROR,
                "HTTP 500 (server error)",
                http_status=500,
                latency=0.0,
            )
        },
    )
    (diag,) = run(RL302, project)
    assert "pip retries HTTP 500 5 times with backoff" in diag.message
    assert diag.data["estimated_stall_seconds"] == pytest.approx(15.0)


@pytest.mark.parametrize(
    ("status", "code"), [(ProbeStatus.HTTP_ERROR, 404), (ProbeStatus.NOT_AN_INDEX, 200)]
)
def test_rl302_other_answers(status: ProbeStatus, code: int) -> None:
    project = make_project([f"--index-url {INTERNAL}", "a"])
    project = with_probes(
        project, {INTERNAL: result(INTERNAL, status, "because", http_status=code)}
    )
    (diag,) = run(RL302, project)
    assert "answers, but pip cannot use it: because" in diag.message
    assert "estimated_stall_seconds" not in diag.data


def test_rl303_slow() -> None:
    project = make_project([f"--index-url {INTERNAL}", *FIFTY])
    project = with_probes(
        project, {INTERNAL: result(INTERNAL, ProbeStatus.SLOW, "answered in 3.00 s", latency=3.0)}
    )
    (diag,) = run(RL303, project)
    assert diag.severity is Severity.WARNING
    assert "add ~50 × 3 s ≈ 2.5 min to a fresh install" in diag.message


# ------------------------------------------------------------------ RL304 / RL305 tables


def confusion(
    internal: Mapping[str, tuple[bool | None, tuple[str, ...]]],
    public: Mapping[str, tuple[bool | None, tuple[str, ...]]],
    reqs: Iterable[str],
    public_status: ProbeStatus = ProbeStatus.OK,
) -> Project:
    project = make_project([f"--index-url {INTERNAL}", f"--extra-index-url {PUBLIC}", *reqs])
    return with_probes(
        project,
        {
            INTERNAL: result(INTERNAL, ProbeStatus.OK, projects=internal),
            PUBLIC: result(PUBLIC, public_status, projects=public),
        },
    )


def test_rl304_unclaimed_on_the_public_index() -> None:
    project = confusion(
        {"acme-billing": (True, ("1.4.0",)), "requests": (True, ("2.0",))},
        {"acme-billing": (False, ()), "requests": (True, ("2.0",))},
        ["acme-billing==1.4.0", "requests==2.0"],
    )
    (diag,) = run(RL304, project)
    assert diag.severity is Severity.ERROR
    assert diag.message.startswith(
        "`acme-billing` is on https://pypi.internal.example/simple but unclaimed on "
        "https://pypi.org/simple (the public index): anyone can register it there"
    )
    assert (diag.location.line, [r.line for r in diag.related]) == (2, [1, 3])


def test_rl304_the_other_way_round() -> None:
    """An internal *extra* index beside the public primary: the classic attack."""
    project = make_project(
        [f"--index-url {PUBLIC}", f"--extra-index-url {INTERNAL}", "acme-billing"]
    )
    project = with_probes(
        project,
        {
            PUBLIC: result(PUBLIC, ProbeStatus.OK, projects={"acme-billing": (False, ())}),
            INTERNAL: result(INTERNAL, ProbeStatus.OK, projects={"acme-billing": (True, ("1.0",))}),
        },
    )
    (diag,) = run(RL304, project)
    assert diag.location.line == 1  # the public index is where the door is open


@pytest.mark.parametrize(
    ("internal", "public", "public_status"),
    [
        ({"x": (True, ("1.0",))}, {"x": (True, ("1.0",))}, ProbeStatus.OK),  # claimed on both
        ({"x": (True, ("1.0",))}, {"x": (None, ())}, ProbeStatus.OK),  # public said nothing
        ({"x": (True, ("1.0",))}, {"x": (False, ())}, ProbeStatus.NOT_AN_INDEX),  # login page
        ({"x": (True, ("1.0",))}, {}, ProbeStatus.CONNECT_TIMEOUT),  # unreachable: RL301's job
        ({"x": (False, ())}, {"x": (False, ())}, ProbeStatus.OK),  # on neither
    ],
    ids=["claimed-on-both", "unknown", "login-page", "unreachable", "nowhere"],
)
def test_rl304_quiet(
    internal: Mapping[str, tuple[bool | None, tuple[str, ...]]],
    public: Mapping[str, tuple[bool | None, tuple[str, ...]]],
    public_status: ProbeStatus,
) -> None:
    assert run(RL304, confusion(internal, public, ["x"], public_status)) == []


def test_rl304_needs_two_indexes() -> None:
    project = make_project([f"--index-url {INTERNAL}", "x"])
    project = with_probes(
        project, {INTERNAL: result(INTERNAL, ProbeStatus.OK, projects={"x": (True, ("1",))})}
    )
    assert run(RL304, project) == []


@pytest.mark.parametrize(
    ("req", "internal", "public", "expected"),
    [
        ("acme-utils", ("1.2.0",), ("3.0.0",), "3.0.0"),
        ("acme-utils<3", ("1.2.0",), ("2.0", "3.0.0"), "2.0"),
        ("acme-utils==1.2.0", ("1.2.0",), ("1.2.0", "3.0.0"), None),  # the pin decides
        ("acme-utils", ("3.0.0",), ("1.2.0",), None),  # primary has the best
        ("acme-utils", ("3.0.0",), ("3.0.0",), None),  # equal: not "higher"
        ("acme-utils", ("1.0",), ("2.0rc1",), None),  # pre-releases are not chosen by default
        ("acme-utils==2.0", ("1.0",), ("2.0",), "2.0"),  # only the extra index matches the pin
    ],
)
def test_rl305_extra_index_wins(
    req: str, internal: tuple[str, ...], public: tuple[str, ...], expected: str | None
) -> None:
    reqs = [req] if "<" not in req else ["acme-utils"]
    project = confusion({"acme-utils": (True, internal)}, {"acme-utils": (True, public)}, reqs)
    if "<" in req:  # make_project only knows ==; set the specifier directly
        src = project.sources[0]
        fixed = replace(src.requirements[0], specifier="<3")
        project = replace(
            project, sources=(replace(src, requirements=(fixed,)), *project.sources[1:])
        )
    diags = run(RL305, project)
    if expected is None:
        assert diags == []
        return
    (diag,) = diags
    assert diag.message.startswith(
        f"pip takes `acme-utils` {expected} from the extra index https://pypi.org/simple "
        f"(the public index), not from the primary index"
    )
    assert diag.data["version"] == expected
    assert diag.location.line == 2


# ------------------------------------------------------------------ against real servers


@pytest.mark.network
@pytest.mark.usefixtures("loopback_only", "clean_network_env")
def test_confusion_against_real_indexes() -> None:
    internal_projects: dict[str, tuple[str, ...]] = {
        "acme-billing": ("1.4.0",),
        "acme-utils": ("1.2.0",),
        "shared": ("1.0",),
    }
    public_projects: dict[str, tuple[str, ...]] = {"acme-utils": ("3.0.0",), "shared": ("1.0",)}
    with SimpleIndex(internal_projects) as internal, SimpleIndex(public_projects) as public:
        project = make_project(
            [
                f"--index-url {internal.url}",
                f"--extra-index-url {public.url}",
                "acme-billing==1.4.0",
                "acme-utils",
                "shared==1.0",
            ]
        )
        probes = run_probes(project, timeout=2)
    project = with_probes(project, probes)
    rl304 = run(RL304, project)
    rl305 = run(RL305, project)
    assert [d.data["project"] for d in rl304] == ["acme-billing"]
    assert [(d.data["project"], d.data["version"]) for d in rl305] == [("acme-utils", "3.0.0")]
    assert run(RL301, project) == run(RL302, project) == run(RL303, project) == []
