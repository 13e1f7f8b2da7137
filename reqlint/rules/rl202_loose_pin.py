"""## What it does
Checks for requirements constrained to a range rather than one exact version: `>=`, `>`,
`<=`, `<`, `~=`, `!=` or combinations such as `>=1.2,<2`.

Applied to the install lists of applications only. Left alone:
- *a library's declaration*: a requirements file a build reads into package metadata —
  named by `setup.py` (`parse_requirements('requirements/runtime.txt')`, a folder of
  extras read whole, pbr's `requirements.txt` and `test-requirements.txt`), by setup.cfg
  `file:`, by `[tool.setuptools.dynamic]`, by hatch-requirements-txt, or by the
  `metadata-files` setting. `reqlint show` says which files have that role and why;
- *a requirement a constraints file already pins*: an exact `==` pin in a `-c` file of the
  same install (in the file, in a file that includes it, in a tox env's `deps` or
  `constraints`), or in the constraints file beside it (openstack's
  `upper-constraints.txt` next to `global-requirements.txt`). A constraints file reqlint
  cannot read (a URL) counts as pinning everything it is used with;
- constraints files themselves (their ranges are caps), `*.in` files (the inputs of
  `pip-compile` / `uv pip compile`, whose compiled `.txt` output carries the pins), and
  `[project]` dependencies in pyproject.toml unless `pin-pyproject = true`.

## Why is this bad?
A range is right for a library's metadata but not for an application's requirements file:
two installs a day apart can differ, so a build that passed can fail without a change.

## Example
```requirements.txt
django>=4.2,<5
```

## Use instead
```requirements.txt
django==4.2.16
```

## Fix safety
No automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from reqlint.model import Diagnostic, Severity
from reqlint.pep440 import REFUSED, plain_specifiers
from reqlint.project import Project
from reqlint.rules._facts import AUXILIARY_NOTE, pinnable, purpose_note, spelled
from reqlint.rules.base import diagnostic, make_rule


@lru_cache(maxsize=4096)  # the same specifiers recur across a monorepo's files
def is_exact(specifier: str) -> bool:
    """``==X`` (no wildcard) or ``===X``, alone — possibly beside ``!=`` exclusions that the
    exact pin makes moot."""
    kind, plain = plain_specifiers(specifier)  # remembered: RL206 reads the same sets
    if kind is REFUSED:
        return False
    exact_parts = sum(1 for op, _, wildcard, _ in plain if op == "==" and not wildcard)
    if kind is not None and exact_parts < 2:
        return exact_parts == 1  # two may be one to packaging ("==1,==1"): it decides
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        parts = [(s.operator, s.version) for s in SpecifierSet(specifier)]
    except InvalidSpecifier:
        return False
    exact = [v for op, v in parts if op in ("==", "===") and not v.endswith(".*")]
    return len(exact) == 1


def check(project: Project) -> Iterator[Diagnostic]:
    notes: dict[str, str] = {}  # path -> what the list is for, as RL201 says it
    for _, req in pinnable(project):
        if not req.name or req.url or not req.specifier:
            continue
        if any(s.endswith(".*") for s in req.specifier.split(",")):
            continue  # RL203's finding
        if not is_exact(req.specifier):
            path = req.location.path
            note = notes.get(path)
            if note is None:
                note = notes[path] = purpose_note(path, project)
            if note == AUXILIARY_NOTE:
                continue  # docs, examples, demos: nobody deploys them
            yield diagnostic(
                RULE.meta,
                f"{spelled(req)} is a range, not an exact pin: installs can differ from day "
                f"to day{note}",
                req.location,
            )


RULE = make_rule(
    "RL202", "loose-pin", "A version range instead of an exact pin", Severity.INFO, __doc__, check
)
