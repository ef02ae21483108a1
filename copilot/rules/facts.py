"""Facts a draft states, normalised so they can be compared with the knowledge (H10, H11, M4):
numbers (540 == 540.00 == "540 €"), prices, dates (as MM-DD), clock times (HH:MM), durations.

Regexes start with a digit or a currency sign and check what precedes a match in code: a leading
look-behind would stop re from skipping ahead to candidate characters, which made them ~5x slower.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..locale_format import parse_number
from . import lexicon as lx
from .text import Hit, Matcher, mask_urls, terms_matcher, tokens

_NUM = r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_CUR_SYMBOL = r"[€$£֏₽₴₭]"
_CUR_WORD = (r"(?:EUR|USD|RUB|UAH|AMD|LAK|GBP|[Ee]uros?|[Dd]ollars?|руб\w*|р\.|грн\.?|гривн\w*|гривен\w*|драм\w*|"
             r"евро|євро|доллар\w*|долар\w*|դրամ\w*|եվրո|դոլար\w*|ກີບ|ເອີໂຣ|ໂດລາ|kip)")
_PRICE = re.compile(
    rf"{_CUR_SYMBOL}\s?(?:{_NUM})"
    rf"|(?:{_NUM})\s?(?:{_CUR_SYMBOL}|{_CUR_WORD}(?!\w)|%(?:\s*(?:off|скидк\w*|знижк\w*|զեղչ\w*))?)")
_NUMBER = re.compile(_NUM)
_TIME = re.compile(r"(\d{1,2})(?::([0-5]\d)(?![\d:])|(?::([0-5]\d))?\s?([aApP])\.?[mM](?!\w))")
_NUMERIC_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)|(\d{1,2})[./](\d{2}|(?<=/)\d)(?:[./](?:\d{4}|\d{2}))?(?![\d,]|\.\d)")
_DURATION_UNITS = (r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|business days?|working days?|"
                   r"год(?:а|у)?|лет|месяц\w*|місяц\w*|рок(?:и|ів)|рік|տարի\w*|ամի\w*|ամս\w*|"
                   r"минут\w*|мин\.?|час\w*|дн\w*|день|недел\w*|хвилин\w*|хв\.?|годин\w*|тижн\w*|тиж\w*|"
                   r"րոպե\w*|ժամ\w*|օր\w*|շաբաթ\w*)")
_LAO_UNITS = "(?:ນາທີ|ຊົ່ວໂມງ|ມື້|ອາທິດ|ເດືອນ|ປີ)"  # no word boundary in Lao
_DURATION = re.compile(rf"(\d+)[\s-]*(?:{_DURATION_UNITS}(?!\w)|{_LAO_UNITS})", re.IGNORECASE)
_HALF_HOUR: Matcher = terms_matcher(lx.HALF_HOUR)

# Month names and stems, per month. Exact words for English (so "market" is not March); stems for
# the inflected languages ("ноября", "листопада", "նոյեմբերի"); Lao names anywhere in a token.
_MONTH_WORDS = {
    1: ("january", "jan"), 2: ("february", "feb"), 3: ("march", "mar"), 4: ("april", "apr"), 5: ("may",),
    6: ("june", "jun"), 7: ("july", "jul"), 8: ("august", "aug"), 9: ("september", "sep", "sept"),
    10: ("october", "oct"), 11: ("november", "nov"), 12: ("december", "dec"),
}
_MONTH_STEMS = {
    1: ("январ", "січ", "հունվար"), 2: ("феврал", "лютого", "лютий", "փետրվար"), 3: ("март", "берез", "մարտ"),
    4: ("апрел", "квітн", "квітен", "ապրիլ"), 5: ("мая", "май", "травн", "травен", "մայիս"),
    6: ("июн", "червн", "червен", "հունիս"), 7: ("июл", "липн", "липен", "հուլիս"),
    8: ("август", "серпн", "серпен", "օգոստոս"), 9: ("сентябр", "вересн", "вересен", "սեպտեմբեր"),
    10: ("октябр", "жовтн", "жовтен", "հոկտեմբեր"), 11: ("ноябр", "листопад", "նոյեմբեր"),
    12: ("декабр", "грудн", "грудень", "դեկտեմբեր"),
}
_MONTH_LAO = {1: "ມັງກອນ", 2: "ກຸມພາ", 3: "ມີນາ", 4: "ເມສາ", 5: "ພຶດສະພາ", 6: "ມິຖຸນາ", 7: "ກໍລະກົດ", 8: "ສິງຫາ",
              9: "ກັນຍາ", 10: "ຕຸລາ", 11: "ພະຈິກ", 12: "ທັນວາ"}
_WORD_MONTH = {w: n for n, ws in _MONTH_WORDS.items() for w in ws}
_STEM_MONTH = [(s, n) for n, ss in _MONTH_STEMS.items() for s in ss]
_STEMS = tuple(s for s, _ in _STEM_MONTH)
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th|го|е)?")


def _free(text: str, start: int, chars: str = r"\w.,") -> bool:
    """Nothing of ``chars`` right before ``start``: a number starts here, not in the middle of one."""
    return start == 0 or not re.match(f"[{chars}]", text[start - 1])


def numbers_in(text: str) -> set[float]:
    return {v for m in _NUMBER.finditer(text) if _free(text, m.start(), r"\w") and (v := parse_number(m.group()))
            is not None}


def prices(text: str) -> list[Hit]:
    """Amounts with a currency, and percentages ('10% off')."""
    return [Hit(m.start(), m.end(), m.group()) for m in _PRICE.finditer(text)
            if m.group()[0] in "€$£֏₽₴₭" or _free(text, m.start())]


def times(text: str) -> list[tuple[Hit, str]]:
    """Clock times with their 'HH:MM' 24h key: 15:30, 5 pm, 9:15am."""
    out = []
    for m in _TIME.finditer(text):
        if not _free(text, m.start(), r"\d:"):
            continue
        hour = int(m.group(1))
        if m.group(2) is not None:
            if hour > 23:
                continue
            key = f"{hour:02d}:{m.group(2)}"
        else:
            if not 1 <= hour <= 12:
                continue
            key = f"{hour % 12 + (12 if m.group(4).lower() == 'p' else 0):02d}:{m.group(3) or '00'}"
        out.append((Hit(m.start(), m.end(), m.group()), key))
    return out


def _month(token: str) -> int | None:
    if token in _WORD_MONTH:
        return _WORD_MONTH[token]
    if token.startswith(_STEMS):
        return next(n for s, n in _STEM_MONTH if token.startswith(s))
    return next((n for n, name in _MONTH_LAO.items() if name in token), None)


def dates(text: str) -> list[tuple[Hit, str]]:
    """Dates with their 'MM-DD' key: 2026-11-25, 25.11, 25/11, 25 November, November 25th, 25 ноября,
    25 листопада, նոյեմբերի 25, 25 ພະຈິກ. Years are ignored: drafts rarely state them."""
    out: list[tuple[Hit, str]] = []
    for m in _NUMERIC_DATE.finditer(text):
        if not _free(text, m.start(), r"\d.,"):
            continue
        month, day = (int(m.group(2)), int(m.group(3))) if m.group(1) else (int(m.group(5)), int(m.group(4)))
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append((Hit(m.start(), m.end(), m.group()), f"{month:02d}-{day:02d}"))
    toks = tokens(text)
    for i, tok in enumerate(toks):
        if tok.norm[0].isdigit() or (month := _month(tok.norm)) is None:
            continue
        for j, first in ((i - 1, True), (i + 1, False)):
            if not 0 <= j < len(toks) or not (day_m := _DAY.fullmatch(toks[j].norm)):
                continue
            if not first and text[toks[j].end:toks[j].end + 1] == ":":
                continue  # "November 25:" is fine, but "May 10:30" is a time
            day = int(day_m.group(1))
            start, end = (toks[j].start, tok.end) if first else (tok.start, toks[j].end)
            if 1 <= day <= 31 and len(text[min(tok.end, toks[j].end):max(tok.start, toks[j].start)]) <= 3:
                out.append((Hit(start, end, text[start:end]), f"{month:02d}-{day:02d}"))
                break
    return sorted(out, key=lambda h: h[0].start())


# A day of the month said alone, as customers ask of one: "31го до скольки?", "31-го", "on the 31st", "ວັນທີ 31".
_DAY_ALONE = re.compile(r"(?<![\d.,:/])(\d{1,2})(?:\s?-?(?:го|ого)|st|nd|rd|th)(?![^\W\d_])|ວັນທີ\s*(\d{1,2})(?!\d)",
                        re.IGNORECASE)


def days_named(text: str) -> dict[str, str]:
    """The days of the month a message names, as written: "MM-DD" with the month (`dates`), "DD" said alone."""
    dated = {key: hit.group() for hit, key in dates(text)}
    alone = {f"{int(d):02d}": m.group() for m in _DAY_ALONE.finditer(text)
             if 1 <= int(d := m.group(1) or m.group(2)) <= 31}
    return dated | {d: said for d, said in alone.items() if d not in {k[3:] for k in dated}}


def names_day(text: str, days: Iterable[str]) -> bool:
    """Whether the text names one of `days` (`days_named`): a day said alone is any month's."""
    own = dates_in(text)
    return any(d in own if "-" in d else any(k.endswith("-" + d) for k in own) for d in days)


def durations(text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), m.group()) for m in _DURATION.finditer(text) if _free(text, m.start())]


def dates_in(text: str) -> set[str]:
    return {key for _, key in dates(text)}


def times_in(text: str) -> set[str]:
    return {key for _, key in times(text)}


def concrete_time(text: str) -> Hit | None:
    """A concrete time a customer can hold us to (H11): a clock time, a date, 'within 30 minutes'."""
    masked = mask_urls(text)
    if any(ch.isdigit() for ch in masked):
        for found in (times(masked), durations(masked), dates(masked)):
            if found:
                first = found[0]
                return first[0] if isinstance(first, tuple) else first
    return _HALF_HOUR.search(masked)
