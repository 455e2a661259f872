"""The PDF viewer pane: one attachment's pages with page navigation, zoom and find, or a plain message about it.

It knows nothing of the library, the cache or the network: the owner gives it
a local file (`open_file`) or a state to show (`show_status`), and listens to
its signals to remember the page, open the file elsewhere or fetch it again.
Pages are 0-based everywhere in this API (the page box shows 1-based numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.pdf.find_bar import FindBar
from reslib_desktop.gui.pdf.message_view import MessageView
from reslib_desktop.gui.pdf.page_view import (
    MIN_ZOOM,
    ZOOM_STEP,
    Fit,
    PageView,
)
from reslib_desktop.gui.pdf.search import DocumentSearch
from reslib_desktop.gui.pdf.toolbar import PdfToolbar

PasswordProvider = Callable[[str], "str | None"]


class PdfPane(QWidget):
    """Shows one PDF attachment, identified by the owner's `key`.

    Signals: `pageChanged(key, page)` when the user moves to another page;
    `openExternallyRequested(path)`; `downloadAgainRequested(key)`;
    `retryRequested(key)` from the "Try again" of a `show_status` message.
    """

    pageChanged = Signal(str, int)
    openExternallyRequested = Signal(object)  # pathlib.Path
    downloadAgainRequested = Signal(str)
    retryRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("PDF viewer"))
        #: Asked for the password of an encrypted PDF with a prompt text; returns None when the user cancels.
        self.password_provider: PasswordProvider = self._ask_password
        self._path: Path | None = None
        self._key: str | None = None
        self._title = ""
        self._start_page = 0
        self._opening = False
        self._retry: Callable[[], object] | None = None

        self.document = QPdfDocument(self)
        self.toolbar = PdfToolbar(self)
        self.find_bar = FindBar(self)
        self.view = PageView(self)
        self.view.setDocument(self.document)
        self.view.setAccessibleName(self.tr("Document pages"))
        self.search = DocumentSearch(self.view, self)
        self.message = MessageView(self)

        self.viewer = QWidget(self)
        viewer_layout = QVBoxLayout(self.viewer)
        viewer_layout.setContentsMargins(0, 0, 0, 0)
        viewer_layout.setSpacing(2)
        viewer_layout.addWidget(self.toolbar)
        viewer_layout.addWidget(self.find_bar)
        viewer_layout.addWidget(self.view, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.viewer)
        self.stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self._build_actions()
        self._connect()
        self.close_document()

    # --- construction -----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        for action in self.toolbar.actions_with_shortcuts():
            self.addAction(action)
        self.find_next_action = self._pane_action(self.tr("Find next"), QKeySequence(Qt.Key.Key_F3))
        self.find_next_action.triggered.connect(lambda: self.find_bar.stepRequested.emit(+1))
        self.find_previous_action = self._pane_action(self.tr("Find previous"), QKeySequence("Shift+F3"))
        self.find_previous_action.triggered.connect(lambda: self.find_bar.stepRequested.emit(-1))

    def _pane_action(self, text: str, shortcut: QKeySequence) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        bar = self.toolbar
        bar.previous_page.triggered.connect(lambda: self.go_to_page(self.view.current_page() - 1))
        bar.next_page.triggered.connect(lambda: self.go_to_page(self.view.current_page() + 1))
        bar.pageRequested.connect(self.go_to_page)
        bar.zoom_in.triggered.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        bar.zoom_out.triggered.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        bar.fit_width.triggered.connect(lambda: self.view.set_fit(Fit.WIDTH))
        bar.fit_page.triggered.connect(lambda: self.view.set_fit(Fit.PAGE))
        bar.open_external.triggered.connect(self._request_open_externally)
        self.view.pageChanged.connect(self._on_view_page)
        self.view.zoomChanged.connect(self._sync_zoom_actions)
        self.find_bar.searchRequested.connect(self.search.start)
        self.find_bar.stepRequested.connect(self.search.step)
        self.find_bar.closeRequested.connect(lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.search.changed.connect(self._show_search_state)
        self.message.retryClicked.connect(lambda: self._retry() if self._retry else None)
        self.message.openExternallyClicked.connect(self._request_open_externally)
        self.message.downloadAgainClicked.connect(lambda: self.downloadAgainRequested.emit(self._key or ""))

    # --- public API -------------------------------------------------------------------------------
    def open_file(self, path: Path, key: str, title: str, start_page: int | None = None) -> bool:
        """Show the PDF at `path` at 0-based `start_page` (clamped); False if it could not be shown.

        An encrypted file asks `password_provider`; a damaged one shows a message
        with "Open with system viewer" and "Download again".
        """
        self._release()
        self._path, self._key, self._title = Path(path), key, title or Path(path).name
        self._start_page = start_page or 0
        return self._load()

    def close_document(self) -> None:
        """Close the document (releasing the file) and show that nothing is open."""
        self._release()
        self._path = self._key = None
        self._title = ""
        self._show_message("", self.tr("No document is open."))

    def show_status(
        self,
        text: str,
        progress: int | None = None,
        retry: bool = False,
        *,
        key: str | None = None,
        title: str | None = None,
    ) -> None:
        """Show a state instead of pages, e.g. "Downloading…" with `progress` 0–100 (negative: unknown amount).

        Closes any open document. `retry` adds "Try again", which emits
        `retryRequested(key)`; `key` and `title` name the attachment the state is about.
        """
        self._release()
        self._path = None
        if key is not None:
            self._key = key
        if title is not None:
            self._title = title
        self._show_message(
            self._title,
            text,
            progress=progress,
            retry=retry,
            on_retry=lambda: self.retryRequested.emit(self._key or ""),
        )

    def current_page(self) -> int:
        """The current page, 0-based; -1 when no document is shown."""
        return self.view.current_page() if self.is_showing_document() else -1

    def page_count(self) -> int:
        return self.view.page_count() if self.is_showing_document() else 0

    def current_key(self) -> str | None:
        """The key of the attachment shown (document or status), None when empty."""
        return self._key

    def current_path(self) -> Path | None:
        return self._path if self.is_showing_document() else None

    def is_showing_document(self) -> bool:
        return self.stack.currentWidget() is self.viewer

    def go_to_page(self, page: int) -> None:
        """Go to 0-based `page` (clamped); emits `pageChanged` if that moves."""
        self.view.go_to_page(page)

    def find_text(self, text: str) -> None:  # not find(): QWidget.find(WId) is Qt's
        """Search the document for `text` now (as if typed in the find field)."""
        self.find_bar.field.setText(text)
        self.find_bar.flush()

    def find_next(self) -> None:
        self.search.step(+1)

    def find_previous(self) -> None:
        self.search.step(-1)

    # --- loading ----------------------------------------------------------------------------------
    def _load(self) -> bool:
        assert self._path is not None
        self.document.setPassword("")
        error = self.document.load(str(self._path))
        prompt = self.tr("“%1” is protected by a password.\nEnter the password to open it:").replace("%1", self._title)
        while error == QPdfDocument.Error.IncorrectPassword:
            password = self.password_provider(prompt)
            if password is None:
                self._unload()
                self._show_message(
                    self._title,
                    self.tr("This document is protected by a password."),
                    retry=True,
                    open_externally=True,
                    on_retry=self._load,
                )
                return False
            self.document.setPassword(password)
            error = self.document.load(str(self._path))
            prompt = self.tr("The password is not correct. Try again.\nPassword for “%1”:").replace("%1", self._title)
        if error != QPdfDocument.Error.None_ or self.document.status() != QPdfDocument.Status.Ready:
            self._unload()
            self._show_load_error(error)
            return False
        if self.document.pageCount() <= 0:
            self._unload()
            self._show_load_error(QPdfDocument.Error.InvalidFileFormat)
            return False
        self._show_document()
        return True

    def _show_load_error(self, error: QPdfDocument.Error) -> None:
        if error == QPdfDocument.Error.FileNotFound:
            self._show_message(self._title, self.tr("The file of this attachment is missing."), download_again=True)
        elif error == QPdfDocument.Error.UnsupportedSecurityScheme:
            text = self.tr("This document is protected in a way this viewer cannot open.")
            self._show_message(self._title, text, open_externally=True)
        else:
            text = self.tr("This file is damaged or not a PDF.")
            self._show_message(self._title, text, open_externally=True, download_again=True)

    def _show_document(self) -> None:
        self._opening = True
        try:
            self.stack.setCurrentWidget(self.viewer)
            self.setFocusProxy(self.view)
            self.toolbar.set_document_actions_enabled(True)
            self.view.setAccessibleDescription(self._title)
            self.view.document_loaded()
            self.view.go_to_page(self._start_page)
            self.toolbar.show_page(self.view.current_page(), self.view.page_count())
            self._sync_zoom_actions()
            self.search.reset()
            if self.find_bar.field.text().strip():
                self.search.start(self.find_bar.field.text())
        finally:
            self._opening = False

    def _unload(self) -> None:
        self.document.close()
        self.document.setPassword("")
        self.view.document_loaded()

    def _release(self) -> None:
        """Stop searching and close the file."""
        self.search.reset()
        self._unload()
        self._retry = None

    def _ask_password(self, prompt: str) -> str | None:
        password, accepted = QInputDialog.getText(
            self, self.tr("Password required"), prompt, QLineEdit.EchoMode.Password
        )
        return password if accepted else None

    # --- states -----------------------------------------------------------------------------------
    def _show_message(
        self,
        heading: str,
        text: str,
        *,
        progress: int | None = None,
        retry: bool = False,
        open_externally: bool = False,
        download_again: bool = False,
        on_retry: Callable[[], object] | None = None,
    ) -> None:
        self._retry = on_retry
        self.message.show_message(
            heading,
            text,
            progress=progress,
            retry=retry,
            open_externally=open_externally and self._path is not None,
            download_again=download_again and self._key is not None,
        )
        self.stack.setCurrentWidget(self.message)
        self.setFocusProxy(None)  # type: ignore[arg-type]  # PySide6's stub: None removes the proxy
        self.toolbar.set_document_actions_enabled(False)

    def _request_open_externally(self) -> None:
        if self._path is not None:
            self.openExternallyRequested.emit(self._path)

    # --- reacting ---------------------------------------------------------------------------------
    def _on_view_page(self, page: int) -> None:
        self.toolbar.show_page(page, self.view.page_count())
        if not self._opening and self._key is not None and self.is_showing_document():
            self.pageChanged.emit(self._key, page)

    def _sync_zoom_actions(self) -> None:
        bar, fit, factor = self.toolbar, self.view.fit, self.view.zoomFactor()
        bar.fit_width.setChecked(fit is Fit.WIDTH)
        bar.fit_page.setChecked(fit is Fit.PAGE)
        bar.zoom_in.setEnabled(factor < self.view.max_zoom() - 1e-6)
        bar.zoom_out.setEnabled(factor > MIN_ZOOM + 1e-6)

    def _show_search_state(self) -> None:
        search = self.search
        self.find_bar.show_search(search.count, search.current, search.done, search.has_text, search.text)

    # --- keys -------------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Ctrl+F inside the pane finds in the document; elsewhere the window's Ctrl+F still works.
        # Accepting the override here (rather than a second Ctrl+F shortcut) avoids an ambiguous shortcut.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Find)
            and self.is_showing_document()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt API (camelCase)
        if event.matches(QKeySequence.StandardKey.Find) and self.is_showing_document():
            self.find_bar.focus_field()
            return
        super().keyPressEvent(event)
