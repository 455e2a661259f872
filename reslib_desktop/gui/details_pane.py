"""The details pane: one resource in full, as plain escaped text (nothing remote is ever loaded)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.fitted_list import FittedList
from reslib_desktop.gui.highlight import highlight_html
from reslib_desktop.gui.i18n import (
    QT_TRANSLATE_NOOP,
    local_date,
    local_number,
    type_text,
)
from reslib_desktop.gui.icons import icon
from reslib_desktop.library import (
    MARK_END,
    MARK_START,
    Library,
    OfflineService,
    ResourceDetail,
    SearchQuery,
)


class _SafeBrowser(QTextBrowser):
    """A text browser that never fetches a resource (images, styles) from anywhere."""

    def loadResource(self, kind: int, name: QUrl | str):
        return None


def render_details_html(detail: ResourceDetail, snippet: str | None = None) -> str:
    """The resource as HTML built only from escaped text (matched words in bold)."""
    esc = html.escape
    parts = [f"<h2>{esc(detail.title)}</h2>"]
    if snippet:
        matched = esc(QCoreApplication.translate("DetailsPane", "Matched:"))
        parts.append(
            f"<p style='background-color: palette(alternate-base)'><b>{matched}</b> {highlight_html(snippet)}</p>"
        )
    if detail.subtitle:
        parts.append(f"<p><i>{esc(detail.subtitle)}</i></p>")
    facts = [(QCoreApplication.translate("DetailsPane", "Type"), type_text(detail.resource_type))]
    date_text = (local_date(detail.published, detail.published_precision) or detail.published_text
                 or QCoreApplication.translate("DetailsPane", "no date"))
    facts.append((QCoreApplication.translate("DetailsPane", "Date"), date_text))
    if detail.topics:
        facts.append((QCoreApplication.translate("DetailsPane", "Topics"), ", ".join(detail.topics)))
    if detail.audiences:
        facts.append((QCoreApplication.translate("DetailsPane", "Audience"), ", ".join(detail.audiences)))
    fact_lines = (
        QCoreApplication.translate("DetailsPane", "%1: %2").replace("%1", f"<b>{esc(k)}</b>").replace("%2", esc(v))
        for k, v in facts
    )
    parts.append("<p>" + "<br>".join(fact_lines) + "</p>")
    for paragraph in detail.description.split("\n\n"):
        if paragraph.strip():
            parts.append(f"<p>{esc(paragraph.strip())}</p>")
    if detail.title_derived:
        derived = QCoreApplication.translate(
            "DetailsPane", "The title was derived from the resource's attachment or description."
        )
        parts.append(f"<p><small>{esc(derived)}</small></p>")
    if detail.source_url:
        source = QCoreApplication.translate("DetailsPane", "Source: %1").replace("%1", detail.source_url)
        parts.append(f"<p><small>{esc(source)}</small></p>")
    return "\n".join(parts)


_STATE_TEXT = {
    "cached": QT_TRANSLATE_NOOP("DetailsPane", "available offline"),
    "queued": QT_TRANSLATE_NOOP("DetailsPane", "queued for download"),
    "downloading": QT_TRANSLATE_NOOP("DetailsPane", "downloading"),
    "failed": QT_TRANSLATE_NOOP("DetailsPane", "download failed"),
    "not_cached": QT_TRANSLATE_NOOP("DetailsPane", "not downloaded"),
    "no_address": QT_TRANSLATE_NOOP("DetailsPane", "no download address"),
}


class DetailsPane(QWidget):
    """Shows the selected resource; `attachmentActivated(id, page)` when the user opens an attachment
    (page is 0-based, or -1 for "where I left it")."""

    attachmentActivated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = _SafeBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Resource details"))
        self.browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.attachments_label = QLabel(self.tr("Attachments"), self)
        # Labels and their states wrap (never cut); the lists take at most a third of the pane each.
        self.attachments = FittedList(self, cap=lambda: self.height() // 3)
        self.attachments.setAccessibleName(self.tr("Attachments of the selected resource"))
        self.attachments_label.setBuddy(self.attachments)
        self.attachments.itemActivated.connect(self._activate)
        self.matches_label = QLabel(self.tr("Found inside attachments"), self)
        self.matches = FittedList(self, cap=lambda: self.height() // 3)
        self.matches.setAccessibleName(self.tr("Pages of attachments that match the search"))
        self.matches_label.setBuddy(self.matches)
        self.matches.itemActivated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.matches_label)
        layout.addWidget(self.matches)
        layout.addWidget(self.attachments_label)
        layout.addWidget(self.attachments)
        self.show_detail(None)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.attachments.fit_later()  # their cap is a share of the pane's height
        self.matches.fit_later()

    def _activate(self, item: QListWidgetItem) -> None:
        page = item.data(Qt.ItemDataRole.UserRole + 1)
        self.attachmentActivated.emit(item.data(Qt.ItemDataRole.UserRole), -1 if page is None else page)

    def open_first_attachment(self) -> bool:
        """Open the first attachment (Enter on a row); False when there is none."""
        if self.attachments.count() == 0:
            return False
        self._activate(self.attachments.item(0))
        return True

    def show_resource(self, library: Library, offline: OfflineService, resource_id: int | None,
                      query: SearchQuery | None) -> None:
        """Read a resource (its text, why it matched `query`, its attachments' offline states and
        matching pages) and show it; None: show that nothing is selected."""
        if resource_id is None:
            self.show_detail(None)
            return
        detail = library.resource(resource_id)
        snippet = library.snippet(resource_id, query.text) if query is not None else None
        states = {}
        if detail is not None and detail.attachments:
            info = offline.state_of([a.id for a in detail.attachments])
            states = {attachment_id: str(item.state) for attachment_id, item in info.items()}
        matches = offline.page_matches(resource_id, query.text.match) if query is not None and query.text.match else []
        self.show_detail(detail, snippet, states, matches)

    def show_detail(
        self,
        detail: ResourceDetail | None,
        snippet: str | None = None,
        states: dict[int, str] | None = None,
        page_matches: list | None = None,
    ) -> None:
        """Show a resource: its text, why it matched, its attachments (with offline state) and
        the attachment pages that match the search (`page_matches`: (attachment id, label, 1-based page, snippet))."""
        self.detail = detail
        self.attachments.clear()
        self.matches.clear()
        page_matches = page_matches or []
        self.matches_label.setVisible(bool(page_matches))
        self.matches.setVisible(bool(page_matches))
        if detail is None:
            self.browser.setHtml("<p>" + html.escape(self.tr("Select a resource to see its details.")) + "</p>")
            self.attachments_label.setVisible(False)
            self.attachments.setVisible(False)
            return
        self.browser.setHtml(render_details_html(detail, snippet))
        self.attachments_label.setVisible(bool(detail.attachments))
        self.attachments.setVisible(bool(detail.attachments))
        states = states or {}
        for attachment in detail.attachments:
            state = states.get(attachment.id, "not_cached")
            if state == "not_cached" and not attachment.url:  # it cannot be downloaded: do not suggest it could
                state = "no_address"
            text = f"{attachment.label} — {self.tr(_STATE_TEXT.get(state, state))}"
            item = QListWidgetItem(icon("offline") if state == "cached" else icon("pdf"), text)
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setToolTip(attachment.url or self.tr("No download address is known for this attachment"))
            self.attachments.addItem(item)
        self.attachments.fit_height()
        for attachment_id, label, page, passage in page_matches:
            plain = passage.replace(MARK_START, "").replace(MARK_END, "")
            item = QListWidgetItem(
                self.tr("%1, page %2: %3").replace("%1", label).replace("%2", local_number(page)).replace("%3", plain)
            )
            item.setData(Qt.ItemDataRole.UserRole, attachment_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, page - 1)
            self.matches.addItem(item)
        self.matches.fit_height()
