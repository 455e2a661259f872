"""Pieces of the Import dialog: the duplicate-policy choice, the texts of counts and summaries, and
the preview rows that grow to show their whole Reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QTableView,
    QWidget,
)

from reslib_desktop.gui.admin.preview_model import REASON, WARNING
from reslib_desktop.library import DuplicatePolicy, ImportResult

FORMAT_CHOICES = (
    ("auto", "Detect from the content"),
    ("json", "JSON"),
    ("csv", "CSV"),
    ("html", "Web page (HTML)"),
    ("seed", "Seed page text"),
    ("pdf-folder", "PDF files or a folder of PDFs"),
)
POLICY_CHOICES = (
    (DuplicatePolicy.KEEP, "&Keep both (import them, flagged for review)"),
    (DuplicatePolicy.SKIP, "&Skip them"),
    (DuplicatePolicy.MERGE, "&Merge them into the resource they resemble"),
)
ERRORS_TEXT = "Fix the errors or remove those rows from the file; nothing has been imported."
_COUNT_LABELS = (
    ("new", "new"),
    ("update", "updates"),
    ("unchanged", "unchanged"),
    ("duplicate", "possible duplicates"),
    ("error", "errors"),
    (WARNING, "warnings"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class PolicyBox(QGroupBox):
    """Skip / merge / keep both for possible duplicates (keep both by default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Possible duplicates"), parent)
        self.setAccessibleName(_tr("What to do with possible duplicates"))
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        self.buttons: dict[DuplicatePolicy, QRadioButton] = {}
        for number, (policy, label) in enumerate(POLICY_CHOICES):
            button = QRadioButton(_tr(label), self)
            self.group.addButton(button, number)
            self.buttons[policy] = button
            layout.addWidget(button)
        self.buttons[DuplicatePolicy.KEEP].setChecked(True)

    def policy(self) -> DuplicatePolicy:
        return next(policy for policy, button in self.buttons.items() if button.isChecked())

    def set_policy(self, policy: DuplicatePolicy) -> None:
        self.buttons[DuplicatePolicy(policy)].setChecked(True)


def counts_text(counts: dict[str, int]) -> str:
    """'3 new · 1 updates · … · 2 errors · 1 warnings' from `row_counts`."""
    return " · ".join(f"{counts[key]} {_tr(label)}" for key, label in _COUNT_LABELS)


def summary_text(result: ImportResult) -> str:
    """What an applied import did, with its batch number."""
    duplicates = result.flagged + result.merged + result.skipped
    parts = [
        _tr("%1 added").replace("%1", str(result.added)),
        _tr("%1 updated").replace("%1", str(result.updated)),
        _tr("%1 skipped (unchanged or duplicates)").replace("%1", str(result.unchanged + result.skipped)),
        _tr("%1 possible duplicates (%2 flagged, %3 merged, %4 skipped)")
        .replace("%1", str(duplicates))
        .replace("%2", str(result.flagged))
        .replace("%3", str(result.merged))
        .replace("%4", str(result.skipped)),
    ]
    return (
        _tr("Imported as batch %1: %2. Undo it from Tools → Import history.")
        .replace("%1", str(result.batch_id))
        .replace("%2", ", ".join(parts))
    )


class ReasonRows(QObject):
    """The preview table's rows grow to show their whole Reason (wrapped at the column's width).

    Rows are fitted after every change of the rows shown and of the Reason column's width; previews
    longer than MAX_FITTED rows keep one line per row (fitting them would stall the dialog): their
    reasons are in the tooltips.
    """

    MAX_FITTED = 2000

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        table.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(lambda *_: self._timer.start())
        table.horizontalHeader().sectionResized.connect(lambda column, *_: self._timer.start() if column == REASON else None)

    def fit(self) -> None:
        if self.table.model().rowCount() <= self.MAX_FITTED:
            self.table.resizeRowsToContents()
