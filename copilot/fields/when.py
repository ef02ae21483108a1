"""Dates (ISO) and times (HH:MM) a customer gives, resolved against when the message was sent.

Cheap regex passes first (numeric dates, relative-day words, weekdays, clock times); dateparser is
imported and called only for a month name next to a day number ("25 ноября", "նոյեմբերի 25-ին")
or a relative span ("через 3 дня", "next week"), on that snippet alone — never on the whole message,
so order ids, phones, prices and plain numbers cannot turn into dates (they are also blanked first).

dateparser 1.5 and our languages: en/ru/uk fully; hy and lo month names ("25 նոյեմբերի",
"25 ພະຈິກ") and "վաղը" / "ມື້ອື່ນ", but no clock time in "վաղը ժամը 5-ին" / "ມື້ອື່ນ 5 ໂມງ" and it
drops the day of month-first Armenian dates ("նոյեմբերի 25-ին"), which we put back. Its first call
costs ~0.7–1 s (import + language data; see benchmarks/bench_fields.py): call ``warm_up()`` at start-up.

The "at 5" rule: an hour from 1 to 7 with no am/pm word means 13:00–19:00. Businesses that take
bookings are closed at 1–7 am, and customers write "завтра в 5" for 17:00; "5 утра" / "5am" keep 05:00.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from .datewords import (
    AM_WORDS,
    HOUR_WORDS,
    MONTH_STEMS,
    PM_WORDS,
    RELATIVE_DAYS,
    RELATIVE_TRIGGERS,
    TIME_MARKERS,
    WEEKDAYS,
)
from ..models import EARLIEST_SENT_AT, LATEST_SENT_AT
from .text import B, E, MessageText, alternation

Found = tuple[str, int, int]

_DAY_BY_WORD = {w: ("rel", n) for n, ws in RELATIVE_DAYS.items() for w in ws}
_DAY_BY_WORD |= {w: ("wd", n) for n, ws in WEEKDAYS.items() for w in ws}


def _is_lao(word: str) -> bool:
    return "\u0e80" <= word[0] <= "\u0eff"


def _words(words: tuple[str, ...] | list[str], *, lao: bool) -> str:
    return alternation([re.escape(w) for w in words if _is_lao(w) == lao]) or "(?!)"


# Lao is written without spaces, so its words match anywhere; the rest need word boundaries.
_DAY_WORD = re.compile(rf"{B}(?i:{_words(list(_DAY_BY_WORD), lao=False)})(?:ը|ին|ի)?{E}"
                       rf"|{_words(list(_DAY_BY_WORD), lao=True)}")

_ISO = re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?![\d])")
# 25.11 / 25/11 / 25.11.2026; not 12.5 kg or 2.5%: the month needs two digits or the day does.
_NUMERIC = re.compile(r"(?<![\d.,:/])(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?(?![\d.,:/])"
                      r"(?!\s*(?:%|kg|кг|km|км|cm|см|mm|мм|l\b|л\b|m\b|м\b|x\b|х\b))")
_MONTH = alternation(list(MONTH_STEMS))
_ORDINAL = r"(?:st|nd|rd|th|-?го|-?ого|-?ին|-?ի|-?ը)?"
# Lao says "day 12 month December": "ວັນທີ 12 ເດືອນທັນວາ"; dateparser reads it without the month word.
_LAO_MONTH_WORD = "ເດືອນ"
_MONTH_DATE = re.compile(
    rf"(?<!\d)\d{{1,2}}{_ORDINAL}\s*(?:of\s+|{_LAO_MONTH_WORD}\s*)?(?i:{_MONTH})[^\W\d_]*\.?(?:\s*\d{{4}})?"
    rf"|{B}(?i:{_MONTH})[^\W\d_]*\.?\s*\d{{1,2}}(?!\d){_ORDINAL}(?:,?\s*\d{{4}})?"
)
_MAX_PARSED_SPANS = 4
_DAY_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_RELATIVE_SPAN = re.compile(rf"{B}(?i:{'|'.join(RELATIVE_TRIGGERS)}){E}")

_DAYPARTS = PM_WORDS + AM_WORDS
_STRONG_MARKERS = {"at", "@", "ժամը", "ເວລາ"}
_TIME = re.compile(
    rf"(?:(?:{B}(?P<marker>(?i:{_words(TIME_MARKERS, lao=False)}))"
    rf"|(?P<laomarker>{_words(TIME_MARKERS, lao=True)}))\s*)?"
    rf"(?<![\d.,:/])(?P<h>\d{{1,2}})(?:(?P<sep>[:.])(?P<m>[0-5]\d))?(?![\d.,/]\d)"
    rf"(?:\s*(?P<hw>(?i:{_words(HOUR_WORDS, lao=False)})(?![^\W_])|{_words(HOUR_WORDS, lao=True)}))?"
    rf"(?:\s*(?P<dp>(?i:{_words(_DAYPARTS, lao=False)})(?![^\W_])|{_words(_DAYPARTS, lao=True)}))?"
)


def _shift_year(d: date, base: date, year_given: bool) -> date:
    # PREFER_DATES_FROM="future", as for dateparser: "25.02" written in March means next February.
    return d.replace(year=d.year + 1) if not year_given and d < base else d


def _numeric_dates(text: str, base: date, language: str) -> list[Found]:
    out: list[Found] = []
    for m in _ISO.finditer(text):
        try:
            out.append((date(int(m[1]), int(m[2]), int(m[3])).isoformat(), m.start(), m.end()))
        except ValueError:
            continue
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m[1]), int(m[2]), m[3]
        if len(m[1]) + len(m[2]) < 3:  # "2.5" is a decimal more often than a date
            continue
        # Day first everywhere (our markets); en with "/" is month first only when day-first cannot be.
        day, month = (b, a) if language == "en" and m[0].count("/") and b > 12 >= a else (a, b)
        year = (2000 + int(y) if y and len(y) == 2 else int(y)) if y else base.year
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        out.append((_shift_year(d, base, bool(y)).isoformat(), m.start(), m.end()))
    return out


def _dateparser_dates(text: str, language: str, base: datetime) -> list[Found]:
    spans = [(*m.span(), True) for m in _MONTH_DATE.finditer(text)]
    spans += [(*m.span(), False) for m in _RELATIVE_SPAN.finditer(text)]
    # The last date wins (find_date), and each dateparser call costs ~5 ms: a message repeating
    # "через 3 дня" a hundred times must not cost half a second. Only the last few are parsed.
    spans = sorted(spans)[-_MAX_PARSED_SPANS:]
    if not spans:
        return []
    from dateparser.search import search_dates  # slow import: only when a candidate exists

    settings: Any = {"RELATIVE_BASE": base.replace(tzinfo=None), "PREFER_DATES_FROM": "future"}
    languages = [language] if language == "en" else [language, "en"]
    out: list[Found] = []
    for start, end, has_month in spans:
        found = search_dates(text[start:end].replace(_LAO_MONTH_WORD, " "), languages=languages, settings=settings) or []
        if not found:
            continue
        d = found[-1][1].date()
        # dateparser drops the day of month-first Armenian dates ("նոյեմբերի 25-ին" → the 10th).
        day = _DAY_NUMBER.search(text[start:end]) if has_month else None
        if day and int(day[1]) != d.day:
            try:
                d = _shift_year(d.replace(day=int(day[1])), base.date(), year_given=False)
            except ValueError:
                continue
        out.append((d.isoformat(), start, end))
    return out


def _word_dates(text: str, base: date) -> list[Found]:
    out: list[Found] = []
    for m in _DAY_WORD.finditer(text):
        word = m.group().lower()
        kind, n = _DAY_BY_WORD.get(word) or _DAY_BY_WORD.get(word.rstrip("ըին")) or ("", 0)
        if kind == "rel":
            d = base + timedelta(days=n)
        elif kind == "wd":
            # The coming one; the same weekday means next week (today is said as "today").
            d = base + timedelta(days=(n - base.weekday()) % 7 or 7)
        else:
            continue
        out.append((d.isoformat(), m.start(), m.end()))
    return out


def find_date(msg: MessageText, language: str, base: datetime) -> Found | None:
    """The last date in the message, ISO. Claims what it reads, so times and quantities skip it."""
    text = msg.free
    found = _numeric_dates(text, base.date(), language)
    for f in found:
        msg.claim(f[1], f[2])
    text = msg.free
    more = _dateparser_dates(text, language, base)
    for f in more:
        msg.claim(f[1], f[2])
    words = _word_dates(msg.free, base.date())
    for f in words:
        msg.claim(f[1], f[2])
    # A date outside the years a message can be sent in (models.EARLIEST/LATEST_SENT_AT) is no booking
    # or delivery date ("0001-01-01" is a code), and reminders computed from it would overflow.
    every = [f for f in found + more + words if EARLIEST_SENT_AT.year <= int(f[0][:4]) <= LATEST_SENT_AT.year]
    return max(every, key=lambda f: f[1]) if every else None


def find_time(msg: MessageText, has_day: bool) -> Found | None:
    """The last clock time, HH:MM 24h (see the "at 5" rule in the module docstring)."""
    text = msg.free
    found: Found | None = None
    for m in _TIME.finditer(text):
        hour, minute = int(m["h"]), int(m["m"] or 0)
        marker = (m["marker"] or m["laomarker"] or "").lower()
        daypart = (m["dp"] or "").lower()
        clock = m["sep"] == ":" or (m["sep"] == "." and bool(marker))
        hour_word = m["hw"] and (m["hw"].lstrip("-") != "ին" or marker == "ժամը")
        rest = text[m.end():].lstrip()
        bare_ok = marker and (marker in _STRONG_MARKERS or has_day or not rest or not rest[0].isalnum())
        if m["sep"] == "." and not (marker or hour_word or daypart):
            continue
        if not (clock or hour_word or daypart or bare_ok):
            continue
        if daypart in PM_WORDS and hour < 12:
            hour += 12
        elif daypart in AM_WORDS and hour == 12:
            hour = 0
        elif not daypart and 1 <= hour <= 7:
            hour += 12
        if hour > 23 or (daypart and int(m["h"]) > 12):
            continue
        start = m.start("h") if not marker else m.start("marker" if m["marker"] else "laomarker")
        found = (f"{hour:02d}:{minute:02d}", start, m.end())
    if found:
        msg.claim(found[1], found[2])
    return found


def warm_up() -> float:
    """Import dateparser and parse once (its first call loads language data); returns seconds.

    Call it at service start-up so the first customer with "25 ноября" does not pay for it.
    """
    import time

    start = time.perf_counter()
    from dateparser.search import search_dates

    search_dates("25 November", languages=["en"], settings={"PREFER_DATES_FROM": "future"})
    return time.perf_counter() - start
