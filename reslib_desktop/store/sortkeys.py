"""Sort keys stored beside the values they order, so sorting is an indexed ORDER BY."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"\d+")
_LEADING_NOISE = re.compile(r"^[\W_]+")


def title_sort_key(title: str) -> str:
    """Case- and accent-insensitive, natural order ("Class 7" before "Class 10")."""
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = _LEADING_NOISE.sub("", " ".join(plain.split()))
    return _DIGITS.sub(lambda m: m.group(0).lstrip("0").rjust(10, "0") or "0".rjust(10, "0"), plain)
