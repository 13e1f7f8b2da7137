"""pip's option catalogue (pip 26.3), the one table every source adapter consults.

Generated from pip 26.3's own option parsers (every command), so that a pip.conf key, a
``PIP_*`` variable or a requirements-file option is known exactly when pip knows it.  pip
looks an option up by any of its long names (``pypi-url`` is ``index-url``,
``default-timeout`` is ``timeout``), which :func:`lookup` does too.
"""

from __future__ import annotations

import re
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


# ------------------------------------------------------- values pip refuses at start-up


@dataclass(frozen=True, slots=True)
class ValueCheck:
    """How pip checks one option's value read from configuration (one definition of it).

    ``commands`` are the pip commands whose parser defines the option this way (``"*"``:
    every command).  Generated by ``scripts/gen_pipopts_checks.py`` from pip's parsers.
    """

    action: str
    type: str
    choices: tuple[str, ...]
    callback: str
    commands: str | tuple[str, ...]


# Generated by scripts/gen_pipopts_checks.py from pip 26.3 (tests/test_fuzz_pipconf.py
# re-derives it from the installed pip and compares).  Options absent here take any text.
# The sections pip reads besides [global] and [:env:]: its commands' names.
PIP_COMMANDS: tuple[str, ...] = ('cache', 'check', 'completion', 'config', 'debug', 'download',
    'freeze', 'hash', 'help', 'index', 'inspect', 'install', 'list', 'lock', 'search', 'show',
    'uninstall', 'wheel')
VALUE_CHECKS: dict[str, tuple[ValueCheck, ...]] = {
    'algorithm': (
        ValueCheck('store', 'choice', ('sha256', 'sha384', 'sha512'), '',
                   ('hash',)),
    ),
    'all': (
        ValueCheck('store_true', '', (), '',
                   ('freeze',)),
    ),
    'all-releases': (
        ValueCheck('callback', 'string', (), '_handle_all_releases',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'break-system-packages': (
        ValueCheck('store_true', '', (), '',
                   ('install', 'uninstall')),
    ),
    'check-build-dependencies': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'compile': (
        ValueCheck('store_true', '', (), '',
                   ('install',)),
    ),
    'config-settings': (
        ValueCheck('callback', 'string', (), '_handle_config_settings',
                   ('install', 'lock', 'wheel')),
    ),
    'debug': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'default-timeout': (
        ValueCheck('store', 'float', (), '',
                   '*'),
    ),
    'disable-pip-version-check': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'dry-run': (
        ValueCheck('store_true', '', (), '',
                   ('install',)),
    ),
    'editable': (
        ValueCheck('store_true', '', (), '',
                   ('list',)),
    ),
    'exclude-editable': (
        ValueCheck('store_true', '', (), '',
                   ('freeze',)),
        ValueCheck('store_false', '', (), '',
                   ('list',)),
    ),
    'exists-action': (
        ValueCheck('append', 'choice', ('s', 'i', 'w', 'b', 'a'), '',
                   '*'),
    ),
    'files': (
        ValueCheck('store_true', '', (), '',
                   ('show',)),
    ),
    'force-reinstall': (
        ValueCheck('store_true', '', (), '',
                   ('install',)),
    ),
    'format': (
        ValueCheck('store', 'choice', ('human', 'abspath'), '',
                   ('cache',)),
        ValueCheck('store', 'choice', ('columns', 'freeze', 'json'), '',
                   ('list',)),
    ),
    'global': (
        ValueCheck('store_true', '', (), '',
                   ('config',)),
    ),
    'group': (
        ValueCheck('callback', 'string', (), '_handle_dependency_group',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'ignore-installed': (
        ValueCheck('store_true', '', (), '',
                   ('install',)),
    ),
    'ignore-requires-python': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'index', 'install', 'lock', 'wheel')),
    ),
    'include-editable': (
        ValueCheck('store_true', '', (), '',
                   ('list',)),
    ),
    'isolated': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'json': (
        ValueCheck('store_true', '', (), '',
                   ('index',)),
    ),
    'keyring-provider': (
        ValueCheck('store', 'choice', ('auto', 'disabled', 'import', 'subprocess'), '',
                   '*'),
    ),
    'local': (
        ValueCheck('store_true', '', (), '',
                   ('freeze', 'inspect', 'list')),
    ),
    'no-binary': (
        ValueCheck('callback', 'string', (), '_handle_no_binary',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'no-build-isolation': (
        ValueCheck('store_false', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'no-cache-dir': (
        ValueCheck('callback', '', (), '_handle_no_cache_dir',
                   '*'),
    ),
    'no-clean': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'no-color': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'no-compile': (
        ValueCheck('store_false', '', (), '',
                   ('install',)),
    ),
    'no-dependencies': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'no-deps': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'no-index': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'no-input': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'no-proxy-env': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'no-python-version-warning': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'no-require-hashes': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'no-user': (
        ValueCheck('store_false', '', (), '',
                   ('install',)),
    ),
    'no-verify': (
        ValueCheck('store_true', '', (), '',
                   ('wheel',)),
    ),
    'no-warn-conflicts': (
        ValueCheck('store_false', '', (), '',
                   ('install',)),
    ),
    'no-warn-script-location': (
        ValueCheck('store_false', '', (), '',
                   ('install',)),
    ),
    'not-required': (
        ValueCheck('store_true', '', (), '',
                   ('list',)),
    ),
    'only-binary': (
        ValueCheck('callback', 'string', (), '_handle_only_binary',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'only-dependencies': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'only-deps': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'only-final': (
        ValueCheck('callback', 'string', (), '_handle_only_final',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'outdated': (
        ValueCheck('store_true', '', (), '',
                   ('list',)),
    ),
    'pre': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'prefer-binary': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'progress-bar': (
        ValueCheck('store', 'choice', ('auto', 'on', 'off', 'raw'), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'python-version': (
        ValueCheck('callback', 'string', (), '_handle_python_version',
                   ('debug', 'download', 'index', 'install')),
    ),
    'quiet': (
        ValueCheck('count', '', (), '',
                   '*'),
    ),
    'refresh-package': (
        ValueCheck('callback', 'string', (), '_handle_refresh_package',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'require-hashes': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'require-venv': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'require-virtualenv': (
        ValueCheck('store_true', '', (), '',
                   '*'),
    ),
    'resume-retries': (
        ValueCheck('store', 'int', (), '',
                   '*'),
    ),
    'retries': (
        ValueCheck('store', 'int', (), '',
                   '*'),
    ),
    'root-user-action': (
        ValueCheck('store', 'choice', ('warn', 'ignore'), '',
                   ('install', 'uninstall')),
    ),
    'site': (
        ValueCheck('store_true', '', (), '',
                   ('config',)),
    ),
    'timeout': (
        ValueCheck('store', 'float', (), '',
                   '*'),
    ),
    'upgrade': (
        ValueCheck('store_true', '', (), '',
                   ('install',)),
    ),
    'upgrade-strategy': (
        ValueCheck('store', 'choice', ('only-if-needed', 'eager'), '',
                   ('install',)),
    ),
    'uploaded-prior-to': (
        ValueCheck('callback', 'string', (), '_handle_uploaded_prior_to',
                   ('download', 'index', 'install', 'list', 'lock', 'wheel')),
    ),
    'uptodate': (
        ValueCheck('store_true', '', (), '',
                   ('list',)),
    ),
    'use-deprecated': (
        ValueCheck('append', 'choice', ('legacy-resolver', 'legacy-certs'), '',
                   '*'),
    ),
    'use-feature': (
        ValueCheck('append', 'choice', (
            'fast-deps',
            'inprocess-build-deps',
            'venv-isolation',
            'truststore',
            'no-binary-enable-wheel-cache',
            'build-constraint',
        ), '',
                   '*'),
    ),
    'use-pep517': (
        ValueCheck('store_true', '', (), '',
                   ('download', 'install', 'lock', 'wheel')),
    ),
    'user': (
        ValueCheck('store_true', '', (), '',
                   ('config', 'freeze', 'inspect', 'install', 'list')),
    ),
    'verbose': (
        ValueCheck('count', '', (), '',
                   '*'),
    ),
    'yes': (
        ValueCheck('store_true', '', (), '',
                   ('uninstall',)),
    ),
}

_TRUE = ("y", "yes", "t", "true", "on", "1")
_FALSE = ("n", "no", "f", "false", "off", "0")
_PYLOCK_NAME = re.compile(r"^pylock\.([^.]+)\.toml$")


def strtobool(value: str) -> bool:
    """pip's ``strtobool``; :class:`ValueError` for anything but its twelve words."""
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"invalid truth value {lowered!r}")


def _parse_int(value: str) -> int:
    """optparse's ``_parse_num(value, int)``: 0x hex, 0b binary, a leading 0 octal."""
    if value[:2].lower() == "0x":
        return int(value, 16)
    if value[:2].lower() == "0b":
        return int(value[2:] or "0", 2)
    if value[:1] == "0":
        return int(value, 8)
    return int(value, 10)


def _check_type(check: ValueCheck, key: str, value: str) -> str:
    """optparse's ``check_value`` for one item ('' when accepted)."""
    if check.type == "int":
        try:
            _parse_int(value)
        except ValueError:
            return f"option {key}: invalid integer value: {value!r}"
    elif check.type == "float":
        try:
            float(value)
        except ValueError:
            return f"option {key}: invalid floating-point value: {value!r}"
    elif check.type == "choice" and value not in check.choices:
        choices = ", ".join(repr(c) for c in check.choices)
        return f"option {key}: invalid choice: {value!r} (choose from {choices})"
    return ""


def _python_version_error(value: str) -> str:
    """cmdoptions._convert_python_version."""
    if not value:
        return ""
    parts = value.split(".")
    if len(parts) > 3:
        return "at most three version parts are allowed"
    if len(parts) == 1 and len(parts[0]) > 1:
        parts = [parts[0][0], parts[0][1:]]
    try:
        [int(part) for part in parts]
    except ValueError:
        return "each version part must be an integer"
    return ""


def _datetime_error(value: str) -> str:
    """pip.utils.datetime.parse_iso_datetime (Python's fromisoformat, as pip calls it)."""
    import datetime
    import sys

    text = value
    if sys.version_info < (3, 11) and value.endswith("Z") and (
            "T" in value or " " in value.strip()):
        text = value.replace("Z", "+00:00")
    try:
        datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        return str(exc)
    return ""


def _callback_error(check: ValueCheck, key: str, value: str) -> str:
    """What pip's optparse callback for ``key`` says about ``value`` ('' when accepted)."""
    name = check.callback
    if name in ("_handle_no_binary", "_handle_only_binary"):
        if value.startswith("-"):
            return "--no-binary / --only-binary option requires 1 argument."
    elif name in ("_handle_all_releases", "_handle_only_final"):
        if value.startswith("-"):
            return "--all-releases / --only-final option requires 1 argument."
    elif name == "_handle_refresh_package":
        if value.startswith("-"):
            return "--refresh-package option requires 1 argument."
    elif name == "_handle_config_settings":
        if "=" not in value:
            return f"Arguments to --{key} must be of the form KEY=VAL"
    elif name == "_handle_python_version":
        error = _python_version_error(value)
        if error:
            return f"invalid --python-version value: {value!r}: {error}"
    elif name == "_handle_no_cache_dir":
        try:
            strtobool(value)
        except ValueError as exc:
            return f"--no-cache-dir error: {exc}"
    elif name == "_handle_uploaded_prior_to":
        if not re.match(r"^P(\d+)D$", value, re.ASCII):
            error = _datetime_error(value)
            if error:
                return f"invalid value: {value!r}: {error}"
    elif name == "_handle_dependency_group":
        return _group_error(value)
    else:  # a callback this table does not know: pip changed; regenerate and extend
        return ""
    return ""


def _group_error(value: str) -> str:
    import pathlib

    path, sep, _ = value.rpartition(":")
    if not sep or pathlib.PurePath(path).name == "pyproject.toml":
        return ""
    match = re.match(r"^(.+)(\[[^\]]+\])$", path)
    filename = match.group(1).rstrip() if match else path
    if match:
        from packaging.requirements import InvalidRequirement, Requirement

        try:
            Requirement("placeholder" + match.group(2).lower())
        except InvalidRequirement as exc:
            return f"invalid extras in {path!r}: {exc}"
    if filename.lower().startswith(("http:", "https:", "file:")):
        return "group paths use local 'pyproject.toml' or 'pylock.toml' files"
    name = pathlib.PurePath(filename).name
    if name == "pylock.toml" or _PYLOCK_NAME.match(name):
        return ""
    return "group paths use local 'pyproject.toml' or 'pylock.toml' files"


def value_error(check: ValueCheck, key: str, value: str) -> str:
    """pip's ``ConfigOptionParser._update_defaults`` for one configured value: the message
    pip stops with, or '' when pip accepts it.  ``value`` is the whole (non-empty) value."""
    if check.action in ("store_true", "store_false"):
        try:
            strtobool(value)
        except ValueError:
            return (f"{value} is not a valid value for {key} option, please specify a "
                    "boolean value like yes/no, true/false or 1/0 instead.")
        return ""
    if check.action == "count":
        try:
            count = int(strtobool(value))
        except ValueError:
            try:
                count = int(value)
            except ValueError:
                count = -1
        if count < 0:
            return (f"{value} is not a valid value for {key} option, please instead specify "
                    "either a non-negative integer or a boolean value like yes/no or "
                    "false/true which is equivalent to 1/0.")
        return ""
    if check.action == "append":
        for item in value.split():
            error = _check_type(check, key, item)
            if error:
                return error
        return ""
    if check.action == "callback":
        return _check_type(check, key, value) or _callback_error(check, key, value)
    return _check_type(check, key, value)


def refused_value(key: str, value: str, section: str) -> tuple[str, tuple[str, ...]] | None:
    """``(pip's message, commands)`` when the pip commands that read ``section`` and define
    option ``key`` refuse to start with ``value``; ``None`` when every one accepts it.

    ``section`` is ``global`` or ``:env:`` (read by every command) or a command's name;
    ``key`` is the normalised key as pip looks it up (``"--" + key``).  ``commands`` is
    ``("*",)`` for every pip command.
    """
    if section not in ("global", ":env:") and section not in PIP_COMMANDS:
        return None  # a section no pip command reads
    failing: list[tuple[str, str | tuple[str, ...]]] = []
    for check in VALUE_CHECKS.get(key, ()):
        if section not in ("global", ":env:") and (
                check.commands != "*" and section not in check.commands):
            continue
        error = value_error(check, key, value)
        if error:
            failing.append((error, check.commands))
    if not failing:
        return None
    if section not in ("global", ":env:"):
        return failing[0][0], (section,)
    if any(cmds == "*" for _, cmds in failing):
        return failing[0][0], ("*",)
    commands = sorted({c for _, cmds in failing for c in cmds})
    return failing[0][0], tuple(commands)
