"""How a local location resolves and what state it is in, as pip reads it (tables, real
files in tmp_path; no network at all)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from netservers import make_project, make_wheel

from reqlint.model import Location, Setting, SourceKind
from reqlint.network.local import LocalState, inspect, is_local, resolve, versions


@pytest.mark.parametrize(
    ("value", "local"),
    [
        ("/opt/wheels", True),
        ("./wheels", True),
        ("wheels", True),
        ("~/wheels", True),
        ("file:///srv/simple", True),
        ("FILE:///srv/simple", True),
        ("https://pypi.org/simple", False),
        ("http://127.0.0.1:1/simple", False),
    ],
)
def test_is_local(value: str, local: bool) -> None:
    assert is_local(value) is local


def setting(
    key: str,
    value: str,
    kind: SourceKind = SourceKind.REQUIREMENTS,
    path: str = "reqs/requirements.txt",
) -> Setting:
    return Setting(
        key, value, value, kind, Location(path if kind is not SourceKind.ENVIRON else "env:PIP_X")
    )


def test_resolution_follows_pip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "reqs" / "beside").mkdir(parents=True)
    (tmp_path / "home" / "w").mkdir(parents=True)
    cwd = str(tmp_path)
    table = [
        # find-links in a requirements file: beside the file when it exists there...
        (setting("find-links", "beside"), tmp_path / "reqs" / "beside"),
        # ...else relative to the working directory.
        (setting("find-links", "elsewhere"), tmp_path / "elsewhere"),
        # The same value from the environment is always relative to the working directory.
        (setting("find-links", "beside", SourceKind.ENVIRON), tmp_path / "beside"),
        # ~ is expanded only when the expanded path exists (pip's SearchScope.create).
        (setting("find-links", "~/w"), tmp_path / "home" / "w"),
        (setting("find-links", "~/missing"), tmp_path / "~" / "missing"),
        (
            setting("extra-index-url", "file:///srv/my%20mirror/simple"),
            Path("/srv/my mirror/simple"),
        ),
        (setting("cert", "~/ca.pem", SourceKind.ENVIRON), tmp_path / "home" / "ca.pem"),
    ]
    for st, expected in table:
        assert resolve(st, st.value, cwd) == os.path.normpath(expected), st.value


def test_states_and_contents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    index = tmp_path / "simple"
    (index / "Alpha_Pkg").mkdir(parents=True)
    name, data = make_wheel("alpha-pkg", "1.0")
    (index / "Alpha_Pkg" / name).write_bytes(data)
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for version in ("1.0", "2.0"):
        name, data = make_wheel("beta", version)
        (wheels / name).write_bytes(data)
    (wheels / "notes.txt").write_text("not an archive\n")
    (tmp_path / "one.whl").write_bytes(make_wheel("gamma", "3.0")[1])
    project = make_project(
        [
            f"--extra-index-url file://{index}",
            f"--extra-index-url file://{tmp_path}/one.whl",
            f"--extra-index-url file://{tmp_path}/gone",
            f"--find-links {wheels}",
            f"--find-links {tmp_path}/one.whl",
            "--find-links missing-wheels",
            "--index-url https://pypi.org/simple",
            "alpha-pkg",
        ],
        path=str(tmp_path / "r.txt"),
    )
    found = {item.value: item for item in inspect(project, str(tmp_path)).values()}
    assert {v: i.state for v, i in found.items()} == {
        f"file://{index}": LocalState.OK,
        f"file://{tmp_path}/one.whl": LocalState.NOT_A_DIRECTORY,
        f"file://{tmp_path}/gone": LocalState.MISSING,
        str(wheels): LocalState.OK,
        f"{tmp_path}/one.whl": LocalState.OK,  # find-links may name one archive
        "missing-wheels": LocalState.MISSING,
    }
    assert versions(found[f"file://{index}"], "alpha-pkg") == ["1.0"]
    assert versions(found[f"file://{index}"], "beta") is None
    assert versions(found[str(wheels)], "beta") == ["1.0", "2.0"]
    assert versions(found[str(wheels)], "notes") is None


@pytest.mark.parametrize("kind", [SourceKind.CI, SourceKind.DOCKERFILE, SourceKind.TOX])
def test_paths_of_other_machines_are_not_inspected(kind: SourceKind) -> None:
    """A Dockerfile's /wheels is the image's, a CI job's the runner's."""
    from reqlint.model import ParsedSource
    from reqlint.project import Project

    st = setting("find-links", "/wheels", kind, path="Dockerfile")
    project = Project((ParsedSource("Dockerfile", kind, settings=(st,)),))
    assert inspect(project) == {}
