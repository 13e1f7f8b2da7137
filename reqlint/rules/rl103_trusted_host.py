"""## What it does
Checks for `trusted-host` settings: `--trusted-host` in requirements files, `trusted-host`
in pip.conf, `PIP_TRUSTED_HOST` and uv's `UV_INSECURE_HOST`.

## Why is this bad?
A trusted host is one pip talks to without verifying its TLS certificate (and over plain
HTTP without a warning). Anyone who can intercept the connection can serve their own
packages. It is usually added to silence a certificate error that has a proper cure: point
pip at the right CA bundle with `--cert` / `PIP_CERT`.

## Example
```
--index-url https://pypi.internal.example/simple/
--trusted-host pypi.internal.example
```

## Use instead
```
--index-url https://pypi.internal.example/simple/
```
and configure the CA bundle once, in pip.conf: `cert = /etc/ssl/certs/internal-ca.pem`.

## Fix safety
The fix comments out the `trusted-host` line (or drops the host from a multi-line pip.conf
value). It is *unsafe*: if the server's certificate is not valid for pip, installs start to
fail until the CA bundle is configured.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Applicability, Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules._facts import is_loopback, removal_fix
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    for setting in project.settings("trusted-host"):
        host = setting.value.strip()
        if not host or is_loopback(host.split(":", 1)[0]):
            continue
        yield diagnostic(
            RULE.meta,
            f"trusted-host {host} turns off TLS verification for it: configure its CA "
            "bundle with `cert` / PIP_CERT instead",
            setting.location,
            fix=removal_fix(setting, "comment out the trusted-host setting", Applicability.UNSAFE),
        )


RULE = make_rule(
    "RL103",
    "trusted-host",
    "TLS verification turned off with trusted-host",
    Severity.WARNING,
    __doc__,
    check,
    fixable=True,
)
