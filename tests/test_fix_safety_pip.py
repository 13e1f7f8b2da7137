"""RL101's fix safety, proved with real pip 26.3 against two loopback indexes.

A "private" index and a "public" one both serve the same project names:

* ``acme-internal``: private 1.0, public 99.0 (an impostor with a higher version: the
  incident's dependency confusion);
* ``acme-tools``: private 1.0, public 0.1 (a squatted name with a lower version, which pip
  ignores only while it can still see the private index);
* ``public-only``: public 1.0 only.

reqlint lints (and fixes) requirements files that name the indexes by the URLs it judges
(``https://pypi.internal.example/simple`` and the public ``https://pypi.org/simple``);
pip then runs the original and the fixed file with those two URLs mapped to the loopback
servers (pip's default index: ``PIP_INDEX_URL``), so the only difference between the two
pip runs is reqlint's edit.  No name is ever looked up: pip talks to 127.0.0.1 only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from netservers import (  # noqa: F401 - fixtures used by name
    SimpleIndex,
    clean_network_env,
    loopback_only,
)

from reqlint.cli import main

pytestmark = [pytest.mark.network, pytest.mark.usefixtures("loopback_only", "clean_network_env")]

PRIVATE = "https://pypi.internal.example/simple"
PUBLIC = "https://pypi.org/simple"


@pytest.fixture(scope="module")
def indexes() -> Iterator[tuple[SimpleIndex, SimpleIndex]]:
    private = SimpleIndex({"acme-internal": ("1.0",), "acme-tools": ("1.0",)})
    public = SimpleIndex(
        {"acme-internal": ("99.0",), "acme-tools": ("0.1",), "public-only": ("1.0",)}
    )
    with private, public:
        yield private, public


def pip_download(
    text: str,
    tmp: Path,
    indexes: tuple[SimpleIndex, SimpleIndex],
) -> tuple[int, list[str], str]:
    """(exit code, downloaded files, output) of ``pip download -r`` on ``text``."""
    private, public = indexes
    tmp.mkdir(parents=True, exist_ok=True)
    req = tmp / "requirements.txt"
    req.write_text(text.replace(PRIVATE, private.url).replace(PUBLIC, public.url))
    dest = tmp / "dest"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "PIP_INDEX_URL": public.url,  # pip's default index is the public one
        "PIP_TIMEOUT": "5",
        "PIP_RETRIES": "0",
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-cache-dir",
            "--only-binary",
            ":all:",
            "-d",
            str(dest),
            "-r",
            str(req),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    files = sorted(p.name for p in dest.iterdir()) if dest.exists() else []
    return proc.returncode, files, proc.stdout + proc.stderr


def reqlint_fix(tmp: Path, text: str, monkeypatch: pytest.MonkeyPatch, *extra: str) -> str:
    """The file after ``reqlint --fix`` (plus ``extra`` options), for RL101 alone."""
    work = tmp / "lint"
    work.mkdir(parents=True, exist_ok=True)
    (work / "requirements.txt").write_text(text)
    monkeypatch.chdir(work)
    main(["check", "--select", "RL101", "--fix", *extra, "requirements.txt"])
    return (work / "requirements.txt").read_text()


def test_pip_is_26_3() -> None:
    import pip

    assert pip.__version__ == "26.3"


def test_public_extra_behind_private_primary_safe_fix_keeps_the_private_package(
    indexes: tuple[SimpleIndex, SimpleIndex],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    given = f"--index-url {PRIVATE}\n--extra-index-url {PUBLIC}\nacme-internal\nacme-tools\n"
    fixed = reqlint_fix(tmp_path, given, monkeypatch)
    out = capsys.readouterr().out
    assert "Fixed 1 problem." in out
    assert fixed == given.replace("--extra-index-url", "# --extra-index-url")

    # Before: the incident. pip takes the impostor's higher version from the public index.
    code, files, log = pip_download(given, tmp_path / "before", indexes)
    assert code == 0, log
    assert files == ["acme_internal-99.0-py3-none-any.whl", "acme_tools-1.0-py3-none-any.whl"]
    # After the safe fix: every package comes from the private primary.
    code, files, log = pip_download(fixed, tmp_path / "after", indexes)
    assert code == 0, log
    assert files == ["acme_internal-1.0-py3-none-any.whl", "acme_tools-1.0-py3-none-any.whl"]


def test_public_extra_removed_fails_loudly_for_what_only_it_had(
    indexes: tuple[SimpleIndex, SimpleIndex], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = f"--index-url {PRIVATE}\n--extra-index-url {PUBLIC}\npublic-only\n"
    fixed = reqlint_fix(tmp_path, given, monkeypatch)
    assert fixed != given
    code, files, log = pip_download(fixed, tmp_path / "after", indexes)
    # The worst the safe direction can do: a loud failure, never a different package.
    assert code != 0
    assert files == []
    assert "No matching distribution found for public-only" in log


def test_private_extra_beside_public_primary_is_not_fixed(
    indexes: tuple[SimpleIndex, SimpleIndex],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    given = f"--extra-index-url {PRIVATE}\nacme-tools\n"
    assert reqlint_fix(tmp_path, given, monkeypatch) == given
    assert reqlint_fix(tmp_path, given, monkeypatch, "--unsafe-fixes") == given
    out = capsys.readouterr().out
    assert "no safe fix" in out
    assert "make it the primary index" in out
    assert "[*]" not in out
    assert "fixable" not in out

    # Why: with the private index pip takes the company's 1.0; the edit the old "safe" fix
    # made leaves pip with the public index alone, and it installs the squatter's 0.1.
    code, files, log = pip_download(given, tmp_path / "as-is", indexes)
    assert code == 0, log
    assert files == ["acme_tools-1.0-py3-none-any.whl"]
    removed = given.replace("--extra-index-url", "# --extra-index-url")
    code, files, log = pip_download(removed, tmp_path / "removed", indexes)
    assert code == 0, log
    assert files == ["acme_tools-0.1-py3-none-any.whl"]


@pytest.mark.parametrize("spelling", [PRIVATE, PRIVATE + "/"])
def test_the_primary_again_as_extra_is_fetched_once_and_said_so(
    spelling: str,
    indexes: tuple[SimpleIndex, SimpleIndex],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    given = f"--index-url {PRIVATE}\n--extra-index-url {spelling}\nacme-tools\n"
    (tmp_path / "requirements.txt").write_text(given)
    monkeypatch.chdir(tmp_path)
    main(["check", "--select", "RL101", "requirements.txt"])
    out = capsys.readouterr().out
    fixed = reqlint_fix(tmp_path, given, monkeypatch)
    assert "is the primary index again" in out
    assert "fetches each page of it once" in out
    assert "dependency confusion" not in out  # one index: nothing to shadow
    assert fixed == given.replace("--extra-index-url", "# --extra-index-url")
    private, _ = indexes
    for name, text in (("before", given), ("after", fixed)):
        private.requests.clear()
        # the loopback URL spelled as written: with and without its final slash
        spelled = text.replace(PRIVATE + "/", private.url).replace(PRIVATE, private.url.rstrip("/"))
        code, files, log = pip_download(spelled, tmp_path / name, indexes)
        assert code == 0, log
        assert files == ["acme_tools-1.0-py3-none-any.whl"]
        # pip asks the page once either way: the line changed nothing
        assert [p for p, _ in private.requests if p.startswith("/simple/")] == [
            "/simple/acme-tools/"
        ], name
