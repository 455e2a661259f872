"""The one icon registry: every icon the window asks for by name exists and draws; nothing else loads qtawesome."""

from __future__ import annotations

import ast
from pathlib import Path

from reslib_desktop.gui import icons

GUI = Path(icons.__file__).resolve().parent


def _names_asked_for() -> set[tuple[str, str]]:
    found = set()
    for path in GUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("icon", "coloured")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add((str(path.relative_to(GUI)), node.args[0].value))
    return found


def test_every_icon_asked_for_by_name_is_in_the_registry_and_draws(qtbot) -> None:
    asked = _names_asked_for()
    assert len(asked) >= 5  # the scan sees the window's icons (helpers pass names on; all names draw, below)
    assert {(where, name) for where, name in asked if name not in icons._NAMES} == set()
    assert [name for name in icons._NAMES if icons.icon(name).isNull()] == []
    assert not icons.coloured("status-error", "#c62828").isNull()


def test_only_the_registry_loads_qtawesome() -> None:
    users = set()
    for path in GUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(m.split(".")[0] == "qtawesome" for m in modules):
                    users.add(str(path.relative_to(GUI)))
    assert users == {"icons.py"}
