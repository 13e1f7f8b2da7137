"""The command line as main() builds it: one sub-command's parser, the same as the whole."""

from __future__ import annotations

import argparse

import pytest

from reqlint.cli import COMMANDS, _parser


@pytest.mark.parametrize("command", COMMANDS)
def test_a_parser_built_for_one_command_is_that_command_of_the_whole_parser(command: str) -> None:
    """main() builds only the sub-command it runs (start-up); its help, usage and options
    must be what the whole command line has for it."""

    def sub(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        chosen = action.choices[command]
        assert isinstance(chosen, argparse.ArgumentParser)
        return chosen

    whole, alone = sub(_parser()), sub(_parser(command))
    assert alone.format_help() == whole.format_help()
    assert [a.option_strings for a in alone._actions] == [a.option_strings for a in whole._actions]
    assert [a.default for a in alone._actions] == [a.default for a in whole._actions]


@pytest.mark.parametrize("columns", ["60", "100", "0", "junk"])
def test_help_is_wrapped_as_argparse_wraps_it(
    columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The formatter sizes help without shutil; the width is shutil's (COLUMNS, else the
    terminal, else 80), so help reads as argparse's own formatter prints it."""
    import shutil

    monkeypatch.setenv("COLUMNS", columns)
    ours = _parser("check")
    theirs = argparse.ArgumentParser(prog="reqlint", allow_abbrev=False)
    action = next(a for a in ours._actions if isinstance(a, argparse._SubParsersAction))
    check = action.choices["check"]
    assert isinstance(check, argparse.ArgumentParser)
    expected = argparse.HelpFormatter("x", width=shutil.get_terminal_size().columns - 2)._width
    assert check._get_formatter()._width == expected
    assert theirs._get_formatter()._width == expected
