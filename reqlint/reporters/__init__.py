"""Output formats: one small module per format, each with ``render(report) -> str``.

Formats are looked up by name and imported only when used (start-up time).  A test checks
that every member of :class:`Format` resolves to a reporter.
"""

from __future__ import annotations

import enum
import importlib

from reqlint.reporters.base import RenderOptions, Report, Reporter


class Format(enum.Enum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"
    GITLAB = "gitlab"


def reporter(fmt: Format) -> Reporter:
    module = importlib.import_module(f"reqlint.reporters.{fmt.value}_format")
    render: Reporter = module.render
    return render


__all__ = ["Format", "RenderOptions", "Report", "Reporter", "reporter"]
