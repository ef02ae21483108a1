"""Order ids after a marker or as letter+digit codes, upper-cased; phones and prices are not ids."""

from __future__ import annotations

import pytest

ORDER_IDS = [
    ("en", "hi where is my order #58812??", "58812"),
    ("en", "order 58812 still not here", "58812"),
    ("en", "my order number is 58812", "58812"),
    ("en", "booking ref AB12CD, can i change it", "AB12CD"),
    ("en", "a-10234 hasnt arrived", "A-10234"),
    ("en", "got VN-2024-0042 yesterday, its broken", "VN-2024-0042"),
    ("en", "58812", "58812"),  # the whole answer to "send me your order number"
    ("ru", "здравствуйте, заказ № 58812, где он?", "58812"),
    ("ru", "номер заказа 58812 подскажите статус", "58812"),
    ("ru", "по заказу 58812 ничего не пришло", "58812"),
    ("uk", "замовлення 58812 досі не прийшло", "58812"),
    ("uk", "номер замовлення: 58812", "58812"),
    ("hy", "պատվեր 58812, որտե՞ղ է", "58812"),
    ("hy", "պատվերի համարը 58812 է", "58812"),
    ("lo", "ຄຳສັ່ງຊື້ 58812 ຍັງບໍ່ມາ", "58812"),
    ("lo", "ຄໍາສັ່ງຊື້ 58812", "58812"),  # ຳ typed as two characters
]

NOT_ORDER_IDS = [
    ("en", "call me on +374 91 234567"),
    ("en", "order 2 bikes please"),  # a quantity after "order"
    ("en", "my order hasnt arrived"),
    ("ru", "стоит 540 евро?"),
    ("ru", "заказ на 20 штук"),
    ("uk", "мій номер 067 123 45 67"),
    ("en", "can i come at 5pm"),
]


@pytest.mark.parametrize(("language", "text", "expected"), ORDER_IDS)
def test_order_id_is_found_and_upper_cased(fields, language, text, expected):
    assert fields(text, language)["order_id"] == expected


@pytest.mark.parametrize(("language", "text"), NOT_ORDER_IDS)
def test_phones_prices_and_quantities_are_not_order_ids(fields, language, text):
    assert "order_id" not in fields(text, language)


def test_an_order_number_and_a_phone_in_one_message_stay_apart(fields):
    values = fields("заказ 58812, телефон 89161234567", "ru")
    assert values["order_id"] == "58812"
    assert values["phone"] == "+79161234567"


def test_a_tenant_pattern_replaces_the_default(fields):
    pattern = r"\b(VN\d{6})\b"
    assert fields("hi my booking is vn123456 or VN654321", "en", order_id_pattern=pattern)["order_id"] == "VN654321"
    # the default marker rule no longer applies
    assert "order_id" not in fields("order 58812", "en", order_id_pattern=pattern)


def test_a_tenant_pattern_without_a_group_takes_the_whole_match(fields):
    assert fields("ref: bk-77-a1 thanks", "en", order_id_pattern=r"bk-\d+-[a-z]\d")["order_id"] == "BK-77-A1"
