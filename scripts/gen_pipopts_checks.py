"""Print ``reqlint.pipopts.VALUE_CHECKS`` from the installed pip's own option parsers.

    .venv/bin/python scripts/gen_pipopts_checks.py

Every pip command's parser is asked for its options; an option whose value pip checks when
it reads configuration (``ConfigOptionParser._update_defaults``: booleans, counts, types,
choices, validating callbacks) gets one entry per distinct definition, with the commands
that define it that way.  ``tests/test_fuzz_pipconf.py`` runs :func:`derive` and compares,
so a pip upgrade that changes an option fails the suite until the table is regenerated.
"""

from __future__ import annotations

import textwrap
from typing import Any

# Values of these kinds are never refused: optparse stores the text as it is.
TRIVIAL_TYPES = (None, "string", "path", "package_name")
# Callbacks that accept any text (pip's _handle_src only makes the path absolute).
ACCEPT_ALL_CALLBACKS = ("_handle_src",)

Check = tuple[str, str, tuple[str, ...], str, "str | tuple[str, ...]"]


def derive() -> dict[str, tuple[Check, ...]]:
    from pip._internal.commands import commands_dict, create_command

    found: dict[str, dict[tuple[str, str, tuple[str, ...], str], list[str]]] = {}
    names = sorted(commands_dict)
    for name in names:
        parser: Any = create_command(name).parser
        for opt in parser._get_all_options():
            callback = opt.callback.__name__ if opt.callback else ""
            if opt.action in ("store", "append") and opt.type in TRIVIAL_TYPES and not opt.choices:
                continue
            if opt.action in ("store_const", "help", "version"):
                continue
            if opt.action == "callback" and callback in ACCEPT_ALL_CALLBACKS:
                continue
            check = (opt.action, opt.type or "", tuple(opt.choices or ()), callback)
            for long in opt._long_opts:
                found.setdefault(long[2:], {}).setdefault(check, []).append(name)
    return {
        key: tuple(
            (*check, "*" if len(cmds) == len(names) else tuple(cmds))
            for check, cmds in variants.items()
        )
        for key, variants in sorted(found.items())
    }


def commands() -> tuple[str, ...]:
    from pip._internal.commands import commands_dict

    return tuple(sorted(commands_dict))


def render(table: dict[str, tuple[Check, ...]]) -> str:
    names = ", ".join(repr(n) for n in commands())
    lines = ["# The sections pip reads besides [global] and [:env:]: its commands' names."]
    lines.append(f"PIP_COMMANDS: tuple[str, ...] = ({names})")
    lines = [
        *textwrap.wrap(lines[0], 99),
        *textwrap.wrap(lines[1], 99, subsequent_indent="    ", break_on_hyphens=False),
    ]
    lines.append("VALUE_CHECKS: dict[str, tuple[ValueCheck, ...]] = {")
    for key, variants in table.items():
        lines.append(f"    {key!r}: (")
        for action, typ, choices, callback, cmds in variants:
            head = f"        ValueCheck({action!r}, {typ!r}, {choices!r}, {callback!r},"
            if len(head) > 99:
                lines.append(f"        ValueCheck({action!r}, {typ!r}, (")
                lines.extend(f"            {c!r}," for c in choices)
                lines.append(f"        ), {callback!r},")
            else:
                lines.append(head)
            lines.append(f"                   {cmds!r}),")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(derive()), end="")
