"""What a release ships: the sdist and the wheel built with the real backend and opened,
metadata read back, the sdist's own tests run from it; and the two JSON Schemas (the
``[tool.reqlint]`` table, ``--output-format json``), kept in sync and used as validators."""

from __future__ import annotations

import email
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
from netservers import SimpleIndex, clean_network_env, loopback_only, refusing

import reqlint
from reqlint.cli import main
from reqlint.schema import render, settings_schema
from reqlint.settings import KEYS

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_SCHEMA = ROOT / "schemas" / "reqlint.json"
OUTPUT_SCHEMA = ROOT / "schemas" / "reqlint-output.json"
# Fixtures used by name (pytest finds them in this module's namespace).
__all__ = ["clean_network_env", "loopback_only", "refusing"]


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """sdist and wheel of this checkout, built as ``python -m build`` would (the backend in
    a fresh process, from a copy of what git holds), and what the backend printed."""
    source = tmp_path_factory.mktemp("src")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    out = tmp_path_factory.mktemp("dist")
    script = (
        "import sys; from setuptools import build_meta as b; "
        f"s = b.build_sdist({str(out)!r}); w = b.build_wheel({str(out)!r}); "
        "print(f'\\nBUILT {s} {w}')"
    )
    done = subprocess.run(
        [sys.executable, "-W", "always", "-c", script],
        cwd=source,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ["PATH"], "HOME": str(out), "SOURCE_DATE_EPOCH": "1767225600"},
    )
    built = done.stdout.rsplit("\nBUILT ", 1)[1].split()
    return out / built[0], out / built[1], done.stdout + done.stderr


def test_no_setuptools_deprecation_warning(dists: tuple[Path, Path, str]) -> None:
    log = dists[2]
    # setuptools says "SetuptoolsDeprecationWarning: `project.license` as a TOML table is
    # deprecated" (and the like) for what PEP 639 replaced.
    assert "Deprecat" not in log, log[-3000:]
    assert "adding license file 'LICENSE'" in log


def test_wheel_ships_the_license_and_the_metadata(dists: tuple[Path, Path, str]) -> None:
    _, wheel, _ = dists
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(info))
        license_files = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert license_files, names
        assert b"MIT License" in archive.read(license_files[0])
    assert "reqlint/py.typed" in names
    assert not [n for n in names if n.startswith("tests/")]
    assert metadata["Name"] == "reqlint"
    assert metadata["Version"] == reqlint.__version__  # defined once, read by setuptools
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert not [c for c in metadata.get_all("Classifier") or [] if c.startswith("License")]
    classifiers = metadata.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Topic :: Software Development :: Quality Assurance" in classifiers
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL") or [])
    assert set(urls) >= {"Homepage", "Documentation", "Source", "Issues"}
    assert any(r.startswith("pathspec") for r in metadata.get_all("Requires-Dist") or [])


def test_version_is_written_once() -> None:
    import tomlkit

    pyproject = tomlkit.parse((ROOT / "pyproject.toml").read_text(encoding="utf-8")).unwrap()
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "reqlint.__version__"}


def test_sdist_holds_a_tree_whose_tests_run(dists: tuple[Path, Path, str], tmp_path: Path) -> None:
    sdist, _, _ = dists
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
        # the "data" filter where this Python has it (3.11.4+, 3.10.12+): our own sdist
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(tmp_path, **safe)  # type: ignore[arg-type]
    for needed in (
        "LICENSE",
        "README.md",
        "pyproject.toml",
        "action.yml",
        ".pre-commit-hooks.yaml",
        "schemas/reqlint.json",
        "schemas/reqlint-output.json",
        "docs/usage.md",
        "docs/rules/RL101.md",
        "tests/conftest.py",
        "tests/test_settings.py",
        "tests/netservers.py",
        "tests/data/sarif-schema-2.1.0.json",
        "examples/incident/requirements.txt",
    ):
        assert needed in names, needed
    (tree,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "PYTHONPATH": str(tree),
        "XDG_CONFIG_HOME": str(tmp_path / "none"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import reqlint; print(reqlint.__file__)"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith(str(tree))  # the sdist's code, not this checkout's
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_docs.py",
            "tests/test_precommit_manifest.py",
        ],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


# --------------------------------------------------------------------- JSON Schemas


def test_settings_schema_is_in_sync_with_the_settings_table() -> None:
    assert SETTINGS_SCHEMA.read_text(encoding="utf-8") == render(), (
        "run `make docs` (python -m reqlint.schema schemas/reqlint.json)"
    )
    schema = settings_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    assert set(schema["properties"]) == {k.key for k in KEYS}  # type: ignore[call-overload]
    assert schema["additionalProperties"] is False


def _toml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```toml\n(.*?)```", markdown, re.DOTALL)


def test_documented_configuration_validates_and_mistakes_do_not() -> None:
    import tomlkit

    validator = jsonschema.Draft7Validator(settings_schema())
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    checked = 0
    for block in _toml_blocks(docs):
        table = tomlkit.parse(block).unwrap()
        section = table.get("tool", {}).get("reqlint") if "tool" in table else table
        if section:
            validator.validate(section)
            checked += 1
    assert checked
    for wrong in (
        {"extend_select": ["RL1"]},
        {"select": ["rl101"]},
        {"pin-pyproject": "yes"},
        {"per-file-ignores": {"a.txt": ["E501"]}},
    ):
        assert list(validator.iter_errors(wrong)), wrong


def _validate_output(text: str) -> dict[str, object]:
    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document: dict[str, object] = json.loads(text)
    jsonschema.Draft202012Validator(schema).validate(document)
    return document


def test_json_output_matches_its_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text(
        "--index-url http://mirror.example/simple\n--extra-index-url https://pypi.org/simple\n"
        "-r missing.txt\nsix\nrequests>=2\n",
        encoding="utf-8",
    )
    (tmp_path / "pip.conf").write_text(
        "[global]\nindex-url = https://a.example/simple\n", encoding="utf-8"
    )
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "https://pypi.org/simple")
    monkeypatch.setenv("HOME", str(tmp_path))
    for argv in (
        ["check", "--output-format", "json", "."],
        ["check", "--output-format", "json", "--unsafe-fixes", "."],
        ["check", "--output-format", "json", "--system", "."],
    ):
        main(argv)
        document = _validate_output(capsys.readouterr().out)
        diagnostics = document["diagnostics"]
        assert isinstance(diagnostics, list)
        assert diagnostics
    assert isinstance(diagnostics, list)  # (the --system run's)
    assert any(d["path"].startswith("env:") for d in diagnostics)
    # A document that breaks the schema is caught (the validator is not vacuous).
    broken = json.loads(json.dumps(document))
    broken["diagnostics"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(
            json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
        ).validate(broken)


@pytest.mark.network
@pytest.mark.usefixtures("loopback_only", "clean_network_env")
def test_network_json_output_matches_its_schema(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    refusing: object,
) -> None:
    monkeypatch.chdir(tmp_path)
    with SimpleIndex({"six": ("1.16.0",)}) as mirror:
        dead = refusing.url()  # type: ignore[attr-defined]
        (tmp_path / "requirements.txt").write_text(
            f"--index-url {mirror.url}\n--extra-index-url {dead}\nsix==1.16.0\n", encoding="utf-8"
        )
        main(["check", "--network", "--timeout", "2", "--output-format", "json", "."])
    document = _validate_output(capsys.readouterr().out)
    assert document["network"]
    assert any(d["code"].startswith("RL3") for d in document["diagnostics"])  # type: ignore[attr-defined]
