"""``reqlint/pipopts.py`` is what ``scripts/gen_pipopts.py`` makes of the installed pip 26.3.

The option catalogue is pip's, read from pip's own parsers: a pip upgrade that adds,
renames or removes an option fails here until the generator is re-run and its diff
reviewed.  The values are compared (what reqlint uses) and so is the text (the file holds
nothing the generator would not write).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pip
import pytest

from reqlint import pipopts

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))

import gen_pipopts as gen  # noqa: E402


def test_the_oracle_is_pip_26_3() -> None:
    assert pip.__version__ == "26.3"


def test_options_are_pips() -> None:
    ours = tuple(
        gen.Option(o.name, o.aliases, o.short, o.dest, o.takes_value, o.is_list)
        for o in pipopts.OPTIONS
    )
    derived = gen.derive_options()
    assert {o.name for o in ours} == {o.name for o in derived}
    assert ours == derived, "pip's options changed: run scripts/gen_pipopts.py"


def test_requirements_file_options_are_pips() -> None:
    derived = frozenset(gen.derive_requirements_file_options())
    assert derived == pipopts.REQUIREMENTS_FILE_OPTIONS
    per_requirement = frozenset(gen.derive_per_requirement_options())
    assert per_requirement == pipopts.PER_REQUIREMENT_OPTIONS
    # Each line option is a command-line option too, under that first name (``--hash``,
    # per requirement, exists only in requirements files).
    for name in pipopts.REQUIREMENTS_FILE_OPTIONS:
        option = pipopts.lookup(name)
        assert option is not None, name
        assert option.name == name


def test_the_file_is_what_the_generator_writes() -> None:
    text = gen.PIPOPTS.read_text(encoding="utf-8")
    assert gen.rewrite(text, gen.blocks()) == text, "run scripts/gen_pipopts.py"


@pytest.mark.parametrize("name", ["options", "requirements file options", "value checks"])
def test_a_hand_edit_of_a_generated_block_is_undone(name: str) -> None:
    text = gen.PIPOPTS.read_text(encoding="utf-8")
    start = text.index(gen.begin(name)) + len(gen.begin(name))
    edited = text[:start] + "    # a hand edit\n" + text[start:]
    assert gen.rewrite(edited, gen.blocks()) == text


def test_check_mode_of_the_script() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / "gen_pipopts.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
