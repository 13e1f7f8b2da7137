"""The JSON Schema of ``[tool.reqlint]`` (and of ``reqlint.toml``), made from the one
settings table, :data:`reqlint.settings.KEYS`.

``python -m reqlint.schema schemas/reqlint.json`` writes it; a test keeps the committed
file in sync.  Draft 7 with ``$id``/``title``/``description`` on every key and
``additionalProperties: false``, as SchemaStore wants, so editors (Even Better TOML,
taplo) complete and check the table.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from reqlint.settings import KEYS, SEVERITIES, THRESHOLDS, Settings

SCHEMA_ID = "https://json.schemastore.org/partial-reqlint.json"
_CODE = {"type": "string", "pattern": "^(ALL|RL[0-9]{0,3})$"}


def settings_schema() -> dict[str, object]:
    defaults = Settings()
    properties: dict[str, object] = {}
    for key in KEYS:
        default = getattr(defaults, key.field)
        prop: dict[str, object]
        if key.kind == "bool":
            prop = {"type": "boolean"}
        elif key.kind == "severity":
            prop = {"type": "string", "enum": list(THRESHOLDS)}
        elif key.kind == "codes":
            prop = {"type": "array", "items": _CODE, "uniqueItems": True}
        elif key.kind == "globs":
            prop = {"type": "object", "additionalProperties": {"type": "array", "items": _CODE}}
            default = dict(default)
        elif key.kind == "severities":
            prop = {
                "type": "object",
                "propertyNames": _CODE,
                "additionalProperties": {"type": "string", "enum": list(SEVERITIES)},
            }
            default = dict(default)
        elif key.kind == "hosts":
            prop = {"type": "array", "items": {"type": "string", "pattern": "^[^/\\s]+$"}}
        else:
            prop = {"type": "array", "items": {"type": "string"}}
        if isinstance(default, tuple):
            default = list(default)
        properties[key.key] = {
            "description": key.description,
            **prop,
            "default": default,
            "examples": [key.example],
        }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "reqlint",
        "description": "reqlint's configuration: [tool.reqlint] in pyproject.toml, or the "
        "top level of reqlint.toml / .reqlint.toml.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def render() -> str:
    return json.dumps(settings_schema(), indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m reqlint.schema OUTPUT.json", file=sys.stderr)
        return 2
    with open(args[0], "w", encoding="utf-8") as handle:
        handle.write(render())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
