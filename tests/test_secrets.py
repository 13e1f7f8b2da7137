"""Credentials never leave reqlint: every source kind, every output, the network.

One repository is laid out with secrets in every place reqlint reads (a requirements file
and its include, pip.conf, pyproject.toml for uv and poetry, a conda environment, GitLab
CI, tox.ini, a Dockerfile, and the environment for ``--system``/``doctor``), in every
shape a secret takes in an index URL: ``user:password@``, ``__token__:pypi-…``, a
URL-encoded password, a token as the user part, a token as a path segment (Gemfury), and
a ``${VAR}`` that expands to a password.  Then every output is produced — text, JSON,
SARIF, GitHub, GitLab, ``--diff``, ``--statistics``, ``doctor`` and ``show`` in each of
their formats, ``--network`` tables and probe errors against loopback servers — and no
byte of any secret (nor its URL-decoded form) may appear in stdout or stderr.  Each run
must also really have seen the secrets (RL104 fires for the files that hold them), so the
test cannot pass by reading nothing.

The network part also checks what a probe sends: credentials go to the host they belong
to and to no other (a redirect to another host gets no ``Authorization`` header).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import urllib.parse
from pathlib import Path

import pytest
from netservers import Refusing, SimpleIndex, clean_network_env, loopback_only

from reqlint.cli import main

__all__ = ["clean_network_env", "loopback_only"]  # fixtures used by name below

SECRETS = {
    "password": "hunter2-Pa55word",
    "pypi_token": "pypi-AgEIcHlwaS5vcmcCJDAwMDAtMTExMS0yMjIy",
    "encoded": "p%40ss%3Aw0rd%2Fx",
    "user_token": "ghp_1234567890abcdefghijABCDEFGHIJ12",
    "path_token": "F00BAR1234567890abcdefXYZ",
    "expanded": "from-the-environment-Secr3t",
    "conf": "conf-Secr3t-value",
    "env": "env-var-Secr3t-value",
    "fury_token": "Ab3dEf7hIj9kLmN0pQ",  # Gemfury's TOKEN: form (real-world trial)
    "user_part": "S3CRETfff",  # a user part alone that is no plain account name
}
FORBIDDEN = sorted({*SECRETS.values(), urllib.parse.unquote(SECRETS["encoded"])})

FILES = {
    "requirements.txt": (
        f"--index-url https://deploy:{SECRETS['password']}@nexus.example/simple\n"
        f"--extra-index-url https://__token__:{SECRETS['pypi_token']}@upload.example/simple\n"
        "-r more.txt\n"
        "requests\n"
    ),
    "more.txt": (
        f"--extra-index-url https://bob:{SECRETS['encoded']}@enc.example/simple\n"
        f"--extra-index-url https://{SECRETS['user_token']}@gh.example/simple\n"
        f"--extra-index-url https://pypi.fury.io/{SECRETS['path_token']}/acme/\n"
        "--extra-index-url https://ci:${CI_PASS}@var.example/simple\n"
        f"--extra-index-url https://{SECRETS['fury_token']}:@pypi.fury.io/acme/\n"
        "--extra-index-url https://git@plain-user.example/simple\n"
        f"private-pkg @ https://tok:{SECRETS['password']}@files.example/p-1.0.tar.gz\n"
    ),
    "pip.conf": (
        "[global]\n"
        f"extra-index-url = https://conf:{SECRETS['conf']}@conf.example/simple # mirror\n"
        "timeout = not-a-number\n"
    ),
    "pyproject.toml": (
        "[project]\nname = 'x'\nversion = '1'\n\n"
        "[[tool.uv.index]]\nname = 'private'\n"
        f"url = 'https://uv:{SECRETS['password']}@uv.example/simple'\n\n"
        "[[tool.poetry.source]]\nname = 'p'\n"
        f"url = 'https://poetry:{SECRETS['password']}@poetry.example/simple'\n"
    ),
    "environment.yml": (
        "name: e\ndependencies:\n  - pip\n  - pip:\n"
        f"    - --extra-index-url https://conda:{SECRETS['password']}@conda.example/simple\n"
        "    - numpy\n"
    ),
    ".gitlab-ci.yml": (
        "test:\n  script:\n"
        f"    - pip install --extra-index-url https://gl:{SECRETS['password']}@gl.example/simple"
        " numpy\n"
    ),
    "tox.ini": (
        "[testenv]\n"
        f"install_command = python -m pip install -i https://tox:{SECRETS['password']}"
        "@tox.example/simple {opts} {packages}\n"
        "deps = pytest\n"
    ),
    "Dockerfile": (
        "FROM python:3.12\n"
        f"ENV PIP_FIND_LINKS=https://{SECRETS['user_part']}@corp.example/wheels\n"
        f"RUN pip install --extra-index-url https://dock:{SECRETS['password']}@dock.example/"
        "simple numpy\n"
    ),
}


def run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue() + err.getvalue()


def assert_discreet(output: str, what: str) -> None:
    leaked = [s for s in FORBIDDEN if s in output]
    assert not leaked, f"{what} printed {leaked}"


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, body in FILES.items():
        (tmp_path / name).write_text(body, "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI_PASS", SECRETS["expanded"])
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", f"https://env:{SECRETS['env']}@env.example/s")
    monkeypatch.setenv("PIP_CONFIG_FILE", str(tmp_path / "pip.conf"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-global"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


CHECK_FORMATS = ["text", "json", "sarif", "github", "gitlab"]


def test_token_user_parts_are_reported_and_plain_user_names_shown(repository: Path) -> None:
    """Gemfury's ``TOKEN:@`` is a secret (error); a user part alone that is no plain account
    name may be one (info); ``git@`` is a user name, shown and not reported."""
    code, output = run(["check", "--isolated", "--format", "json", "."])
    assert code == 1
    found = json.loads(output[: output.rindex("}") + 1])["diagnostics"]
    rl104 = {(d["path"], d["line"]): d for d in found if d["code"] == "RL104"}
    assert rl104[("more.txt", 5)]["severity"] == "error"
    assert "https://****:@pypi.fury.io/acme/" in rl104[("more.txt", 5)]["message"]
    assert rl104[("Dockerfile", 2)]["severity"] == "info"
    assert "may be a token" in rl104[("Dockerfile", 2)]["message"]
    assert ("more.txt", 6) not in rl104
    assert "https://git@plain-user.example/simple" in output
    assert_discreet(output, "check --format json")


@pytest.mark.parametrize("extra", [[], ["--system"], ["--statistics"], ["--unsafe-fixes"]])
@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_check_never_prints_a_secret(repository: Path, fmt: str, extra: list[str]) -> None:
    code, output = run(["check", "--isolated", "--format", fmt, *extra, "."])
    assert code == 1, output
    assert_discreet(output, f"check --format {fmt} {extra}")
    if fmt == "json" and "--statistics" not in extra:
        found = json.loads(output[: output.rindex("}") + 1])["diagnostics"]
        paths = {d["path"] for d in found if d["code"] == "RL104"}
        # every file with a literal secret was read, and its secret seen
        assert {
            "requirements.txt",
            "more.txt",
            "pip.conf",
            "pyproject.toml",
            "environment.yml",
            ".gitlab-ci.yml",
            "tox.ini",
            "Dockerfile",
        } <= paths


def test_diff_never_prints_a_secret(repository: Path) -> None:
    before = {name: (repository / name).read_bytes() for name in FILES}
    code, output = run(["check", "--isolated", "--diff", "--unsafe-fixes", "."])
    assert code == 1
    assert output.startswith("--- a/"), output  # a diff was printed
    assert "****" in output
    assert_discreet(output, "--diff")
    assert {name: (repository / name).read_bytes() for name in FILES} == before


def test_fix_output_never_prints_a_secret(repository: Path) -> None:
    code, output = run(["check", "--isolated", "--fix", "--unsafe-fixes", "."])
    assert code == 1
    assert_discreet(output, "--fix")


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_doctor_never_prints_a_secret(repository: Path, fmt: str) -> None:
    code, output = run(["doctor", "--isolated", "--format", fmt, "-r", "requirements.txt"])
    assert code == 1
    assert "env.example" in output or fmt != "text"  # the environment was read
    assert_discreet(output, f"doctor --format {fmt}")


@pytest.mark.parametrize("extra", [[], ["--system"]])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_show_never_prints_a_secret(repository: Path, fmt: str, extra: list[str]) -> None:
    code, output = run(["show", "--format", fmt, *extra, "."])
    assert code == 0
    assert "nexus.example" in output
    assert_discreet(output, f"show --format {fmt} {extra}")


@pytest.mark.usefixtures("loopback_only", "clean_network_env")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab"])
def test_network_tables_and_errors_never_print_a_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with (
        SimpleIndex({"requests": ("2.0",)}) as good,
        Refusing() as dead,
        SimpleIndex(status=500) as broken,
    ):
        host = good.url.split("://", 1)[1]
        conf, token = SECRETS["conf"], SECRETS["pypi_token"]
        lines = [
            f"--index-url http://deploy:{SECRETS['password']}@{host}",
            "--extra-index-url " + dead.url().replace("://", f"://u:{conf}@") + "/s/",
            "--extra-index-url " + broken.url.replace("://", f"://__token__:{token}@"),
            f"--extra-index-url {good.url}{SECRETS['path_token']}/acme/",
            "requests==2.0",
        ]
        (tmp_path / "requirements.txt").write_text("\n".join(lines) + "\n", "utf-8")
        code, output = run(
            [
                "check",
                "--isolated",
                "--network",
                "--timeout",
                "2",
                "--format",
                fmt,
                "requirements.txt",
            ]
        )
        sent = good.requests
    assert code == 1
    assert_discreet(output, f"--network --format {fmt}")
    assert "RL30" in output  # a probe finding was reported (the dead or broken index)
    # the probe did authenticate against its own host (the credentials are used) ...
    assert any("authorization" in {k.lower() for k in headers} for _, headers in sent)


@pytest.mark.usefixtures("loopback_only", "clean_network_env")
def test_redirect_to_another_host_gets_no_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with SimpleIndex({"requests": ("2.0",)}, host="127.0.0.2") as other:
        with SimpleIndex(redirect_to=other.url) as first:
            url = first.url.replace("://", f"://deploy:{SECRETS['password']}@")
            (tmp_path / "requirements.txt").write_text(
                f"--index-url {url}\nrequests==2.0\n", "utf-8"
            )
            code, output = run(
                [
                    "check",
                    "--isolated",
                    "--network",
                    "--timeout",
                    "2",
                    "--format",
                    "json",
                    "requirements.txt",
                ]
            )
        asked_first = first.requests
    assert code in (0, 1)
    assert_discreet(output, "--network with a redirect")
    assert asked_first, "the probe never reached the first index"
    assert other.requests, "the redirect was not followed"
    for _, headers in other.requests:
        assert "authorization" not in {k.lower() for k in headers}
        assert not [v for v in headers.values() if any(s in v for s in FORBIDDEN)]


def test_environment_values_do_not_leak_through_os_environ(repository: Path) -> None:
    # the test's own set-up really put secrets where --system reads them
    assert SECRETS["env"] in os.environ["PIP_EXTRA_INDEX_URL"]
