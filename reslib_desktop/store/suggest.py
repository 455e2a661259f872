"""'Did you mean': the closest words of the library's own vocabulary (the search index's terms + rapidfuzz)."""

from __future__ import annotations

MIN_SCORE = 75.0
MAX_VOCABULARY = 200_000


def suggest_words(words: list[str], terms: list[str], limit: int = 3) -> list[str]:
    """For a query's words, alternative queries where unknown words are replaced by close terms."""
    from rapidfuzz import fuzz, process

    known = set(terms)
    choices_per_word: list[list[str]] = []
    for word in words:
        folded = word.casefold()
        if folded in known or len(folded) < 3:
            choices_per_word.append([folded])
            continue
        candidates = [
            candidate
            for candidate, score, _index in process.extract(folded, terms, scorer=fuzz.ratio, limit=limit)
            if score >= MIN_SCORE and candidate != folded
        ]
        choices_per_word.append(candidates or [folded])
    if all(len(choices) == 1 and choices[0] == word.casefold() for choices, word in zip(choices_per_word, words)):
        return []
    suggestions = []
    for rank in range(limit):
        suggestion = " ".join(choices[min(rank, len(choices) - 1)] for choices in choices_per_word)
        if suggestion not in suggestions and suggestion != " ".join(w.casefold() for w in words):
            suggestions.append(suggestion)
    return suggestions
