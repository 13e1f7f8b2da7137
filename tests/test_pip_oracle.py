"""The differential test: reqlint's requirements parser against pip 26.3 itself.

1. Every requirements file of the vendored corpus is loaded with
   :func:`reqlint.sources.requirements.load_requirements` and compared, requirement by
   requirement and option by option, with what pip 26.3 recorded for it in
   ``tests/data/corpus/pip-oracle.json`` (made by ``scripts/pip_oracle.py``).
2. A few hand-written tricky files are fed to the real pip installed in the test venv, in
   a subprocess isolated from this machine's pip settings, and compared the same way.

Any disagreement fails, except the named, explained exceptions below: they are where
pip's answer depends on things reqlint deliberately does not look at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from packaging.utils import canonicalize_name

from reqlint.model import Include, ParsedSource, Requirement, Setting
from reqlint.project import Project
from reqlint.sources.requirements import load_requirements

CORPUS = Path(__file__).parent / "data" / "corpus"
ORACLE: dict[str, Any] = json.loads((CORPUS / "pip-oracle.json").read_text("utf-8"))
FILES: dict[str, Any] = ORACLE["files"]
# The oracle's ${VAR} mapping; a null value means the variable is unset.
ENV = {k: v for k, v in ORACLE["environment"].items() if v is not None}

# ------------------------------------------------------------ documented exceptions
# 1. cwd_dependent: pip resolves a local path (``-e .``, ``./pkg``, ``foo.whl``) against
#    its working directory; the oracle ran in an empty one, so pip failed or made an
#    absolute file: URL of it.  reqlint never looks at the file system for a requirement
#    (the same file must lint the same everywhere): it takes the path as a local project
#    or archive.  For these lines only file, line, editable and constraint are compared.
# 2. pip_stopped: pip stops at the first error that aborts parsing (an unknown option, a
#    missing include, an include cycle, an undecodable file); what it yielded before is
#    compared as a prefix of reqlint's list, and reqlint must report a problem in the
#    file's include closure.  reqlint keeps going to report every problem at once.
# 3. options of a file where pip stopped are the values at the moment of failure: not
#    compared (reqlint's are those of the whole file).
# 4. features_enabled leaks between files in the oracle: pip's --use-feature option has a
#    module-level mutable default list, and the oracle parsed every file in one process,
#    so every file sorted after pip-tests/use-feature.txt shows ['fast-deps'].  For those
#    files reqlint's (empty) list is accepted in place of the leaked one.
FEATURE_LEAK_FROM = "requirements/pip-tests/use-feature.txt"
FEATURE_LEAK = ["fast-deps"]
URL_FIND_LINKS_PREFIX = "<corpus>/"


def _hashes(req: Requirement) -> dict[str, list[str]] | None:
    out: dict[str, list[str]] = {}
    for item in req.hashes:
        algo, _, digest = item.partition(":")
        out.setdefault(algo, []).append(digest)
    return dict(sorted(out.items())) or None


def flatten(sources: list[ParsedSource], root: ParsedSource) -> Iterator[tuple[str, Requirement]]:
    """Requirements in pip's order: includes expanded where their line stands, a file
    included twice read twice (as pip does), a cycle not followed."""
    by_path = {s.path: s for s in sources}

    def visit(src: ParsedSource, stack: tuple[str, ...]) -> Iterator[tuple[str, Requirement]]:
        events: list[tuple[int, int, Requirement | Include]] = [
            (r.location.line, 0, r) for r in src.requirements
        ]
        events += [(i.location.line, 1, i) for i in src.includes]
        for _, _, item in sorted(events, key=lambda e: (e[0], e[1])):
            if isinstance(item, Requirement):
                yield src.path, item
            elif item.resolved in by_path and item.resolved not in stack:
                yield from visit(by_path[item.resolved], (*stack, item.resolved))

    return visit(root, (root.path,))


def record(path: str, req: Requirement) -> dict[str, Any]:
    return {
        "file": path,
        "line": req.location.line,
        "text": req.text,
        "name": req.name,
        "specifier": req.specifier,
        "extras": list(req.extras),
        "marker": req.marker,
        "editable": req.editable,
        "constraint": req.constraint,
        "url": req.url,
        "link_is_vcs": req.is_vcs,
        "hashes": _hashes(req),
        "error": req.error is not None,
    }


def expected(rec: dict[str, Any]) -> dict[str, Any]:
    return {
        "file": rec["file"],
        "line": rec["line"],
        "text": rec["requirement_text"],
        "name": rec.get("name"),
        "specifier": rec.get("specifier", ""),
        "extras": rec.get("extras", []),
        "marker": rec.get("marker"),
        "editable": rec["editable"],
        "constraint": rec["constraint"],
        "url": rec.get("url"),
        "link_is_vcs": rec.get("link_is_vcs", False),
        "hashes": rec.get("hashes"),
        "error": rec["error"] is not None,
    }


CWD_KEYS = ("file", "line", "text", "editable", "constraint")


@pytest.fixture
def in_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)


def compare_file(rel: str) -> list[str]:
    """Differences between reqlint and the oracle for one file (empty: they agree)."""
    entry = FILES[rel]
    sources = load_requirements(rel, env=ENV)
    root = sources[0]
    mine = [record(p, r) for p, r in flatten(sources, root)]
    theirs = entry["requirements"]
    stopped = entry["parse_error"] is not None
    diffs: list[str] = []
    # The oracle refuses to fetch a URL include (it never touches the network); pip would
    # fetch it and read on, and reqlint, which does not fetch either, reports nothing.
    remote = stopped and "URL includes are never fetched" in entry["parse_error"]["message"]
    if stopped:
        if not remote and not any(s.problems for s in sources):
            diffs.append(
                f"pip stopped ({entry['parse_error']['message']!r}) but reqlint reports no problem"
            )
        mine = mine[: len(theirs)]
    if len(mine) != len(theirs):
        diffs.append(
            f"{len(mine)} requirements, pip has {len(theirs)}: "
            f"{[m['line'] for m in mine]} vs {[t['line'] for t in theirs]}"
        )
    for m, t in zip(mine, theirs, strict=False):  # lengths compared above
        exp = expected(t)
        keys = CWD_KEYS if t["cwd_dependent"] else tuple(exp)
        for key in keys:
            if m[key] != exp[key]:
                diffs.append(
                    f"{t['file']}:{t['line']} {key}: reqlint {m[key]!r}, "
                    f"pip {exp[key]!r} ({t['requirement_text']!r}"
                    f"{'; ' + t['error']['message'] if t['error'] else ''})"
                )
    if not stopped:
        diffs += compare_options(rel, sources, root, entry["options"])
    return diffs


def compare_options(
    rel: str, sources: list[ParsedSource], root: ParsedSource, opts: dict[str, Any]
) -> list[str]:
    plan = Project(tuple(sources), environment_read=False).index_plan(root)
    closure = Project(tuple(sources)).ordered_settings(root)
    keys = [s.key for s in closure]
    find_links = []
    for st in plan.find_links:
        # pip makes a --find-links path absolute when it exists next to the file
        local = os.path.normpath(os.path.join(os.path.dirname(st.location.path), st.value))
        find_links.append(URL_FIND_LINKS_PREFIX + local if os.path.exists(local) else st.value)
    got: dict[str, Any] = {
        "index_urls": [e.url for e in plan.indexes],
        "no_index": plan.no_index,
        "find_links": find_links,
        "trusted_hosts": [s.value for s in plan.trusted_hosts],
        "pre": "pre" in keys
        or any(s.key == "all-releases" and ":all:" in s.value.split(",") for s in closure),
        "prefer_binary": "prefer-binary" in keys,
        "require_hashes": "require-hashes" in keys,
        "no_require_hashes": "no-require-hashes" in keys,
        "features_enabled": sorted({s.value for s in closure if s.key == "use-feature"}),
        **format_control(closure),
    }
    want: dict[str, Any] = {k: opts[k] for k in got}
    want["features_enabled"] = sorted(want["features_enabled"])
    want["trusted_hosts"] = _dedupe(want["trusted_hosts"])
    got["trusted_hosts"] = _dedupe(got["trusted_hosts"])
    if (
        rel > FEATURE_LEAK_FROM
        and want["features_enabled"] == FEATURE_LEAK
        and got["features_enabled"] == []
    ):
        want["features_enabled"] = []
    return [
        f"{rel} option {k}: reqlint {got[k]!r}, pip {want[k]!r}" for k in got if got[k] != want[k]
    ]


def format_control(settings: list[Setting]) -> dict[str, list[str]]:
    """pip's FormatControl.handle_mutual_excludes replayed over the settings, in order."""
    sets: dict[str, set[str]] = {"no-binary": set(), "only-binary": set()}

    def handle(value: str, target: set[str], other: set[str]) -> None:
        new = value.split(",")
        while ":all:" in new:
            other.clear()
            target.clear()
            target.add(":all:")
            del new[: new.index(":all:") + 1]
            if ":none:" not in new:
                return
        for name in new:
            if name == ":none:":
                target.clear()
                continue
            other.discard(canonicalize_name(name))
            target.add(canonicalize_name(name))

    for st in settings:
        if st.key in sets:
            other = "only-binary" if st.key == "no-binary" else "no-binary"
            handle(st.value, sets[st.key], sets[other])
    return {"no_binary": sorted(sets["no-binary"]), "only_binary": sorted(sets["only-binary"])}


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@pytest.mark.usefixtures("in_corpus")
@pytest.mark.parametrize("rel", sorted(FILES))
def test_corpus_file_matches_pip(rel: str) -> None:
    assert compare_file(rel) == []


def test_exceptions_are_counted() -> None:
    """The documented exceptions, counted, so that a new one cannot slip in unnoticed."""
    records = [r for f in FILES.values() for r in f["requirements"]]
    assert len(FILES) == 320
    assert len(records) == 6062
    assert sum(r["cwd_dependent"] for r in records) == 44  # exception 1
    assert sum(f["parse_error"] is not None for f in FILES.values()) == 30  # exception 2/3
    leaked = [
        k
        for k, f in FILES.items()
        if k > FEATURE_LEAK_FROM and f["options"]["features_enabled"] == FEATURE_LEAK
    ]
    assert len(leaked) == 68  # exception 4
    # lines pip could not turn into a requirement, compared as errors (not exceptions)
    assert sum(r["error"] is not None and not r["cwd_dependent"] for r in records) == 98


def test_oracle_covers_the_corpus() -> None:
    on_disk = sorted(
        p.relative_to(CORPUS).as_posix()
        for p in (CORPUS / "requirements").rglob("*")
        if p.is_file() and p.suffix in (".txt", ".in", ".pip")
    )
    assert sorted(FILES) == on_disk
    assert ORACLE["pip_version"] == "26.3"


# ------------------------------------------------- real pip 26.3 on hand-written files

PIP_SCRIPT = r"""
import json, os, sys
from pip._internal.commands import create_command
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
from pip._internal.req.constructors import install_req_from_parsed_requirement

def one(path):
    os.chdir(os.path.dirname(path))
    cmd = create_command("install", isolated=True)
    options, _ = cmd.parse_args([])
    session = PipSession()
    finder = cmd._build_package_finder(options=options, session=session)
    out = {"requirements": [], "error": None}
    try:
        for parsed in parse_requirements(path, session, finder=finder, options=options):
            rec = {"text": parsed.requirement, "editable": parsed.is_editable,
                   "comes_from": parsed.comes_from}
            try:
                ireq = install_req_from_parsed_requirement(parsed)
            except Exception as exc:
                rec["error"] = str(exc)
            else:
                rec.update(
                    name=ireq.name,
                    specifier=str(ireq.req.specifier) if ireq.req else "",
                    extras=sorted(ireq.extras),
                    marker=str(ireq.markers) if ireq.markers else None,
                    url=ireq.link.url if ireq.link else None,
                    hashes={k: list(v) for k, v in sorted(ireq.hash_options.items())} or None,
                    error=None)
            out["requirements"].append(rec)
    except Exception as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
    out["index_urls"] = list(finder.index_urls)
    out["trusted_hosts"] = list(finder.trusted_hosts)
    out["find_links"] = list(finder.find_links)
    return out

print(json.dumps([one(p) for p in sys.argv[1:]]))
"""


def run_pip(paths: list[Path], env_vars: dict[str, str]) -> list[dict[str, Any]]:
    """What the real pip 26.3 makes of each file, isolated from this machine's settings
    (no PIP_* variables, no config files), each file parsed from its own folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(env_vars, PIP_CONFIG_FILE=os.devnull, PYTHONNOUSERSITE="1")
    done = subprocess.run(
        [sys.executable, "-c", PIP_SCRIPT, *map(str, paths)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


TRICKY = {
    "continuations-and-comments": (
        "# full-line comment ending in a backslash \\\n"
        "first==1.0  # trailing comment ending in a backslash \\\n"
        "swallowed==2.0\n"
        "sec\\\n"
        'ond>=1,<3 ; python_version >= "3.8"\n'
        "third[b,a]==3.0 \\\n"
        "   --hash=sha256:aaaa \\\n"
        "   --hash sha512:bbbb\n"
        "last-line==4 \\"
    ),
    "options-every-spelling": (
        "--extra-index-url https://extra.example/simple\n"
        "--index-url=https://primary.example/simple\n"
        "-ihttps://short.example/simple\n"
        "--extra-index-url=https://e2.example/simple  Stray\n"
        "-f https://links.example/\n"
        "--trusted-host example.com --trusted-host=other.example\n"
        "pkg==1.0\n"
    ),
    "urls-and-eggs": (
        "-e git+https://github.com/org/repo.git@v1#egg=repo\n"
        "https://example.com/pkg-1.0.tar.gz#egg=pkg&sha256=abc\n"
        "name @ https://example.com/name-2.0-py3-none-any.whl ; sys_platform == 'linux'\n"
        "https://example.com/wheel_pkg-3.1-py3-none-any.whl\n"
        "git+https://github.com/org/other.git#egg=other\n"
        "plain==1.0 --config-settings key=value\n"
    ),
    "env-vars": (
        "--index-url https://${USER_X}:${TOKEN_X}@private.example/simple\n"
        "pkg==${VERSION_X}\n"
        "lower==1.0 ; python_version >= '${lower_x}'\n"
        "--extra-index-url https://${UNSET_X}@other.example/simple\n"
    ),
    "crlf": "alpha==1.0 \\\r\n  ; python_version > '3'\r\nbeta==2.0  # c\r\n",
}
TRICKY_ENV = {"USER_X": "u", "TOKEN_X": "t0k", "VERSION_X": "1.2.3", "lower_x": "3"}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_file_matches_real_pip(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "requirements.txt"
    path.write_bytes(TRICKY[name].encode())
    (pip,) = run_pip([path], TRICKY_ENV)
    assert pip["error"] is None
    monkeypatch.chdir(tmp_path)
    sources = load_requirements("requirements.txt", env=TRICKY_ENV)
    root = sources[0]
    mine = [r for _, r in flatten(sources, root)]
    assert [r.text for r in mine] == [r["text"] for r in pip["requirements"]]
    assert [r.location.line for r in mine] == [
        int(r["comes_from"].rsplit("line ", 1)[1].rstrip(")")) for r in pip["requirements"]
    ]
    for m, p in zip(mine, pip["requirements"], strict=True):
        assert (m.error is not None) == (p["error"] is not None), (m, p)
        if p["error"] is None:
            assert (m.name, m.specifier, list(m.extras), m.marker, m.url, _hashes(m)) == (
                p["name"],
                p["specifier"],
                p["extras"],
                p["marker"],
                p["url"],
                p["hashes"],
            )
    plan = Project(tuple(sources)).index_plan(root)
    assert [e.url for e in plan.indexes] == pip["index_urls"]
    assert _dedupe([s.value for s in plan.trusted_hosts]) == _dedupe(pip["trusted_hosts"])
    assert [s.value for s in plan.find_links] == pip["find_links"]


# Lines reqlint says pip rejects (RL002 "pip rejects this file") and lines it accepts:
# real pip must agree on both.
REJECTED = [
    "--upgrade",
    "--global-option=x",
    "--bogus",
    "-x",
    "--no",
    "--index-url",
    "--pre=yes",
    "pkg==1 --hash=md5:abc",
    "pkg==1 --hash=abc",
    "--use-feature=resolvelib",
    "pkg -C novalue",
    "--index-url 'unclosed",
]
ACCEPTED = [
    "--index https://a.example/simple",
    "--pypi-url https://a.example/simple",
    "-f one -f two",
    "--index-url https://a.example/ SomePkg",
    "pkg==1 --index-url https://x.example/simple",
    "--hash=sha256:abc",
]


def test_rejections_agree_with_real_pip(tmp_path: Path) -> None:
    cases = [(x, True) for x in REJECTED] + [(x, False) for x in ACCEPTED]
    paths = []
    for n, (line, _) in enumerate(cases):
        path = tmp_path / f"r{n}" / "requirements.txt"
        path.parent.mkdir()
        path.write_text(line + "\n", "utf-8")
        paths.append(path)
    verdicts = run_pip(paths, {})
    for (line, rejected), path, pip in zip(cases, paths, verdicts, strict=True):
        source = load_requirements(str(path))[0]
        says_rejected = any("pip rejects this file" in p.message for p in source.problems)
        assert (pip["error"] is not None, says_rejected) == (rejected, rejected), line
