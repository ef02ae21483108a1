"""An FAQ entry that never mentions what the customer asks about is listed, not quoted."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from copilot.answer_coverage import unmatched_words
from copilot.knowledge.entry import Document, Entry
from copilot.models import Suggestion
from copilot.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
Ask = Callable[[str, str], Suggestion]  # conftest.ask_pack
WIFI = Entry(id="faq:wifi:en", kind="faq", language="en", title="wifi", text="Free Wi-Fi is available in all rooms.",
             source="faq.yaml", position=0,
             documents=(Document("is there wifi", "question"), Document("do you have wifi in the rooms", "question")))


def test_the_words_an_entry_never_mentions_are_the_customers_content_words_only() -> None:
    taxonomy = load_taxonomy(ROOT / "knowledge" / "taxonomy")
    assert unmatched_words("do you have a swimming pool?", "en", WIFI, taxonomy) == ["swimming", "pool"]
    # Everyday customer wording ("do you have", "is there") and the entry's own words are not counted.
    assert unmatched_words("is there wi-fi in the room?", "en", WIFI, taxonomy) == []
    # Nor the words that say when ("tonight", "завтра", "ມື້ນີ້"): the date parser reads them.
    assert unmatched_words("is there wifi in the room tonight?", "en", WIFI, taxonomy) == []
    # The demo bike shop's trade is no everyday wording, however often the default examples use it: a pottery
    # studio asked "do you repair ceramics?" is asked about repairs.
    assert unmatched_words("do you repair ceramics?", "en", WIFI, taxonomy) == ["repair", "ceramics"]
    assert unmatched_words("ремонтируете посуду?", "ru", WIFI, taxonomy) == ["ремонтируете", "посуду"]


def test_a_percentage_asked_in_words_is_the_entrys_percent_sign() -> None:
    taxonomy = load_taxonomy(ROOT / "knowledge" / "taxonomy")
    for language, text, asked in [("hy", "Թոշակառուներին 10 % զեղչ ենք անում։", "թոշակառուներին զեղչ ինչքան տոկոս"),
                                  ("ru", "Пенсионерам скидка 10 %.", "пенсионерам скидка сколько процентов"),
                                  ("lo", "ມັດຈຳ 30% ຂອງລາຄາ", "ຕ້ອງມັດຈຳຈັກເປີເຊັນ")]:
        entry = Entry(id=f"faq:discount:{language}", kind="faq", language=language, title="discount", source="faq.yaml",
                      position=0, text=text, documents=())
        assert unmatched_words(asked, language, entry, taxonomy) == [], language
        without = dataclasses.replace(entry, text=text.replace("%", ""))  # a number, no percentage
        assert unmatched_words(asked, language, without, taxonomy) != [], language


def test_the_names_in_the_intent_examples_are_no_everyday_wording() -> None:
    # The default examples name TelCell, BCEL and Gyumri again and again; a customer naming them asks about them.
    taxonomy = load_taxonomy(ROOT / "knowledge" / "taxonomy")
    card = Entry(id="faq:payment:hy", kind="faq", language="hy", title="payment", source="faq.yaml", position=0,
                 text="Վճարել կարող եք քարտով կամ կանխիկ։", documents=(Document("ինչպես կարող եմ վճարել", "question"),))
    assert unmatched_words("TelCell-ով վճարել կլինի՞", "hy", card, taxonomy) == ["telcell"]
    assert unmatched_words("Գյումրի ուղարկու՞մ եք", "hy", card, taxonomy)[:1] == ["գյումրի"]
    # romanised Armenian is how customers ask, in Latin letters throughout
    assert unmatched_words("barev dzez, inch arji?", "hy", card, taxonomy) == []


def test_particles_and_question_words_are_everyday_wording_whatever_a_taxonomy_of_its_own_writes() -> None:
    own = load_taxonomy(ROOT / "knowledge" / "taxonomy").model_copy(update={"intents": []})  # no example at all
    card = Entry(id="faq:payment:lo", kind="faq", language="lo", title="payment", source="faq.yaml", position=0,
                 text="ຮັບເງິນສົດ ແລະ ບັດ Visa, ຄ່າທຳນຽມ 3%.", documents=(Document("ຈ່າຍບັດໄດ້ບໍ່", "question"),))
    # "can I pay by card? (ບໍ: asks)": only the words that say what
    assert "ບໍ" not in unmatched_words("ຈ່າຍບັດໄດ້ບໍ", "lo", card, own)
    assert "ຈ້າ" not in unmatched_words("ຈ່າຍບັດໄດ້ບໍ່ຈ້າ", "lo", card, own)
    # nor do the words questions open with, in any language: "որքան" (how much) named a salon's gift cards
    assert unmatched_words("որքան ժամանակում կբերեք", "hy", card, own) == ["ժամանակում", "կբերեք"]
    assert unmatched_words("сколько ждать доставку", "ru", card, own) == ["ждать", "доставку"]
    assert "where" not in unmatched_words("where is the shop", "en", card, own)


@pytest.mark.parametrize(("tenant", "text", "wrong"), [
    ("mekong_breeze", "do you have a swimming pool?", "faq:wifi:en"),
    ("aria_beauty", "do you do eyelash extensions?", "faq:brands:en"),
])
def test_a_question_about_something_the_entry_never_mentions_is_not_answered_with_it(ask_pack: Ask, tenant: str, text: str,
                                                                              wrong: str) -> None:
    s = ask_pack(tenant, text)
    assert s.knowledge and s.knowledge[0].id == wrong and s.knowledge[0].unmatched  # listed for the agent
    # Not quoted: a reply is promised, or a person takes an unanswered first message over.
    assert s.draft.citations == [] and s.draft.moment in ("first_reply", "handoff")


@pytest.mark.parametrize(("tenant", "text", "entry", "fact"), [
    ("slovo_school", "where exactly is the school", "faq:address:en", "Saksahanskoho"),
    ("mekong_breeze", "is breakfast part of the room rate?", "faq:breakfast:en", "7:00"),
])
def test_filler_words_the_entry_lacks_do_not_stop_a_right_answer(ask_pack: Ask, tenant: str, text: str,
                                                                 entry: str, fact: str) -> None:
    s = ask_pack(tenant, text)
    assert s.draft.citations == [entry] and fact in s.draft.text
    assert s.knowledge[0].unmatched == []
