"""Return reasons from each language's lexicon (recipe 8); the first one mentioned is the main one."""

from __future__ import annotations

import pytest

REASONS = [
    ("en", "its too small, want to return", "size"),
    ("en", "doesnt fit at all", "size"),
    ("en", "the bell is broken 😡", "defect"),
    ("en", "light stopped working after a day", "defect"),
    ("en", "colour is not as described", "not_as_expected"),
    ("en", "it came 2 weeks late", "late"),
    ("en", "wrong size, and it was late too", "size"),
    ("ru", "не подошёл размер", "size"),
    ("ru", "брак, руль кривой", "defect"),
    ("ru", "фара не работает", "defect"),
    ("ru", "цвет не как на фото", "not_as_expected"),
    ("ru", "доставка опоздала на неделю", "late"),
    ("uk", "не підійшов розмір", "size"),
    ("uk", "рама зламана", "defect"),
    ("uk", "не сподобався колір", "not_as_expected"),
    ("uk", "посилка запізнилась", "late"),
    ("hy", "չափսը չի համապատասխանում", "size"),
    ("hy", "թերություն ունի", "defect"),
    ("hy", "չի աշխատում լույսը", "defect"),
    ("hy", "նկարում այլ էր", "not_as_expected"),
    ("hy", "առաքումը ուշացավ", "late"),
    ("lo", "ຂະໜາດບໍ່ພໍດີ", "size"),
    ("lo", "ໄຟບໍ່ເຮັດວຽກ", "defect"),
    ("lo", "ບໍ່ຄືຮູບ", "not_as_expected"),
    ("lo", "ສົ່ງມາຊ້າຫຼາຍ", "late"),
]

NO_REASON = [
    ("en", "I'll send the photo later"),
    ("en", "chocolate colour please"),
    ("ru", "как долго ждать доставку?"),
    ("ru", "мало ли что"),
    ("hy", "ուշադրություն դարձրեք"),  # "pay attention" starts like "late"
    ("lo", "ເພາະວ່າຂ້ອຍຢາກໄດ້"),  # "because I want": no defect inside
    ("uk", "де моє замовлення"),
]


@pytest.mark.parametrize(("language", "text", "expected"), REASONS)
def test_return_reason_is_recognised(fields, language, text, expected):
    assert fields(text, language)["reason"] == expected


@pytest.mark.parametrize(("language", "text"), NO_REASON)
def test_unrelated_words_give_no_reason(fields, language, text):
    assert "reason" not in fields(text, language)
