"""The whole machine's pip: ``doctor`` / ``check --system`` with and without ``--network``.

Every test builds its own HOME with a real ``~/.config/pip/pip.conf`` (or sets
``PIP_CONFIG_FILE``) and starts its own servers on 127.0.0.1.  pip reads ``/etc/pip.conf``
whatever the environment says, except when ``PIP_CONFIG_FILE`` is the null device (which
also switches the user file off); tests of a user pip.conf therefore assert nothing that
file could change (on this machine it sets only ``cert`` to a bundle that exists).
Nothing here sends a packet off the machine: the guard fixture makes any non-loopback
connect or name lookup fail, so pip's default index (pypi.org) shows up as a blocked
lookup, never as a request.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from netservers import (
    LOOPBACK,
    Refusing,
    SimpleIndex,
    blackholes,
    clean_network_env,
    loopback_only,
    make_project,
    make_wheel,
    refusing,
)

from reqlint.cli import main
from reqlint.network.probe import PER_HOST, ProxyConfig, proxy_config, run_probes
from reqlint.network.results import ProbeStatus
from reqlint.redact import redact_url

__all__ = ["clean_network_env", "loopback_only", "refusing"]  # fixtures, used by name

pytestmark = [pytest.mark.network, pytest.mark.usefixtures("loopback_only", "clean_network_env")]


def machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, conf: str | None = None, **env: str
) -> Path:
    """A HOME of its own (with ``conf`` as the user pip.conf), as cwd."""
    home = tmp_path / "home"
    (home / ".config" / "pip").mkdir(parents=True, exist_ok=True)
    if conf is not None:
        (home / ".config" / "pip" / "pip.conf").write_text(conf, encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    monkeypatch.setenv("VIRTUAL_ENV", str(tmp_path / "venv"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    return home


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def rows(report: dict[str, object]) -> dict[str, dict[str, object]]:
    return {str(r["index"]): r for r in report["network"]}  # type: ignore[attr-defined]


def findings(report: dict[str, object], code: str) -> list[dict[str, object]]:
    return [d for d in report["diagnostics"] if d["code"] == code]  # type: ignore[attr-defined]


USER_CONF = ".config/pip/pip.conf"


# ------------------------------------------------------------------ 1. the whole configuration


@pytest.mark.slow
def test_doctor_network_names_the_problem_in_the_user_pip_conf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with SimpleIndex({"alpha": ("1.0",)}) as mirror, blackholes(1) as holes:
        dead = holes[0].url()
        machine(
            tmp_path,
            monkeypatch,
            f"[global]\nindex-url = {mirror.url}\n"
            f"extra-index-url = {dead}\ntimeout = 1\nretries = 0\n",
        )
        started = time.monotonic()
        code, report = run_json(capsys, "doctor", "--network", "--timeout", "1")
        elapsed = time.monotonic() - started
    assert code == 1
    assert elapsed < 3
    table = rows(report)
    assert table[mirror.url]["source"] == f"home/{USER_CONF}:2"
    assert table[mirror.url]["status"] == "ok"
    assert table[dead]["source"] == f"home/{USER_CONF}:3"
    assert table[dead]["status"] == "connect-timeout"
    (rl301,) = findings(report, "RL301")
    assert (rl301["path"], rl301["line"]) == (f"home/{USER_CONF}", 3)
    assert "packets dropped" in str(rl301["message"])


@pytest.mark.parametrize("configured", ["default", "PIP_INDEX_URL", "pip.conf"])
def test_the_implicit_primary_is_probed_where_it_comes_from(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    configured: str,
) -> None:
    with SimpleIndex({"alpha": ("1.0",)}) as mirror:
        if configured == "default":
            machine(tmp_path, monkeypatch, PIP_CONFIG_FILE=os.devnull)
            url, source = "https://pypi.org/simple", "pip's default index"
        elif configured == "PIP_INDEX_URL":
            machine(tmp_path, monkeypatch, PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL=mirror.url)
            url, source = mirror.url, "env:PIP_INDEX_URL"
        else:
            machine(tmp_path, monkeypatch, f"[install]\nindex-url = {mirror.url}\n")
            url, source = mirror.url, f"home/{USER_CONF}:2"
        code = main(["doctor", "--network", "--timeout", "1"])
        out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("index "))
    assert header.split() == ["index", "source", "status", "latency"]
    (row,) = [line for line in out.splitlines() if line.startswith(url)]
    assert source in row
    if configured == "default":
        # The guard refused the lookup: pypi.org was probed, and no packet left.
        assert " dns " in row
        assert code == 1
    else:
        assert " ok " in row


def test_the_probe_table_is_printed_even_with_nothing_to_probe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    machine(tmp_path, monkeypatch, PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1")
    main(["doctor", "--network", "--timeout", "1"])
    assert "no index or find-links location to probe (--no-index)" in capsys.readouterr().out
    code, report = run_json(capsys, "doctor", "--network", "--timeout", "1")
    assert report["network"] == []
    assert code in (0, 1)


# ------------------------------------------------------------------ proxies


@pytest.mark.parametrize(
    ("environ", "setting", "url", "expected"),
    [
        ({}, None, "http://a.example/simple", None),
        (
            {"HTTP_PROXY": "http://p:1"},
            None,
            "http://a.example/simple",
            ("http://p:1", "HTTP_PROXY"),
        ),
        (
            {"HTTP_PROXY": "http://p:1", "http_proxy": "http://q:2"},
            None,
            "http://a.example/",
            ("http://q:2", "http_proxy"),
        ),
        ({"HTTP_PROXY": "http://p:1"}, None, "https://a.example/", None),
        ({"ALL_PROXY": "p:3"}, None, "https://a.example/", ("http://p:3", "ALL_PROXY")),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "example"}, None, "https://a.example/", None),
        (
            {"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".example:8443"},
            None,
            "https://a.example:8443/",
            None,
        ),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "10.0.0.0/8"}, None, "https://10.1.2.3/", None),
        (
            {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "other.example"},
            None,
            "https://a.example/",
            ("http://p:1", "HTTPS_PROXY"),
        ),
        # pip's own proxy beats the environment, and NO_PROXY no longer applies.
        (
            {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"},
            "http://pip:9",
            "https://a.example/",
            ("http://pip:9", "env:PIP_PROXY"),
        ),
    ],
)
def test_proxy_choice_is_pips(
    environ: dict[str, str], setting: str | None, url: str, expected: tuple[str, str] | None
) -> None:
    project = make_project(["alpha"], env={"proxy": setting} if setting else None)
    config = proxy_config(project.config_settings(), environ)
    assert config.for_url(url) == expected


def test_empty_proxy_or_no_proxy_env_means_no_proxy() -> None:
    assert (
        ProxyConfig(setting="", env={"all": ("http://p:1", "ALL_PROXY")}).for_url(
            "https://a.example/"
        )
        is None
    )
    assert (
        ProxyConfig(no_env=True, env={"all": ("http://p:1", "ALL_PROXY")}).for_url(
            "https://a.example/"
        )
        is None
    )


def test_a_dead_proxy_is_named_as_the_cause(refusing: Refusing) -> None:
    project = make_project(["--index-url http://pkgs.proxied.invalid/simple/", "alpha"])
    environ = {"HTTP_PROXY": f"http://{LOOPBACK}:{refusing.port}"}
    result = run_probes(project, timeout=1, environ=environ)["http://pkgs.proxied.invalid/simple/"]
    assert result.status is ProbeStatus.REFUSED
    assert "the proxy is what fails" in result.detail
    assert f"{LOOPBACK}:{refusing.port} (from HTTP_PROXY)" in result.detail
    assert result.proxy == f"http://{LOOPBACK}:{refusing.port} (HTTP_PROXY)"


def test_pips_proxy_setting_is_used_despite_no_proxy() -> None:
    with SimpleIndex({"alpha": ("1.0",)}) as proxy:
        project = make_project(
            ["--index-url http://pkgs.proxied.invalid/simple/", "alpha"],
            env={"proxy": f"http://{LOOPBACK}:{proxy.port}"},
        )
        results = run_probes(project, timeout=1, environ={"NO_PROXY": "*"})
    result = results["http://pkgs.proxied.invalid/simple/"]
    assert result.status is ProbeStatus.OK, result.detail
    assert result.projects["alpha"].found is True
    assert proxy.requests[0][0] == "http://pkgs.proxied.invalid/simple/"


# ------------------------------------------------------------------ 3. one timeout for many


@pytest.mark.slow
def test_48_blackholed_indexes_cost_about_one_timeout() -> None:
    timeout = 1.0
    names = [f"p{i}" for i in range(12)]
    with SimpleIndex(dict.fromkeys(names, ("1.0",)), delay=0.1) as mirror, blackholes(48) as holes:
        dead = [h.url() for h in holes]
        project = make_project(
            [f"--index-url {mirror.url}", *(f"--extra-index-url {u}" for u in dead), *names]
        )
        started = time.monotonic()
        # The live mirror's speed is not what is measured here: under a loaded CI machine
        # its first answer may pass the default slow threshold (timeout / 2).
        results = run_probes(project, timeout=timeout, slow_threshold=timeout)
        elapsed = time.monotonic() - started
    assert [results[u].status for u in dead] == [ProbeStatus.CONNECT_TIMEOUT] * 48
    assert results[mirror.url].status is ProbeStatus.OK
    assert all(results[mirror.url].projects[n].found for n in names)
    print(
        f"\n48 blackholed + 1 live index (13 pages): {elapsed:.2f} s, timeout {timeout:g} s; "
        f"at most {mirror.max_in_flight} requests at once on the mirror"
    )
    assert elapsed < 2.5 * timeout
    assert 1 < mirror.max_in_flight <= PER_HOST


# ------------------------------------------------------------------ 2. local locations


def _local_conf(tmp_path: Path, mirror: str) -> str:
    (tmp_path / "a-file").write_text("not a folder\n")
    return (
        f"[global]\nindex-url = {mirror}\n"
        f"extra-index-url = file://{tmp_path}/no-mirror/simple\n"
        f"    file://{tmp_path}/a-file\n"
        f"find-links = {tmp_path}/no-wheels\n"
        f"cert = {tmp_path}/no-ca.pem\n"
    )


def test_missing_local_locations_offline_agree_with_pip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with SimpleIndex({"alpha": ("1.0",)}) as mirror:
        home = machine(tmp_path, monkeypatch, _local_conf(tmp_path, mirror.url))
        code, report = run_json(capsys, "doctor")
        (tmp_path / "req.txt").write_text("alpha==1.0\n")
        pip = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--no-deps",
                "--no-cache-dir",
                "--target",
                str(tmp_path / "t"),
                "--timeout",
                "1",
                "-r",
                "req.txt",
            ],
            env={
                "PATH": os.environ["PATH"],
                "HOME": str(home),
                "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_CONFIG_DIRS": str(tmp_path / "xdg"),
                "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            },
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert pip.returncode == 0, pip.stderr
    assert code == 1
    rl110 = {(d["line"], d["state"]) for d in findings(report, "RL110")}
    assert rl110 == {(3, "missing"), (4, "not-a-directory"), (5, "missing")}
    # pip itself: one "is ignored" warning per location and project, the same three.
    ignored = set(re.findall(r"Location '([^']+)' is ignored", pip.stderr))
    assert ignored == {
        f"file://{tmp_path}/no-mirror/simple/alpha/",
        f"file://{tmp_path}/a-file/alpha/",
        f"{tmp_path}/no-wheels",
    }
    for d in findings(report, "RL110"):
        assert "for every project it looks up" in str(d["message"])
    (rl111,) = findings(report, "RL111")
    assert (rl111["line"], rl111["role"]) == (6, "cert")


def test_a_plain_check_never_looks_at_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    machine(tmp_path, monkeypatch, PIP_CONFIG_FILE=os.devnull)
    (tmp_path / "requirements.txt").write_text("--find-links ./wheels\nalpha==1.0\n")
    _, plain = run_json(capsys, "check", "--select", "RL110", "requirements.txt")
    _, system = run_json(capsys, "check", "--system", "--select", "RL110", "requirements.txt")
    assert findings(plain, "RL110") == []
    (found,) = findings(system, "RL110")
    assert found["line"] == 1
    assert found["path"] == "requirements.txt"
    (tmp_path / "wheels").mkdir()  # pip resolves it beside the requirements file
    _, fixed = run_json(capsys, "check", "--system", "--select", "RL110", "requirements.txt")
    assert findings(fixed, "RL110") == []


def test_missing_client_cert_and_cert_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ca.pem").write_text("")
    machine(
        tmp_path,
        monkeypatch,
        PIP_CONFIG_FILE=os.devnull,
        PIP_CLIENT_CERT="missing/client.pem",
        PIP_CERT=str(tmp_path / "ca.pem"),
    )
    _, report = run_json(capsys, "doctor", "--select", "RL111")
    (found,) = findings(report, "RL111")
    assert found["path"] == "env:PIP_CLIENT_CERT"
    assert found["role"] == "client-cert"
    assert "pip stops at its first request" in str(found["message"])


def test_local_index_lacking_a_project_under_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    local = tmp_path / "simple"
    (local / "alpha").mkdir(parents=True)
    name, data = make_wheel("alpha", "1.0")
    (local / "alpha" / name).write_bytes(data)
    with SimpleIndex({"alpha": ("1.0",), "beta": ("2.0",)}) as mirror:
        machine(
            tmp_path,
            monkeypatch,
            f"[global]\nindex-url = {mirror.url}\nextra-index-url = file://{local}\n",
        )
        (tmp_path / "requirements.txt").write_text("alpha==1.0\nbeta==2.0\n")
        _, offline = run_json(capsys, "doctor", "-r", "requirements.txt")
        _, online = run_json(
            capsys, "doctor", "--network", "--timeout", "1", "-r", "requirements.txt"
        )
    assert findings(offline, "RL110") == []
    (found,) = findings(online, "RL110")
    assert found["severity"] == "info"
    assert found["projects"] == ["beta"]
    assert found["line"] == 3
    row = rows(online)[redact_url(f"file://{local}")]
    assert (row["status"], row["latency"], row["local"]) == ("ok", "local", True)
    # A folder on this machine is not a name anyone can register: no RL304 for it.
    assert not any(
        redact_url(f"file://{local}") in str(d["message"]) for d in findings(online, "RL304")
    )


@pytest.mark.slow
def test_pip_and_the_probe_take_the_same_proxy(tmp_path: Path) -> None:
    """The oracle: real pip with ``PIP_PROXY`` set and ``NO_PROXY=*`` still goes through
    the proxy (pip ignores the environment then), so the install of a package from a host
    name that does not resolve succeeds, through the loopback proxy only, and the probe
    of the same configuration says the same."""
    index = "http://pkgs.proxied.invalid/simple/"
    with SimpleIndex({"alpha": ("1.0",)}) as proxy:
        proxy_url = f"http://{LOOPBACK}:{proxy.port}"
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "NO_PROXY": "*",
            "PIP_CONFIG_FILE": os.devnull,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_PROXY": proxy_url,
            "PIP_INDEX_URL": index,
            "PIP_RETRIES": "0",
            "PIP_TIMEOUT": "2",
            "PIP_TRUSTED_HOST": "pkgs.proxied.invalid",
        }
        pip = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--no-deps",
                "--no-cache-dir",
                "--target",
                str(tmp_path / "t"),
                "alpha==1.0",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        project = make_project(["alpha"], env={"proxy": proxy_url, "index-url": index})
        result = run_probes(project, timeout=2, environ={"NO_PROXY": "*"})[index]
    assert pip.returncode == 0, pip.stderr
    assert any(path.startswith(index) for path, _ in proxy.requests)
    assert result.status is ProbeStatus.OK, result.detail
    assert result.proxy == f"{proxy_url} (env:PIP_PROXY)"


def test_rl110_unsafe_fix_comments_out_just_the_missing_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "wheels").mkdir()
    conf = f"[global]\nfind-links = {tmp_path}/wheels\n    {tmp_path}/gone\ntimeout = 5\n"
    home = machine(tmp_path, monkeypatch, conf)
    monkeypatch.chdir(home)  # doctor edits only files inside the working directory
    assert main(["doctor", "--select", "RL110", "--fix"]) == 1  # unsafe: not applied
    path = home / USER_CONF
    assert path.read_text() == conf
    capsys.readouterr()
    assert main(["doctor", "--select", "RL110", "--fix", "--unsafe-fixes"]) == 0
    assert path.read_text() == conf.replace(f"    {tmp_path}/gone", f"#     {tmp_path}/gone")
    capsys.readouterr()
    _, report = run_json(capsys, "doctor", "--select", "RL110")
    assert findings(report, "RL110") == []
