#!/usr/bin/env python3
"""pip oracle: record what pip's own requirements-file parser makes of each
requirements file in the reqlint corpus, without any network access.

For every requirements file (requirements/**/*.txt|*.in|*.pip under the corpus
folder) this script does what ``pip install -r FILE`` does up to the point
where the requirement set is known, using pip's internal API:

* builds the ``install`` command's default options in isolated mode (no pip
  config files, no PIP_* environment variables), a PipSession and a
  PackageFinder exactly like pip's RequirementCommand does;
* runs ``pip._internal.req.req_file.parse_requirements(FILE, session,
  finder=finder, options=options)``;
* turns every ParsedRequirement into an InstallRequirement with
  ``install_req_from_parsed_requirement`` (as ``get_requirements`` does) and
  applies the constraint-form check the resolver applies;
* records the options pip collected on the finder/session/options objects.

Two extras use the same machinery:

* pipconf/**/pip.conf|pip.ini: loaded by pip's own Configuration class (as
  PIP_CONFIG_FILE, nothing else), then the ``install`` command's option parser
  is built on it; the options that differ from pip's defaults are recorded;
* conda/**/*.yml|*.yaml: the ``pip:`` list of ``dependencies`` is joined with
  newlines into a requirements file next to the environment file (what
  ``conda env create`` does) and parsed like any requirements file.

The output is ``pip-oracle.json`` in the corpus folder (see pip_oracle.md next to
this script for the schema and the determinism rules).

Usage:  .venv/bin/python -B scripts/pip_oracle.py [--corpus DIR] [--out FILE]
Run it with the interpreter of the test venv (``make setup``), which
holds the pip under test (26.3).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import re
import socket
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "tests", "data", "corpus"))
REQ_SUFFIXES = (".txt", ".in", ".pip")

# ---------------------------------------------------------------------------
# 1. Environment isolation (before pip is imported).
# ---------------------------------------------------------------------------
for _k in list(os.environ):
    if _k.startswith("PIP_"):
        del os.environ[_k]
os.environ["PIP_CONFIG_FILE"] = os.devnull  # belt and braces: no config files
os.environ["HOME"] = "<home>"               # pip expands ~ in path options


# ---------------------------------------------------------------------------
# 2. No network, at the socket level and at pip's session level.
# ---------------------------------------------------------------------------
class NetworkBlocked(Exception):
    """Raised instead of any network or URL access."""


def _blocked(*_a, **_k):
    raise NetworkBlocked("network access is disabled in the pip oracle")


socket.socket.connect = _blocked  # type: ignore[method-assign]
socket.socket.connect_ex = _blocked  # type: ignore[method-assign]
socket.create_connection = _blocked  # type: ignore[assignment]
socket.getaddrinfo = _blocked  # type: ignore[assignment]

# optparse names the program after argv[0] in its error messages
sys.argv[0] = "pip"

import pip  # noqa: E402
from pip._internal import configuration as _cfg_mod  # noqa: E402
from pip._internal.configuration import Kind  # noqa: E402
from pip._internal.exceptions import ConfigurationError, DiagnosticPipError  # noqa: E402
from pip._internal.commands import create_command  # noqa: E402
from pip._internal.network import session as _pip_session_mod  # noqa: E402
from pip._internal.network.session import PipSession  # noqa: E402
from pip._internal.req import req_file as _req_file_mod  # noqa: E402
from pip._internal.req.constructors import (  # noqa: E402
    _looks_like_path,
    install_req_from_parsed_requirement,
)
from pip._internal.req.req_file import parse_requirements  # noqa: E402
from pip._internal.req.req_install import check_invalid_constraint_type  # noqa: E402
from pip._vendor.packaging.utils import canonicalize_name  # noqa: E402


def _blocked_request(self, method, url, *args, **kwargs):  # noqa: ARG001
    raise NetworkBlocked(
        f"pip oracle: refusing to fetch {url} (URL includes are never fetched)"
    )


PipSession.request = _blocked_request  # type: ignore[method-assign]
# Fixed user agent: pip's user_agent() probes the machine (distro, rustc, ...).
_pip_session_mod.user_agent = lambda: "pip-oracle"  # type: ignore[assignment]
# pip.conf handling: only the file named by PIP_CONFIG_FILE is ever read (no
# global /etc, user ~/.config or site sys.prefix files).
_cfg_mod.get_configuration_files = lambda: {Kind.GLOBAL: [], Kind.SITE: [], Kind.USER: []}
# Undecodable files fall back to the locale's encoding; pin it so the result
# does not depend on the machine's locale (UTF-8, as on a usual Linux box).
_req_file_mod.get_locale_encoding = lambda: "utf-8"  # type: ignore[assignment]


# In-memory requirements files, used to feed conda environment.yml pip:
# sections to pip the way conda does (a temporary requirements file written
# next to the environment file).
VIRTUAL_FILES: dict[str, str] = {}
_real_get_file_content = _req_file_mod.get_file_content


def _get_file_content(url, session, *, constraint=False):
    if url in VIRTUAL_FILES:
        return url, VIRTUAL_FILES[url]
    return _real_get_file_content(url, session, constraint=constraint)


_req_file_mod.get_file_content = _get_file_content  # type: ignore[assignment]


# ---------------------------------------------------------------------------
# 3. Helpers.
# ---------------------------------------------------------------------------
class Scrubber:
    """Replace machine-specific absolute paths by stable placeholders."""

    def __init__(self, corpus: str, scratch: str) -> None:
        self.pairs = []
        for real, ph in ((corpus, "<corpus>"), (scratch, "<cwd>")):
            real = os.path.abspath(real)
            variants = {real, os.path.realpath(real)}
            for v in sorted(variants, key=len, reverse=True):
                self.pairs.append((v, ph))
                # the same path inside file:// URLs (pip quotes it)
                from urllib.parse import quote

                self.pairs.append((quote(v), ph))
        self.pairs.sort(key=lambda p: len(p[0]), reverse=True)

    def __call__(self, obj):
        if isinstance(obj, str):
            for real, ph in self.pairs:
                obj = obj.replace(real, ph)
            return obj
        if isinstance(obj, list):
            return [self(x) for x in obj]
        if isinstance(obj, tuple):
            return [self(x) for x in obj]
        if isinstance(obj, dict):
            return {self(k): self(v) for k, v in obj.items()}
        return obj


def _plain(x) -> str:
    # rich Text -> str, and undo rich's markup escaping of "["
    return str(getattr(x, "plain", x)).replace("\\[", "[")


def exc_info(exc: BaseException, stage: str) -> dict:
    cls = type(exc)
    name = cls.__name__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__name__}"
    if isinstance(exc, DiagnosticPipError):
        # str() of these is only "<Class: reference>"; spell out what pip prints
        parts = [f"{exc.reference}: {_plain(exc.message)}"]
        if exc.context:
            parts.append(_plain(exc.context))
        if exc.note_stmt:
            parts.append("note: " + _plain(exc.note_stmt))
        if exc.hint_stmt:
            parts.append("hint: " + _plain(exc.hint_stmt))
        message = "\n".join(parts)
    else:
        message = str(exc)
    return {"stage": stage, "class": name, "message": message}


def _rel(path: str) -> str:
    """'<corpus>/x/y.txt' -> 'x/y.txt' (file fields are corpus-relative)."""
    return path[len("<corpus>/"):] if path.startswith("<corpus>/") else path


VCS_PREFIXES = ("git+", "hg+", "svn+", "bzr+", "git:", "hg:", "svn:", "bzr:")


def is_cwd_dependent(text: str, editable: bool) -> bool:
    """True when pip resolves the line against the local filesystem (relative
    or absolute path, or a bare archive file name): the outcome then depends
    on the working directory (the oracle runs in an empty one)."""
    t = text.strip()
    if "://" in t.split(";")[0] or t.lower().startswith(VCS_PREFIXES):
        return False
    head = re.split(r"\s*;\s*|\s+", t, maxsplit=1)[0]
    if editable:
        return True
    if "@" in head:  # name @ url  (PEP 508 direct reference)
        return False
    head = re.sub(r"\[.*$", "", head)
    return _looks_like_path(head) or head.lower().endswith(
        (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar", ".tbz", ".tar.xz", ".txz", ".tlz")
    )


COMES_FROM_RE = re.compile(r"^-(?P<flag>[rc]) (?P<file>.*) \(line (?P<line>\d+)\)$")


def jsonable(x):
    if type(x).__name__ == "FormatControl":
        return {"no_binary": sorted(x.no_binary), "only_binary": sorted(x.only_binary)}
    if type(x).__name__ == "ReleaseControl":
        return {"all_releases": sorted(x.all_releases), "only_final": sorted(x.only_final)}
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in x]
        return sorted(items, key=repr) if isinstance(x, (set, frozenset)) else items
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    return str(x)


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            msg = record.getMessage()
        except Exception:  # pragma: no cover - defensive
            msg = str(record.msg)
        self.records.append(f"{record.levelname}: {msg}")


ENV_VAR_RE = _req_file_mod.ENV_VAR_RE
# ${NAME} references whose name starts with one of these stay unset, so that
# pip's "leave unknown variables alone" behaviour is covered too.
UNSET_PREFIXES = ("NON_EXISTENT", "UNSET")


def env_value(name: str) -> str | None:
    if name.startswith(UNSET_PREFIXES):
        return None
    return "oracle-" + name.lower().replace("_", "-")


def list_requirement_files(corpus: str) -> list[str]:
    base = os.path.join(corpus, "requirements")
    out = []
    for root, dirs, files in os.walk(base):
        dirs.sort()
        for f in files:
            if f.endswith(REQ_SUFFIXES):
                out.append(os.path.relpath(os.path.join(root, f), corpus).replace(os.sep, "/"))
    return sorted(out)


def referenced_env_vars(corpus: str, files: list[str]) -> dict[str, str | None]:
    names: set[str] = set()
    for rel in files:
        with open(os.path.join(corpus, rel), "rb") as fh:
            data = fh.read()
        for m in ENV_VAR_RE.finditer(data.decode("latin-1")):
            names.add(m.group("name"))
    return {n: env_value(n) for n in sorted(names)}


# ---------------------------------------------------------------------------
# 4. The oracle proper.
# ---------------------------------------------------------------------------
def requirement_record(parsed, options, scrub) -> tuple[dict, dict | None, object]:
    rec: dict = {}
    m = COMES_FROM_RE.match(parsed.comes_from or "")
    rec["file"] = _rel(scrub(m.group("file"))) if m else None
    rec["line"] = int(m.group("line")) if m else None
    rec["constraint"] = bool(parsed.constraint)
    rec["editable"] = bool(parsed.is_editable)
    rec["requirement_text"] = scrub(parsed.requirement)
    rec["cwd_dependent"] = is_cwd_dependent(parsed.requirement, parsed.is_editable)
    # per-line options other than --hash (hashes are reported once, below)
    line_opts = {k: v for k, v in (parsed.options or {}).items() if k != "hashes"}
    rec["line_options"] = scrub(jsonable(line_opts)) if line_opts else None
    ireq = None
    error = None
    try:
        ireq = install_req_from_parsed_requirement(
            parsed,
            isolated=options.isolated_mode,
            user_supplied=True,
            config_settings=(parsed.options.get("config_settings") if parsed.options else None),
        )
    except Exception as exc:  # noqa: BLE001 - we record whatever pip raises
        error = exc_info(exc, "construct")
    if ireq is not None:
        name = ireq.name
        rec["name"] = name
        rec["name_normalized"] = canonicalize_name(name) if name else None
        rec["specifier"] = str(ireq.req.specifier) if ireq.req is not None else ""
        rec["extras"] = sorted(ireq.extras)
        rec["marker"] = str(ireq.markers) if ireq.markers is not None else None
        rec["url"] = scrub(ireq.link.url) if ireq.link is not None else None
        rec["link_is_vcs"] = bool(ireq.link.is_vcs) if ireq.link is not None else False
        rec["hashes"] = {k: list(v) for k, v in sorted(ireq.hash_options.items())} or None
        rec["config_settings"] = jsonable(ireq.config_settings) if ireq.config_settings else None
        problem = check_invalid_constraint_type(ireq) if ireq.constraint else ""
        rec["constraint_problem"] = problem or None
    rec["error"] = scrub(error) if error else None
    return rec, error, ireq


def options_record(options, finder) -> dict:
    index_urls = list(finder.index_urls)
    no_index = bool(finder.search_scope.no_index)
    rc = finder.release_control
    all_releases = sorted(rc.all_releases) if rc is not None else []
    only_final = sorted(rc.only_final) if rc is not None else []
    fc = finder.format_control
    return {
        "index_urls": index_urls,
        "index_url": index_urls[0] if index_urls else None,
        "extra_index_urls": index_urls[1:],
        "no_index": no_index,
        "find_links": list(finder.find_links),
        "trusted_hosts": list(finder.trusted_hosts),
        "pre": ":all:" in all_releases,
        "all_releases": all_releases,
        "only_final": only_final,
        "prefer_binary": bool(finder._candidate_prefs.prefer_binary),
        "no_binary": sorted(fc.no_binary),
        "only_binary": sorted(fc.only_binary),
        "require_hashes": bool(options.require_hashes),
        "no_require_hashes": bool(options.no_require_hashes),
        "features_enabled": list(options.features_enabled),
    }


def run_one(abs_file: str, scrub) -> dict:
    cmd = create_command("install", isolated=True)
    options, _ = cmd.parse_args([])
    session = PipSession()
    finder = cmd._build_package_finder(options=options, session=session)

    cap = LogCapture()
    pip_logger = logging.getLogger("pip._internal")
    pip_logger.addHandler(cap)
    pip_logger.setLevel(logging.WARNING)
    pip_logger.propagate = False
    root_logger = logging.getLogger()
    root_logger.addHandler(cap)
    stderr_buf = io.StringIO()  # optparse prints its usage line on errors

    result: dict = {"requirements": [], "error": None}
    first_error = None
    reqs = []
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(stderr_buf):
        warnings.simplefilter("always")
        try:
            for parsed in parse_requirements(abs_file, session, finder=finder, options=options):
                rec, err, ireq = requirement_record(parsed, options, scrub)
                result["requirements"].append(rec)
                if ireq is not None:
                    reqs.append(ireq)
                if err and first_error is None:
                    first_error = err
        except Exception as exc:  # noqa: BLE001
            parse_err = exc_info(exc, "parse")
            if first_error is None:
                first_error = parse_err
            result["parse_error"] = scrub(parse_err)
        # what get_requirements does after parsing
        if options.require_hashes and options.no_require_hashes and first_error is None:
            first_error = {
                "stage": "post",
                "class": "pip._internal.exceptions.CommandError",
                "message": "--require-hashes and --no-require-hashes are mutually exclusive",
            }
        for r in result["requirements"]:
            if r.get("constraint_problem") and first_error is None:
                first_error = {
                    "stage": "resolve",
                    "class": "pip._internal.exceptions.InstallationError",
                    "message": r["constraint_problem"],
                }
    pip_logger.removeHandler(cap)
    root_logger.removeHandler(cap)

    result["error"] = scrub(first_error) if first_error else None
    result["options"] = scrub(options_record(options, finder))
    result["require_hashes_effective"] = bool(
        options.require_hashes
        or (not options.no_require_hashes and any(r.has_hash_options for r in reqs))
    )
    result["files_read"] = sorted({r["file"] for r in result["requirements"] if r["file"]})
    msgs = cap.records + [f"{w.category.__name__}: {w.message}" for w in caught]
    result["warnings"] = scrub(msgs)
    result.setdefault("parse_error", None)
    return result


# ---------------------------------------------------------------------------
# 5. pip.conf / pip.ini: what pip's configuration loader and the install
#    command's option parser make of each file (given as PIP_CONFIG_FILE).
# ---------------------------------------------------------------------------
def list_kind_files(corpus: str, kind: str, pattern: str) -> list[str]:
    base = os.path.join(corpus, kind)
    rx = re.compile(pattern)
    out = []
    for root, dirs, files in os.walk(base):
        dirs.sort()
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), corpus).replace(os.sep, "/")
            if rx.search(rel):
                out.append(rel)
    return sorted(out)


def _install_options(isolated: bool):
    cmd = create_command("install", isolated=isolated)
    buf = io.StringIO()
    try:
        with contextlib.redirect_stderr(buf):
            options, _ = cmd.parse_args([])
    except SystemExit:
        lines = [ln for ln in buf.getvalue().splitlines() if ln.strip() and not ln.startswith("Usage:")]
        raise ConfigurationError("\n".join(lines) or "option parser exited") from None
    return cmd, options


def run_pipconf(abs_file: str, defaults: dict, scrub) -> dict:
    result: dict = {"error": None, "config": None, "install_options": None}
    os.environ["PIP_CONFIG_FILE"] = abs_file
    try:
        cmd = create_command("install", isolated=False)
        cfg = cmd.parser.config
        try:
            cfg.load()
        except ConfigurationError as exc:
            result["error"] = scrub(exc_info(exc, "load"))
            return result
        flat = {}
        for _variant, values in cfg.items():
            if isinstance(values, dict):
                # keys from the oracle's own PIP_CONFIG_FILE variable are not data
                flat.update({k: v for k, v in values.items() if not k.startswith(":env:")})
            else:  # pragma: no cover - older pip layout
                flat[_variant] = values
        result["config"] = scrub(jsonable(dict(sorted(flat.items()))))
        try:
            _cmd, options = _install_options(isolated=False)
        except ConfigurationError as exc:
            result["error"] = scrub(exc_info(exc, "options"))
            return result
        changed = {}
        for dest, val in sorted(vars(options).items()):
            if jsonable(val) != jsonable(defaults.get(dest)):
                changed[dest] = jsonable(val)
        result["install_options"] = scrub(changed)
        return result
    finally:
        os.environ["PIP_CONFIG_FILE"] = os.devnull


# ---------------------------------------------------------------------------
# 6. conda environment files: the pip: section, handed to pip the way conda
#    does it (lines joined with newlines into a requirements file that sits
#    next to the environment file), then parsed like any requirements file.
# ---------------------------------------------------------------------------
def run_conda(abs_file: str, scrub) -> dict:
    import yaml  # PyYAML, installed in the oracle venv

    result: dict = {"error": None, "pip_sections": []}
    try:
        with open(abs_file, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except Exception as exc:  # noqa: BLE001
        result["error"] = scrub(exc_info(exc, "yaml"))
        return result
    deps = (doc or {}).get("dependencies") if isinstance(doc, dict) else None
    for dep in deps or []:
        if isinstance(dep, dict) and "pip" in dep:
            specs = [str(x) for x in (dep.get("pip") or [])]
            virtual = os.path.join(os.path.dirname(abs_file), "condaenv.requirements.txt")
            VIRTUAL_FILES[virtual] = "\n".join(specs)
            try:
                section = run_one(virtual, scrub)
            finally:
                del VIRTUAL_FILES[virtual]
            section["lines"] = specs
            result["pip_sections"].append(section)
    return result


def _c(obj) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def dump(doc: dict) -> str:
    """Deterministic JSON, one requirement per line (small and diff-friendly)."""
    maps = [k for k in sorted(doc) if k in MAP_KEYS]
    lines = ["{"]
    for k in sorted(doc):
        if k not in MAP_KEYS:
            lines.append(f" {_c(k)}:{_c(doc[k])},")
    for m, mk in enumerate(maps):
        _dump_map(lines, mk, doc[mk], last=(m == len(maps) - 1))
    lines.append("}")
    return "\n".join(lines) + "\n"


MAP_KEYS = ("conda", "files", "pipconf")


def _dump_map(lines: list, key: str, mapping: dict, last: bool) -> None:
    lines.append(f" {_c(key)}:{{")
    names = sorted(mapping)
    for i, name in enumerate(names):
        entry = mapping[name]
        lines.append(f"  {_c(name)}:{{")
        keys = sorted(entry)
        for j, k in enumerate(keys):
            sep = "," if j < len(keys) - 1 else ""
            if k == "requirements" and entry[k]:
                lines.append('   "requirements":[')
                reqs = entry[k]
                for n, r in enumerate(reqs):
                    lines.append("    " + _c(r) + ("," if n < len(reqs) - 1 else ""))
                lines.append("   ]" + sep)
            else:
                lines.append(f"   {_c(k)}:{_c(entry[k])}{sep}")
        lines.append("  }" + ("," if i < len(names) - 1 else ""))
    lines.append(" }" + ("" if last else ","))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus folder (default: %(default)s)")
    ap.add_argument("--out", default=None, help="output JSON (default: CORPUS/pip-oracle.json)")
    args = ap.parse_args(argv)
    corpus = os.path.abspath(args.corpus)
    out = args.out or os.path.join(corpus, "pip-oracle.json")

    files = list_requirement_files(corpus)
    env = referenced_env_vars(corpus, files)
    for name, value in env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value

    old_cwd = os.getcwd()
    scratch = tempfile.mkdtemp(prefix="pip-oracle-cwd-")
    scrub = Scrubber(corpus, scratch)
    results = {}
    try:
        # Relative local paths in requirement lines resolve against the cwd:
        # use an empty directory, so that no local path exists.
        os.chdir(scratch)
        for rel in files:
            results[rel] = run_one(os.path.join(corpus, rel), scrub)
        _cmd, default_options = _install_options(isolated=True)
        defaults = dict(vars(default_options))
        pipconf = {
            rel: run_pipconf(os.path.join(corpus, rel), defaults, scrub)
            for rel in list_kind_files(corpus, "pipconf", r"(^|/)pip\.(conf|ini)$")
        }
        conda = {
            rel: run_conda(os.path.join(corpus, rel), scrub)
            for rel in list_kind_files(corpus, "conda", r"\.ya?ml$")
        }
    finally:
        os.chdir(old_cwd)
        os.rmdir(scratch)

    doc = {
        "schema": "reqlint-pip-oracle/1",
        "pip_version": pip.__version__,
        "python_version": "%d.%d.%d" % sys.version_info[:3],
        "generated_by": "oracle/pip_oracle.py",
        "paths": "keys are relative to the corpus folder; '<corpus>' stands for the corpus "
        "folder and '<cwd>' for the empty working directory the oracle runs in",
        "environment": env,
        "file_count": len(results),
        "error_count": sum(1 for r in results.values() if r["error"]),
        "files": results,
        "pipconf": pipconf,
        "conda": conda,
    }
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(dump(doc))
    print(f"pip {pip.__version__}: {len(results)} files, {doc['error_count']} with errors -> {os.path.relpath(out, old_cwd)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
