"""The source seam (issue 9, item 1): one adapter signature, one table, pure adapters.

* every kind read from a file has exactly one adapter in ``reqlint.sources.ADAPTERS``,
  whose ``parse(text, ctx)`` has the seam's signature;
* the same text in the same context parses to the same facts, and the source keeps its
  text and context;
* ``fixes.plan`` works from the text the loader read: bytes in, bytes out, no re-read;
* "this project uses uv" is a fact of the pyproject source, not a made-up setting.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from reqlint import fixes, sources
from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Location, Origin, SourceContext, SourceKind, Tool
from reqlint.text import TextFile

# One small file of every kind, with at least one fact in it.
SAMPLES: dict[SourceKind, tuple[str, str]] = {
    SourceKind.REQUIREMENTS: (
        "requirements.txt",
        "--extra-index-url https://x.example/simple\nflask==3.0\n",
    ),
    SourceKind.PIPCONF: ("pip.conf", "[global]\nindex-url = https://x.example/simple\n"),
    SourceKind.PYPROJECT: (
        "pyproject.toml",
        '[[tool.uv.index]]\nname = "x"\nurl = "https://x.example/simple"\n',
    ),
    SourceKind.CONDA: (
        "environment.yml",
        "dependencies:\n  - pip:\n    - --extra-index-url https://x.example/s\n",
    ),
    SourceKind.CI: (
        ".gitlab-ci.yml",
        "job:\n  script:\n    - pip install --index-url https://x.example/s a\n",
    ),
    SourceKind.TOX: ("tox.ini", "[testenv]\nsetenv =\n    PIP_INDEX_URL=https://x.example/s\n"),
    SourceKind.DOCKERFILE: (
        "Dockerfile",
        "FROM python\nRUN pip install --index-url https://x.example/s a\n",
    ),
    SourceKind.SCRIPT: ("install.sh", "#!/bin/sh\npip install --index-url https://x.example/s a\n"),
}


def test_every_file_kind_has_one_adapter() -> None:
    file_kinds = set(SourceKind) - {SourceKind.ENVIRON}
    assert set(sources.ADAPTERS) == file_kinds
    assert set(SAMPLES) == file_kinds
    for kind, module in sources.ADAPTERS.items():
        assert module.startswith("reqlint.sources."), kind
        parse = sources.adapter(kind)
        params = list(inspect.signature(parse).parameters.values())
        assert len(params) == 2, (kind, params)
        assert params[0].name in ("text", "text_file"), kind
        assert params[1].name == "ctx", kind
        assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params), kind


@pytest.mark.parametrize("kind", [kind for kind in SourceKind if kind in SAMPLES])
def test_adapter_is_pure_and_keeps_its_text(kind: SourceKind) -> None:
    name, text = SAMPLES[kind]
    tf = TextFile.from_text(name, text)
    ctx = SourceContext(env={"UNUSED": "1"})
    first = sources.parse(kind, tf, ctx)
    second = sources.parse(kind, tf, ctx)
    assert first == second
    assert first.kind is kind
    assert first.settings or first.requirements, first
    assert first.text is tf
    assert first.context is ctx


def test_pipconf_variant_comes_from_the_context() -> None:
    tf = TextFile.from_text("pip.conf", SAMPLES[SourceKind.PIPCONF][1])
    assert [s.origin.value for s in sources.parse(SourceKind.PIPCONF, tf).settings] == ["file"]
    user = sources.parse(SourceKind.PIPCONF, tf, SourceContext(variant="user"))
    assert [s.origin.value for s in user.settings] == ["user"]


def test_loaded_sources_keep_their_text(tmp_path: Path) -> None:
    for name, text in SAMPLES.values():
        (tmp_path / name).write_text(text)
    (tmp_path / "base.txt").write_text("six==1.16\n")
    with (tmp_path / "requirements.txt").open("a") as handle:
        handle.write("-r base.txt\n")
    project = load_project(candidates([str(tmp_path)]))
    kinds = set()
    for source in project.sources:
        assert source.text is not None, source.path
        assert source.context is not None, source.path
        assert source.text.path == source.path
        kinds.add(source.kind)
    assert kinds == set(SAMPLES)
    base = next(s for s in project.sources if s.path.endswith("base.txt"))
    assert base.text is not None
    assert base.text.text == "six==1.16\n"


def test_plan_is_bytes_in_bytes_out(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_bytes(
        b"--index-url https://pypi.int.example/simple\r\n"
        b"--extra-index-url https://pypi.org/simple\r\nflask==3.0"
    )
    project = load_project(candidates([str(path)]))
    diagnostics = run(project).diagnostics
    # Another program rewrites the file: a plan that re-read it would see other bytes.
    path.write_bytes(b"other==1.0\n")
    (file_fix,) = fixes.plan(diagnostics, project, unsafe=True, roots=[str(tmp_path)]).files
    assert file_fix.old == (
        b"--index-url https://pypi.int.example/simple\r\n"
        b"--extra-index-url https://pypi.org/simple\r\nflask==3.0"
    )
    assert file_fix.new == (
        b"--index-url https://pypi.int.example/simple\r\n"
        b"# --extra-index-url https://pypi.org/simple\r\nflask==3.0"
    )
    # ... and writing it refuses: the file no longer holds the bytes the fix was made from.
    assert "changed since it was read" in fixes.write_file(file_fix)
    assert path.read_bytes() == b"other==1.0\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"pyproject.toml": "[project]\nname = 'a'\n", "uv.lock": "version = 1\n"},
            Location("uv.lock", None, "uv.lock"),
        ),
        (
            {"pyproject.toml": "[project]\nname = 'a'\n\n[tool.uv]\ndev-dependencies = []\n"},
            Location("pyproject.toml", None, "tool.uv"),
        ),
        ({"pyproject.toml": "[project]\nname = 'a'\n"}, None),  # no-op: not a uv project
    ],
)
def test_uv_project_is_a_fact_not_a_setting(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    expected: Location | None,
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    project = load_project(candidates(["pyproject.toml"]))
    (source,) = project.sources
    assert source.uv_project == expected
    assert [s.key for s in source.settings] == []


def test_origin_is_pips_override_order() -> None:
    from pip._internal.configuration import OVERRIDE_ORDER, Kind

    ours = [o.value for o in sorted(Origin, key=lambda o: o.rank) if o.machine]
    # pip's ENV_VAR (PIP_* variables) is SourceKind.ENVIRON here, not a config file.
    assert ours == [kind.value for kind in OVERRIDE_ORDER if kind is not Kind.ENV_VAR]
    assert Origin.FILE.rank == len(Origin) - 1
    assert not Origin.FILE.machine


def test_typed_setting_fields() -> None:
    tf = TextFile.from_text(
        "ci.yml",
        "job:\n  script:\n    - pip install -i https://a/s x\n"
        "    - uv pip install --index https://b/s y\n",
    )
    pip_setting, uv_setting = sources.parse(SourceKind.CI, tf).settings
    assert (pip_setting.tool, uv_setting.tool) == (Tool.PIP, Tool.UV)
    assert pip_setting.invocation != uv_setting.invocation  # two commands, two scopes
    assert pip_setting.origin is Origin.FILE
    assert "tool" not in pip_setting.attrs
    assert "invocation" not in pip_setting.attrs


def test_settings_reads_toml_positions_without_the_pyproject_adapter(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.reqlint]\nselect = ["RL1"]\nbogus = 1\n')
    script = (
        "import sys\n"
        "from reqlint.settings import ConfigError, load_settings\n"
        "try:\n"
        "    load_settings(sys.argv[1])\n"
        "except ConfigError as exc:\n"
        "    print(exc)\n"
        "print(sorted(m for m in sys.modules if m.startswith('reqlint.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "pyproject.toml")],
        capture_output=True,
        text=True,
        check=True,
    )
    error, modules = done.stdout.splitlines()
    assert ":3" in error  # the located error still points at the line of `bogus`
    assert "bogus" in error
    assert "'reqlint.tomlpos'" in modules
    assert "reqlint.sources.pyproject" not in modules


def test_show_lists_typed_facts_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from reqlint.show import render_show

    monkeypatch.chdir(tmp_path)
    (tmp_path / "pip.conf").write_text("[global]\nindex-url = https://m.example/s\n")
    (tmp_path / "tox.ini").write_text("[testenv]\ncommands = pip install -i https://t/s a\n")
    project = load_project(candidates(["pip.conf", "tox.ini"]))
    files = {f["path"]: f for f in json.loads(render_show(project, json_output=True))["files"]}
    (conf,) = files["pip.conf"]["options"]
    (tox,) = files["tox.ini"]["options"]
    assert (conf["variant"], "tool" in conf, "invocation" in conf) == ("file", False, False)
    assert (tox["tool"], tox["command"], "variant" in tox) == ("pip", "pip install", False)
    assert tox["invocation"].endswith("#0")


def test_a_constraints_file_is_fixed_in_its_own_context(tmp_path: Path) -> None:
    """The re-parse check reads a file reached through -c as a constraints file, as the
    loader did (before the seam it re-read it as a plain requirements file, saw other
    facts and refused with "changed since it was read")."""
    (tmp_path / "requirements.txt").write_text(
        "--index-url https://pypi.int.example/simple\n-c constraints.txt\nflask\n"
    )
    (tmp_path / "constraints.txt").write_text(
        "--extra-index-url https://pypi.org/simple\nflask==3.0\n"
    )
    project = load_project(candidates([str(tmp_path / "requirements.txt")]))
    planned = fixes.plan(run(project).diagnostics, project, unsafe=False, roots=[str(tmp_path)])
    (file_fix,) = planned.files
    assert file_fix.path.endswith("constraints.txt")
    assert file_fix.new == b"# --extra-index-url https://pypi.org/simple\nflask==3.0\n"
    assert planned.notes == ()
