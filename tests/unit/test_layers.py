"""The architecture's rules between layers (docs/design.md), checked over every module."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "reslib_desktop"
# What gui/ may import from the rest of the package: the facade, and where files live.
GUI_MAY_USE = ("reslib_desktop.library", "reslib_desktop.paths", "reslib_desktop.gui")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return found | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


def test_the_gui_uses_only_the_library_facade_and_never_sql() -> None:
    offenders = []
    for path in sorted((PACKAGE / "gui").rglob("*.py")):
        for module in _imports(path):
            own = module.startswith("reslib_desktop.") and not module.startswith(GUI_MAY_USE)
            if own or module.startswith(("sqlalchemy", "sqlite3")):
                offenders.append(f"{path.relative_to(PACKAGE)}: {module}")
    assert offenders == []


def test_core_code_never_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "gui" not in path.relative_to(PACKAGE).parts
        for module in _imports(path)
        if module.startswith(("PySide6", "shiboken6", "qtawesome"))
    ]
    assert offenders == []


def test_the_command_line_uses_only_the_library_facade_and_never_sql() -> None:
    paths = [PACKAGE / "cli.py", *sorted((PACKAGE / "commands").glob("*.py"))]
    offenders = [
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in paths
        for module in _imports(path)
        if (module.startswith("reslib_desktop.") and not module.startswith(
            ("reslib_desktop.library", "reslib_desktop.paths", "reslib_desktop.commands")))
        or module.startswith(("sqlalchemy", "sqlite3"))
    ]
    assert offenders == []
