"""Finding a name in free text, in any of the five languages. Customers inflect ("в Ереване", "до Львова",
"в Києві", "Երևանում"), mistype and mix scripts, so a name word matches a text word when:

1. they are equal after case-folding (ё→е, NFKC); or
2. the text word is the name word plus a short suffix (Armenian and Russian case endings); or
3. after stripping one known case ending from each, the stems differ by at most one edit
   (Ukrainian і/о alternation "Львів"/"Львова", one typo "Еревн").

Lao is written without spaces between words, so Lao names are found as substrings, with or without the spaces
the business wrote between their words; typed in Latin
letters ("kafe lao"), by their romanised keys.

A name typed in another script ("kofe efiopia", "Hayastan", "Йиргачеффе") matches through Latin keys
(``copilot.transliteration``) when the words above do not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache

from rapidfuzz.distance import Levenshtein

from .transliteration import MIN_FUZZY, keys_match, lao_key, latin_key, script

# Case endings stripped before comparing stems (rule 3), longest first.
CASE_ENDINGS = tuple(sorted({
    # ru / uk nouns and adjectives
    "ами", "ями", "ого", "его", "ому", "ему", "ими", "ыми", "ой", "ей", "ий", "ый", "ая", "яя", "ое",
    "ее", "ые", "ие", "ую", "юю", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ів", "ою", "ею",
    "ові", "еві", "ії", "ією", "ію", "ія", "єю", "а", "я", "у", "ю", "е", "и", "ы", "і", "ї", "є", "о",
    # hy case endings and articles
    "ում", "ից", "ով", "ին", "ի", "ը", "ն", "ս",
}, key=len, reverse=True))
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_LAO = re.compile(r"[\u0E80-\u0EFF]")
_LAO_LIGATURES = {"ຫນ": "ໜ", "ຫມ": "ໝ"}


def normalise(text: str) -> str:
    """Case-fold for matching: NFKC, lower case, ё→е, Lao ຫນ/ຫມ ligature spellings unified."""
    return fold(text).norm


def words(text: str) -> list[str]:
    """The normalised words of ``text`` (a Lao run without spaces is one word)."""
    return [m.group() for m in fold(text).words]


def is_lao(text: str) -> bool:
    """Has Lao letters: such names are found as substrings (Lao has no spaces between words)."""
    return bool(_LAO.search(text))


@lru_cache(maxsize=256)
def fold(text: str) -> Folded:
    """``text`` folded for matching, with its words; what ``Phrase.find`` searches."""
    # The same message is matched against products, sizes, colours and cities in a row.
    return Folded(text)


class Folded:
    """``text`` case-folded char by char, remembering which original char each folded char came from.

    Folding can change length (NFKC splits Lao ຳ), and callers need spans in the original text.
    """

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.origin: list[int] = []
        i = 0
        while i < len(text):
            pair = _LAO_LIGATURES.get(text[i : i + 2])
            folded = pair or unicodedata.normalize("NFKC", text[i]).casefold().replace("ё", "е")
            chars.append(folded)
            self.origin += [i] * len(folded)
            i += 2 if pair else 1
        self.text = text
        self.norm = "".join(chars)
        self.words = list(_WORD.finditer(self.norm))
        self.starts: dict[str, list[int]] = {}  # first letter -> indexes of words starting with it
        for i, word in enumerate(self.words):
            self.starts.setdefault(word.group()[0], []).append(i)

    def original_span(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.origin[span[0]], self.origin[span[1] - 1] + 1

    @cached_property
    def keys(self) -> list[str]:
        """Each word's Latin key (``copilot.transliteration``); Lao words are matched as substrings instead."""
        return ["" if _LAO.search(w.group()) else latin_key(w.group()) for w in self.words]

    @cached_property
    def key_starts(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            if key:
                out.setdefault(key[0], []).append(i)
        return out


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    for ending in CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


def _within_one_edit(a: str, b: str) -> bool:
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


@lru_cache(maxsize=65536)
def word_matches(name_word: str, text_word: str) -> bool:
    """True when ``text_word`` is ``name_word`` inflected or with one cheap typo (rules 1–3)."""
    if name_word == text_word:
        return True
    if not name_word or not text_word or name_word[0] != text_word[0]:  # every rule keeps the first letter
        return False
    if name_word.isdigit() or text_word.isdigit() or len(name_word) < 2:
        return False
    if len(name_word) >= 3 and text_word.startswith(name_word) and len(text_word) - len(name_word) <= 3:
        return True
    if len(text_word) >= 4 and text_word.isascii() and name_word in (text_word + "s", text_word + "es"):
        return True  # a name written in the plural, said in the singular: "shots" and "a rabies shot"
    a, b = _stem(name_word), _stem(text_word)
    if a == b:
        return True
    # A dropped or added letter needs five letters ("ride" is not "ridge"); four-letter stems may
    # differ by one vowel for another (uk "Києві" → "києв" vs "київ"), not a consonant ("парк" is no "Парз").
    shortest = min(len(a), len(b))
    if shortest == 4:
        return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1 and all(
            x in _VOWELS and y in _VOWELS for x, y in zip(a, b, strict=True) if x != y)
    return shortest >= 4 and a[0] == b[0] and _within_one_edit(a, b)


_VOWELS = frozenset("aeiouyаеёиоуыэюяіїєաեէըիոօ")


class Phrase:
    """A name to look for, pre-tokenised: ``find`` returns the (start, end) it occupies or None."""

    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.words = [m.group() for m in _WORD.finditer(self.text)]
        # A Lao name's spaces are the business's, not the customer's: "ອາບນ້ຳ ຕັດຂົນ" is said "ອາບນ້ຳຕັດຂົນ".
        self._lao = re.compile(r"\s*".join(map(re.escape, self.text.split()))) if _LAO.search(self.text) else None

    def find(self, folded: Folded) -> tuple[int, int] | None:
        """Span of the first occurrence, in the original (unfolded) text."""
        if self._lao is not None:
            m = self._lao.search(folded.norm)
            return folded.original_span(m.span()) if m else self._find_romanised_lao(folded)
        words, n = folded.words, len(self.words)
        if not n:
            return None
        # every rule keeps the first letter, so only words starting with it can begin a match
        for i in folded.starts.get(self.words[0][0], ()):
            if i + n <= len(words) and all(word_matches(self.words[j], words[i + j].group()) for j in range(n)):
                return folded.original_span((words[i].start(), words[i + n - 1].end()))
        if n == 2:  # a two-word name said the other way round: "красного Арени" for "Арени красное"
            for i in folded.starts.get(self.words[1][0], ()):
                if i + 2 <= len(words) and word_matches(self.words[1], words[i].group()) \
                        and word_matches(self.words[0], words[i + 1].group()):
                    return folded.original_span((words[i].start(), words[i + 1].end()))
        return self._find_transliterated(folded)

    @cached_property
    def _keys(self) -> list[tuple[str, str, str]]:
        """(Latin key, word, script) per word."""
        return [(latin_key(w), w, script(w)) for w in self.words]

    @cached_property
    def _bridges(self) -> bool:
        """May this name match across scripts? "ТО" (a service's abbreviation) is not the English "to":
        a name shorter than 4 letters keeps its script."""
        return bool(self._keys) and bool(self._keys[0][0]) and sum(len(k) for k, _, _ in self._keys) >= 4

    def _find_transliterated(self, folded: Folded) -> tuple[int, int] | None:
        keys, words, n = folded.keys, folded.words, len(self._keys)
        if not self._bridges:
            return None
        for i in folded.key_starts.get(self._keys[0][0][0], ()):
            if i + n <= len(keys) and all(self._pair(j, keys[i + j], words[i + j].group()) for j in range(n)):
                return folded.original_span((words[i].start(), words[i + n - 1].end()))
        return None

    @cached_property
    def _lao_key(self) -> str:
        return lao_key(self.text)

    def _find_romanised_lao(self, folded: Folded) -> tuple[int, int] | None:
        """A Lao name typed in Latin letters, as one word or several ("kafe lao", "khao niao"): the
        Latin words from each start are joined (Lao names have no spaces) and compared by key."""
        key, words = self._lao_key, folded.words
        if len(key) < MIN_FUZZY:  # "lap" (ລາບ) would match too much English
            return None
        for i in folded.key_starts.get(key[0], ()):
            joined = ""
            for j in range(i, len(words)):
                if not words[j].group().isascii():
                    break
                joined += words[j].group()
                text_key = latin_key(joined)
                if len(text_key) > len(key) + 3:
                    break
                if keys_match(key, text_key):
                    return folded.original_span((words[i].start(), words[j].end()))
        return None

    def _pair(self, j: int, text_key: str, text_word: str) -> bool:
        key, word, _ = self._keys[j]
        return same_word(word, text_word, name_key=key, text_key=text_key)


def same_word(name_word: str, text_word: str, *, name_key: str | None = None, text_key: str | None = None) -> bool:
    """Does ``text_word`` name ``name_word`` (both normalised)? In one script by the rules above; across
    scripts by their Latin keys (``copilot.transliteration``), given when the caller has them. Callers keep
    names shorter than four letters to their own script ("ТО" is not "to"): see ``Phrase._bridges``."""
    if script(name_word) == script(text_word):  # one script: the rules above decide, keys only bridge scripts
        return word_matches(name_word, text_word)
    if is_lao(name_word) or is_lao(text_word):  # anyascii keeps Lao's leading vowels first: no key to compare
        return False
    text_key = latin_key(text_word) if text_key is None else text_key
    return bool(text_key) and keys_match(latin_key(name_word) if name_key is None else name_key, text_key)
