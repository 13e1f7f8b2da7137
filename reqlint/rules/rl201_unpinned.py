"""## What it does
Checks for requirements with no version constraint at all (`requests`).

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
  `[project]` dependencies in pyproject.toml unless `pin-pyproject = true`;
- *an input beside its pinned twin*: a file whose every name is pinned exactly in a fully
  pinned requirements file in the same folder (netbox's `base_requirements.txt` next to
  `requirements.txt`) is that file's input, like a `*.in` file.

An install list for documentation, examples or benchmarks (a `docs/`, `examples/`,
`benchmarks/` folder, or `docs`/`examples`/`bench` in the file name:
`requirements-docs.txt`) is reported as `info`, which does not fail a run: nobody deploys
it, but a pin still makes its build reproducible.

## Why is this bad?
An application's requirements file is what gets deployed: without a pin, every install
can bring a different version — a new major release breaks production on a Tuesday with no
change of yours, and builds cannot be reproduced. Unpinned names are also the easiest
target for dependency confusion, since any version on any index qualifies.

## Example
```requirements.txt
requests
```

## Use instead
```requirements.txt
requests==2.32.3
```
(or generate the file with `pip-compile` / `uv pip compile`).

## Fix safety
No automatic fix: the right version is the one you tested.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules._facts import AUXILIARY_NOTE, auxiliary, pinnable
from reqlint.rules.base import diagnostic, make_rule


def check(project: Project) -> Iterator[Diagnostic]:
    for _, req in pinnable(project):
        if req.name and not req.url and not req.specifier:
            aux = auxiliary(req.location.path)
            yield diagnostic(
                RULE.meta,
                f"{req.name} is not pinned: pin an exact version ({req.name}==X.Y.Z)"
                + (AUXILIARY_NOTE if aux else ""),
                req.location,
                severity=Severity.INFO if aux else None,
            )


RULE = make_rule(
    "RL201",
    "unpinned-requirement",
    "A requirement with no version constraint",
    Severity.WARNING,
    __doc__,
    check,
)
