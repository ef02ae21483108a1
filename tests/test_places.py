"""A question about another city is not answered with an entry written for this one (copilot.places)."""

from __future__ import annotations

import pytest

from copilot.places import place_words

# lusin_skin, a skincare shop in Yerevan (a development pack), ships "to other towns and villages in Armenia by
# HayPost"; `ask_pack` asks it (tests/conftest.py).


@pytest.mark.parametrize(("text", "place"), [("доставляете в Тбилиси?", "Тбилиси")])
def test_a_town_abroad_is_not_answered_with_the_entry_for_this_country(ask_pack, text: str, place: str) -> None:
    s = ask_pack("lusin_skin", text)
    assert s.knowledge[0].id.startswith("faq:delivery_armenia") and place in s.knowledge[0].unmatched
    assert s.draft.moment != "answer" and "HayPost" not in s.draft.text


@pytest.mark.parametrize(("text", "fact"), [("в Ванадзор доставите? сколько стоит", "1 500 драм")])
def test_a_town_of_the_country_the_entry_names_is_answered(ask_pack, text: str, fact: str) -> None:
    s = ask_pack("lusin_skin", text)
    assert s.draft.moment == "answer" and fact in s.draft.text


@pytest.mark.parametrize(("text", "fact"), [("в Капан отправляете? сколько стоит пересылка", "1 500 драм")])
def test_the_entry_that_covers_the_town_leads_the_one_nearer_that_does_not(ask_pack, text: str, fact: str) -> None:
    s = ask_pack("lusin_skin", text)  # nearest: delivery in Yerevan (0.90); shipping within Armenia covers Kapan
    assert s.knowledge[0].id == "faq:delivery_armenia:ru" and not s.knowledge[0].unmatched
    assert s.draft.moment == "answer" and fact in s.draft.text and "1 000" not in s.draft.text


@pytest.mark.parametrize(("text", "language", "answer", "expected"), [
    ("Բարև, Դավթաշեն տորթը կբերե՞ք", "hy", "Առաքում Երևանում 1 500 դրամ", []),  # a district of Yerevan
    ("Բարև, Գյումրիում մասնաճյուղ ունե՞ք", "hy", "Մենք Երևանում ենք, Կոմիտասի 12", ["Գյումրիում"]),
    ("у вас є магазин в Миколаєві? щоб не їхати аж в одесу", "uk", "Наш салон: Одеса, вул. Балківська, 88",
     ["Миколаєві"]),
    ("Do you have a showroom in Kyiv as well?", "en", "Our showroom is at 88 Balkivska St, Odesa", ["Kyiv"]),
    ("ມີສາຂາຢູ່ຫຼວງພະບາງບໍ່", "lo", "ຮ້ານຢູ່ຖະໜົນສາມແສນໄທ ວຽງຈັນ", ["ຫຼວງພະບາງ"]),
    ("доставляете в Тбилиси?", "ru", "В другие города Армении (Гюмри, Ванадзор) доставка 2 дня", ["Тбилиси"]),
    ("можно заниматься онлайн? мы сейчас в Польше", "ru", "Онлайн-уроки проводим в Zoom или Google Meet", []),
    ("хочу вишневий торт на суботу", "uk", "Доставка по Львову безкоштовна", []),  # a town's name, lower case
    ("Nice! Where are you exactly?", "en", "We are at 12 Komitas Ave, Yerevan", []),  # opening a sentence
])
def test_places_are_judged_only_against_an_answer_that_names_where_it_applies(
        text: str, language: str, answer: str, expected: list[str]) -> None:
    assert place_words(text, language, answer)[1] == expected
