"""## What it does
Checks for `trusted-host` settings: `--trusted-host` in requirements files, `trusted-host`
in pip.conf, `PIP_TRUSTED_HOST` and uv's `UV_INSECURE_HOST`.

## Why is this bad?
A trusted host is one pip talks to without verifying its TLS certificate, and over plain
HTTP without the warning (pip otherwise ignores a plain-http index: "not a trusted or
secure host and is being ignored"). Anyone who can intercept the connection can serve
their own packages. Over https it is usually added to silence a certificate error that has
a proper cure: point pip at the right CA bundle with `--cert` / `PIP_CERT`. For a host that
the linted files use only over plain http there is no TLS to turn off: trusted-host is
what lets pip use it at all, and the cure is to serve that index over https.

## Example
```requirements.txt
--index-url https://pypi.internal.example/simple/
--trusted-host pypi.internal.example
```

## Use instead
```requirements.txt
--index-url https://pypi.internal.example/simple/
```
and configure the CA bundle once, in pip.conf: `cert = /etc/ssl/certs/internal-ca.pem`.

## Fix safety
The fix comments out the `trusted-host` line (or drops the host from a multi-line pip.conf
value). It is *unsafe*: if the server's certificate is not valid for pip, installs start to
fail until the CA bundle is configured; for a plain-http index pip then ignores the index.

"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Applicability, Diagnostic, FixAvailability, FixCase, Severity
from reqlint.project import Project
from reqlint.rules._facts import removal_fix, url_settings
from reqlint.rules.base import diagnostic, make_rule
from reqlint.urls import host_of, is_loopback


def _matches(trusted: str, url: str) -> bool:
    """pip's test: the host, and the port too when the trusted value names one."""
    host, _, port = trusted.rpartition(":") if trusted.count(":") == 1 else (trusted, "", "")
    rest = url.split("://", 1)[1] if "://" in url else url
    hostport = rest.split("/", 1)[0].rsplit("@", 1)[-1].lower()
    if host_of(url) != host.lower():
        return False
    return not port or hostport.endswith(f":{port}")


def _plain_http_only(host: str, project: Project) -> bool:
    schemes = {
        s.value.strip().split("://", 1)[0].lower()
        for s in url_settings(project)
        if "://" in s.value and _matches(host, s.value)
    }
    return schemes == {"http"}


def check(project: Project) -> Iterator[Diagnostic]:
    for setting in project.settings("trusted-host"):
        host = setting.value.strip()
        if not host or is_loopback(host.split(":", 1)[0]):
            continue
        if _plain_http_only(host, project):
            message = (
                f"trusted-host {host} lets pip use its plain-http index (pip otherwise "
                "ignores it with a warning): anyone on the network path can replace "
                "its packages; serve it over https and drop trusted-host"
            )
        else:
            message = (
                f"trusted-host {host} turns off TLS verification for it: configure "
                "its CA bundle with `cert` / PIP_CERT instead"
            )
        yield diagnostic(
            RULE.meta,
            message,
            setting.location,
            fix=removal_fix(setting, "comment out the trusted-host setting", Applicability.UNSAFE),
        )


RULE = make_rule(
    "RL103",
    "trusted-host",
    "A host pip trusts without TLS verification (trusted-host)",
    Severity.WARNING,
    __doc__,
    check,
    fix=FixAvailability.SOMETIMES,
    fix_applicability=Applicability.UNSAFE,
    fix_cases=(
        FixCase(
            "`trusted-host`",
            "comment out the setting (the host only, in a multi-host value)",
            Applicability.UNSAFE,
            "installs fail until the index's CA bundle is configured (`cert`), or the "
            "plain-http index is served over https",
        ),
        FixCase(
            "`PIP_TRUSTED_HOST`; an option inside a shell command",
            "`unset` / by hand",
            Applicability.DISPLAY_ONLY,
            "not in a file / part of a command",
        ),
    ),
)
