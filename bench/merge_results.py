"""`python -m bench.merge_results OUT.json IN.json...`: one results document from several bench.run runs.

Later documents win: figures measured again (say, by a `--skip` run of one size) replace the earlier
ones, figures they skipped (a section, or the stock model inside a search case) are kept;
extras come from the last document that has them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _deep_update(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _deep_update(into[key], value)
        else:
            into[key] = value


def merge(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The union of the documents' sizes and extras, later documents winning section by section."""
    merged: dict[str, Any] = {"sizes": {}, "extras": {}, "elapsed_s": 0.0}
    commands = []
    for document in documents:
        merged["machine"] = document["machine"]
        commands.append(document["command"])
        merged["elapsed_s"] += document.get("elapsed_s", 0.0)
        for size, sections in document["sizes"].items():
            _deep_update(merged["sizes"].setdefault(size, {}), sections)
        if document.get("extras"):
            merged["extras"] = document["extras"]
    merged["command"] = " ; ".join(commands)
    merged["command_prefix"] = ""
    merged["sizes"] = dict(sorted(merged["sizes"].items(), key=lambda item: int(item[0])))
    return merged


def main(argv: list[str]) -> int:
    out, *inputs = (Path(arg) for arg in argv)
    document = merge([json.loads(path.read_text(encoding="utf-8")) for path in inputs])
    out.write_text(json.dumps(document, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
