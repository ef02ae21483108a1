"""Names typed in another script: "kofe efiopia" for «Кофе Эфиопия», "Hayastan" for «Հայաստան»,
"Йиргачеффе" for "Yirgacheffe".

Customers without a Cyrillic or Armenian keyboard write names in Latin letters, each in their own
spelling, and some write a Latin name in their own script. Both sides are reduced to a Latin *key*
(anyascii, one well-kept table for every script), spellings that differ between transliteration
schemes and people are folded together (apostrophes of Armenian aspirates, "ow"/"u", "kh"/"h",
"ts"/"c", "y"/"i", doubled letters), and keys are compared by edit similarity (rapidfuzz).

Only a comparison across scripts uses these keys; two words in the same script are compared by the
catalogue's own rules (``copilot.name_match.word_matches``).

Lao is romanised by lao2ipa's rules (the Lao Ministry of Health's romanisation, tones left out:
"ກາເຟລາວ" → "kafelao", "ເຂົ້າໜຽວ" → "khaoniao"): pure Python, ~1 ms to import and ~0.05 ms a name,
where anyascii keeps Lao's leading vowels before their consonant ("ເຟ" → "ef") and the romanisers
tried before (PyThaiNLP's royin through LaoNLP) cost ~1.2 s on first use. Its French-style "ou"
(ູ) is folded to the "u" customers type.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import lao2ipa
from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

# Ordered: multi-letter spellings first. Each pair is two ways people write one sound.
_FOLDS = (
    (re.compile(r"['’ʼ`]"), ""),          # Armenian aspirates k' t' ts' p' ch'
    (re.compile(r"shch"), "sh"),           # щ: shch / sch / sh
    (re.compile(r"ow"), "u"),              # Armenian ու
    (re.compile(r"kh|x|gh"), "h"),         # х, խ: kh / h / x; ղ: gh / x (Armenian chat spelling)
    (re.compile(r"zh"), "j"),              # ж, ժ: zh / j ("mojno", "arje" for արժե)
    (re.compile(r"q"), "k"),               # ք: k' / q (Armenian chat spelling)
    (re.compile(r"tz|ts"), "c"),           # ц, ց, ծ: ts / c
    (re.compile(r"^ye"), "e"),             # Yerevan / Erevan
    (re.compile(r"^vo"), "o"),             # Armenian ո starts a word as "vo": vortegh / ortegh (որտեղ)
    (re.compile(r"[yj]"), "i"),            # й ы ь я ю: y / i / j
    (re.compile(r"(.)\1+"), r"\1"),        # coffee / kofe, Yirgacheffe / Иргачефе
)
MIN_SIMILARITY = 0.75  # normalised Levenshtein: at most one edit in 5–7 letters, two in 8+
MIN_FUZZY = 5  # "kafe" (Lao coffee, Russian café) is not "kofe": shorter keys must be equal


@lru_cache(maxsize=16384)
def script(word: str) -> str:
    """"LATIN", "CYRILLIC", "ARMENIAN", "LAO"…: the script of the word's first letter."""
    if word.isascii():
        return "LATIN"
    letter = next((ch for ch in word if ch.isalpha()), word[:1])
    return unicodedata.name(letter, "?").split(" ")[0] if letter else "?"


@lru_cache(maxsize=16384)
def latin_key(word: str) -> str:
    """One word as a folded Latin key: "Հայաստանում" → "haiastanum", "Эфиопия" → "efiopiia"."""
    text = anyascii(word).lower()
    for pattern, repl in _FOLDS:
        text = pattern.sub(repl, text)
    return re.sub(r"[^a-z0-9]", "", text)


@lru_cache(maxsize=4096)
def lao_key(text: str) -> str:
    """A Lao name as a folded Latin key: "ເບຍລາວ" → "bialao", "ຫ້ອງຄອບຄົວ" → "honghopua" ("" if it cannot)."""
    try:
        romanised = lao2ipa.transliterate(text.replace(" ", ""), "moh", ignore_tones=True)
    except (KeyError, IndexError, ValueError, AttributeError):  # a rule table without this sequence
        return ""
    return latin_key(romanised.replace("ou", "u"))


@lru_cache(maxsize=65536)
def keys_match(name_key: str, text_key: str) -> bool:
    """Same word in two spellings: equal, the name plus a short case ending ("haiastanum"), or close."""
    if name_key == text_key:
        return True
    if len(name_key) < 4 or not text_key or name_key[0] != text_key[0]:  # "kiv" (Kyiv) is in "kivska"
        return False
    if text_key.startswith(name_key) and len(text_key) - len(name_key) <= 3:
        return True
    if min(len(name_key), len(text_key)) < MIN_FUZZY:
        return False
    return Levenshtein.normalized_similarity(name_key, text_key) >= MIN_SIMILARITY
