"""Matched words, marked by the store, as safe HTML."""

from __future__ import annotations

import html

from reslib_desktop.library import MARK_END, MARK_START


def highlight_html(passage: str) -> str:
    """Escape a snippet and turn the store's match markers into <b> tags."""
    escaped = html.escape(passage)
    return escaped.replace(MARK_START, "<b>").replace(MARK_END, "</b>")
