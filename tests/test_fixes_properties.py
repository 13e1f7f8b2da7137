"""Property tests for ``--fix``: generated requirements files and pip configs.

Files are generated from a small model (requirements, extra/primary indexes, trusted hosts,
comments, blank lines) and rendered with every spelling that matters: ``\\n``/``\\r\\n``/
``\\r`` line endings mixed per line, a UTF-8 BOM or not, backslash continuations, trailing
comments, tabs and trailing spaces, non-ASCII text, a final newline or not.  For each
file the real pipeline runs (load, lint, plan) and these must hold:

* every line the fix did not target is byte-identical, and a targeted line is the
  original behind ``# `` (requirements) or the original minus the removed word (pip.conf);
* pip itself (pip 26.3's parser, in-process, isolated from this machine's pip settings)
  reads the result exactly as it reads the same model rendered without the fixed items;
* a second run finds nothing to fix (idempotence).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reqlint import fixes
from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project

SETTINGS = settings(
    max_examples=int(os.environ.get("REQLINT_FIX_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@contextlib.contextmanager
def isolated_pip() -> Iterator[None]:
    """No PIP_* variable and no pip config file of this machine while pip parses."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("PIP_")}
    for key in saved:
        del os.environ[key]
    os.environ["PIP_CONFIG_FILE"] = os.devnull
    try:
        yield
    finally:
        del os.environ["PIP_CONFIG_FILE"]
        os.environ.update(saved)


def pip_reads_requirements(path: Path) -> tuple[list[tuple[str, bool]], list[str], list[str]]:
    """(requirements, index URLs, trusted hosts) as pip's own parser reads ``path``."""
    from pip._internal.commands import create_command
    from pip._internal.network.session import PipSession
    from pip._internal.req.req_file import parse_requirements

    with isolated_pip():
        cmd: Any = create_command("install", isolated=True)
        options, _ = cmd.parse_args([])
        session = PipSession()
        try:
            finder = cmd._build_package_finder(options=options, session=session)
            reqs = [
                (p.requirement, p.is_editable)
                for p in parse_requirements(str(path), session, finder=finder, options=options)
            ]
            return reqs, list(finder.index_urls), list(finder.trusted_hosts)
        finally:
            session.close()


def pip_reads_config(path: Path) -> dict[str, str]:
    """``section.key -> value`` as pip's Configuration loads one file (no other file)."""
    from pip._internal.configuration import Configuration, Kind

    with isolated_pip():
        config = Configuration(isolated=True)
        config._load_file(Kind.ENV, str(path))
        values: dict[str, str] = config.get_values_in_config(Kind.ENV)[str(path)]
        return dict(values)


def lint_and_plan(path: Path, *, select: tuple[str, ...] = (), unsafe: bool = False) -> fixes.Plan:
    project = load_project(candidates([str(path)]))
    outcome = run(project, selector=lambda code, _p: not select or code in select)
    return fixes.plan(outcome.diagnostics, project, unsafe=unsafe, roots=[str(path)])


def fixed_bytes(path: Path, **kwargs: Any) -> bytes:
    planned = lint_and_plan(path, **kwargs)
    assert len(planned.files) <= 1
    return planned.files[0].new if planned.files else path.read_bytes()


def lines_of(data: bytes, encoding: str = "utf-8-sig") -> list[str]:
    return _LINE.findall(data.decode(encoding))


# ------------------------------------------------------------------ requirements files

NAMES = ["alpha", "Beta", "gamma-x", "delta"]
SPECS = ["", "==1.0", ">=2,<3", "[extra]==2.0"]
EXTRA_URLS = [
    "https://extra.example/simple",
    "https://pypi.org/simple",
    "http://mirror.example/pypi/",
]
COMMENTS = ["# a comment", "#", "# caf\u00e9 \u2014 \u65e5\u672c", "  # indented"]


@dataclass(frozen=True)
class Item:
    kind: str  # req | extra | index | comment | blank
    lines: tuple[str, ...]  # physical lines without their endings
    text: str = ""


@st.composite
def req_items(draw: st.DrawFn) -> Item:
    name = draw(st.sampled_from(NAMES))
    spec = draw(st.sampled_from(SPECS))
    marker = draw(st.sampled_from(["", " ; python_version >= '3'"]))
    text = name + spec + marker
    if draw(st.booleans()) and len(text) > 2:
        cut = draw(st.integers(1, len(text) - 1))
        lines: tuple[str, ...] = (text[:cut] + "\\", text[cut:])
    else:
        lines = (text,)
    return Item("req", _decorate(draw, lines), text)


@st.composite
def extra_items(draw: st.DrawFn) -> Item:
    url = draw(st.sampled_from(EXTRA_URLS))
    style = draw(st.sampled_from(["eq", "space", "tab", "cont", "cont3"]))
    lines = {
        "eq": (f"--extra-index-url={url}",),
        "space": (f"--extra-index-url {url}",),
        "tab": (f"  --extra-index-url\t{url}",),
        "cont": ("--extra-index-url \\", f"    {url}"),
        "cont3": ("--extra-index-url\\", f"={url[:8]}\\", url[8:]),
    }[style]
    return Item("extra", _decorate(draw, lines), url)


@st.composite
def index_items(draw: st.DrawFn) -> Item:
    url = draw(st.sampled_from(["https://int.example/simple", "https://int2.example/s/"]))
    return Item("index", _decorate(draw, (f"--index-url {url}",)), url)


def _decorate(draw: st.DrawFn, lines: tuple[str, ...]) -> tuple[str, ...]:
    """A trailing comment and/or trailing blanks on the last physical line."""
    last = lines[-1]
    if draw(st.booleans()):
        last += draw(st.sampled_from(["  # note", " # caf\u00e9", "\t# x"]))
    last += draw(st.sampled_from(["", " ", "\t", " \t "]))
    return (*lines[:-1], last)


ITEMS = st.one_of(
    req_items(),
    req_items(),
    extra_items(),
    index_items(),
    st.sampled_from(["--trusted-host int.example", "--trusted-host=h.example:8080 \\"]).map(
        lambda t: Item("host", (t,) if not t.endswith("\\") else (t, "  # then a comment"))
    ),
    st.sampled_from(COMMENTS).map(lambda c: Item("comment", (c,))),
    st.just(Item("blank", ("",))),
)


@st.composite
def requirements_files(
    draw: st.DrawFn,
) -> tuple[list[Item], list[str], bool, bool, bool]:
    items = draw(st.lists(ITEMS, min_size=1, max_size=8))
    count = sum(len(item.lines) for item in items)
    endings = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=count, max_size=count))
    return items, endings, draw(st.booleans()), draw(st.booleans()), draw(st.booleans())


def _public(url: str) -> bool:
    return url.split("://", 1)[-1].split("/", 1)[0] in ("pypi.org", "pypi.python.org")


def _kept_by_design(extra: str, primary: str, unsafe: bool) -> bool:
    """Whether ``--fix`` (with ``unsafe``) leaves ``extra`` beside ``primary``."""
    if extra.rstrip("/") == primary.rstrip("/") or (_public(extra) and not _public(primary)):
        return False
    if _public(primary) and not _public(extra):
        return True
    return not unsafe


def render(
    items: list[Item],
    endings: list[str],
    bom: bool,
    final_newline: bool,
) -> tuple[bytes, list[int]]:
    """The file's bytes, and for every physical line the index of the item it belongs to."""
    physical = [(index, line) for index, item in enumerate(items) for line in item.lines]
    parts: list[str] = []
    for n, (_, line) in enumerate(physical):
        last = n == len(physical) - 1
        ending = endings[n]
        if ending == "\r" and not last and not physical[n + 1][1]:
            ending = "\r\n"  # "\r" + an empty line ending in "\n" would be one CRLF
        parts.append(line + ("" if last and not final_newline else ending))
    data = "".join(parts).encode()
    return (b"\xef\xbb\xbf" if bom else b"") + data, [index for index, _ in physical]


@SETTINGS
@given(requirements_files())
def test_requirements_fix_properties(drawn: tuple[list[Item], list[str], bool, bool, bool]) -> None:
    items, endings, bom, final_newline, unsafe = drawn
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "requirements.txt"
        given_bytes, all_owners = render(items, endings, bom, final_newline)
        path.write_bytes(given_bytes)
        new = fixed_bytes(path, unsafe=unsafe)

        # 1. lines: untouched ones byte-identical, targeted ones commented, whole items only
        old_lines, new_lines = lines_of(given_bytes), lines_of(new)
        # an empty last line without a newline is no line at all
        owner = all_owners[: len(old_lines)]
        assert len(old_lines) == len(new_lines)
        fixed_items: set[int] = set()
        for n, (old, now) in enumerate(zip(old_lines, new_lines, strict=True)):
            if old != now:
                assert now == "# " + old
                fixed_items.add(owner[n])
        for n, index in enumerate(owner):
            if index in fixed_items:
                assert new_lines[n] == "# " + old_lines[n], "a fix must take the whole item"
        fixable = ("extra", "req", "host") if unsafe else ("extra", "req")
        assert all(items[i].kind in fixable for i in fixed_items)
        event(f"fixed kinds: {sorted({items[i].kind for i in fixed_items})}")
        assert new.startswith(b"\xef\xbb\xbf") == bom

        # 2. pip reads the result as the same model without the fixed items
        path.write_bytes(new)
        reqs, index_urls, hosts = pip_reads_requirements(path)
        kept = [item for i, item in enumerate(items) if i not in fixed_items]
        kept_endings = [endings[n] for n, i in enumerate(all_owners) if i not in fixed_items]
        expected_path = Path(folder) / "expected.txt"
        expected_path.write_bytes(
            render(kept, kept_endings, bom, final_newline)[0] if kept else b""
        )
        assert (reqs, index_urls, hosts) == pip_reads_requirements(expected_path)
        # RL101 removes an extra index by direction: the same index twice, or the public
        # index behind a non-public primary (safe); a non-public one beside the public
        # primary never; any other pair only with --unsafe-fixes
        primary = index_urls[0] if index_urls else ""
        assert all(_kept_by_design(url, primary, unsafe) for url in index_urls[1:])
        # with --unsafe-fixes every trusted host is gone (RL103)
        assert not (unsafe and hosts)
        # a file whose every requirement of a project is written the same way keeps one
        # (RL206 fixes only exact duplicates of the first occurrence)
        if all(reqs.count(r) == len(reqs) for r in reqs):
            assert len(set(reqs)) == len(reqs)

        # 3. idempotent
        assert fixed_bytes(path, unsafe=unsafe) == new
        assert lint_and_plan(path, unsafe=unsafe).files == ()


# ------------------------------------------------------------------------- pip.conf

GOOD = ["https://a.example/simple", "https://b.example/simple", "https://c.example/s"]
BAD = ["https://deploy:s3cret@bad.example/simple", "https://__token__:pypi-x@t.example/s"]
_STRIPPED = {BAD[0]: "https://bad.example/simple", BAD[1]: "https://t.example/s"}


def _strip_all(line: str, stripped: dict[str, str]) -> str:
    for old, new in stripped.items():
        line = line.replace(old, new)
    return line


@dataclass(frozen=True)
class ConfFile:
    data: bytes
    urls: list[str]  # the extra-index-url items, in order
    key_line: int  # 0-based line number of the extra-index-url key


@st.composite
def pip_configs(draw: st.DrawFn) -> ConfFile:
    urls = draw(st.lists(st.sampled_from(GOOD + BAD), min_size=1, max_size=5, unique=True))
    indent = draw(st.sampled_from(["    ", "\t", "  \t"]))
    lines: list[str] = ["[global]"]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["# pip settings", "; caf\u00e9", ""])))
    lines.append("index-url = https://int.example/simple")
    key_line = len(lines)
    first = draw(st.integers(0, min(2, len(urls))))  # how many items on the key line
    key = draw(st.sampled_from(["extra-index-url", "extra_index_url", "Extra-Index-URL"]))
    sep = draw(st.sampled_from([" = ", "=", ": ", " =\t"]))
    lines.append((key + sep + " ".join(urls[:first])).rstrip() if first else key + sep.rstrip())
    rest = urls[first:]
    while rest:
        take = draw(st.integers(1, min(2, len(rest))))
        lines.append(indent + " ".join(rest[:take]))
        rest = rest[take:]
        inside: bool = draw(st.booleans())
        if rest and inside:
            lines.append(indent + "# a comment inside the value")
    if draw(st.booleans()):
        lines.append("timeout = 60")
    endings = draw(
        st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines))
    )
    final_newline = draw(st.booleans())
    for n in range(len(lines) - 1):
        if endings[n] == "\r" and not lines[n + 1]:
            endings[n] = "\r\n"  # "\r" + an empty line ending in "\n" would be one CRLF
    text = "".join(
        line + (endings[n] if n < len(lines) - 1 or final_newline else "")
        for n, line in enumerate(lines)
    )
    return ConfFile(text.encode(), urls, key_line)


def _extras(values: dict[str, str]) -> list[str]:
    return values.get("global.extra-index-url", "").split()


@SETTINGS
@given(pip_configs(), st.sampled_from(["RL104", "RL101"]))
def test_pipconf_fix_properties(conf: ConfFile, rule: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pip.conf"
        path.write_bytes(conf.data)
        before = pip_reads_config(path)
        assert _extras(before) == conf.urls
        # Both fixes are unsafe here: RL104 always, RL101 for extras beside a private
        # primary that are not the public index.
        new = fixed_bytes(path, select=(rule,), unsafe=True)
        # RL104 takes the credentials out of each URL that has them and keeps the URL
        stripped = {u: _STRIPPED[u] for u in conf.urls if u in BAD} if rule == "RL104" else {}
        removed = [] if rule == "RL104" else conf.urls
        event(f"{rule}: removes {len(removed)}, strips {len(stripped)} of {len(conf.urls)}")

        # untouched lines byte-identical; only lines holding a removed URL (or the key of
        # a value that loses every URL) change
        old_lines, new_lines = lines_of(conf.data, "utf-8"), lines_of(new, "utf-8")
        assert len(old_lines) == len(new_lines)
        for n, (old, now) in enumerate(zip(old_lines, new_lines, strict=True)):
            if any(u in old for u in stripped):
                assert now == _strip_all(old, stripped)
            elif not any(u in old for u in removed) and n != conf.key_line:
                assert old == now
            elif now != old and now.startswith("# "):
                assert now == "# " + old

        # pip's own reading: the same configuration minus the removed URLs
        path.write_bytes(new)
        after = pip_reads_config(path)
        assert _extras(after) == [stripped.get(u, u) for u in conf.urls if u not in removed]
        others = {k: v for k, v in before.items() if k != "global.extra-index-url"}
        assert {k: v for k, v in after.items() if k != "global.extra-index-url"} == others

        # idempotent
        assert fixed_bytes(path, select=(rule,), unsafe=True) == new


@SETTINGS
@given(pip_configs())
def test_pipconf_with_bom_is_left_alone(conf: ConfFile) -> None:
    """pip rejects a pip.conf with a BOM (RL005): nothing in it is fixed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pip.conf"
        path.write_bytes(b"\xef\xbb\xbf" + conf.data)
        assert fixed_bytes(path, unsafe=True) == b"\xef\xbb\xbf" + conf.data
