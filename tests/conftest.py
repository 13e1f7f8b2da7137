"""Every test runs isolated from this machine's pip setup.

The machines reqlint is developed and tested on carry pip settings of their own (PIP_*
variables, pip.conf files).  reqlint's default mode never reads them, but a test of
``doctor``/``--system`` or one that runs pip must build its environment explicitly: this
fixture removes every variable that could leak in, for every test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

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
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith(_LEAKY_PREFIXES) or name in _LEAKY_NAMES:
            monkeypatch.delenv(name, raising=False)
    return
