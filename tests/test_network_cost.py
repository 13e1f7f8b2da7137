"""The cost model, table-tested, and checked against the vendored urllib3 it describes."""

# ruff: noqa: RUF001  (messages use the real multiplication sign, as users see them)

from __future__ import annotations

import pytest

from reqlint.model import Location, Setting, SourceKind
from reqlint.network.cost import (
    BACKOFF_FACTOR,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT_S,
    FailureMode,
    PipNetworkSettings,
    backoff_total,
    estimate,
    format_duration,
    format_seconds,
    pip_network_settings,
    request_cost,
)

WAITS = FailureMode.WAITS_TIMEOUT
FAST = FailureMode.FAILS_FAST


@pytest.mark.parametrize(
    ("retries", "expected"),
    [
        (0, 0.0),
        (1, 0.0),
        (2, 0.5),
        (3, 1.5),
        (4, 3.5),
        (5, 7.5),
        (6, 15.5),
        # One sleep is capped at urllib3's DEFAULT_BACKOFF_MAX (120 s): 0.25 * 2**9 = 128.
        (10, 0.25 * (2**10 - 2) - 128 + 120),
        (-1, 0.0),
    ],
)
def test_backoff_total(retries: int, expected: float) -> None:
    assert backoff_total(retries) == pytest.approx(expected)


@pytest.mark.parametrize("retries", range(2, 9))
def test_backoff_closed_form(retries: int) -> None:
    assert backoff_total(retries) == pytest.approx(0.25 * (2**retries - 2))


@pytest.mark.parametrize("retries", range(12))
def test_backoff_matches_vendored_urllib3(retries: int) -> None:
    """Replay urllib3's own Retry: the sleeps it takes after each of retries+1 failures."""
    from pip._vendor.urllib3.exceptions import ConnectTimeoutError, MaxRetryError
    from pip._vendor.urllib3.util.retry import Retry

    retry = Retry(
        total=retries, backoff_factor=BACKOFF_FACTOR, status_forcelist=[500, 502, 503, 520, 527]
    )
    slept = 0.0
    for _ in range(retries + 1):
        try:
            retry = retry.increment(
                method="GET", url="/simple/x/", error=ConnectTimeoutError("timed out")
            )
        except MaxRetryError:
            break
        slept += retry.get_backoff_time()
    else:  # pragma: no cover - urllib3 must give up after retries+1 failures
        pytest.fail("urllib3 did not give up")
    assert slept == pytest.approx(backoff_total(retries))


@pytest.mark.parametrize(
    ("mode", "timeout", "retries", "attempt", "expected"),
    [
        # The incident: pip's defaults against a host that drops SYNs.
        (WAITS, 15.0, 5, 0.0, 97.5),
        (WAITS, 2.0, 0, 0.0, 2.0),
        (WAITS, 1.0, 2, 0.0, 3.5),
        (WAITS, 1.0, 3, 0.0, 5.5),
        # attempt_s is ignored for a timeout: each attempt waits the whole timeout.
        (WAITS, 1.0, 0, 0.3, 1.0),
        # Refused: only the backoff.
        (FAST, 15.0, 5, 0.0, 7.5),
        (FAST, 15.0, 0, 0.0, 0.0),
        (FAST, 15.0, 3, 0.1, 1.5 + 0.4),
        (FAST, 15.0, -3, 0.0, 0.0),
    ],
)
def test_request_cost(
    mode: FailureMode, timeout: float, retries: int, attempt: float, expected: float
) -> None:
    assert request_cost(mode, timeout, retries, attempt) == pytest.approx(expected)


def _setting(key: str, value: str) -> Setting:
    return Setting(key, value, value, SourceKind.ENVIRON, Location(f"env:PIP_{key.upper()}"))


@pytest.mark.parametrize(
    ("config", "timeout", "retries"),
    [
        ({}, DEFAULT_TIMEOUT_S, DEFAULT_RETRIES),
        ({"timeout": ["2"], "retries": ["0"]}, 2.0, 0),
        ({"default-timeout": ["180"]}, 180.0, DEFAULT_RETRIES),
        # The canonical key wins over the alias.
        ({"default-timeout": ["180"], "timeout": ["3"]}, 3.0, DEFAULT_RETRIES),
        # The last value of a key is the effective one.
        ({"timeout": ["1", "4.5"]}, 4.5, DEFAULT_RETRIES),
        # Values pip would reject are ignored here (pip fails at start-up, it does not wait).
        ({"timeout": ["soon"], "retries": ["many"]}, DEFAULT_TIMEOUT_S, DEFAULT_RETRIES),
        ({"timeout": ["-1"], "retries": ["-2"]}, DEFAULT_TIMEOUT_S, 0),
        ({"timeout": ["nan"]}, DEFAULT_TIMEOUT_S, DEFAULT_RETRIES),
    ],
)
def test_pip_network_settings(config: dict[str, list[str]], timeout: float, retries: int) -> None:
    built = {k: [_setting(k, v) for v in vs] for k, vs in config.items()}
    got = pip_network_settings(built)
    assert (got.timeout, got.retries) == (timeout, retries)


def test_pip_network_settings_keeps_provenance() -> None:
    st = _setting("timeout", "2")
    assert pip_network_settings({"timeout": [st]}).timeout_setting is st
    assert pip_network_settings({}).timeout_setting is None


@pytest.mark.parametrize(
    ("requests", "settings", "mode", "total", "text"),
    [
        # The example: 50 pins, pip's defaults, a firewalled index.
        (50, PipNetworkSettings(), WAITS, 4875.0, "~50 × 97.5 s ≈ 81 min"),
        # The measured run with --timeout 2 --retries 0: 50 packages, ~100 s.
        (50, PipNetworkSettings(2.0, 0), WAITS, 100.0, "~50 × 2 s ≈ 1.7 min"),
        (50, PipNetworkSettings(), FAST, 375.0, "~50 × 7.5 s ≈ 6.2 min"),
        (2, PipNetworkSettings(), WAITS, 195.0, "~2 × 97.5 s ≈ 3.2 min"),
        (1, PipNetworkSettings(), WAITS, 97.5, "~97.5 s"),
        (0, PipNetworkSettings(), WAITS, 0.0, "~97.5 s per project it looks up"),
        (400, PipNetworkSettings(), WAITS, 39000.0, "~400 × 97.5 s ≈ 10.8 h"),
    ],
)
def test_estimate(
    requests: int, settings: PipNetworkSettings, mode: FailureMode, total: float, text: str
) -> None:
    est = estimate(mode, requests, settings)
    assert est.total_s == pytest.approx(total)
    assert est.describe() == text
    data = est.as_data()
    assert data["estimated_stall_seconds"] == pytest.approx(total)
    assert (data["timeout"], data["retries"], data["requests"]) == (
        settings.timeout,
        settings.retries,
        requests,
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (0.02, "0.02 s"),
        (2.0, "2 s"),
        (7.5, "7.5 s"),
        (97.5, "97.5 s"),
        (97.46, "97.5 s"),
    ],
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (45, "45 s"),
        (89.9, "89.9 s"),
        (120, "2 min"),
        (195, "3.2 min"),
        (4875, "81 min"),
        (5400, "1.5 h"),
        (7200, "2 h"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
