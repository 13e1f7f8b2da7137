"""What a ``--network`` probe found out about one index or find-links URL.

Plain frozen data, no I/O and no httpx: rules import this module (via ``Project.probes``)
without paying for an HTTP stack, and a run without ``--network`` never imports
``reqlint.network.probe``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from reqlint._records import dataclass, field


class ProbeStatus(enum.Enum):
    """How a probe ended.  The cure differs per member, so each is its own diagnosis."""

    OK = "ok"
    # The host name did not resolve.
    DNS = "dns"
    # The host answered the SYN with a RST: nothing listens on that port.
    REFUSED = "refused"
    # No answer to the SYN within the timeout: packets dropped (a firewall), the incident.
    CONNECT_TIMEOUT = "connect-timeout"
    # The TLS handshake failed (unknown CA, wrong host name, expired, protocol error).
    TLS = "tls"
    # The connection was accepted but no response came within the timeout.
    READ_TIMEOUT = "read-timeout"
    # The server answered with an HTTP error (4xx/5xx) where pip needs a page.
    HTTP_ERROR = "http-error"
    # The server answered 200, but not with a simple index (e.g. an HTML login page).
    NOT_AN_INDEX = "not-an-index"
    # A working index whose latency is above the slow threshold.
    SLOW = "slow"
    # A local location (``file:`` URL or path) that is missing, not a folder, or unreadable:
    # pip warns "Location '...' is ignored" for every project and skips it (no wait).
    MISSING = "missing"

    @property
    def unreachable(self) -> bool:
        """True when pip cannot get *any* page from the URL (every request waits or fails)."""
        return self in _UNREACHABLE


_UNREACHABLE = frozenset(
    {
        ProbeStatus.DNS,
        ProbeStatus.REFUSED,
        ProbeStatus.CONNECT_TIMEOUT,
        ProbeStatus.TLS,
        ProbeStatus.READ_TIMEOUT,
    }
)


class UrlKind(enum.Enum):
    """What pip does with the URL: a PEP 503 index or a find-links page."""

    INDEX = "index"
    FIND_LINKS = "find-links"


@dataclass(frozen=True, slots=True)
class ProjectProbe:
    """What one index said about one project (``<index>/<normalised-name>/``).

    ``found`` is ``True`` for a project page, ``False`` for a definite "no such project"
    (404/410, or absent from a find-links page) and ``None`` when the answer says nothing
    (an error, a timeout, not probed).  ``versions`` are the non-yanked versions found in
    the file names, as strings, sorted by :class:`packaging.version.Version`.
    """

    name: str
    found: bool | None
    versions: tuple[str, ...] = ()
    http_status: int | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """The outcome of probing one URL.

    ``url`` is the URL exactly as configured (it may hold credentials: build messages with
    :func:`reqlint.redact.redact_url`).  ``latency_s`` is the time to the response headers of
    the first answered request, or the time spent until the failure.  ``timeout_s`` is the
    probe's own timeout (``--timeout``), which never enters the cost estimate.
    ``projects`` maps PEP 503-normalised project names to what the URL said about them.
    """

    url: str
    status: ProbeStatus
    detail: str = ""
    latency_s: float | None = None
    http_status: int | None = None
    kind: UrlKind = UrlKind.INDEX
    timeout_s: float = 0.0
    projects: Mapping[str, ProjectProbe] = field(default_factory=dict)
    # The URL that finally answered, after redirects (credentials removed), if different.
    final_url: str = ""
    # The proxy the probe (like pip) went through, redacted, with where it is set
    # (``http://proxy:3128 (HTTPS_PROXY)``); '' for a direct connection.
    proxy: str = ""
    # True for a ``file:`` URL or a path: checked on the disk, no socket opened.
    local: bool = False

    @property
    def reachable(self) -> bool:
        return not self.status.unreachable
