"""Write ``reqlint/pipopts.py``'s option catalogue from the installed pip's own parsers.

    .venv/bin/python scripts/gen_pipopts.py           # rewrite the generated blocks
    .venv/bin/python scripts/gen_pipopts.py --check   # exit 1 if they are stale

Three blocks of ``reqlint/pipopts.py`` are pip's, not ours:

* ``OPTIONS``: every long option of every pip command's parser (general options
  included), keyed by its first long name, with its other long names, short letters,
  ``dest``, whether it takes a value and whether it is a list (optparse ``append``).  The
  first definition in command-name order wins where two commands define a name
  differently (``--user`` is ``config``'s ``user_file``; no rule reads ``dest``).
  ``--help`` is left out: it is no setting.
* ``REQUIREMENTS_FILE_OPTIONS``: ``req_file.SUPPORTED_OPTIONS``, the options a line of
  its own may carry, by first long name.
* ``PER_REQUIREMENT_OPTIONS``: ``req_file.SUPPORTED_OPTIONS_REQ``, the options after a
  requirement on the same line.

The text is written as ``ruff format`` writes it (so formatting the file leaves it alone),
and ``VALUE_CHECKS`` / ``PIP_COMMANDS`` come from ``scripts/gen_pipopts_checks.py``.
``tests/test_pipopts_generated.py`` derives all of it from the installed pip 26.3 and
compares with the file, so a pip upgrade that changes an option fails the suite until this
script is re-run (and the diff reviewed).  ``REMOVED_OPTIONS`` and ``CONFIG_TRAPS`` are
written by hand: pip has no list of what it removed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NamedTuple

PIPOPTS = Path(__file__).resolve().parent.parent / "reqlint" / "pipopts.py"
LINE = 100  # [tool.ruff] line-length


class Option(NamedTuple):
    """The fields of ``reqlint.pipopts.PipOption``, in its order."""

    name: str
    aliases: tuple[str, ...]
    short: tuple[str, ...]
    dest: str
    takes_value: bool
    is_list: bool


def derive_options() -> tuple[Option, ...]:
    from pip._internal.commands import commands_dict, create_command

    found: dict[str, Option] = {}
    for command in sorted(commands_dict):
        parser: Any = create_command(command).parser
        for opt in parser._get_all_options():
            if not opt._long_opts or opt.action == "help":
                continue
            longs = [name[2:] for name in opt._long_opts]
            found.setdefault(
                longs[0],
                Option(
                    longs[0],
                    tuple(longs[1:]),
                    tuple(s[1:] for s in opt._short_opts),
                    opt.dest or "",
                    bool(opt.takes_value()),
                    opt.action == "append",
                ),
            )
    return tuple(found[name] for name in sorted(found))


def _first_long(factories: Any) -> list[str]:
    return [factory()._long_opts[0][2:] for factory in factories]


def derive_requirements_file_options() -> tuple[str, ...]:
    from pip._internal.req import req_file

    return tuple(sorted(set(_first_long(req_file.SUPPORTED_OPTIONS))))


def derive_per_requirement_options() -> tuple[str, ...]:
    from pip._internal.req import req_file

    return tuple(sorted(set(_first_long(req_file.SUPPORTED_OPTIONS_REQ))))


# ------------------------------------------------------------------ rendering (ruff style)


def _tuple(items: tuple[str, ...]) -> str:
    if len(items) == 1:
        return f'("{items[0]}",)'
    return "(" + ", ".join(f'"{i}"' for i in items) + ")"


def _option(opt: Option) -> list[str]:
    args = [
        f'"{opt.name}"',
        f"aliases={_tuple(opt.aliases)}",
        f"short={_tuple(opt.short)}",
        f'dest="{opt.dest}"',
        f"takes_value={opt.takes_value}",
        f"is_list={opt.is_list}",
    ]
    one = f"    PipOption({', '.join(args)}),"
    if len(one) <= LINE:
        return [one]
    inner = f"        {', '.join(args)}"
    if len(inner) <= LINE:
        return ["    PipOption(", inner, "    ),"]
    return ["    PipOption(", *(f"        {a}," for a in args), "    ),"]


def _frozenset(name: str, items: tuple[str, ...]) -> list[str]:
    one = f"{name}: frozenset[str] = frozenset([{', '.join(repr_(i) for i in items)}])"
    if len(one) <= LINE:
        return [one]
    return [
        f"{name}: frozenset[str] = frozenset(",
        "    [",
        *(f"        {repr_(i)}," for i in items),
        "    ]",
        ")",
    ]


def repr_(text: str) -> str:
    return f'"{text}"'


def blocks() -> dict[str, str]:
    """Each generated block's text, by the name of its marker."""
    options = ["OPTIONS: tuple[PipOption, ...] = ("]
    for opt in derive_options():
        options.extend(_option(opt))
    options.append(")")
    req = [
        "# Options pip accepts on their own line in a requirements file "
        "(req_file.SUPPORTED_OPTIONS).",
        *_frozenset("REQUIREMENTS_FILE_OPTIONS", derive_requirements_file_options()),
        "# Options pip accepts after a requirement on the same line "
        "(req_file.SUPPORTED_OPTIONS_REQ).",
        *_frozenset("PER_REQUIREMENT_OPTIONS", derive_per_requirement_options()),
    ]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import gen_pipopts_checks

    return {
        "options": "\n".join(options) + "\n",
        "requirements file options": "\n".join(req) + "\n",
        "value checks": gen_pipopts_checks.render(gen_pipopts_checks.derive()),
    }


# gen_pipopts_checks renders its table in its own layout: `ruff format` must leave it be.
_UNFORMATTED = ("value checks",)


def begin(name: str) -> str:
    off = "# fmt: off\n" if name in _UNFORMATTED else ""
    return (
        f"# BEGIN generated {name}: scripts/gen_pipopts.py from pip's parsers; do not edit\n{off}"
    )


def end(name: str) -> str:
    on = "# fmt: on\n" if name in _UNFORMATTED else ""
    return f"{on}# END generated {name}\n"


def rewrite(text: str, generated: dict[str, str]) -> str:
    """``text`` (pipopts.py) with every generated block replaced."""
    for name, body in generated.items():
        start = text.index(begin(name)) + len(begin(name))
        stop = text.index(end(name), start)
        text = text[:start] + body + text[stop:]
    return text


def main(argv: list[str]) -> int:
    text = PIPOPTS.read_text(encoding="utf-8")
    new = rewrite(text, blocks())
    if "--check" in argv:
        if new != text:
            print(f"{PIPOPTS} is stale: run scripts/gen_pipopts.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        PIPOPTS.write_text(new, encoding="utf-8")
        print(f"rewrote {PIPOPTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
