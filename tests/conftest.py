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
settings.register_profile("reqlint", derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("reqlint")

_LEAKY_PREFIXES = ("PIP_", "UV_", "GITHUB_", "REQLINT_", "PRE_COMMIT")
_LEAKY_NAMES = ("NO_COLOR", "FORCE_COLOR", "VIRTUAL_ENV", "CI", "HTTP_PROXY", "HTTPS_PROXY",
                "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy")


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
        ("127.", "::ffff:127."))


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


# ------------------------------------------------------------------ coverage
# `make test` measures branch coverage (pytest-cov), under which Python code runs 1.5-1.8
# times as long (measured on these tests).  These tests push thousands of generated or
# oversized inputs through code the table tests cover: their job is agreement with pip and
# linear time, so coverage is paused while they run (pytest-cov's `no_cover` mark).
# Measured with coverage contexts: together they add 47 branch arcs to what the rest of the
# suite covers and cost ~60 s of CPU under coverage (the real-world add-noqa test adds 119
# and stays measured).
NO_COVER: dict[str, tuple[str, ...]] = {
    "test_fixes_properties.py": ("test_pipconf_fix_properties",
                                 "test_requirements_fix_properties"),
    "test_fuzz_pipconf.py": ("test_refused_values_agree_with_pip",),
    "test_fuzz_requirements.py": ("test_cli_never_crashes_and_is_deterministic",
                                  "test_pip_agrees"),
    "test_hostile.py": ("test_10000_wide_includes", "test_bombs_and_deep_nesting",
                        "test_long_lines_are_linear"),
    "test_include_walk.py": ("test_a_thousand_file_chain_is_walked",),
    "test_pyproject.py": ("test_locate_agrees_with_tomllib_on_generated_documents",),
    "test_requirements_fastpath.py": ("test_plain_fields_agree_with_packaging",),
    "test_requirements_parse.py": ("test_parse_never_raises_and_spans_stay_in_the_text",),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = getattr(item, "originalname", item.name)
        if name in NO_COVER.get(item.path.name, ()):
            item.add_marker(pytest.mark.no_cover)
