"""## What it does
Checks for an extra index beside a primary one: `--extra-index-url` in a requirements file,
`extra-index-url` in pip.conf or `PIP_EXTRA_INDEX_URL`, and the equivalents of other tools
that merge candidates from several indexes (uv's `index-strategy = "unsafe-best-match"` or
`"unsafe-first-match"`, poetry sources with priority `supplemental` or `secondary`, pdm
sources, which pdm merges with PyPI). The message names both indexes and says whether the
extra one is the public index.

## Why is this bad?
pip asks **every** index for **every** project and takes the best candidate from all of
them. Two things follow:

* **Slow installs.** When one index is unreachable (a firewalled public index, a retired
  mirror), pip waits out its timeout and retries for every package: with pip's defaults
  (15 s timeout, 5 retries) about 97.5 s per package — 50 pinned packages took over an hour.
* **Dependency confusion.** Anyone can register the name of one of your internal packages
  on the public index with a higher version, and pip will install theirs.

## Example
```
--index-url=https://pypi.internal.example/simple/
--extra-index-url=http://pypi.python.org/simple/
```

## Use instead
Serve everything from one index (let the internal mirror proxy the public index), and
comment out the extra one:
```
--index-url=https://pypi.internal.example/simple/
# --extra-index-url=http://pypi.python.org/simple/
```
For uv, keep the default `index-strategy = "first-index"` and pin internal packages to
their index with `[tool.uv.sources]` and an `explicit = true` index.

## Fix safety
The fix comments out the extra index line (every physical line of a continued line; in
pip.conf just the offending URL of a multi-line value). It is *safe* in the sense that it
only removes a source of packages: anything that existed only on the extra index will then
fail to install loudly instead of being taken silently. Environment variables cannot be
fixed in a file: the shell line that unsets them is shown instead.

In pyproject.toml the fixes are *unsafe* (applied with `--unsafe-fixes`): uv's
`index-strategy = "unsafe-…"` line is removed (back to uv's default, `first-index`), and a
public index that uv would ask before a private default index is removed from
`extra-index-url` (just that array element) or `[[tool.uv.index]]` (that table). Poetry and
pdm sources are not fixed: the right priority depends on what each source serves.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Applicability, Diagnostic, Setting, Severity, SourceKind
from reqlint.project import PYPI_SIMPLE, IndexPlan, Project, host_of, is_public_index
from reqlint.rules._facts import removal_fix
from reqlint.rules.base import diagnostic, make_rule

_UNSAFE_UV = ("unsafe-best-match", "unsafe-first-match")


def check(project: Project) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int, int]] = set()
    roots = project.roots()
    plans = [project.index_plan(root) for root in roots]
    # With no requirements file, judge the machine's own setup (`pip install NAME`).
    machine_config = project.environment_read or any(
        s.attrs.get("variant", "file") != "file"
        for s in project.settings()
        if s.kind is SourceKind.PIPCONF
    )
    if machine_config and not roots:
        plans.append(project.index_plan(None))
    for plan in plans:
        yield from _plan_findings(plan, seen, project.internal_hosts)
    yield from _standalone_findings(project, seen)
    yield from _tool_findings(project)


def _key(setting: Setting) -> tuple[str, int, int]:
    span = setting.location.span
    return (setting.location.path, span.start if span else -1, span.end if span else -1)


def _describe(url: str, internal: frozenset[str] = frozenset()) -> str:
    if host_of(url) in internal:
        return f"{url} (internal)"
    return f"{url} (the public index)" if is_public_index(url) else url


def _message(extra: str, primary: str, primary_source: str,
             internal: frozenset[str] = frozenset()) -> str:
    where = f" (set at {primary_source})" if primary_source else " (pip's default)"
    return (
        f"extra index {_describe(extra, internal)} beside primary index "
        f"{_describe(primary, internal)}{where}: "
        "pip asks every index for every package and takes the highest version, so an "
        "unreachable index stalls every install and anyone can shadow a package name "
        "(dependency confusion)"
    )


def _finding(extra: Setting, primary_url: str, primary: Setting | None,
             internal: frozenset[str] = frozenset()) -> Diagnostic:
    related = (primary.location,) if primary is not None else ()
    return diagnostic(
        RULE.meta,
        _message(extra.value, primary_url, primary.location.display() if primary else "",
                 internal),
        extra.location,
        related=related,
        fix=removal_fix(extra, "comment out the extra index"),
    )


def _plan_findings(plan: IndexPlan, seen: set[tuple[str, int, int]],
                   internal: frozenset[str]) -> Iterator[Diagnostic]:
    if plan.no_index or len(plan.indexes) < 2:
        return
    primary = plan.indexes[0]
    for entry in plan.indexes[1:]:
        if entry.setting is None or _key(entry.setting) in seen:
            continue
        seen.add(_key(entry.setting))
        yield _finding(entry.setting, primary.url, primary.setting, internal)


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
        if source.kind is SourceKind.PIPCONF and any(
            s.attrs.get("variant", "file") != "file" for s in source.settings
        ):
            continue  # a config file pip reads on this machine: judged in the index plans
        pip_settings = [
            s
            for s in source.settings
            if s.attrs.get("tool", "pip") == "pip" and s.section in ("", "global", "install")
        ]
        # File-level values (pip.conf keys, CI/Docker/tox variables) apply to every pip
        # command in the file; a command's own options apply to that command alone.
        shared = [s for s in pip_settings if "invocation" not in s.attrs]
        commands: dict[str, list[Setting]] = {}
        for s in pip_settings:
            if "invocation" in s.attrs:
                commands.setdefault(s.attrs["invocation"], []).append(s)
        for group in [*(shared + own for own in commands.values()), shared]:
            yield from _judge_group(group, seen, project.internal_hosts)


def _judge_group(settings: list[Setting], seen: set[tuple[str, int, int]],
                 internal: frozenset[str]) -> Iterator[Diagnostic]:
    def pick(key: str) -> list[Setting]:
        # [install] replaces [global] for the same key, as in pip.
        install = [s for s in settings if s.key == key and s.section == "install"]
        return install or [s for s in settings if s.key == key and s.section != "install"]

    if any(s.key == "no-index" for s in settings):
        return
    primaries = pick("index-url")
    primary = primaries[-1] if primaries else None
    for extra in pick("extra-index-url"):
        if _key(extra) in seen:
            continue
        seen.add(_key(extra))
        yield _finding(extra, primary.value if primary else PYPI_SIMPLE, primary, internal)


def _tool_findings(project: Project) -> Iterator[Diagnostic]:
    """uv, poetry and pdm configuration in pyproject.toml (and uv's environment)."""
    for setting in project.settings("index-strategy"):
        if setting.value.strip().strip("\"'") in _UNSAFE_UV:
            yield diagnostic(
                RULE.meta,
                f"uv index-strategy {setting.value!s} merges candidates from every index: "
                "a package name registered on the public index can shadow an internal one "
                "(dependency confusion)",
                setting.location,
                fix=removal_fix(setting, "remove index-strategy (uv's default, first-index, "
                                "stops at the first index that has a package)",
                                Applicability.UNSAFE),
            )
    for source in project.of_kind(SourceKind.PYPROJECT):
        yield from _uv_public_first(source.settings)
        for setting in source.settings:
            tool = setting.attrs.get("tool")
            if setting.key != "source":
                continue
            if tool == "poetry" and setting.attrs.get("priority") in ("supplemental", "secondary"):
                yield diagnostic(
                    RULE.meta,
                    f"poetry source {setting.attrs.get('name', '')!r} ({setting.value}) has "
                    f"priority {setting.attrs['priority']}: poetry also searches PyPI, so a "
                    "public package can shadow an internal one (dependency confusion)",
                    setting.location,
                )
            elif (
                tool == "pdm"
                and setting.attrs.get("name", "").lower() != "pypi"
                and setting.attrs.get("type", "index") == "index"
                and not _pdm_pypi_disabled(source.settings)
            ):
                yield diagnostic(
                    RULE.meta,
                    f"pdm source {setting.attrs.get('name', '')!r} ({setting.value}) is "
                    "merged with PyPI: pdm takes the best candidate from every source "
                    "(dependency confusion)",
                    setting.location,
                )


def _uv_public_first(settings: tuple[Setting, ...]) -> Iterator[Diagnostic]:
    """uv asks its extra indexes *before* the default one and stops at the first index that
    has a package: a public extra index beside a private default is asked first for
    internal names (dependency confusion even with the safe default strategy)."""
    uv = [s for s in settings if s.attrs.get("tool") == "uv"]
    default = [s for s in uv if (s.key == "index-url")
               or (s.key == "index" and s.attrs.get("default") == "true")]
    if not default or is_public_index(default[-1].value):
        return
    for setting in uv:
        first = setting.key == "extra-index-url" or (
            setting.key == "index" and setting.attrs.get("default") != "true"
            and setting.attrs.get("explicit") != "true")
        if first and is_public_index(setting.value):
            yield diagnostic(
                RULE.meta,
                f"uv asks {_describe(setting.value)} before the default index "
                f"{default[-1].value}: an internal package name registered on the public "
                "index is taken from there (dependency confusion)", setting.location,
                related=(default[-1].location,),
                fix=removal_fix(setting, "remove the public index (uv's default index is "
                                "asked for what it has; proxy the public index there)",
                                Applicability.UNSAFE))


def _pdm_pypi_disabled(settings: tuple[Setting, ...]) -> bool:
    return any(
        s.attrs.get("tool") == "pdm" and s.attrs.get("name", "").lower() == "pypi" for s in settings
    )


RULE = make_rule(
    "RL101",
    "extra-index-url",
    "An extra index beside a primary index",
    Severity.WARNING,
    __doc__,
    check,
    fixable=True,
)
