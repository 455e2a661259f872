"""The downloads view: overall progress, a per-file list, Cancel / Retry failed / Resume (for a dock or a dialog).

A run that ends with failed files raises an alert (the dock opens, the line names
each file and why, with a Retry of just those); a library with no download
addresses says so once, here, instead of runs that skip every file.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.a11y import announce
from reslib_desktop.gui.i18n import local_number
from reslib_desktop.gui.icons import icon
from reslib_desktop.gui.offline.availability import no_addresses_text
from reslib_desktop.gui.offline.controller import OfflineController
from reslib_desktop.gui.offline.downloads_model import (
    AttachmentIdRole,
    DownloadColumn,
    DownloadsModel,
    PercentRole,
)
from reslib_desktop.gui.offline.progress import (
    BatchProgress,
    RunReport,
    outcome_text,
    status_text,
)
from reslib_desktop.library import CacheState, CacheStatus

BAR_STEPS = 1000


class _PercentDelegate(QStyledItemDelegate):
    """Draws the Progress column as a small progress bar (text only when the percent is unknown)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        percent = index.data(PercentRole)
        if percent is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 1, -2, -1)
        bar.minimum, bar.maximum, bar.progress = 0, 100, int(percent)
        bar.text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bar.textVisible = True
        bar.state = option.state
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class DownloadsView(QWidget):
    """Shows the controller's downloads; its buttons call the controller.

    Signal `openRequested(attachment_id)`: a cached file's row was activated
    (double-click or Enter), e.g. to show it in the PDF pane.
    """

    openRequested = Signal(int)

    def __init__(self, controller: OfflineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAccessibleName(self.tr("Downloads"))
        self.model = DownloadsModel(self)
        self._failed_in_library = 0
        self._last_report: RunReport | None = None
        self._build()
        self._connect()
        self.model.update(controller.files())
        self._show_progress(controller.progress())
        self._show_resumable(controller.resumable)
        if controller.last_status is not None:
            self._show_status(controller.last_status)
        self._show_downloadable(controller.downloadable)
        self._sync_buttons()

    # --- construction -----------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self.tr("No downloads running"), self)
        self.title.setAccessibleName(self.tr("Downloads title"))
        self.title.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Overall download progress"))
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Download totals"))
        self.indexing = QLabel(self)
        self.indexing.setAccessibleName(self.tr("Text indexing progress"))

        self.banner = QFrame(self)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAccessibleName(self.tr("Interrupted downloads"))
        self.banner_text = QLabel(self.banner)
        self.banner_text.setAccessibleName(self.tr("Interrupted downloads message"))
        self.resume_button = self._button(
            self.tr("Re&sume"), "resume", self.tr("Resume interrupted downloads"), self.banner
        )
        self.discard_button = self._button(
            self.tr("&Discard"), "remove", self.tr("Discard interrupted downloads"), self.banner
        )
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(6, 4, 6, 4)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.resume_button)
        banner_layout.addWidget(self.discard_button)
        self.banner.setVisible(False)

        self.notice = QLabel(self)  # the library has no download addresses at all
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(self.tr("Why nothing can be downloaded"))
        self.notice.setVisible(False)

        self.problems = QFrame(self)  # the last run left failed files: the alert
        self.problems.setFrameShape(QFrame.Shape.StyledPanel)
        self.problems.setAccessibleName(self.tr("Download problems"))
        self.problems_text = QLabel(self.problems)
        self.problems_text.setWordWrap(True)
        self.problems_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_text.setAccessibleName(self.tr("Download problems message"))
        self.retry_problems_button = self._button(
            self.tr("Retr&y these"), "retry", self.tr("Retry the files that failed in this run"), self.problems)
        problems_icon = QLabel(self.problems)
        problems_icon.setPixmap(icon("failed").pixmap(self.fontMetrics().height()))
        problems_icon.setAccessibleName(self.tr("Warning"))
        problems_layout = QHBoxLayout(self.problems)
        problems_layout.setContentsMargins(6, 4, 6, 4)
        problems_layout.addWidget(problems_icon, 0, Qt.AlignmentFlag.AlignTop)
        problems_layout.addWidget(self.problems_text, 1)
        problems_layout.addWidget(self.retry_problems_button, 0, Qt.AlignmentFlag.AlignTop)
        self.problems.setVisible(False)

        self.list = QTreeView(self)
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(self.tr("Files being made available offline"))
        self.list.setItemDelegateForColumn(DownloadColumn.PROGRESS, _PercentDelegate(self.list))
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(DownloadColumn.FILE, QHeaderView.ResizeMode.Interactive)
        self.list.setColumnWidth(DownloadColumn.FILE, 260)
        self.list.setColumnWidth(DownloadColumn.STATE, 140)
        self.list.setColumnWidth(DownloadColumn.PROGRESS, 110)

        self.cancel_button = self._button(self.tr("&Cancel"), "cancel", self.tr("Cancel downloads"))
        self.retry_button = self._button(self.tr("&Retry failed"), "retry", self.tr("Retry failed downloads"))
        self.clear_button = self._button(
            self.tr("C&lear finished"), "cached", self.tr("Clear finished files from the list")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.indexing)
        layout.addWidget(self.notice)
        layout.addWidget(self.problems)
        layout.addWidget(self.banner)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)

    def _button(self, text: str, glyph_name: str, accessible: str, parent: QWidget | None = None) -> QPushButton:
        button = QPushButton(icon(glyph_name), text, parent or self)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        return button

    def _connect(self) -> None:
        c = self.controller
        c.progressChanged.connect(self._show_progress)
        c.busyChanged.connect(self._on_busy)
        c.finished.connect(self._show_finished)
        c.failed.connect(self._show_error)
        c.indexingChanged.connect(self._show_indexing)
        c.statusChanged.connect(self._show_status)
        c.resumableChanged.connect(self._show_resumable)
        c.downloadableChanged.connect(self._show_downloadable)
        self.retry_problems_button.clicked.connect(self._retry_problems)
        self.cancel_button.clicked.connect(c.cancel)
        self.retry_button.clicked.connect(c.retry_failed)
        self.resume_button.clicked.connect(c.resume)
        self.discard_button.clicked.connect(c.discard_interrupted)
        self.clear_button.clicked.connect(self._clear_finished)
        self.list.activated.connect(self._on_activated)

    # --- reacting ---------------------------------------------------------------------------
    def _show_progress(self, progress: BatchProgress) -> None:
        self.model.update(progress.changed)
        if progress.running:
            self.title.setText(self.tr("Making available offline: %1").replace("%1", progress.label))
        self.bar.setValue(round(progress.fraction * BAR_STEPS))
        self.summary.setText(progress.summary() if progress.files_total else "")
        self.bar.setAccessibleDescription(self.summary.text())
        self._sync_buttons()

    def _show_finished(self, report: RunReport) -> None:
        files = self.controller.files()
        text = outcome_text(report, files)
        self.title.setText(outcome_text(report, files, named=False))  # the alert below names the files
        self._last_report = report
        trouble = not report.cancelled and bool(report.failed or report.errors)
        self.problems_text.setText(text if trouble else "")
        self.retry_problems_button.setText(
            self.tr("Retr&y %Ln failed", "", len(report.failed_ids)))
        self.retry_problems_button.setVisible(bool(report.failed_ids))
        self.problems.setVisible(trouble)
        if trouble:
            self.reveal()
            announce(self.problems_text, text, assertive=True)
        self._sync_buttons()

    def reveal(self) -> None:
        """Show this view: its dock opens and comes to the front (the user's focus stays where it is)."""
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()

    def _retry_problems(self) -> None:
        report = self._last_report
        if report is None or not report.failed_ids:
            return
        self.problems.setVisible(False)
        self.controller.make_available(report.failed_ids, self.tr("Retry of %1").replace("%1", report.label))

    def _show_downloadable(self, count: int | None) -> None:
        total = self.controller.last_status.total if self.controller.last_status is not None else 0
        nothing = count == 0 and total > 0
        self.notice.setText(no_addresses_text() if nothing else "")
        self.notice.setVisible(nothing)

    def _show_error(self, message: str) -> None:
        self.title.setText(self.tr("Something went wrong: %1").replace("%1", message))

    def _show_indexing(self, done: int, total: int) -> None:
        if done < total:
            text = (
                self.tr("Indexing text %1 of %2").replace("%1", local_number(done)).replace("%2", local_number(total))
            )
        else:
            text = ""
        self.indexing.setText(text)
        self.indexing.setVisible(bool(text))

    def _show_status(self, status: CacheStatus) -> None:
        self._failed_in_library = status.counts.get(CacheState.FAILED, 0)
        self._show_downloadable(self.controller.downloadable)
        self._sync_buttons()

    def _show_resumable(self, count: int) -> None:
        text = self.tr("%Ln downloads were interrupted.", "", count)
        self.banner_text.setText(text)
        self.banner.setAccessibleDescription(text)
        self.banner.setVisible(count > 0 and not self.controller.busy)

    def _sync_buttons(self) -> None:
        busy = self.controller.busy
        failed = max(self._failed_in_library, self.model.count_in_state(CacheState.FAILED.value))
        self.cancel_button.setEnabled(busy)
        self.retry_button.setEnabled(failed > 0)
        self.banner.setVisible(self.controller.resumable > 0 and not busy)

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.problems.setVisible(False)  # a new run: its own outcome replaces the last one's
        self._sync_buttons()

    def _clear_finished(self) -> None:
        self.model.clear_finished()
        self._sync_buttons()

    def _on_activated(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry.state == CacheState.CACHED.value:
            self.openRequested.emit(int(index.data(AttachmentIdRole)))


class OfflineStatusButton(QToolButton):
    """A flat status-bar button: "12 of 40 attachments offline · indexing 3 of 40 · downloading 2 of 5".

    Clicking it (or Space/Enter when focused) emits `clicked`: show the downloads view.
    """

    def __init__(self, controller: OfflineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAutoRaise(True)
        self.setAccessibleName(self.tr("Offline attachments"))
        self.setToolTip(self.tr("Show downloads"))
        self._status = controller.last_status
        self._progress: BatchProgress | None = None
        controller.statusChanged.connect(self._on_status)
        controller.indexingChanged.connect(self._on_indexing)
        controller.progressChanged.connect(self._on_progress)
        controller.downloadableChanged.connect(lambda _count: self._show())
        self._show()

    @Slot(object)
    def _on_status(self, status: CacheStatus) -> None:
        self._status = status
        self._show()

    @Slot(int, int)
    def _on_indexing(self, done: int, total: int) -> None:
        if self._status is not None:
            self._status = replace(self._status, indexing_done=done, indexing_total=total)
            self._show()

    @Slot(object)
    def _on_progress(self, progress: BatchProgress) -> None:
        self._progress = progress if progress.running else None
        self._show()

    def _show(self) -> None:
        text = status_text(self._status) if self._status is not None else self.tr("Offline attachments…")
        tip = self.tr("Show downloads")
        if self._status is not None:
            failed = self._status.counts.get(CacheState.FAILED, 0)
            if failed:
                text += " · " + self.tr("%1 failed").replace("%1", local_number(failed))
            if self.controller.downloadable == 0 and self._status.total:
                text += " · " + self.tr("no download addresses")
                tip = no_addresses_text()
        self.setToolTip(tip)
        progress = self._progress
        if progress is not None and progress.files_total:
            downloading = self.tr("downloading %1 of %2").replace("%1", local_number(progress.files_done))
            text += " · " + downloading.replace("%2", local_number(progress.files_total))
        self.setText(text)
        self.setAccessibleDescription(text)
