"""## What it does
Checks for a second source of packages beside the primary index: `--extra-index-url` in a
requirements file, `extra-index-url` in pip.conf or `PIP_EXTRA_INDEX_URL`, a remote
`--find-links` page (`-f https://download.pytorch.org/whl/torch_stable.html`) beside an
index, and the equivalents of other tools that merge candidates from several indexes (uv's
`index-strategy = "unsafe-best-match"` or `"unsafe-first-match"`, a uv public index asked
before a private default, in pyproject.toml or in a `uv pip` command or `UV_*` variable
of a CI file or Dockerfile, poetry supplemental or secondary sources asked after PyPI, pdm
sources merged with PyPI). The message names both sources and says which one is the
public index.

## Why is this bad?
pip asks **every** index (and every find-links page) for **every** project and takes the
best candidate from all of them. Two things follow:

* **Slow installs.** When one source is unreachable (a firewalled public index, a retired
  mirror), pip waits out its timeout and retries for every package: with pip's defaults
  (15 s timeout, 5 retries) about 97.5 s per package — 50 pinned packages took over an hour.
* **Dependency confusion.** Anyone can register the name of one of your internal packages
  on the public index with a higher version, and pip will install theirs. Pinning every
  requirement to a local version (`torch==2.4.0+cpu`) protects those pins, which the
  public index refuses, but not their dependencies: pip still takes each of those from
  whichever source offers the highest version (in December 2022 a `torchtriton` uploaded
  to PyPI was installed that way with PyTorch's nightly builds from its extra index).
  An install whose every requirement carries `--hash` (pip-compile `--generate-hashes`,
  `uv export`) is safe from this: pip accepts only a file with one of those hashes,
  whichever source serves it. The finding says so, and reports the stall alone.
* **A find-links file that never installs.** `-f .../torch-2.4.1+cpu-...whl` beside
  `torch>=2.4.1` is one candidate among the index's: once the index has 2.4.2, pip takes
  that, and the build the line was written for is never installed. The finding says which
  requirement admits newer releases than the file (not a pin or constraint the file meets).

Poetry and pdm are judged by their own rules: a poetry project with a primary source does
not search PyPI at all (unless a source named PyPI is configured), and its supplemental
sources are asked only for packages the sources before them lack; a pdm source named
`pypi` replaces PyPI, `include_packages` binds packages to one source, and with
`respect-source-order` pdm takes each package from the first source that has it (PyPI's
default source first, unless a source named `pypi` is listed later).

## Example
```requirements.txt
--index-url=https://pypi.internal.example/simple/
--extra-index-url=http://pypi.python.org/simple/
```

## Use instead
Serve everything from one index (let the internal mirror proxy the public index), and
comment out the extra one:
```requirements.txt
--index-url=https://pypi.internal.example/simple/
# --extra-index-url=http://pypi.python.org/simple/
```
When the private index is the *extra* one beside the public primary, the cure is the
other way round: make the private index the primary (`--index-url`) and let it proxy the
public index, or pin the internal packages to it with an explicit per-package index (uv:
an `explicit = true` index and `[tool.uv.sources]`; poetry: priority `"explicit"` and
`source = ...` on the dependency), or, with pip alone, drop the extra index and name each
of its packages by its file's URL (`name @ https://…/name-1.0-py3-none-any.whl`: pip takes
that file and asks no index for the name). For uv, keep the default
`index-strategy = "first-index"`.
A vendor's index of its own builds (download.pytorch.org, pypi.nvidia.com, ...) cannot
proxy the public one: install its packages in a command of their own
(`pip install --index-url https://download.pytorch.org/whl/cpu torch`), as the vendors'
install instructions do; for a find-links page, install the rest first, then
`pip install --no-index --find-links <page> <its packages>` (pip looks nowhere else, so
their dependencies must be installed by then).

## Fix safety
The fix comments out the extra index or find-links line (every physical line of a
continued line; in pip.conf just the offending URL of a multi-line value). Its safety
depends on the direction:

* the **public index as the extra one behind a mirror of it** (the incident's direction,
  `--index-url https://pypi.corp.example/simple`): *safe*. The mirror serves what the
  public index does, so pip finds the same packages, and it can never take an impostor's
  from the public index. reqlint knows a mirror by its host (`pypi.corp.example`,
  `mirrors.aliyun.com`, a host naming a proxy or cache) or by its path naming a proxy,
  remote, mirror or cache repository (`/repository/pypi-proxy/`,
  `/artifactory/api/pypi/pypi-remote/`) or devpi's `root/pypi`. Behind a primary that
  says nothing of the kind the fix is *unsafe*: `https://packages.corp.example/simple`,
  and a repository manager's path that names only the protocol (CodeArtifact's
  `/pypi/<repository>/simple/`, GitLab's `/packages/pypi/simple`, Azure Artifacts'
  `/_packaging/<feed>/pypi/simple/`, Gemfury's `pypi.fury.io/<account>/`): if that index
  serves only the company's own packages, the rest would no longer be found. The same
  index configured twice is safe.
* a **private (or any non-public) index beside the public primary** (pip's default or an
  explicit PyPI), or one named by a variable (`PIP_EXTRA_INDEX_URL=$THEME_REPO`), which
  may well be one: **no fix**. Removing it would make pip look for the company's own
  package names on the public index alone, where an impostor who registered one of them
  is installed without a word. The finding says the remedy instead.
* the **public index behind a vendor's index** (`--index-url
  https://download.pytorch.org/whl/cpu --extra-index-url https://pypi.org/simple`, and the
  like of NVIDIA, Intel's XPU builds, anaconda.org channels and Home Assistant's musllinux
  wheels): **no fix**. The vendor serves its own builds alone; without the public index every other
  requirement fails. The finding says to install the vendor's packages in a command of
  their own instead.
* **TestPyPI** on either side: **no fix**. The install needs both (the package under test
  from TestPyPI, its dependencies from PyPI), and anyone can upload any name to TestPyPI:
  the finding says to install the package under test from it alone with `--no-deps`.
* **piwheels** beside the public index, either way round (freqtrade's armhf image,
  Raspberry Pi OS's own `/etc/pip.conf`): **no fix**, and reported as *info*. piwheels
  only rebuilds the public index's projects as wheels for the Pi and nobody can upload to
  it, so no name there can shadow a package; the stall where it cannot be reached is
  still true, and the Pi needs the line.
* every other combination (two non-public indexes, a `${VAR}` or local path that reveals
  nothing, behind a primary other than the public index): *unsafe* (`--unsafe-fixes`),
  since what the removed source served may then come from somewhere else.

Environment variables cannot be fixed in a file: the shell line that unsets them is shown
instead; options inside a shell command (CI, tox, Dockerfile `RUN`) are not edited.

uv's `index-strategy = "unsafe-…"` in a pyproject.toml whose other indexes are all
`explicit = true` (used only by the packages `[tool.uv.sources]` sends there) or PyPI
itself has nothing to merge, and is not reported.

In pyproject.toml the fixes are *unsafe*: uv's `index-strategy = "unsafe-…"` line is
removed (back to uv's default, `first-index`, which takes each package from the first
index that has it: a version only a later index serves, such as a `+cpu` build behind
PyPI, is then not found, so the finding says to pin such packages to their index
first), and a public index that uv would ask before a private default index is removed
from `extra-index-url` (just that array element) or `[[tool.uv.index]]` (that table).
Poetry and pdm sources are not fixed: the right priority depends on what each source
serves.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Sequence

from reqlint.model import (
    Applicability,
    Diagnostic,
    FixAvailability,
    FixCase,
    ParsedSource,
    Requirement,
    Setting,
    Severity,
    SourceKind,
    Tool,
)
from reqlint.names import canonicalize_name
from reqlint.project import PYPI_SIMPLE, IndexPlan, Project
from reqlint.rules._facts import removal_fix, spelled
from reqlint.rules.base import diagnostic, make_rule
from reqlint.urls import host_of, is_public_index, same_url

_UNSAFE_UV = ("unsafe-best-match", "unsafe-first-match")

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from packaging.version import Version


def check(project: Project) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int, int]] = set()
    roots = project.roots()
    plans = [project.index_plan(root) for root in roots]
    local_only = {root.path: _local_versions(project, root) for root in roots}
    hashed = {root.path for root in roots if _hash_checked(project, root)}
    requirements = {root.path: project.ordered_requirements(root) for root in roots}
    # With no requirements file, judge the machine's own setup (`pip install NAME`).
    machine_config = project.environment_read or any(
        s.origin.machine for s in project.settings() if s.kind is SourceKind.PIPCONF
    )
    if machine_config and not roots:
        plans.append(project.index_plan(None))
    for plan in plans:
        yield from _plan_findings(
            plan,
            seen,
            project.internal_hosts,
            local_only.get(plan.root, ""),
            requirements.get(plan.root, ()),
            hashed=plan.root in hashed,
        )
    yield from _standalone_findings(project, seen)
    yield from _tool_findings(project)


def _key(setting: Setting) -> tuple[str, int, int]:
    span = setting.location.span
    return (setting.location.path, span.start if span else -1, span.end if span else -1)


class _Role(enum.Enum):
    PUBLIC = "public"  # the public index (pypi.org and its aliases)
    OTHER = "other"  # a concrete host that is not the public index (private, third-party)
    UNKNOWN = "unknown"  # a ${VAR}/$VAR reference, a path: nothing to judge it by


def _role(url: str) -> _Role:
    if "://" not in url or url.lower().startswith("file:") or "$" in url.partition("://")[0]:
        return _Role.UNKNOWN
    host = host_of(url)
    if not host or "$" in host:  # a ${TOKEN} in the credentials leaves the host concrete
        return _Role.UNKNOWN
    return _Role.PUBLIC if is_public_index(url) else _Role.OTHER


def removal_applicability(extra: str, primary: str) -> Applicability | None:
    """How safe it is to remove the second source ``extra`` beside the index ``primary``.

    * the same index twice: removing one changes nothing — *safe*;
    * the public index behind another primary (the incident's direction): pip can at worst
      fail loudly for a package the primary lacks; it can never take a different package —
      *safe*; but not behind a vendor's index of its own builds (``--index-url
      https://download.pytorch.org/whl/cpu``), which lacks everything else: no fix;
    * another index beside the public primary (a company index beside PyPI, or one named
      by a variable, which may be one): pip would look for that index's own package names
      on the public index alone, where anyone can register them — no fix (``None``);
    * anything else (two non-public indexes, an unknown one): *unsafe* at most.
    """
    if same_url(extra, primary):
        return Applicability.SAFE
    if _test_pypi(extra) or _test_pypi(primary):
        return None  # either way round, one of the two is what the install is for
    extra_role, primary_role = _role(extra), _role(primary)
    if extra_role is _Role.PUBLIC and _vendor_primary(primary):
        return None  # a vendor's index serves its own builds alone: the rest needs PyPI
    if extra_role is _Role.PUBLIC and primary_role is _Role.OTHER:
        # Safe only where the primary proxies the public index, as the incident's mirror
        # did: then nothing it can find is lost.  An index that says nothing of the kind
        # may serve its own builds alone (wheels.home-assistant.io's musllinux index):
        # without the public index the rest would not be found.
        return Applicability.SAFE if mirrors_public(primary) else Applicability.UNSAFE
    if extra_role in (_Role.OTHER, _Role.UNKNOWN) and primary_role is _Role.PUBLIC:
        # an index named by a variable beside the public one is, as often as not, the
        # company's (warehouse's `PIP_EXTRA_INDEX_URL=$THEME_REPO`, which serves its
        # private theme): removing it is no fix either
        return None
    return Applicability.UNSAFE


# Vendors' public indexes of their own builds (CUDA/CPU wheels and the like): nobody can
# make one the primary index and have it proxy the public one.
_VENDOR_HOSTS = frozenset(
    {
        "download.pytorch.org",
        "pypi.nvidia.com",
        "pypi.ngc.nvidia.com",
        "data.pyg.org",
        "download.openmmlab.com",
        "storage.googleapis.com",
        "pip.repos.neuron.amazonaws.com",  # AWS Neuron
        "developer.download.nvidia.com",
        "dl.fbaipublicfiles.com",  # detectron2's wheels
        "repo.radeon.com",  # ROCm builds
        "flashinfer.ai",
        "wheels.vllm.ai",
        "pypi.anaconda.org",  # scientific-python-nightly-wheels and other channels' builds
        "wheels.home-assistant.io",  # musllinux wheels of Home Assistant's dependencies
        "pytorch-extension.intel.com",  # Intel's XPU builds
    }
)


# What the host or path of an index that proxies the public one says of it: a PyPI mirror
# (pypi.corp.example, pypi.tuna.tsinghua.edu.cn, mirrors.aliyun.com/pypi/simple), a
# repository manager's proxy or remote repository of it (Nexus's /repository/pypi-proxy/,
# Artifactory's /api/pypi/pypi-remote/, a cache), devpi's mirror index root/pypi.  Not a
# path that names the protocol alone: `/pypi/` is how CodeArtifact
# (`/pypi/<repository>/simple/`), GitLab (`/packages/pypi/simple`), Azure Artifacts
# (`/_packaging/<feed>/pypi/simple/`), Artifactory (`/api/pypi/<repository>/`) and
# Gitea spell any Python repository, a company's own packages alone as often as not
# (trial 20); nor the host of a service that hosts accounts' own packages.
_MIRROR_WORDS = re.compile(r"mirror|proxy|remote|cache", re.IGNORECASE)
_OWN_PACKAGE_HOSTS = ("fury.io", "packagecloud.io", "cloudsmith.io", "gemfury.com")


def mirrors_public(url: str) -> bool:
    """Whether the index ``url`` says, by its host or path, that it proxies the public
    index (a vendor's index of its own builds never does)."""
    if _vendor_primary(url) or _test_pypi(url):
        return False
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if any(host == h or host.endswith("." + h) for h in _OWN_PACKAGE_HOSTS):
        return False
    labels = host.split(".")[:-1]  # not the top-level domain
    segments = [s.lower() for s in parts.path.split("/") if s]
    devpi_mirror = any(segments[k : k + 2] == ["root", "pypi"] for k in range(len(segments)))
    return (
        "pypi" in labels
        or any(_MIRROR_WORDS.search(label) for label in labels)
        or any(_MIRROR_WORDS.search(segment) for segment in segments)
        or devpi_mirror
    )


def _test_pypi(url: str) -> bool:
    """TestPyPI: anyone can upload any name there, and nothing is kept (sktime's and
    accelerate's release checks install from it with PyPI beside it; accelerate still
    spells it by its old host, testpypi.python.org)."""
    return host_of(url) in ("test.pypi.org", "testpypi.python.org")


def _vendor_primary(url: str) -> bool:
    return host_of(url) in _VENDOR_HOSTS


def _remedy(extra: Setting, primary: str = "") -> str:
    test = next((u for u in (extra.value, primary) if _test_pypi(u)), None)
    if test is not None:
        return (
            "no safe fix (each index serves what the other lacks): install the package "
            "under test from TestPyPI alone, `pip install --index-url "
            f"{test} --no-deps <it>`, after its dependencies from the public index, so no "
            "dependency can come from TestPyPI"
        )
    if _vendor_primary(primary) and is_public_index(extra.value):
        # whisper's CI: torch from download.pytorch.org as the primary, PyPI for the rest
        return (
            "no safe fix (without it pip would find only what "
            f"{host_of(primary)} serves, and a requirement it does not serve would fail): install "
            f"that index's packages in a command of their own, `pip install --index-url "
            f"{primary} <its packages>`, and the rest in another command from the public index"
        )
    if extra.key == "find-links":
        # pip looks nowhere else with --no-index: the packages' dependencies must be
        # installed by then (the command of the rest, run first)
        what = "file's package" if _ARCHIVE.search(extra.value) else "page's packages"
        own_command = (
            f"install the rest from the primary index first, then that {what} in "
            f"a command of their own, `pip install --no-index --find-links {extra.value} "
            "<its packages>` (their dependencies installed by the first command)"
        )
    else:
        own_command = (
            "install that index's packages in a command of their own, "
            f"`pip install --index-url {extra.value} <its packages>` (add `--no-deps`, "
            "after their dependencies from the primary index, when the index does not "
            "serve those), and the rest in another command from the primary index"
        )
    host = host_of(extra.value)
    if extra.invocation:
        # an option of one pip command (CI step, RUN line): the fix is on that command line
        return (
            "no safe fix (without it pip would look for its package names on the public "
            f"index alone): {own_command}"
            + (
                " (what download.pytorch.org's install instructions do)"
                if host == "download.pytorch.org" and extra.key != "find-links"
                else ""
            )
        )
    if host in _VENDOR_HOSTS:
        return (
            "no safe fix (without it pip would look for its package names on the public "
            f"index alone): {host} serves one vendor's builds and cannot proxy the public "
            f"index, so {own_command} instead of from this file"
        )
    first = (
        "serve its files from an index that proxies the public one"
        if extra.key == "find-links"
        else "make it the primary index (--index-url) and let it proxy the public one"
    )
    return (
        "no safe fix (without it pip would look for its package names on the public "
        f"index alone): {first}, or pin its packages to it with an explicit per-package "
        "index (uv: `explicit = true` and [tool.uv.sources]; poetry: priority "
        '"explicit"), or, with pip alone, drop it and name each of its packages by its '
        "file's URL (`name @ https://.../name-1.0-py3-none-any.whl`): pip takes that file "
        "and asks no index for the name"
    )


_ARCHIVE = re.compile(r"\.(?:whl|tar\.gz|tar\.bz2|tar\.xz|zip|tgz)(?:[?#].*)?$", re.IGNORECASE)


def _describe(url: str, internal: frozenset[str] = frozenset(), *notes: str) -> str:
    words = []
    if host_of(url) in internal:
        words.append("internal")
    elif _test_pypi(url):
        words.append("TestPyPI, where anyone can upload any name")
    elif is_public_index(url):
        words.append("the public index")
    words.extend(n for n in notes if n)
    return f"{url} ({', '.join(words)})" if words else url


def _message(
    extra: Setting, primary: str, primary_source: str, internal: frozenset[str] = frozenset()
) -> str:
    where = f"set at {primary_source}" if primary_source else "pip's default"
    if extra.key != "find-links" and same_url(extra.value, primary):
        # one index, asked twice: nothing can shadow anything
        return (
            f"extra index {_describe(extra.value, internal)} is the primary index again "
            f"({where}): pip fetches each page of it once all the same, so the line "
            "changes nothing and can go"
        )
    if extra.key == "find-links":
        # a URL naming one archive is a file pip takes as a candidate (after a HEAD
        # request), not a page of links
        if _ARCHIVE.search(extra.value):
            merged = (
                "pip asks its host for it (a HEAD request) and adds it to every index's "
                "candidates, taking the highest version, so an unreachable host stalls"
            )
            what = "file"
        else:
            merged = (
                "pip merges the files it links with every index's candidates and takes the "
                "highest version, so an unreachable page stalls"
            )
            what = "page"
        return (
            f"find-links {what} {_describe(extra.value, internal)} beside primary index "
            f"{_describe(primary, internal, where)}: {merged} every install and a name on the "
            "index can shadow a package it serves (dependency confusion)"
        )
    return (
        f"extra index {_describe(extra.value, internal)} beside primary index "
        f"{_describe(primary, internal, where)}: "
        "pip asks every index for every package and takes the highest version, so an "
        "unreachable index stalls every install and anyone can shadow a package name "
        "(dependency confusion)"
    )


def _finding(
    extra: Setting,
    primary_url: str,
    primary: Setting | None,
    internal: frozenset[str] = frozenset(),
    local_only: str = "",
    outranked: str = "",
    *,
    hashed: bool = False,
) -> Diagnostic:
    related = (primary.location,) if primary is not None else ()
    message = _message(extra, primary_url, primary.location.display() if primary else "", internal)
    if _piwheels_beside_public(extra, primary_url):
        # freqtrade's armhf image, Raspberry Pi OS's own /etc/pip.conf: the stall is true,
        # the confusion is not (nobody can register a name on piwheels)
        message = _without_shadowing(message) + _PIWHEELS
        return diagnostic(
            RULE.meta, message, extra.location, related=related, severity=Severity.INFO
        )
    if hashed and not same_url(extra.value, primary_url):
        message = _without_shadowing(message).replace(" and takes the highest version", "")
        message += _HASHED
        outranked = ""  # no higher version can win: a file must match a hash
    elif local_only:
        # The pins themselves (+cpu) cannot come from the public index, but their
        # dependencies are looked up on every source all the same (torchtriton, 2022).
        message = _without_shadowing(message) + (
            f"; every {'package this command names' if extra.invocation else 'requirement here'}"
            f" is pinned to a local version ({local_only}), which the public "
            "index cannot serve, but their dependencies are still taken from whichever source "
            "offers the highest version (dependency confusion: torchtriton, December 2022)"
        )
    message += outranked
    applicability = removal_applicability(extra.value, primary_url)
    if applicability is None:
        message += f"; {_remedy(extra, primary_url)}"
        fix = None
    else:
        what = "find-links" if extra.key == "find-links" else "extra index"
        fix = removal_fix(extra, f"comment out the {what}", applicability)
    return diagnostic(RULE.meta, message, extra.location, related=related, fix=fix)


_PIWHEELS_HOSTS = frozenset({"piwheels.org", "www.piwheels.org"})
_PIWHEELS = (
    "; piwheels only rebuilds the public index's own projects (wheels for the Raspberry "
    "Pi) and nobody can upload to it, so no name there can shadow a package: the line is "
    "sound wherever piwheels can be reached"
)


def _piwheels_beside_public(extra: Setting, primary: str) -> bool:
    """piwheels (www.piwheels.org/simple) and the public index, either way round."""
    if extra.key == "find-links":
        return False
    pair = (extra.value, primary)
    return any(host_of(u) in _PIWHEELS_HOSTS for u in pair) and any(
        is_public_index(u) for u in pair
    )


def _without_shadowing(message: str) -> str:
    """``message`` up to its dependency-confusion clause (what stays true of the stall)."""
    for clause in (" and a name on the index can shadow", " and anyone can shadow"):
        message = message.partition(clause)[0]
    return message


def _outranked(url: str, requirements: Sequence[Requirement]) -> str:
    """For a find-links URL naming one archive (MONAI's docs: ``-f .../torch-2.3.0+cpu-...whl``
    beside ``torch>=1.9``): the requirement of the archive's project that admits a newer
    release than the archive's.  pip takes the highest version among every source, so
    when the index has such a release the file is never installed; "" otherwise."""
    found = _archive_version(url)
    if found is None:
        return ""
    name, version = found
    matching = [
        r for r in requirements if r.name and not r.url and canonicalize_name(r.name) == name
    ]
    wanted = [r for r in matching if not r.constraint]
    newer = _newer_admitted([r.specifier for r in matching], version) if wanted else None
    if newer is None:
        return ""  # no requirement of it, or a pin or constraint the file satisfies
    req = wanted[0]
    return (
        f"; {spelled(req)} at {req.location.display()} admits releases newer than "
        f"the file's {version} ({newer}, say): pip takes the highest version, so "
        "once the index has one it installs that and never this file"
    )


def _archive_version(url: str) -> tuple[str, Version] | None:
    """(canonical project name, version) of the wheel or sdist a URL names."""
    from urllib.parse import unquote, urlsplit

    from packaging.utils import (
        InvalidSdistFilename,
        InvalidWheelFilename,
        parse_sdist_filename,
        parse_wheel_filename,
    )

    if "$" in url:
        return None
    try:
        filename = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        if filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(filename)
        else:
            name, version = parse_sdist_filename(filename)
    except (InvalidWheelFilename, InvalidSdistFilename, ValueError):
        return None
    return name, version


def _newer_admitted(specifiers: Sequence[str], version: Version) -> str | None:
    """A final release above ``version`` that every one of ``specifiers`` admits (the
    next micro, minor or major release, or one far above), or None."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import Version

    try:
        sets = [SpecifierSet(s) for s in specifiers]
    except InvalidSpecifier:
        return None
    release = (*version.release, 0, 0)[:3]
    epoch = f"{version.epoch}!" if version.epoch else ""
    major, minor, micro = release
    for text in (
        f"{major}.{minor}.{micro + 1}",
        f"{major}.{minor + 1}.0",
        f"{major + 1}.0.0",
        f"{major + 100}.0.0",
    ):
        candidate = Version(epoch + text)
        if candidate > version and all(spec.contains(candidate) for spec in sets):
            return text
    return None


def _remote(setting: Setting) -> bool:
    """A find-links page pip fetches over the network (a local folder stalls nothing)."""
    value = setting.value.strip().lower()
    return value.startswith(("http://", "https://")) or (
        "$" in value and "://" in value and not value.startswith("file:")
    )


def _local_versions(project: Project, root: ParsedSource) -> str:
    """Where every requirement of the install is pinned to a local version
    (``torch==2.4.0+cpu``), their local labels (``+cpu``); "" otherwise.  The public index
    refuses local versions, so no name there can shadow these pins (their dependencies,
    which the file does not name, still can)."""
    reqs = [r for r in project.ordered_requirements(root) if r.name and not r.constraint]
    if not reqs or not all(
        r.specifier.startswith("==") and "," not in r.specifier and "+" in r.specifier for r in reqs
    ):
        return ""
    return _local_labels(r.specifier for r in reqs)


def _hash_checked(project: Project, root: ParsedSource) -> bool:
    """Every requirement of the install carries ``--hash`` (pip-compile
    ``--generate-hashes``, ``uv export``): pip is in hash-checking mode and accepts, for
    each, only a file with one of those hashes, from whichever index it comes, so no index
    can substitute a package (pip 26.3: candidates with an allowed hash are preferred over
    all others, and a file that matches none is refused)."""
    reqs = [r for r in project.ordered_requirements(root) if not r.constraint]
    return bool(reqs) and all(r.hashes for r in reqs)


# What a hash-checked install keeps of RL101's risks: the stall, not the substitution.
_HASHED = (
    "; every requirement here is pinned with --hash, so pip accepts only those files, "
    "whichever source serves them: no index can substitute a package"
)


def _local_labels(pins: Iterable[str]) -> str:
    """``+cpu`` for ``==2.4.0+cpu`` and ``torch==2.4.0+cpu``; ``+cpu, +cu121`` for two."""
    return ", ".join(sorted({"+" + pin.rpartition("+")[2].strip() for pin in pins}))


def _plan_findings(
    plan: IndexPlan,
    seen: set[tuple[str, int, int]],
    internal: frozenset[str],
    local_only: str = "",
    requirements: Sequence[Requirement] = (),
    *,
    hashed: bool = False,
) -> Iterator[Diagnostic]:
    if plan.no_index or not plan.indexes:
        return
    primary = plan.indexes[0]
    for entry in plan.indexes[1:]:
        if entry.setting is None or _key(entry.setting) in seen:
            continue
        seen.add(_key(entry.setting))
        yield _finding(
            entry.setting, primary.url, primary.setting, internal, local_only, hashed=hashed
        )
    for link in plan.find_links:
        if _remote(link) and _key(link) not in seen:
            seen.add(_key(link))
            yield _finding(
                link,
                primary.url,
                primary.setting,
                internal,
                local_only,
                _outranked(link.value, requirements),
                hashed=hashed,
            )


def _standalone_findings(project: Project, seen: set[tuple[str, int, int]]) -> Iterator[Diagnostic]:
    """Files pip does not read on its own (a pip.conf in the repository, CI files, tox.ini,
    Dockerfiles): each is judged as if it were the configuration in force."""
    for source in project.sources:
        if source.kind in (
            SourceKind.REQUIREMENTS,
            SourceKind.CONDA,
            SourceKind.PYPROJECT,
            SourceKind.ENVIRON,
        ):
            continue
        if source.kind is SourceKind.PIPCONF and any(s.origin.machine for s in source.settings):
            continue  # a config file pip reads on this machine: judged in the index plans
        pip_settings = [
            s
            for s in source.settings
            if s.tool is Tool.PIP
            and s.section in ("", "global", "install")
            and "uv_only" not in s.attrs  # read by no install here: RL108 says so
        ]
        # File-level values (pip.conf keys, CI/Docker/tox variables) apply to every pip
        # command in the file; a command's own options apply to that command alone.
        shared = [s for s in pip_settings if not s.invocation]
        commands: dict[str, list[Setting]] = {}
        for s in pip_settings:
            if s.invocation:
                commands.setdefault(s.invocation, []).append(s)
        # The file-level values first, against the file-level primary (a command's own
        # --index-url applies to that command only, not to the other commands the variable
        # reaches); then each command's own extras, against its primary.
        for group in [shared, *(shared + own for own in commands.values())]:
            yield from _judge_group(group, seen, project.internal_hosts)
        # `uv pip` commands and UV_* variables: uv asks its extra indexes first
        uv = [s for s in source.settings if s.tool is Tool.UV]
        uv_shared = [s for s in uv if not s.invocation]
        uv_commands: dict[str, list[Setting]] = {}
        for s in uv:
            if s.invocation:
                uv_commands.setdefault(s.invocation, []).append(s)
        told: set[tuple[int, int]] = set()
        for group in [uv_shared, *(uv_shared + own for own in uv_commands.values())]:
            for found in _uv_public_first(tuple(group)):
                where = (found.location.line, found.location.column)
                if where not in told:
                    told.add(where)
                    yield found


def _judge_group(
    settings: list[Setting], seen: set[tuple[str, int, int]], internal: frozenset[str]
) -> Iterator[Diagnostic]:
    def pick(key: str) -> list[Setting]:
        # [install] replaces [global] for the same key, as in pip.
        install = [s for s in settings if s.key == key and s.section == "install"]
        return install or [s for s in settings if s.key == key and s.section != "install"]

    if any(s.key == "no-index" for s in settings):
        return
    primaries = pick("index-url")
    primary = primaries[-1] if primaries else None
    extras = pick("extra-index-url") + [s for s in pick("find-links") if _remote(s)]
    for extra in extras:
        if _key(extra) in seen:
            continue
        seen.add(_key(extra))
        # a command that names only local-version pins (`torch==2.4.0+cpu`)
        pins = extra.attrs.get("local_pins", "")
        local_only = _local_labels(pins.split()) if pins else ""
        yield _finding(
            extra, primary.value if primary else PYPI_SIMPLE, primary, internal, local_only
        )


def _tool_findings(project: Project) -> Iterator[Diagnostic]:
    """uv, poetry and pdm configuration in pyproject.toml (and uv's environment)."""
    for setting in project.settings("index-strategy"):
        strategy = setting.value.strip().strip("\"'")
        if strategy in _UNSAFE_UV and not _one_uv_index(project, setting):
            yield diagnostic(
                RULE.meta,
                f"uv index-strategy {setting.value!s} {_UNSAFE_UV_SAYS[strategy]} "
                "(dependency confusion); without it uv takes each package from the first "
                "index that has it, so a version only a later index serves (a +cpu build "
                "beside PyPI) is no longer found: pin such packages to their index first "
                "(`explicit = true` and [tool.uv.sources], installed with `uv sync`)",
                setting.location,
                fix=removal_fix(
                    setting,
                    "remove index-strategy (uv's default, first-index, "
                    "stops at the first index that has a package)",
                    Applicability.UNSAFE,
                ),
            )
    for source in project.of_kind(SourceKind.PYPROJECT):
        yield from _uv_public_first(source.settings)
        yield from _poetry_findings(source.settings)
        yield from _pdm_findings(source.settings)


# What each of uv's unsafe strategies does (uv's documentation, "index strategies").
_UNSAFE_UV_SAYS = {
    "unsafe-best-match": "merges candidates from every index and takes the best version: a "
    "name registered on one index with a higher version wins over the package another "
    "index serves",
    "unsafe-first-match": "searches every index for every package, exhausting the first "
    "index's versions before the next: a name the first index lacks, or has no matching "
    "version of, is taken from the next index that has one",
}

_UV_SECOND_SOURCES = ("extra-index-url", "find-links")


def _second_uv_source(setting: Setting) -> bool:
    """An index or find-links uv asks beside its default one."""
    if setting.key in _UV_SECOND_SOURCES:
        return True
    return (
        setting.key == "index"
        and setting.attrs.get("default") != "true"
        and setting.attrs.get("explicit") != "true"
        and not same_url(setting.value, PYPI_SIMPLE)
    )


def _uv_sources(scope: list[Setting]) -> int:
    """How many sources a uv command asks: its index (none with ``--no-index``), its
    extra indexes and its find-links pages."""
    primary = 0 if any(s.key == "no-index" for s in scope) else 1
    return primary + sum(1 for s in scope if _second_uv_source(s))


def _one_uv_index(project: Project, strategy: Setting) -> bool:
    """The strategy has nothing to merge.  In a pyproject.toml: the indexes besides the
    default one are ``explicit = true`` (used only by the packages [tool.uv.sources] sends
    there) and no extra index or find-links is set (InvokeAI's torch indexes, trial 5).
    In a command or a variable (CI, Dockerfile, script): neither the command (nor, for a
    variable, any uv command of the file), the file's own variables, the project's
    pyproject.toml (which ``uv pip`` reads) nor a requirements file (which may be the
    command's ``-r``) names a second source: ultralytics' ``uv pip install ...
    --index-url https://download.pytorch.org/whl/cpu --index-strategy unsafe-best-match``
    has one index (trial 7)."""
    source = project.source(strategy.location.path)
    if source is None:
        return False
    if strategy.kind is not SourceKind.PYPROJECT:
        uv = [s for s in source.settings if s.tool is Tool.UV]
        shared = [s for s in uv if not s.invocation]
        commands = {s.invocation for s in uv if s.invocation}
        if strategy.invocation:
            commands = {strategy.invocation}
        # each command with the file's variables, or the variables alone (no command)
        scopes = [shared + [s for s in uv if s.invocation == c] for c in commands] or [shared]
        if any(_uv_sources(scope) > 1 for scope in scopes):
            return False
        for other in project.sources:
            if other.kind is SourceKind.PYPROJECT and any(
                s.tool is Tool.UV and _second_uv_source(s) for s in other.settings
            ):
                return False
            if other.kind is SourceKind.REQUIREMENTS and any(
                s.key in _UV_SECOND_SOURCES for s in other.settings
            ):
                return False
        return True
    explicit = False  # no index at all: the strategy is for indexes given elsewhere (CI)
    for setting in source.settings:
        if setting.tool is not Tool.UV:
            continue
        if setting.key in ("extra-index-url", "find-links"):
            return False
        if setting.key == "index":
            if setting.attrs.get("explicit") == "true":
                explicit = True
            elif setting.attrs.get("default") != "true" and not same_url(
                setting.value, PYPI_SIMPLE
            ):
                return False  # (PyPI itself listed, as InvokeAI does, is the default again)
    return explicit


def _poetry_findings(settings: tuple[Setting, ...]) -> Iterator[Diagnostic]:
    """Poetry (>= 1.5) searches primary sources first, in order; PyPI is an implicit primary
    source only while no primary (or deprecated default) source is configured, unless a
    source named PyPI puts it back explicitly; supplemental sources are asked only for
    packages no higher-priority source has."""
    sources = [s for s in settings if s.key == "source" and s.tool is Tool.POETRY]
    first = [s for s in sources if s.attrs.get("priority") in ("primary", "default")]
    pypi_named = [s for s in sources if s.attrs.get("name", "").lower() == "pypi"]
    # Who is asked before a supplemental source: the primaries, or PyPI when it is one.
    ahead = [s.value for s in first] if pypi_named else [s.value for s in first] or [PYPI_SIMPLE]
    public_ahead = any(is_public_index(url) for url in ahead)
    for setting in sources:
        priority = setting.attrs.get("priority", "")
        if priority not in ("supplemental", "secondary"):
            continue
        name = setting.attrs.get("name", "")
        if is_public_index(setting.value) and first and not public_ahead:
            yield diagnostic(
                RULE.meta,
                f"poetry source {name!r} ({setting.value}, the public index) has priority "
                f"{priority}: poetry takes from it every package the primary sources lack, "
                "so an internal name missing from them is taken from the public index "
                "(dependency confusion)",
                setting.location,
            )
        elif public_ahead and not is_public_index(setting.value):
            yield diagnostic(
                RULE.meta,
                f"poetry source {name!r} ({setting.value}) has priority {priority}: poetry "
                "asks the public index (PyPI) first and uses this source only for packages "
                "PyPI lacks, so an internal name registered on PyPI is taken from there "
                '(dependency confusion); give the source priority "explicit" and name it in '
                "those dependencies (`source = ...`)",
                setting.location,
            )


def _pdm_findings(settings: tuple[Setting, ...]) -> Iterator[Diagnostic]:
    """pdm merges every source with PyPI and takes the best candidate; a source named
    ``pypi`` replaces PyPI's URL (else PyPI's default source comes first), ``include_packages``
    binds packages to one source, and with ``respect-source-order`` pdm takes each package
    from the first source in that order that has it."""
    sources = [s for s in settings if s.key == "source" and s.tool is Tool.PDM]
    named = [n for n, s in enumerate(sources) if s.attrs.get("name", "").lower() == "pypi"]
    default = sources[named[-1]].value if named else PYPI_SIMPLE
    if not is_public_index(default):
        return  # PyPI replaced by a non-public index: nothing public is merged in
    in_order = any(s.attrs.get("respect-source-order") == "true" for s in sources)
    pypi_at = named[-1] if named else -1  # PyPI's default source is inserted first
    for n, setting in enumerate(sources):
        if (
            setting.attrs.get("name", "").lower() == "pypi"
            or setting.attrs.get("type", "index") != "index"
            or is_public_index(setting.value)
            or setting.attrs.get("include_packages", "[]") not in ("", "[]")
        ):
            continue
        name = setting.attrs.get("name", "")
        if not in_order:
            message = (
                f"pdm source {name!r} ({setting.value}) is merged with PyPI: pdm takes "
                "the best candidate from every source, so an internal name registered "
                "on PyPI with a higher version wins (dependency confusion)"
            )
        elif n > pypi_at:
            message = (
                f"pdm source {name!r} ({setting.value}) comes after PyPI with "
                "respect-source-order: pdm takes each package from the first source "
                "that has it, so an internal name registered on PyPI is taken from "
                "there (dependency confusion)"
            )
        else:
            continue  # asked before PyPI, and pdm stops at the first source that has it
        yield diagnostic(
            RULE.meta,
            message + "; bind its packages to it with `include_packages`",
            setting.location,
        )


def _uv_public_first(settings: tuple[Setting, ...]) -> Iterator[Diagnostic]:
    """uv asks its extra indexes *before* the default one and stops at the first index that
    has a package: a public extra index beside a private default is asked first for
    internal names (dependency confusion even with the safe default strategy)."""
    uv = [s for s in settings if s.tool is Tool.UV]
    default = [
        s
        for s in uv
        if (s.key == "index-url") or (s.key == "index" and s.attrs.get("default") == "true")
    ]
    if not default or is_public_index(default[-1].value):
        return
    for setting in uv:
        first = setting.key == "extra-index-url" or (
            setting.key == "index"
            and setting.attrs.get("default") != "true"
            and setting.attrs.get("explicit") != "true"
        )
        if first and is_public_index(setting.value):
            yield diagnostic(
                RULE.meta,
                f"uv asks {_describe(setting.value)} before the default index "
                f"{default[-1].value}: an internal package name registered on the public "
                "index is taken from there (dependency confusion)",
                setting.location,
                related=(default[-1].location,),
                fix=removal_fix(
                    setting,
                    "remove the public index (uv's default index is "
                    "asked for what it has; proxy the public index there)",
                    Applicability.UNSAFE,
                ),
            )


RULE = make_rule(
    "RL101",
    "extra-index-url",
    "A second source (extra index, find-links page) beside the primary index",
    Severity.WARNING,
    __doc__,
    check,
    fix=FixAvailability.SOMETIMES,
    fix_applicability=Applicability.SAFE,
    fix_cases=(
        FixCase(
            "the public index as extra (or find-links) behind a primary whose host or path "
            "says it mirrors or proxies it (`pypi.corp.example`, Artifactory's `api/pypi`); "
            "the same index twice",
            "comment out the extra index (the URL only, in a multi-URL pip.conf value)",
            Applicability.SAFE,
            "the mirror serves what the public index does: pip finds the same packages, "
            "and can never take an impostor's",
        ),
        FixCase(
            "the public index behind a primary that says nothing of the kind "
            "(`packages.corp.example`)",
            "comment out the extra index",
            Applicability.UNSAFE,
            "if that index does not proxy the public one, the rest is no longer found",
        ),
        FixCase(
            "the public index behind a vendor's index of its own builds (PyTorch, NVIDIA, "
            "Home Assistant's musllinux wheels) or TestPyPI",
            "none; the finding says the remedy",
            None,
            "the vendor's index lacks everything else the install needs",
        ),
        FixCase(
            "piwheels beside the public index (either way round); reported as info",
            "none",
            None,
            "the Pi needs its wheels, and nobody can register a name on piwheels",
        ),
        FixCase(
            "a private or third-party extra index (or find-links page) beside the public "
            "primary (pip's default or explicit)",
            "none; the finding says the remedy",
            None,
            "pip would look for its package names on the public index alone, "
            "where an impostor is installed silently; make it the primary and let it "
            "proxy the public index, or use an explicit per-package index (uv, poetry)",
        ),
        FixCase(
            "any other pair (two non-public indexes, a `${VAR}` or local path)",
            "comment out the extra index",
            Applicability.UNSAFE,
            "what it served may then come from another index",
        ),
        FixCase(
            "`PIP_EXTRA_INDEX_URL`; an option inside a CI/tox/Docker shell command",
            "`unset PIP_EXTRA_INDEX_URL` / by hand",
            Applicability.DISPLAY_ONLY,
            "not in a file / commenting out the line would drop the whole command",
        ),
        FixCase(
            'uv `index-strategy = "unsafe-…"`',
            "remove the key line (back to uv's default, `first-index`)",
            Applicability.UNSAFE,
            "uv then takes each package from the first index that has it; resolution may change",
        ),
        FixCase(
            "uv: a public index asked before a private default",
            "remove that `extra-index-url` element / `[[tool.uv.index]]` table",
            Applicability.UNSAFE,
            "packages only on the public index must then come through the private index",
        ),
        FixCase(
            "poetry/pdm sources",
            "none",
            None,
            "the right priority depends on what each source serves",
        ),
    ),
)
