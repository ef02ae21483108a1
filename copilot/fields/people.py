"""A name the customer states about themselves ("my name is Anna", "меня зовут Анна", "ຂ້ອຍຊື່ ...").

Never any capitalised word: a name needs a self-introduction. The weak introductions ("I'm X",
"this is X", "это X", "ես X եմ") also need X capitalised and not a common word ("I'm Angry").
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.languages import get_official_languages

from ..rules.lexicon import LAO_POLITE_PARTICLES
from .text import B, E, MessageText

_LAT = r"[A-Z][a-z'’-]+"
_CYR = r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+"
_HY = r"[Ա-Ֆ][ա-և]+"
_ANY_CASE = r"[^\W\d_][\w'’ʼ-]*"

# Strong: the phrase itself says "name", so any casing is accepted ("my name is anna").
_STRONG = re.compile(
    rf"{B}(?i:my name is|my name's|name's|меня зовут|моё имя|мое имя|мене звати|мене звуть|"
    rf"моє ім['’ʼ]я|իմ անունը|անունս)\s*[:-]?\s*(?P<n>{_ANY_CASE}(?:\s+{_LAT}|\s+{_CYR}|\s+{_HY})?)"
)
# Weak: "I'm Anna", "this is Anna", "Anna here", "это Анна" / "це Ганна" (at the start), "ես Աննան եմ".
_WEAK = re.compile(
    rf"{B}(?i:i am|i'm|i’m|im|this is|it's|it’s)\s+(?P<n>{_LAT}(?:\s+{_LAT})?)"
    rf"|^(?:\W*(?i:hi|hello|hey|good \w+)\W+)?(?P<h>{_LAT}) here{E}"
    rf"|^(?:\W*(?i:здравствуйте|привет|добрый день|добрый вечер|доброго дня|добрий день|вітаю|привіт)\W+)?"
    rf"(?i:это|це)\s+(?P<c>{_CYR})"
    rf"|{B}(?i:ես)\s+(?P<a>{_HY})\s+եմ{E}"
)
_LAO = re.compile(r"(?:ຂ້ອຍຊື່|ຂ້ານ້ອຍຊື່|ຊື່ຂ້ອຍ|ຂ້ອຍຊື່ວ່າ)\s*(?:ແມ່ນ|ວ່າ)?\s*(?P<n>[\u0E80-\u0EFF]+|[A-Za-z]+)")
_HY_VOWELS = set("աիու")  # -ն follows these in names ("Աննան"); "Կարեն" keeps its ն

_STOP = {
    # states and verbs that follow "I'm" ("I'm Angry", "I'm Looking for")
    "angry", "sorry", "fine", "good", "ok", "okay", "here", "not", "just", "very", "so", "really", "still",
    "also", "interested", "happy", "unhappy", "upset", "disappointed", "frustrated", "sure", "ready", "done",
    "new", "late", "available", "confused", "tired", "glad", "afraid", "annoyed", "furious", "mad", "about",
    "unable", "able", "fed", "a", "an", "the", "in", "at", "from", "back", "your", "my", "a customer",
    "customer", "client", "hungry", "busy", "away", "home", "out", "on", "with", "going", "please", "thanks",
    "what", "why", "how", "when", "where", "who", "that", "this", "it", "there", "nothing", "everything",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
    "это", "мой", "моя", "мое", "моё", "не", "наш", "ваш", "так", "уже", "все", "всё", "очень", "ещё", "еще",
    "це", "мій", "моє", "ні", "вже", "дуже", "також",
}


def _clean(name: str) -> str | None:
    parts = name.split()
    if not parts or parts[0].lower() in _STOP or parts[0].lower().endswith(("ing", "ed", "ly")) \
            or parts[0].lower() in _nationalities():
        return None
    parts = [p for p in parts if p.lower() not in _STOP]
    return " ".join(p[:1].upper() + p[1:] for p in parts) or None


@lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    """"I'm Polish, living in Dnipro" introduces no Polish: the English names of the languages official in some
    country (CLDR) are mostly nationalities too; not every language's ("Mari", "Sena" are names)."""
    names = Locale("en").languages
    official = {c for t in get_global("territory_languages") for c in get_official_languages(t, de_facto=True)}
    return frozenset(names[c].lower() for c in official if c in names and " " not in names[c])


def find_name(msg: MessageText) -> tuple[str, int, int] | None:
    """The last self-introduction in the message."""
    text = msg.free
    found: tuple[str, int, int] | None = None
    for m in _STRONG.finditer(text):
        first = m["n"].split()[0].lower()
        if first not in _STOP and (name := _clean(m["n"])):
            found = (name, m.start("n"), m.end("n"))
    for m in _WEAK.finditer(text):
        group = next(g for g in ("n", "h", "c", "a") if m[g])
        raw = m[group]
        if group == "a" and raw[-2:-1] in _HY_VOWELS and raw.endswith("ն"):
            raw = raw[:-1]  # "ես Աննան եմ": the definite article -ն is not part of the name
        if (found is None or m.start(group) > found[1]) and (name := _clean(raw)):
            found = (name, m.start(group), m.start(group) + len(raw))
    for m in _LAO.finditer(text):
        name = m["n"]
        while (tail := next((p for p in LAO_POLITE_PARTICLES if name.endswith(p) and name != p), None)):
            name = name[: -len(tail)]
        if name and (found is None or m.start("n") > found[1]):
            found = (name[:1].upper() + name[1:], m.start("n"), m.start("n") + len(name))
    return found
