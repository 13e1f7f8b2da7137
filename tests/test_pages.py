"""reqlint.network.pages: page classification is pure (bytes and headers in, no server)."""

from __future__ import annotations

import pytest

from reqlint.network.pages import Fetch, classify_page, project_probe, projects_from_find_links
from reqlint.network.results import ProbeStatus, UrlKind

JSON = "application/vnd.pypi.simple.v1+json"
LINKS = (
    b'<html><body><a href="../f/flask-3.0.0-py3-none-any.whl">x</a>'
    b'<a href="flask-2.0.tar.gz" data-yanked="">y</a></body></html>'
)


def _fetch(body: bytes, ctype: str = "text/html", status: int = 200) -> Fetch:
    return Fetch(
        "https://i.example/simple/", 0.01, http_status=status, content_type=ctype, body=body
    )


@pytest.mark.parametrize(
    ("fetch", "kind", "status", "detail"),
    [
        (
            _fetch(b'{"meta": {"api-version": "1.0"}, "projects": []}', JSON),
            UrlKind.INDEX,
            ProbeStatus.OK,
            "",
        ),
        (_fetch(LINKS), UrlKind.INDEX, ProbeStatus.OK, ""),
        (_fetch(b"<html><body></body></html>"), UrlKind.INDEX, ProbeStatus.OK, ""),  # empty index
        (
            _fetch(b"{not json", JSON),
            UrlKind.INDEX,
            ProbeStatus.NOT_AN_INDEX,
            "invalid PEP 691 JSON",
        ),
        (
            _fetch(b'{"projects": []}', JSON),
            UrlKind.INDEX,
            ProbeStatus.NOT_AN_INDEX,
            "JSON without PEP 691 'meta'",
        ),
        (
            _fetch(b'<form><input type="password"></form>'),
            UrlKind.INDEX,
            ProbeStatus.NOT_AN_INDEX,
            "an HTML page with a login form, not a simple index (the "
            "URL needs credentials or points at a web UI)",
        ),
        (
            _fetch(b"", status=401),
            UrlKind.INDEX,
            ProbeStatus.HTTP_ERROR,
            "HTTP 401 (credentials needed or wrong)",
        ),
        (
            _fetch(b"", status=503),
            UrlKind.FIND_LINKS,
            ProbeStatus.HTTP_ERROR,
            "HTTP 503 (server error)",
        ),
        (
            _fetch(b"hello", "text/plain"),
            UrlKind.FIND_LINKS,
            ProbeStatus.NOT_AN_INDEX,
            "served text/plain, not a simple index",
        ),
    ],
)
def test_classify_page(fetch: Fetch, kind: UrlKind, status: ProbeStatus, detail: str) -> None:
    assert classify_page(fetch, kind) == (status, detail)


def test_versions_from_a_project_page_and_find_links() -> None:
    probe = project_probe("flask", _fetch(LINKS))
    assert (probe.found, probe.versions) == (True, ("3.0.0",))  # the yanked one left out
    assert project_probe("flask", _fetch(b"", status=404)).found is False
    found = projects_from_find_links(_fetch(LINKS), ["flask", "six"])
    assert (found["flask"].found, found["six"].found) == (True, False)
