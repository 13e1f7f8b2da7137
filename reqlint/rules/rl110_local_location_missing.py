"""## What it does
Checks every local location pip reads — a `file:` index URL, a `--find-links` path or
`file:` URL — and reports one that does not exist, an index that is not a folder, or a
location pip cannot read. Works offline; it runs when reqlint reads this machine
(`reqlint doctor`, `reqlint check --system`) or probes (`--network`), because only then
does the answer describe the machine pip runs on. With `--network` it also says (as
info) which of the projects the requirements name a local index has no folder for: pip
prints the same warning for each of them.

## Why is this bad?
pip does not fail on a missing location: it skips it with a warning, and prints that
warning again for **every project** of every install:
```text
WARNING: Location '/opt/wheels' is ignored: it is either a non-existing path or lacks a
specific scheme.
WARNING: Location 'file:///srv/simple/requests/' is ignored: it is neither a file nor a directory.
```
A location that is meant to be there (a wheelhouse, an offline mirror) is silently not
used, so pip downloads from the network instead, or fails to find a package under
`--no-index`. A user pip.conf that was copied from another machine often carries a few.

## Example
In `~/.config/pip/pip.conf`:
```ini pip.conf
[global]
extra-index-url = file:///mnt/mirror/simple
find-links = /opt/wheels
```
(with neither `/mnt/mirror/simple` nor `/opt/wheels` on this machine)

## Use instead
Remove the lines from this machine's configuration, or create (mount) the folders:
```ini pip.conf
[global]
```

## Fix safety
The fix removes the setting and is unsafe: pip already ignores the location, so the
install finds the same packages, but the folder may be created later in the same job
(a wheelhouse built before `pip install`).
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Applicability, Diagnostic, FixAvailability, FixCase, Setting, Severity
from reqlint.project import Project
from reqlint.redact import redact_url
from reqlint.rules._facts import removal_fix
from reqlint.rules.base import diagnostic, make_rule

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up

if TYPE_CHECKING:
    from reqlint.network.local import LocalPath

# by LocalState value: reqlint.network.local is imported only when locations were inspected
_PHRASE = {
    "missing": "does not exist",
    "not-a-directory": "is not a folder",
    "unreadable": "cannot be read",
}


def check(project: Project) -> Iterator[Diagnostic]:
    if not project.local_paths:
        return  # nothing inspected (no --network, no machine configuration read)
    from reqlint.network.local import LocalPath, LocalState, local_key, local_settings, pip_warning

    for setting, value in local_settings(project):
        item = project.local_paths.get(local_key(setting, value))
        if not isinstance(item, LocalPath) or item.role not in ("index", "find-links"):
            continue
        if item.state is LocalState.OK:
            yield from _lacking(project, setting, value, item)
            continue
        if item.state.value not in _PHRASE:
            continue
        what = "find-links location" if item.role == "find-links" else "local index"
        if item.state is LocalState.UNREADABLE:
            effect = "pip cannot list it and finds nothing there"
        else:
            effect = f'pip skips it with "{pip_warning(item)}" for every project it looks up'
        message = f"{what} {redact_url(value)} {_PHRASE[item.state.value]} ({item.path}); {effect}"
        fix = removal_fix(setting, f"remove the {setting.key} setting", Applicability.UNSAFE)
        yield diagnostic(
            RULE.meta,
            message,
            setting.location,
            fix=fix,
            data={"local_path": item.path, "state": item.state.value, "role": item.role},
        )


def _lacking(
    project: Project, setting: Setting, value: str, item: LocalPath
) -> Iterator[Diagnostic]:
    """Under ``--network``: a local index without a folder for some of the projects the
    requirements name (pip warns about each, as for a missing index)."""
    from reqlint.network.findings import lookup

    result = lookup(project, value)
    if result is None or not result.local or item.role != "index":
        return
    missing = sorted(name for name, p in result.projects.items() if p.found is False)
    if not missing:
        return
    shown = value.rstrip("/")
    names = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    scheme = "file" if value.lower().startswith("file:") else ""
    reason = (
        "it is neither a file nor a directory"
        if scheme
        else "it is either a non-existing path or lacks a specific scheme"
    )
    message = (
        f"local index {redact_url(value)} has no project folder for {names} "
        f"({len(missing)} of the {len(result.projects)} projects looked up there); "
        f"pip prints \"Location '{shown}/<project>/' is ignored: {reason}.\" for "
        "each of them on every install"
    )
    yield diagnostic(
        RULE.meta,
        message,
        setting.location,
        severity=Severity.INFO,
        data={
            "local_path": item.path,
            "state": "lacks-projects",
            "role": item.role,
            "projects": missing,
        },
    )


RULE = make_rule(
    "RL110",
    "local-location-missing",
    "A file: index or find-links path pip reads does not exist, is not a folder, or is unreadable",
    Severity.WARNING,
    __doc__,
    check,
    fix=FixAvailability.SOMETIMES,
    fix_applicability=Applicability.UNSAFE,
    fix_cases=(
        FixCase(
            "a missing, non-folder or unreadable local location in a file",
            "comment out that item",
            Applicability.UNSAFE,
            "pip ignores it today, but the folder may be made later in the same job",
        ),
        FixCase(
            "a location set in the environment",
            "unset it (display-only)",
            Applicability.DISPLAY_ONLY,
            "a file edit cannot unset a variable",
        ),
    ),
)
