"""Every test runs isolated from this machine's pip setup.

The machines reqlint is developed and tested on carry pip settings of their own (PIP_*
variables, pip.conf files).  reqlint's default mode never reads them, but a test of
``doctor``/``--system`` or one that runs pip must build its environment explicitly: this
fixture removes every variable that could leak in, for every test.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests draw the same examples on every machine and every run (a CI failure can be
# replayed), and a loaded shared machine must not turn slowness into a failure.
settings.register_profile(
    "reqlint", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("reqlint")

_LEAKY_PREFIXES = ("PIP_", "UV_", "GITHUB_", "REQLINT_", "PRE_COMMIT")
_LEAKY_NAMES = (
    "NO_COLOR",
    "FORCE_COLOR",
    "VIRTUAL_ENV",
    "CI",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(_LEAKY_PREFIXES) or name in _LEAKY_NAMES:
            monkeypatch.delenv(name, raising=False)


def _loopback(address: object) -> bool:
    """An address on this machine: 127.0.0.0/8, ::1, localhost, or a Unix socket path."""
    if isinstance(address, (str, bytes)):
        return True  # AF_UNIX
    if not isinstance(address, tuple) or not address:
        return False
    host = str(address[0]).lower()
    return host in ("localhost", "::1", "0:0:0:0:0:0:0:1") or host.startswith(
        ("127.", "::ffff:127.")
    )


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sends a packet off the machine: a connection to any other address fails at
    once (the tests' own servers listen on 127.0.0.1).  Subprocesses (pip) are given
    loopback URLs by the tests themselves."""
    import socket

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(sock: socket.socket, address: object) -> None:
        if not _loopback(address):
            raise ConnectionRefusedError(f"tests may only connect to loopback, not {address!r}")
        real_connect(sock, address)  # type: ignore[arg-type]

    def connect_ex(sock: socket.socket, address: object) -> int:
        if not _loopback(address):
            raise ConnectionRefusedError(f"tests may only connect to loopback, not {address!r}")
        return real_connect_ex(sock, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


# ------------------------------------------------------------------ the edit-loop split
# `make check` runs `pytest -m "not slow"`: the tests of the edit loop, under ~30 s with
# ruff and mypy.  Slow: every test function that took half a second or more (all its
# parameters together) in a `pytest --durations=0` run of the whole suite on a 2-core
# machine (2026-12-02), every test that runs real pip in a subprocess ("*": the whole
# module), besides those that say `@pytest.mark.slow` themselves.  The rule, docs and code
# tables stay in the loop however long: they are what a change to a rule breaks.
# tests/test_markers.py checks that every name here is a test.
SLOW_TESTS: dict[str, tuple[str, ...]] = {
    "test_adoption.py": (
        "test_add_noqa_over_real_files_leaves_nothing_to_report",
        "test_pip_reads_the_same_config_after_add_noqa",
    ),
    "test_cli.py": ("test_console_script_and_module_entry_points",),
    "test_config_discovery.py": ("test_pathspec_is_imported_only_when_an_ignore_file_is_met",),
    "test_faults.py": ("*",),
    "test_fix_safety_pip.py": ("*",),
    "test_fixes.py": (
        "test_cli_diff",
        "test_cli_fix_then_again",
        "test_incident_example",
        "test_pip_agrees_on_continuation_and_crlf",
    ),
    "test_fixes_properties.py": (
        "test_pipconf_fix_properties",
        "test_pipconf_with_bom_is_left_alone",
        "test_requirements_fix_properties",
    ),
    "test_fuzz_pipconf.py": ("test_refused_values_agree_with_pip", "test_table_is_pips_own"),
    "test_fuzz_requirements.py": ("test_cli_never_crashes_and_is_deterministic", "test_pip_agrees"),
    "test_hostile.py": (
        "test_10000_wide_includes",
        "test_bombs_and_deep_nesting",
        "test_long_lines_are_linear",
    ),
    "test_hashes_pip.py": ("*",),
    "test_include_walk.py": ("*",),
    "test_network_machine.py": (
        "test_missing_local_locations_offline_agree_with_pip",
        "test_the_implicit_primary_is_probed_where_it_comes_from",
    ),
    "test_network_probe.py": ("test_slow_index",),
    "test_packaging.py": ("*",),
    "test_pip_oracle.py": (
        "test_corpus_file_matches_pip",
        "test_rejections_agree_with_real_pip",
        "test_tricky_file_matches_real_pip",
    ),
    "test_pipconf.py": (
        "test_agrees_with_pips_parser",
        "test_config_files_match_pip_itself",
        "test_precedence_matches_real_pip",
        "test_known_difference_empty_value_in_a_later_file",
        "test_pip_config_debug_lists_the_same_files",
    ),
    "test_pipopts_generated.py": ("test_check_mode_of_the_script",),
    "test_pyproject.py": ("test_corpus", "test_locate_agrees_with_tomllib_on_generated_documents"),
    "test_realworld.py": ("test_realworld_output_is_the_reviewed_one",),
    "test_reporters_ecosystem.py": ("test_sarif_validates_against_the_official_schema",),
    "test_requirements_fastpath.py": (
        "test_fast_and_full_pipeline_read_a_file_the_same",
        "test_plain_fields_agree_with_packaging",
    ),
    "test_requirements_parse.py": ("test_parse_never_raises_and_spans_stay_in_the_text",),
    "test_secrets.py": (
        "test_check_never_prints_a_secret",
        "test_network_tables_and_errors_never_print_a_secret",
    ),
    "test_sources_ecosystem.py": ("test_corpus_settings_counts", "test_corpus_workflows"),
    "test_stdin.py": (
        "test_fix_prints_the_fixed_text_and_reports_on_stderr",
        "test_settings_for_the_stdin_name_apply",
        "test_stdin_and_other_paths",
    ),
    "test_trace.py": (
        "test_a_failing_install_keeps_its_exit_code",
        "test_text_report_passes_output_through_and_redacts",
        "test_the_users_own_log_is_used_and_kept",
    ),
}


# `make test` measures branch coverage (pytest-cov), under which Python code runs 1.5-1.8
# times as long (measured on these tests).  These tests push thousands of generated or
# oversized inputs through code the table tests cover: their job is agreement with pip and
# linear time, so coverage is paused while they run (pytest-cov's `no_cover` mark).
# Measured with coverage contexts: together they add 47 branch arcs to what the rest of the
# suite covers and cost ~60 s of CPU under coverage (the real-world add-noqa test adds 119
# and stays measured).
NO_COVER: dict[str, tuple[str, ...]] = {
    "test_fixes_properties.py": ("test_pipconf_fix_properties", "test_requirements_fix_properties"),
    "test_fuzz_pipconf.py": ("test_refused_values_agree_with_pip",),
    "test_fuzz_requirements.py": ("test_cli_never_crashes_and_is_deterministic", "test_pip_agrees"),
    "test_hostile.py": (
        "test_10000_wide_includes",
        "test_bombs_and_deep_nesting",
        "test_long_lines_are_linear",
    ),
    "test_include_walk.py": ("test_a_thousand_file_chain_is_walked",),
    "test_pyproject.py": ("test_locate_agrees_with_tomllib_on_generated_documents",),
    "test_requirements_fastpath.py": ("test_plain_fields_agree_with_packaging",),
    "test_requirements_parse.py": ("test_parse_never_raises_and_spans_stay_in_the_text",),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = getattr(item, "originalname", item.name)
        slow = SLOW_TESTS.get(item.path.name, ())
        if name in slow or "*" in slow:
            item.add_marker(pytest.mark.slow)
        if name in NO_COVER.get(item.path.name, ()):
            item.add_marker(pytest.mark.no_cover)
