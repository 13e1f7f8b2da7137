"""Requirement text into a requirement, as ``pip._internal.req.constructors`` does it.

The second half of pip's requirements-file reading (the first, file reading, joining,
comments, ``${VAR}`` and options, is :mod:`reqlint.sources.requirements`, pip's
``req_file``): a requirement line's text, once its options are gone, becomes a name, a
specifier, extras, a marker or a URL, or an error worded as pip words it.  Pure functions of
the text; the common plain forms (``name==1.2.3``, ``name>=1,<2``, plain markers) are read
without importing packaging (property tests prove them equal to packaging's reading),
everything else goes through packaging.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse

from reqlint._records import dataclass
from reqlint.pep440 import PLAIN_VERSION as _PLAIN_VERSION
from reqlint.pep440 import invalid_part

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up

if TYPE_CHECKING:
    from packaging.markers import Marker
    from packaging.requirements import Requirement as Pep508

# pip 26.3's constants for requirement construction
_EGG_RE = re.compile(r"[#&]egg=([^&]*)")
_PROJECT_NAME_RE = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.I)
_VCS_NAMES = ("bzr", "git", "hg", "svn")
_VCS_SCHEMES = frozenset(
    {
        "bzr+http",
        "bzr+https",
        "bzr+ssh",
        "bzr+sftp",
        "bzr+ftp",
        "bzr+lp",
        "bzr+file",
        "git+http",
        "git+https",
        "git+ssh",
        "git+git",
        "git+file",
        "hg+file",
        "hg+http",
        "hg+https",
        "hg+ssh",
        "hg+static-http",
        "svn+ssh",
        "svn+http",
        "svn+https",
        "svn+svn",
        "svn+file",
    }
)
_URL_SCHEMES = frozenset({"http", "https", "file", "ftp"}) | _VCS_SCHEMES
_ARCHIVE_EXTENSIONS = (
    ".zip",
    ".whl",
    ".tar.bz2",
    ".tbz",
    ".tar.gz",
    ".tgz",
    ".tar",
    ".tar.xz",
    ".txz",
    ".tlz",
    ".tar.lz",
    ".tar.lzma",
)
_OPERATORS = ("~=", "==", "!=", "<=", ">=", "<", ">", "===")

# -------------------------------------------------------- requirements (constructors)


@dataclass(frozen=True, slots=True)
class _Fields:
    name: str | None = None
    specifier: str = ""
    extras: tuple[str, ...] = ()
    marker: str | None = None
    url: str | None = None
    is_vcs: bool = False


class _ReqError(Exception):
    def __init__(self, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


_VCS_BACKENDS = (
    "bzr+http, bzr+https, bzr+ssh, bzr+sftp, bzr+ftp, bzr+lp, bzr+file, "
    "git+http, git+https, git+ssh, git+git, git+file, hg+file, hg+http, "
    "hg+https, hg+ssh, hg+static-http, svn+ssh, svn+http, svn+https, svn+svn, "
    "svn+file"
)


_Built = tuple[_Fields, "str | None", "int | None"]
# Requirement text -> what pip makes of it.  The same lines recur across a monorepo's
# files (and a file read through several includes is the same text again); the result
# depends on nothing but the text and the two flags.  Bounded: cleared when full.
_BUILT: dict[tuple[str, bool, bool], _Built] = {}
_BUILT_MAX = 1 << 16


def _build(text: str, *, editable: bool, constraint: bool) -> _Built:
    """The InstallRequirement pip makes of ``text``: fields, or an error and its index."""
    key = (text, editable, constraint)
    built = _BUILT.get(key)
    if built is None:
        built = _build_uncached(text, editable=editable, constraint=constraint)
        if len(_BUILT) >= _BUILT_MAX:
            _BUILT.clear()
        _BUILT[key] = built
    return built


def _build_uncached(text: str, *, editable: bool, constraint: bool) -> _Built:
    try:
        if editable:
            return _editable(text, constraint), None, None
        return _from_line(text), None, None
    except _ReqError as exc:
        return _Fields(), exc.message, exc.index


# The plain PEP 508 forms most lines are written in: ``name``, ``name[extra,...]`` and
# ``name OP version, ...`` with release-only versions (``1``, ``1.2.3``, ``1.2.*`` after
# == and !=).  For these packaging's answer is computed directly (name and extras as
# written, specifiers sorted by their text, as SpecifierSet prints them); anything else,
# and any doubt, goes to packaging.  tests/test_requirements_fastpath.py checks the two
# agree on generated lines.
_IDENT = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
# ``name`` then maybe ``[extra, ...]``: how both plain forms begin
_NAME_AND_EXTRAS = (
    rf"(?P<name>{_IDENT})[ \t]*"
    rf"(?:\[(?P<extras>[ \t]*{_IDENT}(?:[ \t]*,[ \t]*{_IDENT})*[ \t]*)\][ \t]*)?"
)
_PLAIN_REQ = re.compile(
    _NAME_AND_EXTRAS + rf"(?P<specs>(?:~=|==|!=|<=|>=|<|>)[ \t]*{_PLAIN_VERSION}"
    rf"(?:[ \t]*,[ \t]*(?:~=|==|!=|<=|>=|<|>)[ \t]*{_PLAIN_VERSION})*)?"
)
_PLAIN_SPEC = re.compile(rf"(~=|==|!=|<=|>=|<|>)[ \t]*({_PLAIN_VERSION})")
# ``name[extra,...] @ URL``: a URL of the common schemes with a host, no brackets (an IPv6
# host, or a trailing ``[extra]`` pip's strip_extras would take), nothing after it.
_PLAIN_URL_REQ = re.compile(
    _NAME_AND_EXTRAS + r"@[ \t]*(?P<url>(?:https?|git\+https?|git\+ssh|hg\+https?|svn\+https?)://"
    r"[^\s\[\]/?#][^\s\[\]]*)"
)
# What packaging needs to read a ``name @ URL`` requirement at all: a name, maybe extras,
# then ``@`` (a looser pattern than packaging's, so nothing it reads is missed).
_MAYBE_DIRECT_URL = re.compile(r"[ \t]*[A-Za-z0-9][A-Za-z0-9._-]*[ \t]*(?:\[[^\]]*\][ \t]*)?@")
_BARE_NAME = re.compile(_IDENT)
_MARKERS: dict[str, str | None] = {}


def clear_caches() -> None:
    """Forget remembered requirement texts (once a run's files are parsed: memory)."""
    _BUILT.clear()
    _MARKERS.clear()


# The plain markers most lines carry: ``VAR OP "value"`` items joined by ``and``/``or``,
# without parentheses, with a variable packaging neither renames nor normalises the value
# of (``extra``'s value is a name to it).  packaging prints these with one blank around
# each operator and the value in double quotes (a backslash is an escape to it: not plain);
# tests/test_requirements_fasthash.py checks
# that against ``str(Marker(text))``.
_MARKER_VAR = (
    "(?:python_version|python_full_version|os_name|sys_platform|platform_release"
    "|platform_system|platform_version|platform_machine"
    "|platform_python_implementation|implementation_name|implementation_version)"
)
_MARKER_ITEM = (
    rf"(?P<var>{_MARKER_VAR})(?:[ \t]*(?P<op>===|==|~=|!=|<=|>=|<|>)[ \t]*"
    r"|[ \t]+(?P<word>in|not in)[ \t]+)"
    r"(?:\"(?P<dq>[^\"'\\\\]*)\"|'(?P<sq>[^\"'\\\\]*)')"
)
_MARKER_ITEM_RE = re.compile(_MARKER_ITEM)
_MARKER_JOIN = re.compile(r"[ \t]+(and|or)[ \t]+")


def _marker_without_packaging(text: str) -> str | None:
    """``str(Marker(text))`` for a plain marker; None: not plain (packaging decides)."""
    out: list[str] = []
    pos = 0
    while True:
        item = _MARKER_ITEM_RE.match(text, pos)
        if item is None:
            return None
        value = item.group("dq") if item.group("dq") is not None else item.group("sq")
        out.append(f'{item.group("var")} {item.group("op") or item.group("word")} "{value}"')
        pos = item.end()
        if pos == len(text):
            return " ".join(out)
        join = _MARKER_JOIN.match(text, pos)
        if join is None:
            return None
        out.append(join.group(1))
        pos = join.end()


def _plain_marker(text: str) -> str | None:
    """``str(Marker(text))``, remembered (a handful of markers recur); None if invalid."""
    if text in _MARKERS:
        return _MARKERS[text]
    value = _marker_without_packaging(text)
    if value is None:
        from packaging.markers import InvalidMarker, Marker

        try:
            value = str(Marker(text))
        except InvalidMarker:
            value = None
    if len(_MARKERS) >= _BUILT_MAX:
        _MARKERS.clear()
    _MARKERS[text] = value
    return value


def _plain_fields(text: str) -> _Fields | None:
    """:func:`_from_line` for a plain requirement, without packaging; None: not plain."""
    head, semi, tail = text.partition(";")
    marker: str | None = None
    if semi:
        marker_text = tail.strip()
        if marker_text:
            marker = _plain_marker(marker_text)
            if marker is None:
                return None
    name = head.strip()
    if "@" in name:
        return _plain_url_fields(name, marker)
    match = _PLAIN_REQ.fullmatch(name)
    # name[extra] without a version is split by pip's strip_extras (which lower-cases the
    # extras); a name that ends like an archive is a file name to pip
    if match is None or name.endswith("]"):
        return None
    specs = match.group("specs")
    if not specs and name.lower().endswith(_ARCHIVE_EXTENSIONS):
        return None  # (a version ends in a digit or "*", never like an archive)
    spec = ""
    if specs:
        parts: list[str] = []
        operators: set[str] = set()
        for op, version in _PLAIN_SPEC.findall(specs):
            # invalid_part can only hold for ~= and wildcards: not asked for the rest
            if op in operators or (
                (op == "~=" or version.endswith("*")) and invalid_part(op, version)
            ):
                return None  # equal specifiers merge; invalid forms: packaging says why
            operators.add(op)
            parts.append(op + version)
        spec = parts[0] if len(parts) == 1 else ",".join(sorted(parts))
    extras = match.group("extras")
    return _Fields(
        match.group("name"),
        spec,
        _extras(extras),
        marker,
    )


def _extras(text: str | None) -> tuple[str, ...]:
    """The extras of a plain requirement as packaging keeps them: a sorted set."""
    return tuple(sorted({e.strip() for e in text.split(",")})) if text else ()


def _plain_url_fields(text: str, marker: str | None) -> _Fields | None:
    """``name[extras] @ URL`` (``text`` without its marker) as packaging reads it, then the
    link checks pip makes; None: not plain."""
    match = _PLAIN_URL_REQ.fullmatch(text)
    if match is None:
        return None
    url = match.group("url")
    _check_link(url)
    extras = match.group("extras")
    return _Fields(
        match.group("name"),
        "",
        _extras(extras),
        marker,
        url,
        _scheme(url) in _VCS_SCHEMES,
    )


def _scheme(url: str) -> str:
    try:
        return urllib.parse.urlsplit(url).scheme
    except ValueError:
        return ""


def _is_url(name: str) -> bool:
    """pip.vcs.versioncontrol.is_url: ``urlsplit``, whose ValueError (``http://]/``: an
    invalid IPv6 host) pip does not catch, so the line is an error."""
    try:
        scheme = urllib.parse.urlsplit(name).scheme
    except ValueError as exc:
        raise _ReqError(f"{name!r}: {exc}") from None
    return scheme in _URL_SCHEMES


def _check_link(url: str, *, file_checks: bool = True) -> None:
    """What pip's ``Link`` and ``InstallRequirement`` refuse in a URL.

    ``urlsplit`` drops tabs and newlines and lower-cases the scheme, so ``fil<TAB>e:x`` and
    ``FILE:///x`` are file links; pip then turns the link into a path with ``url_to_path``,
    which asserts that the text starts with ``file:`` and, on POSIX, that the URL names no
    other host (``file://host/x``: reqlint follows Linux and macOS, where CI runs).
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise _ReqError(f"{url!r}: {exc}") from None
    _egg(url)
    if parts.scheme != "file" or not file_checks:
        return
    if not url.startswith("file:"):
        raise _ReqError(f"You can only turn file: urls into filenames (not {url!r})")
    if parts.netloc and parts.netloc != "localhost":
        raise _ReqError(
            f"non-local file URIs are not supported on this platform: {url!r} "
            "(pip on Linux and macOS; Windows reads it as a UNC path)"
        )


def _looks_like_path(name: str) -> bool:
    """constructors._looks_like_path (POSIX separators, and Windows' as an alt separator)."""
    return "/" in name or "\\" in name or name.startswith(".")


def _strip_extras(path: str) -> tuple[str, tuple[str, ...]]:
    """pip.utils.urls.strip_extras."""
    m = re.match(r"^(.+)(\[[^\]]+\])$", path)
    if not m:
        return path, ()
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Pep508

    try:
        extras = Pep508("placeholder" + m.group(2).lower()).extras
    except InvalidRequirement as exc:
        raise _ReqError(f"Invalid requirement: {'placeholder' + m.group(2)!r}: {exc}") from None
    return m.group(1).rstrip(), tuple(sorted(extras))


def _url_path(url: str) -> str:
    try:
        return urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    except ValueError:
        return url


def _ext(url: str) -> str:
    """Link.ext: the extension of the last path segment, ``.tar.*`` kept whole."""
    base, ext = posixpath.splitext(posixpath.basename(_url_path(url).rstrip("/")))
    if base.lower().endswith(".tar"):
        ext = base[-4:] + ext
    return ext


def _is_archive(name: str) -> bool:
    return _ext(name).lower() in _ARCHIVE_EXTENSIONS


def _egg(url: str, *, editable: bool = False) -> str | None:
    """Link.egg_fragment, with pip's InvalidEggFragment, and the line that would parse."""
    match = _EGG_RE.search(url)
    if not match:
        return None
    fragment = match.group(1)
    if not _PROJECT_NAME_RE.match(fragment):
        hints = []
        if any(c in fragment for c in "<>="):
            hints.append("version specifiers are silently ignored for URL references, remove them")
        if "[" in fragment and "]" in fragment and not editable:
            hints.append("use the direct URL form 'name[extra] @ URL'")
        raise _ReqError(
            f"The {fragment!r} egg fragment is invalid: "
            f"{'; '.join(hints) or 'egg fragments can only be a valid project name'}"
            f"{_egg_rewrite(url, match.group(0)[0], fragment, editable=editable)}"
        )
    return fragment


# the project name an invalid egg fragment starts with, and its extras
_EGG_NAME = re.compile(
    r"(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?P<extras>\[[^\]]*\])?"
)


def _egg_rewrite(url: str, sep: str, fragment: str, *, editable: bool) -> str:
    """What to write instead of an invalid ``#egg=`` fragment, when it starts with a name:
    ``name[extras] @ URL`` without the fragment (pip's direct URL form), or, after ``-e``,
    which takes no ``name @ URL``, ``#egg=name`` (an editable VCS requirement cannot name
    extras at all).  ``sep``: the ``#`` or ``&`` before ``egg=``."""
    found = _EGG_NAME.match(fragment)
    if found is None:
        return ""
    name, extras = found["name"], found["extras"] or ""
    if editable:
        if not extras:
            return f"; write '{sep}egg={name}'"
        return (
            f"; write '{sep}egg={name}' (after -e pip takes no extras; not editable, "
            f"'{name}{extras} @ URL' installs them)"
        )
    from reqlint.redact import redact_url

    base, _, tail = url.partition("#")
    rest = "&".join(p for p in tail.split("&") if p and not p.startswith("egg="))
    bare = f"{base}#{rest}" if rest else base
    return f"; write {f'{name}{extras} @ {redact_url(bare)}'!r}"


def _pep508(text: str, *, index_base: int | None) -> Pep508:
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Pep508

    try:
        return Pep508(text)
    except InvalidRequirement as exc:
        span = getattr(exc.__cause__, "span", None)
        index = span[0] + index_base if span is not None and index_base is not None else None
        hint = ""
        if "/" in text:
            hint = " (it looks like a path)"
        elif "=" in text and not any(op in text for op in _OPERATORS):
            hint = " (= is not a valid operator: did you mean == ?)"
        first = str(exc).split("\n", 1)[0]
        raise _ReqError(f"{text!r}: {first}{hint}", index) from None


def _local_dir(name: str) -> bool:
    """Would pip take ``name`` as a local directory?  pip asks the file system; reqlint
    takes a path-looking name without PEP 508 punctuation as one."""
    return _looks_like_path(name) and "://" not in name and not any(c in name for c in "<>=!~;@ \t")


def _from_line(text: str) -> _Fields:
    """constructors.parse_req_from_line + InstallRequirement, without file-system checks."""
    plain = _plain_fields(text)
    return plain if plain is not None else _from_line_packaging(text)


def _from_line_packaging(text: str) -> _Fields:
    """:func:`_from_line` by pip's own route, packaging parsing the requirement."""
    name = text
    marker: Marker | None = None
    sep = "; " if _is_url(name) else ";"
    if sep in name:
        name, after = name.split(sep, 1)
        marker_text = after.strip()
        if marker_text:
            from packaging.markers import InvalidMarker, Marker

            try:
                marker = Marker(marker_text)
            except InvalidMarker as exc:
                span = getattr(exc.__cause__, "span", None)
                at = len(name) + len(sep) + len(after) - len(after.lstrip())
                first = str(exc).split("\n", 1)[0]
                raise _ReqError(
                    f"{name.strip()!r}: invalid marker: {first}",
                    at + span[0] if span is not None else None,
                ) from None
    lead = len(name) - len(name.lstrip())
    name = name.strip()
    link: str | None = None
    extras: tuple[str, ...] = ()
    if _is_url(name):
        link = name
    else:
        path, extras = _strip_extras(name)
        if _is_archive(path):
            parts = name.split("@", 1)
            if not (len(parts) >= 2 and not _looks_like_path(parts[0])):
                link = path
        elif _local_dir(path):
            link = path
    req: Pep508 | None = None
    if link is not None and _is_url(link):
        # Link(): urlsplit and the egg fragment; the file checks come after the "../"
        # rewrite below, when InstallRequirement asks for the link's path
        _check_link(link, file_checks=not re.search(r"\.\./", link))
    if link is not None:
        if _scheme(link) == "file" and re.search(r"\.\./", link):
            # pip re-makes a file: URL with "../" in it from its normalised path, which
            # drops the fragment (#egg= included); a relative one is cwd-dependent
            link = (
                "file:"
                + ("//" if _url_path(link).startswith("/") else "")
                + urllib.parse.quote(posixpath.normpath(_url_path(link)))
            )
        if _ext(link) == ".whl":
            filename = posixpath.basename(_url_path(link).rstrip("/"))
            from packaging.utils import InvalidWheelFilename, parse_wheel_filename

            try:
                wheel_name, version, _, _ = parse_wheel_filename(filename)
            except InvalidWheelFilename as exc:
                raise _ReqError(str(exc)) from None
            req = _pep508(f"{wheel_name}=={version}", index_base=None)
        else:
            egg = _egg(link)
            req = _pep508(egg, index_base=None) if egg is not None else None
    else:
        req = _pep508(name, index_base=lead)
        if req.url:  # InstallRequirement makes a Link of a PEP 508 URL
            _check_link(req.url)
    url = link if link is not None else (req.url if req is not None else None)
    return _Fields(
        req.name if req is not None else None,
        str(req.specifier) if req is not None else "",
        extras if extras else tuple(sorted(req.extras)) if req is not None else (),
        str(marker)
        if marker is not None
        else (str(req.marker) if req is not None and req.marker is not None else None),
        url,
        url is not None and _scheme(url) in _VCS_SCHEMES,
    )


def _editable(text: str, constraint: bool) -> _Fields:
    """constructors.parse_editable + install_req_from_editable, without file-system checks."""
    if constraint:
        raise _ReqError("Editable requirements are not allowed as constraints")
    direct: Pep508 | None = None
    if _MAYBE_DIRECT_URL.match(text):
        from packaging.requirements import InvalidRequirement
        from packaging.requirements import Requirement as Pep508

        try:
            direct = Pep508(text)
        except InvalidRequirement:
            direct = None
    extras: tuple[str, ...]
    if direct is not None and direct.url:
        name: str | None = f"{direct.name} ; {direct.marker}" if direct.marker else direct.name
        url = direct.url
        extras = tuple(sorted(direct.extras))
    else:
        url, extras = _strip_extras(text)
        if "://" not in url and "@" not in url and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", url):
            # a local project folder (pip: os.path.isdir, then a file: URL without a name)
            return _Fields(None, "", extras, None, url, False)
        if url.lower().startswith("file:"):
            name = _egg(url, editable=True)
        else:
            url = text
            for backend in _VCS_NAMES:
                if url.lower().startswith(f"{backend}:"):
                    url = f"{backend}+{url}"
                    break
            name = _egg(url, editable=True)
            extras = ()
    is_vcs = _scheme(url) in _VCS_SCHEMES
    if is_vcs or url.lower().startswith("file:"):
        _check_link(url)
    if not is_vcs and not url.startswith("file:"):
        raise _ReqError(
            f"{text} is not a valid editable requirement: it should be a path to "
            f"a local project or a VCS URL (beginning with {_VCS_BACKENDS})"
        )
    if not name and not url.startswith("file:"):
        # pip's own hint ("please specify one with your_package_name @ URL") is not an
        # editable requirement either: after -e only #egg= names it
        fragment = url.partition("#")[2]
        guess = _EGG_NAME.match(fragment) if "=" not in fragment.split("==")[0] else None
        advice = (
            f"write '#egg={guess['name']}' for '#{fragment}'"
            if guess is not None
            else "add #egg=NAME to the URL"
        )
        raise _ReqError(
            f"could not detect the requirement name for {text!r}: {advice} (after -e, "
            "'name @ URL' is no editable requirement)"
        )
    if name is not None and _BARE_NAME.fullmatch(name):
        # an egg fragment (a project name, as _egg checked): what packaging makes of it
        return _Fields(name, "", extras, None, url, is_vcs)
    req = _pep508(name, index_base=None) if name is not None else None
    return _Fields(
        req.name if req is not None else None,
        str(req.specifier) if req is not None else "",
        extras if extras else tuple(sorted(req.extras)) if req is not None else (),
        str(req.marker) if req is not None and req.marker is not None else None,
        url,
        is_vcs,
    )
