"""The metadata editor: every field of one resource, its attachments, inline validation, Save or Cancel.

Save runs in a worker through the editing core (one transaction, recorded as
an undoable batch) and emits `saved(resource_id)`; "Delete resource…" asks
first and emits `deleted(ids)`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.admin.attachments_editor import AttachmentsEditor
from reslib_desktop.gui.admin.delete_action import ResourceDeleter
from reslib_desktop.gui.admin.prompts import Confirm, confirm
from reslib_desktop.gui.dialog_fit import fit_to_screen
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, local_date, type_text
from reslib_desktop.gui.task_runner import Lane, Task, TaskRunner, error_text
from reslib_desktop.gui.theme import error_color
from reslib_desktop.library import (
    TYPE_LABELS,
    EditCheck,
    EditService,
    Library,
    Precision,
    ResourceEdit,
    check_edit,
    split_names,
)

_PRECISION_TEXT = {
    Precision.DAY: QT_TRANSLATE_NOOP("MetadataEditor", "Read as a day: %1"),
    Precision.MONTH: QT_TRANSLATE_NOOP("MetadataEditor", "Read as a month: %1"),
    Precision.YEAR: QT_TRANSLATE_NOOP("MetadataEditor", "Read as a year: %1"),
}


def _line(parent: QWidget, name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class MetadataEditor(QDialog):
    """Edit one resource; `saved(resource_id)` after a save, `deleted(ids)` after a delete."""

    saved = Signal(int)
    deleted = Signal(list)

    def __init__(
        self,
        library: Library,
        resource_id: int,
        parent: QWidget | None = None,
        *,
        editing: EditService | None = None,
        confirm: Confirm = confirm,
        lane: Lane | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.resource_id = resource_id
        self.editing = editing or EditService(library)
        self._lane = lane
        self._tasks = TaskRunner(self)
        self._task: Task | None = None
        self.check = EditCheck()
        self.deleter = ResourceDeleter(library, self, editing=self.editing, confirm=confirm, lane=lane)
        self.setWindowTitle(self.tr("Edit resource"))
        self.setAccessibleName(self.tr("Edit resource"))
        self._build()
        self._problems: tuple[list[str], list[str]] = ([], [])  # errors and warnings shown
        self.original = self.editing.load(resource_id)
        if self.original is not None:
            self.set_edit(self.original)
        self._connect()
        self.validate()
        if self.original is None:
            self._set_busy(True)
            self.problems.setText(self.tr("This resource no longer exists (it was deleted or merged)."))
            self.cancel_button.setEnabled(True)
        fit_to_screen(self, QSize(760, 700))

    # --- construction -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = _line(self, self.tr("Title"))
        self.subtitle = _line(self, self.tr("Subtitle"))
        self.date = _line(self, self.tr("Date"), self.tr("e.g. February 13, 2024 · September 2020 · 2016"))
        self.date_hint = QLabel(self)
        self.date_hint.setAccessibleName(self.tr("How the date is read"))
        self.type_combo = QComboBox(self)
        self.type_combo.setEditable(True)
        self.type_combo.setAccessibleName(self.tr("Type"))
        type_line = self.type_combo.lineEdit()
        if type_line is not None:
            type_line.setAccessibleName(self.tr("Type"))
        self.type_combo.addItem("", None)
        for value in TYPE_LABELS:
            self.type_combo.addItem(type_text(value), value)
        self.topics = _line(self, self.tr("Topics"), self.tr("separated by ; or ,"))
        self.audiences = _line(self, self.tr("Audiences"), self.tr("separated by ; or ,"))
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(90)
        self.source_url = _line(self, self.tr("Source URL"), "https://…")
        self.language = _line(self, self.tr("Language"), self.tr("e.g. en"))
        self.language.setMaximumWidth(120)
        self.attachments = AttachmentsEditor(self)
        self.attachments.setMinimumHeight(120)

        date_row = QHBoxLayout()
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.date_hint, 1)
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("Su&btitle:"), self.subtitle)
        form.addRow(self._buddy(self.tr("Dat&e:"), self.date), date_row)
        form.addRow(self.tr("T&ype:"), self.type_combo)
        form.addRow(self.tr("T&opics:"), self.topics)
        form.addRow(self.tr("&Audiences:"), self.audiences)
        form.addRow(self.tr("Descr&iption:"), self.description)
        form.addRow(self.tr("Source U&RL:"), self.source_url)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self._buddy(self.tr("Atta&chments:"), self.attachments.table), self.attachments)

        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName(self.tr("Problems with the fields"))
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save the resource"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel: close without saving"))
        self.delete_button = QPushButton(self.tr("&Delete resource…"), self)
        self.delete_button.setAccessibleName(self.tr("Delete this resource"))
        self.delete_button.setAutoDefault(False)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def _connect(self) -> None:
        for edit in (self.title, self.subtitle, self.date, self.topics, self.audiences, self.source_url, self.language):
            edit.textChanged.connect(self.validate)
        self.type_combo.currentTextChanged.connect(self.validate)
        self.description.textChanged.connect(self.validate)
        self.attachments.changed.connect(self.validate)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.delete_button.clicked.connect(self.delete_resource)
        self.deleter.deleted.connect(self._deleted)
        self.deleter.failed.connect(self._failed_message)

    # --- values -------------------------------------------------------------------------------------------
    def set_edit(self, edit: ResourceEdit) -> None:
        """Show these values in the fields."""
        self.title.setText(edit.title)
        self.subtitle.setText(edit.subtitle or "")
        self.date.setText(edit.date_text or "")
        self.set_type(edit.resource_type)
        self.topics.setText("; ".join(edit.topics))
        self.audiences.setText("; ".join(edit.audiences))
        self.description.setPlainText(edit.description)
        self.source_url.setText(edit.source_url or "")
        self.language.setText(edit.language or "")
        self.attachments.set_attachments(edit.attachments)

    def set_type(self, value: str | None) -> None:
        index = self.type_combo.findData(value)
        if index < 0:
            self.type_combo.addItem(type_text(value), value)
            index = self.type_combo.count() - 1
        self.type_combo.setCurrentIndex(index)

    def type_value(self) -> str | None:
        text = self.type_combo.currentText().strip()
        index = self.type_combo.findText(text)
        if index >= 0:
            return self.type_combo.itemData(index)
        return text or None

    def edit(self) -> ResourceEdit:
        """The fields as an edit (what Save writes)."""
        return ResourceEdit(
            title=self.title.text(),
            description=self.description.toPlainText(),
            subtitle=self.subtitle.text() or None,
            date_text=self.date.text() or None,
            resource_type=self.type_value(),
            topics=split_names(self.topics.text()),
            audiences=split_names(self.audiences.text()),
            attachments=self.attachments.attachments(),
            source_url=self.source_url.text() or None,
            language=self.language.text() or None,
        )

    # --- validation ---------------------------------------------------------------------------------------
    def validate(self) -> EditCheck:
        """Check the fields now: errors block Save, warnings do not; the date's reading is shown live."""
        self.check = check_edit(self.edit())
        published = self.check.published
        if published.precision in _PRECISION_TEXT:
            self.date_hint.setText(
                self.tr(_PRECISION_TEXT[published.precision]).replace(
                    "%1", local_date(published.value, published.precision.value)
                )
            )
        elif self.date.text().strip():
            self.date_hint.setText(self.tr("Not understood: kept as text, undated"))
        else:
            self.date_hint.setText(self.tr("No date"))
        self._show_problems(self.check.errors, self.check.warnings)
        self.problems.setAccessibleDescription("; ".join(self.check.errors + self.check.warnings))
        self.title.setAccessibleDescription(
            "; ".join(e for e in self.check.errors if "title" in e) if self.check.errors else ""
        )
        self.save_button.setEnabled(self.check.ok and self._task is None and self.original is not None)
        return self.check

    def _show_problems(self, errors: list[str], warnings: list[str]) -> None:
        """Errors (in the theme's error colour) and warnings under the fields."""
        self._problems = (list(errors), list(warnings))
        color = error_color(self.palette()).name()  # the label's own palette follows only after the dialog's
        lines = [f"<span style='color:{color}'>✖ {html.escape(e)}</span>" for e in errors]
        lines += [f"<span>⚠ {html.escape(w)}</span>" for w in warnings]
        self.problems.setText("<br>".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_problems"):  # not while being built
            self._show_problems(*self._problems)  # the theme changed: the error colour follows

    # --- actions ------------------------------------------------------------------------------------------
    def save(self) -> None:
        """Write the fields in a worker (one transaction); `saved(resource_id)` and close when done."""
        if not self.validate().ok or self._task is not None:
            return
        edit, editing, resource_id = self.edit(), self.editing, self.resource_id
        self._task = self._tasks.run(lambda: editing.save(resource_id, edit), self._saved, self._save_failed,
                                     lane=self._lane)
        self._set_busy(True)

    def _saved(self, _batch_id: int) -> None:
        self._task = None
        self.saved.emit(self.resource_id)
        self.accept()

    def _save_failed(self, error: object) -> None:
        self._failed_message(self.tr("Not saved: %1").replace("%1", error_text(error)))

    def _failed_message(self, message: str) -> None:
        self._task = None
        self._set_busy(False)
        self.validate()
        self._show_problems([message], [])

    def delete_resource(self) -> None:
        if self.deleter.delete([self.resource_id]):
            self._set_busy(True)

    def _deleted(self, ids: list) -> None:
        self.deleted.emit(ids)
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.title,
            self.subtitle,
            self.date,
            self.type_combo,
            self.topics,
            self.audiences,
            self.description,
            self.source_url,
            self.language,
            self.attachments,
            self.delete_button,
        ):
            widget.setEnabled(not busy)
        self.save_button.setEnabled(not busy and self.check.ok and self.original is not None)
        self.cancel_button.setEnabled(not busy)

    def reject(self) -> None:
        if self._task is None and not self.deleter.busy:
            super().reject()
