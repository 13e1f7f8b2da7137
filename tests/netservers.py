"""Real servers on 127.0.0.1 for the ``--network`` tests, and the fixtures that start them.

Import the fixtures you need into a test module (``from netservers import simple_index``);
there is no conftest.py on purpose.  Every server here binds to loopback only, serves from
daemon threads, and stops by itself: at fixture teardown, and in any case after
``LIFETIME_S`` (a watchdog), so a crashed test never leaves a listener behind.

The servers:

* :class:`SimpleIndex`: a PEP 503 / PEP 691 simple index (JSON when the ``Accept`` header
  prefers it, HTML otherwise) serving a few projects and, for pip, real wheel files.  Modes
  make the same server slow (``delay``), fail (``status=500``), or serve an HTML login page
  for every path (``login=True``); ``tls=`` wraps it in a certificate from a trustme CA.
* :class:`Blackhole`: a port whose connects time out — a real ``SYN_SENT``.  A listening
  socket with backlog 0 is filled with one connection that is never accepted; Linux then
  drops every further SYN (``tcp_conn_request``: accept queue full, and
  ``tcp_abort_on_overflow`` is 0 by default), so clients retransmit SYNs until their timeout,
  exactly as against a firewall that drops packets.  ``Blackhole.start`` verifies this
  (a connect must time out) and the fixture skips with the reason when the kernel
  behaves otherwise (e.g. ``tcp_abort_on_overflow=1`` answers with RST).  No root, no
  iptables needed.  With root and iptables, the same effect is
  ``ip netns add bh; ip netns exec bh iptables -A INPUT -p tcp --dport PORT -j DROP``.
* :class:`Refusing`: a bound socket that never listens: the kernel answers SYN with RST.
* :class:`Silent`: a listening socket that is never accepted from: the kernel completes
  the handshake, the request is queued, and no answer ever comes (read timeout).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import io
import json
import socket
import ssl
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

LOOPBACK = "127.0.0.1"
LIFETIME_S = 120.0
JSON_TYPE = "application/vnd.pypi.simple.v1+json"


# ------------------------------------------------------------------------- the guard


def _is_loopback_host(host: object) -> bool:
    if not isinstance(host, str):
        return False
    return host.startswith("127.") or host in ("::1", "localhost") or host.endswith(".invalid")


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse any connection or name lookup that is not loopback (or a ``.invalid`` name,
    which fails locally): a test can never reach a real host by mistake."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(address: Any) -> None:
        if isinstance(address, tuple) and not _is_loopback_host(address[0]):
            raise OSError(f"test guard: connection to {address!r} blocked (loopback only)")

    def connect(self: socket.socket, address: Any) -> None:
        check(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _is_loopback_host(
            host.decode() if isinstance(host, bytes) else host
        ):
            raise socket.gaierror(socket.EAI_NONAME, f"test guard: lookup of {host!r} blocked")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def clean_network_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """No proxy, netrc or pip variables from the machine leak into a probe."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


# ------------------------------------------------------------------------- wheels


def make_wheel(name: str, version: str, metadata: str = "") -> tuple[str, bytes]:
    """A tiny, valid, pure-Python wheel: ``(file name, bytes)``.  ``metadata``: more
    METADATA lines (``Provides-Extra: x\nRequires-Dist: dep; extra == "x"\n``)."""
    dist = name.replace("-", "_")
    info = f"{dist}-{version}.dist-info"
    files = {
        f"{dist}/__init__.py": f"__version__ = {version!r}\n".encode(),
        f"{info}/METADATA": (
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n{metadata}"
        ).encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: reqlint-tests\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record_lines = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record_lines.append(f"{path},sha256={digest},{len(data)}")
    record_lines.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record_lines) + "\n").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in files.items():
            zf.writestr(path, data)
    return f"{dist}-{version}-py3-none-any.whl", buf.getvalue()


def wheelhouse(folder: Any, **versions: tuple[str, ...]) -> Any:
    """A folder of tiny wheels (``--find-links`` for an offline pip): ``demo=("1.0",
    "2.0")`` writes ``demo-1.0`` and ``demo-2.0``.  Returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, numbers in versions.items():
        for version in numbers:
            filename, data = make_wheel(name, version)
            (folder / filename).write_bytes(data)
    return folder


# ------------------------------------------------------------------------- servers


def _watchdog(stop: Callable[[], None]) -> threading.Timer:
    timer = threading.Timer(LIFETIME_S, stop)
    timer.daemon = True
    timer.start()
    return timer


LOGIN_PAGE = (
    b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
    b"<form method='post' action='/login'><input name='user'>"
    b"<input type='password' name='password'><button>Sign in</button></form>"
    b"</body></html>"
)


@dataclass
class SimpleIndex:
    """A simple index on 127.0.0.1.  ``projects`` maps a normalised name to its versions
    (each served as a wheel, built on first use); files are under ``/files/``."""

    projects: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    delay: float = 0.0
    status: int = 200
    login: bool = False
    json_api: bool = True
    tls: ssl.SSLContext | None = None
    host: str = LOOPBACK
    # (path, headers) of every request, for tests that check what was sent.
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    redirect_to: str = ""
    # 0: any free port (tests); a fixed one only for demos that print URLs.
    bind_port: int = 0
    # Most requests handled at the same time (the per-host limit of a client shows here).
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        self._files: dict[str, bytes] = {}
        for name, versions in self.projects.items():
            for version in versions:
                filename, data = make_wheel(name, version)
                self._files[filename] = data
        self._server: ThreadingHTTPServer | None = None
        self._stopped = False
        self._in_flight = 0
        self._lock = threading.Lock()

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.host}:{self.port}/simple/"

    def start(self) -> SimpleIndex:
        if self._server is not None:  # already running: ``with index:`` after ``start()``
            return self
        index = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with index._lock:
                    index._in_flight += 1
                    index.max_in_flight = max(index.max_in_flight, index._in_flight)
                try:
                    self._get()
                finally:
                    with index._lock:
                        index._in_flight -= 1

            def do_HEAD(self) -> None:
                # uv asks a wheel's headers first (range requests): the GET's, no body
                self._head = True
                try:
                    self.do_GET()
                finally:
                    self._head = False  # the connection's next request may be a GET

            def _get(self) -> None:
                index.requests.append((self.path, dict(self.headers.items())))
                if index.delay:
                    time.sleep(index.delay)
                if index.redirect_to:
                    self._send(302, b"", "text/html", {"Location": index.redirect_to})
                    return
                if index.status != 200:
                    self._send(index.status, b"<html><body>error</body></html>", "text/html")
                    return
                if index.login:
                    self._send(200, LOGIN_PAGE, "text/html; charset=utf-8")
                    return
                path = self.path.split("?", 1)[0]
                if path.startswith(("http://", "https://")):
                    # A proxy request carries the absolute URL: serve it as the origin.
                    path = "/" + path.split("://", 1)[1].partition("/")[2]
                want_json = index.json_api and JSON_TYPE in self.headers.get("Accept", "")
                if path.startswith("/files/"):
                    data = index._files.get(path[len("/files/") :])
                    if data is None:
                        self._send(404, b"not found", "text/plain")
                    else:
                        self._send(200, data, "application/octet-stream")
                    return
                parts = [p for p in path.split("/") if p]
                if parts == ["simple"]:
                    self._root(want_json)
                elif len(parts) == 2 and parts[0] == "simple" and parts[1] in index.projects:
                    self._project(parts[1], want_json)
                else:
                    self._send(404, b"<html><body>Not Found</body></html>", "text/html")

            def _root(self, want_json: bool) -> None:
                names = sorted(index.projects)
                if want_json:
                    doc = {"meta": {"api-version": "1.1"}, "projects": [{"name": n} for n in names]}
                    self._send(200, json.dumps(doc).encode(), JSON_TYPE)
                else:
                    links = "".join(f'<a href="/simple/{n}/">{n}</a>\n' for n in names)
                    self._send(
                        200,
                        f"<!DOCTYPE html><html><body>{links}</body></html>".encode(),
                        "text/html",
                    )

            def _project(self, name: str, want_json: bool) -> None:
                files = [
                    f for f in sorted(index._files) if f.startswith(name.replace("-", "_") + "-")
                ]
                if want_json:
                    doc = {
                        "meta": {"api-version": "1.1"},
                        "name": name,
                        "files": [
                            {
                                "filename": f,
                                "url": f"/files/{f}",
                                "hashes": {"sha256": hashlib.sha256(index._files[f]).hexdigest()},
                            }
                            for f in files
                        ],
                        "versions": list(index.projects[name]),
                    }
                    self._send(200, json.dumps(doc).encode(), JSON_TYPE)
                else:
                    links = "".join(
                        f'<a href="/files/{f}#sha256='
                        f'{hashlib.sha256(index._files[f]).hexdigest()}">{html.escape(f)}</a>\n'
                        for f in files
                    )
                    self._send(
                        200,
                        f"<!DOCTYPE html><html><body>{links}</body></html>".encode(),
                        "text/html",
                    )

            def _send(
                self, code: int, body: bytes, ctype: str, headers: Mapping[str, str] | None = None
            ) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                if getattr(self, "_head", False):
                    return
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

        server = ThreadingHTTPServer((self.host, self.bind_port), Handler)
        server.daemon_threads = True
        if self.tls is not None:
            # The handshake happens in the handler thread, so a client that rejects the
            # certificate (or never speaks) cannot block the accept loop.
            server.socket = self.tls.wrap_socket(
                server.socket, server_side=True, do_handshake_on_connect=False
            )
        self._server = server
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
        self._watchdog = _watchdog(self.stop)
        return self

    def stop(self) -> None:
        server = self._server
        if server is not None and not self._stopped:
            self._stopped = True
            server.shutdown()
            server.server_close()

    def __enter__(self) -> SimpleIndex:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self._watchdog.cancel()
        self.stop()


class _SocketServer:
    """Base for the raw-socket servers: one bound socket, closed by ``stop``/watchdog."""

    def __init__(self, port: int = 0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((LOOPBACK, port))
        self.extra: list[socket.socket] = []
        self._watchdog = _watchdog(self.stop)

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def url(self, scheme: str = "http") -> str:
        return f"{scheme}://{LOOPBACK}:{self.port}/simple/"

    def stop(self) -> None:
        for s in [*self.extra, self.sock]:
            with contextlib.suppress(OSError):
                s.close()

    def __enter__(self) -> _SocketServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self._watchdog.cancel()
        self.stop()


class Refusing(_SocketServer):
    """Bound, never listening: every connect is refused (RST), with no race for the port."""


class Silent(_SocketServer):
    """Listening, never accepting: connects succeed, requests are never answered."""

    def __init__(self) -> None:
        super().__init__()
        self.sock.listen(64)


class Blackhole(_SocketServer):
    """A port whose connects time out: see the module docstring."""

    def __init__(self, *, fill: bool = True, port: int = 0) -> None:
        super().__init__(port)
        self.sock.listen(0)
        self.verified = self._fill() if fill else False

    def _fill(self) -> bool:
        # Bounded: the accept queue of a backlog-0 listener holds one connection on Linux;
        # a few more tries cover kernels that round the backlog up.
        for _ in range(8):
            client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            client.settimeout(0.3)
            self.extra.append(client)
            try:
                client.connect((LOOPBACK, self.port))
            except TimeoutError:
                return True  # SYN dropped: the queue is full; this client stays in SYN_SENT
            except OSError:
                return False  # refused: tcp_abort_on_overflow or similar
        return False


@contextlib.contextmanager
def blackholes(n: int) -> Iterator[list[Blackhole]]:
    holes = [Blackhole(fill=False) for _ in range(n)]

    def fill(hole: Blackhole) -> None:
        hole.verified = hole._fill()

    # Each fill waits for one connect to time out (0.3 s): all at once, not one by one.
    threads = [threading.Thread(target=fill, args=(h,), daemon=True) for h in holes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        if not all(h.verified for h in holes):
            pytest.skip(
                "this kernel does not drop SYNs to a full accept queue "
                "(tcp_abort_on_overflow=1?): cannot make a connect time out "
                "without root/iptables"
            )
        yield holes
    finally:
        for h in holes:
            h.__exit__()


# ------------------------------------------------------------------------- fixtures


@pytest.fixture
def simple_index() -> Iterator[SimpleIndex]:
    with SimpleIndex({"alpha": ("1.0", "1.1"), "beta-pkg": ("2.0",)}) as index:
        yield index


@pytest.fixture
def blackhole() -> Iterator[Blackhole]:
    with blackholes(1) as holes:
        yield holes[0]


@pytest.fixture
def refusing() -> Iterator[Refusing]:
    with Refusing() as server:
        yield server  # type: ignore[misc]


@pytest.fixture
def silent() -> Iterator[Silent]:
    with Silent() as server:
        yield server  # type: ignore[misc]


@dataclass
class TLSMaterial:
    """A trustme CA, a server context for 127.0.0.1, and the CA bundle as a file."""

    server_context: ssl.SSLContext
    ca_file: str


@pytest.fixture(scope="session")
def tls_material(tmp_path_factory: pytest.TempPathFactory) -> TLSMaterial:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert(LOOPBACK, "localhost")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    path = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return TLSMaterial(context, str(path))


# ------------------------------------------------------------------------- projects


def make_project(
    lines: list[str], *, path: str = "requirements.txt", env: Mapping[str, str] | None = None
) -> Any:
    """A :class:`~reqlint.project.Project` for a requirements file given as lines.

    Built directly from the model (``--index-url URL``, ``--extra-index-url URL``,
    ``--find-links URL`` and ``name[==version]`` lines), so the network tests do not depend
    on the parser.  ``env`` adds ``PIP_*``-style settings (key -> value) read as pip's
    environment, e.g. ``{"timeout": "1", "retries": "0"}``.
    """
    from reqlint.model import Location, ParsedSource, Requirement, Setting, SourceKind, Span
    from reqlint.project import Project

    settings: list[Setting] = []
    reqs: list[Requirement] = []
    offset = 0
    for number, line in enumerate(lines, 1):
        span = Span(offset, offset + len(line), number, 1, number, len(line) + 1)
        offset += len(line) + 1
        where = Location(path, span)
        if line.startswith("--"):
            key, _, value = line[2:].partition(" ")
            settings.append(Setting(key, value.strip(), line, SourceKind.REQUIREMENTS, where))
        elif line.strip():
            name, _, version = line.partition("==")
            reqs.append(
                Requirement(
                    line, where, name=name.strip(), specifier=f"=={version}" if version else ""
                )
            )
    sources = [ParsedSource(path, SourceKind.REQUIREMENTS, tuple(reqs), tuple(settings))]
    if env:
        env_settings = tuple(
            Setting(
                key,
                value,
                value,
                SourceKind.ENVIRON,
                Location(f"env:PIP_{key.upper().replace('-', '_')}"),
            )
            for key, value in env.items()
        )
        sources.append(ParsedSource("<environment>", SourceKind.ENVIRON, settings=env_settings))
    return Project(tuple(sources), environment_read=bool(env))
