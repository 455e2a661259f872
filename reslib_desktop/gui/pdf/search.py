"""Find in a document: drives a QPdfSearchModel through all pages in short slices, and steps through the matches.

QPdfSearchModel searches one page per 100 ms timer tick on its own (5 s for a
50-page document) and never says when it has finished. Here the pages are
searched in order in slices of a few milliseconds (`resultsOnPage` searches a
page on demand), so the count is final quickly and "done" is known. While it
goes, the first pages that yield no match are checked for any text at all,
so a scanned document can say "no searchable text" instead of "no matches".
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QModelIndex, QObject, QTimer, Signal
from PySide6.QtPdf import QPdfDocument, QPdfLink, QPdfSearchModel

from reslib_desktop.gui.pdf.page_view import PageView

SLICE_MS = 12
TEXT_PROBE_PAGES = 200  # pages checked for a text layer before concluding there is none


class DocumentSearch(QObject):
    """The matches of one search string in the view's document; `changed` whenever count, position or state move."""

    changed = Signal()

    def __init__(self, view: PageView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._model: QPdfSearchModel | None = None
        self._text = ""
        self._next_page = 0
        self._pending = 0  # +1/-1: a step asked for before enough pages were searched
        self._probed = 0  # pages (from the first) known to have no text
        self.has_text: bool | None = None
        self.current = -1
        self.done = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)

    # --- state ----------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    @property
    def count(self) -> int:
        return self._model.rowCount(QModelIndex()) if self._model is not None else 0

    def _document(self) -> QPdfDocument | None:
        document = self._view.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return None
        return document

    # --- control --------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget everything (the document changed)."""
        self._drop_model()
        self._text = ""
        self.has_text = None
        self._probed = 0
        self.current = -1
        self.done = True
        self.changed.emit()

    def start(self, text: str) -> None:
        """Search for `text` (case-insensitive, as PDFium does) from the first page; '' clears the search."""
        text = text.strip()
        if text == self._text and (self._model is not None or not text):
            return
        self._drop_model()
        self._text = text
        self.current = -1
        self._pending = 0
        document = self._document()
        if not text or document is None:
            self.done = True
            self.changed.emit()
            return
        model = QPdfSearchModel(self)
        model.setDocument(document)
        model.setSearchString(text)
        model.rowsInserted.connect(self._on_rows_inserted)
        self._model = model
        self._view.setSearchModel(model)
        self._view.setCurrentSearchResultIndex(-1)
        self._next_page = 0
        self.done = False
        self._timer.start()
        self.changed.emit()

    def step(self, direction: int) -> QPdfLink | None:
        """Go to the next (+1) or previous (-1) match and show it; None if there is none (yet)."""
        if self._model is None:
            return None
        target = self._target(1 if direction >= 0 else -1)
        if target is None:
            self._pending = 0 if self.done else (1 if direction >= 0 else -1)
            return None
        self._pending = 0
        self.current = target
        self._view.setCurrentSearchResultIndex(target)
        link = self._model.resultAtIndex(target)
        self._view.show_point(link.page(), link.location())
        self.changed.emit()
        return link

    # --- internals ------------------------------------------------------------------------------
    def _searched(self, page: int) -> bool:
        return self.done or page < self._next_page

    def _target(self, direction: int) -> int | None:
        """The match to go to, or None to wait for more pages to be searched."""
        assert self._model is not None
        count = self.count
        if count == 0:
            return None
        if self.current >= 0:
            target = self.current + direction
            if 0 <= target < count:
                return target if self._searched(self._model.resultAtIndex(target).page()) else None
            return (0 if direction > 0 else count - 1) if self.done else None
        here = self._view.current_page()
        pages = [self._model.resultAtIndex(index).page() for index in range(count)]
        if direction > 0:
            for index, page in enumerate(pages):
                if page >= here:
                    return index if self._searched(page) else None
            return 0 if self.done else None
        if not self._searched(here):
            return None
        before = [index for index, page in enumerate(pages) if page <= here]
        return before[-1] if before else (count - 1 if self.done else None)

    def _work(self) -> None:
        document, model = self._document(), self._model
        if document is None or model is None:
            self.done = True
            self.changed.emit()
            return
        clock = QElapsedTimer()
        clock.start()
        pages = document.pageCount()
        while self._next_page < pages and clock.elapsed() < SLICE_MS:
            page = self._next_page
            self._next_page += 1
            found = model.resultsOnPage(page)
            if found:
                self.has_text = True
            elif self.has_text is None and page == self._probed and page < TEXT_PROBE_PAGES:
                if document.getAllText(page).text().strip():
                    self.has_text = True
                else:
                    self._probed += 1
        if self._next_page >= pages:
            self.done = True
            if self.has_text is None and self._probed >= min(pages, TEXT_PROBE_PAGES):
                self.has_text = False
        else:
            self._timer.start()
        if self._pending:
            self.step(self._pending)
        self.changed.emit()

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        # The view searches visible pages as it paints; rows before the current match shift it.
        if self.current >= 0 and first <= self.current:
            self.current += last - first + 1
            self._view.setCurrentSearchResultIndex(self.current)

    def _drop_model(self) -> None:
        self._timer.stop()
        if self._model is not None:
            self._view.setSearchModel(None)  # type: ignore[arg-type]  # PySide6's stub: None detaches the model
            self._model.rowsInserted.disconnect(self._on_rows_inserted)
            self._model.deleteLater()  # also ends the model's own timer
            self._model = None
