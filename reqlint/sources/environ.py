"""The environment: ``PIP_*`` variables as pip 26.3 reads them, and uv's ``UV_*`` index ones.

pip (``Configuration.get_environ_vars`` and ``ConfigOptionParser``): every variable whose
name starts with ``PIP_`` is an option, ``PIP_FOO_BAR`` being the key ``foo-bar`` (lower-case,
``_`` read as ``-``); ``PIP_VERSION`` and ``PIP_HELP`` are skipped, and so is an empty value.
A list option (``PIP_EXTRA_INDEX_URL``, ``PIP_FIND_LINKS``, ``PIP_TRUSTED_HOST``, ...) is
split on whitespace.  Names pip does not know are kept (pip ignores them silently, RL108
reports them).  ``PIP_CONFIG_FILE`` only says which file to read; it is kept as the
setting ``config-file`` so that rules and ``doctor`` can show it.

uv reads neither pip.conf nor ``PIP_*``, only its own variables; those that choose indexes
are read here with ``tool == Tool.UV``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from reqlint import pipopts
from reqlint.model import Location, ParsedSource, Problem, Setting, SourceKind, Tool
from reqlint.rules.rl005_invalid_pip_config import CODE as RL005
from reqlint.sources.pipconf import canonical_key, normalize_name, refusal_message

PATH = "<environment>"
# pip's ENV_NAMES_IGNORED, compared after lower-casing the part after PIP_.
PIP_IGNORED = frozenset({"version", "help"})

# uv variable -> (reqlint key, how uv splits the value: None = one value).
UV_VARIABLES: dict[str, tuple[str, str | None]] = {
    "UV_INDEX_URL": ("index-url", None),
    "UV_DEFAULT_INDEX": ("index-url", None),
    "UV_EXTRA_INDEX_URL": ("extra-index-url", " "),
    "UV_INDEX": ("extra-index-url", " "),
    "UV_INDEX_STRATEGY": ("index-strategy", None),
    "UV_INSECURE_HOST": ("trusted-host", " "),
    "UV_FIND_LINKS": ("find-links", ","),
}
# uv's `--index` / `--default-index` values may be `name=url` (uv's index name rules).
_NAMED_INDEX = re.compile(r"(?P<name>[A-Za-z0-9._-]+)=(?P<url>.+)", re.DOTALL)


def parse_environ(environ: Mapping[str, str]) -> ParsedSource:
    """The settings pip and uv take from ``environ``, sorted by variable name."""
    settings: list[Setting] = []
    problems: list[Problem] = []
    for name in sorted(environ):
        value = environ[name]
        if name.startswith("PIP_"):
            settings.extend(_pip(name, value))
            problems.extend(_refused(name, value))
        elif name in UV_VARIABLES:
            settings.extend(_uv(name, value))
    return ParsedSource(
        PATH, SourceKind.ENVIRON, settings=tuple(settings), problems=tuple(problems)
    )


def _refused(name: str, value: str) -> Iterator[Problem]:
    """RL005 for a value pip's option parser refuses: pip then stops at start-up."""
    lowered = name[4:].lower()
    if lowered in PIP_IGNORED or value == "":
        return
    key = normalize_name(lowered)
    message = refusal_message(name, key, value, ":env:")
    if message is not None:
        yield Problem(
            RL005, message, Location(f"env:{name}", None, route=f"env → {canonical_key(key)}")
        )


def _pip(name: str, value: str) -> Iterator[Setting]:
    lowered = name[4:].lower()
    if lowered in PIP_IGNORED or value == "":
        return
    key = canonical_key(normalize_name(lowered))
    option = None if key.startswith("-") else pipopts.lookup(key)
    items = value.split() if option is not None and option.is_list else [value]
    # PIP_CONFIG_FILE names a file; it is no option (attrs["locator"] says so to RL108).
    extra = {"locator": "true"} if key == "config-file" else {}
    for item in items:
        yield _setting(key, item, name, Tool.PIP, extra=extra)


def _uv(name: str, value: str) -> Iterator[Setting]:
    key, delimiter = UV_VARIABLES[name]
    if value == "":
        return
    items = (
        [value]
        if delimiter is None
        else [
            i.strip()
            for i in (value.split() if delimiter == " " else value.split(delimiter))
            if i.strip()
        ]
    )
    for item in items:
        extra: dict[str, str] = {}
        url = item
        if name in ("UV_INDEX", "UV_DEFAULT_INDEX"):
            named = _NAMED_INDEX.fullmatch(item)
            if named is not None:
                url, extra["name"] = named["url"], named["name"]
        if name == "UV_DEFAULT_INDEX":
            extra["default"] = "true"
        yield _setting(key, url, name, Tool.UV, raw=item, extra=extra)


def _setting(
    key: str,
    value: str,
    variable: str,
    tool: Tool,
    *,
    raw: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> Setting:
    return Setting(
        key,
        value,
        value if raw is None else raw,
        SourceKind.ENVIRON,
        Location(f"env:{variable}", None, route=f"env → {key}"),
        attrs={"variable": variable, **(extra or {})},
        remedy=f"unset {variable}",
        tool=tool,
    )


__all__ = ["parse_environ"]
