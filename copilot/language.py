"""Which language a customer writes in (H12: reply in the customer's language).

Three steps, cheapest first:
1. Script: Armenian and Lao (and other single-language scripts) are decided by their Unicode block;
   lingua has no Lao model, and no model beats a script check for Armenian.
2. Cyrillic: Russian vs Ukrainian is the hard, common case. Distinctive letters (і ї є ґ vs ы э ъ ё)
   and a short list of frequent function words vote first; lingua decides only what they leave open.
3. Latin: plain-ASCII text with at least two words only English has ("my", "where", "the", …) is
   English without a model; the rest goes to lingua over a small set of likely languages (a small
   set keeps it fast and stops rare languages from winning on short messages). The word check spares
   most English messages and drafts lingua's ~2 s load of 14 languages' models (a CLI call pays it).
   Russian, Ukrainian or Armenian typed in Latin letters ("skolko stoit", "barev dzez") is found by its
   words (``copilot.romanised``) before lingua.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

from .romanised import romanised

SUPPORTED = ("en", "ru", "uk", "hy", "lo")

# Single-language scripts: (first code point, last code point, language).
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0530, 0x058F, "hy"),
    (0xFB13, 0xFB17, "hy"),
    (0x0E80, 0x0EFF, "lo"),
    (0x0E00, 0x0E7F, "th"),
    (0x10A0, 0x10FF, "ka"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x3040, 0x30FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),
    (0x4E00, 0x9FFF, "zh"),
    (0x0370, 0x03FF, "el"),
)
_CYRILLIC = (0x0400, 0x04FF)

_UK_LETTERS = set("іїєґІЇЄҐ")
_RU_LETTERS = set("ыэъёЫЭЪЁ")
# Frequent words spelled only one way; short messages often have no distinctive letter.
_UK_WORDS = {
    "коли", "буде", "дуже", "також", "або", "чи", "вже", "ще", "де", "що", "мене", "мені", "вам",
    "добрий", "дякую", "будь", "ласка", "хочу", "можна", "потрібно", "скільки", "коштує", "немає",
    "так", "ні", "тут", "зараз", "сьогодні", "завтра", "замовлення", "доставка", "ваш", "наш", "як",
    "його", "цей", "ця", "це", "чому", "треба", "привіт", "вітаю", "ви", "коштує", "маю", "ваше",
}
_RU_WORDS = {
    "где", "что", "когда", "как", "очень", "тоже", "или", "уже", "ещё", "еще", "меня", "мне", "вас",
    "добрый", "спасибо", "пожалуйста", "можно", "нужно", "сколько", "стоит", "нет", "да", "здесь",
    "сейчас", "сегодня", "завтра", "заказ", "привет", "здравствуйте", "почему", "надо", "это", "его",
    "хочу", "вы", "мой", "моя", "ваш", "доставка", "так", "есть", "с", "со",  # Ukrainian writes з, із, зі
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Frequent general English words (function words, time, politeness: no business's nouns, so every
# tenant gets the same quick path) that are not frequent words of the other Latin-script languages lingua
# weighs below (so not "is", "was", "will", "want", "of", "week", "just", "still", "can", "in", "on",
# "to", "me", "no", "i", "a", "by", "at", "or", "hey"), nor of romanised Russian, Armenian or Lao.
# Two of them in a plain-ASCII message decide English. benchmarks/bench_language.py: on the dev sets
# they decide 218 texts, all English; chat spellings ("dont", "pls") count as they are typed.
_EN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_EN_WORDS = frozenset("""
the my your yours you we our ours they them their this that these those there here what where when
why how which who whom whose could would should have has had does did doing been being are were it
its it's i'm i've i'd i'll don't doesn't didn't can't won't isn't aren't wasn't there's what's with
from about please thanks thank and for not yet any some much many need get got know tell like today
tomorrow yesterday time back able after before than then into out up if because since until while
without something anything nothing everything someone anyone already again maybe other every each
both same very really ago sorry okay hello dont wont cant im didnt doesnt isnt anymore his one new pls
plz thx
""".split())

_LINGUA_CYRILLIC = (Language.RUSSIAN, Language.UKRAINIAN, Language.BELARUSIAN, Language.BULGARIAN,
                    Language.SERBIAN, Language.MACEDONIAN, Language.KAZAKH, Language.MONGOLIAN)
_LINGUA_LATIN = (Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.ITALIAN,
                 Language.PORTUGUESE, Language.POLISH, Language.DUTCH, Language.TURKISH, Language.CZECH,
                 Language.ROMANIAN, Language.SWEDISH, Language.INDONESIAN, Language.VIETNAMESE)


# German typed without umlauts is half made of words romanised Russian or Armenian has too ("kann ich mit
# karte zahlen?": "mit", "ich"; share 0.5-0.62), and lingua is sure of it (0.59-0.94). Below this share a
# romanised reading yields to a sure lingua one: the romanised packs' texts under it get at most 0.52
# from lingua (benchmarks/bench_language.py).
_SURE_ROMANISED, SURE_LINGUA = 0.75, 0.55


@dataclass(frozen=True)
class LanguageGuess:
    code: str
    confidence: float
    method: str


_detector_lock = threading.Lock()


@lru_cache(maxsize=2)
def _detector(script: str):  # noqa: ANN202 - lingua's type is internal
    languages = _LINGUA_CYRILLIC if script == "cyrillic" else _LINGUA_LATIN
    return LanguageDetectorBuilder.from_languages(*languages).build()


_preloading = False


def preload_models(texts: Sequence[str] | None = None) -> None:
    """Load lingua's models on a background thread, once per process (the first call decides which).

    A Latin-script message the English words cannot decide costs ~2.2 s of CPU on its first
    detection (14 languages' n-gram models); lingua releases the GIL while it loads, so the load
    overlaps with loading the embedder, classifier and store. Without `texts` (a long-lived
    Copilot) the Latin models load. With `texts` (a CLI call that knows its conversation) only what
    detecting them needs loads: texts decided by script, the ru/uk vote or English words load
    nothing, where an unconditional preload costs a short CLI call ~1 s of a busy 2-core box.
    """
    global _preloading
    with _detector_lock:
        if _preloading:
            return
        _preloading = True
    work = (lambda: _lingua_values("warm up", "latin")) if texts is None else (
        lambda: [detect_language(t) for t in texts])
    threading.Thread(target=work, daemon=True, name="lingua-preload").start()


_NATIVE_LETTERS = 3  # letters of another script that make a sentence of it, not a stray symbol
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")  # taken out, what is left of a text is its Latin words


def _script_counts(text: str) -> tuple[dict[str, int], int, int]:
    scripts: dict[str, int] = {}
    cyr = latin = 0
    for ch in text:
        cp = ord(ch)
        if _CYRILLIC[0] <= cp <= _CYRILLIC[1]:
            cyr += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
        elif cp > 0x024F:
            for lo, hi, code in _SCRIPTS:
                if lo <= cp <= hi:
                    scripts[code] = scripts.get(code, 0) + 1
                    break
    return scripts, cyr, latin


def _ru_uk_vote(text: str) -> float:
    """Positive means Ukrainian, negative Russian; 0 when nothing distinguishes them."""
    score = 0.0
    for ch in text:
        if ch in _UK_LETTERS:
            score += 2
        elif ch in _RU_LETTERS:
            score -= 2
    for word in _WORD.findall(text.lower()):
        if word in _UK_WORDS and word not in _RU_WORDS:
            score += 1
        elif word in _RU_WORDS and word not in _UK_WORDS:
            score -= 1
    return score


def _english_words(text: str) -> int:
    """How many words of the text only English has; 0 when a letter is not ASCII ("für", "où",
    "ñ", any non-Latin script: another language is in the message)."""
    text = text.replace("\u2019", "'")  # phones type it’s for it's
    if any(not ch.isascii() and ch.isalpha() for ch in text):
        return 0
    return sum(word in _EN_WORDS for word in _EN_WORD.findall(text.lower()))


def _lingua_values(text: str, script: str) -> list[tuple[str, float]]:
    with _detector_lock:  # building is not re-entrant; detection itself is cheap
        detector = _detector(script)
    return [(v.language.iso_code_639_1.name.lower(), float(v.value))
            for v in detector.compute_language_confidence_values(text)]


def _cyrillic(text: str) -> LanguageGuess:
    vote = _ru_uk_vote(text)
    if abs(vote) >= 2:
        return LanguageGuess("uk" if vote > 0 else "ru", min(1.0, 0.7 + abs(vote) * 0.05), "ru-uk-vote")
    values = dict(_lingua_values(text, "cyrillic"))
    other, other_p = max(((k, v) for k, v in values.items() if k not in ("ru", "uk")),
                         key=lambda kv: kv[1], default=("", 0.0))
    if other_p >= 0.6:  # clearly Bulgarian, Serbian, …: not a ru/uk coin toss
        return LanguageGuess(other, other_p, "lingua")
    # Short Cyrillic messages in this product are overwhelmingly ru or uk: decide between them,
    # a single distinctive word tipping a close call.
    ru = values.get("ru", 0.0) - 0.3 * vote
    uk = values.get("uk", 0.0) + 0.3 * vote
    code, p = ("uk", uk) if uk > ru else ("ru", ru)
    return LanguageGuess(code, max(0.0, min(1.0, p / max(ru + uk, 1e-9))), "lingua")


def detect_language(text: str) -> LanguageGuess | None:
    """Best guess for ``text``, or None when it has no letters to go on (digits, emoji, 'ok')."""
    scripts, cyr, latin = _script_counts(text)
    letters = sum(scripts.values()) + cyr + latin
    if letters == 0:
        return None
    if latin > cyr + sum(scripts.values()) >= _NATIVE_LETTERS and _english_words(_NON_ASCII.sub(" ", text)) < 2:
        # Brand and model names in Latin letters inside a sentence in another script ("Royal Canin Mini Adult 4 кг
        # почем у вас?", "ປ່ຽນຈໍ iPhone 13 Pro Max ເທົ່າໃດ"): the sentence's own words decide, not the names' letters.
        letters, latin = letters - latin, 0
    if scripts:
        code, n = max(scripts.items(), key=lambda kv: kv[1])
        if n >= max(cyr, latin):
            return LanguageGuess(code, min(1.0, n / letters + 0.2), "script")
    if cyr >= latin:
        return _cyrillic(text)
    if letters < 3:  # "ok", "hi" carry too little signal for anything but a default
        return LanguageGuess("en", 0.3, "short")
    if (english := _english_words(text)) >= 2:
        return LanguageGuess("en", min(1.0, 0.7 + 0.05 * english), "en-words")
    found = romanised(text)  # "skolko stoit", "barev dzez": before lingua, which knows no such language
    values = [] if found and found.share >= _SURE_ROMANISED else _lingua_values(text, "latin")
    if found and not (values and values[0][1] >= SURE_LINGUA):
        return LanguageGuess(found.language, min(1.0, 0.5 + 0.5 * found.share), "romanised")
    return LanguageGuess(values[0][0], values[0][1], "lingua") if values else None


def reply_language(stated: str | None, customer_texts: list[str], *, default: str = "en") -> LanguageGuess:
    """The language to reply in: the customer's stated language wins; else detection on their
    latest message, falling back to earlier messages when the latest says too little ("ok", "12345")."""
    if stated:
        return LanguageGuess(stated, 1.0, "stated")
    for text in reversed(customer_texts):
        guess = detect_language(text)
        if guess and guess.method != "short" and guess.confidence >= 0.25:
            return guess
    joined = " ".join(customer_texts)
    guess = detect_language(joined)
    return guess or LanguageGuess(default, 0.0, "default")
