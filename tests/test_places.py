"""A question about another city is not answered with an entry written for this one (copilot.places)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from copilot import Copilot, Settings
from copilot.errors import TenantConfigError
from copilot.places import gazetteer, home_places, place_words, town_place

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


def _town(name: str, language: str) -> str:
    (_, places), = gazetteer().named(f"- {name}", language)  # (a capitalised word opening a text may be no town)
    return max(places, key=gazetteer().population)


@pytest.mark.parametrize(("text", "language", "home", "expected"), [
    # an answer naming no place speaks for the town the business is in: another town of its country is no branch
    ("ມີສາຂາຢູ່ຫຼວງພະບາງບໍ່", "lo", "ວຽງຈັນ", ["ຫຼວງພະບາງ"]),
    ("а в Одессе у вас тоже хостел есть? летом хотим на море", "ru", "Львове", ["Одессе"]),
    ("у вас є філія в Полтаві?", "uk", "Харкові", ["Полтаві"]),
    ("а у Львові ви теж працюєте в неділю?", "uk", "Львові", []),  # its own town
    # a town the customer names about themselves, or one abroad, asks nothing about a branch
    ("we run a small cafe in Ternopil, do you do wholesale?", "en", "Lviv", []),
    ("ບໍ່ມີພາສປອດ ຝາກບັດປະຈຳຕົວໄວ້ແທນໄດ້ບໍ່ ຂ້ອຍເປັນຄົນວຽງຈັນ", "lo", "ຫຼວງພະບາງ", []),
    ("I'm Polish, living in Dnipro for 2 years, what documents do I need?", "en", "Kyiv", []),
    ("we arrive from Bangkok at 6, are you open that early?", "en", "Vientiane", []),
])
def test_an_answer_naming_no_place_applies_in_the_business_home_town(
        text: str, language: str, home: str, expected: list[str]) -> None:
    assert place_words(text, language, "Open daily 9:00–20:00.", home=frozenset({_town(home, language)}))[1] == expected


def test_the_home_town_is_the_one_the_business_names_most_in_its_own_country() -> None:
    answers = [("address", "Площа Ринок, 10, Львів", "uk"), ("address", "Rynok Sq 10, Lviv", "en"),
               ("station", "From Lviv station take tram 1", "en"), ("trips", "Day trips to Kyiv by train", "en")]
    assert home_places(answers, "UAH") == {_town("Lviv", "en")}
    assert home_places(answers, "LAK") == frozenset()  # no town of Laos named
    # a small town named by one entry only is likelier a street ("біля метро Покровська")
    assert home_places([("metro", "біля метро Покровська", "uk"), ("metro", "near Pokrovska metro", "en"),
                        ("metro", "у метро Покровская", "ru")], "UAH") == frozenset()


@pytest.mark.parametrize(("text", "language", "answer"), [
    ("hey! visiting yerevan for a week, how far are you from republic square metro?", "en",
     "We're at 24 Pushkin Street, a 5-minute walk from Republic Square metro station."),
    ("я в Ереване первый раз, как до вас добраться от площади Республики?", "ru",
     "Мы находимся на улице Пушкина, 24, в пяти минутах от метро Площадь Республики."),
])
def test_a_street_named_for_a_town_is_no_place_the_answer_applies_in(text: str, language: str, answer: str) -> None:
    # Pushkin is a town near Saint Petersburg: read as where the address entry applies, Yerevan fell outside it
    assert gazetteer().named(answer, language) == []
    assert place_words(text, language, answer, home=frozenset({_town("Yerevan", "en")}))[1] == []


@pytest.fixture(scope="module")
def repair_shops(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Copilot:
    """A repair shop in Gyumri whose answers name Yerevan, where its parts come from, more often than Gyumri."""
    tenants = tmp_path_factory.mktemp("tenants")
    entries = [{"id": "address", "questions": {"en": ["where are you"]}, "answers": {"en": "Vardanants Sq 5, Gyumri."}},
               {"id": "parts", "questions": {"en": ["how long do parts take"]},
                "answers": {"en": "Parts come from Yerevan in 1-3 days."}},
               {"id": "courier", "questions": {"en": ["is there a courier"]},
                "answers": {"en": "Our courier goes to Yerevan twice a week."}},
               {"id": "payment", "questions": {"en": ["can i pay by card"]}, "answers": {"en": "Cash or card."}}]
    for name, town in (("guessed", None), ("named", "Гюмри"), ("unknown", "Gyumrifornia")):
        (tenants / name / "knowledge").mkdir(parents=True)
        config = {"languages": ["en"], "currency": "AMD", **({"town": town} if town else {})}
        (tenants / name / "tenant.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        (tenants / name / "knowledge" / "faq.yaml").write_text(yaml.safe_dump({"entries": entries}), encoding="utf-8")
    return Copilot(Settings(data_dir=data_dir, tenants_dir=tenants))


def test_the_town_a_business_names_is_its_home_whatever_its_answers_name_most(repair_shops: Copilot) -> None:
    assert town_place("Гюмри", "AMD") == _town("Gyumri", "en")
    assert town_place("Odesa", "AMD") is None  # not a town of the country paying in drams
    text = {"messages": [{"role": "customer", "text": "can i pay by card at your Yerevan workshop?"}]}
    guessed = repair_shops.suggest({**text, "tenant": "guessed"}).knowledge[0]
    named = repair_shops.suggest({**text, "tenant": "named"}).knowledge[0]
    assert guessed.id == named.id == "faq:payment:en"
    assert not guessed.unmatched  # read as a shop in Yerevan, the town its answers name most
    assert named.unmatched == ["Yerevan"]  # tenant.yaml: town: Гюмри
    with pytest.raises(TenantConfigError, match=r"tenant.yaml: town: 'Gyumrifornia' is no town"):
        repair_shops.suggest({**text, "tenant": "unknown"})
