"""## What it does
Checks for requirements without `--hash` in a requirements file (or include tree) where
other requirements have hashes, or where `--require-hashes` is on. A line without hashes
after a hashed line of the same project is fine: pip merges the two into one candidate
built from the first line.

## Why is this bad?
Hash-checking mode is all or nothing: as soon as one requirement carries `--hash` (or
`--require-hashes` is given), pip requires a hash for *every* requirement and fails the
install on the first one without — usually in CI, after someone added a line by hand.

## Example
```requirements.txt
requests==2.32.3 --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6
idna==3.7
```

## Use instead
Regenerate the file with hashes for every line (`pip-compile --generate-hashes`,
`uv pip compile --generate-hashes`).

## Fix safety
No automatic fix: hashes must come from the real files.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Requirement, Severity
from reqlint.names import canonicalize_name
from reqlint.project import Project
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for root in project.roots():
        closure = project.closure(root)
        reqs = [r for src in closure for r in src.requirements if r.error is None]
        hashed = [r for r in reqs if r.hashes]
        forced = [s for src in closure for s in src.settings if s.key == "require-hashes"]
        if not hashed and not forced:
            continue
        why = (
            f"{len(hashed)} other requirement(s) have --hash"
            if hashed
            else f"--require-hashes is set at {forced[0].location.display()}"
        )
        # pip merges the lines of one project into one candidate whose template is the
        # first line (resolvelib factory: ``template = ireqs[0]``), so a line without hashes
        # after a hashed line of the same project installs fine; only the reverse fails
        hashed_before: set[str] = set()
        unhashed: list[Requirement] = []
        for req in project.ordered_requirements(root):
            name = canonicalize_name(req.name) if req.name else ""
            if req.hashes and name:
                hashed_before.add(name)
            elif not req.hashes and not (name and name in hashed_before):
                unhashed.append(req)
        pardoned = (
            {id(r) for r in reqs} - {id(r) for r in unhashed} - {id(r) for r in reqs if r.hashes}
        )
        for req in reqs:
            key = (req.location.path, req.location.line)
            if req.hashes or req.constraint or key in seen or id(req) in pardoned:
                continue
            seen.add(key)
            yield diagnostic(
                RULE.meta,
                f"{req.name or req.text} has no --hash but {why}: "
                "pip's hash-checking mode will reject the install",
                req.location,
            )


RULE = make_rule(
    "RL205",
    "partial-hashes",
    "Hashes on some requirements but not others",
    Severity.ERROR,
    __doc__,
    check,
)
