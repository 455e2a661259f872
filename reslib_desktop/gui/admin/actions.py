"""The admin menu actions of the main window, wired in one call: `install_admin(window)`.

File → Import… (Ctrl+I), Export results…, Export library…; Edit → Edit resource… (F2),
Delete resource… (Shift+Delete); Tools → Import history…, Possible duplicates….
F2 and Shift+Delete act in the results table and the details pane only (F2 renames a saved
search where that list has focus). After any change the window searches again.
Installing costs no start-up time: the dialogs and the import core load on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from reslib_desktop.gui.admin import prompts
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP
from reslib_desktop.gui.results_model import ResourceIdRole

if TYPE_CHECKING:  # loaded on first use, not at start-up
    from reslib_desktop.gui.admin.delete_action import ResourceDeleter
    from reslib_desktop.gui.admin.duplicates_view import DuplicatesDialog
    from reslib_desktop.gui.admin.export_action import ExportJob
    from reslib_desktop.gui.admin.history_dialog import HistoryDialog
    from reslib_desktop.gui.admin.import_dialog import ImportDialog
    from reslib_desktop.gui.admin.metadata_editor import MetadataEditor
    from reslib_desktop.gui.task_runner import Lane
    from reslib_desktop.library import ImportService

MESSAGE_MS = 8000


def _menu(window, title: str, before: str | None = None) -> QMenu:
    """The window's menu `title` (MainWindow context), created before the menu `before` if missing."""
    bar = window.menuBar()

    def find(name: str):
        wanted = QCoreApplication.translate("MainWindow", name).replace("&", "")
        return next((a for a in bar.actions() if a.menu() is not None and a.text().replace("&", "") == wanted), None)

    found = find(title)
    if found is not None:
        return found.menu()
    menu = QMenu(QCoreApplication.translate("MainWindow", title), bar)
    anchor = find(before) if before else None
    if anchor is not None:
        bar.insertMenu(anchor, menu)
    else:
        bar.addMenu(menu)
    return menu


class AdminActions(QObject):
    """Owns the admin actions of one window; `libraryChanged()` after an import, edit, delete, undo or merge."""

    libraryChanged = Signal()

    def __init__(
        self,
        window,
        *,
        cache_dir: Path | None = None,
        choose_files: prompts.ChooseFiles = prompts.choose_import_files,
        choose_folder: prompts.ChooseFolder = prompts.choose_import_folder,
        choose_path: prompts.ChooseSavePath = prompts.choose_export_path,
        confirm: prompts.Confirm = prompts.confirm,
        lane: Lane | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        offline = getattr(window, "offline", None)
        self.cache_dir = cache_dir if cache_dir is not None else (offline.cache_dir if offline is not None else None)
        self._service: ImportService | None = None
        self._deleter: ResourceDeleter | None = None
        self._choose_files, self._choose_folder = choose_files, choose_folder
        self._choose_path, self._confirm, self._lane = choose_path, confirm, lane
        self.dialog: QDialog | None = None  # the admin window opened last
        self.export_job: ExportJob | None = None
        self.import_action = self._action(self.tr("&Import…"), self.open_import, "Ctrl+I")
        self.export_results_action = self._action(self.tr("Export &results…"), self.export_results)
        self.export_library_action = self._action(self.tr("Export &library…"), self.export_library)
        self.edit_action = self._action(self.tr("&Edit resource…"), self.edit_current, "F2", local=True)
        self.delete_action = self._action(self.tr("&Delete resource…"), self.delete_selected, "Shift+Del", local=True)
        self.history_action = self._action(self.tr("Import &history…"), self.open_history)
        self.duplicates_action = self._action(self.tr("Possible &duplicates…"), self.open_duplicates)
        window.table.selectionModel().selectionChanged.connect(self._update_actions)
        window.controller.resultsReady.connect(self._results_shown)
        self._pending_message = ""
        self._update_actions()

    def _action(self, text: str, slot, key: str | None = None, local: bool = False) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        if key:
            action.setShortcut(QKeySequence(key))
        if local:  # only where a resource is selected: the results table and the details pane
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.window.table.addAction(action)
            self.window.details.addAction(action)
        return action

    @property
    def service(self) -> ImportService:
        """The import/export core of this library (loaded on first use)."""
        if self._service is None:
            from reslib_desktop.library import ImportService

            self._service = ImportService(self.library, self.cache_dir)
        return self._service

    @property
    def deleter(self) -> ResourceDeleter:
        if self._deleter is None:
            from reslib_desktop.gui.admin.delete_action import ResourceDeleter

            self._deleter = ResourceDeleter(self.library, self.window, confirm=self._confirm, lane=self._lane)
            self._deleter.deleted.connect(self._deleted)
            self._deleter.failed.connect(self._say)
        return self._deleter

    def add_to_menus(self) -> None:
        """File (before Quit), a new Edit menu after File, a new Tools menu before Help."""
        file_menu = _menu(self.window, "&File")
        items = (self.import_action, self.export_results_action, self.export_library_action)
        if file_menu.actions():
            first = file_menu.actions()[0]
            file_menu.insertActions(first, list(items))
            file_menu.insertSeparator(first)
        else:
            file_menu.addActions(list(items))
        edit_menu = _menu(self.window, QT_TRANSLATE_NOOP("MainWindow", "&Edit"), before="&View")
        edit_menu.addActions([self.edit_action, self.delete_action])
        tools_menu = _menu(self.window, QT_TRANSLATE_NOOP("MainWindow", "&Tools"), before="&Help")
        tools_menu.addActions([self.history_action, self.duplicates_action])

    # --- what is selected -----------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        """Resources selected in the results table, in table order."""
        rows = sorted(self.window.table.selectionModel().selectedRows(), key=lambda index: index.row())
        return [index.data(ResourceIdRole) for index in rows if index.data(ResourceIdRole) is not None]

    def current_id(self) -> int | None:
        index = self.window.table.currentIndex()
        resource_id = index.data(ResourceIdRole) if index.isValid() else None
        if resource_id is None and self.selected_ids():
            resource_id = self.selected_ids()[0]
        return resource_id

    def _results_shown(self, _outcome: object) -> None:
        """After the window's own slot (it clears the status bar): say what the last change did."""
        self._update_actions()
        if self._pending_message:
            self.window.statusBar().showMessage(self._pending_message, MESSAGE_MS)
            self._pending_message = ""

    def _update_actions(self, *_args: object) -> None:
        selected = bool(self.selected_ids()) or self.current_id() is not None
        self.edit_action.setEnabled(selected)
        self.delete_action.setEnabled(selected)
        self.export_results_action.setEnabled(self.window.model.query is not None and self.window.model.total > 0)

    # --- actions --------------------------------------------------------------------------------------
    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_import(self) -> ImportDialog:
        from reslib_desktop.gui.admin.import_dialog import ImportDialog

        dialog = ImportDialog(
            self.service,
            self.window,
            choose_files=self._choose_files,
            choose_folder=self._choose_folder,
            lane=self._lane,
        )
        dialog.imported.connect(self._imported)
        self._show(dialog)
        return dialog

    def edit_current(self) -> MetadataEditor | None:
        resource_id = self.current_id()
        if resource_id is None:
            return None
        from reslib_desktop.gui.admin.metadata_editor import MetadataEditor

        editor = MetadataEditor(self.library, resource_id, self.window, confirm=self._confirm, lane=self._lane)
        editor.saved.connect(self._saved)
        editor.deleted.connect(self._deleted)
        self._show(editor)
        return editor

    def delete_selected(self) -> bool:
        current = self.current_id()
        ids = self.selected_ids() or ([current] if current is not None else [])
        return self.deleter.delete(ids)

    def open_history(self) -> HistoryDialog:
        from reslib_desktop.gui.admin.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.service, self.window, confirm=self._confirm, lane=self._lane)
        dialog.changed.connect(self._changed)
        self._show(dialog)
        return dialog

    def open_duplicates(self) -> DuplicatesDialog:
        from reslib_desktop.gui.admin.duplicates_view import DuplicatesDialog

        dialog = DuplicatesDialog(self.service, self.window, lane=self._lane)
        dialog.changed.connect(self._changed)
        self._show(dialog)
        return dialog

    def export_results(self) -> ExportJob | None:
        """Every result of the search shown (in its order), not only the rows loaded."""
        from reslib_desktop.gui.admin.export_action import export_resources

        query = self.window.model.query
        if query is None:
            return None
        library = self.library
        job = export_resources(
            self.window,
            library,
            lambda: library.all_resource_ids(query),
            None,
            choose_path=self._choose_path,
            lane=self._lane,
        )
        return self._watch(job)

    def export_library(self) -> ExportJob | None:
        from reslib_desktop.gui.admin.export_action import export_library

        job = export_library(self.window, self.library, None, choose_path=self._choose_path, lane=self._lane)
        return self._watch(job)

    # --- after a change ---------------------------------------------------------------------------------
    def _watch(self, job: ExportJob | None) -> ExportJob | None:
        if job is not None:
            self.export_job = job
            job.finished.connect(self._exported)
            job.failed.connect(self._say)
        return job

    def _exported(self, _count: int, _path: object) -> None:
        if self.export_job is not None:
            self._say(self.export_job.message)

    def _imported(self, batch_id: int) -> None:
        self._changed(self.tr("Imported as batch %1 (undo in Tools → Import history).").replace("%1", str(batch_id)))

    def _saved(self, _resource_id: int) -> None:
        self._changed(self.tr("Saved (undo in Tools → Import history)."))

    def _deleted(self, ids: list) -> None:
        self._changed(self.tr("Deleted %Ln resources (undo in Tools → Import history).", "", len(ids)))

    def _changed(self, message: str = "") -> None:
        """Search again (the results, facets and details show the change), then say `message`."""
        self._pending_message = message
        self.window.controller.refresh()
        self.libraryChanged.emit()

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)


def install_admin(window, **options) -> AdminActions:
    """Add the admin actions to a MainWindow's menus (call before `install_shortcuts`); returns them."""
    actions = AdminActions(window, **options)
    actions.add_to_menus()
    return actions


__all__ = ["AdminActions", "install_admin"]
