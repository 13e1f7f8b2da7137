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
