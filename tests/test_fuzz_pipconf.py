"""pip.conf values pip refuses at start-up, with pip's own option parser as the referee.

pip reads a configuration value through ``ConfigOptionParser._update_defaults`` of the
command that runs: booleans through ``strtobool``, counts, optparse types and choices, and
the validating callbacks.  A value it refuses stops that command before it does anything
(``timeout = a`` in ``[global]`` stops every pip command).  reqlint reports such a value as
RL005 from ``reqlint.pipopts.VALUE_CHECKS``, a table generated from pip's parsers.

1. The table is re-derived from the installed pip 26.3 and must be equal (a pip upgrade
   that changes an option fails here until ``scripts/gen_pipopts_checks.py`` is re-run).
2. Hypothesis draws a key, a value, a section and a pip command; pip's real parser class
   reads a real file with that value (pip's ``Configuration._load_file``), and the
   command's real option parser decides.  reqlint must give the same verdict.
3. The classes the issue measured, each through ``reqlint check`` end to end.

The number of examples is bounded for ``make test``; ``scripts/fuzz-long`` raises it.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reqlint import pipopts
from reqlint.cli import main
from reqlint.model import SourceContext
from reqlint.sources.environ import parse_environ
from reqlint.sources.pipconf import parse as parse_pipconf
from reqlint.text import TextFile

EXAMPLES = int(os.environ.get("REQLINT_FUZZ_EXAMPLES", "0")) or 250
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))


def test_table_is_pips_own() -> None:
    import gen_pipopts_checks as gen

    derived = gen.derive()
    ours = {
        key: tuple((c.action, c.type, c.choices, c.callback, c.commands) for c in checks)
        for key, checks in pipopts.VALUE_CHECKS.items()
    }
    assert ours == derived, "pip's options changed: run scripts/gen_pipopts_checks.py"
    assert gen.commands() == pipopts.PIP_COMMANDS


_PIP_LOG = logging.getLogger("pip._internal.cli.parser")


def pip_verdict(path: Path, command: str) -> bool:
    """True when ``pip COMMAND`` refuses to start with the configuration file ``path``."""
    from pip._internal.commands import create_command
    from pip._internal.configuration import Configuration, Kind
    from pip._internal.exceptions import CommandError

    parser = create_command(command).parser
    config = Configuration(isolated=True)
    config._load_file(Kind.ENV, str(path))  # pip's own reader, on the real file
    parser.config = config
    stderr = io.StringIO()
    _PIP_LOG.disabled = True
    try:
        with contextlib.redirect_stderr(stderr):
            parser._update_defaults(parser.defaults.copy())
    except (SystemExit, CommandError):
        return True
    except Exception:  # e.g. InvalidRequirement out of --group's callback: pip stops too
        return True
    finally:
        _PIP_LOG.disabled = False
    return False


def reqlint_verdict(text: str, command: str) -> bool:
    source = parse_pipconf(TextFile.from_text("pip.conf", text), SourceContext(variant="env"))
    refused = [p.message for p in source.problems if "pip refuses this value" in p.message]
    assert len(refused) == len(source.problems), source.problems
    return any(
        "every pip command" in m or f"pip {command} stop" in m or f"pip {command}," in m
        for m in refused
    )


KEYS = [*sorted(pipopts.VALUE_CHECKS), "index-url", "trusted-host", "cert", "src"]
WORDS = [
    "y",
    "Yes",
    "TRUE",
    "on",
    "1",
    "n",
    "No",
    "f",
    "False",
    "OFF",
    "0",
    "maybe",
    "b",
    "2",
    "-1",
    "0x1f",
    "08",
    "0b",
    "1_0",
    "1e3",
    "nan",
    "inf",
    "1.5",
    ".",
    "-",
    "-x",
    ":all:",
    ":none:",
    "a,b",
    "P3D",
    "P3.5D",
    "2023-01-01",
    "2023-13-01",
    "2023-01-01T00:00:00Z",
    "x=y",
    "k",
    "=",
    "3",
    "311",
    "3.11",
    "3.1.1.1",
    "3.x",
    "a:pylock.toml",
    "pyproject.toml:g",
    "a:pylock.x.toml",
    "x:y",
    "g",
    "pylock.toml[a]:g",
    "pylock.toml[-]:g",
    "http://h/pylock.toml:g",
    "é",
    "a b",
]


@st.composite
def values(draw: st.DrawFn, key: str) -> str:
    choices = [c for check in pipopts.VALUE_CHECKS.get(key, ()) for c in check.choices]
    pool = WORDS + choices + [c.upper() for c in choices] + [c + "x" for c in choices]
    items = draw(
        st.lists(
            st.one_of(
                st.sampled_from(pool),
                st.text(
                    st.characters(codec="utf-8", exclude_characters="\r\n\x00"),
                    min_size=1,
                    max_size=6,
                ),
            ),
            min_size=1,
            max_size=3,
        )
    )
    return " ".join(items)


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, str, str, str]:
    key = draw(st.sampled_from(KEYS))
    value = draw(values(key)).strip()
    command = draw(st.sampled_from(pipopts.PIP_COMMANDS))
    section = draw(st.sampled_from(["global", command, ":env:", "freeze", "nosuch"]))
    spelled = draw(st.sampled_from([key, key.upper(), key.replace("-", "_"), "--" + key]))
    return spelled, value, section, command


@settings(max_examples=EXAMPLES)
@given(case=cases())
def test_refused_values_agree_with_pip(
    case: tuple[str, str, str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    key, value, section, command = case
    if not value or value.startswith(("#", ";")):
        return
    text = f"[{section}]\n{key} = {value}\n"
    path = tmp_path_factory.mktemp("conf") / "pip.conf"
    path.write_text(text, "utf-8")
    assert reqlint_verdict(text, command) == pip_verdict(path, command), (text, command)


# The classes measured by the fuzzer: pip refuses each; reqlint was silent.
MEASURED = [
    ("[global]\ntimeout=a\n", "install"),
    ("[global]\nno-index=b\n", "install"),
    ("[install]\nuse-feature=o\n", "install"),
    ("[global]\nexists-action=x\n", "freeze"),
    ("[install]\npython-version=a\n", "install"),
    ("[install]\nconfig-settings:k\n", "install"),
    ("[global]\nno-binary=-\n", "download"),
    ("[install]\nprogress-bar=x\n", "install"),
    ("[global]\nkeyring-provider=x\n", "list"),
    ("[install]\nupgrade-strategy=x\n", "install"),
    ("[global]\nverbose=-1\n", "install"),
    ("[global]\nno-cache-dir=maybe\n", "install"),
    ("[global]\nformat=columns\n", "cache"),
    ("[:env:]\nretries=x\n", "install"),
    ("[DEFAULT]\nretries=x\n[global]\n", "install"),
    ("[global]\ntimeout = 60 # seconds\n", "install"),
]
ACCEPTED = [
    ("[global]\nno-index:n\n", "install"),
    ("[global]\nverbose = yes\n", "install"),
    ("[global]\nformat=columns\n", "list"),
    ("[freeze]\nupgrade-strategy=x\n", "freeze"),
    ("[nosuch]\ntimeout=x\n", "install"),
    ("[install]\nuploaded-prior-to = P3D\n", "install"),
]


@pytest.mark.parametrize(("text", "command"), MEASURED + ACCEPTED)
def test_measured_classes(text: str, command: str, tmp_path: Path) -> None:
    path = tmp_path / "pip.conf"
    path.write_text(text, "utf-8")
    refused = (text, command) in MEASURED
    assert pip_verdict(path, command) is refused
    assert reqlint_verdict(text, command) is refused


@pytest.mark.parametrize("text", sorted({t for t, _ in MEASURED}))
def test_cli_reports_refused_values(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pip.conf").write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", "--format", "json", "--select", "RL005", "pip.conf"])
    (finding,) = json.loads(out.getvalue())["diagnostics"]
    assert code == 1
    assert "pip refuses this value" in finding["message"]
    assert finding["line"] == 2  # the value, never the header


@pytest.mark.parametrize(
    ("variable", "value", "refused"),
    [
        ("PIP_TIMEOUT", "a", True),
        ("PIP_NO_INDEX", "b", True),
        ("PIP_NO_INDEX", "no", False),
        ("PIP_USE_FEATURE", "fast-deps truststore", False),
        ("PIP_USE_FEATURE", "x", True),
        ("PIP_VERSION", "x", False),
    ],
)
def test_environment_values(variable: str, value: str, refused: bool) -> None:
    source = parse_environ({variable: value})
    assert [p.code for p in source.problems] == (["RL005"] if refused else [])
