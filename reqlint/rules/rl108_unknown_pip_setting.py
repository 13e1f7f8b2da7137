"""## What it does
Checks for `PIP_*` environment variables and pip.conf keys that pip does not know —
misspellings such as `PIP_EXTRA_INDEX_URLS` or `extra_index_urls`, for `UV_*` index
variables uv does not have (`UV_EXTRA_INDEX`, set in a CI file, a Dockerfile or tox.ini:
uv has `UV_INDEX` and `UV_EXTRA_INDEX_URL`), and for known traps:
`PIP_NO_CACHE_DIR=false` / `no-cache-dir = false`, which still disable the cache, and
pip's double negatives set true: `PIP_NO_COMPILE=1`, `no-build-isolation = yes`,
`PIP_NO_WARN_SCRIPT_LOCATION=true`, `PIP_NO_WARN_CONFLICTS`, `PIP_NO_USER`.  pip stores
such a value in the setting the option turns off (`compile`, `build_isolation`), so a
true value keeps it on (pip#5735): it takes `PIP_NO_COMPILE=0` to turn compiling off.

It also reports a Dockerfile's `PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS` or
`PIP_NO_INDEX` (`ENV` or `ARG`) when every `RUN` it reaches — the rest of its stage and
the stages built `FROM` it — installs with uv (`uv pip install`, `uv sync`, `uvx`): uv
reads no `PIP_*` variable and no pip.conf, so those installs do not use the setting. Not
when a `RUN` it reaches may run pip (pip itself, tox, conda, make, a script) or the stage
sets a `UV_*` variable as well. The same holds for a GitHub Actions `env:` (workflow, job
or step) and the steps below it; an action other than checkout, cache, artifacts,
setup-python and setup-uv may run pip.

## Why is this bad?
pip ignores unknown keys and variables silently, and reads `PIP_NO_CACHE_DIR=off` as
"no cache" (pip's own trap, kept for compatibility). The setting you think is in force is
not, and nothing tells you.

## Example
```env
PIP_EXTRA_INDEX_URLS=https://pypi.internal.example/simple/
```

## Use instead
```env
PIP_EXTRA_INDEX_URL=https://pypi.internal.example/simple/
```

For uv's installs, uv's own variable (`UV_INDEX` for an extra index, `UV_DEFAULT_INDEX`
for the primary one):
```dockerfile
ENV UV_INDEX=https://download.pytorch.org/whl/cpu
RUN uv pip install --system torch
```

## Fix safety
No automatic fix: reqlint suggests the closest known name.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint import pipopts
from reqlint.model import Diagnostic, Setting, Severity, SourceKind, Tool
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule

# Not options, but names pip itself reads from the environment or config.
_LOCATORS = frozenset({"config-file"})
_KNOWN = sorted({n for o in pipopts.OPTIONS for n in (o.name, *o.aliases)})


def _written(setting: Setting) -> str:
    if setting.kind is SourceKind.ENVIRON or setting.location.path.startswith("env:"):
        return setting.attrs.get("variable", setting.location.path.removeprefix("env:"))
    return setting.attrs.get("key_as_written", setting.key)


def check(project: Project) -> Iterator[Diagnostic]:
    reported: set[tuple[str, int, str]] = set()
    for setting in project.settings():
        if setting.key == "uv-unknown-variable":
            yield _unknown_uv(setting)
            continue
        if setting.tool is not Tool.PIP or setting.kind not in (
            SourceKind.ENVIRON,
            SourceKind.PIPCONF,
            SourceKind.CI,
            SourceKind.TOX,
            SourceKind.DOCKERFILE,
            SourceKind.SCRIPT,
        ):
            continue
        key = (setting.location.path, setting.location.line, setting.key)
        if key in reported:
            continue
        reported.add(key)
        name = _written(setting)
        if pipopts.lookup(setting.key) is None and setting.key not in _LOCATORS:
            import difflib  # only when there is something to suggest

            close = difflib.get_close_matches(setting.key, _KNOWN, n=1)
            hint = ""
            if close:
                hint = (
                    f"; did you mean PIP_{close[0].upper().replace('-', '_')}?"
                    if name.startswith("PIP_")
                    else f"; did you mean {close[0]}?"
                )
            if setting.kind is SourceKind.TOX and _tox_uv(project, setting.location.path):
                # otel-contrib: tox-uv installs with uv, which reads UV_* variables only
                hint += (
                    " But this tox.ini requires tox-uv, whose installs are uv's: uv reads "
                    "its own UV_* variables, not PIP_*"
                )
            yield diagnostic(
                RULE.meta,
                f"pip does not know {name} and silently ignores it{hint}",
                setting.location,
            )
        elif "uv_only" in setting.attrs:
            yield _uv_only(setting, name)
        elif setting.key in pipopts.CONFIG_TRAPS and setting.value.strip().lower() in (
            "false",
            "0",
            "no",
            "off",
        ):
            yield diagnostic(
                RULE.meta,
                f"{name}={setting.value.strip()}: "
                f"{pipopts.CONFIG_TRAPS[setting.key]}; remove it to keep the "
                "cache, or set it to 1 to say that the cache is meant to be off",
                setting.location,
            )
        elif (
            setting.key in pipopts.INVERTED
            and ("variable" in setting.attrs or setting.kind is not SourceKind.DOCKERFILE)
            and setting.value.strip().lower() in pipopts.TRUE_WORDS
        ):
            yield _inverted(setting, name)


def _inverted(setting: Setting, name: str) -> Diagnostic:
    """``PIP_NO_COMPILE=1``: pip stores the value into ``compile`` (pip#5735)."""
    value = setting.value.strip()
    option = setting.key
    known = pipopts.lookup(option)
    dest = known.dest if known is not None else option
    variable = name.startswith("PIP_")
    written, off = (
        (f"{name}={value}", f"{name}=0") if variable else (f"{name} = {value}", f"{name} = false")
    )
    # --no-user turns off what pip otherwise decides for itself: a true value is --user
    same = "" if option == "no-user" else ", pip's default: this does nothing"
    return diagnostic(
        RULE.meta,
        f"{written} {pipopts.INVERTED[option]}: pip stores the value of a no-... "
        f"{'variable' if variable else 'key'} in the setting the option turns off "
        f"({dest}), so {value} means {dest} on{same} (pip#5735); for --{option}'s "
        f"effect, set {off} or pass --{option}",
        setting.location,
    )


def _tox_uv(project: Project, path: str) -> bool:
    """Whether the tox.ini at ``path`` asks for tox-uv (``requires = tox-uv>=1``)."""
    source = project.source(path)
    text = source.text.text if source is not None and source.text is not None else ""
    return "tox-uv" in text


# What uv reads instead of pip's index variables
_UV_NAME_FOR = {
    "index-url": "UV_DEFAULT_INDEX",
    "extra-index-url": "UV_INDEX",
    "find-links": "UV_FIND_LINKS",
    "no-index": "UV_NO_INDEX",
}


def _uv_only(setting: Setting, name: str) -> Diagnostic:
    """A Dockerfile's or workflow's PIP_* index variable whose installs are all uv's."""
    keep = (
        f", and keep {name} only for pip run in the built image"
        if setting.kind is SourceKind.DOCKERFILE
        else f" ({name} reaches no pip command here)"
    )
    return diagnostic(
        RULE.meta,
        f"uv does not read {name} (it reads no PIP_* variable or pip.conf), and the "
        f"installs this reaches run uv ({setting.attrs['uv_only']}): they do not use "
        f"this setting; set {_UV_NAME_FOR[setting.key]} for them{keep}",
        setting.location,
    )


# uv's index variables, for the suggestion
_UV_INDEX_VARIABLES = (
    "UV_DEFAULT_INDEX",
    "UV_INDEX",
    "UV_INDEX_URL",
    "UV_EXTRA_INDEX_URL",
    "UV_FIND_LINKS",
    "UV_INDEX_STRATEGY",
)


def _unknown_uv(setting: Setting) -> Diagnostic:
    import difflib

    name = setting.attrs.get("key_as_written", "")
    if "EXTRA" in name:  # an extra index: uv's name for it now, and the older one
        close = ["UV_INDEX", "UV_EXTRA_INDEX_URL"]
    else:
        close = difflib.get_close_matches(name, _UV_INDEX_VARIABLES, n=1, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return diagnostic(
        RULE.meta,
        f"uv has no variable {name} and silently ignores it{hint}",
        setting.location,
    )


RULE = make_rule(
    "RL108",
    "unknown-pip-setting",
    "A PIP_* variable or pip.conf key that does not do what it says",
    Severity.WARNING,
    __doc__,
    check,
)
