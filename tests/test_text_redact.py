"""TextFile (bytes <-> text, offsets <-> lines) and credential redaction."""

from __future__ import annotations

import codecs

import pytest

from reqlint.redact import (
    redact_text,
    redact_url,
    secret_userinfo,
    token_path_segments,
    unclear_user,
)
from reqlint.text import DecodeError, TextFile, comment_out_lines

ROUND_TRIP = [
    pytest.param(b"a\nb\n", id="lf"),
    pytest.param(b"a\r\nb\r\n", id="crlf"),
    pytest.param(b"a\r\nb\nc\rd", id="mixed-no-final-newline"),
    pytest.param(codecs.BOM_UTF8 + b"caf\xc3\xa9\n", id="utf8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + "six\r\n".encode("utf-16-le"), id="utf16-le"),
    pytest.param(codecs.BOM_UTF16_BE + "six\n".encode("utf-16-be"), id="utf16-be"),
    pytest.param(codecs.BOM_UTF32_LE + "six\n".encode("utf-32-le"), id="utf32-le"),
    pytest.param(b"# -*- coding: latin-1 -*-\ncaf\xe9==1\n", id="pep263"),
    pytest.param(b"", id="empty"),
    pytest.param(b"\t x \t\n\n\n", id="whitespace"),
]


@pytest.mark.parametrize("data", ROUND_TRIP)
def test_decode_encode_round_trip(data: bytes) -> None:
    text = TextFile.decode("f", data)
    assert text.encode() == data
    assert text.encode(text.text) == data


def test_lines_and_positions() -> None:
    text = TextFile.decode("f", b"ab\r\ncd\ref\n\ng")
    assert [text.line_text(n) for n in range(1, text.line_count + 1)] == ["ab", "cd", "ef", "", "g"]
    assert text.position(0) == (1, 1)
    assert text.position(5) == (2, 2)
    span = text.lines_span(2, 3)
    assert text.text[span.start : span.end] == "cd\ref"


def test_comment_out_keeps_every_other_byte() -> None:
    text = TextFile.decode("f", b"a \\\r\n  b\nc")
    edits = comment_out_lines(text, 1, 2)
    out = text.text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[: edit.start] + edit.replacement + out[edit.end :]
    assert text.encode(out) == b"# a \\\r\n#   b\nc"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x00\x00abc", "binary"),
        (b"caf\xe9\n", "cannot decode"),
        (b"# coding: nonsense-enc\nx\n", "unknown encoding"),
    ],
)
def test_undecodable(data: bytes, needle: str) -> None:
    with pytest.raises(DecodeError, match=needle):
        TextFile.decode("f", data)


REDACT = [
    ("https://user:pw@host/simple", "https://****:****@host/simple", True),
    ("https://${USER}:${PASSWORD}@host/simple", "https://${USER}:${PASSWORD}@host/simple", False),
    ("https://${TOKEN}@host/simple", "https://${TOKEN}@host/simple", False),
    ("https://__token__:pypi-AgEIcHlwaS5vcmc@host/", "https://****:****@host/", True),
    ("https://git@github.com/acme/x", "https://git@github.com/acme/x", False),
    ("https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/x", "https://****@github.com/x", True),
    ("https://pypi.org/simple", "https://pypi.org/simple", False),
    # Gemfury's TOKEN: form; a plain name with an empty password is no secret
    ("https://Ab3dEf7hIj9kLmN0pQ:@pypi.fury.io/acme/", "https://****:@pypi.fury.io/acme/", True),
    ("https://deploy:@host/simple", "https://deploy:@host/simple", False),
    ("https://${TOKEN}:@host/simple", "https://${TOKEN}:@host/simple", False),
    # a user part alone that is no plain account name may be a token: never shown
    ("https://S3CRETfff@corp.example/simple", "https://****@corp.example/simple", False),
    ("https://qwertyuiopasdfghjklzxc@corp.example/", "https://****@corp.example/", False),
    ("https://ci-bot@corp.example/simple", "https://ci-bot@corp.example/simple", False),
    ("https://Deploy:${PASSWORD}@host/", "https://****:${PASSWORD}@host/", False),
]


@pytest.mark.parametrize(
    ("url", "unclear"),
    [
        ("https://S3CRETfff@corp.example/simple", True),
        ("https://qwertyuiopasdfghjklzxc@corp.example/", True),
        ("https://git@github.com/acme/x", False),
        ("https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/x", False),  # surely one
        ("https://${TOKEN}@host/simple", False),
        ("https://user:pw@host/simple", False),
        ("https://pypi.org/simple", False),
    ],
)
def test_unclear_user(url: str, unclear: bool) -> None:
    assert unclear_user(url) is unclear


@pytest.mark.parametrize(("url", "expected", "secret"), REDACT)
def test_redact_url(url: str, expected: str, secret: bool) -> None:
    assert redact_url(url) == expected
    assert secret_userinfo(url) is secret


def test_token_in_path_and_text() -> None:
    url = "https://pypi.fury.io/AbCdEf123456789012345xyz/acme/"
    assert token_path_segments(url) == ["AbCdEf123456789012345xyz"]
    assert redact_url(url) == "https://pypi.fury.io/****/acme/"
    assert token_path_segments("https://pypi.org/simple/django-rest-framework/") == []
    assert redact_text(f"see {url} and https://a:b@c/") == (
        "see https://pypi.fury.io/****/acme/ and https://****:****@c/"
    )


@pytest.mark.parametrize(
    "segment",
    [
        "pypi-internal",
        "pypi-remote",
        "pypi-proxy",
        "pypi-proxy-group",
        "custompy",
        "simple",
        "csm-python-modules",
        "dependabot-pip",
    ],
)
def test_repository_names_are_not_tokens(segment: str) -> None:
    assert token_path_segments(f"https://h.example/repository/{segment}/simple") == []
