"""Russian, Ukrainian and Armenian typed in Latin letters: understood, and answered in the customer's script."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from copilot.language import detect_language
from copilot.models import Suggestion
from copilot.conversation_language import served_reading
from copilot.knowledge.entry import Document, Entry
from copilot.knowledge.words import TenantWords
from copilot.romanised import native_form

Ask = Callable[[str, str], Suggestion]  # conftest.ask_pack


@pytest.mark.parametrize(("text", "expected"), [
    ("skolko stoit manikyur?", "ru"),
    ("gde vy nahodites", "ru"),
    ("zdravstvuyte, do skolki vy rabotaete v subbotu?", "ru"),
    ("spasibo", "ru"),
    ("skilky koshtuye strizhka", "uk"),
    ("hochu zapysatysya na probnyi urok v chetver", "uk"),
    ("dyakuyu", "uk"),
    ("barev dzez", "hy"),
    ("inchqan e erashxiqy shrjanaki vra", "hy"),
    ("inch arje?", "hy"),  # "inch" is an English word too, far rarer in English than ինչ in Armenian
    ("im patvery ur e", "hy"),
    ("my hotim zapisatsya", "ru"),  # "my" is mostly English, the rest Russian
])
def test_a_language_typed_in_latin_letters_is_that_language(text: str, expected: str) -> None:
    guess = detect_language(text)
    assert guess is not None and (guess.code, guess.method) == (expected, "romanised")


@pytest.mark.parametrize("text", [
    "do u guys deliver outside yerevan? like to gyumri",
    "helmet price",
    "Ile to kosztuje?",
    "Hola, ¿cuánto cuesta el envío a Madrid?",
    "Guten Morgen, haben Sie heute offen?",
    # one English word, and the rest words of romanised Armenian or Russian too ("any" ~ անի, "in" ~ ին,
    # "to" ~ то, the city): English customers write them more often
    "any delivery to Gyumri?",
    "any shop in Yerevan?",
    "any branch in Vanadzor?",
])
def test_english_and_other_latin_languages_are_not_read_as_romanised(text: str) -> None:
    guess = detect_language(text)
    assert guess is not None and guess.method != "romanised"


def test_an_english_question_naming_an_armenian_city_is_answered_in_english(ask_pack: Ask) -> None:
    s = ask_pack("default", "any delivery to Gyumri?")
    assert s.draft.language == "en"


def test_the_native_form_spells_known_words_natively_and_the_rest_letter_by_letter() -> None:
    assert native_form("gde vy nahodites?", "ru") == "где вы находитесь?"
    assert native_form("Skolko stoit dostavka v Kiev", "ru").startswith("Сколько стоит доставк")
    assert native_form("barev dzez", "hy") == "բարև ձեզ"
    assert native_form("vortegh eq gtnvum?", "hy") == "որտեղ եք գտնվում?"  # ո starts a word as "vo"
    assert native_form("z yakogo viku berete ditey?", "uk") == "з якого віку берете дітей?"  # "i" is і


def test_armenian_chat_spelling_is_read_as_armenian() -> None:
    # "@" is the article ը typed after a word; "j" is ժ as well as ջ ("arje", արժե), "x" is ղ as well as խ
    guess = detect_language("barev dzez, pordi pirsing@ inch arje? zard@ gni mej@ mtnum a?")
    assert guess is not None and guess.code == "hy"  # was Swedish (lingua, 0.2)
    assert native_form("inch arje?", "hy") == "ինչ արժե?"
    assert native_form("kayanatex@ vortex a?", "hy") == "կայանատեղի որտեղ ա?"
    # a word the lexicon has with an ending it lacks is searched as that word ("aravotyan", առավոտյան: in the morning)
    native = native_form("barev dzez, aravotyan inch jamin eq bacum?", "hy")
    assert "aravotyan" not in native and "առավոտ" in native and "ժամին" in native  # "jamin": ժ typed "j"
    assert native_form("mojno zapisatsya?", "ru") == "можно записаться?"  # "zh" / "j" for ж
    assert detect_language("write to anna@mail.ru or @anna_k").code == "en"  # an address's "@" is no article


def test_text_in_another_language_keeps_its_spelling() -> None:
    assert native_form("where are you located?", "ru") == "where are you located?"
    assert native_form("где вы находитесь?", "ru") == "где вы находитесь?"
    assert native_form("skolko stoit", "en") == "skolko stoit"  # the conversation is in English: leave it


@pytest.mark.parametrize(("tenant", "text", "language", "fact"), [
    ("aria_beauty", "skolko stoit manikyur?", "ru", "9 000"),
    ("aria_beauty", "gde vy nahodites?", "ru", "Туманяна, 14"),
    ("garage_lev", "skilky koshtuye diagnostyka?", "uk", "600 грн"),
    ("slovo_school", "skolko chelovek v gruppe?", "ru", "от 4 до 8"),
    # the words its lexicon lacks are met in the entry by their Latin keys ("eritasardakan" is its "Երիտասարդական")
    ("aria_beauty", "barev, salony vortegh a? Eritasardakan metroyic heru e?", "hy", "Թումանյան 14"),
])
def test_a_romanised_question_gets_the_fact_in_the_customers_own_script(
        ask_pack: Ask, tenant: str, text: str, language: str, fact: str) -> None:
    s = ask_pack(tenant, text)
    assert s.draft.language == language
    assert fact in s.draft.text


@pytest.mark.parametrize(("tenant", "text", "intent"), [
    ("aria_beauty", "hochu perenesti svoyu zapis so sredy na pyatnitsu", "reschedule_cancel"),
    ("garage_lev", "zapyshit mene na diagnostyku na zavtra vrantsi", "booking"),
])
def test_a_romanised_request_gets_its_intent(ask_pack: Ask, tenant: str, text: str, intent: str) -> None:
    assert ask_pack(tenant, text).intent.id == intent


def test_a_romanised_legal_threat_is_handed_to_a_person(ask_pack: Ask) -> None:
    s = ask_pack("garage_lev", "moy yurist podast v sud, esli ne kompensiruete")
    assert s.decision.action == "escalate"
    assert s.draft.language == "ru"


@pytest.mark.parametrize(("tenant", "text"), [
    ("aria_beauty", "eto prosto uzhas, bolshe k vam ne pridu"),
    ("garage_lev", "tse prosto zhakh, bilshe do vas ne pryidu"),
])
def test_romanised_upset_words_hand_off_as_the_native_ones_do(ask_pack: Ask, tenant: str, text: str) -> None:
    s = ask_pack(tenant, text)
    assert s.decision.action == "escalate" and "E-angry" in s.decision.reasons


@pytest.mark.parametrize("text", ["barev, tatikis Malatiayum a aprum, tun karox eq ekneq?",
                                  "barev, poqrik shun unenq, qashy 6 kilo, berenq?"])
def test_a_message_lingua_cannot_place_leaning_to_a_served_language_is_answered_in_it(ask_pack: Ask, text: str) -> None:
    # fewer than half its words are in the lexicon; lingua reads Turkish at 0.25-0.30, which the salon does not serve
    guess = detect_language(text)
    assert guess is not None and guess.method == "lingua" and guess.code not in ("hy", "en")
    assert served_reading(guess, text, ["hy", "ru", "en"]).code == "hy"
    assert ask_pack("aria_beauty", text).draft.language == "hy"
    assert served_reading(guess, text, ["uk", "ru", "en"]) == guess  # a business that does not serve Armenian
    sure = detect_language("kommt der kurier heute?")  # German lingua is sure of stays German (E-language)
    assert sure is not None and served_reading(sure, "kommt der kurier heute?", ["hy", "ru", "en"]) == sure


def test_an_armenian_word_no_lexicon_has_is_written_in_armenian_letters() -> None:
    native = native_form("barev dzez, aghjiks 7 tarekan a, achqery stugely inch arji?", "hy")
    assert {"աղջիկս", "աչքերը", "ստուգել"} <= set(native.replace(",", " ").split())
    assert "ver" not in native_form("barev, ver@nel karox eq?", "hy")  # "@" inside a word is ը as well
    assert native_form("barev, online grancvel kareli a?", "hy").startswith("բարև, online ")  # English stays


def test_a_word_of_the_business_is_read_as_the_business_writes_it() -> None:
    # "Gexardi" letter by letter is "գեխարդի"; the tour agency's own entry writes Գեղարդի ("x" is ղ as well as խ)
    entry = Entry(id="faq:meeting:hy", kind="faq", language="hy", title="", source="faq.yaml", position=0,
                  text="Գառնի–Գեղարդի տուրը մեկնում է ժամը 10:00-ին",
                  documents=(Document("Երբ է մեկնում տուրը", "question"),))
    own = TenantWords([entry]).native_keys("hy")
    text = "barev, Garni Gexardi tur@ qanisin a meknum?"
    assert "Գեղարդի" in native_form(text, "hy", own) and "Գեղարդի" not in native_form(text, "hy")
