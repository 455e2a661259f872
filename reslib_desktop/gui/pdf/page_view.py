"""The page area: a multi-page QPdfView that does its own fitting and keeps its page through resizes and zooms.

QPdfView's own fit modes leave `zoomFactor` at 1, so search highlights are
drawn at the wrong scale, and a resize or zoom keeps the scroll offset rather
than the page. This view always runs in Custom zoom, computes the fit factor
itself, and tracks the current page from the scroll position with the same
layout rule as QPdfView (pages stacked, `documentMargins`, `pageSpacing`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from statistics import median_high

from PySide6.QtCore import QPointF, QSizeF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QWidget

ZOOM_STEP = 1.25
MIN_ZOOM = 0.1
MAX_ZOOM = 8.0
# QPdfView renders each visible page whole: a 2160-point page at 800% is a 23,000-pixel square
# (2 GB, tens of seconds of blank page). Zoom stops where the largest page reaches this many pixels.
MAX_PAGE_PIXELS = 64_000_000
CURRENT_PAGE_LINE = 0.4  # the page crossing this fraction of the viewport's height is the current one


def fit_width_points(widths: list[float]) -> float:
    """The page width "fit width" fits: the median page's, not the widest's.

    One zoom factor serves every page. Fitting the widest page shrank the others of a
    scan bundle with one huge page (multipage.pdf: a 2160-point page beside 384–792-point
    ones) to 14% of their size: text pages became unreadable grey blocks. A page wider
    than the median one overflows and scrolls sideways instead.
    """
    return median_high(widths) if widths else 0.0


class Fit(Enum):
    """How the zoom factor is chosen."""

    WIDTH = "width"
    PAGE = "page"
    NONE = "none"


class PageView(QPdfView):
    """All pages of a document, one below the other; `pageChanged(page)` (0-based) when the current page changes."""

    pageChanged = Signal(int)
    zoomChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]  # PySide6's stub: QPdfView's parent may be None
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.Custom)
        # Always on: a bar that comes and goes would change the width that "fit width" fits to.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._fit = Fit.WIDTH
        self._page = 0
        self._quiet = 0
        self._layout_key: tuple | None = None
        self._tops: list[int] = []
        self._sizes: list[tuple[int, int]] = []
        self._fit_width_points = 0.0  # what "fit width" fits: the width of a typical page (see fit_width_points)
        self._largest_area_points = 0.0  # of the largest page, in square points: what bounds the zoom
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # --- public ---------------------------------------------------------------------------------
    @property
    def fit(self) -> Fit:
        return self._fit

    def current_page(self) -> int:
        """The current page, 0-based."""
        return self._page

    def page_count(self) -> int:
        document = self._ready_document()
        return document.pageCount() if document else 0

    def document_loaded(self) -> None:
        """Call after the document was (re)loaded: refits and goes to the first page without signalling."""
        self._layout_key = None
        document = self._ready_document()
        sizes = [document.pagePointSize(page) for page in range(document.pageCount())] if document else []
        self._fit_width_points = fit_width_points([size.width() for size in sizes])
        self._largest_area_points = max((size.width() * size.height() for size in sizes), default=0.0)
        with self._quietly():
            self._apply_fit()
        self._page = 0
        self._scroll_to(0, 0.0)
        self._center_horizontally()

    def go_to_page(self, page: int) -> None:
        """Show `page` (0-based, clamped) at the top of the view."""
        count = self.page_count()
        if count == 0:
            return
        page = max(0, min(page, count - 1))
        self._scroll_to(page, 0.0)
        self._set_page(page)

    def show_point(self, page: int, point: QPointF) -> None:
        """Scroll so that `point` (in PDF points on `page`) is about a third down the view."""
        if not 0 <= page < self.page_count():
            return
        tops, sizes = self._layout()
        scale = self._scale()
        y = tops[page] + point.y() * scale
        x = self._page_left(page, sizes) + point.x() * scale
        with self._quietly():
            self.verticalScrollBar().setValue(round(y - self.viewport().height() / 3))
            bar = self.horizontalScrollBar()
            if not bar.value() <= x <= bar.value() + self.viewport().width() * 0.8:
                bar.setValue(round(x - self.viewport().width() / 3))
        self._set_page(page)

    def set_fit(self, fit: Fit) -> None:
        """Fit the page width or the whole page into the view (kept on resizes), or stop fitting."""
        self._fit = fit
        self._keeping_page(self._apply_fit)
        self._center_horizontally()
        self.zoomChanged.emit()

    def max_zoom(self) -> float:
        """MAX_ZOOM, or less when the largest page would exceed MAX_PAGE_PIXELS there."""
        if self._largest_area_points <= 0:
            return MAX_ZOOM
        area_at_one = self._largest_area_points * self._resolution() ** 2 * self.devicePixelRatioF() ** 2
        return max(MIN_ZOOM, min(MAX_ZOOM, (MAX_PAGE_PIXELS / area_at_one) ** 0.5))

    def zoom_by(self, step: float) -> None:
        """Multiply the zoom factor by `step` (clamped); stops fitting."""
        factor = max(MIN_ZOOM, min(self.max_zoom(), self.zoomFactor() * step))
        self._fit = Fit.NONE
        self._keeping_page(lambda: self.setZoomFactor(factor))
        self.zoomChanged.emit()

    def page_at_scroll(self) -> int:
        """The page the scroll position shows (the one crossing 40% of the view's height)."""
        tops, _sizes = self._layout()
        if not tops:
            return 0
        line = self.verticalScrollBar().value() + self.viewport().height() * CURRENT_PAGE_LINE
        return max(0, bisect_right(tops, line) - 1)

    # --- Qt overrides ---------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt API (camelCase)
        page, fraction = self._page, self._fraction_in(self._page)
        with self._quietly():
            super().resizeEvent(event)
            self._apply_fit()
        self._scroll_to(page, fraction)
        if self._fit is not Fit.NONE:
            self._center_horizontally()

    # --- layout ---------------------------------------------------------------------------------
    def _ready_document(self) -> QPdfDocument | None:
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return None
        return document

    @staticmethod
    def _resolution() -> float:
        # QPdfView uses the primary screen's logical DPI, read once; so does this.
        screen = QGuiApplication.primaryScreen()
        return (screen.logicalDotsPerInch() if screen else 96.0) / 72.0

    def _scale(self) -> float:
        return self._resolution() * self.zoomFactor()

    def _layout(self) -> tuple[list[int], list[tuple[int, int]]]:
        """Top of each page and (width, height) in pixels, as QPdfView lays them out in Custom zoom."""
        document = self._ready_document()
        if document is None:
            return [], []
        margins, spacing = self.documentMargins(), self.pageSpacing()
        key = (id(document), document.pageCount(), self.zoomFactor(), margins.top(), spacing)
        if key != self._layout_key:
            scale = self._scale()
            self._sizes = []
            self._tops = []
            y = margins.top()
            for page in range(document.pageCount()):
                size = QSizeF(document.pagePointSize(page) * scale).toSize()
                self._sizes.append((size.width(), size.height()))
                self._tops.append(y)
                y += size.height() + spacing
            self._layout_key = key
        return self._tops, self._sizes

    def _page_left(self, page: int, sizes: list[tuple[int, int]]) -> int:
        margins = self.documentMargins()
        total = max(width for width, _ in sizes) + margins.left() + margins.right()
        return (max(total, self.viewport().width()) - sizes[page][0]) // 2

    def _fit_factor(self) -> float | None:
        document = self._ready_document()
        if document is None or self._fit is Fit.NONE:
            return None
        margins, viewport, resolution = self.documentMargins(), self.viewport().size(), self._resolution()
        width = viewport.width() - margins.left() - margins.right()
        if self._fit is Fit.WIDTH:
            if self._fit_width_points <= 0:
                return None
            factor = width / (self._fit_width_points * resolution)
        else:
            points = document.pagePointSize(min(self._page, document.pageCount() - 1))
            height = viewport.height() - margins.top() - margins.bottom()
            factor = min(width / (points.width() * resolution), height / (points.height() * resolution))
        return max(MIN_ZOOM, min(self.max_zoom(), factor)) if factor > 0 else None

    def _apply_fit(self) -> None:
        factor = self._fit_factor()
        if factor is not None and abs(factor - self.zoomFactor()) > 1e-6:
            self.setZoomFactor(factor)

    def _center_horizontally(self) -> None:
        """Pages are centred in the document's width: a page wider than the view (fit width fits the
        median page) must not push the others off to the right of what is shown."""
        bar = self.horizontalScrollBar()
        bar.setValue((bar.minimum() + bar.maximum()) // 2)

    def _fraction_in(self, page: int) -> float:
        """How far down `page` the top of the view is, 0 ≤ fraction < 1."""
        tops, sizes = self._layout()
        if not 0 <= page < len(tops) or sizes[page][1] <= 0:
            return 0.0
        fraction = (self.verticalScrollBar().value() - tops[page]) / sizes[page][1]
        return max(0.0, min(fraction, 0.999))

    def _scroll_to(self, page: int, fraction: float) -> None:
        tops, sizes = self._layout()
        if not 0 <= page < len(tops):
            return
        with self._quietly():
            self.verticalScrollBar().setValue(round(tops[page] + fraction * sizes[page][1]))

    def _keeping_page(self, change: Callable[[], None]) -> None:
        page, fraction = self._page, self._fraction_in(self._page)
        with self._quietly():
            change()
        self._scroll_to(page, fraction)

    # --- current page ---------------------------------------------------------------------------
    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Scrolling done here does not change the current page (we set it ourselves)."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _on_scrolled(self, _value: int) -> None:
        if not self._quiet and self._ready_document() is not None:
            self._set_page(self.page_at_scroll())

    def _set_page(self, page: int) -> None:
        if page != self._page:
            self._page = page
            self.pageChanged.emit(page)
