"""The details pane says what a user can do with each attachment of the shipped library."""

from __future__ import annotations

from support import WAIT_MS
from table_clicks import click_row


def test_attachments_without_an_address_say_so_not_not_downloaded(qtbot, window) -> None:
    row = next(n for n in range(window.model.rowCount()) if window.model.resource_at(n).attachment_count >= 1)
    click_row(qtbot, window, row)
    attachments = window.details.attachments
    qtbot.waitUntil(lambda: attachments.count() >= 1, timeout=WAIT_MS)
    texts = [attachments.item(n).text() for n in range(attachments.count())]
    assert all(text.endswith("— no download address") for text in texts), texts  # the shipped library has no URLs
