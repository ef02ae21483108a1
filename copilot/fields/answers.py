"""A value that answers our question fills the field we asked for, whatever its shape (H7).

The extractors read labelled values ("order 58812", "my name is Anna"). After "Could you send your
order number?" the customer writes "it's 60214", "ເລກ 39117", "Olga", "Lviv" or "5": no label, but
the question is the label. These readers run only on a turn that follows our question, and only for
a field the extractors left empty in that turn.
"""

from __future__ import annotations

import re
from typing import Any

from ..catalogue import Catalogue
from ..segment import words
from .text import prepare

# An id: digits (3+) with optional letters and dashes around them: 60214, A-10234, VN-2024-0042.
_ID = re.compile(r"(?<![\w@.])#?([A-Za-z]{0,4}-?\d{3,}(?:[-/][A-Za-z0-9]+)*)(?![\w@])")
_HOUR = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3])(?:[:.]([0-5]\d))?(?![\d.,])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,4})(?![\w.,:])")
# Words people put around an answer: "it's", "sure, it is", "вот", "это", "ось", "це", "ահա", "ແມ່ນ".
_FILLER = {
    "it", "it's", "its", "is", "it’s", "sure", "yes", "ok", "okay", "my", "the", "name", "i'm", "im", "i", "am",
    "this", "here", "please", "thanks", "thank", "you", "hi", "hello", "city", "in", "to", "from", "of", "and",
    "вот", "это", "да", "меня", "зовут", "мое", "моё", "имя", "я", "город", "в", "во", "спасибо", "пожалуйста",
    "ось", "це", "так", "мене", "звати", "моє", "ім'я", "місто", "у", "дякую", "будь", "ласка",
    "ահա", "այո", "իմ", "անունը", "ես", "եմ", "քաղաք", "քաղաքը", "շնորհակալություն",
    "ແມ່ນ", "ຂ້ອຍ", "ຊື່", "ເມືອງ", "ຄັບ", "ເຈົ້າ", "ຂອບໃຈ",
}
_WORD = re.compile(r"[^\W\d_][\w'’ʼ\u0e80-\u0eff-]*")
_LAO = re.compile(r"[\u0e80-\u0eff]")


def _digits(value: Any) -> str:
    return "".join(ch for ch in str(value) if ch.isdigit())


def _content_words(text: str) -> list[str]:
    """Words without the filler around an answer; a Lao run (no spaces) loses its filler words too:
    "ຂ້ອຍຊື່ສົມໃຈ" ("my name is Somchai") → "ສົມໃຈ"."""
    out = []
    for w in _WORD.findall(text):
        if _LAO.search(w):
            w = "".join(p for p in words(w) if p not in _FILLER)
        if w and w.lower() not in _FILLER:
            out.append(w)
    return out


def _count(content: list[str]) -> int:
    """How many words: a Lao run counts its words by the segmenter (copilot.segment), not as one."""
    return sum(len(words(w)) if _LAO.search(w) else 1 for w in content)


def read_answer(name: str, text: str, *, language: str, catalogue: Catalogue | None,
                found: dict[str, Any], asked: bool = True) -> Any | None:
    """The value of field ``name`` in a turn that answers our question for it, or None.

    ``asked=False``: the customer's request needs the field but we have not asked for it yet
    ("where is my order? it's 60214"); only an unlabelled order number of 4–10 digits is read then.
    """
    text = prepare(text)
    if not asked:
        if name != "order_id":
            return None
        taken = {_digits(v) for v in found.values() if isinstance(v, str | int)}
        for m in _ID.finditer(text):
            value = m.group(1)
            if 4 <= len(_digits(value)) <= 10 and _digits(value) not in taken and not _YEAR.match(value):
                return value.upper()
        return None
    if name == "order_id":
        for value in (found.get("phone"), found.get("quantity")):
            # "48213" read as a short phone number or a quantity was the order number we asked for.
            digits = re.sub(r"\D", "", str(value or ""))
            if 3 <= len(digits) <= 10 and digits in re.sub(r"\s", "", text):
                return digits
        taken = {str(v) for v in found.values() if isinstance(v, str | int)}
        for m in _ID.finditer(text):
            if m.group(1) not in taken and sum(c.isdigit() for c in m.group(1)) >= 3:
                return m.group(1).upper()
        return None
    if name == "name":
        content = _content_words(text)
        return " ".join(w[:1].upper() + w[1:] for w in content) if 1 <= _count(content) <= 3 and not re.search(
            r"\d|@", text) else None
    if name == "city":
        content = _content_words(text)
        if 1 <= _count(content) <= 3 and not re.search(r"\d|@", text):
            return " ".join(content)
        return None
    if name == "time":
        # "12-ին", "at 3", "в 5", "10 ໂມງ" after "what time suits you?": the hour we asked for (shop hours:
        # 1–7 are afternoon, as find_time reads them).
        m = _HOUR.search(text)
        if m and _count(_content_words(text)) <= 3:
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            hour = hour + 12 if 1 <= hour <= 7 else hour
            return f"{hour:02d}:{minute:02d}" if hour <= 23 and minute < 60 else None
        return None
    if name == "quantity":
        m = _NUMBER.search(text)
        return int(m.group(1)) if m and 0 < int(m.group(1)) < 1000 and _count(_content_words(text)) <= 3 else None
    if name == "reason":
        content = _content_words(text)
        return " ".join(text.split())[:200] if content and _count(content) <= 25 else None
    if name == "money":
        m = _NUMBER.search(text)
        return {"amount": float(m.group(1)), "currency": None} if m else None
    if name in ("size", "colour") and catalogue is not None:
        return catalogue.match_attribute(name, text, language)
    return None
