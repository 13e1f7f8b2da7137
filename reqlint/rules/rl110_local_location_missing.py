"""## What it does
Checks every local location pip reads — a `file:` index URL, a `--find-links` path or
`file:` URL — and reports one that does not exist, an index that is not a folder, or a
location pip cannot read. Works offline; it runs when reqlint reads this machine
(`reqlint doctor`, `reqlint check --system`) or probes (`--network`), because only then
does the answer describe the machine pip runs on.

## Why is this bad?
pip does not fail on a missing location: it skips it with a warning, and prints that
warning again for **every project** of every install:
```
WARNING: Location '/opt/wheels' is ignored: it is either a non-existing path or lacks a
specific scheme.
WARNING: Location 'file:///srv/simple/requests/' is ignored: it is neither a file nor a directory.
```
A location that is meant to be there (a wheelhouse, an offline mirror) is silently not
used, so pip downloads from the network instead, or fails to find a package under
`--no-index`. A user pip.conf that was copied from another machine often carries a few.

## Example
```ini
# ~/.config/pip/pip.conf
[global]
extra-index-url = file:///mnt/mirror/simple
find-links = /opt/wheels
```
(with neither `/mnt/mirror/simple` nor `/opt/wheels` on this machine)

## Use instead
Remove the lines from this machine's configuration, or create (mount) the folders:
```ini
[global]
```

## Fix safety
The fix removes the setting and is unsafe: pip already ignores the location, so the
install finds the same packages, but the folder may be created later in the same job
(a wheelhouse built before `pip install`).
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Applicability, Diagnostic, Severity
from reqlint.network.local import LocalPath, LocalState, local_key, local_settings, pip_warning
from reqlint.project import Project
from reqlint.redact import redact_url
from reqlint.rules._facts import removal_fix
from reqlint.rules.base import diagnostic, make_rule

_PHRASE = {
    LocalState.MISSING: "does not exist",
    LocalState.NOT_A_DIRECTORY: "is not a folder",
    LocalState.UNREADABLE: "cannot be read",
}


def check(project: Project) -> Iterator[Diagnostic]:
    for setting, value in local_settings(project):
        item = project.local_paths.get(local_key(setting, value))
        if not isinstance(item, LocalPath) or item.role not in ("index", "find-links"):
            continue
        if item.state not in _PHRASE:
            continue
        what = "find-links location" if item.role == "find-links" else "local index"
        if item.state is LocalState.UNREADABLE:
            effect = "pip cannot list it and finds nothing there"
        else:
            effect = (f'pip skips it with "{pip_warning(item)}" for every project it looks '
                      "up")
        message = (f"{what} {redact_url(value)} {_PHRASE[item.state]} ({item.path}); "
                   f"{effect}")
        fix = removal_fix(setting, f"remove the {setting.key} setting",
                          Applicability.UNSAFE)
        yield diagnostic(RULE.meta, message, setting.location, fix=fix,
                         data={"path": item.path, "state": item.state.value,
                               "role": item.role})


RULE = make_rule(
    "RL110",
    "local-location-missing",
    "A file: index or find-links path pip reads does not exist, is not a folder, or is "
    "unreadable",
    Severity.WARNING,
    __doc__,
    check,
    fixable=True,
)
