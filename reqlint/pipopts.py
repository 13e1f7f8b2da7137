"""pip's option catalogue (pip 26.3), the one table every source adapter consults.

Generated from pip 26.3's own option parsers (every command), so that a pip.conf key, a
``PIP_*`` variable or a requirements-file option is known exactly when pip knows it.  pip
looks an option up by any of its long names (``pypi-url`` is ``index-url``,
``default-timeout`` is ``timeout``), which :func:`lookup` does too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PipOption:
    """One pip option: canonical long name (no dashes), other long names, short letters."""

    name: str
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    dest: str = ""
    takes_value: bool = True
    # optparse "append": several values; from pip.conf/env the value is split on whitespace.
    is_list: bool = False


OPTIONS: tuple[PipOption, ...] = (
    PipOption("abi", aliases=(), short=(), dest="abis", takes_value=True, is_list=True),
    PipOption(
        "algorithm", aliases=(), short=("a",), dest="algorithm", takes_value=True, is_list=False
    ),
    PipOption("all", aliases=(), short=(), dest="freeze_all", takes_value=False, is_list=False),
    PipOption(
        "all-releases",
        aliases=(),
        short=(),
        dest="release_control",
        takes_value=True,
        is_list=False,
    ),
    PipOption("bash", aliases=(), short=("b",), dest="shell", takes_value=False, is_list=False),
    PipOption(
        "break-system-packages",
        aliases=(),
        short=(),
        dest="override_externally_managed",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "build-constraint",
        aliases=(),
        short=(),
        dest="build_constraints",
        takes_value=True,
        is_list=True,
    ),
    PipOption("cache-dir", aliases=(), short=(), dest="cache_dir", takes_value=True, is_list=False),
    PipOption("cert", aliases=(), short=(), dest="cert", takes_value=True, is_list=False),
    PipOption(
        "check-build-dependencies",
        aliases=(),
        short=(),
        dest="check_build_deps",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "client-cert", aliases=(), short=(), dest="client_cert", takes_value=True, is_list=False
    ),
    PipOption("compile", aliases=(), short=(), dest="compile", takes_value=False, is_list=False),
    PipOption(
        "config-settings",
        aliases=(),
        short=("C",),
        dest="config_settings",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "constraint", aliases=(), short=("c",), dest="constraints", takes_value=True, is_list=True
    ),
    PipOption("debug", aliases=(), short=(), dest="debug_mode", takes_value=False, is_list=False),
    PipOption(
        "dest",
        aliases=("destination-dir", "destination-directory"),
        short=("d",),
        dest="download_dir",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "disable-pip-version-check",
        aliases=(),
        short=(),
        dest="disable_pip_version_check",
        takes_value=False,
        is_list=False,
    ),
    PipOption("dry-run", aliases=(), short=(), dest="dry_run", takes_value=False, is_list=False),
    PipOption(
        "editable", aliases=(), short=("e",), dest="editables", takes_value=True, is_list=True
    ),
    PipOption("editor", aliases=(), short=(), dest="editor", takes_value=True, is_list=False),
    PipOption("exclude", aliases=(), short=(), dest="excludes", takes_value=True, is_list=True),
    PipOption(
        "exclude-editable",
        aliases=(),
        short=(),
        dest="exclude_editable",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "exists-action", aliases=(), short=(), dest="exists_action", takes_value=True, is_list=True
    ),
    PipOption(
        "extra-index-url",
        aliases=(),
        short=(),
        dest="extra_index_urls",
        takes_value=True,
        is_list=True,
    ),
    PipOption("files", aliases=(), short=("f",), dest="files", takes_value=False, is_list=False),
    PipOption(
        "find-links", aliases=(), short=("f",), dest="find_links", takes_value=True, is_list=True
    ),
    PipOption("fish", aliases=(), short=("f",), dest="shell", takes_value=False, is_list=False),
    PipOption(
        "force-reinstall",
        aliases=(),
        short=(),
        dest="force_reinstall",
        takes_value=False,
        is_list=False,
    ),
    PipOption("format", aliases=(), short=(), dest="list_format", takes_value=True, is_list=False),
    PipOption("global", aliases=(), short=(), dest="global_file", takes_value=False, is_list=False),
    PipOption(
        "group", aliases=(), short=(), dest="dependency_groups", takes_value=True, is_list=False
    ),
    PipOption(
        "ignore-installed",
        aliases=(),
        short=("I",),
        dest="ignore_installed",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "ignore-requires-python",
        aliases=(),
        short=(),
        dest="ignore_requires_python",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "implementation",
        aliases=(),
        short=(),
        dest="implementation",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "include-editable",
        aliases=(),
        short=(),
        dest="include_editable",
        takes_value=False,
        is_list=False,
    ),
    PipOption("index", aliases=(), short=("i",), dest="index", takes_value=True, is_list=False),
    PipOption(
        "index-url",
        aliases=("pypi-url",),
        short=("i",),
        dest="index_url",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "isolated", aliases=(), short=(), dest="isolated_mode", takes_value=False, is_list=False
    ),
    PipOption("json", aliases=(), short=(), dest="json", takes_value=False, is_list=False),
    PipOption(
        "keyring-provider",
        aliases=(),
        short=(),
        dest="keyring_provider",
        takes_value=True,
        is_list=False,
    ),
    PipOption("local", aliases=(), short=("l",), dest="local", takes_value=False, is_list=False),
    PipOption(
        "log",
        aliases=("log-file", "local-log"),
        short=(),
        dest="log",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "no-binary", aliases=(), short=(), dest="format_control", takes_value=True, is_list=False
    ),
    PipOption(
        "no-build-isolation",
        aliases=(),
        short=(),
        dest="build_isolation",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "no-cache-dir", aliases=(), short=(), dest="cache_dir", takes_value=False, is_list=False
    ),
    PipOption("no-clean", aliases=(), short=(), dest="no_clean", takes_value=False, is_list=False),
    PipOption("no-color", aliases=(), short=(), dest="no_color", takes_value=False, is_list=False),
    PipOption("no-compile", aliases=(), short=(), dest="compile", takes_value=False, is_list=False),
    PipOption(
        "no-deps",
        aliases=("no-dependencies",),
        short=(),
        dest="ignore_dependencies",
        takes_value=False,
        is_list=False,
    ),
    PipOption("no-index", aliases=(), short=(), dest="no_index", takes_value=False, is_list=False),
    PipOption("no-input", aliases=(), short=(), dest="no_input", takes_value=False, is_list=False),
    PipOption(
        "no-proxy-env", aliases=(), short=(), dest="no_proxy_env", takes_value=False, is_list=False
    ),
    PipOption(
        "no-python-version-warning",
        aliases=(),
        short=(),
        dest="no_python_version_warning",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "no-require-hashes",
        aliases=(),
        short=(),
        dest="no_require_hashes",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "no-user", aliases=(), short=(), dest="use_user_site", takes_value=False, is_list=False
    ),
    PipOption(
        "no-verify", aliases=(), short=(), dest="no_verify", takes_value=False, is_list=False
    ),
    PipOption(
        "no-warn-conflicts",
        aliases=(),
        short=(),
        dest="warn_about_conflicts",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "no-warn-script-location",
        aliases=(),
        short=(),
        dest="warn_script_location",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "not-required", aliases=(), short=(), dest="not_required", takes_value=False, is_list=False
    ),
    PipOption(
        "only-binary", aliases=(), short=(), dest="format_control", takes_value=True, is_list=False
    ),
    PipOption(
        "only-deps",
        aliases=("only-dependencies",),
        short=(),
        dest="only_dependencies",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "only-final", aliases=(), short=(), dest="release_control", takes_value=True, is_list=False
    ),
    PipOption(
        "outdated", aliases=(), short=("o",), dest="outdated", takes_value=False, is_list=False
    ),
    PipOption(
        "output", aliases=(), short=("o",), dest="output_file", takes_value=True, is_list=False
    ),
    PipOption("path", aliases=(), short=(), dest="path", takes_value=True, is_list=True),
    PipOption("platform", aliases=(), short=(), dest="platforms", takes_value=True, is_list=True),
    PipOption(
        "powershell", aliases=(), short=("p",), dest="shell", takes_value=False, is_list=False
    ),
    PipOption("pre", aliases=(), short=(), dest="pre", takes_value=False, is_list=False),
    PipOption(
        "prefer-binary",
        aliases=(),
        short=(),
        dest="prefer_binary",
        takes_value=False,
        is_list=False,
    ),
    PipOption("prefix", aliases=(), short=(), dest="prefix_path", takes_value=True, is_list=False),
    PipOption(
        "progress-bar", aliases=(), short=(), dest="progress_bar", takes_value=True, is_list=False
    ),
    PipOption("proxy", aliases=(), short=(), dest="proxy", takes_value=True, is_list=False),
    PipOption("python", aliases=(), short=(), dest="python", takes_value=True, is_list=False),
    PipOption(
        "python-version",
        aliases=(),
        short=(),
        dest="python_version",
        takes_value=True,
        is_list=False,
    ),
    PipOption("quiet", aliases=(), short=("q",), dest="quiet", takes_value=False, is_list=False),
    PipOption(
        "refresh-package",
        aliases=(),
        short=(),
        dest="refresh_package",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "report", aliases=(), short=(), dest="json_report_file", takes_value=True, is_list=False
    ),
    PipOption(
        "require-hashes",
        aliases=(),
        short=(),
        dest="require_hashes",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "require-virtualenv",
        aliases=("require-venv",),
        short=(),
        dest="require_venv",
        takes_value=False,
        is_list=False,
    ),
    PipOption(
        "requirement", aliases=(), short=("r",), dest="requirements", takes_value=True, is_list=True
    ),
    PipOption(
        "requirements-from-script",
        aliases=(),
        short=(),
        dest="requirements_from_scripts",
        takes_value=True,
        is_list=True,
    ),
    PipOption(
        "resume-retries",
        aliases=(),
        short=(),
        dest="resume_retries",
        takes_value=True,
        is_list=False,
    ),
    PipOption("retries", aliases=(), short=(), dest="retries", takes_value=True, is_list=False),
    PipOption("root", aliases=(), short=(), dest="root_path", takes_value=True, is_list=False),
    PipOption(
        "root-user-action",
        aliases=(),
        short=(),
        dest="root_user_action",
        takes_value=True,
        is_list=False,
    ),
    PipOption("site", aliases=(), short=(), dest="site_file", takes_value=False, is_list=False),
    PipOption(
        "src",
        aliases=("source", "source-dir", "source-directory"),
        short=(),
        dest="src_dir",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "target", aliases=(), short=("t",), dest="target_dir", takes_value=True, is_list=False
    ),
    PipOption(
        "timeout",
        aliases=("default-timeout",),
        short=(),
        dest="timeout",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "trusted-host", aliases=(), short=(), dest="trusted_hosts", takes_value=True, is_list=True
    ),
    PipOption(
        "upgrade", aliases=(), short=("U",), dest="upgrade", takes_value=False, is_list=False
    ),
    PipOption(
        "upgrade-strategy",
        aliases=(),
        short=(),
        dest="upgrade_strategy",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "uploaded-prior-to",
        aliases=(),
        short=(),
        dest="uploaded_prior_to",
        takes_value=True,
        is_list=False,
    ),
    PipOption(
        "uptodate", aliases=(), short=("u",), dest="uptodate", takes_value=False, is_list=False
    ),
    PipOption(
        "use-deprecated",
        aliases=(),
        short=(),
        dest="deprecated_features_enabled",
        takes_value=True,
        is_list=True,
    ),
    PipOption(
        "use-feature", aliases=(), short=(), dest="features_enabled", takes_value=True, is_list=True
    ),
    PipOption(
        "use-pep517", aliases=(), short=(), dest="use_pep517", takes_value=False, is_list=False
    ),
    PipOption("user", aliases=(), short=(), dest="user_file", takes_value=False, is_list=False),
    PipOption(
        "verbose", aliases=(), short=("v",), dest="verbose", takes_value=False, is_list=False
    ),
    PipOption(
        "wheel-dir", aliases=(), short=("w",), dest="wheel_dir", takes_value=True, is_list=False
    ),
    PipOption("yes", aliases=(), short=("y",), dest="yes", takes_value=False, is_list=False),
    PipOption("zsh", aliases=(), short=("z",), dest="shell", takes_value=False, is_list=False),
)

# Options pip accepts on their own line in a requirements file (req_file.SUPPORTED_OPTIONS).
REQUIREMENTS_FILE_OPTIONS: frozenset[str] = frozenset(
    [
        "all-releases",
        "constraint",
        "editable",
        "extra-index-url",
        "find-links",
        "index-url",
        "no-binary",
        "no-index",
        "no-require-hashes",
        "only-binary",
        "only-final",
        "pre",
        "prefer-binary",
        "require-hashes",
        "requirement",
        "trusted-host",
        "use-feature",
    ]
)
# Options pip accepts after a requirement on the same line (req_file.SUPPORTED_OPTIONS_REQ).
PER_REQUIREMENT_OPTIONS: frozenset[str] = frozenset(["config-settings", "hash"])
# Options pip once accepted in requirements files and has removed: still worth a clear word.
REMOVED_OPTIONS: frozenset[str] = frozenset(
    {
        "global-option",
        "install-option",
        "build-option",
        "use-wheel",
        "no-use-wheel",
        "allow-external",
        "allow-all-external",
        "allow-unverified",
        "process-dependency-links",
        "always-unzip",
        "no-allow-external",
        "no-allow-insecure",
        "allow-insecure",
    }
)
# Values of a pip.conf key or PIP_* variable that pip reads as a boolean flag but where the
# obvious reading is wrong: pip's --no-cache-dir callback disables the cache for any value.
CONFIG_TRAPS: dict[str, str] = {
    "no-cache-dir": "pip disables the cache for any value of no-cache-dir, 'false' included",
}

_BY_NAME: dict[str, PipOption] = {}
for _opt in OPTIONS:
    for _name in (_opt.name, *_opt.aliases):
        _BY_NAME[_name] = _opt
_BY_SHORT: dict[str, PipOption] = {s: o for o in OPTIONS for s in o.short}


def lookup(name: str) -> PipOption | None:
    """The option for a long name (any alias, any of ``_``/``-``), or ``None``."""
    return _BY_NAME.get(name.lower().replace("_", "-").lstrip("-"))


def lookup_short(letter: str) -> PipOption | None:
    return _BY_SHORT.get(letter)
