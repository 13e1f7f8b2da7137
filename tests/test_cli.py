"""The command line, called as ``main([...])`` (the same code path as the console script),
on real files: exit codes, formats, options, bad input, doctor/show/rule(s)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reqlint.cli import main
from reqlint.docs import rule_page
from reqlint.rules import BY_CODE, RULES

ROOT = Path(__file__).resolve().parent.parent
INCIDENT = ROOT / "examples" / "incident" / "requirements.txt"


@pytest.fixture
def incident(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "requirements.txt"
    shutil.copyfile(INCIDENT, target)
    monkeypatch.chdir(tmp_path)
    return target


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_incident_reports_rl101_and_rl102(
    incident: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "requirements.txt")
    assert code == 1
    lines = out.splitlines()
    assert any(
        line.startswith(
            "requirements.txt:2:1: RL101 [*] warning: extra index "
            "http://pypi.python.org/simple/ (the public index) beside "
            "primary index http://pypi.example.com/simple/"
        )
        for line in lines
    ), out
    assert {line.split(": ")[1].split()[0] for line in lines if ": RL102" in line} == {"RL102"}
    assert sum(": RL102" in line for line in lines) == 2
    assert lines[-1] == "Found 3 problems (1 fixable with `reqlint --fix`)."


def test_folder_default_is_current_directory(
    incident: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys)
    assert code == 1
    assert "requirements.txt:2:1: RL101" in out
    code, out, _ = run(capsys, "check", ".")
    assert code == 1
    assert "RL101" in out


def test_clean_file_exits_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text(
        "-i https://pypi.internal.example/simple\nsix==1.16.0\n"
    )
    assert run(capsys, "requirements.txt") == (0, "All checks passed!\n", "")


def test_explicit_file_with_any_name_is_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deps.lst").write_text("requests\n")
    code, out, _ = run(capsys, "deps.lst")
    assert code == 1
    assert "deps.lst:1:1: RL201" in out
    # ...but walking a folder picks only files reqlint knows by name.
    assert run(capsys, ".")[0] == 0


def test_walk_skips_virtualenvs_and_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for folder in (".git", "node_modules", "venv-x", "build"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "requirements.txt").write_text("requests\n")
    (tmp_path / "venv-x" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "prod.txt").write_text("pytest\n")
    code, out, _ = run(capsys, ".")
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == ["requirements/prod.txt"]


def test_select_ignore_and_extend_select(
    incident: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert {
        line.split()[1]
        for line in run(capsys, "--select", "RL101", ".")[1].splitlines()
        if line.startswith("requirements.txt")
    } == {"RL101"}
    code, out, _ = run(capsys, "--ignore", "RL1", ".")
    assert (code, out) == (0, "All checks passed!\n")
    code, out, _ = run(capsys, "--select", "RL2", "--extend-select", "RL102", ".")
    assert {line.split()[1] for line in out.splitlines()[:-1]} == {"RL102"}


def test_unknown_rule_in_select_is_a_usage_error(
    incident: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--select", "RL999", ".")
    assert code == 2
    assert out == ""
    assert "RL999" in err


def test_usage_errors_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "missing.txt")
    assert code == 2
    assert "missing.txt: no such file or folder" in err
    assert run(capsys, "--format", "xml", ".")[0] == 2
    assert run(capsys, "rule", "RL000")[0] == 2


def test_json_output_schema(incident: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "json", ".")
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == 1
    assert doc["summary"]["count"] == 3
    first = doc["diagnostics"][0]
    assert set(first) >= {
        "code",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "fixable",
        "source",
        "fix",
        "related",
    }
    rl101 = next(d for d in doc["diagnostics"] if d["code"] == "RL101")
    assert (rl101["path"], rl101["line"], rl101["column"]) == ("requirements.txt", 2, 1)
    assert rl101["fixable"] is True
    assert rl101["fix"]["applicability"] == "safe"
    assert rl101["related"][0]["line"] == 1


def test_output_file(incident: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--output-file", "report.txt", ".")
    assert code == 1
    assert out == ""
    assert "RL101" in (incident.parent / "report.txt").read_text()


def test_colour_only_on_request(
    incident: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" not in run(capsys, ".")[1]  # not a TTY
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(capsys, ".")[1]
    assert "\x1b[" not in run(capsys, "--no-color", ".")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(capsys, ".")[1]


def test_github_format_is_chosen_inside_actions(
    incident: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    summary = incident.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(capsys, ".")
    assert code == 1
    assert any(
        line.startswith("::warning file=requirements.txt,line=2") for line in out.splitlines()
    ), out
    assert "RL101" in summary.read_text()


def test_quiet_prints_findings_only(incident: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--quiet", ".")
    assert code == 1
    assert len(out.splitlines()) == 3
    assert "Found" not in out


def test_rule_prints_the_docs_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "rl101")
    assert code == 0
    assert out == rule_page(BY_CODE["RL101"].meta)
    assert out == (ROOT / "docs" / "rules" / "RL101.md").read_text()


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [r.meta.code for r in RULES]
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert [r["code"] for r in json.loads(out)] == [r.meta.code for r in RULES]


def test_show_says_a_misspelt_setting_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # What RL108 reports is no option pip or uv will use: show says so, as written.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tox.ini").write_text(
        "[testenv]\nsetenv =\n    PIP_CONSTRAINTS = c.txt\n"
        "    UV_EXTRA_INDEX = https://x.example/simple\n"
        "    PIP_INDEX_URL = https://mirror.example/simple\n"
    )
    (tmp_path / "pip.conf").write_text("[global]\nextra_index_urls = https://a.example/simple\n")
    code, out, _ = run(capsys, "show", "tox.ini", "pip.conf")
    assert code == 0
    assert "tox.ini:3: ignored PIP_CONSTRAINTS c.txt (pip has no such setting)" in out
    assert (
        "tox.ini:4: ignored UV_EXTRA_INDEX https://x.example/simple (uv has no such variable)"
        in out
    )
    assert "tox.ini:5: option index-url https://mirror.example/simple" in out
    assert (
        "pip.conf:2: ignored [global] extra_index_urls https://a.example/simple "
        "(pip has no such setting)"
    ) in out
    code, out, _ = run(capsys, "show", "--format", "json", "tox.ini")
    options = json.loads(out)["files"][0]["options"]
    assert [o.get("ignored") for o in options] == [
        "pip has no such setting",
        "uv has no such variable",
        None,
    ]


def test_show_prints_what_pip_sees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text(
        "-i https://user:s3cr3t@m.example/simple\n-r base.txt\n"
        "requests[socks]==2.32.3 ; python_version >= '3.8' \\\n    --hash=sha256:" + "a" * 64 + "\n"
    )
    (tmp_path / "base.txt").write_text("six==1.16.0\n")
    code, out, _ = run(capsys, "show", "requirements.txt")
    assert code == 0
    assert "s3cr3t" not in out
    assert "requirements.txt:1: option index-url https://****:****@m.example/simple" in out
    assert "base.txt:1: requirement six==1.16.0" in out
    code, out, _ = run(capsys, "show", "--format", "json", "requirements.txt")
    files = {f["path"]: f for f in json.loads(out)["files"]}
    req = files["requirements.txt"]["requirements"][0]
    assert (req["name"], req["specifier"], req["extras"], req["line"]) == (
        "requests",
        "==2.32.3",
        ["socks"],
        3,
    )
    assert req["marker"] == 'python_version >= "3.8"'
    assert files["base.txt"]["included_from"] == "requirements.txt"


def test_a_url_include_is_no_finding_and_show_says_it_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Airflow's documented install: pip fetches the constraints URL, reqlint does not
    monkeypatch.chdir(tmp_path)
    url = "https://raw.githubusercontent.com/apache/airflow/constraints-2.9.0/constraints-3.8.txt"
    (tmp_path / "requirements.txt").write_text(f"-c {url}\napache-airflow[celery]==2.9.0\n")
    code, out, _ = run(capsys, "check", "requirements.txt")
    assert code == 0, out
    assert "RL003" not in out
    code, out, _ = run(capsys, "show", "requirements.txt")
    assert (
        f"requirements.txt:1: include -c {url} (a URL: pip fetches it, reqlint does not "
        "read it)" in out
    )


def _doctor_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    monkeypatch.setenv("VIRTUAL_ENV", str(tmp_path / "venv"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def test_doctor_shows_effective_config_with_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _doctor_env(
        tmp_path,
        monkeypatch,
        PIP_CONFIG_FILE=os.devnull,
        PIP_INDEX_URL="https://deploy:s3cr3t@internal.example/simple",
        PIP_EXTRA_INDEX_URL="https://pypi.org/simple",
        PIP_TIMEOUT="5",
    )
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    code, out, _ = run(capsys, "doctor", "-r", "requirements.txt")
    assert code == 1
    assert "s3cr3t" not in out
    assert "none (PIP_CONFIG_FILE is the null device)" in out
    assert "index-url" in out
    assert "(env:PIP_INDEX_URL)" in out
    assert "1. https://****:****@internal.example/simple  (primary; env:PIP_INDEX_URL)" in out
    assert "2. https://pypi.org/simple  (extra; env:PIP_EXTRA_INDEX_URL)" in out
    assert "env:PIP_EXTRA_INDEX_URL: RL101" in out
    assert "env:PIP_INDEX_URL: RL104" in out


def test_doctor_config_file_beats_nothing_env_beats_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    conf = tmp_path / "pip.conf"
    conf.write_text(
        "[global]\nindex-url = https://a.example/simple\ntimeout = 30\n[install]\ntimeout = 40\n"
    )
    _doctor_env(tmp_path, monkeypatch, PIP_CONFIG_FILE=str(conf), PIP_RETRIES="1")
    code, out, _ = run(capsys, "doctor")
    assert f"1. https://a.example/simple  (primary; {conf.name}:2 [global])" in out
    assert f"timeout          40  ({conf.name}:5 [install])" in out
    assert "retries          1  (env:PIP_RETRIES)" in out
    assert code in (0, 1)


BAD_INPUTS = [
    ("binary", b"\x00\x01\x02\x03requests\n", "binary file"),
    ("invalid-utf8", b"requests==1.0\ncaf\xe9==1.0\n", "cannot decode"),
]


@pytest.mark.parametrize(("name", "data", "needle"), BAD_INPUTS)
def test_bad_input_is_a_diagnostic_not_a_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    needle: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_bytes(data)
    (tmp_path / "dev-requirements.txt").write_text("requests\n")
    code, out, err = run(capsys, "requirements.txt", "dev-requirements.txt")
    assert code == 1
    assert err == ""
    assert needle in out
    assert "requirements.txt" in out
    assert "dev-requirements.txt:1:1: RL201" in out  # the run went on with the other file


def test_directory_symlink_fifo_and_huge_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text("-r folder\n-r dangling.txt\n-r huge.txt\n")
    (tmp_path / "folder").mkdir()
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, out, err = run(capsys, "requirements.txt")
    assert code == 1
    assert err == ""
    assert "requirements.txt:1:" in out
    assert "folder is a directory" in out
    assert "requirements.txt:2:" in out
    assert "broken symbolic link" in out
    assert "requirements.txt:3:" in out
    assert "50 MiB" in out
    os.mkfifo(tmp_path / "pipe.txt")
    code, out, _ = run(capsys, "pipe.txt")
    assert code == 1
    assert "not a regular file" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file: no unreadable file here")
def test_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # pragma: no cover
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "requirements.txt"
    path.write_text("six\n")
    path.chmod(0)
    code, out, _ = run(capsys, "requirements.txt")
    assert code == 1
    assert "cannot read" in out


def test_console_script_and_module_entry_points(incident: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    for argv in (
        [sys.executable, "-m", "reqlint", "."],
        [str(Path(sys.executable).parent / "reqlint"), "."],
    ):
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        assert proc.returncode == 1, proc.stderr
        assert "requirements.txt:2:1: RL101" in proc.stdout


def test_doctor_machine_extras_dropped_by_index_url_are_rl106_not_rl101(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    conf = tmp_path / "pip.conf"
    conf.write_text("[global]\nextra-index-url = https://mirror.example/simple\n")
    _doctor_env(tmp_path, monkeypatch, PIP_CONFIG_FILE=str(conf))
    (tmp_path / "requirements.txt").write_text("-i https://pypi.internal.example/simple\n")
    code, out, _ = run(capsys, "doctor", "--quiet", "-r", "requirements.txt")
    findings = {
        (line.split(": ")[0], line.split(": ")[1].split()[0])
        for line in out.splitlines()
        if conf.name in line.split(": ")[0]
    }
    assert code == 1
    assert (f"{conf.name}:2:19", "RL106") in findings
    assert not any(code == "RL101" for _, code in findings)


def test_conda_pip_includes_are_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "environment.yml").write_text(
        "name: x\ndependencies:\n  - pip\n  - pip:\n    - -r requirements-pip.txt\n"
        "    - -r missing.txt\n"
    )
    (tmp_path / "requirements-pip.txt").write_text(
        "--extra-index-url https://pypi.org/simple\nrequests\n"
    )
    code, out, _ = run(capsys, "--quiet", "environment.yml")
    assert code == 1
    found = {
        (line.split(":")[0], line.split(":")[1], line.split(": ")[1].split()[0])
        for line in out.splitlines()
    }
    assert ("environment.yml", "6", "RL003") in found
    assert ("requirements-pip.txt", "1", "RL101") in found
    assert ("requirements-pip.txt", "2", "RL201") in found


def test_explicit_unknown_yaml_is_read_as_conda(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dev-env.yml").write_text(
        "dependencies:\n  - pip:\n    - --trusted-host pypi.example.com\n"
    )
    code, out, _ = run(capsys, "--quiet", "dev-env.yml")
    assert code == 1
    assert out.startswith("dev-env.yml:3:")
    assert "RL103" in out
    assert "RL001" not in out


def test_internal_error_is_reported_not_raised(
    incident: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Fault injection: a bug cannot be produced on demand, so one rule is made to fail.
    from reqlint import cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cli, "run", broken)
    code, out, err = run(capsys, ".")
    assert (code, out) == (2, "")
    assert err.startswith("reqlint: internal error: RuntimeError: simulated bug")


def test_unwritable_output_file_is_a_usage_error(
    incident: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--output-file", "no/such/folder/report.json", ".")
    assert (code, out) == (2, "")
    assert "cannot write no/such/folder/report.json" in err


def test_exit_codes_with_fix_follow_what_remains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text(
        "-i https://pypi.internal.example/simple\n--extra-index-url https://pypi.org/simple\n"
        "six==1.16.0\nsix==1.16.0\n"
    )
    code, out, _ = run(capsys, "--fix", ".")
    assert code == 0, out
    assert out == "Fixed 2 problems.\nAll checks passed!\n"
    assert (tmp_path / "requirements.txt").read_text() == (
        "-i https://pypi.internal.example/simple\n# --extra-index-url https://pypi.org/simple\n"
        "six==1.16.0\n# six==1.16.0\n"
    )
    assert run(capsys, "--fix", ".") == (0, "All checks passed!\n", "")


def test_nothing_to_lint_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("hello\n")
    code, out, err = run(capsys, ".")
    assert (code, out) == (0, "All checks passed!\n")
    assert err == (
        "reqlint: warning: no requirements, pip config or pyproject files found under .\n"
    )


UV_PYPROJECT = (
    '[project]\nname = "x"\nversion = "1"\n\n[tool.uv]\n'
    'index-url = "https://pypi.internal.example/simple"\n'
    'extra-index-url = [\n    "https://mirror.internal.example/simple",\n'
    '    "https://pypi.org/simple",\n]\nindex-strategy = "unsafe-best-match"\n'
)


def test_uv_fixes_need_unsafe_fixes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tomlkit

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "pyproject.toml"
    path.write_text(UV_PYPROJECT)
    code, out, _ = run(capsys, "--fix", ".")
    assert code == 1
    assert path.read_text() == UV_PYPROJECT
    assert out.splitlines()[-1] == "2 more fixes available with `--fix --unsafe-fixes`."
    code, out, _ = run(capsys, "--fix", "--unsafe-fixes", ".")
    assert (code, out) == (0, "Fixed 2 problems.\nAll checks passed!\n")
    assert path.read_text() == UV_PYPROJECT.replace('    "https://pypi.org/simple",\n', "").replace(
        'index-strategy = "unsafe-best-match"\n', ""
    )
    assert tomlkit.parse(path.read_text()).unwrap()["tool"]["uv"] == {
        "index-url": "https://pypi.internal.example/simple",
        "extra-index-url": ["https://mirror.internal.example/simple"],
    }


def test_exit_zero_and_statistics(incident: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--exit-zero", ".")
    assert code == 0
    assert "RL101" in out
    code, out, _ = run(capsys, "--statistics", ".")
    assert code == 1
    # ruff's marks, from the findings' own fixes: [*] all fixable, [ ] none; and the
    # severity, so what fails the run is told apart
    assert out.splitlines() == [
        "2  RL102  warning  [ ] insecure-http-index",
        "1  RL101  warning  [*] extra-index-url",
        "Found 3 problems (1 fixable with `reqlint --fix`).",
    ]


def test_statistics_split_a_code_by_severity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text("requests\nidna\n", encoding="utf-8")
    (tmp_path / "requirements-dev.txt").write_text("pytest\n", encoding="utf-8")
    code, out, _ = run(capsys, "--isolated", "--select", "RL201", "--statistics", ".")
    assert code == 1
    assert out.splitlines()[:2] == [
        "2  RL201  warning  unpinned-requirement",
        "1  RL201  info     unpinned-requirement",
    ]
    assert run(capsys, "--exit-zero", "missing-folder")[0] == 2


@pytest.mark.parametrize(
    ("argv", "code", "summary"),
    [
        ((), 0, "Found 2 problems, both below the failure threshold (warning): the run passes."),
        (
            ("requirements.txt", "requirements-dev.txt"),
            1,
            "Found 3 problems; 2 are below the failure threshold (warning) and do not fail "
            "the run.",
        ),
        (("--failure-threshold", "info"), 1, "Found 2 problems."),
        (("--failure-threshold", "none"), 0, "Found 2 problems."),
    ],
)
def test_summary_tells_findings_below_the_failure_threshold_apart(
    argv: tuple[str, ...],
    code: int,
    summary: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """gradio's 220 info findings on its demo lists passed the run, yet the summary read
    "Found 220 problems." like a failing one (trial 10): it says which do not fail."""
    (tmp_path / "requirements-dev.txt").write_text("pytest\nruff>=0.5\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("requests\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = argv if argv[:1] == ("requirements.txt",) else ("requirements-dev.txt", *argv)
    got, out, _ = run(capsys, *args)
    assert (got, out.splitlines()[-1]) == (code, summary)
