"""The one model of what a failing index costs ``pip install``.

Everything reqlint says about "how long pip will wait" comes from this module, and
``tests/test_network_pip_e2e.py`` checks it against a real pip 26.3 run.

How pip spends time on an index (pip 26.3, ``pip._internal.network.session``, vendored
urllib3 2.x ``util/retry.py``):

* pip asks **every** index (and every find-links page) for **every** project it has to
  find: one ``GET <index>/<project>/`` per project per index.  A requirement whose pin is
  already satisfied makes no request at all unless ``-U`` is given; a URL, path or editable
  requirement queries no index (its dependencies do, which this model does not count).
* Each request is retried by ``urllib3.Retry(total=R, backoff_factor=0.25,
  status_forcelist=[500, 502, 503, 520, 527])`` with ``R`` = ``--retries`` (default 5) and
  the socket timeout ``t`` = ``--timeout`` (default 15 s), which bounds the connect (TCP and
  TLS handshake) and every read.
* urllib3 sleeps after the n-th consecutive error, when it will retry, for
  ``min(BACKOFF_MAX, factor * 2 ** (n - 1))`` seconds, or 0 when ``n <= 1``
  (``Retry.get_backoff_time``).  The sleeps follow errors 1 … R, so a request that fails
  every time sleeps ``backoff(R) = sum(factor * 2 ** (n - 1) for n in 2 … R)``
  ``= 0.25 * (2 ** R - 2)`` for ``R >= 2``: 0, 0, 0.5, 1.5, 3.5, 7.5 s for R = 0 … 5.

So one request costs, by failure:

=======================  ================================================================
connect timeout          ``(R + 1) * t + backoff(R)``  (SYNs dropped: the incident)
(blackhole)              — 97.5 s with the defaults
read timeout (accepts,   ``(R + 1) * t + backoff(R)``, like the blackhole
never answers)
refused / DNS / TLS      ``backoff(R) + (R + 1) * a`` with ``a`` the time one failing
                         attempt takes (about 0 for a refused connection): 7.5 s
retried HTTP status      ``backoff(R) + (R + 1) * a`` (500, 502, 503, 520, 527; a
                         ``Retry-After`` header can make it longer)
=======================  ================================================================

and a run pays that once per project per failing URL.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence

from reqlint._records import dataclass
from reqlint.model import Setting

DEFAULT_TIMEOUT_S = 15.0
DEFAULT_RETRIES = 5
BACKOFF_FACTOR = 0.25
# urllib3.util.Retry.DEFAULT_BACKOFF_MAX: one sleep never exceeds this.
BACKOFF_MAX_S = 120.0
# Statuses pip's Retry retries (status_forcelist in pip._internal.network.session).
RETRIED_STATUSES = frozenset({500, 502, 503, 520, 527})
# Messages say "50 <times> 97.5 s" with the real sign, as the issue and the docs do.
TIMES = "\N{MULTIPLICATION SIGN}"


class FailureMode(enum.Enum):
    """How each attempt of a request fails, which decides what it costs."""

    # Each attempt waits the whole timeout: dropped SYNs, or a server that never answers.
    WAITS_TIMEOUT = "waits-timeout"
    # Each attempt fails fast (refused, DNS, TLS, a retried 5xx): only the backoff is paid.
    FAILS_FAST = "fails-fast"


def backoff_total(
    retries: int, factor: float = BACKOFF_FACTOR, backoff_max: float = BACKOFF_MAX_S
) -> float:
    """Seconds urllib3 sleeps in total when all ``retries + 1`` attempts of a request fail."""
    return sum((min(backoff_max, factor * 2.0 ** (n - 1)) for n in range(2, retries + 1)), 0.0)


def request_cost(mode: FailureMode, timeout: float, retries: int, attempt_s: float = 0.0) -> float:
    """Seconds one failing request costs pip (all its attempts and backoff sleeps).

    ``attempt_s`` is how long one fast-failing attempt takes (measured by the probe); it
    is ignored for :attr:`FailureMode.WAITS_TIMEOUT`, where each attempt takes ``timeout``.
    """
    retries = max(0, retries)
    per_attempt = timeout if mode is FailureMode.WAITS_TIMEOUT else max(0.0, attempt_s)
    return (retries + 1) * per_attempt + backoff_total(retries)


@dataclass(frozen=True, slots=True)
class PipNetworkSettings:
    """pip's effective ``--timeout`` and ``--retries`` and the settings that set them."""

    timeout: float = DEFAULT_TIMEOUT_S
    retries: int = DEFAULT_RETRIES
    timeout_setting: Setting | None = None
    retries_setting: Setting | None = None


def pip_network_settings(config: Mapping[str, Sequence[Setting]]) -> PipNetworkSettings:
    """pip's timeout and retries from ``Project.config_settings()`` (defaults: 15 s, 5).

    A value pip could not parse makes pip fail at start-up, not wait; it is ignored here.
    """
    timeout, timeout_setting = DEFAULT_TIMEOUT_S, None
    for key in ("default-timeout", "timeout"):  # the canonical key wins when both exist
        for st in config.get(key, ())[-1:]:
            try:
                value = float(st.value.strip())
            except ValueError:
                continue
            if math.isfinite(value) and value >= 0:
                timeout, timeout_setting = value, st
    retries, retries_setting = DEFAULT_RETRIES, None
    for st in config.get("retries", ())[-1:]:
        try:
            retries, retries_setting = max(0, int(st.value.strip())), st
        except ValueError:
            continue
    return PipNetworkSettings(timeout, retries, timeout_setting, retries_setting)


@dataclass(frozen=True, slots=True)
class StallEstimate:
    """What one failing URL costs a run of pip that asks it about ``requests`` projects."""

    per_request_s: float
    requests: int
    timeout: float
    retries: int
    mode: FailureMode

    @property
    def total_s(self) -> float:
        return self.per_request_s * self.requests

    def as_data(self) -> dict[str, object]:
        """The machine-readable fields a diagnostic carries (``--format json``)."""
        return {
            "estimated_stall_seconds": round(self.total_s, 3),
            "per_request_seconds": round(self.per_request_s, 3),
            "timeout": self.timeout,
            "retries": self.retries,
            "requests": self.requests,
        }

    def describe(self) -> str:
        """``~50 x 97.5 s ≈ 81 min`` (or the per-project cost when no count is known)."""
        if self.requests <= 0:
            return f"~{format_seconds(self.per_request_s)} per project it looks up"
        if self.requests == 1:
            return f"~{format_seconds(self.per_request_s)}"
        return (
            f"~{self.requests} {TIMES} {format_seconds(self.per_request_s)} ≈ "
            f"{format_duration(self.total_s)}"
        )


def estimate(
    mode: FailureMode, requests: int, settings: PipNetworkSettings, attempt_s: float = 0.0
) -> StallEstimate:
    """The stall ``requests`` lookups on one failing URL cost with pip's ``settings``."""
    per = request_cost(mode, settings.timeout, settings.retries, attempt_s)
    return StallEstimate(per, max(0, requests), settings.timeout, settings.retries, mode)


def format_seconds(seconds: float) -> str:
    """``97.5 s``, ``7.5 s``, ``2 s``, ``0.02 s``: one decimal at most, none when whole."""
    if seconds >= 0.1 or seconds == 0:
        text = f"{seconds:.1f}".removesuffix(".0")
    else:
        text = f"{seconds:.2f}"
    return f"{text} s"


def format_duration(seconds: float) -> str:
    """A human duration: ``45 s``, ``3.2 min``, ``81 min``, ``2.5 h``."""
    if seconds < 90:
        return format_seconds(seconds)
    if seconds < 10 * 60:
        return f"{seconds / 60:.1f} min".replace(".0 min", " min")
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h".replace(".0 h", " h")
