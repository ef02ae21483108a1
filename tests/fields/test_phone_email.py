"""Phones come out in E.164 and emails normalised; order numbers and prices are never phones."""

from __future__ import annotations

import pytest

PHONES = [
    ("en", "pls call me back +374 91 234567 thx", "+37491234567"),
    ("en", "my cell is 415-555-2671", "+14155552671"),
    ("en", "you can reach me on 07911 123456", "+447911123456"),
    ("en", "my whatsapp 091 23 45 67 🙏", "+37491234567"),  # Armenian mobile in English: phone word → any market
    ("ru", "мой номер 8 (916) 123-45-67", "+79161234567"),
    ("ru", "звоните 89161234567 после обеда", "+79161234567"),
    ("uk", "мій телефон 067 123 45 67", "+380671234567"),
    ("uk", "передзвоніть на 0671234567 будь ласка", "+380671234567"),
    ("hy", "հեռախոսս 091 23 45 67 է", "+37491234567"),
    ("hy", "զանգեք 099123456", "+37499123456"),
    ("lo", "ເບີໂທ 020 5555 1234 ເດີ", "+8562055551234"),
    ("lo", "ໂທຫາ 02055551234 ໄດ້ເລີຍ", "+8562055551234"),
    ("en", "89161234567", "+79161234567"),  # a message that is only a phone number
    ("en", "  099 123456 ", "+37499123456"),
]

NOT_PHONES = [
    ("en", "where is order 58812345"),  # labelled order number
    ("ru", "заказ № 89161234567 где?"),  # an order number, however phone-like
    ("ru", "оплатил 1 200 000 руб"),  # a price
    ("uk", "доставка 25.11.2026 о 17:00"),  # a date and a time
    ("hy", "20 հատ, 540000 դրամ"),  # a quantity and a price
    ("en", "in 2024 i bought 3 bikes"),
]


@pytest.mark.parametrize(("language", "text", "expected"), PHONES)
def test_phone_is_found_and_written_in_e164(fields, language, text, expected):
    assert fields(text, language)["phone"] == expected


@pytest.mark.parametrize(("language", "text"), NOT_PHONES)
def test_order_numbers_prices_and_dates_are_not_phones(fields, language, text):
    assert "phone" not in fields(text, language)


EMAILS = [
    ("en", "my email is Anna.P@Example.COM", "anna.p@example.com"),
    ("ru", "почта anna1990@mail.ru, жду ответ", "anna1990@mail.ru"),
    ("uk", "пишіть на hanna.k@ukr.net.", "hanna.k@ukr.net"),
    ("hy", "իմ էլ. հասցեն aram@example.am է", "aram@example.am"),
    ("lo", "ອີເມວ somchai@example.la ເດີ", "somchai@example.la"),
]


@pytest.mark.parametrize(("language", "text", "expected"), EMAILS)
def test_email_is_found_and_lower_cased(fields, language, text, expected):
    assert fields(text, language)["email"] == expected


@pytest.mark.parametrize("text", ["write to anna@localhost", "twitter @anna_k", "anna@@example.com", "a@b"])
def test_invalid_addresses_are_not_emails(fields, text):
    assert "email" not in fields(text, "en")


def test_digits_of_an_email_are_not_a_phone(fields):
    values = fields("my email is ann89161234567@mail.ru", "ru")
    assert values["email"] == "ann89161234567@mail.ru"
    assert "phone" not in values
