"""Pieces of the Import dialog: the duplicate-policy choice, the texts of counts and summaries, and
the preview rows that grow to show their Reason (three whole rows always in view)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QRadioButton,
    QTableView,
    QWidget,
)

from reslib_desktop.gui.admin.preview_model import REASON, WARNING
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP, local_number, translate
from reslib_desktop.library import DuplicatePolicy, ImportResult

FORMAT_CHOICES = (
    ("auto", QT_TRANSLATE_NOOP("ImportDialog", "Detect from the content")),
    ("json", "JSON"),
    ("csv", "CSV"),
    ("html", QT_TRANSLATE_NOOP("ImportDialog", "Web page (HTML)")),
    ("seed", QT_TRANSLATE_NOOP("ImportDialog", "Seed page text")),
    ("pdf-folder", QT_TRANSLATE_NOOP("ImportDialog", "PDF files or a folder of PDFs")),
)
POLICY_CHOICES = (
    (DuplicatePolicy.KEEP, QT_TRANSLATE_NOOP("ImportDialog", "&Keep both (import them, flagged for review)")),
    (DuplicatePolicy.SKIP, QT_TRANSLATE_NOOP("ImportDialog", "&Skip them")),
    (DuplicatePolicy.MERGE, QT_TRANSLATE_NOOP("ImportDialog", "&Merge them into the resource they resemble")),
)
ERRORS_TEXT = QT_TRANSLATE_NOOP(
    "ImportDialog", "Fix the errors or remove those rows from the file; nothing has been imported."
)


class ImportCounts(QObject):
    """The translation context of the import's counts (module-level plurals need a class for lupdate)."""




class PolicyBox(QGroupBox):
    """Skip / merge / keep both for possible duplicates (keep both by default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("ImportDialog", "Possible duplicates"), parent)
        self.setAccessibleName(translate("ImportDialog", "What to do with possible duplicates"))
        self.group = QButtonGroup(self)
        layout = QGridLayout(self)  # two a row: the three choices in one row did not fit 1024 px at 150% text
        self.buttons: dict[DuplicatePolicy, QRadioButton] = {}
        for number, (policy, label) in enumerate(POLICY_CHOICES):
            button = QRadioButton(translate("ImportDialog", label), self)
            self.group.addButton(button, number)
            self.buttons[policy] = button
            layout.addWidget(button, number // 2, number % 2)
        layout.setColumnStretch(2, 1)
        self.buttons[DuplicatePolicy.KEEP].setChecked(True)

    def policy(self) -> DuplicatePolicy:
        return next(policy for policy, button in self.buttons.items() if button.isChecked())

    def set_policy(self, policy: DuplicatePolicy) -> None:
        self.buttons[DuplicatePolicy(policy)].setChecked(True)


def counts_text(counts: dict[str, int]) -> str:
    """'3 new · 1 update · … · 2 errors · 1 warning' from `row_counts`."""
    # PySide6's stub types tr() as an instance method; PySide also allows Class.tr() (context: the class name).
    parts = (
        ImportCounts.tr("%Ln new", "", counts["new"]),  # type: ignore[arg-type]
        ImportCounts.tr("%Ln updates", "", counts["update"]),  # type: ignore[arg-type]
        ImportCounts.tr("%Ln unchanged", "", counts["unchanged"]),  # type: ignore[arg-type]
        ImportCounts.tr("%Ln possible duplicates", "", counts["duplicate"]),  # type: ignore[arg-type]
        ImportCounts.tr("%Ln errors", "", counts["error"]),  # type: ignore[arg-type]
        ImportCounts.tr("%Ln warnings", "", counts[WARNING]),  # type: ignore[arg-type]
    )
    return " · ".join(parts)


def summary_text(result: ImportResult) -> str:
    """What an applied import did, with its batch number."""
    duplicates = result.flagged + result.merged + result.skipped
    # Class.tr(): see counts_text
    parts = [
        ImportCounts.tr("%Ln added", "", result.added),  # type: ignore[arg-type]
        ImportCounts.tr("%Ln updated", "", result.updated),  # type: ignore[arg-type]
        ImportCounts.tr("%Ln skipped (unchanged or duplicates)", "", result.unchanged + result.skipped),  # type: ignore[arg-type]
        ImportCounts.tr("%Ln possible duplicates (%1 flagged, %2 merged, %3 skipped)", "", duplicates)  # type: ignore[arg-type]
        .replace("%1", local_number(result.flagged))
        .replace("%2", local_number(result.merged))
        .replace("%3", local_number(result.skipped)),
    ]
    return (
        translate("ImportDialog", "Imported as batch %1: %2. Undo it from Tools → Import history.")
        .replace("%1", str(result.batch_id))
        .replace("%2", ", ".join(parts))
    )


class ReasonRows(QObject):
    """The preview table's rows grow to show their whole Reason (wrapped at the column's width), up to a
    third of the table's visible height (at least two lines): three whole rows always show, even with 150%
    text on a small screen. A reason cut short ends in "…"; its tooltip and the text screen readers read
    hold all of it.

    Rows are fitted after every change of the rows shown, of the Reason column's width and of the table's
    height; previews longer than MAX_FITTED rows keep one line per row (fitting them would stall the
    dialog): their reasons are in the tooltips.
    """

    MAX_FITTED = 2000
    WHOLE_ROWS = 3

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(lambda *_: self._timer.start())
        table.horizontalHeader().sectionResized.connect(
            lambda column, *_: self._timer.start() if column == REASON else None
        )
        table.viewport().installEventFilter(self)  # its height sets the tallest a row may be

    def two_lines(self) -> int:
        """The height of a row of two lines of text."""
        return 2 * self.table.fontMetrics().lineSpacing() + 8

    def minimum_height(self) -> int:
        """The table's height for its header and WHOLE_ROWS rows of two lines."""
        header = self.table.horizontalHeader().sizeHint().height()
        return header + self.WHOLE_ROWS * self.two_lines() + 2 * self.table.frameWidth()

    def row_cap(self) -> int:
        """The tallest a row may be: a third of the table's view, at least two lines."""
        return max(self.two_lines(), self.table.viewport().height() // self.WHOLE_ROWS)

    def fit(self) -> None:
        if self.table.model().rowCount() <= self.MAX_FITTED:
            self.table.verticalHeader().setMaximumSectionSize(self.row_cap())
            self.table.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The table's view got taller or shorter: fit the rows again."""
        if isinstance(event, QResizeEvent) and event.size().height() != event.oldSize().height():
            self._timer.start()
        return False
