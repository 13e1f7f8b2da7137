"""Probes against real servers on 127.0.0.1: one per failure the diagnosis tells apart."""

from __future__ import annotations

import base64
import io
import socket
import sys
import time
from pathlib import Path

import pytest
from netservers import (
    LOOPBACK,
    Blackhole,
    Refusing,
    Silent,
    SimpleIndex,
    TLSMaterial,
    blackhole,
    blackholes,
    clean_network_env,
    loopback_only,
    make_project,
    make_wheel,
    refusing,
    silent,
    simple_index,
    tls_material,
)

from reqlint.network.probe import ACCEPT, collect_targets, run_probes
from reqlint.network.results import ProbeResult, ProbeStatus, UrlKind

__all__ = [
    "blackhole",
    "clean_network_env",
    "loopback_only",
    "refusing",
    "silent",
    "simple_index",
    "tls_material",
]  # fixtures, used by name

pytestmark = [pytest.mark.network, pytest.mark.usefixtures("loopback_only", "clean_network_env")]

REQS = ["alpha==1.0", "Beta_Pkg", "gamma"]


def probe_one(
    url: str,
    *,
    timeout: float = 2.0,
    reqs: list[str] | None = None,
    key: str = "index-url",
    **kwargs: object,
) -> ProbeResult:
    project = make_project([f"--{key} {url}", *(REQS if reqs is None else reqs)])
    results = run_probes(project, timeout=timeout, **kwargs)  # type: ignore[arg-type]
    assert set(results) == {url}
    return results[url]


# ------------------------------------------------------------------ working indexes


@pytest.mark.parametrize("json_api", [True, False], ids=["pep691-json", "pep503-html"])
def test_working_index(json_api: bool) -> None:
    with SimpleIndex({"alpha": ("1.0", "1.1"), "beta-pkg": ("2.0",)}, json_api=json_api) as index:
        result = probe_one(index.url)
    assert result.status is ProbeStatus.OK, result.detail
    assert result.http_status == 200
    assert result.latency_s is not None
    assert result.latency_s < 2.0
    assert result.projects["alpha"].found is True
    assert result.projects["alpha"].versions == ("1.0", "1.1")
    # Names are asked for in PEP 503 normal form.
    assert result.projects["beta-pkg"].versions == ("2.0",)
    assert result.projects["gamma"].found is False
    assert result.projects["gamma"].http_status == 404
    paths = sorted(p for p, _ in index.requests)
    assert paths == ["/simple/", "/simple/alpha/", "/simple/beta-pkg/", "/simple/gamma/"]
    assert all(h.get("Accept") == ACCEPT for _, h in index.requests)


def test_each_url_is_probed_once(simple_index: SimpleIndex) -> None:
    url = simple_index.url
    project = make_project([f"--index-url {url}", f"--extra-index-url {url.rstrip('/')}", "alpha"])
    results = run_probes(project, timeout=2)
    # Both spellings get the one result; the server saw each path once.
    assert results[url] is results[url.rstrip("/")]
    assert sorted(p for p, _ in simple_index.requests) == ["/simple/", "/simple/alpha/"]


def test_find_links_page(simple_index: SimpleIndex) -> None:
    page = f"http://{LOOPBACK}:{simple_index.port}/simple/alpha/"
    result = probe_one(page, key="find-links", reqs=["--no-index", "alpha", "zeta"])
    assert result.kind is UrlKind.FIND_LINKS
    assert result.status is ProbeStatus.OK
    assert result.projects["alpha"].versions == ("1.0", "1.1")
    assert result.projects["zeta"].found is False


def test_local_locations_are_read_from_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No socket for a path or a file: URL (a guard, not a mock); ftp: is not pip's."""

    def no_socket(*args: object, **kwargs: object) -> None:
        raise AssertionError("a socket was opened for a local location")

    monkeypatch.setattr(socket, "getaddrinfo", no_socket)
    monkeypatch.setattr(socket.socket, "connect", no_socket)
    name, data = make_wheel("alpha", "1.0")
    (tmp_path / name).write_bytes(data)
    project = make_project(
        [
            f"--find-links {tmp_path}",
            f"--find-links file://{tmp_path}",
            "--index-url ftp://example.invalid/simple",
            "alpha",
            "zeta",
        ]
    )
    assert [t.url for t in collect_targets(project)] == [str(tmp_path), f"file://{tmp_path}"]
    results = run_probes(project, timeout=1)
    assert set(results) == {str(tmp_path), f"file://{tmp_path}"}
    for result in results.values():
        assert result.local
        assert result.status is ProbeStatus.OK
        assert result.projects["alpha"].versions == ("1.0",)
        assert result.projects["zeta"].found is False


# ------------------------------------------------------------------ failures


def test_refused(refusing: Refusing) -> None:
    result = probe_one(refusing.url())
    assert result.status is ProbeStatus.REFUSED
    assert "refused" in result.detail
    assert result.projects == {}


def test_dns() -> None:
    result = probe_one("https://no-such-index.invalid/simple/")
    assert result.status is ProbeStatus.DNS
    assert "DNS" in result.detail


@pytest.mark.slow
def test_connect_timeout_is_a_real_syn_sent(blackhole: Blackhole) -> None:
    started = time.monotonic()
    result = probe_one(blackhole.url(), timeout=1.0)
    elapsed = time.monotonic() - started
    assert result.status is ProbeStatus.CONNECT_TIMEOUT
    assert "packets dropped" in result.detail
    # It waited out the connect timeout, and only once: no project pages were asked.
    assert 0.9 <= elapsed < 2.5
    assert result.projects == {}


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_accepts_but_never_answers(silent: Silent, scheme: str) -> None:
    result = probe_one(silent.url(scheme), timeout=1.0)
    assert result.status is ProbeStatus.READ_TIMEOUT, result.detail
    assert "accepted the connection" in result.detail


def test_http_500() -> None:
    with SimpleIndex({"alpha": ("1.0",)}, status=500) as index:
        result = probe_one(index.url)
    assert result.status is ProbeStatus.HTTP_ERROR
    assert result.http_status == 500
    assert "HTTP 500" in result.detail


def test_wrong_path_is_http_404(simple_index: SimpleIndex) -> None:
    url = f"http://{LOOPBACK}:{simple_index.port}/pypi/"
    result = probe_one(url)
    assert result.status is ProbeStatus.HTTP_ERROR
    assert result.http_status == 404
    assert "wrong index path" in result.detail


def test_login_page_is_not_an_index() -> None:
    with SimpleIndex(login=True) as index:
        result = probe_one(index.url)
    assert result.status is ProbeStatus.NOT_AN_INDEX
    assert "login form" in result.detail
    # A login page says nothing about projects: never "unclaimed".
    assert all(p.found is None for p in result.projects.values())


def test_slow_index() -> None:
    with SimpleIndex({"alpha": ("1.0",)}, delay=0.4) as index:
        result = probe_one(index.url, reqs=["alpha"], slow_threshold=0.2)
    assert result.status is ProbeStatus.SLOW
    assert result.latency_s is not None
    assert result.latency_s >= 0.4
    assert result.projects["alpha"].found is True


# ------------------------------------------------------------------ TLS


def test_self_signed_without_the_ca(tls_material: TLSMaterial) -> None:
    with SimpleIndex({"alpha": ("1.0",)}, tls=tls_material.server_context) as index:
        result = probe_one(index.url)
    assert result.status is ProbeStatus.TLS
    assert "certificate verify" in result.detail or "verification failed" in result.detail


def test_self_signed_with_the_ca_bundle(tls_material: TLSMaterial) -> None:
    with SimpleIndex({"alpha": ("1.0",)}, tls=tls_material.server_context) as index:
        result = probe_one(index.url, cert=tls_material.ca_file)
    assert result.status is ProbeStatus.OK, result.detail
    assert result.projects["alpha"].found is True


def test_ca_bundle_from_pip_cert(tls_material: TLSMaterial) -> None:
    """``PIP_CERT`` (read as pip's environment) is the bundle the probe trusts."""
    with SimpleIndex({"alpha": ("1.0",)}, tls=tls_material.server_context) as index:
        project = make_project(
            [f"--index-url {index.url}", "alpha"], env={"cert": tls_material.ca_file}
        )
        result = run_probes(project, timeout=2)[index.url]
    assert result.status is ProbeStatus.OK, result.detail


def test_unreadable_ca_bundle(tmp_path: Path) -> None:
    result = probe_one("https://127.0.0.1:9/simple/", cert=str(tmp_path / "missing.pem"))
    assert result.status is ProbeStatus.TLS
    assert "cannot load the TLS certificate file" in result.detail


def test_trusted_host_skips_verification(tls_material: TLSMaterial) -> None:
    with SimpleIndex({"alpha": ("1.0",)}, tls=tls_material.server_context) as index:
        project = make_project(
            [f"--index-url {index.url}", f"--trusted-host {LOOPBACK}:{index.port}", "alpha"]
        )
        result = run_probes(project, timeout=2)[index.url]
    assert result.status is ProbeStatus.OK, result.detail


# ------------------------------------------------------------------ credentials, proxies


def test_credentials_go_to_their_host_only_and_are_never_shown() -> None:
    other = SimpleIndex({"alpha": ("1.0",)}, host="127.0.0.2").start()
    with other, SimpleIndex(redirect_to=other.url) as first:
        url = f"http://deploy:s3cret-token@{LOOPBACK}:{first.port}/simple/"
        result = probe_one(url, reqs=[])
    expected = "Basic " + base64.b64encode(b"deploy:s3cret-token").decode()
    assert [h.get("Authorization") for _, h in first.requests] == [expected]
    assert other.requests
    assert all("Authorization" not in h for _, h in other.requests)
    assert result.status is ProbeStatus.OK
    assert "s3cret" not in repr(result).replace(url, "")
    assert result.final_url == other.url


def test_netrc_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, simple_index: SimpleIndex
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine {LOOPBACK} login ci password from-netrc\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    probe_one(simple_index.url, reqs=[])
    expected = "Basic " + base64.b64encode(b"ci:from-netrc").decode()
    assert simple_index.requests[0][1].get("Authorization") == expected


def test_proxy_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, simple_index: SimpleIndex
) -> None:
    # The index's host name does not resolve: only the proxy can answer for it.
    monkeypatch.setenv("HTTP_PROXY", f"http://{LOOPBACK}:{simple_index.port}")
    result = probe_one("http://pkgs.proxied.invalid/simple/", reqs=["alpha"])
    assert result.status is ProbeStatus.OK, result.detail
    assert simple_index.requests[0][0] == "http://pkgs.proxied.invalid/simple/"


def test_no_proxy_is_honoured(monkeypatch: pytest.MonkeyPatch, simple_index: SimpleIndex) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://{LOOPBACK}:{simple_index.port}")
    monkeypatch.setenv("NO_PROXY", "pkgs.proxied.invalid")
    result = probe_one("http://pkgs.proxied.invalid/simple/", reqs=[])
    assert result.status is ProbeStatus.DNS
    assert simple_index.requests == []


# ------------------------------------------------------------------ concurrency


@pytest.mark.slow
def test_ten_indexes_five_blackholed_take_about_one_timeout() -> None:
    timeout = 2.0
    projects = {"alpha": ("1.0",), "beta": ("1.0",), "gamma": ("1.0",)}
    with blackholes(5) as holes:
        indexes = [SimpleIndex(projects).start() for _ in range(5)]
        try:
            urls = [i.url for i in indexes] + [h.url() for h in holes]
            lines = [f"--index-url {urls[0]}"] + [f"--extra-index-url {u}" for u in urls[1:]]
            project = make_project([*lines, "alpha", "beta", "gamma"])
            started = time.monotonic()
            # How fast the live indexes answer is not measured here (see the slow tests).
            results = run_probes(project, timeout=timeout, slow_threshold=timeout)
            elapsed = time.monotonic() - started
        finally:
            for index in indexes:
                index.__exit__()
    assert [results[u].status for u in urls] == (
        [ProbeStatus.OK] * 5 + [ProbeStatus.CONNECT_TIMEOUT] * 5
    )
    assert elapsed < 3 * timeout, f"{elapsed:.2f} s for 10 indexes"
    print(f"probed 10 indexes (5 blackholed) in {elapsed:.2f} s with timeout {timeout:g} s")


# ------------------------------------------------------------------ progress


class _FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_tty(
    monkeypatch: pytest.MonkeyPatch, simple_index: SimpleIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    probe_one(simple_index.url, reqs=[], progress=True)
    assert capsys.readouterr().err == ""  # stderr is not a terminal here
    tty = _FakeTTY()
    monkeypatch.setattr(sys, "stderr", tty)
    probe_one(simple_index.url, reqs=[], progress=True)
    assert "probing indexes: 1/1" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[K")
    probe_one(simple_index.url, reqs=[], progress=False)
    assert tty.getvalue().count("probing") == 1
