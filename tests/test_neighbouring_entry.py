"""A question about something next to an FAQ entry's topic (buying a used car, having it washed) is not
answered with that entry (the courtesy car), while the entry that answers stays quoted, at the same
business (garage_lev, a car repair shop: its knowledge says nothing about selling or washing cars)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from copilot import Copilot
from copilot.answer_coverage import unmatched_words
from copilot.knowledge.entry import Document, Entry
from copilot.knowledge.words import lower_words
from copilot.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def copilot(packs_copilot: Copilot) -> Copilot:
    return packs_copilot


def _ask(copilot: Copilot, text: str):
    return copilot.suggest({"tenant": "garage_lev", "messages": [{"role": "customer", "text": text}]}, now=NOW)


@pytest.mark.parametrize("text", [
    "у вас можна купити вживане авто?",  # e5 puts "купити вживане" 0.85+ from every entry of the garage
    "could I have my car washed at your place?",  # "washed" is not the everyday word "was"
    "do you get cars washed there?",
])
def test_a_question_next_to_the_courtesy_car_entry_is_not_answered_with_it(copilot: Copilot, text: str) -> None:
    s = _ask(copilot, text)
    top = s.knowledge[0]
    assert top.id.startswith("faq:courtesy_car:") and top.unmatched  # listed for the agent, with what it lacks
    assert s.draft.citations == [] and s.draft.moment in ("first_reply", "handoff")


@pytest.mark.parametrize(("text", "entry", "fact"), [
    ("чи даєте підмінне авто на час ремонту?", "faq:courtesy_car:uk", "Підмінного авто не надаємо"),
    ("ви ремонтуєте електромобілі?", "faq:makes:uk", "електромобілі та вантажівки не ремонтуємо"),
    ("is there a waiting room?", "faq:waiting:en", "waiting"),
])
def test_the_entry_that_answers_is_still_quoted(copilot: Copilot, text: str, entry: str, fact: str) -> None:
    s = _ask(copilot, text)
    assert s.draft.citations == [entry] and fact in s.draft.text


def test_a_short_everyday_word_does_not_swallow_a_longer_one() -> None:
    """"was" is everyday customer wording; "washed" is another word ("cars" is "car", which the entry has)."""
    taxonomy = load_taxonomy(ROOT / "knowledge" / "taxonomy")
    courtesy = Entry(id="faq:courtesy_car:en", kind="faq", language="en", title="courtesy car",
                     text="We do not offer a courtesy car, but we can call you a taxi.", source="faq.yaml", position=0,
                     documents=(Document("do you give a courtesy car", "question"),))
    missing = unmatched_words("can I get my cars washed at your place", "en", courtesy, taxonomy)
    assert "washed" in missing and "cars" not in missing


def test_an_armenian_question_mark_inside_a_word_does_not_split_it() -> None:
    assert lower_words("Թարթիչներ անո՞ւմ եք") == ["թարթիչներ", "անում", "եք"]


def test_an_english_ing_form_is_the_same_word_as_its_base_and_only_that() -> None:
    """"can I park near you?" meets an entry that says "parking"; "was" is still not "washing"."""
    taxonomy = load_taxonomy(ROOT / "knowledge" / "taxonomy")
    parking = Entry(id="faq:parking:en", kind="faq", language="en", title="parking",
                    text="Free parking in the courtyard for clients.", source="faq.yaml", position=0,
                    documents=(Document("is there parking", "question"),))
    assert "park" not in unmatched_words("can I park my car near the studio", "en", parking, taxonomy)
    assert "washing" in unmatched_words("do you do car washing at your place", "en", parking, taxonomy)


def test_a_short_english_word_takes_only_english_endings() -> None:
    """"car" is "cars" but not "card": a question about a car is not about the card-payment entry's topic."""
    taxonomy = load_taxonomy(ROOT / "knowledge" / "taxonomy")
    payments = Entry(id="faq:payment:en", kind="faq", language="en", title="payment",
                     text="We accept cards and bank transfers.", source="faq.yaml", position=0,
                     documents=(Document("do you take cards", "question"),))
    assert "car" in unmatched_words("can you change the oil on my car", "en", payments, taxonomy)
    assert "cards" not in unmatched_words("do you take visa cards", "en", payments, taxonomy)
