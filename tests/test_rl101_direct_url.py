"""RL101's remedy for a private extra index beside the public one, for pip alone.

celery's tox.ini sets ``PIP_EXTRA_INDEX_URL`` to a static wheelhouse on GitHub Pages
beside PyPI (trial 13).  The remedies RL101 gave were a proxying primary index (a static
page cannot proxy) and uv's or poetry's explicit indexes (celery installs with pip).  pip's
own: drop the index and name each of its packages by its file's URL, which pip takes from
there without asking any index for that name.  The referee: real pip, with a loopback
"public" index that serves a higher version of the same name; pip takes the named file and
never asks that index about the name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from netservers import SimpleIndex, make_wheel
from reqlint_process import pip_run

from reqlint.cli import main


@pytest.fixture
def public() -> Iterator[SimpleIndex]:
    with SimpleIndex({"demo": ("9.0",)}) as index:
        yield index


def test_pip_takes_a_direct_url_and_asks_no_index_for_its_name(
    public: SimpleIndex, tmp_path: Path
) -> None:
    name, data = make_wheel("demo", "1.0")
    wheel = tmp_path / name
    wheel.write_bytes(data)

    def chosen(requirement: str) -> str:
        """The version pip takes for ``requirement`` with the public index as primary."""
        (tmp_path / "requirements.txt").write_text(
            f"--index-url {public.url}\n{requirement}\n", encoding="utf-8"
        )
        done = pip_run(
            tmp_path,
            "install",
            "--dry-run",
            "--no-cache-dir",
            "--report",
            "-",
            "-q",
            "-r",
            "requirements.txt",
        )
        assert done.returncode == 0, done.stderr
        (item,) = json.loads(done.stdout)["install"]
        return str(item["metadata"]["version"])

    assert chosen(f"demo @ {wheel.as_uri()}") == "1.0"  # not the index's 9.0
    assert not any("/demo" in path for path, _ in public.requests)
    # and by name alone, pip asks the index and takes its higher version
    assert chosen("demo") == "9.0"
    assert any("/demo" in path for path, _ in public.requests)


def test_rl101_names_the_pip_remedy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "tox.ini").write_text(
        "[testenv]\nsetenv =\n"
        "    PIP_EXTRA_INDEX_URL=https://celery.github.io/celery-wheelhouse/repo/simple/\n"
        "deps = pytest==8.3.0\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--select", "RL101", "."]) == 1
    out = capsys.readouterr().out
    assert "tox.ini:3:25: RL101 warning: extra index https://celery.github.io/" in out
    assert (
        "with pip alone, drop it and name each of its packages by its file's URL "
        "(`name @ https://.../name-1.0-py3-none-any.whl`): pip takes that file and asks no "
        "index for the name"
    ) in out
    # ASCII: one non-ASCII character in a message makes the whole report a wider string
    # (an "…" here cost the 100k-line benchmark 12 MiB of peak memory)
    assert out.isascii()
