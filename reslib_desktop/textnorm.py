"""Text normalisation shared by every layer (pure functions, no I/O)."""

from __future__ import annotations

import re
import unicodedata


def normalise_space(text: str | None) -> str:
    """Collapse all whitespace (including no-break spaces) to single spaces."""
    if not text:
        return ""
    return " ".join(text.replace("\u00a0", " ").split())


def fold(text: str | None) -> str:
    """A comparison key: case-folded, accents and punctuation dropped, spaces collapsed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", stripped.casefold()).split())
