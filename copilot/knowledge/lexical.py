"""Lexical evidence for ranking FAQ entries: the character n-grams a message shares with them.

multilingual-e5-small packs Lao questions so close together (cosines of 0.90–0.95 to almost every
FAQ question) that the right entry often ranks fourth; the words the customer shares with one of
its question variants ("ຈ່າຍເປັນເດືອນ", "ພັດສະດຸ") settle it. Character 2–3-grams need no word
segmenter (Lao writes without spaces). The bonus only reorders entries that already passed the
cosine floor, so off-topic questions stay out exactly as before. Measured with
benchmarks/bench_retrieval.py on evals/datasets/retrieval_dev.jsonl (weight 0.15 vs none):
recall@3 lo 0.875 -> 0.95, ru 0.90 -> 0.95, en 0.95 -> 0.975, hy and uk unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .files import Entry

WEIGHT = 0.15  # added to the cosine: weight x Jaccard overlap of n-gram sets (0..1)
_N = (2, 3)
_SPACE = re.compile(r"\s+")


def ngrams(text: str) -> frozenset[str]:
    t = _SPACE.sub(" ", text.lower()).strip()
    return frozenset(t[i : i + n] for n in _N for i in range(len(t) - n + 1) if not t[i : i + n].isspace())


class LexicalIndex:
    """The n-gram sets of each FAQ entry's question variants, by entry id."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._grams = {e.id: [ngrams(d.text) for d in e.documents] for e in entries if e.kind == "faq"}

    WEIGHT = WEIGHT

    def overlap(self, message: frozenset[str], entry_id: str) -> float:
        """The best Jaccard overlap (0..1) between the message and one of the entry's documents."""
        best = 0.0
        for grams in self._grams.get(entry_id, ()):
            if grams and message:
                best = max(best, len(message & grams) / len(message | grams))
        return best
