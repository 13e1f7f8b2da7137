"""``reqlint show``: what pip will see — every requirement and option with its file:line.

This is the same model the rules read (and what the differential test compares with pip),
printed with credentials redacted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from reqlint import pipopts
from reqlint.model import ParsedSource, Requirement, Setting, SourceKind, Tool
from reqlint.project import Project
from reqlint.redact import redact_text, redact_url
from reqlint.sources._shell import UNKNOWN_UV_VARIABLE


def _requirement(req: Requirement) -> dict[str, object]:
    return {
        "line": req.location.line,
        "text": redact_text(req.text),
        "name": req.name,
        "specifier": req.specifier,
        "extras": list(req.extras),
        "marker": req.marker,
        "url": redact_url(req.url) if req.url else None,
        "editable": req.editable,
        "constraint": req.constraint,
        "hashes": list(req.hashes),
        "options": [[k, v] for k, v in req.line_options],
        "error": req.error,
    }


def _setting(st: Setting) -> dict[str, object]:
    return {
        "line": st.location.line or None,
        "key": st.key,
        "value": redact_text(st.value),
        "section": st.section or None,
        "source": st.location.display(),
        **{k: redact_text(v) for k, v in sorted(_described(st).items())},
        **({"ignored": _ignored(st)} if _ignored(st) else {}),
    }


def _ignored(st: Setting) -> str:
    """Why the tool the setting is written for ignores it (RL108's finding), or "": a
    misspelt variable is no option, and show must not list it as one."""
    if st.key == UNKNOWN_UV_VARIABLE:
        return "uv has no such variable"
    if st.tool is Tool.PIP and st.key != "config-file" and pipopts.lookup(st.key) is None:
        return "pip has no such setting"
    return ""


# pip's own files: every setting is pip's, so show has never said so.
_PIP_FILES = frozenset({SourceKind.PIPCONF, SourceKind.REQUIREMENTS, SourceKind.CONDA})


def _described(st: Setting) -> dict[str, str]:
    """The typed facts of a setting beside what its source wrote (``attrs``)."""
    typed = {} if st.kind in _PIP_FILES else {"tool": st.tool.value}
    if st.kind is SourceKind.PIPCONF:
        typed["variant"] = st.origin.value
    if st.invocation:
        typed["invocation"] = st.invocation
    return {**st.attrs, **typed}


def _pin_files(pins: Mapping[str, str]) -> list[str]:
    """The constraints files behind a file's pins (``upper-constraints.txt (the
    constraints file beside it)``), without the line of each pin; a pin only under a
    marker (key ``name;marker``) pins no install as a whole, and is not named."""
    return sorted(
        {re.sub(r":\d+(?= |$)", "", where) for key, where in pins.items() if ";" not in key}
    )


def _role(project: Project, src: ParsedSource) -> dict[str, str]:
    """What the file is for the pinning rules: an install list (the default), a library's
    declaration read into package metadata, or a constraints file; and why."""
    role = project.role(src.path)
    if role is None:
        return {"role": "install", "reason": "default"}
    return {"role": role.role, "reason": role.reason}


def _source(project: Project, src: ParsedSource) -> dict[str, object]:
    pins = _pin_files(project.pins.get(src.path, {}))
    return {
        "path": src.path,
        "kind": src.kind.value,
        "included_from": src.included_from,
        **(_role(project, src) if src.kind is SourceKind.REQUIREMENTS else {}),
        **({"constrained_by": pins} if pins else {}),
        "requirements": [_requirement(r) for r in src.requirements],
        "options": [_setting(s) for s in src.settings],
        "includes": [
            {
                "line": i.location.line,
                "target": i.target,
                "constraint": i.constraint,
                "resolved": i.resolved,
            }
            for i in src.includes
        ],
        "problems": [
            {"code": p.code, "line": p.location.line, "message": redact_text(p.message)}
            for p in src.problems
        ],
    }


# What is listed of a file of commands: not every argument of every command.
_COMMANDS_NOTE = (
    "  read: the index options and PIP_*/UV_* variables its pip and uv commands get, and the "
    "VCS requirements they name (other requirements on a command line are not listed)"
)
_COMMAND_KINDS = frozenset(
    {SourceKind.CI, SourceKind.TOX, SourceKind.DOCKERFILE, SourceKind.SCRIPT}
)


def render_show(
    project: Project, *, json_output: bool, hidden: frozenset[str] = frozenset()
) -> str:
    """What reqlint reads in each source of ``project`` (but those ``hidden``: read as
    context of the files named)."""
    sources = sorted((s for s in project.sources if s.path not in hidden), key=lambda s: s.path)
    if json_output:
        return (
            json.dumps({"version": 1, "files": [_source(project, s) for s in sources]}, indent=2)
            + "\n"
        )
    lines: list[str] = []
    for src in sources:
        origin = f" (included from {src.included_from})" if src.included_from else ""
        lines.append(f"{src.path} [{src.kind.value}]{origin}")
        if src.kind in _COMMAND_KINDS:
            lines.append(_COMMANDS_NOTE)
        role = project.role(src.path)
        if role is not None:
            lines.append(f"  role: {role.role}: {role.reason}")
        pin_files = _pin_files(project.pins.get(src.path, {}))
        if pin_files:
            lines.append(f"  constrained by: {', '.join(pin_files)}")
        items: list[tuple[int, str]] = []
        for st in src.settings:
            section = f"[{st.section}] " if st.section else ""
            value = f" {redact_text(st.value)}" if st.value else ""
            ignored = _ignored(st)
            if ignored:
                written = st.attrs.get("variable") or st.attrs.get("key_as_written") or st.key
                items.append((st.location.line, f"ignored {section}{written}{value} ({ignored})"))
            else:
                items.append((st.location.line, f"option {section}{st.key}{value}"))
        for inc in src.includes:
            flag = "-c" if inc.constraint else "-r"
            remote = (
                ""
                if inc.resolved is not None
                else " (a URL: pip fetches it, reqlint does not read it)"
            )
            items.append((inc.location.line, f"include {flag} {inc.target}{remote}"))
        for req in src.requirements:
            parts = [redact_text(req.text)]
            if req.editable:
                parts.append("(editable)")
            if req.constraint:
                parts.append("(constraint)")
            if req.hashes:
                parts.append(f"({len(req.hashes)} hash{'es' if len(req.hashes) != 1 else ''})")
            if req.error:
                parts.append(f"(error: {redact_text(req.error)})")
            items.append((req.location.line, "requirement " + " ".join(parts)))
        for problem in src.problems:
            items.append(
                (problem.location.line, f"problem {problem.code} {redact_text(problem.message)}")
            )
        for line, text in sorted(items, key=lambda item: item[0]):
            where = f"{src.path}:{line}" if line else src.path
            lines.append(f"  {where}: {text}")
    return "\n".join(lines) + ("\n" if lines else "")
