"""Money is an amount next to a currency word or sign; the amount parses every local style."""

from __future__ import annotations

import pytest

MONEY = [
    ("en", "paid 540 EUR for it", 540.0, "EUR"),
    ("en", "is it under $60?", 60.0, "USD"),
    ("en", "budget is €1,200.50 max", 1200.5, "EUR"),
    ("en", "5k kip is ok", 5000.0, "LAK"),
    ("ru", "заплатил 1 200 руб а он сломан", 1200.0, "RUB"),
    ("ru", "до 500 евро можно?", 500.0, "EUR"),
    ("ru", "45000₽ это много", 45000.0, "RUB"),
    ("ru", "трансфер стоит 150 000 кип?", 150000.0, "LAK"),  # kip in Cyrillic
    ("uk", "заплатив 200 000 кіп за екскурсію", 200000.0, "LAK"),
    ("uk", "ціна 1500 грн?", 1500.0, "UAH"),
    ("uk", "500 євро не більше", 500.0, "EUR"),
    ("uk", "₴ 2 300,50 сплачено", 2300.5, "UAH"),
    ("hy", "540000 դրամ վճարեցի", 540000.0, "AMD"),
    ("hy", "200 հազար դրամ", 200000.0, "AMD"),
    ("hy", "արժե 25 000 ֏", 25000.0, "AMD"),
    ("lo", "ລາຄາ 500000 ກີບ ບໍ່", 500000.0, "LAK"),
    ("lo", "ຈ່າຍ ₭ 1.200.000 ແລ້ວ", 1200000.0, "LAK"),
]


@pytest.mark.parametrize(("language", "text", "amount", "currency"), MONEY)
def test_amount_and_currency_are_read(fields, language, text, amount, currency):
    assert fields(text, language)["money"] == {"amount": amount, "currency": currency}


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "order 58812 please"), ("ru", "20 штук"), ("en", "in 2024"), ("uk", "о 17:00"), ("en", "5 rooms")],
)
def test_numbers_without_a_currency_are_not_money(fields, language, text):
    assert "money" not in fields(text, language)


@pytest.mark.parametrize(("text", "language"), [("price 12.50 eur", "en"), ("стоит 10.12 евро", "ru")])
def test_a_price_is_not_a_date(fields, text, language):
    values = fields(text, language)
    assert "money" in values
    assert "date" not in values
