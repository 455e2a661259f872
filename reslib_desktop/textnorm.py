"""Text normalisation shared by every layer (pure functions, no I/O)."""

from __future__ import annotations

import re
import unicodedata

# What a spreadsheet runs as a formula at the start of a cell; a tab before it is how a
# spreadsheet (or an export made safe for one) marks the cell as text.
FORMULA_STARTS = ("=", "+", "-", "@")


def _text_mark(text: str, trimmed: str) -> str:
    """The whitespace before `trimmed` when it holds a tab and a formula character follows, else ''."""
    if not text[0].isspace() or not trimmed.startswith(FORMULA_STARTS):
        return ""
    lead = text[: len(text) - len(text.lstrip())]
    return lead if "\t" in lead else ""


def normalise_space(text: str | None) -> str:
    """Collapse all whitespace (including no-break spaces) to single spaces.

    Leading whitespace holding a tab before `= + - @` is kept as given: it keeps a
    spreadsheet from running the text as a formula (`\t=1+1` stays `\t=1+1`).
    """
    if not text:
        return ""
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text  # already collapsed: printable text holds no whitespace but single ASCII spaces
    collapsed = " ".join(text.split())  # str.split() splits at every Unicode space, no-break ones too
    if not text[0].isspace():
        return collapsed  # the common case
    return _text_mark(text, collapsed) + collapsed if collapsed else ""


def normalise_printable_space(text: str) -> str:
    """normalise_space of a text known to be printable (its only whitespace is ' ', so no tab to keep)."""
    if not text:
        return ""
    if "  " not in text and text[0] != " " and text[-1] != " ":
        return text
    return " ".join(text.split())


def strip_space(text: str | None) -> str:
    """`text` without surrounding whitespace, but for a leading tab before `= + - @` (see normalise_space)."""
    if not text:
        return ""
    stripped = text.strip()
    return _text_mark(text, stripped) + stripped if stripped else ""


def fold(text: str | None) -> str:
    """A comparison key: case-folded, accents and punctuation dropped, spaces collapsed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", stripped.casefold()).split())
