"""A file named on the command line with a name reqlint does not know is read by what it
holds before it is read as a requirements file (trial 18: `git ls-files | xargs reqlint
check` on securedrop gave 98,535 findings, and `--fix` on its ``debian/rules`` and
``bin/dev-deps`` commented out 24 build and shell lines as "safe" duplicate fixes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reqlint_process import write_tree as write

from reqlint.cli import main

SHELL_LINES = (
    "set -e\n"
    "rm -f config.py\n"
    'if [ -n "$CI" ]; then\n'
    "  pip install --index-url http://mirror.example/simple -r requirements.txt\n"
    "fi\n"
    "fi\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_shell_script_named_alone_is_read_as_one_and_fix_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"bin/dev-deps": "#!/usr/bin/env bash\n" + SHELL_LINES})
    before = (tmp_path / "bin/dev-deps").read_bytes()
    code, out, err = run(capsys, "--fix", "bin/dev-deps")
    assert (tmp_path / "bin/dev-deps").read_bytes() == before
    assert err == ""
    assert code == 1
    # its pip command's plain-http index, at its line, and nothing about `fi` or `rm`
    codes = {line.split()[1] for line in out.splitlines()[:-1]}
    assert codes == {"RL102"}, out
    assert out.startswith("bin/dev-deps:5:")


def test_a_makefile_by_its_shebang_or_as_debian_rules_is_read_as_a_makefile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # securedrop builds its virtualenvs in debian/rules with pip
    rules = (
        "#!/usr/bin/make -f\n"
        "PIP_ARGS=--no-deps\n"
        "%:\n\tdh $@\n"
        "override_dh_auto_install:\n"
        "\trm -f config.py\n"
        "\t./venv/bin/pip install $(PIP_ARGS) --index-url http://mirror.example/simple \\\n"
        "\t\t-r requirements.txt\n"
    )
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"pkg/debian/rules": rules, "build/rules": rules, "requirements.txt": ""})
    for named in ("pkg/debian/rules", "build/rules"):
        before = (tmp_path / named).read_bytes()
        code, out, err = run(capsys, "--fix", "--select", "RL001,RL102,RL201,RL206", named)
        assert (tmp_path / named).read_bytes() == before
        assert (code, err) == (1, "")
        assert [line.split(" RL")[0] for line in out.splitlines()[:-1]] == [f"{named}:7:37:"]
        assert "RL102" in out
    main(["check", "--isolated", "--show-files", "."])
    assert "pkg/debian/rules" in capsys.readouterr().out.split()  # a scan reads it too


@pytest.mark.parametrize(
    ("name", "body", "why"),
    [
        (
            "bin/dev-deps",
            SHELL_LINES.replace("pip install", "echo") + "}\n[*]\n",
            "does not read as a requirements file (5 of its 8 lines are neither a "
            "requirement nor a pip option), so it is not linted as one (a file named "
            "*requirements*.txt or .in always is)",
        ),
        ("tools/gen", "#!/usr/bin/env python3\nimport sys\n", "is a python3 script (its #! line)"),
        ("runtime.txt", "python-3.11.4\n", "is not a file reqlint reads"),
        ("Jenkinsfile", "pipeline {\n}\n", "is not a file reqlint reads"),
        ("key.gpg", "\x99\x00\x0drequests\n", "is a binary file, not a requirements file"),
        (
            "etc/unit.service",
            "[Unit]\nDescription=x\nExecStart=/usr/bin/x --a\n",
            "does not read as a requirements file (3 of its 3 lines",
        ),
    ],
)
def test_a_file_that_is_no_requirements_file_is_one_warning_and_never_fixed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    body: str,
    why: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {name: body, "requirements.txt": "six==1.16.0\n"})
    before = (tmp_path / name).read_bytes()
    code, out, err = run(capsys, "--fix", name, "requirements.txt")
    assert (code, out) == (0, "All checks passed!\n")
    assert err.startswith(f"reqlint: warning: {name} {why}")
    assert err.endswith("; skipped\n")
    assert (tmp_path / name).read_bytes() == before


def test_a_requirements_file_of_any_name_is_still_linted_typos_and_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # pre-commit passes whatever a hook's `files:` matches: deps/base.lst is one
    body = (
        "# pinned\n--index-url https://pypi.org/simple\nrequests==2.31.0\n"
        "six >= 1.16 ; python_version < '3.12'\n./local/pkg\n"
        "git+https://example.com/x.git@v1#egg=x\nflask=2.0\n"
    )
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"deps/base.lst": body})
    code, out, err = run(capsys, "deps/base.lst")
    assert (code, err) == (1, "")
    assert "deps/base.lst:7:6: RL001 error" in out
    assert "deps/base.lst:4:1: RL202" in out


def test_a_dockerfile_with_a_prefix_is_a_dockerfile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # securedrop's dockerfiles/focal/python3/DemoDockerfile and SlimDockerfile
    docker = "FROM python:3.12\nRUN pip install --index-url http://mirror.example/simple x==1\n"
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"docker/DemoDockerfile": docker, "docker/SlimDockerfile": docker})
    main(["check", "--isolated", "--show-files", "."])
    assert capsys.readouterr().out.split() == ["docker/DemoDockerfile", "docker/SlimDockerfile"]
    code, out, _ = run(capsys, "--select", "RL102", "docker/DemoDockerfile")
    assert code == 1
    assert out.startswith("docker/DemoDockerfile:2:")


def test_a_file_over_a_mebibyte_is_judged_by_its_first_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # rich's imgs/progress.gif (2.4 MB) and assets/logo.ai (1.2 MB, not UTF-8), passed by
    # `git ls-files | xargs reqlint check`: RL003 errors "binary file" and "cannot decode"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "progress.gif").write_bytes(b"GIF89a\x00\x01" * (300 * 1024))
    (tmp_path / "logo.ai").write_bytes(b"%!PS-Adobe-3.0 \xe2\x80\n%%Creator: x\n" * 40_000)
    assert (tmp_path / "progress.gif").stat().st_size > 2 * 1024 * 1024
    assert (tmp_path / "logo.ai").stat().st_size > 1024 * 1024
    code, out, err = run(capsys, "progress.gif", "logo.ai")
    assert code == 0, out
    assert "RL003" not in out
    assert "warning: progress.gif is a binary file, not a requirements file; skipped" in err
    assert "warning: logo.ai does not read as a requirements file" in err


def test_a_list_of_version_tags_is_no_requirements_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # rich's asvhashfile: the git tags asv benchmarks, one per line (each a valid
    # project name, so 60 RL201 "v10.0.0 is not pinned" warnings)
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"asvhashfile": "v10.0.0\nv10.2.2\n11.0.0\nv12\n", "deps": "v10\nflask\n"})
    code, out, err = run(capsys, "asvhashfile", "deps")
    assert code == 1
    assert "asvhashfile does not read as a requirements file" in err
    # half the lines could be requirements: read as one (a name, then a bare tag)
    assert out.startswith("deps:1:1: RL201"), out
    assert "asvhashfile:" not in out
