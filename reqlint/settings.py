"""reqlint's own configuration: defaults < ``[tool.reqlint]`` < the command line.

Rule selection follows ruff.  A selector is a code (``RL101``), a prefix (``RL1``,
``RL10``, ``RL``) or ``ALL``.  Within one layer (the configuration file, then the command
line) the most specific selector that matches a code decides, and ``ignore`` beats
``select``/``extend-select`` at equal specificity.  A layer that has ``select`` starts
afresh; a layer without it only changes the codes its selectors match.  Then
``per-file-ignores`` switch codes off for the files their globs match.

Every error in a configuration file is a :class:`ConfigError` with the file, line and
column of the offending key or value, and for a misspelt key or code, the closest known one.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

from reqlint._lazyre import LazyPattern
from reqlint._records import dataclass, field, replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from typing import Any, NoReturn

if TYPE_CHECKING:
    from reqlint.text import TextFile
    from reqlint.tomlpos import Address, Located

__all__ = [
    "CONFIG_NAMES",
    "DEFAULT_SELECT",
    "KNOWN_KEYS",
    "ConfigError",
    "Resolver",
    "RuleSelection",
    "Settings",
    "config_in",
    "find_config",
    "is_excluded",
    "is_selected",
    "load_settings",
    "merge_cli",
    "user_config",
]

DEFAULT_SELECT: tuple[str, ...] = ("ALL",)
# Without a registry to ask, any code or prefix of this shape is accepted.
_CODE_SHAPE = LazyPattern(r"RL\d{0,3}")
_TABLE_HEADER = LazyPattern(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*[\"']?reqlint\b", re.MULTILINE)


class ConfigError(Exception):
    """A configuration error, located: ``path:line:column: message``.

    ``path`` is ``""`` for the command line; ``line``/``column`` are 1-based, 0 when the
    error has no place in the file (an unreadable file).
    """

    def __init__(self, message: str, path: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if where and self.line:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True, slots=True)
class RuleSelection:
    """One layer of rule selection (ruff's ``RuleSelection``).  ``select=None`` keeps what
    earlier layers selected; a tuple replaces it."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run is configured with.  Field names are the keys with ``_``."""

    # Rule selection from the configuration file (or the defaults).
    select: tuple[str, ...] = DEFAULT_SELECT
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    # (glob, codes): codes (or prefixes) switched off for files the glob matches.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Every pattern discovery skips: ``exclude`` plus ``extend-exclude`` (what the user
    # wrote for each is kept apart only so ``--exclude`` can replace the first).
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    # Hosts (lower case) whose indexes count as internal.
    internal_hosts: tuple[str, ...] = ()
    # Run the pinning rules (RL2xx) on [project] dependencies of pyproject.toml too.
    pin_pyproject: bool = False
    # Let --fix apply fixes marked unsafe.
    unsafe_fixes: bool = False
    # Globs (relative to ``root``) of requirements files that are a library's declaration:
    # read into package metadata, so the pinning rules leave them alone.
    metadata_files: tuple[str, ...] = ()
    # The lowest severity that makes the run fail (exit 1); see THRESHOLDS.
    failure_threshold: str = "warning"
    # (code or prefix, severity): the severity every finding of the matching rules takes;
    # the most specific selector decides (see severity_of).
    severity: tuple[tuple[str, str], ...] = ()
    # Skip what git ignores in folder scans; apply exclude to explicit paths too.
    respect_gitignore: bool = True
    force_exclude: bool = False
    # Later layers of rule selection (the command line), applied in order.
    overrides: tuple[RuleSelection, ...] = ()
    # The configuration file read (None: defaults only) and the folder globs are relative to.
    path: str | None = None
    root: str = ""
    # The ``exclude`` key alone (``exclude`` above includes ``extend-exclude``), kept so
    # that --exclude can replace it.
    exclude_key: tuple[str, ...] = field(default=(), repr=False)
    # The patterns of ``exclude`` that came from the command line: relative to the current
    # folder, where the file's own are relative to ``root`` (ruff's anchoring).
    cli_exclude: tuple[str, ...] = field(default=(), repr=False)


# ----------------------------------------------------------------------------- selection


def _specificity(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector)


def _matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _layer_decision(layer: RuleSelection, code: str) -> bool | None:
    """True/False when a selector of ``layer`` matches ``code``; None when none does."""
    best: tuple[int, int] | None = None  # (specificity, 1 for ignore): the max decides
    for selector in (*(layer.select or ()), *layer.extend_select):
        if _matches(selector, code):
            candidate = (_specificity(selector), 0)
            best = candidate if best is None else max(best, candidate)
    for selector in layer.ignore:
        if _matches(selector, code):
            candidate = (_specificity(selector), 1)
            best = candidate if best is None else max(best, candidate)
    return None if best is None else best[1] == 0


def is_selected(settings: Settings, code: str, path: str | None = None) -> bool:
    """Whether ``code`` runs (for the file shown as ``path``, when given)."""
    enabled = False
    for layer in (
        RuleSelection(settings.select, settings.ignore, settings.extend_select),
        *settings.overrides,
    ):
        decision = _layer_decision(layer, code)
        if decision is not None:
            enabled = decision
        elif layer.select is not None:
            enabled = False
    if not enabled:
        return False
    if path is not None:
        for glob, codes in settings.per_file_ignores:
            if any(_matches(c, code) for c in codes) and _path_matches(settings, glob, path):
                return False
    return True


def severity_of(settings: Settings, code: str) -> str | None:
    """The severity ``settings`` give every finding of ``code`` (the most specific
    matching selector of the ``severity`` key), or None: the rule's own."""
    best: tuple[int, str] | None = None
    for selector, level in settings.severity:
        if _matches(selector, code) and (best is None or _specificity(selector) > best[0]):
            best = (_specificity(selector), level)
    return None if best is None else best[1]


def _path_matches(settings: Settings, glob: str, path: str) -> bool:
    """fnmatch ``glob`` (``*`` crosses ``/``) against the display path, the path relative
    to the configuration's folder, and every folder above either; a glob without ``/``
    also matches the file name."""
    shown = PurePosixPath(path.replace(os.sep, "/"))
    candidates: list[PurePosixPath] = [shown]
    if settings.root and not path.startswith("env:"):
        relative = _relative(path, settings.root)
        if relative is not None:
            candidates.append(relative)
    return _glob_matches(glob, candidates)


def _relative(path: str, base: str) -> PurePosixPath | None:
    relative = os.path.relpath(os.path.abspath(path), base)
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return PurePosixPath(relative.replace(os.sep, "/"))


def _glob_matches(glob: str, candidates: Iterable[PurePosixPath]) -> bool:
    pattern = glob.rstrip("/").removeprefix("./")
    for candidate in candidates:
        for part in (candidate, *candidate.parents):
            if str(part) in ("", "."):
                continue
            if fnmatch.fnmatchcase(str(part), pattern) or (
                "/" not in pattern and fnmatch.fnmatchcase(part.name, pattern)
            ):
                return True
    return False


def is_excluded(settings: Settings, path: str, cwd: str | None = None) -> bool:
    """Whether ``exclude``/``extend-exclude`` skip ``path`` (a file or a folder).

    As in ruff, a pattern from a configuration file is relative to that file's folder and
    one from the command line to the current folder; a pattern without ``/`` also matches
    a file or folder name anywhere, and a pattern that matches a folder covers what is
    below it.
    """
    here = os.path.abspath(cwd or os.getcwd())
    for pattern in settings.exclude:
        base = here if pattern in settings.cli_exclude or not settings.root else settings.root
        relative = _relative(path, base)
        candidates = [relative] if relative is not None else []
        if relative is None and "/" not in pattern.rstrip("/"):
            candidates = [PurePosixPath(Path(path).name)]
        if _glob_matches(pattern, candidates):
            return True
    return False


# ---------------------------------------------------------------------------- validation


def _check_selectors(
    selectors: Iterable[str], known_codes: Collection[str] | None, fail: Callable[[str], NoReturn]
) -> None:
    """Call ``fail(message)`` for the first selector that names no rule."""
    for selector in selectors:
        if selector == "ALL":
            continue
        if known_codes is not None:
            ok = bool(_CODE_SHAPE.fullmatch(selector)) and any(
                c.startswith(selector) for c in known_codes
            )
            vocabulary = sorted(known_codes)
        else:
            ok = bool(_CODE_SHAPE.fullmatch(selector))
            vocabulary = []
        if ok:
            continue
        hint = ""
        if selector.upper() != selector and (
            _CODE_SHAPE.fullmatch(selector.upper()) or selector.upper() == "ALL"
        ):
            hint = f"; did you mean {selector.upper()!r}?"
        else:
            import difflib  # only on an error

            close = difflib.get_close_matches(selector, vocabulary, n=1)
            if close:
                hint = f"; did you mean {close[0]!r}?"
            elif known_codes is None:
                hint = "; codes look like 'RL101', prefixes like 'RL1', or 'ALL'"
        fail(f"unknown rule code or prefix {selector!r}{hint}")


# ------------------------------------------------------------------------------ loading


@dataclass(frozen=True, slots=True)
class Key:
    """One key of ``[tool.reqlint]``: the one table the loader, the docs and the JSON
    Schema (``python -m reqlint.schema``) are made from."""

    key: str
    field: str
    kind: str  # codes | globs | strings | hosts | bool | severity | severities
    description: str
    example: object


KEYS: tuple[Key, ...] = (
    Key(
        "select",
        "select",
        "codes",
        "The rules to run, by code (RL101), prefix (RL1, RL10, "
        'RL) or ALL. Replaces the default selection (["ALL"]).',
        ["RL0", "RL1"],
    ),
    Key("ignore", "ignore", "codes", "Rules not to run, by code or prefix.", ["RL105"]),
    Key(
        "extend-select", "extend_select", "codes", "Rules to run in addition to select.", ["RL201"]
    ),
    Key(
        "per-file-ignores",
        "per_file_ignores",
        "globs",
        "Rules (codes or prefixes) switched off for the files a glob matches; globs are "
        "relative to the folder of this configuration file.",
        {"requirements/dev*.txt": ["RL2"]},
    ),
    Key(
        "exclude",
        "exclude",
        "strings",
        "Files and folders not to lint, as globs relative to the folder of this "
        "configuration file (a glob without / matches a name anywhere). Applies to folder "
        "scans, and with --force-exclude to files named on the command line.",
        ["vendor/"],
    ),
    Key(
        "extend-exclude",
        "extend_exclude",
        "strings",
        "More patterns to skip; unlike exclude, kept when --exclude is given.",
        ["legacy/*.txt"],
    ),
    Key(
        "internal-hosts",
        "internal_hosts",
        "hosts",
        "Hosts whose package indexes are your own (host names, not URLs; compared "
        "case-insensitively).",
        ["pypi.corp.example"],
    ),
    Key(
        "pin-pyproject",
        "pin_pyproject",
        "bool",
        "Run the pinning rules (RL201-RL206) on pyproject.toml dependencies too.",
        True,
    ),
    Key(
        "unsafe-fixes",
        "unsafe_fixes",
        "bool",
        "Let --fix apply fixes marked unsafe as well as safe ones.",
        True,
    ),
    Key(
        "metadata-files",
        "metadata_files",
        "strings",
        "Requirements files that are a library's declaration (read into package metadata "
        "by your build), globs relative to the folder of this file: the pinning rules "
        "(RL201-RL203) leave them alone.",
        ["requirements/*.txt"],
    ),
    Key(
        "failure-threshold",
        "failure_threshold",
        "severity",
        "The lowest severity that makes `reqlint check` exit 1: error, warning (default), "
        "info, or none (never fails).",
        "error",
    ),
    Key(
        "severity",
        "severity",
        "severities",
        "The severity every finding of a rule takes, by code or prefix (the most specific "
        'one decides): "error", "warning" or "info". Replaces the severity the rule gives, '
        "including the info it gives development and test lists.",
        {"RL203": "warning", "RL3": "error"},
    ),
    Key(
        "respect-gitignore",
        "respect_gitignore",
        "bool",
        "Skip files and folders that .gitignore files, .git/info/exclude and negations "
        "ignore when scanning folders (default true).",
        False,
    ),
    Key(
        "force-exclude",
        "force_exclude",
        "bool",
        "Apply exclude to files named on the command line too (as pre-commit passes them).",
        True,
    ),
)
# key -> (Settings field, kind of value)
_KEYS: dict[str, tuple[str, str]] = {k.key: (k.field, k.kind) for k in KEYS}
# The severities a run can fail at (hadolint's --failure-threshold): findings below it are
# reported but do not make the exit code 1.  "none" never fails.
THRESHOLDS = ("error", "warning", "info", "none")
# The severities a finding can have (the ``severity`` key's values).
SEVERITIES = ("error", "warning", "info")
DEFAULT_THRESHOLD = "warning"
KNOWN_KEYS: tuple[str, ...] = tuple(_KEYS)


class _Place:
    """Turns addresses of the configuration table into ConfigErrors at the right line."""

    def __init__(self, path: str, text_file: TextFile, found: Mapping[Address, Located]) -> None:
        self.path = path
        self.file = text_file
        self.found = found

    def error(
        self,
        message: str,
        address: tuple[str | int, ...],
        *,
        at_key: bool = False,
    ) -> ConfigError:
        # The nearest located address: a value inside an implicit table has none itself.
        while address and address not in self.found:
            address = address[:-1]
        line = column = 0
        where = self.found.get(address)
        if where is not None:
            line, column = self.file.position(where.key_start if at_key else where.start)
        return ConfigError(message, self.path, line, column)


def _string_list(
    value: object, name: str, address: tuple[str | int, ...], place: _Place
) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise place.error(f"'{name}' must be an array of strings, not {_toml_type(value)}", address)
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise place.error(
                f"'{name}' must be an array of strings; item {index + 1} is {_toml_type(item)}",
                (*address, index),
            )
    return tuple(value)


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def load_settings(path: str | None, *, known_codes: Collection[str] | None = None) -> Settings:
    """Settings from ``path`` (``[tool.reqlint]`` of a pyproject.toml; any other file is a
    whole-file reqlint configuration), or the defaults for ``None``.

    ``known_codes`` are the rule codes that exist; without them any ``RL`` code or prefix of
    the right shape is accepted.  Raises :class:`ConfigError`.
    """
    if path is None:
        return Settings()
    from reqlint.discovery import read_text
    from reqlint.model import Problem
    from reqlint.tomlpos import locate

    text_file = read_text(path, pep263=False, code="RL006", display=path)
    if isinstance(text_file, Problem):
        raise ConfigError(text_file.message.removeprefix(f"{path}: "), path)
    data = _parse_toml(text_file.text, path)
    pyproject = Path(path).name == "pyproject.toml"
    prefix: tuple[str, ...] = ("tool", "reqlint") if pyproject else ()
    table: Any = data
    for part in prefix:
        table = table.get(part, {}) if isinstance(table, dict) else {}
    try:
        found, _ = locate(text_file.text)
    except ValueError:  # pragma: no cover - tomlkit accepted it; errors lose their line
        found = {}
    place = _Place(path, text_file, found)
    if not isinstance(table, dict):
        raise place.error("[tool.reqlint] must be a table", prefix)
    root = str(Path(path).resolve().parent)
    values: dict[str, Any] = {"path": path, "root": root}
    for key, value in table.items():
        address = (*prefix, key)
        if key not in _KEYS:
            import difflib  # only on an error

            close = difflib.get_close_matches(key.replace("_", "-"), KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise place.error(
                f"unknown key {key!r} in [{'.'.join(prefix) or 'reqlint'}]"
                f"{hint} (known keys: {', '.join(KNOWN_KEYS)})",
                address,
                at_key=True,
            )
        name, kind = _KEYS[key]
        if kind == "bool":
            if not isinstance(value, bool):
                raise place.error(
                    f"'{key}' must be true or false, not {_toml_type(value)}", address
                )
            values[name] = value
        elif kind == "severity":
            if value not in THRESHOLDS:
                raise place.error(
                    f"'{key}' must be one of {', '.join(map(repr, THRESHOLDS))}, not {value!r}",
                    address,
                )
            values[name] = value
        elif kind in ("codes", "strings", "hosts"):
            items = _string_list(value, key, address, place)
            if kind == "codes":
                for index, item in enumerate(items):
                    _check_selectors([item], known_codes, _raiser(place, (*address, index)))
            if kind == "hosts":
                for index, item in enumerate(items):
                    if "/" in item or not item.strip():
                        raise place.error(
                            f"'{key}' takes host names such as 'pypi.corp.example', not {item!r}",
                            (*address, index),
                        )
                items = tuple(item.strip().lower() for item in items)
            values[name] = items
        elif kind == "severities":
            if not isinstance(value, dict):
                raise place.error(
                    f"'{key}' must be a table of code = severity, not {_toml_type(value)}",
                    address,
                )
            chosen = []
            for code, level in value.items():
                _check_selectors([code], known_codes, _raiser(place, (*address, code)))
                if level not in SEVERITIES:
                    raise place.error(
                        f"'{key}.{code}' must be one of {', '.join(map(repr, SEVERITIES))}, "
                        f"not {level!r} (to stop reporting a rule, ignore it)",
                        (*address, code),
                    )
                chosen.append((code, level))
            values[name] = tuple(chosen)
        elif kind == "globs":  # per-file-ignores
            if not isinstance(value, dict):
                raise place.error(
                    f"'{key}' must be a table of glob = [codes], not {_toml_type(value)}", address
                )
            pairs = []
            for glob, codes in value.items():
                items = _string_list(codes, f"{key}.{glob}", (*address, glob), place)
                for index, item in enumerate(items):
                    _check_selectors([item], known_codes, _raiser(place, (*address, glob, index)))
                pairs.append((glob, items))
            values[name] = tuple(pairs)
    own_exclude = values.get("exclude", ())
    values["exclude_key"] = own_exclude
    values["exclude"] = (*own_exclude, *values.get("extend_exclude", ()))
    return Settings(**values)


def _raiser(place: _Place, address: tuple[str | int, ...]) -> Callable[[str], NoReturn]:
    def fail(message: str) -> NoReturn:
        raise place.error(message, address)

    return fail


def _parse_toml(text: str, path: str) -> dict[str, Any]:
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        data: dict[str, Any] = tomlkit.parse(text).unwrap()
    except ParseError as exc:
        from reqlint.text import TextFile
        from reqlint.tomlpos import toml_error

        text_file = TextFile.from_text(path, text)
        offset, message = toml_error(text_file, exc.line, exc.col, str(exc))
        raise ConfigError(f"invalid TOML: {message}", path, *text_file.position(offset)) from None
    except ValueError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None
    return data


# In one folder, as ruff: the hidden file, then the plain one, then pyproject.toml (only
# with a [tool.reqlint] table).
CONFIG_NAMES: tuple[str, ...] = (".reqlint.toml", "reqlint.toml", "pyproject.toml")


def config_in(folder: str | os.PathLike[str]) -> str | None:
    """The reqlint configuration file of ``folder`` itself, or None."""
    for name in CONFIG_NAMES:
        # os.path first: a folder scan asks this of every folder, and most have none
        if not os.path.isfile(os.path.join(folder, name)):
            continue
        candidate = Path(folder) / name
        if name != "pyproject.toml" or _has_reqlint_table(candidate):
            return str(candidate)
    return None


def find_config(start: str) -> str | None:
    """The nearest configuration file (``.reqlint.toml``, ``reqlint.toml``, or a
    ``pyproject.toml`` with a ``[tool.reqlint]`` table), from ``start`` (a folder or a
    file) upwards, not above the first folder holding ``.git``."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        found = config_in(folder)
        if found is not None:
            return found
        if (folder / ".git").exists():
            return None
    return None


def user_config() -> str | None:
    """The user-level configuration: ``$XDG_CONFIG_HOME/reqlint/`` (default
    ``~/.config/reqlint/``) holding ``reqlint.toml``, ``.reqlint.toml`` or a
    ``pyproject.toml`` with ``[tool.reqlint]`` — ruff's ``~/.config/ruff/``."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return config_in(os.path.join(base, "reqlint"))


def _has_reqlint_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "reqlint" not in text:
        return False
    if sys.version_info >= (3, 11):
        # Most pyproject files that mention reqlint (as a dependency) do not configure it:
        # the standard library answers that without loading tomlkit (start-up time).
        import tomllib

        try:
            quick = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            pass  # tomlkit below says where and why
        else:
            tool = quick.get("tool")
            return isinstance(tool, dict) and "reqlint" in tool
    try:
        data = _parse_toml(text, str(path))
    except ConfigError:
        # A broken file that clearly configures reqlint is an error; one that merely
        # mentions it (a dependency, say) is somebody else's business.
        if _TABLE_HEADER.search(text):
            raise
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "reqlint" in tool


# ---------------------------------------------------------------------------- merging


def merge_cli(
    settings: Settings,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_select: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    extend_exclude: Sequence[str] | None = None,
    per_file_ignores: Sequence[tuple[str, Sequence[str]]] | None = None,
    internal_hosts: Sequence[str] | None = None,
    pin_pyproject: bool | None = None,
    unsafe_fixes: bool | None = None,
    respect_gitignore: bool | None = None,
    force_exclude: bool | None = None,
    known_codes: Collection[str] | None = None,
) -> Settings:
    """``settings`` with the command line's values on top (``None``: not given).

    ``--select`` / ``--ignore`` / ``--extend-select`` form one more selection layer (so
    ``--select`` starts afresh, ``--ignore`` and ``--extend-select`` adjust);
    ``--exclude`` replaces the file's ``exclude`` and keeps its ``extend-exclude``;
    ``--extend-exclude``, ``--per-file-ignores`` and ``--internal-hosts`` add.
    Raises :class:`ConfigError` (path ``""``) for an unknown code.
    """
    for option, given in (
        ("--select", select),
        ("--ignore", ignore),
        ("--extend-select", extend_select),
    ):
        _check_selectors(given or (), known_codes, _cli_raiser(option))
    for _, codes in per_file_ignores or ():
        _check_selectors(codes, known_codes, _cli_raiser("--per-file-ignores"))
    changes: dict[str, Any] = {}
    if select is not None or ignore or extend_select:
        layer = RuleSelection(
            tuple(select) if select is not None else None,
            tuple(ignore or ()),
            tuple(extend_select or ()),
        )
        changes["overrides"] = (*settings.overrides, layer)
    if exclude is not None or extend_exclude:
        own = tuple(exclude) if exclude is not None else settings.exclude_key
        extend = (*settings.extend_exclude, *(extend_exclude or ()))
        cli = (*(exclude or ()), *(extend_exclude or ()))
        kept = tuple(p for p in settings.cli_exclude if exclude is None or p not in own)
        changes.update(
            exclude_key=own,
            extend_exclude=extend,
            exclude=(*own, *extend),
            cli_exclude=(*kept, *cli),
        )
    if per_file_ignores:
        changes["per_file_ignores"] = (
            *settings.per_file_ignores,
            *((g, tuple(c)) for g, c in per_file_ignores),
        )
    if internal_hosts:
        changes["internal_hosts"] = (
            *settings.internal_hosts,
            *(h.strip().lower() for h in internal_hosts),
        )
    if pin_pyproject is not None:
        changes["pin_pyproject"] = pin_pyproject
    if unsafe_fixes is not None:
        changes["unsafe_fixes"] = unsafe_fixes
    if respect_gitignore is not None:
        changes["respect_gitignore"] = respect_gitignore
    if force_exclude is not None:
        changes["force_exclude"] = force_exclude
    return replace(settings, **changes) if changes else settings


def _cli_raiser(option: str) -> Callable[[str], NoReturn]:
    def fail(message: str) -> NoReturn:
        raise ConfigError(f"{option}: {message}")

    return fail


# ------------------------------------------------------------------------------ resolving


class Resolver:
    """Which settings apply to each file — ruff's hierarchical configuration.

    A file takes the nearest configuration file in its folder or above it (not above the
    folder holding ``.git``), with the command line on top.  A file with none above it
    takes the *default*: the configuration found from the current folder, else the
    user-level one, else reqlint's defaults.  ``--config`` and ``--isolated`` make one
    settings for every file.  Each configuration file is read once per run.
    """

    def __init__(
        self,
        *,
        default: Settings,
        fixed: bool,
        finish: Callable[[Settings], Settings],
        known_codes: Collection[str] | None = None,
    ) -> None:
        self.default = default
        self.fixed = fixed
        self._finish = finish
        self._known = known_codes
        self._by_config: dict[str, Settings] = {}
        self._by_folder: dict[str, str | None] = {}
        # path as asked -> its settings: selection asks once per (rule, file) of a run
        self._by_path: dict[str, Settings] = {}

    @classmethod
    def build(
        cls,
        *,
        config: str | None,
        isolated: bool,
        finish: Callable[[Settings], Settings],
        known_codes: Collection[str] | None = None,
        cwd: str | None = None,
    ) -> Resolver:
        """Raises :class:`ConfigError`."""
        if isolated:
            return cls(default=finish(Settings()), fixed=True, finish=finish)
        if config is not None:
            return cls(
                default=finish(load_settings(config, known_codes=known_codes)),
                fixed=True,
                finish=finish,
            )
        found = find_config(cwd or os.getcwd()) or user_config()
        default = finish(load_settings(found, known_codes=known_codes))
        resolver = cls(default=default, fixed=False, finish=finish, known_codes=known_codes)
        if found is not None:
            resolver._by_config[str(Path(found).resolve())] = default
        return resolver

    def for_path(self, path: str) -> Settings:
        """The settings of the file (or folder) ``path``; ``env:NAME`` takes the default."""
        if self.fixed or path.startswith("env:"):
            return self.default
        known = self._by_path.get(path)
        if known is not None:
            return known
        config = self._nearest(os.path.dirname(os.path.abspath(path)))
        if config is None:
            settings = self.default
        else:
            found = self._by_config.get(config)
            if found is None:
                found = self._finish(load_settings(config, known_codes=self._known))
                self._by_config[config] = found
            settings = found
        self._by_path[path] = settings
        return settings

    def seen(self) -> list[Settings]:
        """The default and every settings a file was resolved to so far."""
        out = [self.default]
        out += [s for s in self._by_config.values() if s is not self.default]
        return out

    def _nearest(self, folder: str) -> str | None:
        if folder in self._by_folder:  # before any Path: a monorepo asks for every file
            return self._by_folder[folder]
        visited: list[str] = []
        found: str | None = None
        current = folder  # absolute and normal (for_path): its parents are its dirnames
        while True:
            if current in self._by_folder:
                found = self._by_folder[current]
                break
            visited.append(current)
            candidate = config_in(current)
            if candidate is not None:
                found = str(Path(candidate).resolve())
                break
            parent = os.path.dirname(current)
            if os.path.exists(os.path.join(current, ".git")) or parent == current:
                break
            current = parent
        for key in visited:
            self._by_folder[key] = found
        return found
