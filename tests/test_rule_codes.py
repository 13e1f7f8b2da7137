"""Every rule code reqlint can emit is a registered rule.

Adapters, the loader and the rules build findings with a code (``Problem("RL003", ...)``,
``self.problem("RL001", ...)``, ``make_rule("RL101", ...)``); a code that is not in the
registry would be reported with no rule behind it: no page, no ``--select``, no
``reqlint rule``.  The sources are read, not imported, so a code in a branch no test
reaches is checked too.
"""

from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from pathlib import Path

import pytest

from reqlint.rules import BY_CODE, RULES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reqlint"
CODE = re.compile(r"\bRL\d{3}\b")
# The calls whose first argument (or ``code=``) is the code of the finding they build.
BUILDERS = ("Problem", "problem", "Diagnostic", "diagnostic", "make_rule", "_failed")
SOURCES = sorted(PACKAGE.rglob("*.py"))
# Codes written on purpose as the example of a code that names no rule (RL010's page,
# docs/configuration.md); no finding is ever built with one.
NO_RULE_EXAMPLES = frozenset({"RL999"})


@functools.cache
def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module, with its line (f-strings' text parts included)."""
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for token in tokens:
        if token.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
            found.append((token.start[0], token.string))
    return found


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "RLnnn"`` assignments, and a rule's ``CODE`` imported
    (``from reqlint.rules.rl009_invalid_source_file import CODE as RL009``)."""
    out: dict[str, str] = {}
    for node in tree.body:
        module = node.module or "" if isinstance(node, ast.ImportFrom) else ""
        if isinstance(node, ast.ImportFrom) and module.startswith("reqlint.rules."):
            rule = PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")
            theirs = _constants(ast.parse(rule.read_text(encoding="utf-8")))
            for alias in node.names:
                if alias.name in theirs:
                    out[alias.asname or alias.name] = theirs[alias.name]
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = node.value.value
    return out


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


@functools.cache
def _code_arguments(path: Path) -> list[tuple[int, str]]:
    """The code argument of every finding builder whose code is known where it is written
    (a literal or a module constant); a parameter passed through (``code``) is checked where
    its value is written, by the literal scan."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node.func) not in BUILDERS:
            continue
        args = [k.value for k in node.keywords if k.arg == "code"] or node.args[:1]
        for arg in args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((node.lineno, arg.value))
            elif isinstance(arg, ast.Name) and arg.id in constants:
                found.append((node.lineno, constants[arg.id]))
    return found


def test_the_scan_sees_the_builders() -> None:
    """The scan is not vacuous: it finds the codes adapters and rules really pass."""
    seen = {
        (p.relative_to(ROOT).as_posix(), code) for p in SOURCES for _, code in _code_arguments(p)
    }
    assert ("reqlint/sources/_yaml.py", "RL009") in seen  # through the imported constant
    assert ("reqlint/sources/requirements.py", "RL001") in seen
    assert ("reqlint/rules/rl101_extra_index.py", "RL101") in seen
    assert {code for _, code in seen} >= {r.meta.code for r in RULES}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_code_in_the_sources_is_registered(path: Path) -> None:
    unknown = [
        (line, code)
        for line, text in _strings(path)
        for code in CODE.findall(text)
        if code not in BY_CODE and code not in NO_RULE_EXAMPLES
    ]
    unknown += [(line, code) for line, code in _code_arguments(path) if code not in BY_CODE]
    assert not unknown, f"{path.name}: codes with no rule in reqlint/rules: {unknown}"


# Adapters that still spell codes as literals, not as the rules' ``CODE`` constants: the
# requirements adapter is being reworked at the same time (its fast path and the source
# seam); it moves when that lands, and this set is then empty.
LITERALS_ALLOWED = frozenset({"reqlint/sources/requirements.py"})


@pytest.mark.parametrize("path", sorted((PACKAGE / "sources").glob("*.py")), ids=lambda p: p.name)
def test_adapters_use_the_rules_code_constants(path: Path) -> None:
    shown = path.relative_to(ROOT).as_posix()
    literals = [(line, text) for line, text in _strings(path) if CODE.fullmatch(text[1:-1])]
    assert shown in LITERALS_ALLOWED or not literals, (
        f"{shown}: import the rule's CODE (`from reqlint.rules.rl001_invalid_requirement "
        f"import CODE as RL001`) instead of {literals}"
    )


def test_every_builder_is_given_a_code_of_the_right_shape() -> None:
    """A code argument that is a literal is a whole code, not a prefix or a typo."""
    bad = [
        (p.name, line, code)
        for p in SOURCES
        for line, code in _code_arguments(p)
        if not re.fullmatch(r"RL\d{3}", code)
    ]
    assert not bad


def test_every_code_the_docs_name_is_registered() -> None:
    """README and docs/ name only codes that exist (a removed rule keeps its page)."""
    texts = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").rglob("*.md"))]
    unknown = {
        (p.name, code)
        for p in texts
        for code in CODE.findall(p.read_text("utf-8"))
        if code not in BY_CODE and code not in NO_RULE_EXAMPLES
    }
    assert not unknown


def test_rule_docs_are_dedented_as_inspect_cleandoc_does() -> None:
    import importlib
    import inspect

    from reqlint.rules import RULES
    from reqlint.rules.base import _dedent

    for rule in RULES:
        raw = importlib.import_module(rule.check.__module__).__doc__ or ""
        assert _dedent(raw) == inspect.cleandoc(raw), rule.meta.code
    for text in ["", "a", "  a\n    b\n  c\n\n", "\n\n  x\n\ty\n", "a\n   \n  b"]:
        assert _dedent(text) == inspect.cleandoc(text), repr(text)
