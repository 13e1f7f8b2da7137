"""## What it does
Checks for credentials written into an index, find-links or requirement URL: a user and
password or token in the URL's userinfo (`https://user:secret@host/`,
`https://__token__:pypi-…@host/`, `https://ghp_…@github.com/`, Gemfury's
`https://TOKEN:@pypi.fury.io/acme/`) and access tokens in the path (Gemfury-style
`https://pypi.fury.io/TOKEN/acme/`). A user part alone that is no plain, lower-case
account name (`https://Kq7rT2xW@host/`) may be a token: an `info` finding says so, and it
is never printed. `${VAR}` references are fine: pip
expands them from the environment at install time. The path of a `file:` URL is a local
folder, not a token (pip's own `pip-build-env-…` temporary folders look random).

## Why is this bad?
A committed secret is a leaked secret: it is in every clone, every fork and the history
forever, and in CI logs whenever pip prints the URL. Rotate it.

reqlint never prints the credential itself: messages and every output format show `****`.

## Example
```requirements.txt
--extra-index-url https://deploy:s3cr3t@pypi.internal.example/simple/
```

## Use instead
```requirements.txt
--extra-index-url https://${PYPI_USER}:${PYPI_PASSWORD}@pypi.internal.example/simple/
```
or keep the credentials in `~/.netrc` or a keyring.

## Fix safety
The fix comments out the line. It is *unsafe*: it does not remove the secret from history
(rotate it), and installs needing that index fail until the URL uses `${VAR}` references.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Applicability, Diagnostic, Fix, FixAvailability, FixCase, Severity
from reqlint.project import Project
from reqlint.redact import redact_url, secret_userinfo, token_path_segments, unclear_user
from reqlint.rules._facts import removal_fix, url_settings
from reqlint.rules.base import diagnostic, make_rule


def _has_secret(url: str) -> str:
    if secret_userinfo(url):
        return "a password or token in the URL"
    # A file: URL names a local folder (pip's own pip-build-env-k3j2h1g9 temp folders look
    # random); no server reads a token from its path.
    if not url.strip().lower().startswith("file:") and token_path_segments(url):
        return "an access token in the URL path"
    return ""


def check(project: Project) -> Iterator[Diagnostic]:
    for setting in url_settings(project):
        # The text as written: a ${VAR} reference expanded from the environment is fine.
        written = setting.raw.strip() or setting.value
        what = _has_secret(written)
        if not what and unclear_user(written):
            yield diagnostic(
                RULE.meta,
                f"{redact_url(setting.value)} has a user name that may be a token (pip "
                "sends it to the index): if it is one, it is a committed secret; rotate it "
                "and use ${VAR} references, ~/.netrc or a keyring",
                setting.location,
                severity=Severity.INFO,
            )
        elif what:
            yield diagnostic(
                RULE.meta,
                f"{redact_url(setting.value)} has {what}: a committed secret; rotate it and "
                "use ${VAR} references, ~/.netrc or a keyring",
                setting.location,
                fix=removal_fix(
                    setting, "comment out the line with the credential", Applicability.UNSAFE
                ),
            )
    for _, req in project.requirements():
        url = req.url or ""
        what = _has_secret(url) if url and "${" not in req.text else ""
        if what:
            fix = (
                Fix(
                    "comment out the requirement with the credential",
                    req.removal,
                    Applicability.UNSAFE,
                )
                if req.removal
                else None
            )
            yield diagnostic(
                RULE.meta,
                f"requirement URL {redact_url(url)} has {what}: a committed secret; rotate "
                "it and use ${VAR} references",
                req.location,
                fix=fix,
            )


RULE = make_rule(
    "RL104",
    "credentials-in-url",
    "Credentials embedded in a URL",
    Severity.ERROR,
    __doc__,
    check,
    fix=FixAvailability.SOMETIMES,
    fix_applicability=Applicability.UNSAFE,
    fix_cases=(
        FixCase(
            "credentials in an index or find-links URL",
            "comment out the setting / delete the array element",
            Applicability.UNSAFE,
            "the secret stays in history (rotate it); installs needing that index fail "
            "until the URL uses `${VAR}`",
        ),
        FixCase(
            "credentials in a requirement URL",
            "comment out the requirement / delete the array element",
            Applicability.UNSAFE,
            "as above, and the requirement is gone",
        ),
        FixCase(
            "in an environment variable or a shell command",
            "by hand",
            Applicability.DISPLAY_ONLY,
            "not in a file / part of a command",
        ),
    ),
)
