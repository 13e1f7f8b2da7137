"""Import guard: the modules a default ``reqlint check`` may load (STYLE 11, issue 13).

A pre-commit hook starts reqlint on every commit, so what it imports is its start-up time.
This test runs a real default check in a fresh interpreter and names every reqlint module
it may load, every third-party module, and the heavy standard-library modules it must not
load; adding an import to the default path means adding it here, on purpose.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.utils import canonicalize_name as packaging_canonicalize_name

from reqlint.names import canonicalize_name
from reqlint.rules import RULES

# Every reqlint module a default check of a requirements file may load.  The rule registry
# imports every rule (network rules included: their metadata is listed by `reqlint rules`);
# the network rules import reqlint.network only when they run (--network).
ALLOWED_REQLINT = frozenset(
    {
        "reqlint",
        "reqlint._gc",
        "reqlint._records",
        "reqlint._lazyre",
        "reqlint._start",
        "reqlint.cli",
        "reqlint.commands",
        "reqlint.context",
        "reqlint.discovery",
        "reqlint.engine",
        "reqlint.loader",
        "reqlint.model",
        "reqlint.names",
        "reqlint.pep440",
        "reqlint.pipopts",
        "reqlint.project",
        "reqlint.redact",
        "reqlint.settings",
        "reqlint.suppress",
        "reqlint.text",
        "reqlint.urls",
        "reqlint.ignore",
        "reqlint.noqa",
        "reqlint.reporters",
        "reqlint.reporters.base",
        "reqlint.reporters.text_format",
        "reqlint.sources",
        "reqlint.sources.requirements",
        "reqlint.sources.req_constructors",
        "reqlint.rules",
        "reqlint.rules._facts",
        "reqlint.rules.base",
    }
) | {rule.check.__module__ for rule in RULES}  # every registered rule's module
# Third-party modules a check of plain requirement lines may load: none.  Plain names,
# specifiers, markers, URLs and VCS editables are read without packaging (property tests
# prove those readings equal to packaging's); packaging comes in for the first line that is
# not plain, or a version comparison the plain forms cannot decide (RL206).
ALLOWED_PLAIN_PACKAGING: frozenset[str] = frozenset()
# Standard-library modules no default check loads, whatever the files say.
FORBIDDEN = frozenset(
    {
        "logging",
        "subprocess",
        "signal",
        "difflib",
        "asyncio",
        "ssl",
        "socket",
        "http",
        "http.client",
        "email",
        "threading",
        "concurrent",
        "multiprocessing",
        "tempfile",
        "packaging.tags",
        "httpx",
        "yaml",
        "tomlkit",
        "certifi",
        "html.parser",
        "urllib.request",
        "json",
        "reqlint.network",
        "typing",
        "dataclasses",
        "inspect",
        "shutil",
    }
)

_PROBE = """
import json, sys
before = set(sys.modules)
from reqlint.cli import main
import io
out, sys.stdout = sys.stdout, io.StringIO()
code = main(["check", "."])
sys.stdout = out
new = sorted(set(sys.modules) - before)
site = sorted({m.split(".")[0] for m in new
               if "site-packages" in (getattr(sys.modules[m], "__file__", None) or "")})
print(json.dumps({"code": code, "modules": new, "site": site}))
"""


def _loaded(folder: Path) -> tuple[set[str], set[str]]:
    """(modules a check loaded, top-level packages among them from site-packages)"""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "PIP_CONFIG_FILE": os.devnull,
    }
    # `import json` in the probe itself happens before `before` is taken
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, 1), proc.stderr
    return set(result["modules"]), set(result["site"])


# What a default check of plain lines reads: none of it may load packaging or anything
# FORBIDDEN.  Markers: packaging.markers (and with it packaging.utils, .tags, logging,
# subprocess, threading) only for a marker that is not plain
# (req_constructors._marker_without_packaging); ``name @ https://...``, ``-e VCS#egg=name``
# and ranges without packaging's PEP 508 parser (req_constructors._plain_url_fields,
# pep440.plain_specifiers).
PLAIN_FILES = {
    "names-and-ranges": {
        "requirements.txt": "six==1.16.0\nDjango>=4.2,<5  # web\n# comment\n"
        "requests[socks]~=2.31\n-r dev.txt\n",
        "dev.txt": "pytest\n",
    },
    "markers": {
        "requirements.txt": 'attrs==23.1 ; python_version < "3.12"\n'
        "six>=1; sys_platform != 'win32'\n"
        'a==1 ; os_name == "nt" and platform_machine == "x86_64"\n'
    },
    "urls-and-vcs-editables": {
        "requirements.txt": "pkg @ https://h/pkg-1.0-py3-none-any.whl\n"
        "vcs[x] @ git+https://g/vcs.git@v1 ; python_version < '3.12'\n"
        "-e git+https://g/ed.git@26c0339a14dc8cd3a08db448ed36b119bc914344#egg=Ed\n"
        "lo>=1.2,<2\nwild==1.*\n"
    },
}


@pytest.mark.parametrize("case", sorted(PLAIN_FILES))
def test_a_default_check_of_plain_lines_loads_only_what_it_needs(case: str, tmp_path: Path) -> None:
    for name, text in PLAIN_FILES[case].items():
        (tmp_path / name).write_text(text)
    loaded, site = _loaded(tmp_path)
    ours = {m for m in loaded if m.split(".")[0] == "reqlint"}
    assert ours <= ALLOWED_REQLINT, sorted(ours - ALLOWED_REQLINT)
    assert "reqlint.sources.requirements" in ours  # the probe really ran a check
    packaging = {m for m in loaded if m.split(".")[0] == "packaging"}
    assert packaging <= ALLOWED_PLAIN_PACKAGING, sorted(packaging - ALLOWED_PLAIN_PACKAGING)
    # no other installed package (the standard library is not listed: it varies by version)
    assert site <= {"packaging", "reqlint"}, sorted(site)
    assert not loaded & FORBIDDEN, sorted(loaded & FORBIDDEN)


def test_a_line_that_is_not_plain_loads_packaging_only_then(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text(
        'attrs==23.1 ; (python_version < "3.12")\npkg @ file:///srv/pkg-1.0.tar.gz\n'
    )
    loaded, site = _loaded(tmp_path)
    assert site <= {"packaging", "reqlint"}, sorted(site)
    assert {"packaging.markers", "packaging.requirements"} <= loaded
    ours = {m for m in loaded if m.split(".")[0] == "reqlint"}
    assert ours <= ALLOWED_REQLINT, sorted(ours - ALLOWED_REQLINT)
    assert not loaded & (
        FORBIDDEN
        - {"packaging.tags", "logging", "subprocess", "signal", "threading"}
        - {"typing", "dataclasses", "inspect"}
    ), "only packaging's own imports"


@given(st.text(alphabet="aAzZ09-_.~ é", max_size=12))
def test_canonical_names_agree_with_packaging(name: str) -> None:
    assert canonicalize_name(name) == packaging_canonicalize_name(name)
