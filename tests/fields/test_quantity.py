"""A quantity is a number with a unit or countable noun; years, prices and ids are not quantities."""

from __future__ import annotations

import pytest

QUANTITIES = [
    ("en", "need 20 bikes for a team event", 20),
    ("en", "3 x helmets pls", 3),
    ("en", "can i get 2 black helmets", 2),
    ("en", "qty: 15", 15),
    ("ru", "нужно 20 штук", 20),
    ("ru", "хочу 5 велосипедов на выходные", 5),
    ("uk", "20 велосипедів на завтра", 20),
    ("uk", "кількість 12", 12),
    ("hy", "20 հատ կուզեի", 20),
    ("hy", "3 հեծանիվ", 3),
    ("lo", "ຢາກໄດ້ 20 ຄັນ", 20),
    ("lo", "ເອົາ 2 ອັນ", 2),
]

NOT_QUANTITIES = [
    ("en", "bought in 2024, its broken"),
    ("en", "paid 540 eur"),
    ("en", "order 58812"),
    ("en", "tomorrow at 5"),
    ("ru", "заказ № 58812"),
    ("ru", "в 5 вечера"),
    ("hy", "540000 դրամ"),
    ("lo", "ມື້ອື່ນ 5 ໂມງ"),
]


@pytest.mark.parametrize(("language", "text", "expected"), QUANTITIES)
def test_quantity_is_read(fields, language, text, expected):
    assert fields(text, language)["quantity"] == expected


@pytest.mark.parametrize(("language", "text"), NOT_QUANTITIES)
def test_years_prices_ids_and_times_are_not_quantities(fields, language, text):
    assert "quantity" not in fields(text, language)


def test_the_number_in_a_product_name_is_not_the_quantity(fields, catalogue):
    values = fields("20 City 3 bikes for friday", "en", catalogue=catalogue)
    assert values["quantity"] == 20
    assert values["product"] == "bike-city-3"


def test_catalogue_product_words_count_things(fields, catalogue):
    assert fields("нужно 4 шолома Pro", "uk", catalogue=catalogue)["quantity"] == 4
