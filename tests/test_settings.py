"""reqlint's configuration: selection semantics, located errors, merge order, discovery."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reqlint._records import fields
from reqlint.settings import (
    KNOWN_KEYS,
    ConfigError,
    RuleSelection,
    Settings,
    find_config,
    is_selected,
    load_settings,
    merge_cli,
)

KNOWN = ("RL001", "RL002", "RL006", "RL101", "RL102", "RL104", "RL201", "RL202")


def write(folder: Path, text: str, name: str = "pyproject.toml") -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ----------------------------------------------------------------------- is_selected

# (case, settings, code, path, expected)
SELECTION_CASES: list[tuple[str, Settings, str, str | None, bool]] = [
    ("defaults select everything", Settings(), "RL101", None, True),
    ("a code", Settings(select=("RL101",)), "RL101", None, True),
    ("another code is off", Settings(select=("RL101",)), "RL102", None, False),
    ("a prefix", Settings(select=("RL1",)), "RL104", None, True),
    ("the linter prefix", Settings(select=("RL",)), "RL201", None, True),
    ("ALL", Settings(select=("ALL",)), "RL001", None, True),
    (
        "ignore a code under a prefix",
        Settings(select=("RL1",), ignore=("RL101",)),
        "RL101",
        None,
        False,
    ),
    (
        "the rest of the prefix stays",
        Settings(select=("RL1",), ignore=("RL101",)),
        "RL102",
        None,
        True,
    ),
    (
        "a more specific select beats a broader ignore",
        Settings(select=("RL101",), ignore=("RL1",)),
        "RL101",
        None,
        True,
    ),
    (
        "the broader ignore still applies elsewhere",
        Settings(select=("RL101",), ignore=("RL1",)),
        "RL102",
        None,
        False,
    ),
    (
        "ignore wins at equal specificity",
        Settings(select=("RL10",), ignore=("RL10",)),
        "RL101",
        None,
        False,
    ),
    ("ignore ALL", Settings(ignore=("ALL",)), "RL101", None, False),
    (
        "select a code, ignore ALL",
        Settings(select=("RL101",), ignore=("ALL",)),
        "RL101",
        None,
        True,
    ),
    (
        "longest prefix wins: RL10 select under RL1 ignore",
        Settings(select=("ALL", "RL10"), ignore=("RL1",)),
        "RL104",
        None,
        True,
    ),
    (
        "longest prefix wins: RL11x not under RL10",
        Settings(select=("ALL", "RL10"), ignore=("RL1",)),
        "RL110",
        None,
        False,
    ),
    (
        "extend-select adds",
        Settings(select=("RL0",), extend_select=("RL101",)),
        "RL101",
        None,
        True,
    ),
    (
        "extend-select keeps the rest",
        Settings(select=("RL0",), extend_select=("RL101",)),
        "RL001",
        None,
        True,
    ),
    (
        "extend-select loses to an equally specific ignore",
        Settings(extend_select=("RL101",), ignore=("RL101",)),
        "RL101",
        None,
        False,
    ),
    ("empty select selects nothing", Settings(select=()), "RL101", None, False),
    (
        "per-file-ignores by glob",
        Settings(per_file_ignores=(("requirements/*.txt", ("RL201",)),)),
        "RL201",
        "requirements/dev.txt",
        False,
    ),
    (
        "per-file-ignores: other codes stay",
        Settings(per_file_ignores=(("requirements/*.txt", ("RL201",)),)),
        "RL202",
        "requirements/dev.txt",
        True,
    ),
    (
        "per-file-ignores: other files stay",
        Settings(per_file_ignores=(("requirements/*.txt", ("RL201",)),)),
        "RL201",
        "requirements.txt",
        True,
    ),
    (
        "per-file-ignores by prefix",
        Settings(per_file_ignores=(("*.txt", ("RL2",)),)),
        "RL202",
        "a/b/requirements.txt",
        False,
    ),
    (
        "per-file-ignores: a glob without / matches the file name",
        Settings(per_file_ignores=(("pip.conf", ("RL103",)),)),
        "RL103",
        "deploy/pip.conf",
        False,
    ),
    (
        "per-file-ignores: a folder matches everything under it",
        Settings(per_file_ignores=(("docker/", ("ALL",)),)),
        "RL101",
        "docker/x/requirements.txt",
        False,
    ),
    (
        "per-file-ignores: the folder name is not a prefix of other folders",
        Settings(per_file_ignores=(("docker", ("ALL",)),)),
        "RL101",
        "dockerfiles/requirements.txt",
        True,
    ),
    (
        "per-file-ignores on the environment",
        Settings(per_file_ignores=(("env:*", ("RL1",)),)),
        "RL101",
        "env:PIP_EXTRA_INDEX_URL",
        False,
    ),
    (
        "per-file-ignores need a path",
        Settings(per_file_ignores=(("*", ("ALL",)),)),
        "RL101",
        None,
        True,
    ),
    (
        "command line --select starts afresh",
        Settings(select=("RL1",), ignore=("RL101",), overrides=(RuleSelection(("RL101",)),)),
        "RL101",
        None,
        True,
    ),
    (
        "command line --select drops the file's other codes",
        Settings(select=("RL1",), overrides=(RuleSelection(("RL101",)),)),
        "RL102",
        None,
        False,
    ),
    (
        "command line --extend-select re-enables what the file ignored",
        Settings(
            select=("RL1",), ignore=("RL101",), overrides=(RuleSelection(extend_select=("RL101",)),)
        ),
        "RL101",
        None,
        True,
    ),
    (
        "command line --ignore adjusts the file's selection",
        Settings(select=("RL1",), overrides=(RuleSelection(ignore=("RL102",)),)),
        "RL102",
        None,
        False,
    ),
    (
        "command line --ignore leaves the rest",
        Settings(select=("RL1",), overrides=(RuleSelection(ignore=("RL102",)),)),
        "RL101",
        None,
        True,
    ),
]


@pytest.mark.parametrize(
    ("settings", "code", "path", "expected"),
    [c[1:] for c in SELECTION_CASES],
    ids=[c[0] for c in SELECTION_CASES],
)
def test_is_selected(settings: Settings, code: str, path: str | None, expected: bool) -> None:
    assert is_selected(settings, code, path) is expected


def test_per_file_ignores_relative_to_the_config_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = write(tmp_path / "proj", '[tool.reqlint]\nper-file-ignores = { "ci/*" = ["RL1"] }\n')
    settings = load_settings(config)
    (tmp_path / "proj" / "ci").mkdir()
    monkeypatch.chdir(tmp_path)  # display paths are relative to here, not to the config
    assert not is_selected(settings, "RL101", "proj/ci/requirements.txt")
    assert is_selected(settings, "RL101", "proj/requirements.txt")


# ------------------------------------------------------------------------- loading


def test_defaults_without_a_file() -> None:
    assert load_settings(None) == Settings()


def test_every_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
[project]
name = "x"

[tool.reqlint]
select = ["RL1", "RL2"]
ignore = ["RL104"]
extend-select = ["RL001"]
exclude = ["vendor/"]
extend-exclude = ["legacy/*.txt"]
internal-hosts = ["PyPI.Corp.Example"]
pin-pyproject = true
unsafe-fixes = true

[tool.reqlint.per-file-ignores]
"requirements/dev*.txt" = ["RL201", "RL202"]
"env:*" = ["RL1"]
""",
    )
    settings = load_settings(path, known_codes=KNOWN)
    assert settings.select == ("RL1", "RL2")
    assert settings.ignore == ("RL104",)
    assert settings.extend_select == ("RL001",)
    assert settings.exclude == ("vendor/", "legacy/*.txt")
    assert settings.extend_exclude == ("legacy/*.txt",)
    assert settings.internal_hosts == ("pypi.corp.example",)
    assert settings.pin_pyproject is True
    assert settings.unsafe_fixes is True
    assert settings.per_file_ignores == (
        ("requirements/dev*.txt", ("RL201", "RL202")),
        ("env:*", ("RL1",)),
    )
    assert settings.path == path
    assert settings.root == str(tmp_path.resolve())


def test_pyproject_without_reqlint_table_gives_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, '[project]\nname = "x"\n')
    assert load_settings(path) == Settings(path=path, root=str(tmp_path.resolve()))


def test_a_file_not_named_pyproject_is_a_whole_file_configuration(tmp_path: Path) -> None:
    path = write(tmp_path, 'select = ["RL101"]\n', name="reqlint.toml")
    assert load_settings(path).select == ("RL101",)


# (case, text, line, column, words in the message)
ERROR_CASES = [
    (
        "unknown key with a suggestion",
        '[tool.reqlint]\nselect = ["RL1"]\nignroe = ["RL101"]\n',
        3,
        1,
        "unknown key 'ignroe' in [tool.reqlint]; did you mean 'ignore'?",
    ),
    (
        "snake_case key",
        '[tool.reqlint]\n\nextend_select = ["RL101"]\n',
        3,
        1,
        "did you mean 'extend-select'?",
    ),
    (
        "unknown key with nothing close",
        "[tool.reqlint]\ncolour = true\n",
        2,
        1,
        "unknown key 'colour'",
    ),
    (
        "unknown key as a sub-table",
        "[tool.reqlint]\nselect = []\n\n[tool.reqlint.rules]\nx = 1\n",
        4,
        1,
        "unknown key 'rules'",
    ),
    (
        "unknown key as a dotted key",
        '[tool]\nreqlint.slect = ["RL1"]\n',
        2,
        1,
        "did you mean 'select'?",
    ),
    (
        "wrong type: a string for a list",
        '[tool.reqlint]\nselect = "RL101"\n',
        2,
        11,
        "'select' must be an array of strings, not a string",
    ),
    ("wrong type in a list", '[tool.reqlint]\nexclude = ["a", 3]\n', 2, 17, "item 2 is a number"),
    (
        "wrong type: bool",
        '[tool.reqlint]\npin-pyproject = "yes"\n',
        2,
        18,
        "'pin-pyproject' must be true or false, not a string",
    ),
    (
        "unknown code",
        '[tool.reqlint]\nignore = [\n  "RL101",\n  "RL999",\n]\n',
        4,
        4,
        "unknown rule code or prefix 'RL999'",
    ),
    ("lower-case code", '[tool.reqlint]\nselect = ["rl101"]\n', 2, 12, "did you mean 'RL101'?"),
    (
        "another linter's code",
        '[tool.reqlint]\nselect = ["E501"]\n',
        2,
        12,
        "unknown rule code or prefix 'E501'",
    ),
    (
        "unknown code in per-file-ignores",
        '[tool.reqlint.per-file-ignores]\n"*.txt" = ["RL201", "RL2O1"]\n',
        2,
        22,
        "'RL2O1'",
    ),
    (
        "per-file-ignores not a table",
        '[tool.reqlint]\nper-file-ignores = ["RL1"]\n',
        2,
        20,
        "must be a table",
    ),
    (
        "a URL as a host",
        '[tool.reqlint]\ninternal-hosts = ["https://pypi.corp/simple"]\n',
        2,
        20,
        "host names",
    ),
    (
        "invalid TOML",
        '[tool.reqlint]\nselect = ["RL1", RL2]\n',
        2,
        18,
        "invalid TOML: Unexpected character: 'R'",
    ),
    (
        "invalid TOML at the end of the file",
        "[tool.reqlint]\nselect = [\n",
        2,
        11,
        "invalid TOML: Unexpected end of file",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [c[1:] for c in ERROR_CASES],
    ids=[c[0] for c in ERROR_CASES],
)
def test_config_errors(tmp_path: Path, text: str, line: int, column: int, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path, known_codes=KNOWN)
    error = info.value
    assert words in error.message
    assert (error.path, error.line, error.column) == (path, line, column)
    assert str(error) == f"{path}:{line}:{column}: {error.message}"


def test_codes_are_checked_by_shape_without_a_registry(tmp_path: Path) -> None:
    # RL999 has the shape of a code: without known codes it is accepted.
    path = write(tmp_path, '[tool.reqlint]\nselect = ["RL999", "RL", "RL1", "ALL"]\n')
    assert load_settings(path).select == ("RL999", "RL", "RL1", "ALL")
    bad = write(tmp_path / "b", '[tool.reqlint]\nselect = ["RL1000"]\n')
    with pytest.raises(ConfigError, match="codes look like 'RL101'"):
        load_settings(bad)


def test_unreadable_config(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope" / "pyproject.toml")
    with pytest.raises(ConfigError, match="file not found") as info:
        load_settings(missing)
    assert (info.value.path, info.value.line) == (missing, 0)


# --------------------------------------------------------------------------- merging

MERGE_CASES: list[tuple[str, str, dict[str, object], str, bool]] = [
    # (case, [tool.reqlint] body, merge_cli arguments, code, selected?)
    ("file only", 'select = ["RL1"]', {}, "RL101", True),
    (
        "--select replaces the file's selection",
        'select = ["RL1"]\nignore = ["RL101"]',
        {"select": ["RL101"]},
        "RL101",
        True,
    ),
    (
        "--select replaces: the file's other codes go",
        'select = ["RL1"]',
        {"select": ["RL101"]},
        "RL102",
        False,
    ),
    ("--ignore on top of the file", 'select = ["RL1"]', {"ignore": ["RL101"]}, "RL101", False),
    (
        "--extend-select on top of the file's ignore",
        'ignore = ["RL101"]',
        {"extend_select": ["RL101"]},
        "RL101",
        True,
    ),
    (
        "--select and --ignore together",
        "",
        {"select": ["RL1"], "ignore": ["RL102"]},
        "RL102",
        False,
    ),
    (
        "the file's per-file-ignores survive --select",
        'per-file-ignores = { "requirements.txt" = ["RL101"] }',
        {"select": ["RL101"]},
        "RL101",
        False,
    ),
]


@pytest.mark.parametrize(
    ("body", "cli", "code", "expected"),
    [c[1:] for c in MERGE_CASES],
    ids=[c[0] for c in MERGE_CASES],
)
def test_merge_order(
    tmp_path: Path, body: str, cli: dict[str, list[str]], code: str, expected: bool
) -> None:
    settings = load_settings(write(tmp_path, f"[tool.reqlint]\n{body}\n"), known_codes=KNOWN)
    merged = merge_cli(settings, known_codes=KNOWN, **cli)  # type: ignore[arg-type]
    assert is_selected(merged, code, "requirements.txt") is expected


def test_merge_other_options(tmp_path: Path) -> None:
    settings = load_settings(
        write(
            tmp_path,
            """\
[tool.reqlint]
exclude = ["a/"]
extend-exclude = ["b/"]
internal-hosts = ["one.example"]
pin-pyproject = true
""",
        )
    )
    assert merge_cli(settings) is settings
    merged = merge_cli(
        settings,
        exclude=["c/"],
        internal_hosts=["Two.Example"],
        pin_pyproject=False,
        unsafe_fixes=True,
    )
    assert merged.exclude == ("c/", "b/")  # --exclude replaces exclude, not extend-exclude
    assert merged.internal_hosts == ("one.example", "two.example")
    assert merged.pin_pyproject is False
    assert merged.unsafe_fixes is True
    again = merge_cli(merged, extend_exclude=["d/"])
    assert again.exclude == ("c/", "b/", "d/")
    assert merge_cli(settings, unsafe_fixes=None).unsafe_fixes is False


def test_merge_layers_stack() -> None:
    first = merge_cli(Settings(), select=["RL1"])
    second = merge_cli(first, ignore=["RL101"])
    assert second.overrides == (RuleSelection(("RL1",)), RuleSelection(None, ("RL101",)))
    assert not is_selected(second, "RL101")
    assert is_selected(second, "RL102")
    assert not is_selected(second, "RL201")


@pytest.mark.parametrize(
    ("option", "value"), [("select", ["RL9"]), ("ignore", ["rl101"]), ("extend_select", ["XYZ"])]
)
def test_merge_rejects_unknown_codes(option: str, value: list[str]) -> None:
    with pytest.raises(ConfigError) as info:
        merge_cli(Settings(), known_codes=KNOWN, **{option: value})  # type: ignore[arg-type]
    assert str(info.value).startswith("--" + option.replace("_", "-") + ": unknown rule code")
    assert info.value.path == ""


# ------------------------------------------------------------------------ find_config


def test_find_config_walks_up(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    top = write(tmp_path, '[tool.reqlint]\nselect = ["RL1"]\n')
    # A nearer pyproject.toml without [tool.reqlint] is skipped, like ruff does.
    write(tmp_path / "pkg", '[project]\nname = "pkg"\n')
    nested = tmp_path / "pkg" / "src" / "deep"
    nested.mkdir(parents=True)
    assert find_config(str(nested)) == str(Path(top).resolve())
    # A file as the start point: its folder is where the search begins.
    req = nested / "requirements.txt"
    req.write_text("requests\n")
    assert find_config(str(req)) == str(Path(top).resolve())


def test_find_config_takes_the_nearest(tmp_path: Path) -> None:
    write(tmp_path, "[tool.reqlint]\n")
    near = write(tmp_path / "sub", '[tool.reqlint]\nignore = ["RL1"]\n')
    assert find_config(str(tmp_path / "sub")) == str(Path(near).resolve())


def test_find_config_stops_at_the_git_root(tmp_path: Path) -> None:
    write(tmp_path, "[tool.reqlint]\n")  # outside the repository: not ours
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a").mkdir()
    assert find_config(str(repo / "a")) is None
    found = write(repo, "[tool]\nreqlint.select = ['RL1']\n")
    assert find_config(str(repo / "a")) == str(Path(found).resolve())


def test_find_config_ignores_mentions_of_reqlint(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, '[project]\ndependencies = ["reqlint"]\n')
    assert find_config(str(tmp_path)) is None
    # Broken, but not about reqlint: someone else's problem (RL006 reports it).
    write(tmp_path, '[project]\ndependencies = ["reqlint"\n')
    assert find_config(str(tmp_path)) is None


def test_find_config_reports_a_broken_reqlint_table(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = write(tmp_path, '[tool.reqlint]\nselect = ["RL1"\n')
    with pytest.raises(ConfigError, match="invalid TOML") as info:
        find_config(str(tmp_path))
    assert (info.value.path, info.value.line) == (path, 2)


def test_found_config_loads(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, '[tool.reqlint]\nselect = ["RL101"]\n')
    cwd = os.getcwd()
    found = find_config(str(tmp_path))
    assert found is not None
    assert load_settings(found).select == ("RL101",)
    assert os.getcwd() == cwd


def test_every_key_is_documented() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text()
    rows = {
        line.split("|")[1].strip().strip("`") for line in doc.splitlines() if line.startswith("| `")
    }
    assert set(KNOWN_KEYS) <= rows
    assert set(KNOWN_KEYS) == {
        f.name.replace("_", "-")
        for f in fields(Settings)
        if f.name not in ("overrides", "path", "root", "exclude_key", "cli_exclude")
    }
