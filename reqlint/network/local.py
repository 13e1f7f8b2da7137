"""Local locations pip reads from the disk: ``file:`` indexes, find-links paths, and the
``cert`` / ``client-cert`` files.  Checked without any network (RL110, RL111), and listed
under ``--network`` like an http index (which projects a local index has).

What pip 26.3 does with them (``pip._internal.index.sources.build_source``,
``models.search_scope``, vendored requests' ``HTTPAdapter.cert_verify``):

* a find-links value that is an existing path is a folder of archives (or one archive); a
  ``file:`` URL is the path it names; ``~`` is expanded when the expanded path exists; in a
  requirements file a relative path is taken relative to that file when it exists there,
  else relative to the working directory;
* an index URL gets ``<project>/`` appended for every project pip looks up;
* a location that does not exist is skipped with a warning **for every project**:
  ``Location 'PATH' is ignored: it is either a non-existing path or lacks a specific
  scheme.`` for a plain path, ``... it is neither a file nor a directory.`` for a ``file:``
  URL;
* a ``cert`` that does not exist fails every https request with ``Could not find a suitable
  TLS CA certificate bundle, invalid path``; a ``client-cert`` that does not exist stops the
  install at its first request, http or https (``Could not find the TLS certificate file``).

The inspection runs only when reqlint reads this machine (``doctor``, ``--system``) or
probes (``--network``): a plain ``check`` never depends on what exists on the disk.  This
module never imports httpx.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterator, Mapping
from urllib.parse import unquote, urlsplit

from reqlint._records import dataclass
from reqlint.model import Origin, Setting, SourceKind, Tool
from reqlint.names import canonicalize_name
from reqlint.project import Project
from reqlint.urls import PIP_LOCATION_KEYS

CERT_KEYS = frozenset({"cert", "client-cert"})
# Sources whose paths name this machine's disk.  A Dockerfile's or CI job's paths are the
# container's or runner's, and a pip.conf inside the linted tree is not read by pip here.
_MACHINE_KINDS = frozenset({SourceKind.REQUIREMENTS, SourceKind.PIPCONF, SourceKind.ENVIRON})


class LocalState(enum.Enum):
    OK = "ok"
    MISSING = "missing"
    NOT_A_DIRECTORY = "not-a-directory"
    NOT_A_FILE = "not-a-file"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class LocalPath:
    """One local location or certificate file as pip resolves it on this machine.

    ``value`` is the item as configured, ``path`` the absolute path pip reads, ``role``
    ``index``, ``find-links``, ``cert`` or ``client-cert``; ``projects`` (indexes and
    find-links folders only) maps the normalised names of the projects found there to
    their file names.
    """

    value: str
    path: str
    role: str
    state: LocalState
    projects: Mapping[str, tuple[str, ...]] | None = None


def is_local(value: str) -> bool:
    """A ``file:`` URL or a plain path (anything without a URL scheme)."""
    scheme = urlsplit(value.strip()).scheme.lower()
    # A one-letter "scheme" is a Windows drive (C:\\wheels).
    return scheme in {"file", ""} or (len(scheme) == 1 and os.name == "nt")


def local_key(setting: Setting, value: str) -> str:
    """The key of one item of ``setting`` in ``Project.local_paths``."""
    where = setting.location
    return f"{where.path}:{where.line}:{where.column}:{setting.key}:{value}"


def local_settings(project: Project) -> Iterator[tuple[Setting, str]]:
    """``(setting, item)`` for every local location and certificate file pip reads here."""
    for st in project.settings(*PIP_LOCATION_KEYS, *CERT_KEYS):
        if st.kind not in _MACHINE_KINDS or st.tool is not Tool.PIP:
            continue
        if st.kind is SourceKind.PIPCONF and st.origin is Origin.FILE:
            continue
        items = [st.value] if st.key in CERT_KEYS else st.value.split()
        for item in items:
            if st.key in CERT_KEYS or is_local(item):
                yield st, item


def resolve(setting: Setting, value: str, cwd: str | None = None) -> str:
    """The absolute path pip reads for ``value`` of ``setting`` (see the module docs)."""
    base = cwd or os.getcwd()
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() == "file":
        path = unquote(parts.path)
        if parts.netloc and parts.netloc.lower() != "localhost":
            path = f"//{parts.netloc}{path}"  # a UNC path, as pip's url_to_path
        return os.path.normpath(path)
    if setting.key in CERT_KEYS:
        return os.path.normpath(os.path.join(base, os.path.expanduser(value)))
    if value.startswith("~"):
        expanded = os.path.expanduser(value)
        if os.path.exists(expanded):
            value = expanded
    if setting.key == "find-links" and setting.kind is SourceKind.REQUIREMENTS:
        beside = os.path.join(os.path.dirname(os.path.join(base, setting.location.path)), value)
        if os.path.exists(beside):
            return os.path.normpath(beside)
    return os.path.normpath(os.path.join(base, value))


def inspect(project: Project, cwd: str | None = None) -> dict[str, LocalPath]:
    """Stat every local location and certificate file of ``project`` (never raises)."""
    out: dict[str, LocalPath] = {}
    for st, value in local_settings(project):
        path = resolve(st, value, cwd)
        role = "index" if st.key in ("index-url", "extra-index-url") else st.key
        out[local_key(st, value)] = LocalPath(
            value, path, role, _state(path, role), _projects(path, role)
        )
    return out


def _state(path: str, role: str) -> LocalState:
    try:
        is_dir = os.path.isdir(path)
        exists = is_dir or os.path.exists(path)
    except OSError:  # pragma: no cover - isdir/exists swallow OSError themselves
        return LocalState.UNREADABLE
    if not exists:
        return LocalState.MISSING
    if role == "index" and not is_dir:
        return LocalState.NOT_A_DIRECTORY
    if role == "client-cert" and is_dir:
        return LocalState.NOT_A_FILE
    mode = os.R_OK | (os.X_OK if is_dir else 0)
    return LocalState.OK if os.access(path, mode) else LocalState.UNREADABLE


def _projects(path: str, role: str) -> dict[str, tuple[str, ...]] | None:
    """What a local index or find-links folder holds: project -> entries."""
    if role not in ("index", "find-links") or not os.path.isdir(path):
        return None
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return None
    found: dict[str, list[str]] = {}
    for name in names:
        if role == "index":
            if os.path.isdir(os.path.join(path, name)):
                found.setdefault(canonicalize_name(name), []).append(name)
            continue
        project = _archive_project(name)
        if project:
            found.setdefault(project, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def _archive_project(filename: str) -> str | None:
    from packaging.utils import (
        InvalidSdistFilename,
        InvalidWheelFilename,
        parse_sdist_filename,
        parse_wheel_filename,
    )

    try:
        if filename.endswith(".whl"):
            return str(parse_wheel_filename(filename)[0])
        if filename.endswith((".tar.gz", ".zip", ".tar.bz2", ".tgz")):
            return str(parse_sdist_filename(filename)[0])
    except (InvalidWheelFilename, InvalidSdistFilename, ValueError):
        return None
    return None


def pip_warning(item: LocalPath) -> str:
    """What pip prints for a missing location, once per project it looks up."""
    if urlsplit(item.value).scheme.lower() == "file":
        shown = item.value.rstrip("/") + "/<project>/" if item.role == "index" else item.value
        return f"Location '{shown}' is ignored: it is neither a file nor a directory."
    shown = item.value.rstrip("/") + "/<project>/" if item.role == "index" else item.value
    return (
        f"Location '{shown}' is ignored: it is either a non-existing path or lacks a "
        f"specific scheme."
    )


def versions(item: LocalPath, name: str) -> list[str] | None:
    """Versions of project ``name`` in a local index or find-links folder (``None``: the
    project is not there; ``[]``: there, with no archive whose version can be read)."""
    if item.projects is None or name not in item.projects:
        return None
    if item.role == "index":
        files: list[str] = []
        for entry in item.projects[name]:
            try:
                files.extend(os.listdir(os.path.join(item.path, entry)))
            except OSError:
                continue
    else:
        files = list(item.projects[name])
    return sorted({v for f in files if (v := _archive_version(f, name)) is not None})


def _archive_version(filename: str, name: str) -> str | None:
    from packaging.utils import (
        InvalidSdistFilename,
        InvalidWheelFilename,
        parse_sdist_filename,
        parse_wheel_filename,
    )

    try:
        if filename.endswith(".whl"):
            project, version, _, _ = parse_wheel_filename(filename)
        elif filename.endswith((".tar.gz", ".zip")):
            project, version = parse_sdist_filename(filename)
        else:
            return None
    except (InvalidWheelFilename, InvalidSdistFilename, ValueError):
        return None
    return str(version) if canonicalize_name(project) == name else None
