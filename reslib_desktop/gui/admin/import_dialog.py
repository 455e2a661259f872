"""The Import dialog: choose or drop inputs, preview every record, choose the duplicate policy, apply.

Reading and matching (the preview) and applying run in workers; the dialog
never blocks. Apply is refused while any row has an error: an import is all
or nothing. Cancel during apply rolls everything back. `imported(batch_id)`
after a successful apply.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.a11y import announce
from reslib_desktop.gui.admin.column_mapping import ColumnMapping
from reslib_desktop.gui.admin.import_parts import (
    ERRORS_TEXT,
    FORMAT_CHOICES,
    PolicyBox,
    ReasonRows,
    counts_text,
    summary_text,
)
from reslib_desktop.gui.admin.input_list import InputList, local_paths
from reslib_desktop.gui.admin.preview_model import (
    FILTERS,
    REASON,
    SOURCE,
    STATUS,
    TITLE,
    PreviewFilter,
    PreviewModel,
    PreviewRow,
    preview_rows,
)
from reslib_desktop.gui.admin.prompts import (
    ChooseFiles,
    ChooseFolder,
    choose_import_files,
    choose_import_folder,
)
from reslib_desktop.gui.dialog_fit import fit_to_screen
from reslib_desktop.gui.i18n import translate
from reslib_desktop.gui.task_runner import Lane, Task, TaskRunner, error_text
from reslib_desktop.library import (
    DuplicatePolicy,
    ImportCancelled,
    ImportOptions,
    ImportPreview,
    ImportRefused,
    ImportResult,
    ImportService,
    detected_format,
    unknown_columns,
)

_PREVIEW = "preview"  # newest only: reading the inputs again drops an older preview


class ImportDialog(QDialog):
    """Import resources into the library of `service`; `imported(batch_id)` once applied."""

    imported = Signal(int)

    def __init__(
        self,
        service: ImportService,
        parent: QWidget | None = None,
        *,
        choose_files: ChooseFiles = choose_import_files,
        choose_folder: ChooseFolder = choose_import_folder,
        user: str | None = None,
        lane: Lane | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._choose_files = choose_files
        self._choose_folder = choose_folder
        self._user = user
        self._lane = lane
        self._tasks = TaskRunner(self)
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self._apply_task: Task | None = None
        self._close_when_done = False
        self.setWindowTitle(self.tr("Import resources"))
        self.setAccessibleName(self.tr("Import resources"))
        self.setAcceptDrops(True)
        self._build()
        self._connect()
        fit_to_screen(self, QSize(980, 660))
        self._update_state()

    # --- construction -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.inputs = InputList(self)
        files_label = QLabel(self.tr("Fi&les to import (or drop files and folders here):"), self)
        files_label.setBuddy(self.inputs.list)
        self.format_combo = QComboBox(self)
        self.format_combo.setAccessibleName(self.tr("Input format"))
        for value, label in FORMAT_CHOICES:
            self.format_combo.addItem(translate("ImportDialog", label), value)
        self.base_url = QLineEdit(self)
        self.base_url.setAccessibleName(self.tr("Base URL for relative links of saved web pages"))
        self.base_url.setPlaceholderText(self.tr("https://… (resolves relative links of saved web pages)"))
        self.base_url.setClearButtonEnabled(True)
        options = QFormLayout()
        options.addRow(self.tr("Forma&t:"), self.format_combo)
        options.addRow(self.tr("&Base URL:"), self.base_url)
        self.mapping = ColumnMapping(self)

        self.filter_combo = QComboBox(self)
        self.filter_combo.setAccessibleName(self.tr("Show preview rows"))
        for key, (label, _statuses) in FILTERS.items():
            self.filter_combo.addItem(translate("PreviewModel", label), key)
        show_label = QLabel(self.tr("S&how:"), self)
        show_label.setBuddy(self.filter_combo)
        self.counts_label = QLabel(self)
        self.counts_label.setAccessibleName(self.tr("Preview counts"))
        self.counts_label.setWordWrap(True)
        filter_row = QHBoxLayout()
        filter_row.addWidget(show_label)
        filter_row.addWidget(self.filter_combo)
        filter_row.addWidget(self.counts_label, 1)

        self.model = PreviewModel(self)
        self.proxy = PreviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Import preview"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move between cells)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        for column, width in ((STATUS, 150), (TITLE, 260), (SOURCE, 160)):
            self.table.setColumnWidth(column, width)
        self.reason_rows = ReasonRows(self.table)  # reasons wrap, rows grow: three whole rows in view
        # Three rows always show: on a small screen with large text, the parts around the table scroll instead.
        self.table.setMinimumHeight(self.reason_rows.minimum_height())

        self.policy_box = PolicyBox(self)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Import status"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setVisible(False)
        self.apply_button = QPushButton(self.tr("&Import"), self)
        self.apply_button.setAccessibleName(self.tr("Import the previewed records"))
        self.cancel_button = QPushButton(self.tr("&Cancel import"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the import; nothing is changed"))
        self.cancel_button.setVisible(False)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close the import dialog"))
        for push in (self.cancel_button, self.close_button):
            push.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(files_label)
        layout.addWidget(self.inputs)
        layout.addLayout(options)
        layout.addWidget(self.mapping)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.policy_box)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.inputs.changed.connect(self.refresh_preview)
        self.inputs.addFilesRequested.connect(self.choose_files)
        self.inputs.addFolderRequested.connect(self.choose_folder)
        self.format_combo.currentIndexChanged.connect(lambda _index: self.refresh_preview())
        self.base_url.editingFinished.connect(self._base_url_changed)
        self.mapping.mappingChanged.connect(self.refresh_preview)
        self.filter_combo.currentIndexChanged.connect(
            lambda _index: self.proxy.set_filter(self.filter_combo.currentData())
        )
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.close_button.clicked.connect(self.reject)
        self._last_base_url = ""

    # --- inputs -------------------------------------------------------------------------------------------
    def choose_files(self) -> None:
        self.add_paths(self._choose_files(self))

    def choose_folder(self) -> None:
        folder = self._choose_folder(self)
        if folder is not None:
            self.add_paths([folder])

    def add_paths(self, paths: list[Path]) -> None:
        """Add inputs (files or folders); the preview is read again."""
        self.inputs.add_paths([Path(p) for p in paths])

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def set_policy(self, policy: DuplicatePolicy) -> None:
        self.policy_box.set_policy(policy)

    def policy(self) -> DuplicatePolicy:
        return self.policy_box.policy()

    def options(self) -> ImportOptions:
        return ImportOptions(
            format=self.format_combo.currentData(),
            column_map=self.mapping.mapping(),
            base_url=self.base_url.text().strip() or None,
            on_duplicate=self.policy(),
        )

    def _base_url_changed(self) -> None:
        if self.base_url.text().strip() != self._last_base_url:
            self._last_base_url = self.base_url.text().strip()
            self.refresh_preview()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.busy and local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if paths and not self.busy:
            self.add_paths(paths)
            event.acceptProposedAction()

    # --- preview ------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._apply_task is not None

    @property
    def previewing(self) -> bool:
        return self._tasks.busy(_PREVIEW)

    def refresh_preview(self) -> None:
        """Read and match the inputs again in a worker (a newer request supersedes an older one)."""
        self.import_result = None
        self.preview = None
        paths = self.inputs.paths()
        if not paths:
            self._tasks.discard(_PREVIEW)
            self.model.set_rows([])
            self.mapping.set_columns([])
            self._update_state()
            return
        options = self.options()
        service = self.service

        def work(progress, _cancelled):
            preview = service.preview(paths, options, progress)
            formats = {
                path: fmt if fmt != "auto" else detected_format(path)
                for path, fmt in zip(preview.inputs, preview.formats)
            }
            unknown = [header for path, fmt in formats.items() if fmt == "csv" for header in unknown_columns(path)]
            return preview, preview_rows(preview), formats, unknown

        self._tasks.run_reporting(work, self._previewed, self._preview_failed, self._show_progress, lane=self._lane,
                                  key=_PREVIEW)
        self._update_state()

    def _previewed(self, result: tuple[ImportPreview, list[PreviewRow], dict[Path, str], list[str]]) -> None:
        self.preview, rows, formats, unknown = result
        self.model.set_rows(rows)
        self.inputs.show_formats(formats)
        self.mapping.set_columns(unknown)
        self._update_state()
        announce(self.message, self.message.text())

    def _preview_failed(self, error: BaseException) -> None:
        self.model.set_rows([])
        self._update_state(self.tr("The files could not be read: %1").replace("%1", error_text(error)))

    # --- apply --------------------------------------------------------------------------------------------
    def can_apply(self) -> bool:
        preview = self.preview
        if preview is None or preview.has_errors or self.busy or self.previewing or self.import_result is not None:
            return False
        counts = preview.counts()
        return any(counts[key] for key in ("new", "update", "duplicate"))

    def apply(self) -> None:
        """Apply the preview in a worker, with progress; Cancel rolls it back."""
        if not self.can_apply():
            return
        preview, policy, user, service = self.preview, self.policy(), self._user, self.service
        assert preview is not None
        self._apply_task = self._tasks.run_reporting(
            lambda progress, cancelled: service.apply(preview, policy, progress, cancelled, user),
            self._applied, self._apply_failed, self._show_progress, lane=self._lane,
        )
        self._update_state(self.tr("Importing…"))

    def cancel_import(self) -> None:
        if self._apply_task is not None:
            self._apply_task.cancel()
            self.cancel_button.setEnabled(False)
            self.message.setText(self.tr("Cancelling…"))

    def _applied(self, result: ImportResult) -> None:
        self._apply_task = None
        self.import_result = result
        self._update_state(summary_text(result))
        announce(self.message, self.message.text())
        self.imported.emit(result.batch_id)
        self._finish_close()

    def _apply_failed(self, error: object) -> None:
        self._apply_task = None
        if isinstance(error, ImportCancelled):
            text = self.tr("The import was cancelled; nothing has been imported.")
        elif isinstance(error, ImportRefused):
            text = self.tr(
                "The library changed since the preview and the import would now fail (%1); "
                "nothing has been imported. The preview has been read again."
            )
            text = text.replace("%1", "; ".join(str(p) for p in error.problems[:3]))
        else:
            text = self.tr("The import failed (%1); nothing has been imported.").replace("%1", error_text(error))
        self._update_state(text)
        announce(self.message, text, assertive=True)
        if isinstance(error, ImportRefused):
            self.refresh_preview()
            self.message.setText(text)
        self._finish_close()

    # --- state --------------------------------------------------------------------------------------------
    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _update_state(self, message: str | None = None) -> None:
        busy = self.busy
        for widget in (self.inputs, self.format_combo, self.base_url, self.mapping, self.policy_box):
            widget.setEnabled(not busy)
        self.apply_button.setEnabled(self.can_apply())
        self.apply_button.setDefault(self.can_apply())
        self.close_button.setDefault(not self.can_apply() and not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy or self.previewing)
        if self.previewing or busy:
            self.progress.setRange(0, 0)
        self.counts_label.setText(counts_text(self.model.counts))
        self.message.setText(message if message is not None else self._state_text())

    def _state_text(self) -> str:
        if self.previewing:
            return self.tr("Reading the files…")
        if self.import_result is not None:
            return summary_text(self.import_result)
        preview = self.preview
        if preview is None:
            return self.tr("Add files or folders, or drop them here. Nothing is imported before you press Import.")
        if preview.has_errors:
            return translate("ImportDialog", ERRORS_TEXT) + " " + self.tr("(%Ln errors)", "", len(preview.errors))
        if not self.can_apply():
            return self.tr("Nothing to import: every record is already in the library as it is.")
        return self.tr("Ready: press Import to apply these changes as one batch (it can be undone).")

    def _finish_close(self) -> None:
        if self._close_when_done:
            super().reject()

    def reject(self) -> None:
        """Escape or Close: while applying, cancel first (nothing is changed) and close when it stops."""
        if self._apply_task is not None:
            self._close_when_done = True
            self.cancel_import()
            return
        self._tasks.discard(_PREVIEW)  # a preview still running is of no use any more
        super().reject()
