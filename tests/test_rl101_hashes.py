"""RL101 says what stays true of an extra index where nothing can be substituted, and
offers no removal of an index it cannot judge.

* A hash-checked install (pip-compile ``--generate-hashes``, ``uv export``): RL101 said
  "anyone can shadow a package name (dependency confusion)" of warehouse's and
  paperless-ngx's fully hashed installs (trial 11).  The referee is real pip 26.3 and two
  loopback indexes that serve the same version of one name as different files: with the
  hash, pip takes the genuine file whichever index is asked first; without it, which
  file it takes depends on the order of the indexes alone.
* An extra index named by a variable beside the public index (warehouse's
  ``PIP_EXTRA_INDEX_URL=$THEME_REPO``, its private theme's index): "remove it by hand"
  would break the install; it gets the remedy of a private index, and no fix.
* uv's ``unsafe-best-match``: the message says what removing it costs (paperless-ngx
  needs it for ``torch==2.13.0+cpu`` from the PyTorch index, after PyPI).
"""

from __future__ import annotations

import hashlib
import json
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
    make_wheel,
)

NAME, VERSION = "acme-internal", "1.0"
WHEEL = "acme_internal-1.0-py3-none-any.whl"


@pytest.fixture(scope="module")
def indexes() -> Iterator[tuple[SimpleIndex, SimpleIndex]]:
    genuine = SimpleIndex({NAME: (VERSION,)})
    impostor = SimpleIndex({NAME: (VERSION,)})
    # the same name and version, another file (what a squatter uploads)
    impostor._files[WHEEL] = make_wheel(NAME, VERSION, "Summary: not the real one\n")[1]
    with genuine, impostor:
        yield genuine, impostor


def sha256(index: SimpleIndex) -> str:
    return hashlib.sha256(index._files[WHEEL]).hexdigest()


def pip_download(text: str, tmp: Path) -> tuple[int, str, str]:
    """(exit code, sha256 of the file pip took, output) of ``pip download -r``."""
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "requirements.txt").write_text(text, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "PIP_TIMEOUT": "5",
        "PIP_RETRIES": "0",
    }
    dest = tmp / "dest"
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--no-deps", "--no-cache-dir"),
            *("-d", str(dest), "-r", str(tmp / "requirements.txt")),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    got = dest / WHEEL
    digest = hashlib.sha256(got.read_bytes()).hexdigest() if got.exists() else ""
    return proc.returncode, digest, proc.stdout + proc.stderr


def lint(tmp: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    work = tmp / "lint"
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(work)
    out = subprocess.run(
        [
            *(sys.executable, "-m", "reqlint", "check", "--isolated", "--select", "RL101"),
            *("--format", "json", *files),
        ],
        capture_output=True,
        text=True,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(Path(__file__).parents[1])},
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return [
        {"message": d["message"], "fix": d["fix"]} for d in json.loads(out.stdout)["diagnostics"]
    ]


@pytest.mark.network
@pytest.mark.usefixtures("loopback_only", "clean_network_env")
def test_a_hash_checked_install_cannot_be_substituted_and_reqlint_says_so(
    indexes: tuple[SimpleIndex, SimpleIndex], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    genuine, impostor = indexes
    assert sha256(genuine) != sha256(impostor)
    hashed = f"{NAME}=={VERSION} --hash=sha256:{sha256(genuine)}\n"
    plain = f"{NAME}=={VERSION}\n"
    for first, second in ((impostor, genuine), (genuine, impostor)):
        head = f"--index-url {first.url}\n--extra-index-url {second.url}\n"
        code, digest, log = pip_download(head + hashed, tmp_path / f"h{first.port}")
        assert (code, digest) == (0, sha256(genuine)), log
    # without the hash, which file is taken depends on the order of the indexes alone:
    # one of the two orders takes the impostor's
    taken = set()
    for first, second in ((impostor, genuine), (genuine, impostor)):
        head = f"--index-url {first.url}\n--extra-index-url {second.url}\n"
        code, digest, log = pip_download(head + plain, tmp_path / f"p{first.port}")
        assert code == 0, log
        taken.add(digest)
    assert taken == {sha256(genuine), sha256(impostor)}

    extra = "--extra-index-url https://packages.corp.example/simple\n"
    found = lint(tmp_path, {"hashed.txt": extra + hashed, "plain.txt": extra + plain}, monkeypatch)
    by_file = dict(zip(("hashed.txt", "plain.txt"), found, strict=True))
    message = by_file["hashed.txt"]["message"]
    assert "every requirement here is pinned with --hash" in message
    assert "no index can substitute a package" in message
    assert "an unreachable index stalls every install" in message  # still true
    assert "dependency confusion" not in message
    assert "takes the highest version" not in message
    assert (
        "anyone can shadow a package name (dependency confusion)" in by_file["plain.txt"]["message"]
    )


def test_an_extra_index_named_by_a_variable_beside_the_public_one_is_not_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = lint(
        tmp_path,
        {
            "Dockerfile": (
                "FROM python:3.12\nARG THEME_REPO\n"
                "RUN PIP_EXTRA_INDEX_URL=$THEME_REPO pip install -r theme.txt\n"
            ),
            "requirements.txt": "--extra-index-url ${CORP_INDEX}\nacme-internal==1.0\n",
        },
        monkeypatch,
    )
    assert len(found) == 2
    docker, listed = found
    for finding in found:
        assert finding["fix"] is None  # not even an unsafe one
        assert "no safe fix (without it pip would look for its package names" in finding["message"]
    assert "`pip install --index-url $THEME_REPO <its packages>`" in docker["message"]
    assert "make it the primary index (--index-url)" in listed["message"]


def test_uvs_unsafe_best_match_says_what_removing_it_costs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (found,) = lint(
        tmp_path,
        {
            "Dockerfile": (
                "FROM python:3.12\nRUN uv pip install --system --index https://pypi.org/simple"
                " --index https://download.pytorch.org/whl/cpu"
                " --index-strategy unsafe-best-match -r requirements.txt\n"
            )
        },
        monkeypatch,
    )
    assert "merges candidates from every index" in found["message"]
    assert "without it uv takes each package from the first index that has it" in found["message"]
