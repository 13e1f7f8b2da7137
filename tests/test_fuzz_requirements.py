"""Generated requirements files, with pip 26.3's own parser as the referee.

A grammar draws requirements files: requirements with extras, specifiers, markers, URLs,
wheels, VCS links, ``#egg=`` fragments and hashes; options in every spelling pip accepts
(``--index-url x``, ``--index-url=x``, ``-ix``, abbreviations, ``--pypi-url``) and some it
refuses; several options on one line; backslash continuations (also a lone ``\\``), comments,
``${VAR}`` references, CRLF/LF/CR, a BOM, the rare line separators ``str.splitlines`` knows,
``-r``/``-c`` includes and invalid bytes.  For every file:

* nothing escapes: ``reqlint check`` exits 0 or 1, never 2, and prints no traceback;
* the output is deterministic (the same bytes twice);
* pip's own parser (``parse_requirements`` + ``install_req_from_parsed_requirement``,
  in-process, isolated from this machine's pip settings, run in the file's folder) agrees:
  the same accept/reject verdict for the file; when pip accepts it, the same requirements
  in order (text, and for each whether pip can build it, and then name, specifier, extras,
  marker, URL, hashes), the same index URLs, find-links and trusted hosts.

The differences that are deliberate are named in :data:`DELIBERATE` (and in
docs/security.md); the generator leaves those inputs out, and
:func:`test_deliberate_differences_still_differ` pins each one down so that the list stays
true.  ``REQLINT_FUZZ_EXAMPLES`` raises the number of examples (``scripts/fuzz-long``).
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reqlint.cli import main
from reqlint.model import ParsedSource, Requirement
from reqlint.project import Project
from reqlint.sources.requirements import load_requirements

EXAMPLES = int(os.environ.get("REQLINT_FUZZ_EXAMPLES", "0")) or 120
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENV = {"TOKEN": "s3cr3t", "VER": "1.0", "EMPTY": "", "SPACE": "a b"}

# Inputs where reqlint and pip differ on purpose (docs/security.md, "Reading files as pip
# does"): each with a minimal input and why.
DELIBERATE: dict[str, tuple[bytes, str]] = {
    "filesystem": (
        b"./emptydir\n",
        "pip asks the disk whether a path is a directory or an "
        "archive, relative to its working directory; reqlint judges the text",
    ),
    "nul-bytes": (
        b"a==1\x00\n",
        "pip reads a file with NUL bytes; reqlint reports it as "
        "binary (a requirements file with NUL bytes is not one)",
    ),
    "backslash-name": (
        b"a\\b\n",
        "a backslash in a name is a Windows path for reqlint (the "
        "file may be used there); pip on POSIX rejects the name",
    ),
    "first-error": (
        b"--bogus\nb==1\n",
        "pip stops at the first bad line; reqlint reads on and reports every problem",
    ),
    "packaging-version": (
        b"g===0, <2\n",
        "reqlint uses the installed packaging, pip its "
        "vendored copy: verdicts follow packaging's version",
    ),
    "lone-backslash-line": (
        b"\\\np\n",
        "pip reports the requirement on line 1 (where the "
        "joined line starts); reqlint points at the text, on line 2",
    ),
}


# ------------------------------------------------------------------------- the grammar

NAMES = st.sampled_from(["pkg", "Django", "my_pkg", "a.b-c", "x1", "numpy"])
SPECS = st.sampled_from(
    [
        "",
        "==1.0",
        ">=1,<2",
        "~=1.4",
        "!=2.*",
        "===0",
        "==${VER}",
        " == 1.0",
        "<3 ; python_version>'3'",
        "==1.0; sys_platform == 'x'",
        "= 1",
        ">=1 <2",
        "==1.0.*.*",
    ]
)
EXTRAS = st.sampled_from(["", "[a]", "[a,b]", "[ a ]", "[]", "[a"])
URLS = st.sampled_from(
    [
        "https://h.example/p-1.0.tar.gz",
        "https://h.example/p-1.0-py3-none-any.whl",
        "https://h.example/p.zip#egg=p",
        "https://h.example/p.zip#egg=p>=1",
        "https://h.example/bad-wheel.whl",
        "git+https://g.example/r.git@v1#egg=r",
        "git+https://g.example/r.git",
        "file:///tmp/p-1.0.tar.gz",
        "FILE:///tmp/p.zip",
        "file://host/p.zip",
        "http://]/x-0-y-e-a.whl",
        "https://u:${TOKEN}@h.example/p.zip",
        "hg+https://h.example/r#egg=r&subdirectory=s",
    ]
)
HASHES = st.sampled_from(
    [
        "--hash=sha256:abc",
        "--hash sha512:def",
        "--hash=md5:0",
        "--hash=sha256",
        "--config-settings k=v",
        "-C k",
        "",
    ]
)
INDEX = st.sampled_from(
    [
        "https://i.example/simple",
        "http://plain.example/simple",
        "https://${TOKEN}@p.example/simple",
        "${EMPTY}",
        "''",
        "'a b'",
    ]
)
LINKS = st.sampled_from(["https://l.example/", "${TOKEN}", "'a b'", "file:///tmp"])
HOSTS = st.sampled_from(["h.example", "h.example:8080", "[::1]", "::1", "''", ":b", "[", "h:99999"])


@st.composite
def requirement(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(["spec", "url", "at", "editable"]))
    if form == "spec":
        text = draw(NAMES) + draw(EXTRAS) + draw(SPECS)
    elif form == "url":
        text = draw(URLS)
    elif form == "at":
        text = f"{draw(NAMES)}{draw(EXTRAS)} @ {draw(URLS)}"
    else:
        text = "-e " + draw(URLS)
    tail = draw(HASHES)
    return f"{text} {tail}".rstrip() if tail else text


OPTION_SPELLINGS = {
    "index": [
        "--index-url {}",
        "--index-url={}",
        "-i {}",
        "-i{}",
        "--pypi-url {}",
        "--index {}",
        "--ind={}",
    ],
    "extra": ["--extra-index-url {}", "--extra-index-url={}", "--extra {}"],
    "links": ["-f {}", "--find-links {}", "--find-links={}"],
    "host": ["--trusted-host {}", "--trusted-host={}"],
}
FLAGS = st.sampled_from(
    [
        "--no-index",
        "--pre",
        "--prefer-binary",
        "--require-hashes",
        "--no-require-hashes",
        "--only-binary :all:",
        "--no-binary=x",
        "--use-feature=fast-deps",
        "--use-feature=nope",
        "--upgrade",
        "--bogus",
        "-x",
        "--pre=yes",
        "--",
        "--index-url",
    ]
)


@st.composite
def option(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["index", "extra", "links", "host", "flag"]))
    if kind == "flag":
        return draw(FLAGS)
    # a find-links value that names something on disk next to the file is pip's own
    # filesystem lookup ("filesystem" in DELIBERATE): '' is the folder itself
    value = draw({"host": HOSTS, "links": LINKS}.get(kind, INDEX))
    return draw(st.sampled_from(OPTION_SPELLINGS[kind])).format(value)


@st.composite
def logical_line(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["req", "req", "opt", "opts", "comment", "blank"]))
    if kind == "req":
        line = draw(requirement())
    elif kind == "opt":
        line = draw(option())
    elif kind == "opts":
        line = " ".join(draw(st.lists(option(), min_size=2, max_size=3)))
    elif kind == "comment":
        line = draw(st.sampled_from(["# comment", "#", "  # indented", "# ends \\"]))
    else:
        line = ""
    if draw(st.booleans()) and line and not line.startswith("#"):
        line += draw(st.sampled_from(["  # trailing", " #x", "#not-a-comment"]))
    if draw(st.integers(0, 4)) == 0 and " " in line:
        head, _, rest = line.partition(" ")
        line = f"{head} \\\n{draw(st.sampled_from(['', '  ', chr(9)]))}{rest}"
    return line


ENDINGS = st.sampled_from(["\n", "\n", "\r\n", "\r", "\v", "\f", "\x1c", "\x85", "\u2028"])


@st.composite
def requirements_file(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(logical_line(), max_size=8))
    for _ in range(draw(st.integers(0, 3))):
        # Up to three includes, so a file is often read twice (pip reads it at every line
        # that names it, as -r and then as -c too) and two options share a line; never a URL
        # include (pip would fetch it).
        lines.insert(
            draw(st.integers(0, len(lines))),
            draw(
                st.sampled_from(
                    [
                        "-r inc.txt",
                        "-c inc.txt",
                        "--requirement=inc.txt",
                        "-r missing.txt",
                        "-c con.txt",
                        "-c con.txt -r inc.txt",
                        "-r inc.txt --index-url https://b/s",
                    ]
                )
            ),
        )
    text = "".join(line + draw(ENDINGS) for line in lines)
    # (drawn only when there are lines, as before; a name keeps mypy off the `and`)
    no_final_newline = draw(st.booleans()) if lines else False
    if no_final_newline:
        text = text.rstrip("\n")  # no final newline
    data = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 19)) == 0:
        data += b"bad\xff\n"
    return data


INCLUDED = {
    "inc.txt": b"--extra-index-url https://inc.example/simple\nincluded==1\n",
    "con.txt": b"constrained==2\nwith-extra[a]==1\n",
}


# ------------------------------------------------------------------------ the referees


def pip_reads(path: Path) -> dict[str, Any]:
    """What pip 26.3's parser makes of ``path`` (run in its folder, isolated)."""
    from pip._internal.commands import create_command
    from pip._internal.network.session import PipSession
    from pip._internal.req.constructors import install_req_from_parsed_requirement
    from pip._internal.req.req_file import parse_requirements

    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        cmd: Any = create_command("install", isolated=True)  # an InstallCommand
        options, _ = cmd.parse_args([])
        session = PipSession()
        finder = cmd._build_package_finder(options=options, session=session)
        reqs: list[dict[str, Any]] = []
        rejected = None
        try:
            for parsed in parse_requirements(str(path), session, finder=finder, options=options):
                rec: dict[str, Any] = {"text": parsed.requirement, "constraint": parsed.constraint}
                try:
                    ireq = install_req_from_parsed_requirement(parsed)
                    if ireq.constraint:
                        from pip._internal.req.req_install import (
                            check_invalid_constraint_type,
                        )

                        problem = check_invalid_constraint_type(ireq)
                        if problem:
                            raise ValueError(problem)
                except Exception as exc:
                    rec["error"] = str(exc)
                else:
                    rec.update(
                        error=None,
                        name=ireq.name,
                        specifier=str(ireq.req.specifier) if ireq.req else "",
                        extras=sorted(ireq.extras),
                        marker=str(ireq.markers) if ireq.markers else None,
                        url=ireq.link.url if ireq.link else None,
                        hashes=sorted(f"{k}:{h}" for k, v in ireq.hash_options.items() for h in v),
                    )
                reqs.append(rec)
        except BaseException as exc:  # pip's parser raises SystemExit from optparse too
            rejected = f"{type(exc).__name__}: {exc}"
        return {
            "rejected": rejected,
            "requirements": reqs,
            "index_urls": list(finder.index_urls),
            "find_links": list(finder.find_links),
            "trusted_hosts": list(finder.trusted_hosts),
        }
    finally:
        os.chdir(cwd)


def _flatten(sources: list[ParsedSource]) -> list[Requirement]:
    project = Project(tuple(sources))
    return project.ordered_requirements(sources[0])


def reqlint_reads(path: Path) -> dict[str, Any]:
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        sources = load_requirements(path.name, env=ENV)
    finally:
        os.chdir(cwd)
    messages = [p.message for s in sources for p in s.problems]
    rejected = any(
        "pip rejects this file" in m
        or "cannot decode" in m
        or "could not split" in m
        or "file not found" in m
        for m in messages
    )
    plan = Project(tuple(sources)).index_plan(sources[0])
    return {
        "rejected": rejected,
        "requirements": _flatten(sources),
        "index_urls": [e.url for e in plan.indexes],
        "find_links": [s.value for s in plan.find_links],
        "trusted_hosts": [s.value for s in plan.trusted_hosts],
        "messages": messages,
    }


def _hosts(values: list[str]) -> list[tuple[str | None, int | None]]:
    """Trusted hosts as pip keeps them: (host, port) once each (``[::1]`` is ``::1``)."""
    from pip._internal.utils.misc import parse_netloc

    return list(dict.fromkeys(parse_netloc(v) for v in values))


def _local(url: str | None) -> bool:
    return url is not None and "://" not in url and not url.lower().startswith("file:")


def _filesystem(m: Requirement, p: dict[str, Any]) -> bool:
    """The "filesystem" difference: pip looked at the disk for a local path."""
    if m.editable and _local(m.url) and p["error"] is not None:
        return "not a valid editable requirement" in p["error"]  # no such folder here
    return False


def compare(pip: dict[str, Any], ours: dict[str, Any], folder: Path | None = None) -> None:
    assert (pip["rejected"] is not None) == ours["rejected"], (pip["rejected"], ours["messages"])
    if pip["rejected"] is not None:
        return
    mine: list[Requirement] = ours["requirements"]
    assert [r.text for r in mine] == [r["text"] for r in pip["requirements"]]
    for m, p in zip(mine, pip["requirements"], strict=True):
        assert m.constraint == p["constraint"], (m, p)
        if _filesystem(m, p):
            event("deliberate: filesystem")
            continue
        assert (m.error is not None) == (p["error"] is not None), (m, p)
        if p["error"] is None:
            hashes = sorted(m.hashes)
            url = m.url
            if _local(url) and folder is not None:
                # reqlint keeps a local archive path as written; pip makes a file: URL of
                # it from its working directory (the file's folder here)
                from pip._internal.utils.urls import path_to_url

                url = path_to_url(os.path.normpath(os.path.abspath(folder / (url or ""))))
            assert (m.name, m.specifier, sorted(m.extras), m.marker, url, hashes) == (
                p["name"],
                p["specifier"],
                p["extras"],
                p["marker"],
                p["url"],
                p["hashes"],
            ), (m, p)
    assert ours["index_urls"] == pip["index_urls"]
    assert ours["find_links"] == pip["find_links"]
    assert _hosts(ours["trusted_hosts"]) == _hosts(pip["trusted_hosts"])


@contextlib.contextmanager
def pip_environment() -> Any:
    """The ${VAR} values both sides expand, and no pip config of this machine."""
    saved = dict(os.environ)
    os.environ.update(dict(ENV.items()), PIP_CONFIG_FILE=os.devnull)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _cli(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", "--isolated", "--format", "json", path.name])
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------- properties


def _lay_out(folder: Path, data: bytes) -> Path:
    for name, content in INCLUDED.items():
        (folder / name).write_bytes(content)
    path = folder / "requirements.txt"
    path.write_bytes(data)
    return path


@SETTINGS
@given(data=requirements_file())
def test_pip_agrees(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = _lay_out(tmp_path_factory.mktemp("fuzz"), data)
    with pip_environment():
        pip = pip_reads(path)
    ours = reqlint_reads(path)
    event("pip rejects" if pip["rejected"] else "pip accepts")
    compare(pip, ours, path.parent)


@settings(
    max_examples=max(EXAMPLES // 3, 30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=requirements_file())
def test_cli_never_crashes_and_is_deterministic(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = _lay_out(tmp_path_factory.mktemp("cli"), data)
    first = _cli(path)
    assert first[0] in (0, 1), first
    assert "Traceback" not in first[2]
    assert "internal error" not in first[2]
    assert _cli(path) == first
    assert path.read_bytes() == data  # check never writes


# The classes of the fuzzer that reqlint read differently, each a regression test.
MEASURED: dict[str, bytes] = {
    "extra-and-index-on-one-line": b"--extra-index-url https://a/ --index-url https://b/\n",
    "extra-and-index-continued": b"--extra-index-url https://a/ \\\n --index-url https://b/\n",
    "egg-on-name-at-url": b"numpy @ https://x/numpy.zip#egg=numpy>=1\n",
    "empty-index-url": b"--index-url=\n",
    "constraint-extras": b"-c con.txt\n",
    "constraint-unnamed": b"-c unnamed.txt\n",
    "require-and-no-require-hashes": b"--require-hashes\n--no-require-hashes\n",
    "trusted-host-empty": b"--trusted-host ''\n",
    "trusted-host-port": b"--trusted-host=:b\n",
    "trusted-host-bracket": b"--trusted-host [\n",
    "include-after-vt": b"a==1\x0b-r inc.txt\x0bc==1\n",
    "include-after-u2028": "a==1\u2028-c con.txt\u2028c==1\n".encode(),
    "tab-in-file-url": b"fil\\\n\te:x\n",
    "bad-ipv6-url": b"http://]/x-0-y-e-a.whl\n",
    "upper-case-file-url": b"FILE:///tmp/p.zip\n",
    "file-url-with-host": b"file://host/p.zip\n",
    "included-twice": b"-r inc.txt\n-r inc.txt\n",
    "included-as-r-then-c": b"-r inc.txt\n-c inc.txt\n",
    "index-between-two-reads": b"-r inc.txt\n--index-url https://b/s\n-r inc.txt\n",
    "c-and-r-on-one-line": b"-c con.txt -r inc.txt\n",
}


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_measured_class(name: str, tmp_path: Path) -> None:
    (tmp_path / "unnamed.txt").write_bytes(b"https://h.example/p.zip\n")
    path = _lay_out(tmp_path, MEASURED[name])
    with pip_environment():
        pip = pip_reads(path)
    if name == "require-and-no-require-hashes":
        # pip's parser takes both; `pip install` stops right after it (req_command.py)
        assert pip["rejected"] is None
        ours = reqlint_reads(path)
        assert any("mutually exclusive" in m for m in ours["messages"])
        return
    compare(pip, reqlint_reads(path), path.parent)


@pytest.mark.parametrize("name", sorted(DELIBERATE))
def test_deliberate_differences_still_differ(name: str, tmp_path: Path) -> None:
    data, _why = DELIBERATE[name]
    (tmp_path / "emptydir").mkdir()
    path = _lay_out(tmp_path, data)
    with pip_environment():
        pip = pip_reads(path)
    ours = reqlint_reads(path)
    if name == "lone-backslash-line":
        assert [r.location.line for r in ours["requirements"]] == [2]
        return
    if name == "first-error":
        assert pip["rejected"] is not None
        assert pip["requirements"] == []
        assert [r.text for r in ours["requirements"]] == ["b==1"]
        return
    with pytest.raises(AssertionError):
        compare(pip, ours)
