"""A name is taken only when the customer introduces themselves, never from any capitalised word."""

from __future__ import annotations

import pytest

NAMES = [
    ("en", "hi, my name is Anna, where is my order", "Anna"),
    ("en", "my name is anna", "Anna"),  # the phrase says "name": casing does not matter
    ("en", "Hi I'm Anna Petrosyan", "Anna Petrosyan"),
    ("en", "this is John from the shop on Main st", "John"),
    ("en", "Anna here, any news?", "Anna"),
    ("en", "I'm Mari, booked for Friday", "Mari"),  # a language's name too, but no country's language
    ("ru", "меня зовут Анна, хочу вернуть", "Анна"),
    ("ru", "Здравствуйте, это Анна по заказу 58812", "Анна"),
    ("ru", "меня зовут anna", "Anna"),  # mixed scripts
    ("uk", "мене звати Ганна", "Ганна"),
    ("uk", "Добрий день, це Олег", "Олег"),
    ("hy", "Իմ անունը Աննա է", "Աննա"),
    ("hy", "բարև, ես Աննան եմ", "Աննա"),  # without the definite article -ն
    ("hy", "ես Կարեն եմ", "Կարեն"),  # a name that ends in ն keeps it
    ("lo", "ຂ້ອຍຊື່ ສົມໃຈ ຄັບ", "ສົມໃຈ"),
    ("lo", "ສະບາຍດີ ຂ້ອຍຊື່ແອນນາເດີ", "ແອນນາ"),
]

NOT_NAMES = [
    ("en", "I'm angry, where is my bike"),
    ("en", "I'm Angry!!!"),
    ("en", "Im Looking for a City 3"),
    ("en", "I'm Interested in the red one"),
    ("en", "Yerevan Delivery Please Anna"),  # capitalised words are not introductions
    ("en", "it's Monday and still nothing"),
    ("en", "What documents do I need? I'm Polish, living in Dnipro for 2 years"),  # a nationality
    ("en", "I'm Ukrainian but my licence is from the UK"),
    ("ru", "это не работает"),
    ("ru", "Где Анна? она обещала перезвонить"),
    ("uk", "це Мій заказ"),
    ("hy", "ես պատրաստ եմ"),  # "I am ready": not capitalised
    ("lo", "ຊື່ສິນຄ້າແມ່ນຫຍັງ"),  # "what is the product's name"
]


@pytest.mark.parametrize(("language", "text", "expected"), NAMES)
def test_stated_name_is_found(fields, language, text, expected):
    assert fields(text, language)["name"] == expected


@pytest.mark.parametrize(("language", "text"), NOT_NAMES)
def test_capitalised_words_and_states_are_not_names(fields, language, text):
    assert "name" not in fields(text, language)
