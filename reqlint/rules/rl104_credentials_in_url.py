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
The fix takes the `user:password@` out of the URL and leaves the rest of the line as it
was: the index stays where it is (commenting the line out would send pip to look for the
company's package names on the public index alone), and the secret leaves the file. It is
*unsafe*: installs that need that index fail until the credentials come from elsewhere
(`${VAR}` references in the URL, `~/.netrc`, a keyring), and the secret stays in the
history (rotate it). A token in the URL's path (Gemfury's `/TOKEN/acme/`) is the index's
address: no fix is offered for it.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    FixCase,
    Location,
    Severity,
)
from reqlint.project import Project
from reqlint.redact import (
    redact_url,
    secret_userinfo,
    token_path_segments,
    unclear_user,
    userinfo_range,
)
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
                fix=(
                    _strip_fix(project, setting.location, written)
                    if setting.removal
                    else removal_fix(setting, "", Applicability.UNSAFE)  # by hand
                ),
            )
    for _, req in project.requirements():
        url = req.url or ""
        what = _has_secret(url) if url and "${" not in req.text else ""
        if what:
            fix = _strip_fix(project, req.location, url) if req.removal else None
            yield diagnostic(
                RULE.meta,
                f"requirement URL {redact_url(url)} has {what}: a committed secret; rotate "
                "it and use ${VAR} references",
                req.location,
                fix=fix,
            )


def _strip_fix(project: Project, location: Location, url: str) -> Fix | None:
    """The fix that takes the ``user:password@`` out of ``url`` where the file writes it
    (within the finding's span, written there once), keeping the URL: the index stays
    where it is and pip asks ~/.netrc or a keyring for the credentials.  None for a token
    in the path (the path is the index's address) or a URL not found as written."""
    source = project.source(location.path)
    span = location.span
    if source is None or source.text is None or span is None or not secret_userinfo(url):
        return None
    url = url.strip()
    where = userinfo_range(url)
    text = source.text.text[span.start : span.end]
    if where is None or text.count(url) != 1:
        return None
    start = span.start + text.index(url)
    edit = Edit(source.text.path, start + where[0], start + where[1], "")
    return Fix(
        "remove the credentials from the URL (pip then asks ~/.netrc or a keyring)",
        (edit,),
        Applicability.UNSAFE,
        rewrites=((url, url[: where[0]] + url[where[1] :]),),
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
            "a user and password or token in an index, find-links or requirement URL",
            "remove `user:password@` from the URL, the rest of the line kept",
            Applicability.UNSAFE,
            "installs needing that index fail until the credentials come from `${VAR}`, "
            "~/.netrc or a keyring; the secret stays in history (rotate it)",
        ),
        FixCase(
            "a token in the URL's path (Gemfury's `/TOKEN/acme/`)",
            "none",
            None,
            "the path is the index's address",
        ),
        FixCase(
            "in an environment variable or a shell command",
            "by hand",
            Applicability.DISPLAY_ONLY,
            "not in a file / part of a command",
        ),
    ),
)
