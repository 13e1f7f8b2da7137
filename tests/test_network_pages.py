"""What a probe makes of the page an index serves: one canned answer per verdict.

A real HTTP server on 127.0.0.1 serves exactly the bytes, status and content type of each
row; the probe must classify the root page (an index? an error? something else?) and read
the versions off a project page the way pip would (yanked files and names that are not
this project's are not versions of it).
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from netservers import LOOPBACK, clean_network_env, loopback_only, make_project

from reqlint.network.probe import run_probes
from reqlint.network.results import ProbeResult, ProbeStatus

__all__ = ["clean_network_env", "loopback_only"]  # fixtures, used by name
pytestmark = [pytest.mark.network, pytest.mark.usefixtures("loopback_only", "clean_network_env")]

JSON = "application/vnd.pypi.simple.v1+json"
# path -> (HTTP status, content type or None for no header, body)
Pages = Mapping[str, tuple[int, "str | None", bytes]]


@contextlib.contextmanager
def serving(pages: Pages) -> Iterator[str]:
    """A server on 127.0.0.1 answering each path with its canned page (404 otherwise);
    yields the index URL (``/simple/``)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            code, ctype, body = pages.get(
                self.path.split("?", 1)[0], (404, "text/html", b"<html>Not Found</html>")
            )
            self.send_response(code)
            if ctype is not None:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

    server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/simple/"
    finally:
        server.shutdown()
        server.server_close()


def probe(pages: Pages, reqs: list[str], key: str = "index-url") -> ProbeResult:
    with serving(pages) as url:
        results = run_probes(make_project([f"--{key} {url}", *reqs]), timeout=2.0)
    assert set(results) == {url}
    return results[url]


HTML_INDEX = b'<!DOCTYPE html><html><body><a href="/simple/alpha/">alpha</a></body></html>'

# (id, root page, status, words the detail must contain)
ROOTS: list[tuple[str, tuple[int, str | None, bytes], ProbeStatus, str]] = [
    (
        "pep691-json",
        (200, JSON, json.dumps({"meta": {"api-version": "1.1"}, "projects": []}).encode()),
        ProbeStatus.OK,
        "",
    ),
    (
        "json-that-is-not-json",
        (200, JSON, b"{not json"),
        ProbeStatus.NOT_AN_INDEX,
        "invalid PEP 691 JSON",
    ),
    (
        "json-without-meta",
        (200, JSON, b'{"projects": []}'),
        ProbeStatus.NOT_AN_INDEX,
        "JSON without PEP 691 'meta'",
    ),
    ("json-a-list", (200, JSON, b"[]"), ProbeStatus.NOT_AN_INDEX, "JSON without PEP 691 'meta'"),
    ("html", (200, "text/html; charset=utf-8", HTML_INDEX), ProbeStatus.OK, ""),
    ("html-without-a-content-type", (200, None, HTML_INDEX), ProbeStatus.OK, ""),
    (
        "plain-text",
        (200, "text/plain", b"hello"),
        ProbeStatus.NOT_AN_INDEX,
        "served text/plain, not a simple index",
    ),
    (
        "no-content-type-not-html",
        (200, None, b"hello"),
        ProbeStatus.NOT_AN_INDEX,
        "served no content type, not a simple index",
    ),
    # An empty index is a body without links; a page without links or body is not one.
    ("html-empty-index", (200, "text/html", b"<html><body></body></html>"), ProbeStatus.OK, ""),
    (
        "html-neither-links-nor-body",
        (200, "text/html", b"<html><head><title>Artifact server</title></head></html>"),
        ProbeStatus.NOT_AN_INDEX,
        "an HTML page that is not a simple index",
    ),
    (
        "server-error",
        (500, "text/html", b"<html>oops</html>"),
        ProbeStatus.HTTP_ERROR,
        "HTTP 500 (server error)",
    ),
    (
        "client-error",
        (418, "text/plain", b"teapot"),
        ProbeStatus.HTTP_ERROR,
        "HTTP 418 (client error)",
    ),
    (
        "proxy-auth",
        (407, "text/plain", b""),
        ProbeStatus.HTTP_ERROR,
        "HTTP 407 (proxy authentication needed)",
    ),
    ("access-denied", (403, "text/plain", b""), ProbeStatus.HTTP_ERROR, "HTTP 403 (access denied)"),
]


def test_the_root_page_is_classified() -> None:
    """Every row probed in one run (one server, one index URL per row): the table costs
    one probe's start-up, not one per row."""
    pages = {f"/{i}/simple/": root for i, root, _, _ in ROOTS}
    with serving(pages) as url:
        base = url.removesuffix("simple/")
        urls = {i: f"{base}{i}/simple/" for i, _, _, _ in ROOTS}
        lines = [
            f"--{'index-url' if n == 0 else 'extra-index-url'} {u}"
            for n, u in enumerate(urls.values())
        ]
        results = run_probes(make_project(lines), timeout=2.0, environ={})
    assert set(results) == set(urls.values())
    wrong = [
        (i, results[urls[i]].status, results[urls[i]].detail)
        for i, _, status, words in ROOTS
        if results[urls[i]].status is not status or words not in results[urls[i]].detail
    ]
    assert not wrong


def _wheel(name: str, version: str) -> str:
    return f"{name}-{version}-py3-none-any.whl"


@pytest.mark.parametrize("json_api", [True, False], ids=["pep691-json", "pep503-html"])
def test_versions_are_read_off_the_project_page_as_pip_would(json_api: bool) -> None:
    files = [
        (_wheel("alpha", "1.0"), False),
        (_wheel("alpha", "1.1"), False),
        (_wheel("alpha", "2.0"), True),  # yanked: not a candidate
        ("alpha-1.2.tar.gz", False),
        ("alpha-1.3.zip", False),
        (_wheel("alpha_extras", "9.0"), False),  # another project's file
        ("alpha-notaversion-py3-none-any.whl", False),  # not a wheel name pip reads
        ("alpha-1.4.egg", False),
        ("README.txt", False),
    ]
    if json_api:
        page = (
            200,
            JSON,
            json.dumps(
                {
                    "meta": {"api-version": "1.1"},
                    "name": "alpha",
                    "files": [
                        {
                            "filename": f,
                            "url": f"/files/{f}",
                            "hashes": {},
                            **({"yanked": True} if y else {}),
                        }
                        for f, y in files
                    ]
                    + ["not a file entry"],
                }
            ).encode(),
        )
    else:
        links = "".join(
            f'<a href="/files/{f}"{" data-yanked" if y else ""}>{f}</a>\n' for f, y in files
        )
        page = (200, "text/html", f"<html><body>{links}</body></html>".encode())
    root = (200, "text/html", HTML_INDEX)
    result = probe({"/simple/": root, "/simple/alpha/": page}, ["alpha"])
    assert result.status is ProbeStatus.OK, result.detail
    assert result.projects["alpha"].found is True
    assert result.projects["alpha"].versions == ("1.0", "1.1", "1.2", "1.3")


def test_a_project_page_that_is_not_json_has_no_versions() -> None:
    result = probe(
        {"/simple/": (200, "text/html", HTML_INDEX), "/simple/alpha/": (200, JSON, b"{broken")},
        ["alpha"],
    )
    assert result.projects["alpha"].versions == ()


def test_a_root_that_works_with_project_pages_that_all_fail_is_judged_by_them() -> None:
    """pip reads project pages, never the root: a good root with failing project pages is
    what pip sees failing."""
    result = probe(
        {
            "/simple/": (200, "text/html", HTML_INDEX),
            "/simple/alpha/": (500, "text/plain", b"down"),
            "/simple/beta/": (500, "text/plain", b"down"),
        },
        ["alpha", "beta"],
    )
    assert result.status is ProbeStatus.HTTP_ERROR, result.detail
    assert "HTTP 500" in result.detail
