"""normalise_space: whitespace of every kind collapsed to single spaces, whatever path the text takes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reslib_desktop.textnorm import normalise_space

_PIECES = st.sampled_from(["a", "Zoë", "=1+1", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u202f", "\u3000", "\x0b",
                           "\u2028", "-", "x y", "\u200b"])


@given(st.lists(_PIECES, max_size=12).map("".join) | st.text(max_size=40))
def test_whitespace_collapses_to_single_spaces(text: str) -> None:
    result = normalise_space(text)
    lead = text[: len(text) - len(text.lstrip())]
    if "\t" in lead and text.lstrip().startswith(("=", "+", "-", "@")):  # kept: a spreadsheet's text mark
        assert result == lead + " ".join(text.split())
    else:
        assert result == " ".join(text.split())


def test_examples() -> None:
    assert normalise_space("Housing\u00a0and  jobs\n") == "Housing and jobs"
    assert normalise_space("Already clean text") == "Already clean text"
    assert normalise_space(" leading and trailing ") == "leading and trailing"
    assert normalise_space("\t=1+1") == "\t=1+1"
    assert normalise_space(None) == ""
