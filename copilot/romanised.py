"""Russian, Ukrainian and Armenian typed in Latin letters: "skolko stoit manikyur", "skilky koshtuye
strizhka", "gde vy nahodites", "barev dzez".

Customers without a Cyrillic or Armenian keyboard write their own language in Latin letters, each in
their own spelling. Such a message is neither English nor any language lingua knows, and the
classifier, trained on native spellings, misreads it. This module recognises it and gives back the
native spelling to classify and search with (the customer's text is kept as written; the reply is in
the native script, as these businesses reply).

How: every word of the default taxonomy's ru/uk/hy examples (~1,200 per language, the words customers
write to a business) is reduced to the folded Latin key of ``copilot.transliteration`` ("сколько" →
"skolko", "находитесь" → "nahodites", "маникюр" → "manikiur"); a Latin word whose key is one of them is
that word. A message whose words are mostly such words is romanised ru, uk or hy (whichever lexicon
holds more of them). Its native form replaces each known word by the lexicon's spelling and, in
Russian and Ukrainian, writes the other words in Cyrillic letters (cyrtranslit's Russian scheme).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from collections.abc import Iterable, Mapping

import cyrtranslit
from anyascii import anyascii

from .paths import KNOWLEDGE_DIR
from .transliteration import latin_key
from .yaml_fast import safe_load

LANGUAGES = ("ru", "uk", "hy")  # ties go to the first: Russian is the most often romanised here
_MODELLED = (*LANGUAGES, "en")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Armenian typed in Latin letters writes ը as "@", after the word ("pirsing@", "zard@", the article) and inside it
# ("ver@nel", վերցնել); not an e-mail's "@", which a domain follows, nor a handle's, which no letter precedes.
_SCHWA = re.compile(r"(?<=[a-z])@(?![\w-]*\.\w)", re.IGNORECASE)
# Armenian chat spelling letter by letter, for a word no lexicon has ("achqery" → աչքերը): multi-letter spellings
# first. "y" is յ before a vowel and ը elsewhere; a word's first "o" is օ, its first "vo" ո and "ye" ե.
_HY_SPELLING = re.compile(r"tch|sh|ch|zh|gh|kh|dz|ts|th|ph|ou|[a-z]")
_HY_LETTERS = {"o": "ո", "tch": "ճ", "sh": "շ", "ch": "չ", "zh": "ժ", "gh": "ղ", "kh": "խ", "dz": "ձ",
               "ts": "ց", "th": "թ", "ph": "փ", "ou": "ու", "u": "ու", "y": "ը", "a": "ա", "b": "բ", "g": "գ",
               "d": "դ", "e": "ե", "z": "զ", "i": "ի", "l": "լ", "x": "խ", "c": "ց", "k": "կ", "h": "հ", "j": "ջ",
               "m": "մ", "n": "ն", "p": "պ", "s": "ս", "v": "վ", "w": "վ", "t": "տ", "r": "ր", "q": "ք", "f": "ֆ"}
_ARMENIAN_MARKS = str.maketrans("", "", "\u055b\u055c\u055e")  # ՛ ՜ ՞ sit inside the word they stress
# cyrtranslit writes Russian letters; in Ukrainian typed in Latin "i" is і and "y" is и
_UKRAINIAN_LETTERS = str.maketrans("иыИЫ", "іиІИ")
MIN_SHARE = 0.5  # of the message's words (2+ letters) that must be words of one of the lexicons
# A message in a language the business serves, typed in Latin letters, that lingua cannot place: fewer of its
# words need be known ("barev, mer shuny poqrik a, kareli a iran el berenq?": 0.4; lingua: Turkish, 0.32).
LEANING_SHARE = 0.3
MIN_STEM = 5  # letters two inflected forms must share ("sertifikati" / "sertifikat")
LETTER_MARGIN = 0.5  # nats per letter a word's spelling must favour a language over English
RU_UK_MARGIN = 0.2  # nats per letter for a word's spelling to lean Russian or Ukrainian
MIN_KEY = 4  # one known word this long (or two of 3 letters): "no", "to", "ne" are also English or Polish
ENGLISH_TOO = 0.5  # evidence of a word English texts use as often as the language's own (_english_too)


@dataclass(frozen=True)
class Romanised:
    language: str  # ru, uk or hy
    share: float  # of the message's words found in that language's lexicon


def _strings(node: Any, language: str | None, into: dict[str, Counter[str]]) -> None:
    """Count the native words of every string under a language key (or of a one-language file)."""
    if isinstance(node, dict):
        for key, value in node.items():
            _strings(value, key if key in into else language, into)
    elif isinstance(node, list):
        for value in node:
            _strings(value, language, into)
    elif isinstance(node, str) and language in into:
        text = node.lower().translate(_ARMENIAN_MARKS)  # "որտե՞ղ" is one word with its question mark
        into[language].update(w for w in _WORD.findall(text) if (language == "en") == w.isascii())


@lru_cache(maxsize=1)
def _counts() -> dict[str, Counter[str]]:
    """language -> native words (English: words) of the default taxonomy, signals and templates."""
    counts: dict[str, Counter[str]] = {lang: Counter() for lang in _MODELLED}
    for name in ("taxonomy/intents.yaml", "signals.yaml"):
        _strings(safe_load((KNOWLEDGE_DIR / name).read_text(encoding="utf-8")), None, counts)
    for lang in _MODELLED:
        _strings(safe_load((KNOWLEDGE_DIR / "templates" / f"{lang}.yaml").read_text(encoding="utf-8")), lang, counts)
    return counts


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, str]]:
    """language -> Latin key -> the most frequent native word with that key."""
    out: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        keys: dict[str, str] = {}
        for word, _ in _counts()[lang].most_common():
            keys.setdefault(latin_key(word), word)
        out[lang] = keys
    return out


class _Letters:
    """Letter-trigram model of one language's Latin keys: how a word the lexicon lacks ("parkovka",
    "vzhyvani") is spelled, compared with English spelling. Add-one smoothing over 27 symbols."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.tri: Counter[str] = Counter()
        self.bi: Counter[str] = Counter()
        for key in keys:
            padded = f"^^{key}$"
            for i in range(len(padded) - 2):
                self.tri[padded[i:i + 3]] += 1
                self.bi[padded[i:i + 2]] += 1

    def score(self, key: str) -> float:
        """Mean log-probability of the key's letters."""
        padded = f"^^{key}$"
        logs = [math.log((self.tri[padded[i:i + 3]] + 1) / (self.bi[padded[i:i + 2]] + 28))
                for i in range(len(padded) - 2)]
        return sum(logs) / len(logs)


def _spelling(word: str) -> str:
    """A word's letters as typed in Latin (unfolded: Ukrainian "y" for и, Russian "y" for ы tell them apart)."""
    return re.sub(r"[^a-z]", "", anyascii(word).lower())


@lru_cache(maxsize=1)
def _letters() -> dict[str, _Letters]:
    return {lang: _Letters({_spelling(w) for w in _counts()[lang]}) for lang in _MODELLED}


def _letter_scores(word: str) -> dict[str, float]:
    spelled = _spelling(word)
    return {lang: model.score(spelled) for lang, model in _letters().items()}


def _spelled_like(word: str) -> str | None:
    """The language whose spelling an unknown word of 5+ letters follows clearly better than English's."""
    if len(word) < MIN_STEM:
        return None
    scores = _letter_scores(word)
    best = max(LANGUAGES, key=scores.__getitem__)
    return best if scores[best] - scores["en"] >= LETTER_MARGIN else None


def _ru_or_uk(word: str) -> str | None:
    """Russian or Ukrainian spelling, when a word of 4+ letters clearly follows one ("zapysatysya")."""
    if len(word) < MIN_KEY:
        return None
    scores = _letter_scores(word)
    if abs(scores["ru"] - scores["uk"]) < RU_UK_MARGIN:
        return None
    return "ru" if scores["ru"] > scores["uk"] else "uk"


@lru_cache(maxsize=1)
def _stems() -> dict[str, frozenset[str]]:
    """language -> the lexicon's keys without their last 0–3 letters (5+ left): inflected forms."""
    return {lang: frozenset(key[:len(key) - cut] for key in keys for cut in range(4) if len(key) - cut >= MIN_STEM)
            for lang, keys in _lexicon().items()}


def _known(key: str, language: str) -> bool | None:
    """True: a lexicon word; None: an inflected form of one ("sertifikati" of "sertifikat"); False: neither."""
    if key in _lexicon()[language]:
        return True
    stems = _stems()[language]
    return None if any(key[:len(key) - cut] in stems for cut in range(4) if len(key) - cut >= MIN_STEM) else False


def _english_too(word: str, key: str, languages: list[str]) -> bool:
    """A word English customers write at least as often (per word of text) as the languages whose word it
    spells: "any" (English 30 times, Armenian անի once), "in", "my", "Yerevan"; not "inch" (ինչ), "im" (իմ),
    "Gyumri" (Гюмри). Such a word is as much English as romanised: "any branch in Gyumri?" is English."""
    counts, totals = _counts(), _totals()
    english = counts["en"][word] / totals["en"]
    if not english:
        return False
    return english >= max(counts[lang][_lexicon()[lang].get(key, "")] / totals[lang] for lang in languages)


@lru_cache(maxsize=1)
def _totals() -> dict[str, int]:
    return {lang: max(words.total(), 1) for lang, words in _counts().items()}


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) >= 2]


@lru_cache(maxsize=4096)
def romanised(text: str, min_share: float = MIN_SHARE) -> Romanised | None:
    """The language ``text`` is written in when it is Russian, Ukrainian or Armenian in Latin letters (at least
    ``min_share`` of its words known)."""
    if any(ch.isalpha() and not ch.isascii() for ch in text):
        return None
    words = _words(_SCHWA.sub("y", text))
    if not words:
        return None
    score = dict.fromkeys(LANGUAGES, 0.0)
    known = 0.0
    long_known = 0.0  # known words of 4+ letters, plus half of each 3-letter one ("vas", "chy")
    for word in words:
        key = latin_key(word)
        langs = [lang for lang in LANGUAGES if _known(key, lang) is not False]
        if langs:
            weight = ENGLISH_TOO if _english_too(word, key, langs) else 1.0
            known += weight * (1 if len(key) > 2 else 0.5)  # "do", "to", "ne": English, Polish, Turkish words too
            long_known += 1 if len(key) >= MIN_KEY else 0.5 if len(key) == 3 else 0
        elif spelled := _spelled_like(word):  # a word of theirs the lexicon lacks: weaker evidence
            known += 0.5
            langs = [spelled]
        for lang in langs:  # a word both languages have counts half for each
            score[lang] += 1 / len(langs)
        if (leaning := _ru_or_uk(word)) and set(langs) & {"ru", "uk"}:
            score[leaning] += 0.5  # Ukrainian "y" for и, "i" for і, "ye" for є
    share = known / len(words)
    if share < min_share or long_known < 1:
        return None
    best = max(LANGUAGES, key=lambda lang: score[lang])  # max keeps the first of equals
    return Romanised(best, share)


def armenian_letters(word: str) -> str:
    """An Armenian word typed in Latin letters, in Armenian letters as chat spelling reads them."""
    word = word.lower()
    for start, letter in (("vo", "ո"), ("ye", "ե")):
        if word.startswith(start):
            return letter + armenian_letters(word[len(start):])
    out = []
    for match in _HY_SPELLING.finditer(word):
        letters, after = match.group(), word[match.end():match.end() + 1]
        if letters == "o" and match.start() == 0:
            out.append("օ")
        elif letters == "y" and after in ("a", "e", "i", "o", "u"):
            out.append("յ")
        else:
            out.append(_HY_LETTERS.get(letters, letters))
    return "".join(out)


def native_form(text: str, language: str, own: Mapping[str, str] | None = None) -> str:
    """``text`` in ``language``'s own script when it is that language (or its ru/uk neighbour) typed in
    Latin letters; otherwise ``text`` unchanged. ``own``: the business's own words by their Latin keys
    (`TenantWords.native_keys`), for the words the default lexicon lacks ("Gexardi" as its "Գեղարդի")."""
    if language not in LANGUAGES:  # first: an English conversation never loads the lexicon (~0.2 s)
        return text
    found = romanised(text, LEANING_SHARE)  # the conversation is in ``language``: the text need only lean to it
    if found is None or (language == "hy") != (found.language == "hy"):
        return text
    lexicons = (_lexicon()[language], own or {})
    cyrillic = language != "hy"

    def native(match: re.Match[str]) -> str:
        word = match.group()
        key = latin_key(word)
        spelled = next((keys[key] for keys in lexicons if key in keys), None)
        if spelled is None and not cyrillic:  # Armenian: the word it inflects, if a lexicon has one
            spelled = next((keys[key[:len(key) - cut]] for keys in lexicons for cut in range(1, 4)
                            if len(key) - cut >= MIN_STEM and key[:len(key) - cut] in keys), None)
        if spelled is None:  # unknown or inflected: the customer's own word, letter by letter
            if not cyrillic:  # but an English word ("online", "parking") as it is
                return word if _counts()["en"][word.lower()] else armenian_letters(word)
            letters = cyrtranslit.to_cyrillic(word.lower(), "ru")
            return letters.translate(_UKRAINIAN_LETTERS) if language == "uk" else letters
        return spelled.capitalize() if word[:1].isupper() else spelled

    return _WORD.sub(native, _SCHWA.sub("y", text))
