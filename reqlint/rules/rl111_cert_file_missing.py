"""## What it does
Checks pip's `cert` (CA bundle) and `client-cert` settings, from pip.conf, `PIP_CERT` /
`PIP_CLIENT_CERT` or the command line of a requirements file, and reports a path that does
not exist or cannot be read. Works offline, when reqlint reads this machine
(`reqlint doctor`, `reqlint check --system`) or probes (`--network`).

## Why is this bad?
pip checks the files only when it makes a request, and then fails hard:
* a missing `cert` fails **every https request**: `Could not install packages due to an
  OSError: Could not find a suitable TLS CA certificate bundle, invalid path: ...`;
* a missing `client-cert` stops the install at its first request, http or https:
  `Could not find the TLS certificate file, invalid path: ...`.

The path is relative to the directory pip runs in, so a relative `cert = certs/ca.pem`
works in one folder and fails in every other.

## Example
```ini pip.conf
[global]
cert = /etc/ssl/corp-ca.pem      # not on this machine
```

## Use instead
```ini pip.conf
[global]
cert = /etc/ssl/certs/ca-certificates.crt
```

## Fix safety
No automatic fix: only a person knows where the right certificate is.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule

# by LocalState value: reqlint.network.local is imported only when locations were inspected
_PHRASE = {
    "missing": "does not exist",
    "not-a-file": "is a folder, not a certificate file",
    "unreadable": "cannot be read",
}


def check(project: Project) -> Iterator[Diagnostic]:
    if not project.local_paths:
        return  # nothing inspected (no --network, no machine configuration read)
    from reqlint.network.local import LocalPath, local_key, local_settings

    for setting, value in local_settings(project):
        item = project.local_paths.get(local_key(setting, value))
        if not isinstance(item, LocalPath) or item.role not in ("cert", "client-cert"):
            continue
        if item.state.value not in _PHRASE:
            continue
        if item.role == "cert":
            effect = (
                'every https request pip makes fails: "Could not find a suitable TLS '
                'CA certificate bundle, invalid path"'
            )
        else:
            effect = (
                'pip stops at its first request, http or https: "Could not find the '
                'TLS certificate file, invalid path"'
            )
        message = f"{item.role} {value} {_PHRASE[item.state.value]} ({item.path}); {effect}"
        yield diagnostic(
            RULE.meta,
            message,
            setting.location,
            data={"local_path": item.path, "state": item.state.value, "role": item.role},
        )


RULE = make_rule(
    "RL111",
    "cert-file-missing",
    "pip's cert or client-cert file does not exist or cannot be read",
    Severity.ERROR,
    __doc__,
    check,
)
