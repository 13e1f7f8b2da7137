"""The ``reqlint`` console script and ``python -m reqlint``: start-up without the collector.

Importing reqlint allocates tens of thousands of objects that live to the end of the run
(modules, functions, classes, compiled patterns); the cyclic collector's passes over them
during the imports free nothing and cost a pre-commit hook several milliseconds.  They run
with it paused, and what they built is frozen out of its generations (``reqlint._gc``).
"""

from __future__ import annotations

from reqlint._gc import paused


def main() -> int:
    with paused():
        from reqlint.cli import main as run
    return run()
