"""Rule documentation pages, generated from the rule metadata (docstring + RuleMeta).

``docs/rules/RLxxx.md`` is written by ``python -m reqlint.docs docs/rules`` and a test keeps
it identical to :func:`rule_page`; ``reqlint rule CODE`` prints the same text.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reqlint.model import RuleMeta


def rule_page(meta: RuleMeta) -> str:
    fix = "yes (`reqlint --fix`)" if meta.fixable else "no"
    network = "yes (only with `--network`)" if meta.network else "no (works offline)"
    return (f"# {meta.code}: {meta.name}\n\n"
            f"{meta.summary}.\n\n"
            f"| Default severity | Fixable | Needs the network |\n"
            f"| --- | --- | --- |\n"
            f"| {meta.severity.value} | {fix} | {network} |\n\n"
            f"{meta.doc.strip()}\n\n"
            f"Suppress it on one line with `# reqlint: ignore[{meta.code}]` (in pip.conf: "
            f"on the line above the key), or everywhere with `ignore = [\"{meta.code}\"]` "
            "under `[tool.reqlint]`.\n")


def index_page(metas: list[RuleMeta]) -> str:
    rows = "\n".join(
        f"| [{m.code}]({m.code}.md) | {m.name} | {m.summary} | {m.severity.value} | "
        f"{'yes' if m.fixable else ''} | {'yes' if m.network else ''} |" for m in metas)
    return ("# Rules\n\n"
            "Generated from the rule metadata by `python -m reqlint.docs docs/rules`.\n\n"
            "| Code | Name | Summary | Severity | Fix | Network |\n"
            "| --- | --- | --- | --- | --- | --- |\n" + rows + "\n")


def write_all(folder: str) -> list[str]:
    from reqlint.rules import RULES

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in RULES:
        path = out / f"{rule.meta.code}.md"
        path.write_text(rule_page(rule.meta), encoding="utf-8")
        written.append(str(path))
    (out / "README.md").write_text(index_page([r.meta for r in RULES]), encoding="utf-8")
    return written


if __name__ == "__main__":  # pragma: no cover
    for name in write_all(sys.argv[1] if len(sys.argv) > 1 else "docs/rules"):
        print(name)
