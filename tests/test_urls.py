"""reqlint.urls: the one place for hosts, normal spellings, loopback and key sets."""

from __future__ import annotations

import pytest

from reqlint import urls


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://user:pw@Mirror.Example:8443/simple", "mirror.example"),
        ("http://[::1]:8080/simple", "::1"),
        ("mirror.example/simple", "mirror.example"),
        ("https://pypi.org/simple/", "pypi.org"),
        ("file:///srv/wheels", ""),  # no-op: no host
        ("", ""),
    ],
)
def test_host_of(url: str, host: str) -> None:
    assert urls.host_of(url) == host


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("dev.localhost", True),
        ("localhost.example", False),
        ("128.0.0.1", False),
        ("pypi.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert urls.is_loopback(host) is loopback


def test_normal_and_same_url() -> None:
    assert urls.normal("  https://i.example/simple//  ") == "https://i.example/simple"
    assert urls.same_url("https://I.example/simple/", "https://i.example/simple")
    assert not urls.same_url("https://i.example/simple", "https://i.example/other")
    assert urls.is_public_index("https://files.pythonhosted.org/x")
    assert not urls.is_public_index("https://pypi.org.evil.example/simple")


def test_key_sets() -> None:
    assert urls.URL_KEYS == urls.INDEX_KEYS | urls.FIND_LINKS_KEYS
    assert not urls.INDEX_KEYS & urls.FIND_LINKS_KEYS
    assert urls.PIP_LOCATION_KEYS <= urls.URL_KEYS
