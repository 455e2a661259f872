"""The details pane: one resource in full, as plain escaped text (nothing remote is ever loaded)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from reslib_desktop.gui.highlight import highlight_html
from reslib_desktop.gui.icons import icon
from reslib_desktop.library import ResourceDetail, type_label


class _SafeBrowser(QTextBrowser):
    """A text browser that never fetches a resource (images, styles) from anywhere."""

    def loadResource(self, kind: int, name: QUrl | str):  # noqa: N802 - Qt API
        return None


def render_details_html(detail: ResourceDetail, snippet: str | None = None) -> str:
    """The resource as HTML built only from escaped text (matched words in bold)."""
    esc = html.escape
    parts = [f"<h2>{esc(detail.title)}</h2>"]
    if snippet:
        parts.append(f"<p style='background-color: palette(alternate-base)'><b>Matched:</b> {highlight_html(snippet)}</p>")
    if detail.subtitle:
        parts.append(f"<p><i>{esc(detail.subtitle)}</i></p>")
    facts = [("Type", type_label(detail.resource_type))]
    date_text = detail.date_display or detail.published_text or "no date"
    facts.append(("Date", date_text))
    if detail.topics:
        facts.append(("Topics", ", ".join(detail.topics)))
    if detail.audiences:
        facts.append(("Audience", ", ".join(detail.audiences)))
    parts.append("<p>" + "<br>".join(f"<b>{esc(k)}:</b> {esc(v)}" for k, v in facts) + "</p>")
    for paragraph in detail.description.split("\n\n"):
        if paragraph.strip():
            parts.append(f"<p>{esc(paragraph.strip())}</p>")
    if detail.title_derived:
        parts.append("<p><small>The title was derived from the resource's attachment or description.</small></p>")
    if detail.source_url:
        parts.append(f"<p><small>Source: {esc(detail.source_url)}</small></p>")
    return "\n".join(parts)


class DetailsPane(QWidget):
    """Shows the selected resource; `attachmentActivated(id)` when the user opens an attachment."""

    attachmentActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = _SafeBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Resource details"))
        self.browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.attachments_label = QLabel(self.tr("Attachments"), self)
        self.attachments = QListWidget(self)
        self.attachments.setAccessibleName(self.tr("Attachments of the selected resource"))
        self.attachments.setMaximumHeight(120)
        self.attachments_label.setBuddy(self.attachments)
        self.attachments.itemActivated.connect(
            lambda item: self.attachmentActivated.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.attachments_label)
        layout.addWidget(self.attachments)
        self.show_detail(None)

    def show_detail(self, detail: ResourceDetail | None, snippet: str | None = None) -> None:
        self.detail = detail
        self.attachments.clear()
        if detail is None:
            self.browser.setHtml(f"<p>{html.escape(self.tr('Select a resource to see its details.'))}</p>")
            self.attachments_label.setVisible(False)
            self.attachments.setVisible(False)
            return
        self.browser.setHtml(render_details_html(detail, snippet))
        self.attachments_label.setVisible(bool(detail.attachments))
        self.attachments.setVisible(bool(detail.attachments))
        for attachment in detail.attachments:
            item = QListWidgetItem(icon("pdf") if attachment.mime == "application/pdf" else icon("resource"), attachment.label)
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setToolTip(attachment.url or self.tr("No download address is known for this attachment"))
            self.attachments.addItem(item)
