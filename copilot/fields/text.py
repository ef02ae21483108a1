"""One customer message as extractors see it: normalised text plus the spans already taken.

An extractor that accepts a span claims it, and later extractors see those characters blanked, so
the same digits never become two fields (an order number is not also a phone, a price not a date).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Lao has two spellings of the same letters (ຳ vs ໍ+າ, ໜ vs ຫ+ນ); lexicons use the first.
_LAO_VARIANTS = {"\u0ecd\u0eb2": "\u0eb3", "ຫນ": "ໜ", "ຫມ": "ໝ"}
_LAO_VARIANT = re.compile("|".join(_LAO_VARIANTS))

# Word boundaries that also work for Armenian and Cyrillic (\b is fine there) but not Lao, which
# has no spaces between words: Lao lexicon entries are matched without boundaries.
B = r"(?<![^\W_])"
E = r"(?![^\W_])"


def prepare(text: str) -> str:
    """NFC plus one spelling for Lao variants; every offset below refers to this string."""
    return _LAO_VARIANT.sub(lambda m: _LAO_VARIANTS[m.group()], unicodedata.normalize("NFC", text))


@dataclass
class MessageText:
    text: str
    _chars: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = prepare(self.text)
        self._chars = list(self.text)

    @property
    def free(self) -> str:
        """The text with claimed spans blanked (same length, so offsets still hold)."""
        return "".join(self._chars)

    def claim(self, start: int, end: int) -> None:
        for i in range(start, end):
            self._chars[i] = " "


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """Regex alternation, longest first so "day after tomorrow" beats "tomorrow"."""
    return "|".join(sorted(words, key=len, reverse=True))
