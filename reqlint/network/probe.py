"""``--network``: probe every index and find-links URL the linted sources configure.

One :class:`httpx.AsyncClient` probes all URLs concurrently (bounded by a semaphore), each
URL once: ``GET <index>/`` and, for the projects the requirements name,
``GET <index>/<normalised-name>/`` with the PEP 691 ``Accept`` header (JSON preferred,
HTML accepted).  A URL that cannot be reached is not asked about projects, so probing ten
indexes of which five drop packets takes about one timeout, not five.

What pip honours is honoured here: proxies from the environment (``HTTP(S)_PROXY``,
``ALL_PROXY``, ``NO_PROXY``, through httpx's ``trust_env``), the ``cert`` CA bundle
(``PIP_CERT`` / pip.conf), ``client-cert``, ``trusted-host`` (no TLS verification for that
host), credentials in the URL or ``~/.netrc`` (sent as Basic auth to that origin only:
httpx drops the ``Authorization`` header on a redirect to another host; never printed).

httpx is imported here and nowhere else; this module is imported only when ``--network``
is given, so a plain run never loads an HTTP stack (and never opens a socket).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import netrc
import os
import socket
import ssl
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

import certifi
import httpx
from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import InvalidVersion, Version

from reqlint.network.cost import pip_network_settings
from reqlint.network.results import ProbeResult, ProbeStatus, ProjectProbe, UrlKind
from reqlint.project import Project
from reqlint.redact import redact_text, redact_url

# PEP 691: prefer the JSON form, accept the HTML one.
ACCEPT = "application/vnd.pypi.simple.v1+json, text/html;q=0.1"
USER_AGENT = "reqlint-probe (+https://github.com/reqlint/reqlint)"
# A working index slower than this (time to the response headers) is reported as slow.
SLOW_THRESHOLD_S = 2.0
# The root page of a big index lists every project (pypi.org: tens of MB); its first bytes
# are enough to tell an index from a login page.
ROOT_BODY_LIMIT = 64 * 1024
PROJECT_BODY_LIMIT = 16 * 1024 * 1024
# Setting keys that name an index or a find-links location, in any source.
INDEX_KEYS = frozenset({"index-url", "extra-index-url", "index", "source"})
FIND_LINKS_KEYS = frozenset({"find-links"})
_JSON_TYPES = ("application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.latest+json")
_HTML_TYPES = ("text/html", "application/vnd.pypi.simple.v1+html",
               "application/vnd.pypi.simple.latest+html")


@dataclass(frozen=True, slots=True)
class ProbeTarget:
    """One URL to probe: as configured, what pip uses it for, and the projects to ask."""

    url: str
    kind: UrlKind
    projects: tuple[str, ...] = ()
    # Every spelling of the URL in the sources (trailing slash or not): all get the result.
    aliases: tuple[str, ...] = ()


def run_probes(project: Project, *, timeout: float | None = None, concurrency: int = 16,
               progress: bool = False, slow_threshold: float | None = None,
               cert: str | None = None) -> dict[str, ProbeResult]:
    """Probe every index and find-links URL in ``project``; results keyed by URL as written.

    ``timeout`` (connect and read, seconds) defaults to pip's effective timeout (config and
    environment, else 15 s).  ``slow_threshold`` defaults to ``min(2 s, timeout / 2)``.
    ``cert`` overrides the CA bundle from the pip configuration.  Only ``http(s)`` URLs are
    probed; local paths and ``file:`` URLs are not network locations.
    """
    config = project.config_settings()
    if timeout is None:
        timeout = pip_network_settings(config).timeout or 15.0
    if slow_threshold is None:
        slow_threshold = min(SLOW_THRESHOLD_S, timeout / 2)
    if cert is None:
        cert = _last_value(config, "cert")
    options = _Options(timeout=timeout, slow_threshold=slow_threshold, cert=cert,
                       client_cert=_last_value(config, "client-cert"),
                       trusted_hosts=tuple(st.value for st in _trusted_hosts(project)))
    targets = collect_targets(project)
    if not targets:
        return {}
    results = asyncio.run(_probe_all(targets, options, max(1, concurrency),
                                     progress and sys.stderr.isatty()))
    out: dict[str, ProbeResult] = {}
    for target, result in zip(targets, results, strict=True):
        for alias in target.aliases:
            out[alias] = result
    return out


def collect_targets(project: Project) -> list[ProbeTarget]:
    """Every distinct http(s) index and find-links URL, with the projects to ask it about.

    URLs come from each root's index plan (what ``pip install -r ROOT`` uses, including the
    machine's pip config when it was read) and from every setting that names an index or a
    find-links location in any source.  A URL in a root's plan is asked about that root's
    requirements; any other URL about every requirement of the project.
    """
    all_names = _names(req for _, req in project.requirements())
    found: dict[str, tuple[UrlKind, set[str], list[str]]] = {}

    def add(url: str, kind: UrlKind, names: Iterable[str]) -> None:
        url = url.strip()
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            return
        key = url.rstrip("/")
        entry = found.setdefault(key, (kind, set(), []))
        if url not in entry[2]:
            entry[2].append(url)
        entry[1].update(names)

    roots = project.roots()
    for root in roots:
        plan = project.index_plan(root)
        names = _names(req for src in project.closure(root) for req in src.requirements)
        for entry in plan.indexes:
            add(entry.url, UrlKind.INDEX, names)
        for st in plan.find_links:
            add(st.value, UrlKind.FIND_LINKS, names)
    if not roots:
        plan = project.index_plan(None)
        for entry in plan.indexes:
            if entry.setting is not None:
                add(entry.url, UrlKind.INDEX, all_names)
    for st in project.settings(*INDEX_KEYS, *FIND_LINKS_KEYS):
        kind = UrlKind.FIND_LINKS if st.key in FIND_LINKS_KEYS else UrlKind.INDEX
        for url in st.value.split():
            add(url, kind, all_names)
    return [ProbeTarget(urls[0], kind, tuple(sorted(names)), tuple(urls))
            for _, (kind, names, urls) in sorted(found.items())]


def _names(requirements: Iterable[Any]) -> set[str]:
    """Normalised names of the requirements pip looks up on an index."""
    return {canonicalize_name(req.name) for req in requirements
            if req.name and not req.url and not req.error and not req.constraint}


def _last_value(config: Mapping[str, Any], key: str) -> str | None:
    values = config.get(key) or []
    return str(values[-1].value) if values else None


def _trusted_hosts(project: Project) -> Iterator[Any]:
    yield from project.config_settings().get("trusted-host", [])
    for root in project.roots():
        yield from project.index_plan(root).trusted_hosts


# --------------------------------------------------------------------------- engine


@dataclass(frozen=True, slots=True)
class _Options:
    timeout: float
    slow_threshold: float
    cert: str | None = None
    client_cert: str | None = None
    trusted_hosts: tuple[str, ...] = ()


@dataclass(slots=True)
class _Phases:
    """What the connection got through, from httpcore's trace events."""

    tcp_connected: bool = False
    tls_started: bool = False


@dataclass(slots=True)
class _Fetch:
    """One GET: either a transport failure (``status``) or a response."""

    url: str
    latency_s: float
    status: ProbeStatus | None = None  # set on a transport failure
    detail: str = ""
    http_status: int | None = None
    content_type: str = ""
    body: bytes = b""
    truncated: bool = False
    final_url: str = ""


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
            sys.stderr.write(f"\r\x1b[Kprobing indexes: {self.done}/{self.total} "
                             f"({elapsed:.1f} s) {redact_url(url)[:60]}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


async def _probe_all(targets: list[ProbeTarget], options: _Options, concurrency: int,
                     progress: bool) -> list[ProbeResult]:
    ssl_context, ssl_error = _ssl_context(options)
    timeouts = httpx.Timeout(options.timeout, pool=None)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {}
    env_proxies = urllib.request.getproxies()
    for trusted in options.trusted_hosts:
        host = trusted.strip()
        if not host:
            continue
        proxy = None
        if not urllib.request.proxy_bypass(host.split(":")[0]):
            proxy = env_proxies.get("https") or env_proxies.get("all")
        # pip turns TLS verification off for a trusted host (any port when none is given).
        mounts[f"https://{host}"] = httpx.AsyncHTTPTransport(
            verify=False, proxy=proxy, limits=limits, trust_env=True)
    sem = asyncio.Semaphore(concurrency)
    bar = _Progress(len(targets), progress)
    async with httpx.AsyncClient(
            verify=ssl_context if ssl_context is not None else True, timeout=timeouts,
            limits=limits, follow_redirects=True, trust_env=True, mounts=mounts,
            headers={"Accept": ACCEPT, "User-Agent": USER_AGENT}) as client:
        prober = _Prober(client, sem, options, ssl_error)

        async def one(target: ProbeTarget) -> ProbeResult:
            try:
                return await prober.probe(target)
            finally:
                bar.tick(target.url)

        try:
            return list(await asyncio.gather(*(one(t) for t in targets)))
        finally:
            bar.finish()


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
        which = options.client_cert if options.client_cert and options.cert is None else (
            options.cert or options.client_cert)
        return None, f"cannot load the TLS certificate file {which}: {exc}"
    return context, ""


class _Prober:
    def __init__(self, client: httpx.AsyncClient, sem: asyncio.Semaphore, options: _Options,
                 ssl_error: str) -> None:
        self.client = client
        self.sem = sem
        self.options = options
        self.ssl_error = ssl_error
        self.netrc = _load_netrc()

    async def probe(self, target: ProbeTarget) -> ProbeResult:
        base = target.url.rstrip("/") + "/"
        opts = self.options
        if self.ssl_error and base.lower().startswith("https:"):
            return ProbeResult(target.url, ProbeStatus.TLS, self.ssl_error, 0.0,
                               kind=target.kind, timeout_s=opts.timeout)
        root = await self.fetch(base, ROOT_BODY_LIMIT)
        common: dict[str, Any] = {"kind": target.kind, "timeout_s": opts.timeout,
                                  "final_url": root.final_url}
        if root.status is not None:
            return ProbeResult(target.url, root.status, root.detail, root.latency_s,
                               **common)
        root_status, root_detail = _classify_page(root, target.kind)
        if target.kind is UrlKind.FIND_LINKS:
            projects = _projects_from_find_links(root, target.projects) \
                if root_status is ProbeStatus.OK else {}
            return self._finish(target, root, root_status, root_detail, projects)

        fetches = await asyncio.gather(*(
            self.fetch(f"{base}{name}/", PROJECT_BODY_LIMIT) for name in target.projects))
        projects = {name: _project_probe(name, f)
                    for name, f in zip(target.projects, fetches, strict=True)}
        if any(p.found for p in projects.values()):
            return self._finish(target, root, ProbeStatus.OK, "", projects)
        if root_status is not ProbeStatus.OK:
            return self._finish(target, root, root_status, root_detail, projects)
        if projects and all(p.found is None for p in projects.values()):
            # The root works but no project page does: what pip sees is the project pages.
            first = next(f for f in fetches)
            if first.status is not None:
                return ProbeResult(target.url, first.status, first.detail, first.latency_s,
                                   kind=target.kind, timeout_s=opts.timeout,
                                   projects=projects)
            status, detail = _classify_page(first, target.kind)
            return self._finish(target, first, status, detail or "project pages: "
                                + (first.detail or f"HTTP {first.http_status}"), projects)
        return self._finish(target, root, ProbeStatus.OK, "", projects)

    def _finish(self, target: ProbeTarget, fetch: _Fetch, status: ProbeStatus, detail: str,
                projects: Mapping[str, ProjectProbe]) -> ProbeResult:
        if status is ProbeStatus.OK and fetch.latency_s > self.options.slow_threshold:
            status = ProbeStatus.SLOW
            detail = (f"answered in {fetch.latency_s:.2f} s (slow threshold "
                      f"{self.options.slow_threshold:g} s)")
        return ProbeResult(target.url, status, redact_text(detail), fetch.latency_s,
                           fetch.http_status, target.kind, self.options.timeout,
                           dict(projects), fetch.final_url)

    async def fetch(self, url: str, limit: int) -> _Fetch:
        """GET ``url`` once; never raises for a network problem."""
        phases = _Phases()

        async def trace(event: str, info: Mapping[str, Any]) -> None:
            if event in ("connection.connect_tcp.complete", "http_proxy.connect_tcp.complete"):
                phases.tcp_connected = True
            elif event.endswith("start_tls.started"):
                phases.tls_started = True

        auth = self._auth_for(url)
        async with self.sem:
            started = time.monotonic()
            try:
                # An answer that trickles in must not keep the run waiting much longer than
                # a timeout: the whole request is bounded too.
                return await asyncio.wait_for(
                    self._get(url, limit, started, auth, trace), 2 * self.options.timeout + 1)
            except asyncio.TimeoutError:
                return _Fetch(url, time.monotonic() - started, ProbeStatus.READ_TIMEOUT,
                              f"the response did not complete within "
                              f"{2 * self.options.timeout + 1:g} s")
            except httpx.TransportError as exc:
                status, detail = _classify_error(exc, phases, self.options.timeout)
                return _Fetch(url, time.monotonic() - started, status, detail)
            except httpx.InvalidURL as exc:
                return _Fetch(url, 0.0, ProbeStatus.DNS, f"invalid URL: {exc}")

    async def _get(self, url: str, limit: int, started: float,
                   auth: httpx.Auth | None, trace: Any) -> _Fetch:
        kwargs: dict[str, Any] = {"extensions": {"trace": trace}}
        if auth is not None:
            kwargs["auth"] = auth
        async with self.client.stream("GET", url, **kwargs) as response:
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
            return _Fetch(url, latency, http_status=response.status_code,
                          content_type=response.headers.get("content-type", ""),
                          body=b"".join(chunks)[:limit], truncated=truncated,
                          final_url=redact_url(final) if final.rstrip("/") != url.rstrip("/")
                          else "")

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


def _classify_error(exc: Exception, phases: _Phases, timeout: float
                    ) -> tuple[ProbeStatus, str]:
    t = f"{timeout:g} s"
    if isinstance(exc, httpx.ConnectTimeout):
        if phases.tcp_connected:
            # TCP was up, the TLS handshake got no answer: a listener that never speaks.
            return (ProbeStatus.READ_TIMEOUT,
                    f"the server accepted the connection but the TLS handshake got no "
                    f"answer within {t}")
        return (ProbeStatus.CONNECT_TIMEOUT,
                f"connect timed out after {t}: packets dropped, likely a firewall")
    if isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout)):
        return (ProbeStatus.READ_TIMEOUT,
                f"the server accepted the connection but sent no response within {t}")
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
        if isinstance(cause, ConnectionRefusedError) or getattr(
                cause, "errno", None) == errno.ECONNREFUSED:
            return ProbeStatus.REFUSED, "connection refused: nothing listens on that port"
        if getattr(cause, "errno", None) in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return (ProbeStatus.REFUSED,
                    f"no route to the host: {getattr(cause, 'strerror', '') or cause}")
    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, httpx.ProxyError):
        return ProbeStatus.HTTP_ERROR, f"the proxy refused the request: {text}"
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return (ProbeStatus.HTTP_ERROR,
                "the server closed the connection without a valid response "
                f"({text or 'no detail'})")
    if "name or service not known" in lowered or "nodename nor servname" in lowered:
        return ProbeStatus.DNS, f"DNS lookup failed: {text}"
    if "certificate" in lowered or "ssl" in lowered or "tls" in lowered:
        return ProbeStatus.TLS, f"TLS failed: {text}"
    return ProbeStatus.REFUSED, f"connection failed: {text or type(exc).__name__}"


def _classify_page(fetch: _Fetch, kind: UrlKind) -> tuple[ProbeStatus, str]:
    """Is this response a simple index (or a find-links page)?"""
    code = fetch.http_status or 0
    if code >= 400:
        hint = {401: "credentials needed or wrong", 403: "access denied",
                404: "no such page: wrong index path?", 407: "proxy authentication needed"
                }.get(code, "server error" if code >= 500 else "client error")
        return ProbeStatus.HTTP_ERROR, f"HTTP {code} ({hint})"
    ctype = fetch.content_type.split(";")[0].strip().lower()
    if ctype in _JSON_TYPES:
        if not fetch.truncated:
            try:
                doc = json.loads(fetch.body)
            except ValueError:
                return ProbeStatus.NOT_AN_INDEX, "invalid PEP 691 JSON"
            if not isinstance(doc, dict) or "meta" not in doc:
                return ProbeStatus.NOT_AN_INDEX, "JSON without PEP 691 'meta'"
        return ProbeStatus.OK, ""
    if ctype in _HTML_TYPES or (not ctype and fetch.body.lstrip()[:1] == b"<"):
        page = _LinkParser.parse(fetch.body)
        if page.password_field or (page.form and not page.links):
            return (ProbeStatus.NOT_AN_INDEX,
                    "an HTML page with a login form, not a simple index (the URL needs "
                    "credentials or points at a web UI)")
        if kind is UrlKind.INDEX and not page.links and fetch.body.strip() and not page.body:
            return ProbeStatus.NOT_AN_INDEX, "an HTML page that is not a simple index"
        return ProbeStatus.OK, ""
    return (ProbeStatus.NOT_AN_INDEX,
            f"served {ctype or 'no content type'}, not a simple index")


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, bool]] = []  # (file name, yanked)
        self.form = False
        self.password_field = False
        self.body = False

    @classmethod
    def parse(cls, body: bytes) -> _LinkParser:
        parser = cls()
        with contextlib.suppress(Exception):  # a broken page is simply not an index
            parser.feed(body.decode("utf-8", "replace"))
            parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v for k, v in attrs}
        if tag == "a" and values.get("href"):
            path = urlsplit(values["href"] or "").path
            name = unquote(path.rstrip("/").rsplit("/", 1)[-1])
            self.links.append((name, "data-yanked" in values))
        elif tag == "form":
            self.form = True
        elif tag == "input" and (values.get("type") or "").lower() == "password":
            self.password_field = True
        elif tag == "body":
            self.body = True


def _files(fetch: _Fetch) -> list[tuple[str, bool]]:
    """(file name, yanked) for every file a simple page lists."""
    ctype = fetch.content_type.split(";")[0].strip().lower()
    if ctype in _JSON_TYPES:
        try:
            doc = json.loads(fetch.body)
        except ValueError:
            return []
        files = doc.get("files", []) if isinstance(doc, dict) else []
        return [(str(f.get("filename", "")), bool(f.get("yanked")))
                for f in files if isinstance(f, dict)]
    return _LinkParser.parse(fetch.body).links


def _name_version(filename: str) -> tuple[str, Version] | None:
    try:
        if filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(filename)
            return name, version
        if filename.endswith((".tar.gz", ".zip")):
            name, version = parse_sdist_filename(filename)
            return name, version
    except (InvalidWheelFilename, InvalidSdistFilename, InvalidVersion):
        return None
    return None


def _versions(files: Iterable[tuple[str, bool]], project: str) -> tuple[str, ...]:
    found: set[Version] = set()
    for filename, yanked in files:
        parsed = _name_version(filename)
        if parsed and not yanked and canonicalize_name(parsed[0]) == project:
            found.add(parsed[1])
    return tuple(str(v) for v in sorted(found))


def _project_probe(name: str, fetch: _Fetch) -> ProjectProbe:
    if fetch.status is not None:
        return ProjectProbe(name, None, detail=fetch.detail)
    if fetch.http_status in (404, 410):
        return ProjectProbe(name, False, http_status=fetch.http_status)
    status, detail = _classify_page(fetch, UrlKind.INDEX)
    if status is not ProbeStatus.OK:
        return ProjectProbe(name, None, http_status=fetch.http_status, detail=detail)
    return ProjectProbe(name, True, _versions(_files(fetch), name), fetch.http_status)


def _projects_from_find_links(fetch: _Fetch, names: Iterable[str]
                              ) -> dict[str, ProjectProbe]:
    files = _files(fetch)
    out: dict[str, ProjectProbe] = {}
    for name in names:
        versions = _versions(files, name)
        out[name] = ProjectProbe(name, bool(versions), versions, fetch.http_status)
    return out
