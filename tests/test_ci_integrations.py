"""CI integrations: SARIF security tags, GitLab paths against CI_PROJECT_DIR, and the
composite GitHub Action, whose steps are run here the way the runner runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
import yaml

from reqlint.cli import main
from reqlint.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
BAD = (
    b"--index-url http://pypi.internal.example/simple\n"
    b"--extra-index-url https://user:s3cr3tpw@pypi.org/simple\n"
    b"--trusted-host pypi.internal.example\n"
    b"requests==2.32.3\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user-config"))
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "requirements.txt").write_bytes(BAD)
    return tmp_path


# ------------------------------------------------------------------------------ SARIF


def test_sarif_rules_are_tagged_and_security_rules_have_a_severity(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "check", "--output-format", "sarif", ".")
    log = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {r.meta.code for r in RULES}
    security = {code for code, rule in rules.items() if "security" in rule["properties"]["tags"]}
    assert security == {"RL102", "RL103", "RL104", "RL304"}
    for code, rule in rules.items():
        props = rule["properties"]
        assert props["tags"], code
        if code in security:
            # GitHub reads a number in a string, 0.0-10.0; >= 7.0 is "high".
            assert 7.0 <= float(props["security-severity"]) <= 10.0
        else:
            assert "security-severity" not in props
    results = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert {"RL102", "RL103", "RL104"} <= results
    assert "s3cr3tpw" not in out


# ----------------------------------------------------------------------------- GitLab


def test_gitlab_paths_are_relative_to_ci_project_dir(
    work: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(work / "app")  # the job runs reqlint in a sub-folder
    _, out, _ = run(capsys, "check", "--output-format", "gitlab", ".")
    assert {i["location"]["path"] for i in json.loads(out)} == {"requirements.txt"}
    monkeypatch.setenv("CI_PROJECT_DIR", str(work))
    _, out, _ = run(capsys, "check", "--output-format", "gitlab", ".")
    issues = json.loads(out)
    assert {i["location"]["path"] for i in issues} == {"app/requirements.txt"}
    # The text output is unchanged: only GitLab resolves paths against the project.
    assert "requirements.txt:1:1:" in run(capsys, "check", "--no-color", ".")[1]


# ------------------------------------------------------------------ the GitHub Action


def _action_steps() -> list[dict[str, object]]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps: list[dict[str, object]] = action["runs"]["steps"]
    return steps


def _defaults() -> dict[str, str]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}


def _expand(text: str, inputs: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        assert expression.startswith("inputs."), expression
        return inputs[expression.removeprefix("inputs.")]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def _source_tree(target: Path) -> Path:
    """The files git would check out (tracked and new, not ignored), as the runner has
    them at GITHUB_ACTION_PATH."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)
def test_action_steps_install_lint_and_write_sarif(tmp_path: Path) -> None:
    action_path = _source_tree(tmp_path / "action")
    workspace = tmp_path / "workspace"
    (workspace / "app").mkdir(parents=True)
    (workspace / "app" / "requirements.txt").write_bytes(BAD)
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    files = {name: tmp_path / name for name in ("path", "output", "summary")}
    for path in files.values():
        path.write_text("", encoding="utf-8")
    inputs = {
        **_defaults(),
        "sarif-file": "reqlint.sarif",
        "python": sys.executable,
        # Offline: the dependencies and the build backend come from this test's
        # environment (PYTHONPATH below), not from a package index.
        "pip-args": "--no-index --no-build-isolation",
    }
    base_env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTION_PATH": str(action_path),
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_PATH": str(files["path"]),
        "GITHUB_OUTPUT": str(files["output"]),
        "GITHUB_STEP_SUMMARY": str(files["summary"]),
    }
    results = []
    for step in _action_steps():
        assert step["shell"] == "bash"
        env = dict(base_env)
        # The runner prepends every folder a step wrote to GITHUB_PATH.
        added = [line for line in files["path"].read_text().splitlines() if line]
        env["PATH"] = os.pathsep.join([*reversed(added), env["PATH"]])
        env.update({k: _expand(str(v), inputs) for k, v in dict(step.get("env", {})).items()})  # type: ignore[call-overload]
        script = _expand(str(step["run"]), inputs)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        results.append(done)
    install, lint = results
    assert install.returncode == 0, install.stderr
    venv_bin = runner_temp / "reqlint-venv" / "bin"
    assert files["path"].read_text().strip() == str(venv_bin)
    assert (venv_bin / "reqlint").exists()
    # A real (not editable) install of the action's own checkout.
    assert list((runner_temp / "reqlint-venv").glob("lib/python*/site-packages/reqlint/cli.py"))

    assert lint.returncode == 1, lint.stderr
    assert "::warning file=app/requirements.txt,line=2" in lint.stdout  # annotations
    assert "exit-code=1" in files["output"].read_text()
    assert "RL101" in files["summary"].read_text()  # the job summary table
    sarif = json.loads((workspace / "reqlint.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"RL101", "RL102", "RL104"}
    assert "s3cr3tpw" not in lint.stdout + (workspace / "reqlint.sarif").read_text()
