"""``--fix`` and ``--diff`` on real files: tables of (input bytes, expected bytes) through the
pure function (:func:`reqlint.fixes.plan`) and the command line, named no-op inputs that
must come back byte-identical, and the traps: continuation lines, line endings, BOMs and
encodings, multi-line pip.conf values, pyproject arrays, symbolic links, read-only and
hard-linked files, file modes and owners, files that change under our feet."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from reqlint import fixes
from reqlint.cli import main
from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Applicability, Diagnostic, Edit, Fix, Location, Severity

ROOT = Path(__file__).resolve().parent.parent
INCIDENT = ROOT / "examples" / "incident" / "requirements.txt"


@dataclass(frozen=True)
class Case:
    name: str  # file name inside tmp_path (may include a folder)
    given: bytes
    expected: bytes
    select: tuple[str, ...] = ()
    unsafe: bool = False


REQ = "requirements.txt"
CASES: dict[str, Case] = {
    "incident-line": Case(
        REQ,
        b"--index-url=https://pypi.int.example/simple/\n"
        b"--extra-index-url=http://pypi.python.org/simple/\nDjango==1.11.29\n",
        b"--index-url=https://pypi.int.example/simple/\n"
        b"# --extra-index-url=http://pypi.python.org/simple/\nDjango==1.11.29\n",
    ),
    "continuation-both-lines": Case(
        REQ,
        b"--extra-index-url \\\n    https://pypi.org/simple\nflask==3.0\n",
        b"# --extra-index-url \\\n#     https://pypi.org/simple\nflask==3.0\n",
    ),
    "continuation-three-lines": Case(
        REQ,
        b"a==1\n--extra-index-url\\\n=https://pypi.\\\norg/simple\nb==2\n",
        b"a==1\n# --extra-index-url\\\n# =https://pypi.\\\n# org/simple\nb==2\n",
    ),
    "crlf": Case(
        REQ,
        b"a==1\r\n--extra-index-url https://pypi.org/simple\r\nb==2\r\n",
        b"a==1\r\n# --extra-index-url https://pypi.org/simple\r\nb==2\r\n",
    ),
    "mixed-endings-in-a-continuation": Case(
        REQ,
        b"a==1\n--extra-index-url \\\r\nhttps://pypi.org/simple\rb==2\r\n",
        b"a==1\n# --extra-index-url \\\r\n# https://pypi.org/simple\rb==2\r\n",
    ),
    "utf8-bom": Case(
        REQ,
        b"\xef\xbb\xbf--extra-index-url https://pypi.org/simple\nflask\n",
        b"\xef\xbb\xbf# --extra-index-url https://pypi.org/simple\nflask\n",
        select=("RL101",),
    ),
    "no-final-newline": Case(
        REQ,
        b"flask==3.0\n--extra-index-url https://pypi.org/simple",
        b"flask==3.0\n# --extra-index-url https://pypi.org/simple",
    ),
    "continued-last-line-without-newline": Case(
        REQ,
        b"flask==3.0\n--extra-index-url \\\nhttps://pypi.org/simple \\",
        b"flask==3.0\n# --extra-index-url \\\n# https://pypi.org/simple \\",
    ),
    "tabs-and-trailing-spaces": Case(
        REQ,
        b"\tflask==3.0  \n  --extra-index-url\thttps://pypi.org/simple \t \nb==2\t\n",
        b"\tflask==3.0  \n#   --extra-index-url\thttps://pypi.org/simple \t \nb==2\t\n",
    ),
    "non-ascii": Case(
        REQ,
        "# d\u00e9pendances \u2014 \u00e9t\u00e9\n--extra-index-url https://pypi.org/"
        "simple  # \u00fcber\nflask==3.0  # \u65e5\u672c\n".encode(),
        "# d\u00e9pendances \u2014 \u00e9t\u00e9\n# --extra-index-url https://pypi.org/"
        "simple  # \u00fcber\nflask==3.0  # \u65e5\u672c\n".encode(),
    ),
    "utf16-with-bom": Case(
        REQ,
        b"\xff\xfe" + "flask\r\n--extra-index-url https://pypi.org/simple\r\n".encode("utf-16-le"),
        b"\xff\xfe"
        + "flask\r\n# --extra-index-url https://pypi.org/simple\r\n".encode("utf-16-le"),
        select=("RL101",),
    ),
    "latin1-coding-cookie": Case(
        REQ,
        b"# -*- coding: latin-1 -*-\n# caf\xe9\n--extra-index-url https://pypi.org/simple\n",
        b"# -*- coding: latin-1 -*-\n# caf\xe9\n# --extra-index-url https://pypi.org/simple\n",
    ),
    "exact-duplicate": Case(
        REQ,
        b"requests==2.32.3\nflask==3.0.3\nrequests==2.32.3  # again\n",
        b"requests==2.32.3\nflask==3.0.3\n# requests==2.32.3  # again\n",
    ),
    "rl101-and-rl104-on-one-line": Case(
        REQ,
        b"--extra-index-url https://user:s3cret@extra.example/simple\nflask==3\n",
        # the credentials go, the index stays (commented out, its names would be looked
        # for on the public index alone)
        b"--extra-index-url https://extra.example/simple\nflask==3\n",
        unsafe=True,
    ),
    "trusted-host-unsafe": Case(
        REQ,
        b"--index-url https://pypi.int.example/simple\n--trusted-host pypi.int.example\nflask\n",
        b"--index-url https://pypi.int.example/simple\n# --trusted-host pypi.int.example\nflask\n",
        select=("RL103",),
        unsafe=True,
    ),
    "pipconf-key-line": Case(
        "pip.conf",
        b"[global]\nindex-url = https://pypi.int.example/simple\n"
        b"extra-index-url = https://pypi.org/simple\ntimeout = 60\n",
        b"[global]\nindex-url = https://pypi.int.example/simple\n"
        b"# extra-index-url = https://pypi.org/simple\ntimeout = 60\n",
    ),
    "pipconf-key-and-continuation": Case(
        "pip.conf",
        b"[global]\r\nextra-index-url =\r\n    https://pypi.org/simple\r\ntimeout = 60\r\n",
        b"[global]\r\n# extra-index-url =\r\n#     https://pypi.org/simple\r\ntimeout = 60\r\n",
    ),
    "pipconf-one-url-of-several": Case(
        "pip.conf",
        b"[global]\nindex-url = https://pypi.corp.example/simple\nextra-index-url =\n"
        b"    https://a.example/simple\n    https://pypi.org/simple\n"
        b"    https://c.example/simple\n",
        b"[global]\nindex-url = https://pypi.corp.example/simple\nextra-index-url =\n"
        b"    https://a.example/simple\n#     https://pypi.org/simple\n"
        b"    https://c.example/simple\n",
        select=("RL101",),
    ),
    "pipconf-credentials-of-one-url-of-several": Case(
        "pip.conf",
        b"[global]\nextra-index-url =\n    https://a.example/simple\n"
        b"    https://deploy:s3cret@b.example/simple\n    https://c.example/simple\n",
        b"[global]\nextra-index-url =\n    https://a.example/simple\n"
        b"    https://b.example/simple\n    https://c.example/simple\n",
        select=("RL104",),
        unsafe=True,
    ),
    "pipconf-first-word-of-a-line": Case(
        "pip.conf",
        b"[install]\ntrusted-host = int.example localhost\n",
        b"[install]\ntrusted-host = localhost\n",
        select=("RL103",),
        unsafe=True,
    ),
    "pipconf-two-words-of-a-line": Case(
        "pip.conf",
        b"[global]\ntrusted-host = localhost a.example b.example\n",
        # the two deletions overlap on the space between the words and are merged; the
        # space before them stays (configparser strips it from the value)
        b"[global]\ntrusted-host = localhost \n",
        select=("RL103",),
        unsafe=True,
    ),
    # every item of a value is a finding: the whole key is commented out, nothing deleted
    # and no bare `key =` left (real-world trial: Cray-HPE's two-line trusted-host)
    "pipconf-every-word-of-a-line": Case(
        "pip.conf",
        b"[global]\nindex-url = https://pypi.int.example/simple\n"
        b"extra-index-url = https://pypi.org/simple https://pypi.python.org/simple\n",
        b"[global]\nindex-url = https://pypi.int.example/simple\n"
        b"# extra-index-url = https://pypi.org/simple https://pypi.python.org/simple\n",
    ),
    "pipconf-every-item-of-a-continued-value": Case(
        "pip.conf",
        b"[global]\nindex-url = https://pypi.int.example/simple\n"
        b"extra-index-url = https://pypi.org/simple\n    https://pypi.python.org/simple\n"
        b"timeout = 60\n",
        b"[global]\nindex-url = https://pypi.int.example/simple\n"
        b"# extra-index-url = https://pypi.org/simple\n#     https://pypi.python.org/simple\n"
        b"timeout = 60\n",
    ),
    "pipconf-every-trusted-host": Case(
        "pip.conf",
        b"[global]\ntrusted-host = a.example \n               b.example\n",
        b"[global]\n# trusted-host = a.example \n#                b.example\n",
        select=("RL103",),
        unsafe=True,
    ),
    "pyproject-array-element": Case(
        "pyproject.toml",
        b'[tool.uv]\nextra-index-url = ["https://tok:s3cret@int.example/simple",'
        b' "https://x.example/simple"]\n',
        b'[tool.uv]\nextra-index-url = ["https://int.example/simple",'
        b' "https://x.example/simple"]\n',
        select=("RL104",),
        unsafe=True,
    ),
    "pyproject-multiline-array-element": Case(
        "pyproject.toml",
        b'[project]\nname = "x"\nversion = "1"\ndependencies = [\r\n  "a==1",\r\n'
        b'  "b @ https://user:s3cret@example.com/b-1.0-py3-none-any.whl",  # why\r\n'
        b'  "c==2",\r\n]\r\n',
        b'[project]\nname = "x"\nversion = "1"\ndependencies = [\r\n  "a==1",\r\n'
        b'  "b @ https://example.com/b-1.0-py3-none-any.whl",  # why\r\n'
        b'  "c==2",\r\n]\r\n',
        select=("RL104",),
        unsafe=True,
    ),
}

# Inputs that must come back byte-identical, with nothing written.
NO_OPS: dict[str, Case] = {
    "already-commented": Case(
        REQ,
        b"--index-url=https://pypi.int.example/simple/\n"
        b"# --extra-index-url=http://pypi.python.org/simple/\nDjango==1.11.29\n",
        b"",
    ),
    "clean": Case(REQ, b"--index-url https://pypi.int.example/simple\nflask==3.0.3\n", b""),
    "conflicting-duplicates-not-fixed": Case(REQ, b"requests==2.31.0\nrequests==2.32.3\n", b""),
    "unsafe-without-unsafe-fixes": Case(
        REQ,
        b"--index-url https://pypi.int.example/simple\n--trusted-host pypi.int.example\nflask\n",
        b"",
    ),
    "suppressed": Case(
        REQ, b"--extra-index-url https://x.example/simple  # reqlint: ignore[RL101]\nflask\n", b""
    ),
    "pipconf-with-bom-is-rejected-by-pip": Case(
        "pip.conf", b"\xef\xbb\xbf[global]\nextra-index-url = https://pypi.org/simple\n", b""
    ),
    "only-empty": Case(REQ, b"", b""),
    "only-crlf-comments": Case(REQ, b"# a\r\n\r\n# b \\\r\n", b""),
}
for _case in NO_OPS.values():
    object.__setattr__(_case, "expected", _case.given)


def pure(tmp_path: Path, case: Case) -> bytes:
    """The pure function: parse, lint, plan; the file is only read."""
    path = tmp_path / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.given)
    project = load_project(candidates([str(path)]))
    outcome = run(project, selector=lambda code, _p: not case.select or code in case.select)
    planned = fixes.plan(outcome.diagnostics, project, unsafe=case.unsafe, roots=[str(path)])
    assert path.read_bytes() == case.given
    assert len(planned.files) <= 1, planned
    return planned.files[0].new if planned.files else case.given


def cli(*argv: str) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--isolated", "--no-color", *argv])
    return code, out.getvalue(), err.getvalue()


def case_args(case: Case) -> list[str]:
    args = [case.name]
    if case.select:
        args += ["--select", ",".join(case.select)]
    if case.unsafe:
        args.append("--unsafe-fixes")
    return args


ALL = {**CASES, **NO_OPS}


@pytest.mark.parametrize("name", sorted(ALL))
def test_pure_function(name: str, tmp_path: Path) -> None:
    case = ALL[name]
    assert pure(tmp_path, case) == case.expected


@pytest.mark.parametrize("name", sorted(ALL))
def test_cli_fix_then_again(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = ALL[name]
    monkeypatch.chdir(tmp_path)
    path = tmp_path / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.given)
    before = path.stat()
    code, out, err = cli("--fix", *case_args(case))
    assert path.read_bytes() == case.expected
    assert "Traceback" not in err
    assert "internal error" not in err
    if case.given == case.expected:
        # Nothing to write: not even the file's timestamp moves.
        assert path.stat().st_mtime_ns == before.st_mtime_ns
        assert path.stat().st_ino == before.st_ino
    else:
        assert "Fixed" in out
    # Idempotent: a second run finds nothing to fix and changes nothing.
    again = path.stat()
    code2, out2, _ = cli("--fix", *case_args(case))
    assert path.read_bytes() == case.expected
    assert path.stat().st_mtime_ns == again.st_mtime_ns
    assert "Fixed" not in out2
    assert "fixable" not in out2
    assert code2 == code
    assert not [p for p in os.listdir(path.parent) if p.endswith(".reqlint")]


@pytest.mark.parametrize("name", sorted(ALL))
def test_cli_diff(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = ALL[name]
    monkeypatch.chdir(tmp_path)
    path = tmp_path / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.given)
    code, out, _ = cli("--diff", *case_args(case))
    assert path.read_bytes() == case.given  # --diff writes nothing
    if case.given == case.expected:
        assert (code, out) == (0, "")
        return
    assert code == 1
    assert out.startswith(f"--- a/{case.name}\n+++ b/{case.name}\n@@ ")
    # The diff is a real patch: applying it gives exactly what --fix writes (credentials
    # redacted on both sides: --diff never prints a secret).
    assert _patched(case, out) == _redacted(case, case.expected)


def _redacted(case: Case, data: bytes) -> bytes:
    from reqlint.redact import redact_text
    from reqlint.text import TextFile

    tf = TextFile.decode(case.name, data, pep263=case.name == REQ)
    return tf.encode("".join(redact_text(line) for line in fixes._LINE.findall(tf.text)))


def _patched(case: Case, diff: str) -> bytes:
    """Apply a unified diff of the decoded text (our own minimal patch(1))."""
    from reqlint.redact import redact_text
    from reqlint.text import TextFile

    tf = TextFile.decode(case.name, case.given, pep263=case.name == REQ)
    old = [redact_text(line) for line in fixes._LINE.findall(tf.text)]
    lines = fixes._LINE.findall(diff)
    out: list[str] = []
    pos = 0
    i = 2
    while i < len(lines):
        header = lines[i]
        assert header.startswith("@@ -"), header
        start = int(header[4:].split(",")[0].split(" ")[0]) - 1
        out += old[pos:start]
        pos = start
        i += 1
        kind = ""
        while i < len(lines) and not lines[i].startswith("@@ "):
            line = lines[i]
            if line.startswith("\\ No newline"):
                if kind in (" ", "+"):  # the line just written has no newline of its own
                    out[-1] = out[-1][:-1]
            elif line[0] == " ":
                out.append(line[1:])
                pos += 1
            elif line[0] == "-":
                pos += 1
            elif line[0] == "+":
                out.append(line[1:])
            kind = line[0]
            i += 1
    out += old[pos:]
    return tf.encode("".join(out))


# ------------------------------------------------------------------ the incident

PIP_SCRIPT = r"""
import json, sys
from pip._internal.commands import create_command
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements

cmd = create_command("install", isolated=True)
options, _ = cmd.parse_args([])
session = PipSession()
finder = cmd._build_package_finder(options=options, session=session)
reqs = [p.requirement for p in parse_requirements(sys.argv[1], session, finder=finder,
                                                  options=options)]
print(json.dumps({"requirements": reqs, "index_urls": list(finder.index_urls),
                  "trusted_hosts": list(finder.trusted_hosts)}))
"""


def pip_reads(path: Path) -> dict[str, list[str]]:
    """pip 26.3's own parser, in a subprocess that sees no pip setting of this machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PYTHONNOUSERSITE="1")
    done = subprocess.run(
        [sys.executable, "-c", PIP_SCRIPT, str(path)],
        env=env,
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_incident_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copyfile(INCIDENT, tmp_path / REQ)
    monkeypatch.chdir(tmp_path)
    original = (tmp_path / REQ).read_bytes()
    before = pip_reads(tmp_path / REQ)
    assert before["index_urls"] == [
        "http://pypi.example.com/simple/",
        "http://pypi.python.org/simple/",
    ]

    code, out, _ = cli("--diff", ".")
    assert code == 1
    assert out.startswith(
        "--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1,5 +1,5 @@\n"
        " --index-url=http://pypi.example.com/simple/\n"
        "---extra-index-url=http://pypi.python.org/simple/\n"
        "+# --extra-index-url=http://pypi.python.org/simple/\n"
    )
    assert (tmp_path / REQ).read_bytes() == original

    code, out, _ = cli("--fix", ".")
    assert code == 1  # RL102 (plain http) on line 1 remains, and has no fix
    assert "Fixed 1 problem." in out
    assert "fixable" not in out
    after = (tmp_path / REQ).read_bytes()
    old_lines, new_lines = original.split(b"\n"), after.split(b"\n")
    assert new_lines[1] == b"# --extra-index-url=http://pypi.python.org/simple/"
    assert old_lines[:1] + old_lines[2:] == new_lines[:1] + new_lines[2:]

    code, out, _ = cli("--fix", ".")
    assert (tmp_path / REQ).read_bytes() == after
    assert "Fixed" not in out
    assert "fixable" not in out
    assert "RL101" not in out
    assert cli("--diff", ".")[:2] == (0, "")

    pip_after = pip_reads(tmp_path / REQ)
    assert pip_after["index_urls"] == ["http://pypi.example.com/simple/"]
    assert pip_after["requirements"] == before["requirements"]
    assert len(pip_after["requirements"]) == 50


def test_rl104_fix_keeps_the_index_and_drops_the_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # trial 21: commenting the line out kept the token (in a comment) and sent pip to
    # look for the company's names on the public index alone
    monkeypatch.chdir(tmp_path)
    given = (
        b"--extra-index-url https://__token__:s3cr3t-t0ken@pkgs.corp.example/simple/\n"
        b"flask==3.0\npriv @ https://deploy:s3cr3t-t0ken@pkgs.corp.example/priv-1.0.tar.gz\n"
    )
    (tmp_path / REQ).write_bytes(given)
    before = pip_reads(tmp_path / REQ)
    code, out, err = cli("--fix", "--unsafe-fixes", "--select", "RL104", REQ)
    assert "s3cr3t" not in out + err
    assert "Fixed 2 problems." in out
    assert code == 0
    assert b"s3cr3t" not in (tmp_path / REQ).read_bytes()
    after = pip_reads(tmp_path / REQ)
    # pip reads the same index (its credentials to come from ~/.netrc or a keyring) and
    # the same requirements, the URL's without its userinfo
    assert after["index_urls"] == [
        u.replace("__token__:s3cr3t-t0ken@", "") for u in before["index_urls"]
    ]
    assert after["index_urls"][-1] == "https://pkgs.corp.example/simple/"
    assert after["requirements"] == [
        r.replace("deploy:s3cr3t-t0ken@", "") for r in before["requirements"]
    ]
    # without --unsafe-fixes nothing is written
    (tmp_path / REQ).write_bytes(given)
    assert cli("--fix", "--select", "RL104", REQ)[0] == 1
    assert (tmp_path / REQ).read_bytes() == given


def test_pip_agrees_on_continuation_and_crlf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    given = (
        b"\xef\xbb\xbf--index-url https://pypi.int.example/simple\r\n"
        b"--extra-index-url \\\r\n  https://pypi.org/simple\nflask==3.0 \\\r\n"
        b"  ; python_version > '3'\r\nflask==3.0 ; python_version > '3'"
    )
    (tmp_path / REQ).write_bytes(given)
    before = pip_reads(tmp_path / REQ)
    assert cli("--fix", REQ)[0] == 0
    after = pip_reads(tmp_path / REQ)
    assert after["index_urls"] == ["https://pypi.int.example/simple"]
    # the exact duplicate (same requirement, same marker) is gone too
    assert after["requirements"] == before["requirements"][:1]
    assert (tmp_path / REQ).read_bytes() == (
        b"\xef\xbb\xbf--index-url https://pypi.int.example/simple\r\n"
        b"# --extra-index-url \\\r\n#   https://pypi.org/simple\nflask==3.0 \\\r\n"
        b"  ; python_version > '3'\r\n# flask==3.0 ; python_version > '3'"
    )


def test_pipconf_rest_still_read_by_configparser(tmp_path: Path) -> None:
    import configparser

    case = CASES["pipconf-one-url-of-several"]
    new = pure(tmp_path, case)
    parser = configparser.RawConfigParser()
    parser.read_string(new.decode())
    assert parser.get("global", "extra-index-url").split() == [
        "https://a.example/simple",
        "https://c.example/simple",
    ]


# ---------------------------------------------------------------- where we write


def _write_incident(path: Path) -> bytes:
    data = (
        b"--index-url https://pypi.int.example/simple\n"
        b"--extra-index-url https://pypi.org/simple\nflask==3.0\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


FIXED = (
    b"--index-url https://pypi.int.example/simple\n"
    b"# --extra-index-url https://pypi.org/simple\nflask==3.0\n"
)


def test_symlink_outside_the_tree_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "elsewhere" / "shared.txt"
    data = _write_incident(outside)
    tree = tmp_path / "project"
    tree.mkdir()
    (tree / REQ).symlink_to(outside)
    monkeypatch.chdir(tree)
    code, out, err = cli("--fix", ".")
    assert code == 1
    assert "RL101" in out
    assert "requirements.txt is a symbolic link to" in err
    assert "outside the linted tree" in err
    assert outside.read_bytes() == data
    assert (tree / REQ).is_symlink()
    code, out, err = cli("--diff", ".")
    assert (code, out) == (0, "")
    assert "outside the linted tree" in err


def test_symlink_inside_the_tree_edits_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "reqs" / "base.txt"
    _write_incident(target)
    (tmp_path / REQ).symlink_to(Path("reqs") / "base.txt")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("--fix", REQ)
    assert code == 0, err
    assert (tmp_path / REQ).is_symlink()
    assert os.readlink(tmp_path / REQ) == os.path.join("reqs", "base.txt")
    assert target.read_bytes() == FIXED


def test_file_given_outside_cwd_is_in_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a" / REQ
    _write_incident(path)
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "b")
    assert cli("--fix", str(path))[0] == 0
    assert path.read_bytes() == FIXED


def test_include_outside_the_tree_is_not_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared" / "base.txt"
    data = _write_incident(shared)
    project = tmp_path / "project"
    project.mkdir()
    (project / REQ).write_text("-r ../shared/base.txt\n")
    monkeypatch.chdir(project)
    code, _, err = cli("--fix", REQ)
    assert code == 1
    assert "outside the linted tree" in err
    assert shared.read_bytes() == data


def test_read_only_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / REQ
    data = _write_incident(path)
    path.chmod(0o444)
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("--fix", REQ)
    assert code == 1
    assert "RL101" in out
    assert "requirements.txt: the file is read-only; not fixed" in err
    assert "Traceback" not in err
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert sorted(os.listdir(tmp_path)) == [REQ]


def test_read_only_file_and_a_writable_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked, free = tmp_path / "a" / REQ, tmp_path / "b" / REQ
    data = _write_incident(locked)
    _write_incident(free)
    locked.chmod(0o444)
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("--fix", ".")
    assert code == 1
    assert "read-only" in err
    assert locked.read_bytes() == data
    assert free.read_bytes() == FIXED
    assert "a/requirements.txt:2:1: RL101" in out
    assert "b/requirements.txt" not in out


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root may write into any folder"
)
def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked" / REQ
    data = _write_incident(path)
    path.parent.chmod(0o555)
    monkeypatch.chdir(tmp_path)
    try:
        code, _, err = cli("--fix", ".")
    finally:
        path.parent.chmod(0o755)
    assert code == 1
    assert "cannot write it" in err
    assert "Traceback" not in err
    assert path.read_bytes() == data


def test_hard_linked_file_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / REQ
    data = _write_incident(path)
    os.link(path, tmp_path / "other-name.txt")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("--fix", REQ)
    assert code == 1
    assert "hard links" in err
    assert path.read_bytes() == data == (tmp_path / "other-name.txt").read_bytes()


def test_mode_and_owner_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / REQ
    _write_incident(path)
    path.chmod(0o640)
    owner = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.chown(path, 4321, 4322)
        owner = (4321, 4322)
    inode = path.stat().st_ino
    monkeypatch.chdir(tmp_path)
    assert cli("--fix", REQ)[0] == 0
    st = path.stat()
    assert path.read_bytes() == FIXED
    assert stat.S_IMODE(st.st_mode) == 0o640
    assert st.st_ino != inode  # replaced by rename, never rewritten in place
    if owner is not None:
        assert (st.st_uid, st.st_gid) == owner
    assert sorted(os.listdir(tmp_path)) == [REQ]


def test_changed_between_lint_and_fix(tmp_path: Path) -> None:
    path = tmp_path / REQ
    _write_incident(path)
    project = load_project(candidates([str(path)]))
    outcome = run(project)
    # Another program edits the file after it was parsed: offsets no longer fit.
    changed = b"# new first line\n" + path.read_bytes()
    path.write_bytes(changed)
    result = fixes.apply(outcome.diagnostics, project, unsafe=False, write=True, roots=[str(path)])
    assert result.applied == 0
    assert result.diff == ""
    assert result.changed_files == ()
    assert any("changed since it was read" in n for n in result.notes)
    assert path.read_bytes() == changed


def test_changed_between_plan_and_write(tmp_path: Path) -> None:
    path = tmp_path / REQ
    _write_incident(path)
    project = load_project(candidates([str(path)]))
    planned = fixes.plan(run(project).diagnostics, project, unsafe=False, roots=[str(path)])
    (file_fix,) = planned.files
    assert file_fix.new == FIXED
    with path.open("ab") as handle:
        handle.write(b"django==5.0\n")
    note = fixes.write_file(file_fix)
    assert "changed since it was read" in note
    assert path.read_bytes().endswith(b"django==5.0\n")
    # unchanged file: the write goes through
    path.write_bytes(file_fix.old)
    assert fixes.write_file(file_fix) == ""
    assert path.read_bytes() == FIXED


# ------------------------------------------------------- the splice loop and checks


def _diag(
    code: str, path: str, line: int, *edits: Edit, applicability: Applicability = Applicability.SAFE
) -> Diagnostic:
    return Diagnostic(
        code, "m", Severity.WARNING, Location(path), fix=Fix("f", tuple(edits), applicability)
    )


def _fix_with(tmp_path: Path, data: bytes, *diags_for: object) -> tuple[bytes, list[str]]:
    path = tmp_path / REQ
    path.write_bytes(data)
    project = load_project(candidates([str(path)]))
    shown = project.sources[0].path
    diags = [d(shown) for d in diags_for]  # type: ignore[operator]
    planned = fixes.plan(diags, project, unsafe=True, roots=[str(path)])
    new = planned.files[0].new if planned.files else data
    return new, list(planned.notes)


def test_a_fix_that_does_not_do_what_it_claims_is_skipped(tmp_path: Path) -> None:
    data = b"flask==3.0\n--extra-index-url https://pypi.org/simple\n"
    # Deleting "flask" from its line would change what pip installs: refused.
    new, notes = _fix_with(tmp_path, data, lambda p: _diag("RL999", p, 1, Edit(p, 0, 5, "")))
    assert new == data
    assert notes
    assert "RL999 fix skipped" in notes[0]
    assert "would" in notes[0]


def test_commenting_only_the_first_line_of_a_continuation_is_refused(tmp_path: Path) -> None:
    data = b"--extra-index-url \\\n  https://x.example/s\nflask\n"
    new, notes = _fix_with(tmp_path, data, lambda p: _diag("RL999", p, 1, Edit(p, 0, 0, "# ")))
    assert new == data
    assert "RL999 fix skipped" in notes[0]


def test_overlapping_fixes_first_in_order_wins(tmp_path: Path) -> None:
    data = b"flask==3.0\nflask==3.0\n--extra-index-url https://pypi.org/simple\n"

    def good(p: str) -> Diagnostic:
        return _diag("RL206", p, 2, Edit(p, 11, 11, "# "))

    def clash(p: str) -> Diagnostic:
        return _diag("RL300", p, 2, Edit(p, 11, 11, "#"))

    new, notes = _fix_with(tmp_path, data, clash, good)
    assert new == b"flask==3.0\n# flask==3.0\n--extra-index-url https://pypi.org/simple\n"
    assert any("RL300 fix skipped: it overlaps" in n for n in notes)


def test_fix_touching_two_files_is_skipped(tmp_path: Path) -> None:
    data = b"flask==3.0\nflask==3.0\n"
    new, notes = _fix_with(
        tmp_path,
        data,
        lambda p: _diag("RL206", p, 2, Edit(p, 11, 11, "# "), Edit("other.txt", 0, 0, "# ")),
    )
    assert new == data
    assert "edits several files" in notes[0]


def test_display_only_and_unsafe_are_not_applied(tmp_path: Path) -> None:
    data = b"flask==3.0\nflask==3.0\n"
    path = tmp_path / REQ
    path.write_bytes(data)
    project = load_project(candidates([str(path)]))
    p = project.sources[0].path
    shown = _diag("RL206", p, 2, Edit(p, 11, 11, "# "), applicability=Applicability.UNSAFE)
    display = _diag("RL206", p, 2, Edit(p, 11, 11, "# "), applicability=Applicability.DISPLAY_ONLY)
    assert fixes.plan([shown, display], project, unsafe=False, roots=[str(path)]).files == ()
    assert fixes.plan([display], project, unsafe=True, roots=[str(path)]).files == ()
    assert len(fixes.plan([shown], project, unsafe=True, roots=[str(path)]).files) == 1


def test_environment_variable_gets_a_help_line_not_an_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / REQ).write_bytes(b"flask==3.0\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "https://pypi.org/simple")
    code, out, _err = cli("--system", "--fix", "--select", "RL101", REQ)
    assert code == 1
    assert "help: run `unset PIP_EXTRA_INDEX_URL`" in out
    assert (tmp_path / REQ).read_bytes() == b"flask==3.0\n"
    assert "Fixed" not in out


def test_unified_diff_marks_missing_final_newline() -> None:
    diff = fixes.unified_diff("r.txt", "a\nb", "a\n# b")
    assert diff == (
        "--- a/r.txt\n+++ b/r.txt\n@@ -1,2 +1,2 @@\n a\n-b\n"
        "\\ No newline at end of file\n+# b\n\\ No newline at end of file\n"
    )
