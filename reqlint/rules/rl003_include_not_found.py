"""## What it does
Checks that every `-r`/`--requirement` and `-c`/`--constraint` include names a readable
local file, and that every linted file can be read at all (missing, directory, broken
symlink, unreadable, binary, undecodable or huge).  A tox env's `deps` is pip's
requirement lines: a `-r`/`-c` file there that does not exist (relative to tox.ini,
`{toxinidir}` substituted) is reported too, and so, as a **warning**, is a `-r`/`-c`
file that a pip or `uv pip` command of a CI step, a shell script or a Makefile recipe
opens and the repository does not hold: at the checkout's top for a CI step, in the
Makefile's folder for a recipe, in a script's folder or any folder above it for a script.
A warning, for an earlier step may create the file; so it is not said after a `cd`, for a
CI file whose steps may run elsewhere (`working-directory`, a checkout into a subfolder
or of another repository, downloaded artifacts), for a file the source names anywhere
else (`pip freeze > x.txt`, `[ -f x.txt ]`), nor for a command followed by `||`.
An include given as a URL is not a
finding: pip fetches it, reqlint does not read it (offline by design), and `reqlint show`
marks it as not read.

## Why is this bad?
pip fails the whole install when an include is missing; a file reqlint cannot read is a file
nobody checked.  A command's missing file fails the job or the set-up script before it
installs anything (`ERROR: Could not open requirements file`): werkzeug's and flask's
dev-container script kept installing `requirements/dev.txt` after the projects moved to
uv and removed the folder.

## Example
```requirements.txt
-r requirements/bsae.txt
```

## Use instead
```requirements.txt
-r requirements/base.txt
```
```requirements/base.txt
requests==2.32.3
```

## Fix safety
No automatic fix: only a person knows what the line should say.
"""

from __future__ import annotations

from collections.abc import Iterator

from reqlint.model import Diagnostic, Severity
from reqlint.project import Project
from reqlint.rules.base import make_rule, problems


def check(project: Project) -> Iterator[Diagnostic]:
    return problems(project, RULE.meta)


CODE = "RL003"  # adapters build this rule's findings with it

RULE = make_rule(
    CODE,
    "include-not-found",
    "An included file (-r/-c) cannot be read",
    Severity.ERROR,
    __doc__,
    check,
)
