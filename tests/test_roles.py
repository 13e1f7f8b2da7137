"""Which files the pinning rules judge, seen the way a user meets it: ``reqlint check`` and
``reqlint show`` on real files, the ``metadata-files`` setting, the failure threshold, and
explicit files that are not pip files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reqlint_process import write_tree as write

from reqlint.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


LIBRARY = {
    "setup.py": "from setuptools import setup\n"
    "setup(install_requires=open('requirements.txt').read().splitlines())\n",
    "requirements.txt": "attrs>=22\nrequests\n",
    "requirements-server.txt": "gunicorn\n",
}


def test_show_says_each_files_role_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {**LIBRARY, "upper-constraints.txt": "gunicorn==23.0.0\n"})
    code, out, _ = run(capsys, "show", ".")
    assert code == 0
    assert (
        "requirements.txt [requirements]\n  role: metadata: setup.py reads it into the "
        "package metadata ('requirements.txt') (setup.py:2)\n"
    ) in out
    assert "upper-constraints.txt [requirements]\n  role: constraints:" in out
    assert (
        "requirements-server.txt [requirements]\n  constrained by: upper-constraints.txt (the "
        "constraints file beside it)\n"
    ) in out
    code, out, _ = run(capsys, "show", "--format", "json", ".")
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert files["requirements.txt"]["role"] == "metadata"
    assert "setup.py:2" in files["requirements.txt"]["reason"]
    assert files["requirements-server.txt"]["role"] == "install"
    assert files["requirements-server.txt"]["constrained_by"] == [
        "upper-constraints.txt (the constraints file beside it)"
    ]


def test_library_metadata_gets_no_pinning_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, LIBRARY)
    code, out, _ = run(capsys, "check", "--select", "RL2", ".")
    assert code == 1
    assert out.splitlines()[:-1] == [
        "requirements-server.txt:1:1: RL201 warning: gunicorn is not pinned: pin an exact version "
        "(gunicorn==X.Y.Z)"
    ]
    # pre-commit passes only the changed file: the same answer
    code, out, _ = run(capsys, "check", "--select", "RL2", "requirements.txt")
    assert (code, out.splitlines()[-1]) == (0, "All checks passed!")


def test_metadata_files_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": "[tool.reqlint]\nmetadata-files = ['reqs/b*.txt']\n",
            "reqs/base.txt": "attrs>=22\n",
            "reqs/sub/dev.txt": "pytest\n",
            "requirements.txt": "flask\n",
        },
    )
    code, out, _ = run(capsys, "check", "--select", "RL2", ".", "reqs/base.txt", "reqs/sub/dev.txt")
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [
        "reqs/sub/dev.txt",
        "requirements.txt",
    ]
    code, out, _ = run(capsys, "show", "--format", "json", "reqs/base.txt")
    assert json.loads(out)["files"][0]["reason"] == "named by metadata-files ('reqs/b*.txt')"
    # show --isolated, as check --isolated, reads no configuration file
    code, out, _ = run(capsys, "show", "--isolated", "--format", "json", "reqs/base.txt")
    assert code == 0
    assert json.loads(out)["files"][0]["role"] == "install"
    code, out, _ = run(capsys, "check", "--isolated", "--select", "RL2", "reqs/base.txt")
    assert "reqs/base.txt:1:1: RL202 info" in out


@pytest.mark.parametrize(
    ("argv", "config", "code"),
    [
        ((), "", 0),  # RL202 is info: reported, does not fail
        (("--failure-threshold", "info"), "", 1),
        ((), "[tool.reqlint]\nfailure-threshold = 'info'\n", 1),
        (("--failure-threshold", "warning"), "[tool.reqlint]\nfailure-threshold = 'info'\n", 0),
        (("--failure-threshold", "none"), "", 0),
    ],
)
def test_failure_threshold(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    config: str,
    code: int,
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"requirements.txt": "django>=4.2,<5\n"})
    if config:
        write(tmp_path, {"pyproject.toml": config})
    got, out, _ = run(capsys, "check", *argv, "requirements.txt")
    assert got == code
    assert "RL202" in out  # reported either way


def test_failure_threshold_error_passes_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"requirements.txt": "requests\n"})
    assert run(capsys, "check", "requirements.txt")[0] == 1  # RL201: a warning
    assert run(capsys, "check", "--failure-threshold", "error", "requirements.txt")[0] == 0


def test_bad_failure_threshold_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": "[tool.reqlint]\nfailure-threshold = 'high'\n",
            "requirements.txt": "six==1.16.0\n",
        },
    )
    code, _, err = run(capsys, "check", "requirements.txt")
    assert code == 2
    assert "pyproject.toml:2:" in err
    assert "'high'" in err


SEVERITY_CONFIG = """\
[tool.reqlint.severity]
RL2 = "error"
RL203 = "warning"
RL201 = "info"
"""


def test_severity_setting_decides_each_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The most specific selector decides (RL203 over RL2), in every format and for the
    # exit code; a nested configuration without the key keeps the rules' own severities.
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": SEVERITY_CONFIG,
            "requirements.txt": "requests\ndjango>=4.2,<5\nflask==2.*\n",
            "tests/requirements.txt": "pytest==8.*\n",
            "sub/pyproject.toml": "[tool.reqlint]\n",
            "sub/requirements.txt": "flask==2.*\n",
        },
    )
    code, out, _ = run(capsys, "check", "--format", "json", ".")
    got = sorted((d["path"], d["code"], d["severity"]) for d in json.loads(out)["diagnostics"])
    assert got == [
        ("requirements.txt", "RL201", "info"),
        ("requirements.txt", "RL202", "error"),
        ("requirements.txt", "RL203", "warning"),
        ("sub/requirements.txt", "RL203", "info"),
        # the info RL203 gives a test list becomes the warning the setting asks for
        ("tests/requirements.txt", "RL203", "warning"),
    ]
    assert code == 1
    code, out, _ = run(capsys, "check", "--failure-threshold", "error", "sub")
    assert code == 0  # sub's own configuration: RL203 is info there
    code, out, _ = run(capsys, "check", "--failure-threshold", "error", "requirements.txt")
    assert code == 1  # RL202 raised to error fails an error threshold
    assert "RL202 error:" in out
    code, out, _ = run(capsys, "check", "--show-settings", "requirements.txt")
    assert json.loads(out)["severity"] == {"RL2": "error", "RL203": "warning", "RL201": "info"}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[tool.reqlint.severity]\nRL203 = 'none'\n", "to stop reporting a rule, ignore it"),
        ("[tool.reqlint.severity]\nRL2033 = 'info'\n", "did you mean 'RL203'?"),
        ("[tool.reqlint]\nseverity = ['RL203']\n", "must be a table of code = severity"),
    ],
)
def test_bad_severity_setting_is_located(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    config: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"pyproject.toml": config, "requirements.txt": "six==1.16.0\n"})
    code, _, err = run(capsys, "check", "requirements.txt")
    assert code == 2
    assert "pyproject.toml:2:" in err
    assert message in err


@pytest.mark.parametrize(
    "name", ["setup.py", "README.md", "setup.cfg", "bindep.txt", "MANIFEST.in"]
)
def test_explicit_non_pip_file_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            name: "from setuptools import setup\nsetup()\n# and prose\n",
            "requirements.txt": "six==1.16.0\n",
        },
    )
    code, out, err = run(capsys, "check", name, "requirements.txt")
    assert (code, out) == (0, "All checks passed!\n")
    assert err == (
        f"reqlint: warning: {name} is not a file reqlint reads (requirements, pip "
        "config, pyproject.toml, conda, CI, tox.ini or Dockerfile); skipped\n"
    )


def test_checkout_named_requirements_is_not_a_requirements_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """openstack/requirements checked out as ``requirements/``: its bindep.txt and
    MANIFEST.in are not requirements files, whichever folder the scan starts from."""
    repo = tmp_path / "requirements"
    write(
        repo,
        {
            "bindep.txt": "gcc [compile test]\nlibffi-dev [platform:dpkg]\n",
            "MANIFEST.in": "include README.rst\n",
            "requirements.txt": "six==1.16.0\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "requirements")
    assert (code, out) == (0, "All checks passed!\n")
    monkeypatch.chdir(repo)
    assert run(capsys, "check", ".")[:2] == (0, "All checks passed!\n")


def test_a_file_named_alone_is_read_beside_its_neighbours_which_are_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pre-commit run names the staged files alone.  Each is judged as `check .` judges
    it: base.txt is installed by dev.txt beside it, under dev.txt's -c pins; and what the
    files around it say is not reported, nor fixed (trial 11)."""
    gpu = b"--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n"
    write(
        tmp_path,
        {
            "requirements/base.txt": "requests\nidna\n",
            "requirements/dev.txt": "-c ../locks/py311.txt\n-r base.txt\n",
            "locks/py311.txt": "requests==2.31.0\nidna==3.6\n",
        },
    )
    (tmp_path / "requirements" / "gpu.txt").write_bytes(gpu)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert "requirements/base.txt" not in out  # pinned by dev.txt's -c
    assert "requirements/gpu.txt:1:" in out
    for argv in (
        ["requirements/base.txt"],
        ["--fix", "--unsafe-fixes", "requirements/base.txt"],
        ["--format", "json", "requirements/base.txt"],
    ):
        code, out, err = run(capsys, "check", "--isolated", *argv)
        assert code == 0, (argv, out, err)
        assert "gpu.txt" not in out, argv
        assert "dev.txt" not in out, argv
    assert (tmp_path / "requirements" / "gpu.txt").read_bytes() == gpu
    # `show` reads it as `check` does, and lists it alone
    _, out, _ = run(capsys, "show", "requirements/base.txt")
    assert out.startswith("requirements/base.txt [requirements] (included from "), out
    assert "gpu.txt" not in out
    assert "requirements/dev.txt [" not in out
    # named, a neighbour is reported as in the scan
    code, out, _ = run(
        capsys, "check", "--isolated", "requirements/base.txt", "requirements/gpu.txt"
    )
    assert code == 1
    assert "requirements/gpu.txt:1:" in out
    assert "requirements/base.txt" not in out


def test_a_list_named_alone_finds_the_pyproject_declaring_its_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """keras's requirements-common.txt installs pytest beside a pyproject.toml that
    declares the package's dependencies: a test environment (info) in `check .`, 28
    warnings named alone (trial 11).  A pyproject.toml of test data below the list
    declares nothing of it (openstack's global-requirements.txt and
    openstack_requirements/tests/files/pyproject.toml)."""
    import subprocess

    keras, openstack = tmp_path / "keras", tmp_path / "requirements"
    write(
        keras,
        {
            "pyproject.toml": '[project]\nname = "keras"\ndependencies = ["numpy"]\n',
            "requirements-common.txt": "pytest\nnumpy\n",
        },
    )
    write(
        openstack,
        {
            "global-requirements.txt": "coverage\nsix\n",
            "openstack_requirements/tests/files/pyproject.toml": (
                '[project]\nname = "fixture"\ndependencies = ["six"]\n'
            ),
        },
    )
    note = (
        "(a test environment: it installs pytest, and the package's own dependencies are "
        "declared in pyproject.toml)"
    )
    for repo, named, expected in (
        (keras, "requirements-common.txt", "RL201 info: pytest is not pinned"),
        (openstack, "global-requirements.txt", "RL201 warning: coverage is not pinned"),
    ):
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        monkeypatch.chdir(repo)
        for target in (".", named):
            _, out, _ = run(capsys, "check", "--isolated", target)
            assert f"{named}:1:1: {expected}" in out, (target, out)
            assert (note in out) is (repo == keras), (target, out)


@pytest.mark.parametrize("repository", [True, False])
def test_a_requirements_folder_scanned_alone_is_read_as_in_the_whole_scan(
    repository: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """warehouse: `reqlint check requirements` said "no requirements, pip config or
    pyproject files found" and "All checks passed!" over eight requirements files, where
    `check .` reports them; an http extra index there went unseen (trial 11).  Names are
    read inside the repository (without a .git: inside the working folder)."""
    import subprocess

    top = tmp_path / "app"
    write(
        top,
        {
            "requirements/main.txt": ("--extra-index-url http://mirror.example/simple\nrequests\n"),
            "requirements/README.md": "how to compile\n",
        },
    )
    if repository:
        subprocess.run(["git", "init", "-q", str(top)], check=True)

    def codes(cwd: Path, target: str) -> list[tuple[str, str, int]]:
        monkeypatch.chdir(cwd)
        code, out, err = run(capsys, "check", "--isolated", "--format", "json", target)
        assert code == 1, (cwd, target, out, err)
        assert "no requirements" not in err
        return sorted(
            (Path(d["path"]).name, d["code"], d["line"]) for d in json.loads(out)["diagnostics"]
        )

    whole = codes(top, ".")
    assert {code for _, code, _ in whole} >= {"RL101", "RL102", "RL201"}
    assert codes(top, "requirements") == whole
    assert codes(top, "requirements/") == whole
    assert codes(tmp_path, "app/requirements") == whole
    if repository:  # without one, a folder scanned from inside is all there is to go by
        assert codes(top / "requirements", ".") == whole


def test_an_input_beside_its_pinned_twin_is_not_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # netbox: base_requirements.txt is the hand-kept input of the fully pinned
    # requirements.txt beside it
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "base_requirements.txt": "colorama\nDjango==6.0.*\n",
            "requirements.txt": "colorama==0.4.6\nDjango==6.0.8\n",
            "requirements-prod.txt": "-r requirements.txt\ngunicorn\n",
            "sub/requirements.txt": "colorama\n",
        },
    )
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 1
    assert "base_requirements.txt" not in out
    # a name the twin does not pin, or a file in another folder, is still judged
    assert "requirements-prod.txt:2:1: RL201 warning: gunicorn is not pinned" in out
    assert "sub/requirements.txt:1:1: RL201 warning: colorama is not pinned" in out
    code, out, _ = run(capsys, "show", "base_requirements.txt", "requirements.txt")
    assert (
        "base_requirements.txt [requirements]\n  role: compile-input: every name in it is "
        "pinned in requirements.txt beside it, a fully pinned file: this is its input\n"
    ) in out


@pytest.mark.parametrize(
    "path",
    [
        "docs/requirements.txt",
        "requirements/docs.txt",
        "requirements-docs.txt",
        "examples/app/requirements.txt",
        "benchmarks/requirements.txt",
        "doc-requirements.txt",
        "demo/chatbot/requirements.txt",  # gradio's demo apps
        "demos/requirements.txt",
        "samples/requirements.txt",
        "docs/rtd-requirements.txt",
        "rtd-requirements.txt",  # otel-contrib's Read the Docs build
        "website/setup/requirements.txt",  # spaCy's documentation site
    ],
)
def test_a_docs_or_examples_install_list_is_not_judged_by_the_pinning_rules(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # nobody deploys it: gradio's 201 one-line demo lists were 201 infos nobody acts on
    # (trial 21); the application's own list beside it is judged
    monkeypatch.chdir(tmp_path)
    vcs = "theme @ git+https://github.com/acme/theme.git\n"
    write(tmp_path, {path: "sphinx\nfuro==2024.*\nmyst>=1\n" + vcs, "requirements.txt": "flask\n"})
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 1, out
    assert path not in out
    assert "requirements.txt:1:1: RL201 warning: flask is not pinned" in out


@pytest.mark.parametrize(
    "path",
    [
        "requirements-dev.txt",  # MONAI
        "requirements-min.txt",  # MONAI's minimum-versions test list
        "requirements/typing.txt",  # pytorch-lightning's type-check stubs
        "requirements/ci.txt",
        ".actions/requirements.txt",  # a hidden tooling folder
        "tests/requirements.txt",
        "requirements/test-ci-default.txt",
        "requirements-lint.txt",
        "requirements/developer.txt",  # pytorch/serve
        "lib/integration-requirements.txt",  # streamlit's integration tests (trial 12)
        "requirements/e2e.txt",
    ],
)
def test_a_development_or_test_list_is_info(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # RL204 already said info in these lists; RL201/RL203 warned in the same files
    # (real-world trial 4: 39 warnings on MONAI, 22 on pytorch-lightning, none kept).
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {path: "pytest\nmypy==1.*\n"})
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 0, out
    assert (
        f"{path}:1:1: RL201 info: pytest is not pinned: pin an exact version "
        "(pytest==X.Y.Z) (a development or test list)" in out
    )
    assert f"{path}:2:1: RL203 info: mypy==1.* is a wildcard" in out
    assert " warning: " not in out
    assert out.endswith("both below the failure threshold (warning): the run passes.\n")


KERAS = {
    # keras: the package's dependencies in pyproject.toml, and the CI's lists beside it
    "pyproject.toml": "[project]\nname = 'keras'\nversion = '3'\ndependencies = ['numpy']\n",
    "requirements-common.txt": "pre-commit\nruff\npytest-cov\nnumpy\n",
    "requirements.txt": "torch\njax[cpu]\n-r requirements-common.txt\n",
    "requirements-server.txt": "gunicorn\n",
}


def test_a_list_that_installs_test_tools_is_a_test_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # keras's CI lists (trial 8: 53 warnings): a list that installs pytest, coverage,
    # pre-commit, tox or nox, itself or through an include, where the package declares its
    # dependencies elsewhere, is a test environment (info).  A list of neither still warns.
    monkeypatch.chdir(tmp_path)
    write(tmp_path, KERAS)
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert (
        "requirements-common.txt:2:1: RL201 info: ruff is not pinned: pin an exact version "
        "(ruff==X.Y.Z) (a test environment: it installs pre-commit, and the package's own "
        "dependencies are declared in pyproject.toml)"
    ) in out
    assert "requirements.txt:1:1: RL201 info: torch is not pinned" in out  # by its include
    assert "requirements-server.txt:1:1: RL201 warning: gunicorn is not pinned" in out
    assert code == 1
    # no package declared elsewhere: the list may be what gets deployed, so it warns
    (tmp_path / "pyproject.toml").unlink()
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert "requirements-common.txt:2:1: RL201 warning: ruff is not pinned" in out


@pytest.mark.parametrize(
    ("declaration", "declares"),
    [
        # spaCy (trial 9): setup.cfg's inline install_requires, its dev list beside it
        ("setup.cfg", "[options]\ninstall_requires =\n    numpy>=2\n    thinc\n"),
        ("setup.cfg", "[options]\ninstall_requires = numpy>=2\n"),
        ("setup.py", "from setuptools import setup\nsetup(install_requires=['numpy'])\n"),
        # great_expectations (trial 14): a dict of keywords handed to setup(**config)
        (
            "setup.py",
            "from setuptools import setup\nconfig = {\n    'name': 'gx',\n"
            '    "install_requires": required,\n}\nsetup(**config)\n',
        ),
    ],
)
def test_a_setup_declaration_makes_a_list_with_test_tools_a_test_environment(
    declaration: str,
    declares: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {declaration: declares, "requirements.txt": "jinja2\npre-commit>=2\n"})
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 0, out
    assert (
        "requirements.txt:1:1: RL201 info: jinja2 is not pinned: pin an exact version "
        "(jinja2==X.Y.Z) (a test environment: it installs pre-commit, and the package's own "
        f"dependencies are declared in {declaration})"
    ) in out
    # an empty install_requires (or none) declares nothing: the list still warns
    empty = "[options]\ninstall_requires =\n" if declaration == "setup.cfg" else "setup()\n"
    (tmp_path / declaration).write_text(empty, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 1
    assert "requirements.txt:1:1: RL201 warning: jinja2 is not pinned" in out


def test_a_list_inside_a_python_package_is_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # nni (trial 9): nni/algorithms/.../gbdt_selector/requirements.txt beside the part's
    # __init__.py, the package's own dependencies in setup.py's install_requires
    monkeypatch.chdir(tmp_path)
    part = "nni/algorithms/gbdt_selector"
    write(
        tmp_path,
        {
            "setup.py": "from setuptools import setup\nsetup(install_requires=['numpy'])\n",
            "nni/__init__.py": "",
            f"{part}/__init__.py": "",
            f"{part}/requirements.txt": "lightgbm\n",
            "app/requirements.txt": "gunicorn\n",  # no __init__.py beside it
        },
    )
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert (
        f"{part}/requirements.txt:1:1: RL201 info: lightgbm is not pinned: pin an exact "
        "version (lightgbm==X.Y.Z) (a list inside a Python package, for one of its parts: "
        "the package's own dependencies are declared in setup.py)"
    ) in out
    assert "app/requirements.txt:1:1: RL201 warning: gunicorn is not pinned" in out
    # no package declares its dependencies: the folder may be an application's
    (tmp_path / "setup.py").unlink()
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert f"{part}/requirements.txt:1:1: RL201 warning: lightgbm is not pinned" in out
    assert code == 1


def test_a_folder_beside_a_src_layout_is_no_part_of_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # peft (trial 12): method_comparison/ has an __init__.py, but find_packages("src")
    # ships src/peft alone; method_comparison/requirements-app.txt is the list a workflow
    # deploys to a Space, not "a list inside a Python package"
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "setup.py": (
                "from setuptools import find_packages, setup\n"
                "setup(packages=find_packages('src'), install_requires=['torch'])\n"
            ),
            "src/peft/__init__.py": "",
            "src/peft/tuners/__init__.py": "",
            "src/peft/tuners/requirements.txt": "bitsandbytes\n",
            "method_comparison/__init__.py": "",
            "method_comparison/requirements-app.txt": "dash\n",
        },
    )
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 1
    assert "method_comparison/requirements-app.txt:1:1: RL201 warning: dash is not pinned" in out
    assert ("src/peft/tuners/requirements.txt:1:1: RL201 info: bitsandbytes is not pinned") in out


@pytest.mark.parametrize(
    "path",
    [
        "requirements.txt",
        "requirements/production.txt",
        "requirements/latest.txt",  # 'test' only inside a word
        "requirements-devices.txt",
        "app/requirements.txt",
        "documentation-tool/requirements.txt",
        "requirements-docker.txt",
    ],
)
def test_an_application_install_list_still_fails(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {path: "sphinx\n"})
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 1
    assert f"{path}:1:1: RL201 warning: sphinx is not pinned" in out


def test_a_copy_of_the_static_project_dependencies_is_a_declaration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # whisper's requirements.txt repeats [project] dependencies (trial 5: 6 RL201 warnings
    # on a library's own list); a file with another name, or an option, is still judged
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'w'\ndynamic = ['version']\ndependencies = [\n"
            "  'numba',\n  'tqdm',\n  'triton>=2; platform_machine==\"x86_64\"',\n]\n"
            "[project.optional-dependencies]\ndev = ['pytest']\n",
            "requirements.txt": "numba\ntqdm  # bars\ntriton>=2.0.0;platform_machine=='x86_64'\n",
            "requirements-dev.txt": "pytest\n",
            "requirements-app.txt": "numba\ngunicorn\n",
            "requirements-idx.txt": "--extra-index-url https://x.example/simple\nnumba\n",
        },
    )
    code, out, _ = run(capsys, "check", "--isolated", "--select", "RL201", ".")
    assert code == 1
    assert "requirements.txt:" not in out.replace("-app.txt", "").replace("-idx.txt", "")
    assert "requirements-dev.txt" not in out
    assert "requirements-app.txt:2:1: RL201 warning: gunicorn" in out
    assert "requirements-idx.txt:2:1: RL201 warning: numba" in out
    # pre-commit passes the file alone: the same answer
    code, out, _ = run(capsys, "check", "--isolated", "--select", "RL201", "requirements.txt")
    assert (code, out.splitlines()[-1]) == (0, "All checks passed!")
    _, out, _ = run(capsys, "show", "requirements.txt")
    assert "role: metadata: every name in it is a dependency pyproject.toml declares" in out


def test_a_generated_copy_in_a_requirements_folder_is_a_declaration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # mlflow's requirements/skinny-requirements.txt, generated from the [project]
    # dependencies, got RL202 infos on the library's own ranges (trial 13); a folder of
    # another name, or a file naming more, is still judged
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'm'\nversion = '1'\n"
            "dependencies = ['Flask<4', 'numpy<3']\n",
            "requirements/skinny-requirements.txt": "# generated\nFlask<4\nnumpy<3\n",
            "requirements/extra-requirements.txt": "Flask<4\nlightgbm\n",
            "docker/requirements.txt": "Flask<4\nnumpy<3\n",
        },
    )
    code, out, _ = run(capsys, "check", "--isolated", "--select", "RL201,RL202", ".")
    assert code == 1
    assert "skinny-requirements.txt" not in out
    assert "requirements/extra-requirements.txt:2:1: RL201 warning: lightgbm" in out
    assert "docker/requirements.txt:1:1: RL202" in out
    _, out, _ = run(capsys, "show", "requirements/skinny-requirements.txt")
    assert "role: metadata: every name in it is a dependency pyproject.toml declares" in out


def test_a_byte_for_byte_copy_of_a_declaration_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # ansible's test/lib/ansible_test/_data/requirements/ansible.txt, which its sanity test
    # keeps equal to requirements.txt (read by [tool.setuptools.dynamic]), got five pinning
    # infos as a test list (trial 17); a copy that differs is still judged
    body = "# the loosest set possible\njinja2 >= 3.0.0\nPyYAML >= 5.1\ncryptography\n"
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'a'\nversion = '1'\ndynamic = ['dependencies']\n"
            "[tool.setuptools.dynamic]\ndependencies = {file = 'requirements.txt'}\n",
            "requirements.txt": body,
            "test/lib/at/_data/requirements/ansible.txt": body,
            "test/lib/at/_data/requirements/units.txt": body + "pytest\n",
        },
    )
    code, out, _ = run(capsys, "check", "--isolated", "--select", "RL201,RL202", ".")
    assert code == 0
    assert "_data/requirements/ansible.txt" not in out
    assert "test/lib/at/_data/requirements/units.txt:4:1: RL201 info: cryptography" in out
    # the pre-commit hook names the copy alone: the same answer, and `show` says why
    code, out, _ = run(capsys, "check", "--isolated", "test/lib/at/_data/requirements/ansible.txt")
    assert (code, out.splitlines()[-1]) == (0, "All checks passed!")
    _, out, _ = run(capsys, "show", "--isolated", "test/lib/at/_data/requirements/ansible.txt")
    assert (
        "role: metadata: the same bytes as requirements.txt, which [tool.setuptools.dynamic] "
        "reads it into the package metadata (pyproject.toml:"
    ) in out


def test_a_constraints_named_file_is_no_copy_of_the_declaration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Qiskit's constraints.txt (used with -c in a dozen CI commands) names only declared
    # dependencies, and `show` called it a copy of the package's declaration (trial 17)
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'q'\nversion = '1'\n"
            "dependencies = ['numpy>=1.17', 'scipy>=1.5']\n",
            "constraints.txt": "scipy<1.11\n",
            "requirements.txt": "numpy>=1.17\nscipy>=1.5\n",
        },
    )
    _, out, _ = run(capsys, "show", "--isolated", ".")
    roles = [line.strip() for line in out.splitlines() if "role:" in line]
    assert roles == [
        "role: constraints: a constraints file (by its name)",
        "role: metadata: every name in it is a dependency pyproject.toml declares ([project]): "
        "a copy of the package's declaration (pyproject.toml:4)",
    ]


def test_a_copy_of_the_declaration_installed_with_its_constraints_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Home Assistant's generated requirements.txt repeats [project].dependencies under a
    # `-c homeassistant/package_constraints.txt` line: that line made it an install list,
    # and its deliberate ranges got RL202 (trial 20); another option still does
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'app'\nversion = '1'\n"
            "dependencies = ['certifi>=2021.5.30', 'requests==2.32.3']\n",
            "pkg/constraints.txt": "urllib3>=1.26.5\n",
            "requirements.txt": "# generated\n\n-c pkg/constraints.txt\n\n"
            "certifi>=2021.5.30\nrequests==2.32.3\n",
        },
    )
    code, out, _ = run(capsys, "check", "--isolated", "--select", "RL201,RL202", ".")
    assert (code, out.splitlines()[-1]) == (0, "All checks passed!")
    _, out, _ = run(capsys, "show", "--isolated", "requirements.txt")
    assert "a copy of the package's declaration" in out
    write(tmp_path, {"requirements.txt": "--pre\ncertifi>=2021.5.30\nrequests==2.32.3\n"})
    code, out, _ = run(capsys, "check", "--isolated", "--select", "RL201,RL202", ".")
    assert "requirements.txt:2:1: RL202" in out


def test_a_wildcard_pin_is_info_as_a_range_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # text-generation-webui pins `accelerate==1.13.*` on purpose: 89 warnings, while
    # `Pillow>=9.5.0` beside it, a looser range, was info (trial 5)
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"requirements.txt": "accelerate==1.13.*\nPillow>=9.5.0\n"})
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 0, out
    assert "requirements.txt:1:1: RL203 info: accelerate==1.13.* is a wildcard" in out
    assert "requirements.txt:2:1: RL202 info" in out
    code, out, _ = run(capsys, "check", "--isolated", "--failure-threshold", "info", ".")
    assert code == 1


@pytest.mark.parametrize(
    "installer",
    [
        {
            ".github/workflows/min-deps.yml": "on: push\njobs:\n  a:\n    runs-on: x\n"
            "    steps:\n      - run: uv pip install --system -r lib/min-constraints-gen.txt\n"
        },
        {"docker/Dockerfile": "FROM python:3.12\nRUN pip install -r lib/min-constraints-gen.txt\n"},
        {"lib/tox.ini": "[testenv]\ndeps = -r min-constraints-gen.txt\n"},
    ],
    ids=["workflow", "dockerfile", "tox"],
)
@pytest.mark.parametrize("repository", [True, False])
def test_a_constraints_named_file_installed_with_r_pins_nothing_beside_it(
    installer: dict[str, str],
    repository: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # streamlit's lib/min-constraints-gen.txt is its minimum-versions install list (a CI
    # job installs it with -r), not the pins of lib/test-requirements.txt beside it: taken
    # for them, it hid RL201/RL202 on that file (real-world trial).  Without a .git the
    # CI files were not looked for at all (trial 12): the folder linted stands for it.
    monkeypatch.chdir(tmp_path)
    if repository:
        (tmp_path / ".git").mkdir()
    files = {
        "lib/test-requirements.txt": "numpy<2\nrequests\n",
        "lib/min-constraints-gen.txt": "numpy==1.20\nrequests==2.27\n",
    }
    write(tmp_path, files)
    code, out, _ = run(capsys, "check", "--select", "RL201,RL202", ".")
    assert code == 0  # taken for the pins beside it: nothing reported
    assert "RL201" not in out
    assert "constraints file beside it" in run(capsys, "show", ".")[1]
    write(tmp_path, installer)
    code, out, _ = run(capsys, "check", "--select", "RL201,RL202", ".")
    # a test list: info (which does not fail the run), but reported
    assert "lib/test-requirements.txt:2:1: RL201 info: requests is not pinned" in out
    assert "lib/test-requirements.txt:1:1: RL202 info" in out
    assert "constraints file beside it" not in run(capsys, "show", ".")[1]
    # named from the folder above, the same
    monkeypatch.chdir(tmp_path.parent)
    code, out, _ = run(capsys, "check", "--select", "RL201,RL202", tmp_path.name)
    assert f"{tmp_path.name}/lib/test-requirements.txt:2:1: RL201 info: requests" in out
    assert "constraints file beside it" not in run(capsys, "show", tmp_path.name)[1]


@pytest.mark.parametrize(
    ("parent", "repo", "file", "severity"),
    [
        # MONAI's tutorials repository: a repository of tutorials says so by its name
        ("work", "tutorials", "detection/requirements.txt", "none"),
        # a folder above the repository says nothing of its files: /home/dev, /srv/test
        ("dev", "app", "requirements.txt", "warning"),
        ("test", "app", "services/api/requirements.txt", "warning"),
        # inside the repository, a tests/ or docs/ folder does
        ("work", "app", "tests/requirements.txt", "info"),
        ("work", "app", "docs/requirements.txt", "none"),
    ],
)
def test_a_lists_purpose_is_read_inside_its_repository(
    parent: str,
    repo: str,
    file: str,
    severity: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same file has the same purpose however it is named on the command line: MONAI's
    tutorials gave 28 RL201 warnings from inside the repository and 28 infos from beside
    it (`reqlint check tutorials`), and an absolute path through /home/dev/ made every
    list a development list (trial 10)."""
    import subprocess

    top = tmp_path / parent / repo
    write(top, {file: "requests\n"})
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    spellings = [(top, "."), (top.parent, repo), (tmp_path, str(top / file))]
    seen = set()
    for cwd, target in spellings:
        monkeypatch.chdir(cwd)
        code, out, _ = run(capsys, "check", "--isolated", "--format", "json", target)
        found = [(d["code"], d["severity"]) for d in json.loads(out)["diagnostics"]]
        assert len(found) <= 1
        seen.add(found[0] if found else ("", "none"))
        assert code == (1 if severity == "warning" else 0), out
    assert seen == {("RL201" if severity != "none" else "", severity)}


@pytest.mark.parametrize(
    ("parent", "repo", "file", "severity"),
    [
        ("work", "tutorials", "detection/requirements.txt", "none"),
        ("dev", "app", "requirements.txt", "warning"),
        ("work", "app", "tests/requirements.txt", "info"),
    ],
)
def test_a_lists_purpose_without_a_repository_is_read_inside_the_folder_linted(
    parent: str,
    repo: str,
    file: str,
    severity: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A source tarball or a Docker build context has no .git: MONAI's tutorials gave 28
    RL201 warnings from inside (`check .`) and 28 infos from beside it (`check
    tutorials`) (trial 10).  The folder named, else the working folder, stands for the
    repository."""
    top = tmp_path / parent / repo
    write(top, {file: "requests\n"})
    assert not any((p / ".git").exists() for p in [top, *top.parents])
    spellings = [(top, "."), (top.parent, repo), (top, file), (top.parent, f"{repo}/{file}")]
    seen = set()
    for cwd, target in spellings:
        monkeypatch.chdir(cwd)
        code, out, _ = run(capsys, "check", "--isolated", "--format", "json", target)
        found = [(d["code"], d["severity"]) for d in json.loads(out)["diagnostics"]]
        assert len(found) <= 1
        seen.add((target, *(found[0] if found else ("", "none"))))
        assert code == (1 if severity == "warning" else 0), out
    rule = "RL201" if severity != "none" else ""
    assert seen == {(target, rule, severity) for _, target in spellings}


TOX_EMBEDAPI = (
    "[tox]\nrequires = tox<4\nenvlist = embedapi\n\n[testenv]\ndescription = run tests\n"
    "deps = -r requirements/embedapi.txt\n"
    "commands = pip install --extra-index-url http://mirror.example/simple pkg\n"
)


@pytest.mark.parametrize(
    ("name", "text", "shown", "codes"),
    [
        # readthedocs' `tox -c tox.embedapi.ini`: tox's, by its name, in a scan too
        ("tox.embedapi.ini", TOX_EMBEDAPI, "tox", {"RL101", "RL102"}),
        # any .ini with [tox]/[testenv] sections, named on the command line
        ("ci/embed.ini", TOX_EMBEDAPI, "tox", {"RL101", "RL102"}),
        # a pip configuration file by another name: its [global] section
        (
            "ci/pip-mirror.conf",
            "[global]\nextra-index-url = http://mirror.example/simple\n",
            "pip-config",
            {"RL101", "RL102"},
        ),
    ],
)
def test_an_explicit_ini_file_is_read_by_its_sections(
    name: str,
    text: str,
    shown: str,
    codes: set[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``reqlint check tox.embedapi.ini`` linted tox's file as a pip configuration file:
    nine RL108 warnings ("pip does not know deps ...; did you mean dest?") and none of its
    commands read (trial 10: readthedocs)."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {name: text})
    if "embedapi.txt" in text:  # the file its deps install, beside it (else RL003)
        write(tmp_path, {str(Path(name).parent / "requirements/embedapi.txt"): "demo==1.0\n"})
    code, out, _ = run(capsys, "check", "--isolated", "--format", "json", name)
    assert {d["code"] for d in json.loads(out)["diagnostics"]} == codes
    assert code == 1
    _, out, _ = run(capsys, "show", name)
    assert f"{name} [{shown}]" in out


def test_an_explicit_ini_file_pip_does_not_read_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # pytest.ini's [pytest]: no section pip reads, so not a pip configuration file
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"pytest.ini": "[pytest]\naddopts = -q\n"})
    code, out, err = run(capsys, "check", "pytest.ini")
    assert (code, out) == (0, "All checks passed!\n")
    assert "pytest.ini is not a file reqlint reads" in err


def test_rl202_says_what_the_list_is_for_as_rl201_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # jupyterhub's docs/requirements.txt: RL201's lines said "(an install list for docs,
    # examples or benchmarks)", RL202's beside them did not (trial 10)
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "docs/requirements.txt": "sphinx>=4,<9\nfuro\n",
            "requirements-dev.txt": "ruff>=0.5\n",
            "requirements.txt": "flask>=2\n",
        },
    )
    _, out, _ = run(capsys, "check", "--isolated", "--format", "json", ".")
    messages = {
        d["path"]: d["message"] for d in json.loads(out)["diagnostics"] if d["code"] == "RL202"
    }
    # (a docs list is not judged at all, trial 21)
    assert messages == {
        "requirements-dev.txt": "ruff>=0.5 is a range, not an exact pin: installs can differ "
        "from day to day (a development or test list)",
        "requirements.txt": "flask>=2 is a range, not an exact pin: installs can differ from "
        "day to day",
    }


def test_show_says_what_it_lists_of_a_file_of_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # readthedocs' `show tox.ini` listed one VCS requirement and nothing of its other deps,
    # under a command described as "what pip will see" (trial 10): it says what it reads
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "tox.ini": "[testenv]\ndeps =\n    coverage\n    pkg @ git+https://g.example/p\n",
            "requirements.txt": "six==1.16.0\n",
        },
    )
    _, out, _ = run(capsys, "show", "tox.ini", "requirements.txt")
    assert out.splitlines() == [
        "requirements.txt [requirements]",
        "  requirements.txt:1: requirement six==1.16.0",
        "tox.ini [tox]",
        "  read: the index options and PIP_*/UV_* variables its pip and uv commands get, and "
        "the VCS requirements they name (other requirements on a command line are not listed)",
        "  tox.ini:4: requirement pkg @ git+https://g.example/p",
    ]


def test_an_ansible_collections_python_dependencies_are_its_declaration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """awx's awx_collection/requirements.txt (beside galaxy.yml) is what ansible-builder
    installs with the collection, where Ansible's certification rules forbid pins: RL201
    asked for pytz==X.Y.Z and failed the run (trial 11).  With a
    meta/execution-environment.yml, the file it names is the declaration instead."""
    galaxy = "namespace: awx\nname: awx\nversion: 24.6.1\n"
    write(
        tmp_path,
        {
            "awx_collection/galaxy.yml": galaxy,
            "awx_collection/requirements.txt": "pytz\nawxkit\n",
            "other/galaxy.yml": galaxy,
            "other/meta/execution-environment.yml": (
                "version: 1\ndependencies:\n  python: meta/ee-requirements.txt\n"
            ),
            "other/meta/ee-requirements.txt": "requests\n",
            "other/requirements.txt": "flask\n",  # not the one ansible-builder reads
            "app/requirements.txt": "django\n",  # no collection here
        },
    )
    monkeypatch.chdir(tmp_path)
    for target in (".", "awx_collection/requirements.txt"):
        code, out, _ = run(capsys, "check", "--isolated", target)
        assert "awx_collection" not in out, out
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 1
    assert "other/meta/ee-requirements.txt" not in out
    assert "other/requirements.txt:1:1: RL201 warning: flask is not pinned" in out
    assert "app/requirements.txt:1:1: RL201 warning: django is not pinned" in out
    _, out, _ = run(capsys, "show", ".")
    assert (
        "role: metadata: ansible-builder installs it as the Python dependencies of the "
        "collection (awx_collection/galaxy.yml)"
    ) in out
    assert "(named in meta/execution-environment.yml) (other/galaxy.yml)" in out


def test_a_project_templates_placeholders_are_not_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # kedro's only findings were 4 RL001 errors on its cookiecutter template's
    # `kedro~={{ cookiecutter.kedro_version }}` (trial 14): nobody installs the template.
    # What the template would hand every generated project is still judged.
    monkeypatch.chdir(tmp_path)
    template = "templates/project/{{ cookiecutter.repo_name }}/requirements.txt"
    write(
        tmp_path,
        {
            template: "kedro~={{ cookiecutter.kedro_version }}\n"
            "--extra-index-url http://x.example/simple\n",
            "requirements.txt": "kedro~={{ cookiecutter.kedro_version }}\n",
            template.replace("requirements.txt", "pyproject.toml"): "[project]\nname = 'x'\n"
            "version = '1'\ndependencies = ['kedro~={{ cookiecutter.kedro_version }}']\n",
        },
    )
    code, out, _ = run(capsys, "check", "--isolated", ".")
    assert code == 1
    assert "requirements.txt:1:6: RL001 error: invalid requirement" in out  # not a template
    assert f"{template}:1:" not in out
    assert "pyproject.toml" not in out
    assert f"{template}:2:1: RL102 warning: index http://x.example/simple uses plain http" in out
    # the pre-commit hook names it alone: the same
    code, out, _ = run(capsys, "check", "--isolated", "--select", "RL001", template)
    assert (code, out.strip()) == (0, "All checks passed!")


def test_show_says_what_pbr_reads_each_file_as(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # nova (trial 14): show said pbr reads test-requirements.txt into the package
    # metadata; pbr makes it tests_require, which no wheel's metadata carries
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "setup.py": "import setuptools\nsetuptools.setup(setup_requires=['pbr'], pbr=True)\n",
            "requirements.txt": "oslo.config>=6\n",
            "test-requirements.txt": "stestr>=2\n",
        },
    )
    _, out, _ = run(capsys, "show", "--format", "json", ".")
    reasons = {f["path"]: f["reason"] for f in json.loads(out)["files"]}
    assert reasons == {
        "requirements.txt": "pbr reads it into the package metadata (install_requires) "
        "(setup.py:2)",
        "test-requirements.txt": "pbr reads it as the package's tests_require (setup.py:2)",
    }


def test_an_input_is_paired_with_the_compiled_file_of_its_own_stem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # ansible's sanity.import.in was paired with sanity.ansible-doc.txt, which happens to
    # pin its names too; its own output is sanity.import.txt (trial 17)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    pins = "pyyaml==6.0.2\njinja2==3.1.6\n"
    write(
        tmp_path,
        {
            "reqs/sanity.ansible-doc.txt": pins,
            "reqs/sanity.import.in": "pyyaml\njinja2\n",
            "reqs/sanity.import.txt": pins,
        },
    )
    assert main(["show", "--format", "json", "."]) == 0
    files = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert files["reqs/sanity.import.in"]["role"] == "compile-input"
    assert "reqs/sanity.import.txt beside it" in files["reqs/sanity.import.in"]["reason"]
