"""PIP_* and UV_* variables: tables, and pip 26.3's own reading of the same environment.

Every environment here is built explicitly; this machine's own PIP_* variables never take
part (tests/conftest.py also removes them from os.environ).
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from reqlint.model import SourceKind
from reqlint.sources.environ import parse_environ

Row = tuple[str, str, dict[str, str]]  # (key, value, attrs beyond tool/variable)

PIP_CASES: list[tuple[str, dict[str, str], list[tuple[str, str, str]]]] = [
    (
        "index url",
        {"PIP_INDEX_URL": "https://m/simple"},
        [("PIP_INDEX_URL", "index-url", "https://m/simple")],
    ),
    (
        "extra index urls split on whitespace",
        {"PIP_EXTRA_INDEX_URL": " https://a\thttps://b\nhttps://c  "},
        [
            ("PIP_EXTRA_INDEX_URL", "extra-index-url", "https://a"),
            ("PIP_EXTRA_INDEX_URL", "extra-index-url", "https://b"),
            ("PIP_EXTRA_INDEX_URL", "extra-index-url", "https://c"),
        ],
    ),
    (
        "trusted hosts and find links",
        {"PIP_TRUSTED_HOST": "a b", "PIP_FIND_LINKS": "/w"},
        [
            ("PIP_FIND_LINKS", "find-links", "/w"),
            ("PIP_TRUSTED_HOST", "trusted-host", "a"),
            ("PIP_TRUSTED_HOST", "trusted-host", "b"),
        ],
    ),
    (
        "aliases",
        {"PIP_PYPI_URL": "https://p", "PIP_DEFAULT_TIMEOUT": "60"},
        [("PIP_DEFAULT_TIMEOUT", "timeout", "60"), ("PIP_PYPI_URL", "index-url", "https://p")],
    ),
    (
        "flags and numbers",
        {
            "PIP_NO_INDEX": "1",
            "PIP_RETRIES": "0",
            "PIP_CERT": "/ca.pem",
            "PIP_NO_CACHE_DIR": "false",
        },
        [
            ("PIP_CERT", "cert", "/ca.pem"),
            ("PIP_NO_CACHE_DIR", "no-cache-dir", "false"),
            ("PIP_NO_INDEX", "no-index", "1"),
            ("PIP_RETRIES", "retries", "0"),
        ],
    ),
    (
        "scalar keeps inner whitespace",
        {"PIP_INDEX_URL": " https://m # x "},
        [("PIP_INDEX_URL", "index-url", " https://m # x ")],
    ),
    (
        "unknown names kept, normalised",
        {"PIP_EXTRA_INDEX_URLS": "https://a"},
        [("PIP_EXTRA_INDEX_URLS", "extra-index-urls", "https://a")],
    ),
    (
        "mixed-case suffix",
        {"PIP_Index_Url": "https://m"},
        [("PIP_Index_Url", "index-url", "https://m")],
    ),
    (
        "config file is a locator",
        {"PIP_CONFIG_FILE": "/etc/other.conf"},
        [("PIP_CONFIG_FILE", "config-file", "/etc/other.conf")],
    ),
    ("empty values ignored", {"PIP_INDEX_URL": "", "PIP_EXTRA_INDEX_URL": ""}, []),
    ("whitespace-only list has no items", {"PIP_EXTRA_INDEX_URL": "  "}, []),
    ("version and help ignored", {"PIP_VERSION": "1", "PIP_HELP": "1", "PIP_Version": "1"}, []),
    (
        "not pip's",
        {"PIPX_HOME": "/x", "pip_index_url": "https://m", "XPIP_INDEX_URL": "x", "PIP": "x"},
        [],
    ),
]


@pytest.mark.parametrize(
    ("environ", "expected"), [c[1:] for c in PIP_CASES], ids=[c[0] for c in PIP_CASES]
)
def test_pip_variables(environ: dict[str, str], expected: list[tuple[str, str, str]]) -> None:
    source = parse_environ(environ)
    assert source.path == "<environment>"
    assert source.kind is SourceKind.ENVIRON
    assert [(s.attrs["variable"], s.key, s.value) for s in source.settings] == expected
    for s in source.settings:
        name = s.attrs["variable"]
        assert s.kind is SourceKind.ENVIRON
        assert s.tool.value == "pip"
        assert s.location.path == f"env:{name}"
        assert s.location.span is None
        assert s.location.route == f"env → {s.key}"
        assert s.location.display() == f"env:{name}"
        assert s.remedy == f"unset {name}"
        assert s.removal == ()
        assert s.section == ""


UV_CASES: list[tuple[str, dict[str, str], list[tuple[str, str, str, dict[str, str]]]]] = [
    (
        "index url",
        {"UV_INDEX_URL": "https://m/simple"},
        [("UV_INDEX_URL", "index-url", "https://m/simple", {})],
    ),
    (
        "default index",
        {"UV_DEFAULT_INDEX": "https://m/simple"},
        [("UV_DEFAULT_INDEX", "index-url", "https://m/simple", {"default": "true"})],
    ),
    (
        "named default index",
        {"UV_DEFAULT_INDEX": "corp=https://m/simple"},
        [
            (
                "UV_DEFAULT_INDEX",
                "index-url",
                "https://m/simple",
                {"default": "true", "name": "corp"},
            )
        ],
    ),
    (
        "extra index urls, space separated",
        {"UV_EXTRA_INDEX_URL": "https://a https://b"},
        [
            ("UV_EXTRA_INDEX_URL", "extra-index-url", "https://a", {}),
            ("UV_EXTRA_INDEX_URL", "extra-index-url", "https://b", {}),
        ],
    ),
    (
        "indexes, named and not",
        {"UV_INDEX": "internal=https://i/simple https://x/simple?a=b"},
        [
            ("UV_INDEX", "extra-index-url", "https://i/simple", {"name": "internal"}),
            ("UV_INDEX", "extra-index-url", "https://x/simple?a=b", {}),
        ],
    ),
    (
        "index strategy",
        {"UV_INDEX_STRATEGY": "unsafe-best-match"},
        [("UV_INDEX_STRATEGY", "index-strategy", "unsafe-best-match", {})],
    ),
    (
        "insecure hosts",
        {"UV_INSECURE_HOST": "a.example b.example:8080"},
        [
            ("UV_INSECURE_HOST", "trusted-host", "a.example", {}),
            ("UV_INSECURE_HOST", "trusted-host", "b.example:8080", {}),
        ],
    ),
    (
        "find links are comma separated",
        {"UV_FIND_LINKS": "/w1,https://f/links, /w 2"},
        [
            ("UV_FIND_LINKS", "find-links", "/w1", {}),
            ("UV_FIND_LINKS", "find-links", "https://f/links", {}),
            ("UV_FIND_LINKS", "find-links", "/w 2", {}),
        ],
    ),
    ("empty ignored", {"UV_INDEX_URL": "", "UV_INDEX": ""}, []),
    ("other uv variables are not index settings", {"UV_CACHE_DIR": "/c", "UV_NO_CACHE": "1"}, []),
]


@pytest.mark.parametrize(
    ("environ", "expected"), [c[1:] for c in UV_CASES], ids=[c[0] for c in UV_CASES]
)
def test_uv_variables(
    environ: dict[str, str], expected: list[tuple[str, str, str, dict[str, str]]]
) -> None:
    settings = parse_environ(environ).settings
    got = [
        (
            s.attrs["variable"],
            s.key,
            s.value,
            {k: v for k, v in s.attrs.items() if k not in ("tool", "variable")},
        )
        for s in settings
    ]
    assert got == expected
    for s in settings:
        assert s.tool.value == "uv"
        assert s.location.path == f"env:{s.attrs['variable']}"
        assert s.remedy == f"unset {s.attrs['variable']}"


def test_named_index_raw_is_the_item_as_written() -> None:
    (setting,) = parse_environ({"UV_INDEX": "corp=https://i/simple"}).settings
    assert setting.raw == "corp=https://i/simple"
    assert setting.value == "https://i/simple"


def test_config_file_is_marked_as_a_locator() -> None:
    (setting,) = parse_environ({"PIP_CONFIG_FILE": "/x.conf"}).settings
    assert {"tool": setting.tool.value, **setting.attrs} == {
        "tool": "pip",
        "variable": "PIP_CONFIG_FILE",
        "locator": "true",
    }


def test_pip_and_uv_together_sorted_by_variable() -> None:
    source = parse_environ(
        {"UV_INDEX_URL": "https://u", "PIP_INDEX_URL": "https://p", "HOME": "/home/x"}
    )
    assert [(s.attrs["variable"], s.tool.value) for s in source.settings] == [
        ("PIP_INDEX_URL", "pip"),
        ("UV_INDEX_URL", "uv"),
    ]


def test_nothing_to_read() -> None:
    assert parse_environ({}).settings == ()
    assert parse_environ({"HOME": "/h", "PATH": "/bin"}).settings == ()


# ------------------------------------------------------------------ pip itself

_PIP_ENV_KEYS = (
    "import json\n"
    "from pip._internal.configuration import Configuration\n"
    "config = Configuration(isolated=False)\n"
    "config.load()\n"
    "print(json.dumps(sorted((k, v) for k, v in config.get_values_in_config('env-var')"
    "[':env:'].items() if v)))\n"
)


@pytest.mark.parametrize("environ", [c[1] for c in PIP_CASES], ids=[c[0] for c in PIP_CASES])
def test_same_keys_as_pip(environ: dict[str, str]) -> None:
    """pip's own Configuration, in a subprocess whose environment is exactly ``environ``
    (plus PATH and PIP_CONFIG_FILE=os.devnull, so no file of this machine is read)."""
    import json

    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PIP_CONFIG_FILE": os.devnull,
        **environ,
    }
    result = subprocess.run(
        [sys.executable, "-c", _PIP_ENV_KEYS], env=env, capture_output=True, text=True, check=True
    )
    theirs: list[list[Any]] = json.loads(result.stdout)
    from reqlint import pipopts
    from reqlint.sources.pipconf import normalize_name

    # A whitespace-only list value is a key to pip's Configuration, but no item once split.
    pip_keys = {
        k.split(".", 1)[1]
        for k, v in theirs
        if v.split() or not getattr(pipopts.lookup(k.split(".", 1)[1]), "is_list", 0)
    }
    pip_keys -= {"config-file"}

    ours = {
        normalize_name(s.attrs["variable"][4:])
        for s in parse_environ(environ).settings
        if s.attrs["variable"] != "PIP_CONFIG_FILE"
    }
    assert ours == pip_keys
