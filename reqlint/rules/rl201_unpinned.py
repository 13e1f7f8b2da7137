"""## What it does
Checks for requirements with no version constraint at all (`requests`).

Applied to the install lists of applications only. Left alone:
- *a library's declaration*: a requirements file a build reads into package metadata —
  named by `setup.py` (`parse_requirements('requirements/runtime.txt')`, a folder of
  extras read whole, pbr's `requirements.txt` and `test-requirements.txt`), by setup.cfg
  `file:`, by `[tool.setuptools.dynamic]`, by hatch-requirements-txt, or by the
  `metadata-files` setting, or a file beside a pyproject.toml (or in a `requirements/`
  folder beside it) that only repeats its static `[project]` dependencies (a copy of the
  declaration for `pip install -r`), or
  an Ansible collection's Python dependencies (`requirements.txt` beside `galaxy.yml`, or
  the file its `meta/execution-environment.yml` names: ansible-builder installs it into
  every execution environment with the collection, and Ansible's certification rules
  forbid pins there). `reqlint show` says which files have that role and why;
- *a requirement a constraints file already pins*: an exact `==` pin in a `-c` file of the
  same install (in the file, in a file that includes it, in a tox env's `deps` or
  `constraints`, on a command line), in the file `PIP_CONSTRAINT` names where the
  repository sets it for its installs (a workflow's, job's or step's `env:`, a GitLab
  job's `variables:`, a Dockerfile `ENV`, a script's `export`, a tox `setenv`), or in the
  constraints file beside it (openstack's `upper-constraints.txt` next to
  `global-requirements.txt`). A constraints file reqlint
  cannot read (a URL) counts as pinning everything it is used with. A pin under a marker
  pins only where the marker holds (pip drops the constraint elsewhere): `funcsigs==0.4 ;
  python_version == "3.10"` does not pin `funcsigs` (the message says so), while pins
  whose Python ranges together hold every supported Python (3.10 on: an export's
  `python_version >= "3.9"`, or one line per Python range) do;
- a requirement whose marker holds only on a Python no pip of the last eight years runs on
  (`future; python_version <= "2.7"`, `enum34; python_version < "3.4"`): pip skips the line
  ("Ignoring future: markers ... don't match your environment"). The same holds for RL202
  and RL203;
- constraints files themselves (their ranges are caps), `*.in` files (the inputs of
  `pip-compile` / `uv pip compile`, whose compiled `.txt` output carries the pins), and
  `[project]` dependencies in pyproject.toml unless `pin-pyproject = true`;
- *an input beside its pinned twin*: a file whose every name is pinned exactly in a fully
  pinned requirements file in the same folder (netbox's `base_requirements.txt` next to
  `requirements.txt`) is that file's input, like a `*.in` file.

A name left out of a constraints file that pins nearly all (90 %) of the file's other
names is reported as `info`: the pins live there, and the few it leaves out are most
likely left out on purpose (openstack keeps its own projects, `pip` and `wheel` out of
`upper-constraints.txt`); the message names that file, in case one is missing from it.

An install list for documentation, examples, demos or benchmarks (a `docs/`, `website/`,
`examples/`, `demo/`, `samples/`, `tutorials/`, `notebooks/`, `benchmarks/` folder, or
`docs`/`examples`/`bench` in the file name: `requirements-docs.txt`) is not judged by the
pinning rules (RL201-RL204): nobody deploys it, and its readers install it beside their
own versions (gradio's 201 one-line `demo/*/requirements.txt`, trial 21, were 201 findings
nobody acts on). A development, test, lint or CI list is reported as `info`, which does
not fail a run (`requirements-dev.txt`, `requirements/test.txt`,
`tests/requirements.txt`, `requirements/ci.txt`, `requirements/typing.txt`,
`requirements-min.txt`, `integration-requirements.txt`, a file in a hidden tooling folder
such as `.github/` or `.actions/`): a developer's or a CI job's environment, which
projects commonly leave unpinned to test against what users get. A list that installs
pytest, coverage, pre-commit, tox or nox (itself or through a file it includes) is a test
environment too, when the package declares its own dependencies in `pyproject.toml`, or in
`install_requires` of `setup.cfg` or `setup.py` (keras's `requirements-common.txt` and the
CI lists that include it; spaCy's `requirements.txt`). So is a list in a folder with an
`__init__.py` beside it, in such a repository: what one part of the package needs (nni's
`nni/algorithms/.../gbdt_selector/requirements.txt`), installed by its users.

These folders are read inside the file's repository (the folder with `.git`), whatever
path names it on the command line: `/home/dev/app/requirements.txt` is no development
list. The repository's own folder name counts as a folder (a repository named
`tutorials` or `examples`: MONAI's tutorials).

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

import re
from collections import Counter
from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.names import canonicalize_name
from reqlint.project import Project
from reqlint.rules._facts import AUXILIARY_NOTE, pinnable, purpose_note
from reqlint.rules.base import diagnostic, make_rule

# A constraints file that pins this share of a file's names is where that file's pins
# live: a name it leaves out was most likely left out on purpose (openstack keeps its own
# projects, pip and wheel out of upper-constraints.txt), so the finding is info.
_NEARLY_ALL = 0.9


def _pinning_file(project: Project, path: str) -> str | None:
    """The constraints file that pins nearly every name of ``path``, or None."""
    pins = project.pins.get(path)
    source = next((s for s in project.sources if s.path == path), None)
    if not pins or source is None:
        return None
    named = [r for r in source.requirements if r.name and not r.constraint]
    pinned = [project.pinned_by(path, r.name or "", r.marker) for r in named]
    found = [where for where in pinned if where]
    if not named or len(found) < _NEARLY_ALL * len(named):
        return None
    files = Counter(re.sub(r"(:\d+)+$", "", where.split(" (", 1)[0]) for where in found)
    return files.most_common(1)[0][0]


def check(project: Project) -> Iterator[Diagnostic]:
    covering: dict[str, str | None] = {}
    for _, req in pinnable(project):
        if req.name and not req.url and not req.specifier:
            path = req.location.path
            if path not in covering:
                covering[path] = _pinning_file(project, path)
            limited = project.pins.get(path, {}).get(f"{canonicalize_name(req.name)};")
            # a constraint under a marker pins nothing where the marker does not hold; the
            # file does not leave the name out, so that guess (and its info) is not made
            why = f" ({limited}: pip drops that constraint everywhere else)" if limited else ""
            pinning = None if limited else covering[path]
            note = purpose_note(path, project)
            if note == AUXILIARY_NOTE:
                continue  # docs, examples, demos: nobody deploys them (gradio's 201 demos)
            if pinning is not None:
                note += (
                    f" ({pinning}, which pins nearly every other name of this file, leaves it out: "
                    "on purpose, or pin it there)"
                )
            yield diagnostic(
                RULE.meta,
                f"{req.name} is not pinned: pin an exact version ({req.name}==X.Y.Z){note}{why}",
                req.location,
                severity=Severity.INFO if note or pinning is not None else None,
            )


RULE = make_rule(
    "RL201",
    "unpinned-requirement",
    "A requirement with no version constraint",
    Severity.WARNING,
    __doc__,
    check,
)
