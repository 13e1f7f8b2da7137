"""``--network``: probe every index and find-links location pip will use.

Each URL is probed once: ``GET <index>/`` and, for the projects the requirements name,
``GET <index>/<normalised-name>/`` with the PEP 691 ``Accept`` header (JSON preferred,
HTML accepted).  A URL that cannot be reached is not asked about projects.

Concurrency is limited **per host** (``PER_HOST`` connections to one ``host:port``, so a
live mirror is never hammered) and only loosely overall (``MAX_CONNECTIONS``, for file
descriptors), so any number of dead hosts costs about one timeout in total.

What pip honours is honoured here, the way pip 26.3 builds its session
(``pip._internal.cli.index_command``): pip's ``proxy`` setting sends every request through
that proxy and ignores the environment; an empty ``proxy`` or ``no-proxy-env`` means no
proxy at all; otherwise ``HTTP(S)_PROXY`` / ``ALL_PROXY`` apply except for hosts in
``NO_PROXY``.  When a request goes through a proxy and the connection fails, the
diagnosis names the proxy and where it is set.  The ``cert`` CA bundle (``PIP_CERT`` /
pip.conf), ``client-cert``, ``trusted-host`` (no TLS verification for that host),
credentials in the URL or ``~/.netrc`` (sent as Basic auth to that origin only; never
printed) are honoured too.  ``file:`` URLs and local paths are read from the disk
(:mod:`reqlint.network.local`), never with a socket.

httpx is imported here and nowhere else; this module is imported only when ``--network``
is given, so a plain run never loads an HTTP stack (and never opens a socket).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import netrc
import os
import socket
import ssl
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import certifi
import httpx
from packaging.version import Version

from reqlint._records import dataclass, field, replace
from reqlint.model import Setting
from reqlint.network.cost import pip_network_settings
from reqlint.network.local import LocalPath, LocalState, is_local, local_settings
from reqlint.network.local import inspect as local_inspect
from reqlint.network.local import versions as local_versions
from reqlint.network.pages import Fetch, classify_page, project_probe, projects_from_find_links
from reqlint.network.results import ProbeResult, ProbeStatus, ProjectProbe, UrlKind
from reqlint.network.targets import looked_up, planned_urls, setting_urls
from reqlint.project import Project
from reqlint.redact import redact_text, redact_url

# PEP 691: prefer the JSON form, accept the HTML one.
ACCEPT = "application/vnd.pypi.simple.v1+json, text/html;q=0.1"
USER_AGENT = "reqlint-probe (+https://github.com/reqlint/reqlint)"
# Connections to one host (host:port) at a time, and to all hosts together.
PER_HOST = 4
MAX_CONNECTIONS = 256
# A working index slower than this (time to the response headers) is reported as slow.
SLOW_THRESHOLD_S = 2.0
# The root page of a big index lists every project (pypi.org: tens of MB); its first bytes
# are enough to tell an index from a login page.
ROOT_BODY_LIMIT = 64 * 1024
PROJECT_BODY_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ProbeTarget:
    """One URL to probe: as configured, what pip uses it for, and the projects to ask."""

    url: str
    kind: UrlKind
    projects: tuple[str, ...] = ()
    # Every spelling of the URL in the sources (trailing slash or not): all get the result.
    aliases: tuple[str, ...] = ()


def run_probes(
    project: Project,
    *,
    timeout: float | None = None,
    concurrency: int = PER_HOST,
    progress: bool = False,
    slow_threshold: float | None = None,
    cert: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, ProbeResult]:
    """Probe every index and find-links location in ``project``; results keyed by URL as
    written.

    ``timeout`` (connect and read, seconds) defaults to pip's effective timeout (config and
    environment, else 15 s).  ``slow_threshold`` defaults to ``min(2 s, timeout / 2)``.
    ``cert`` overrides the CA bundle from the pip configuration.  ``concurrency`` is the
    number of connections to one host.  ``environ`` (default ``os.environ``) is where
    proxy variables are read.  ``file:`` URLs and paths are checked on the disk.
    """
    config = project.config_settings()
    if timeout is None:
        timeout = pip_network_settings(config).timeout or 15.0
    if slow_threshold is None:
        slow_threshold = min(SLOW_THRESHOLD_S, timeout / 2)
    if cert is None:
        cert = _last_value(config, "cert")
    options = _Options(
        timeout=timeout,
        slow_threshold=slow_threshold,
        cert=cert,
        client_cert=_last_value(config, "client-cert"),
        trusted_hosts=tuple(st.value for st in _trusted_hosts(project)),
        proxies=proxy_config(config, os.environ if environ is None else environ),
    )
    targets = collect_targets(project)
    remote = [t for t in targets if not is_local(t.url)]
    out: dict[str, ProbeResult] = {}
    local_paths = project.local_paths or local_inspect(project)
    for target in targets:
        if is_local(target.url):
            for alias in target.aliases:
                out[alias] = _probe_local(target, local_paths, alias)
    if not remote:
        return out
    results = asyncio.run(
        _probe_all(remote, options, max(1, concurrency), progress and sys.stderr.isatty())
    )
    for target, result in zip(remote, results, strict=True):
        for alias in target.aliases:
            out[alias] = result
    return out


def collect_targets(project: Project) -> list[ProbeTarget]:
    """Every distinct index and find-links location, with the projects to ask it about.

    URLs come from each root's index plan (what ``pip install -r ROOT`` uses, including the
    machine's pip config when it was read) and from every setting that names an index or a
    find-links location in any source.  A URL in a root's plan is asked about that root's
    requirements; any other URL about every requirement of the project.  When the machine
    was read (``doctor``, ``--system``) and there is no requirements file, the plan of a
    bare ``pip install`` counts too, with its implicit primary index (pip's default or one
    from ``PIP_INDEX_URL`` / pip.conf).  Local locations (``file:`` URLs, paths) are only
    those pip reads on this machine (:func:`reqlint.network.local.local_settings`).
    """
    all_names = looked_up(req for _, req in project.requirements())
    found: dict[str, tuple[UrlKind, set[str], list[str]]] = {}
    local_items = {value.strip() for _, value in local_settings(project)}

    def add(url: str, kind: UrlKind, names: Iterable[str]) -> None:
        url = url.strip()
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https") and url not in local_items:
            return
        key = url.rstrip("/")
        entry = found.setdefault(key, (kind, set(), []))
        if url not in entry[2]:
            entry[2].append(url)
        entry[1].update(names)

    for use in planned_urls(project):
        add(use.url, use.kind, use.names)
    if not project.roots():
        plan = project.index_plan(None)
        for entry in plan.indexes:
            if entry.setting is not None or project.environment_read:
                add(entry.url, UrlKind.INDEX, all_names)
    for _, url, kind in setting_urls(project):
        add(url, kind, all_names)
    return [
        ProbeTarget(urls[0], kind, tuple(sorted(names)), tuple(urls))
        for _, (kind, names, urls) in sorted(found.items())
    ]


def _probe_local(target: ProbeTarget, local_paths: Mapping[str, object], alias: str) -> ProbeResult:
    """A local index or find-links location, read from the disk like pip reads it."""
    item = next(
        (
            v
            for v in local_paths.values()
            if isinstance(v, LocalPath) and v.value.strip() == alias.strip()
        ),
        None,
    )
    if item is None:  # pragma: no cover - every local target comes from local_settings
        return ProbeResult(
            target.url, ProbeStatus.MISSING, "not inspected", 0.0, kind=target.kind, local=True
        )
    if item.state is not LocalState.OK:
        detail = {
            LocalState.MISSING: "does not exist",
            LocalState.NOT_A_DIRECTORY: "is not a folder",
            LocalState.UNREADABLE: "cannot be read",
        }.get(item.state, item.state.value)
        return ProbeResult(
            target.url,
            ProbeStatus.MISSING,
            f"{item.path} {detail}",
            0.0,
            kind=target.kind,
            local=True,
        )
    projects: dict[str, ProjectProbe] = {}
    for name in target.projects:
        versions = local_versions(item, name)
        if versions is None:
            projects[name] = ProjectProbe(name, False)
        else:
            projects[name] = ProjectProbe(
                name, True, tuple(str(v) for v in sorted({Version(x) for x in versions}))
            )
    return ProbeResult(
        target.url, ProbeStatus.OK, "", 0.0, kind=target.kind, projects=projects, local=True
    )


def _last_value(config: Mapping[str, Sequence[Setting]], key: str) -> str | None:
    values = config.get(key) or []
    return str(values[-1].value) if values else None


def _trusted_hosts(project: Project) -> Iterator[Setting]:
    yield from project.config_settings().get("trusted-host", [])
    for root in project.roots():
        yield from project.index_plan(root).trusted_hosts


# --------------------------------------------------------------------------- engine


@dataclass(frozen=True, slots=True)
class ProxyConfig:
    """Which proxy pip's session uses (see the module docs).

    ``setting`` is pip's ``proxy`` value (``None``: not set; ``''``: no proxy at all) and
    ``setting_origin`` where it is set; ``env`` maps ``http``/``https``/``all``/``no`` to
    ``(value, variable name)`` from the environment; ``no_env`` is ``no-proxy-env``.
    """

    setting: str | None = None
    setting_origin: str = ""
    no_env: bool = False
    env: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def for_url(self, url: str) -> tuple[str, str] | None:
        """``(proxy URL, where it is set)`` for a request to ``url``, or ``None``."""
        if self.setting is not None:
            if not self.setting.strip():
                return None
            return _with_scheme(self.setting.strip()), self.setting_origin
        if self.no_env:
            return None
        parts = urlsplit(url)
        host = parts.hostname or ""
        no_proxy = self.env.get("no")
        if no_proxy is not None and _bypass(host, parts.port, no_proxy[0]):
            return None
        for key in (parts.scheme.lower(), "all"):
            if key in self.env:
                value, name = self.env[key]
                return _with_scheme(value), name
        return None


def _bypass(host: str, port: int | None, no_proxy: str) -> bool:
    """requests' ``should_bypass_proxies``: ``*``, a domain and its subdomains (a leading
    dot optional), ``host:port``, or an IP network in CIDR notation."""
    host = host.lower().strip("[]")
    for raw in no_proxy.replace(" ", "").split(","):
        entry = raw.lower().lstrip(".")
        if not entry:
            continue
        if entry == "*":
            return True
        if "/" in entry:
            try:
                if ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                pass
            continue
        name, _, entry_port = (
            entry.partition(":") if entry.count(":") == 1 else (entry.strip("[]"), "", "")
        )
        if entry_port and str(port or "") != entry_port:
            continue
        if host == name or host.endswith("." + name):
            return True
    return False


def _with_scheme(proxy: str) -> str:
    # requests (prepend_scheme_if_needed) and urllib read "host:port" as http://host:port.
    return proxy if "://" in proxy else f"http://{proxy}"


def proxy_config(
    config: Mapping[str, Sequence[Setting]], environ: Mapping[str, str]
) -> ProxyConfig:
    """pip's proxy choice from its settings and ``environ`` (names as urllib reads them:
    ``https_proxy`` beats ``HTTPS_PROXY``; ``HTTP_PROXY`` is ignored in a CGI request)."""
    values = config.get("proxy") or []
    setting = values[-1] if values else None
    no_env_values = config.get("no-proxy-env") or []
    no_env = bool(no_env_values) and no_env_values[-1].value.strip().lower() not in (
        "0",
        "false",
        "no",
        "off",
    )
    env: dict[str, tuple[str, str]] = {}
    for name in sorted(environ, key=lambda n: (n.islower(), n)):  # lower case last: wins
        value = environ[name]
        if not value or not name.lower().endswith("_proxy"):
            continue
        key = name[:-6].lower()
        if key == "http" and name == "HTTP_PROXY" and "REQUEST_METHOD" in environ:
            continue
        if key in ("http", "https", "all", "no"):
            env[key] = (value, name)
    return ProxyConfig(
        setting.value if setting is not None else None,
        setting.location.display() if setting is not None else "",
        no_env,
        env,
    )


@dataclass(frozen=True, slots=True)
class _Options:
    timeout: float
    slow_threshold: float
    cert: str | None = None
    client_cert: str | None = None
    trusted_hosts: tuple[str, ...] = ()
    proxies: ProxyConfig = field(default_factory=ProxyConfig)


@dataclass(slots=True)
class _Phases:
    """What the connection got through, from httpcore's trace events."""

    tcp_connected: bool = False
    tls_started: bool = False


@dataclass(slots=True)
class _Progress:
    total: int
    enabled: bool
    done: int = 0
    started: float = field(default_factory=time.monotonic)

    def tick(self, url: str) -> None:
        self.done += 1
        if self.enabled:
            elapsed = time.monotonic() - self.started
            sys.stderr.write(
                f"\r\x1b[Kprobing indexes: {self.done}/{self.total} "
                f"({elapsed:.1f} s) {redact_url(url)[:60]}"
            )
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        port = 0
    return scheme, (parts.hostname or "").lower(), port


def _trusted(origin: tuple[str, str, int], trusted_hosts: Iterable[str]) -> bool:
    """pip's ``trusted-host``: ``host`` (any port) or ``host:port``."""
    _, host, port = origin
    for entry in trusted_hosts:
        item = entry.strip().lower()
        if item in (host, f"{host}:{port}", f"[{host}]", f"[{host}]:{port}"):
            return True
    return False


async def _probe_all(
    targets: list[ProbeTarget], options: _Options, per_host: int, progress: bool
) -> list[ProbeResult]:
    ssl_context, ssl_error = _ssl_context(options)
    bar = _Progress(len(targets), progress)
    prober = _Prober(options, ssl_context, ssl_error, per_host)

    async def one(target: ProbeTarget) -> ProbeResult:
        try:
            result = await prober.probe(target)
        finally:
            bar.tick(target.url)
        proxy = prober.proxies.get(_origin(target.url))
        if proxy is not None:
            result = replace(result, proxy=f"{redact_url(proxy[0])} ({proxy[1]})")
        return result

    try:
        return list(await asyncio.gather(*(one(t) for t in targets)))
    finally:
        bar.finish()
        await prober.close()


def _ssl_context(options: _Options) -> tuple[ssl.SSLContext | None, str]:
    """The CA bundle pip would use: ``cert`` alone when set, else the system store
    (pip 26 uses truststore) plus certifi's bundle."""
    try:
        if options.cert:
            context = ssl.create_default_context(cafile=options.cert)
        else:
            context = ssl.create_default_context()
            with contextlib.suppress(OSError):
                context.load_verify_locations(cafile=certifi.where())
        if options.client_cert:
            context.load_cert_chain(options.client_cert)
    except (OSError, ssl.SSLError) as exc:
        which = (
            options.client_cert
            if options.client_cert and options.cert is None
            else (options.cert or options.client_cert)
        )
        return None, f"cannot load the TLS certificate file {which}: {exc}"
    return context, ""


class _Prober:
    """One client (connection pool, proxy, TLS settings) and one semaphore per origin."""

    def __init__(
        self, options: _Options, ssl_context: ssl.SSLContext | None, ssl_error: str, per_host: int
    ) -> None:
        self.options = options
        self.ssl_context = ssl_context
        self.ssl_error = ssl_error
        self.per_host = per_host
        self.netrc = _load_netrc()
        self.all = asyncio.Semaphore(MAX_CONNECTIONS)
        self.clients: dict[tuple[str, str, int], httpx.AsyncClient] = {}
        self.sems: dict[tuple[str, str, int], asyncio.Semaphore] = {}
        self.proxies: dict[tuple[str, str, int], tuple[str, str] | None] = {}

    def client(
        self, url: str
    ) -> tuple[httpx.AsyncClient, asyncio.Semaphore, tuple[str, str] | None]:
        origin = _origin(url)
        client = self.clients.get(origin)
        if client is None:
            proxy = self.options.proxies.for_url(url)
            verify: ssl.SSLContext | bool = (
                False
                if _trusted(origin, self.options.trusted_hosts)
                else self.ssl_context
                if self.ssl_context is not None
                else True
            )
            limits = httpx.Limits(
                max_connections=self.per_host, max_keepalive_connections=self.per_host
            )
            # trust_env=False: the proxy is chosen above exactly as pip chooses it (pip's
            # own setting beats the environment, and then NO_PROXY is not consulted).
            transport = httpx.AsyncHTTPTransport(
                verify=verify,
                limits=limits,
                trust_env=False,
                proxy=httpx.Proxy(proxy[0]) if proxy else None,
            )
            client = httpx.AsyncClient(
                transport=transport,
                timeout=httpx.Timeout(self.options.timeout, pool=None),
                follow_redirects=True,
                trust_env=False,
                headers={"Accept": ACCEPT, "User-Agent": USER_AGENT},
            )
            self.clients[origin] = client
            self.sems[origin] = asyncio.Semaphore(self.per_host)
            self.proxies[origin] = proxy
        return client, self.sems[origin], self.proxies[origin]

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()

    async def probe(self, target: ProbeTarget) -> ProbeResult:
        base = target.url.rstrip("/") + "/"
        opts = self.options
        if self.ssl_error and base.lower().startswith("https:"):
            return ProbeResult(
                target.url,
                ProbeStatus.TLS,
                self.ssl_error,
                0.0,
                kind=target.kind,
                timeout_s=opts.timeout,
            )
        root = await self.fetch(base, ROOT_BODY_LIMIT)
        common: dict[str, Any] = {
            "kind": target.kind,
            "timeout_s": opts.timeout,
            "final_url": root.final_url,
        }
        if root.status is not None:
            return ProbeResult(target.url, root.status, root.detail, root.latency_s, **common)
        root_status, root_detail = classify_page(root, target.kind)
        if target.kind is UrlKind.FIND_LINKS:
            projects = (
                projects_from_find_links(root, target.projects)
                if root_status is ProbeStatus.OK
                else {}
            )
            return self._finish(target, root, root_status, root_detail, projects)

        fetches = await asyncio.gather(
            *(self.fetch(f"{base}{name}/", PROJECT_BODY_LIMIT) for name in target.projects)
        )
        projects = {
            name: project_probe(name, f) for name, f in zip(target.projects, fetches, strict=True)
        }
        if any(p.found for p in projects.values()):
            return self._finish(target, root, ProbeStatus.OK, "", projects)
        if root_status is not ProbeStatus.OK:
            return self._finish(target, root, root_status, root_detail, projects)
        if projects and all(p.found is None for p in projects.values()):
            # The root works but no project page does: what pip sees is the project pages.
            first = next(f for f in fetches)
            if first.status is not None:
                return ProbeResult(
                    target.url,
                    first.status,
                    first.detail,
                    first.latency_s,
                    kind=target.kind,
                    timeout_s=opts.timeout,
                    projects=projects,
                )
            status, detail = classify_page(first, target.kind)
            return self._finish(
                target,
                first,
                status,
                detail or "project pages: " + (first.detail or f"HTTP {first.http_status}"),
                projects,
            )
        return self._finish(target, root, ProbeStatus.OK, "", projects)

    def _finish(
        self,
        target: ProbeTarget,
        fetch: Fetch,
        status: ProbeStatus,
        detail: str,
        projects: Mapping[str, ProjectProbe],
    ) -> ProbeResult:
        if status is ProbeStatus.OK and fetch.latency_s > self.options.slow_threshold:
            status = ProbeStatus.SLOW
            detail = (
                f"answered in {fetch.latency_s:.2f} s (slow threshold "
                f"{self.options.slow_threshold:g} s)"
            )
        return ProbeResult(
            target.url,
            status,
            redact_text(detail),
            fetch.latency_s,
            fetch.http_status,
            target.kind,
            self.options.timeout,
            dict(projects),
            fetch.final_url,
        )

    async def fetch(self, url: str, limit: int) -> Fetch:
        """GET ``url`` once; never raises for a network problem."""
        phases = _Phases()

        async def trace(event: str, info: Mapping[str, Any]) -> None:
            if event in ("connection.connect_tcp.complete", "http_proxy.connect_tcp.complete"):
                phases.tcp_connected = True
            elif event.endswith("start_tls.started"):
                phases.tls_started = True

        auth = self._auth_for(url)
        try:
            client, sem, proxy = self.client(url)
        except (httpx.InvalidURL, ValueError) as exc:
            return Fetch(url, 0.0, ProbeStatus.DNS, f"invalid URL or proxy: {exc}")
        async with sem, self.all:
            started = time.monotonic()
            try:
                # An answer that trickles in must not keep the run waiting much longer than
                # a timeout: the whole request is bounded too.
                return await asyncio.wait_for(
                    self._get(client, url, limit, started, auth, trace),
                    2 * self.options.timeout + 1,
                )
            except asyncio.TimeoutError:
                return Fetch(
                    url,
                    time.monotonic() - started,
                    ProbeStatus.READ_TIMEOUT,
                    f"the response did not complete within {2 * self.options.timeout + 1:g} s",
                )
            except httpx.TransportError as exc:
                status, detail = _classify_error(exc, phases, self.options.timeout)
                if proxy is not None:
                    status, detail = _blame_proxy(exc, status, detail, proxy)
                return Fetch(url, time.monotonic() - started, status, detail)
            except httpx.InvalidURL as exc:
                return Fetch(url, 0.0, ProbeStatus.DNS, f"invalid URL: {exc}")

    async def _get(
        self,
        client: httpx.AsyncClient,
        url: str,
        limit: int,
        started: float,
        auth: httpx.Auth | None,
        trace: Any,
    ) -> Fetch:
        kwargs: dict[str, Any] = {"extensions": {"trace": trace}}
        if auth is not None:
            kwargs["auth"] = auth
        async with client.stream("GET", url, **kwargs) as response:
            latency = time.monotonic() - started
            chunks: list[bytes] = []
            size = 0
            truncated = False
            async for chunk in response.aiter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size >= limit:
                    truncated = True
                    break
            final = str(response.url)
            return Fetch(
                url,
                latency,
                http_status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                body=b"".join(chunks)[:limit],
                truncated=truncated,
                final_url=redact_url(final) if final.rstrip("/") != url.rstrip("/") else "",
            )

    def _auth_for(self, url: str) -> httpx.Auth | None:
        """Basic auth from ``~/.netrc`` for a URL without credentials of its own (as pip)."""
        parts = urlsplit(url)
        if parts.username or parts.password or self.netrc is None:
            return None
        entry = self.netrc.authenticators(parts.hostname or "")
        if not entry:
            return None
        login, _, password = entry
        return httpx.BasicAuth(login or "", password or "")


def _load_netrc() -> netrc.netrc | None:
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    try:
        return netrc.netrc(path)
    except (OSError, netrc.NetrcParseError):
        return None


# ----------------------------------------------------------------- classification


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and everything it was raised from (causes, contexts, group members)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        cur = todo.pop()
        if id(cur) in seen:
            continue
        seen.add(id(cur))
        yield cur
        todo.extend(e for e in (cur.__cause__, cur.__context__) if e is not None)
        todo.extend(getattr(cur, "exceptions", ()))


def _classify_error(exc: Exception, phases: _Phases, timeout: float) -> tuple[ProbeStatus, str]:
    t = f"{timeout:g} s"
    if isinstance(exc, httpx.ConnectTimeout):
        if phases.tcp_connected:
            # TCP was up, the TLS handshake got no answer: a listener that never speaks.
            return (
                ProbeStatus.READ_TIMEOUT,
                f"the server accepted the connection but the TLS handshake got no "
                f"answer within {t}",
            )
        return (
            ProbeStatus.CONNECT_TIMEOUT,
            f"connect timed out after {t}: packets dropped, likely a firewall",
        )
    if isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout)):
        return (
            ProbeStatus.READ_TIMEOUT,
            f"the server accepted the connection but sent no response within {t}",
        )
    if isinstance(exc, httpx.PoolTimeout):  # pragma: no cover - the pool is never exhausted
        return ProbeStatus.CONNECT_TIMEOUT, f"no connection available within {t}"
    for cause in _chain(exc):
        if isinstance(cause, socket.gaierror):
            return ProbeStatus.DNS, f"DNS lookup failed: {cause.strerror or cause}"
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = cause.verify_message or cause.reason or str(cause)
            return ProbeStatus.TLS, f"TLS certificate verification failed: {reason}"
        if isinstance(cause, ssl.SSLError):
            return ProbeStatus.TLS, f"TLS handshake failed: {cause.reason or cause}"
        if (
            isinstance(cause, ConnectionRefusedError)
            or getattr(cause, "errno", None) == errno.ECONNREFUSED
        ):
            return ProbeStatus.REFUSED, "connection refused: nothing listens on that port"
        if getattr(cause, "errno", None) in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return (
                ProbeStatus.REFUSED,
                f"no route to the host: {getattr(cause, 'strerror', '') or cause}",
            )
    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, httpx.ProxyError):
        return ProbeStatus.HTTP_ERROR, f"the proxy refused the request: {text}"
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return (
            ProbeStatus.HTTP_ERROR,
            f"the server closed the connection without a valid response ({text or 'no detail'})",
        )
    if "name or service not known" in lowered or "nodename nor servname" in lowered:
        return ProbeStatus.DNS, f"DNS lookup failed: {text}"
    if "certificate" in lowered or "ssl" in lowered or "tls" in lowered:
        return ProbeStatus.TLS, f"TLS failed: {text}"
    return ProbeStatus.REFUSED, f"connection failed: {text or type(exc).__name__}"


def _blame_proxy(
    exc: Exception, status: ProbeStatus, detail: str, proxy: tuple[str, str]
) -> tuple[ProbeStatus, str]:
    """With a proxy, every connection goes to the proxy: a failure to connect is the
    proxy's, and the diagnosis says which proxy and where it is set."""
    shown = f"{redact_url(proxy[0])} (from {proxy[1]})"
    if status in (ProbeStatus.REFUSED, ProbeStatus.CONNECT_TIMEOUT, ProbeStatus.DNS):
        return status, f"the proxy is what fails: cannot connect to the proxy {shown}: {detail}"
    if isinstance(exc, httpx.ProxyError):
        return status, f"the proxy is what fails: {shown}: {detail}"
    return status, f"{detail} (through the proxy {shown})"
