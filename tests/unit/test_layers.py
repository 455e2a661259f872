"""The architecture's rules between layers (docs/design.md), checked over every module."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "reslib_desktop"
# What gui/ may import from the rest of the package: the facade, where files live, and the collector's start-up state.
GUI_MAY_USE = ("reslib_desktop.library", "reslib_desktop.paths", "reslib_desktop.collector", "reslib_desktop.gui")


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
            # quick_library: the facade's read-only sibling for one search without SQLAlchemy
            ("reslib_desktop.library", "reslib_desktop.quick_library", "reslib_desktop.paths",
             "reslib_desktop.commands")))
        or module.startswith(("sqlalchemy", "sqlite3"))
    ]
    assert offenders == []


# Modules above the core: they may use the facade. Everything else is core and must not import it back.
FACADE_USERS = ("library.py", "cli.py", "__main__.py", "gui/", "commands/")
# start_trial seeds a trial server by syncing a whole admin laptop, which is what the facade does.
CORE_MAY_USE_FACADE = {"server/trial.py"}


def test_core_modules_never_import_the_library_facade_above_them() -> None:
    """ingest/, offline/, bundle/, store/, ... take an Engine or a small protocol (store/library_handle.py)."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(FACADE_USERS) or relative in CORE_MAY_USE_FACADE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):  # also imports inside functions and `if TYPE_CHECKING:` blocks
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            if any(name == "reslib_desktop.library" for name in names):
                offenders.append(f"{relative}:{node.lineno}")
    assert offenders == []


def _runtime_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement except those under `if TYPE_CHECKING:` (never run)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _gui_import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    modules = {
        ".".join(("reslib_desktop", *path.relative_to(package).with_suffix("").parts)).removesuffix(".__init__"): path
        for path in (package / "gui").rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets: set[str] = set()
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
            targets |= {name for name in names if name in modules and name != module}
        graph[module] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def test_the_cycle_finder_sees_run_time_imports_and_ignores_type_checking_ones(tmp_path: Path) -> None:
    gui = tmp_path / "gui"
    (gui / "offline").mkdir(parents=True)
    (gui / "__init__.py").write_text("")
    (gui / "offline" / "__init__.py").write_text("")
    (gui / "window.py").write_text("from reslib_desktop.gui.offline import controller\n")
    (gui / "offline" / "controller.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from reslib_desktop.gui.window import Window\n")
    assert _cycles(_gui_import_graph(tmp_path)) == []
    (gui / "offline" / "client.py").write_text("def later():\n    import reslib_desktop.gui.window\n")
    (gui / "offline" / "controller.py").write_text("from reslib_desktop.gui.offline.client import later\n")
    assert _cycles(_gui_import_graph(tmp_path)) == [
        ["reslib_desktop.gui.offline.client", "reslib_desktop.gui.offline.controller", "reslib_desktop.gui.window"]]


def test_gui_modules_import_each_other_without_cycles() -> None:
    """Imports that run (also inside functions) point one way; `if TYPE_CHECKING:` imports are for types only."""
    assert _cycles(_gui_import_graph()) == []


THREAD_MAKERS = {"QRunnable", "QThreadPool", "QThread", "Thread", "ThreadPoolExecutor", "QtConcurrent"}


def test_gui_runs_background_work_only_through_the_task_runner() -> None:
    """One way to leave the GUI thread (gui/task_runner.py): no other thread pools, runnables or threads in gui/."""
    offenders = []
    for path in sorted((PACKAGE / "gui").rglob("*.py")):
        if path.name == "task_runner.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            if name in THREAD_MAKERS:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert offenders == []
