"""reqlint.network.targets: the one URL selection of probes and findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from reqlint.discovery import candidates
from reqlint.loader import load_project
from reqlint.network.probe import collect_targets
from reqlint.network.results import UrlKind
from reqlint.network.targets import planned_urls, setting_urls


def test_plan_and_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text(
        "--index-url https://mirror.example/simple\n"
        "--extra-index-url https://extra.example/simple/\n"
        "--find-links https://links.example/wheels\n"
        "-r base.txt\nFlask==3.0\n"
    )
    (tmp_path / "base.txt").write_text("six==1.16\n./local-pkg\n")
    (tmp_path / "pip.conf").write_text("[global]\nextra-index-url = https://conf.example/s\n")
    project = load_project(candidates(["."]))
    planned = [
        (u.url, u.kind, u.root, sorted(u.names), u.primary is not None)
        for u in planned_urls(project)
    ]
    assert planned == [
        (
            "https://mirror.example/simple",
            UrlKind.INDEX,
            "requirements.txt",
            ["flask", "six"],
            False,
        ),
        (
            "https://extra.example/simple/",
            UrlKind.INDEX,
            "requirements.txt",
            ["flask", "six"],
            True,
        ),
        (
            "https://links.example/wheels",
            UrlKind.FIND_LINKS,
            "requirements.txt",
            ["flask", "six"],
            True,
        ),
    ]
    named = sorted((url, kind) for _, url, kind in setting_urls(project))
    assert named == [
        ("https://conf.example/s", UrlKind.INDEX),
        ("https://extra.example/simple/", UrlKind.INDEX),
        ("https://links.example/wheels", UrlKind.FIND_LINKS),
        ("https://mirror.example/simple", UrlKind.INDEX),
    ]
    # the probes ask every one of them, the plan's URLs about the root's projects
    targets = {t.url: t for t in collect_targets(project)}
    assert sorted(targets) == [url for url, _ in named]
    assert targets["https://mirror.example/simple"].projects == ("flask", "six")
    assert targets["https://links.example/wheels"].kind is UrlKind.FIND_LINKS


def test_no_requirements_file_no_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pip.conf").write_text("[global]\nindex-url = https://conf.example/s\n")
    project = load_project(candidates(["."]))
    assert list(planned_urls(project)) == []
    assert [url for _, url, _ in setting_urls(project)] == ["https://conf.example/s"]
