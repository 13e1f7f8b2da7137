"""``reqlint doctor``: what pip will really use on this machine, and where each value comes
from — an annotated, safe ``pip config debug`` (credentials redacted)."""

from __future__ import annotations

from collections.abc import Sequence

from reqlint.loader import MachineContext
from reqlint.model import Setting, SourceKind
from reqlint.project import IndexPlan, Project
from reqlint.redact import redact_text, redact_url


def _origin(setting: Setting | None) -> str:
    if setting is None:
        return "pip's default"
    section = f" [{setting.section}]" if setting.section else ""
    return f"{setting.location.display()}{section}"


def _plan_lines(title: str, plan: IndexPlan) -> list[str]:
    lines = [title]
    if plan.no_index:
        lines.append("  --no-index: no index is queried")
    for n, entry in enumerate(plan.indexes, 1):
        role = "primary" if entry.primary else "extra"
        lines.append(f"  {n}. {redact_url(entry.url)}  ({role}; {_origin(entry.setting)})")
    for st in plan.find_links:
        lines.append(f"  find-links {redact_url(st.value)}  ({_origin(st)})")
    for st in plan.trusted_hosts:
        lines.append(f"  trusted-host {st.value}  ({_origin(st)})")
    return lines


def render_doctor(
    project: Project, machine: MachineContext | None, requirement_files: Sequence[str] = ()
) -> str:
    lines = ["pip configuration on this machine, as pip computes it", ""]
    if machine is not None:
        from reqlint.discovery import config_files

        read = {s.path for s in project.of_kind(SourceKind.PIPCONF)}
        lines.append("Config files, in pip's order (a later file wins):")
        files = config_files(machine.environ, home=machine.home, sys_prefix=machine.sys_prefix)
        if not files:
            lines.append("  none (PIP_CONFIG_FILE is the null device)")
        from reqlint.discovery import display_path

        for variant, path in files:
            state = "read" if display_path(path) in read or path in read else "not present"
            lines.append(f"  {variant:<7} {path}  ({state})")
        names = sorted(k for k in machine.environ if k.startswith(("PIP_", "UV_")))
        lines.append(
            "Environment: " + (", ".join(names) if names else "no PIP_* or UV_* variables")
        )
        lines.append("")
    config = project.config_settings()
    lines.append("Effective values for `pip install`:")
    if not config:
        lines.append("  (all pip defaults)")
    width = max([16, *(len(key) for key in config)])
    for key in sorted(config):
        values = config[key]
        shown = " ".join(redact_text(s.value) for s in values)
        lines.append(f"  {key:<{width}} {shown}  ({_origin(values[-1])})")
    lines.append("")
    roots = [s for s in project.roots() if s.path]
    if roots:
        for root in roots:
            lines.extend(
                _plan_lines(f"Indexes for `pip install -r {root.path}`:", project.index_plan(root))
            )
    else:
        lines.extend(_plan_lines("Indexes for `pip install`:", project.index_plan(None)))
    lines.append("")
    return "\n".join(lines) + "\n"
