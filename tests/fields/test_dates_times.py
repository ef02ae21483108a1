"""Dates resolve against the message's send time in the business timezone; times are HH:MM 24h.

Messages below are sent on Tuesday 2026-03-10 at 12:00 UTC (see conftest.SENT).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from copilot.fields import extract_fields
from copilot.models import Conversation

DATE_TIMES = [
    # "at 5" with no am/pm is 17:00: nobody books a bike shop at 5 am
    ("en", "can i come tomorrow at 5", "2026-03-11", "17:00"),
    ("en", "tmrw 10am ok?", "2026-03-11", "10:00"),
    ("en", "friday at 9 works", "2026-03-13", "09:00"),
    ("en", "day after tomorrow 6pm", "2026-03-12", "18:00"),
    ("en", "need it by 25 November", "2026-11-25", None),
    ("en", "2026-11-25 at 14:30", "2026-11-25", "14:30"),
    ("ru", "завтра в 5 можно подъехать?", "2026-03-11", "17:00"),
    ("ru", "в пятницу в 15:00", "2026-03-13", "15:00"),
    ("ru", "послезавтра в 9 утра", "2026-03-12", "09:00"),
    ("ru", "25 ноября удобно", "2026-11-25", None),
    ("ru", "25.11 в 15:30", "2026-11-25", "15:30"),
    ("ru", "через 3 дня привезете?", "2026-03-13", None),
    ("uk", "завтра о 17:00", "2026-03-11", "17:00"),
    ("uk", "у п'ятницю о 10 ранку", "2026-03-13", "10:00"),
    ("uk", "сьогодні о 8 вечора", "2026-03-10", "20:00"),
    ("hy", "վաղը ժամը 5-ին", "2026-03-11", "17:00"),
    ("hy", "ուրբաթ օրը ժամը 11:00", "2026-03-13", "11:00"),
    ("hy", "նոյեմբերի 25-ին կարո՞ղ եք", "2026-11-25", None),
    ("lo", "ມື້ອື່ນ 5 ໂມງ", "2026-03-11", "17:00"),
    ("lo", "ວັນສຸກ 5 ໂມງແລງ ໄດ້ບໍ່", "2026-03-13", "17:00"),
    ("lo", "ມື້ນີ້ ເວລາ 14:00", "2026-03-10", "14:00"),
    ("lo", "25 ພະຈິກ", "2026-11-25", None),
]


@pytest.mark.parametrize(("language", "text", "date", "time"), DATE_TIMES)
def test_date_and_time_resolve_against_the_message(fields, language, text, date, time):
    values = fields(text, language)
    assert values.get("date") == date
    assert values.get("time") == time


NO_DATES = [
    ("en", "order 58812 costs 540 eur"),
    ("en", "price 12.50 eur"),
    ("en", "call me +374 91 234567"),
    ("en", "may i return it?"),  # "may" without a day number is the verb
    ("ru", "20 штук по 1 200 руб"),
    ("ru", "заказ 25112026"),
    ("uk", "мені 2.5 кг"),
    ("hy", "պատվեր 58812"),
    ("lo", "ລາຄາ 500000 ກີບ"),
]


@pytest.mark.parametrize(("language", "text"), NO_DATES)
def test_ids_phones_prices_and_plain_numbers_are_not_dates_or_times(fields, language, text):
    values = fields(text, language)
    assert "date" not in values
    assert "time" not in values


def test_a_bare_preposition_and_number_is_not_a_time(fields):
    assert "time" not in fields("купил в 5 магазинах", "ru")


def test_morning_words_keep_early_hours(fields):
    assert fields("tomorrow 5am", "en")["time"] == "05:00"
    assert fields("завтра в 5 утра", "ru")["time"] == "05:00"


def test_tomorrow_is_the_businesses_tomorrow_not_utcs():
    # 22:30 UTC on Tuesday is already 02:30 Wednesday in Yerevan (UTC+4): tomorrow is Thursday.
    late = datetime(2026, 3, 10, 22, 30, tzinfo=timezone.utc)
    conversation = Conversation.model_validate(
        {"messages": [{"role": "customer", "text": "tomorrow at 5", "sent_at": late.isoformat()}]}
    )
    assert extract_fields(conversation, language="en", timezone="Asia/Yerevan").values["date"] == "2026-03-12"
    assert extract_fields(conversation, language="en", timezone="UTC").values["date"] == "2026-03-11"


def test_without_sent_at_dates_resolve_against_now():
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "завтра"}]})
    now = datetime(2026, 12, 31, 12, 0, tzinfo=timezone.utc)
    assert extract_fields(conversation, language="ru", now=now).values["date"] == "2027-01-01"


def test_a_day_without_a_year_that_has_passed_is_next_years(fields):
    assert fields("02.03 удобно", "ru")["date"] == "2027-03-02"
