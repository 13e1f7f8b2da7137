"""What a fetched page is: a simple index (PEP 503 HTML or PEP 691 JSON), a find-links
page, a login page, an HTTP error; and which files and versions it lists.

Pure: bytes and headers in, a classification out (no httpx, no sockets), so the rules'
view of a page can be tested without a server.  :mod:`reqlint.network.probe` fetches;
this module judges.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import InvalidVersion, Version

from reqlint._records import dataclass
from reqlint.network.results import ProbeStatus, ProjectProbe, UrlKind

__all__ = ["Fetch", "classify_page", "project_probe", "projects_from_find_links"]

_JSON_TYPES = ("application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.latest+json")
_HTML_TYPES = (
    "text/html",
    "application/vnd.pypi.simple.v1+html",
    "application/vnd.pypi.simple.latest+html",
)


@dataclass(slots=True)
class Fetch:
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


def classify_page(fetch: Fetch, kind: UrlKind) -> tuple[ProbeStatus, str]:
    """Is this response a simple index (or a find-links page)?"""
    code = fetch.http_status or 0
    if code >= 400:
        hint = {
            401: "credentials needed or wrong",
            403: "access denied",
            404: "no such page: wrong index path?",
            407: "proxy authentication needed",
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
            return (
                ProbeStatus.NOT_AN_INDEX,
                "an HTML page with a login form, not a simple index (the URL needs "
                "credentials or points at a web UI)",
            )
        if kind is UrlKind.INDEX and not page.links and fetch.body.strip() and not page.body:
            return ProbeStatus.NOT_AN_INDEX, "an HTML page that is not a simple index"
        return ProbeStatus.OK, ""
    return (ProbeStatus.NOT_AN_INDEX, f"served {ctype or 'no content type'}, not a simple index")


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


def _files(fetch: Fetch) -> list[tuple[str, bool]]:
    """(file name, yanked) for every file a simple page lists."""
    ctype = fetch.content_type.split(";")[0].strip().lower()
    if ctype in _JSON_TYPES:
        try:
            doc = json.loads(fetch.body)
        except ValueError:
            return []
        files = doc.get("files", []) if isinstance(doc, dict) else []
        return [
            (str(f.get("filename", "")), bool(f.get("yanked")))
            for f in files
            if isinstance(f, dict)
        ]
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


def project_probe(name: str, fetch: Fetch) -> ProjectProbe:
    if fetch.status is not None:
        return ProjectProbe(name, None, detail=fetch.detail)
    if fetch.http_status in (404, 410):
        return ProjectProbe(name, False, http_status=fetch.http_status)
    status, detail = classify_page(fetch, UrlKind.INDEX)
    if status is not ProbeStatus.OK:
        return ProjectProbe(name, None, http_status=fetch.http_status, detail=detail)
    return ProjectProbe(name, True, _versions(_files(fetch), name), fetch.http_status)


def projects_from_find_links(fetch: Fetch, names: Iterable[str]) -> dict[str, ProjectProbe]:
    files = _files(fetch)
    out: dict[str, ProjectProbe] = {}
    for name in names:
        versions = _versions(files, name)
        out[name] = ProjectProbe(name, bool(versions), versions, fetch.http_status)
    return out
