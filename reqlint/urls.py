"""URL helpers, one of each: hosts, normal spellings, loopback, and the key sets that name
an index or a find-links location.  Pure string functions (no I/O, no httpx), shared by
the project model, the rules and ``reqlint.network``.
"""

from __future__ import annotations

__all__ = [
    "FIND_LINKS_KEYS",
    "INDEX_KEYS",
    "LOOPBACK_HOSTS",
    "PIP_LOCATION_KEYS",
    "PUBLIC_INDEX_HOSTS",
    "URL_KEYS",
    "host_of",
    "is_loopback",
    "is_public_index",
    "normal",
    "same_url",
]

# Settings whose value is an index (pip's and uv's index options, poetry/pdm sources).
INDEX_KEYS = frozenset({"index-url", "extra-index-url", "index", "source"})
# Settings whose value is a find-links page or folder.
FIND_LINKS_KEYS = frozenset({"find-links"})
# Settings whose value is a URL (or path) pip, uv, poetry or pdm fetch packages from.
URL_KEYS = INDEX_KEYS | FIND_LINKS_KEYS
# pip's own options that name a location (the local ones are checked on the disk).
PIP_LOCATION_KEYS = frozenset({"index-url", "extra-index-url", "find-links"})

PUBLIC_INDEX_HOSTS = frozenset(
    {"pypi.org", "pypi.python.org", "files.pythonhosted.org", "test.pypi.org"}
)
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def host_of(url: str) -> str:
    """Lower-case host of ``url`` (no userinfo, no port); '' when there is none."""
    rest = url.split("://", 1)[1] if "://" in url else url
    hostport = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    if hostport.startswith("["):
        return hostport[1:].split("]", 1)[0].lower()
    return hostport.split(":", 1)[0].lower()


def is_public_index(url: str) -> bool:
    return host_of(url) in PUBLIC_INDEX_HOSTS


def is_loopback(host: str) -> bool:
    """``localhost``, ``127.*``, ``::1`` and ``*.localhost``: this machine."""
    return host in LOOPBACK_HOSTS or host.startswith("127.") or host.endswith(".localhost")


def normal(url: str) -> str:
    """The spelling probes are keyed by: blanks and trailing slashes off."""
    return url.strip().rstrip("/")


def same_url(a: str, b: str) -> bool:
    """Two spellings of one index (case and a trailing slash aside)."""
    return normal(a).lower() == normal(b).lower()
