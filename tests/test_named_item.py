"""A message that names a catalogue item is answered with the item only when the item's entry says what was
asked: its price, stock or a size it comes in; not whether it is waterproof, nor where it can be sent (H10)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from copilot import Copilot

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _ask(copilot: Copilot, text: str):
    return copilot.suggest({"messages": [{"role": "customer", "text": text}]}, now=NOW)


@pytest.mark.parametrize(("text", "item"), [
    ("how much is the trail 29 exactly", "catalogue:bike-mtb-trail-29:en"),
    ("do you have the trail 29 in XL right now", "catalogue:bike-mtb-trail-29:en"),
    ("сколько стоит шлем urban?", "catalogue:helmet-urban:ru"),
])
def test_the_item_is_quoted_for_what_its_entry_says(offline_copilot: Copilot, text: str, item: str) -> None:
    assert item in _ask(offline_copilot, text).draft.citations


@pytest.mark.parametrize(("text", "item"), [
    ("is the urban helmet waterproof", "catalogue:helmet-urban:en"),
    ("отправите шлем в Лондон?", "catalogue:helmet-urban:ru"),
    ("надішлете шолом до Лондона?", "catalogue:helmet-urban:uk"),
])
def test_the_item_is_not_quoted_for_what_its_entry_never_says(offline_copilot: Copilot, text: str, item: str) -> None:
    s = _ask(offline_copilot, text)
    assert item in [h.id for h in s.knowledge]  # found and listed for the person who reads it
    assert item not in s.draft.citations
    assert "890" not in s.draft.text and "45 EUR" not in s.draft.text


@pytest.mark.parametrize(("text", "entry"), [
    # the delivery entry is tagged "delivery"; the bike's entry never says it, though the pricing classifier is sure
    ("how much is delivery of the Trail 29 to Kyiv?", "faq:delivery_cost:en"),
])
def test_a_word_the_business_tagged_an_entry_with_leads_the_named_item(offline_copilot: Copilot, text: str,
                                                                       entry: str) -> None:
    s = _ask(offline_copilot, text)
    assert s.intent.confidence >= 0.8
    assert [h.id for h in s.knowledge[:2]] == [entry, "catalogue:bike-mtb-trail-29:en"]  # the item still listed
    assert s.draft.citations == [entry] and "890" not in s.draft.text


@pytest.mark.parametrize(("text", "fact"), [
    ("is the bioderma micellar water available in 500ml? price?", "10 500"),  # out of scope to the classifier
])
def test_a_message_far_from_every_example_that_names_an_item_asks_about_it(ask_pack, text: str, fact: str) -> None:
    s = ask_pack("lusin_skin", text)
    assert s.intent.id != "other" and "other" in [a.id for a in s.intent.alternatives]
    assert s.decision.action == "continue" and fact in s.draft.text


@pytest.mark.parametrize(("text", "price"), [("is the snail essence cruelty free?", "9 800")])
def test_an_out_of_scope_message_mostly_about_other_things_is_not_answered_with_the_items_price(
        ask_pack, text: str, price: str) -> None:
    s = ask_pack("lusin_skin", text)  # its readings: availability 0.24, booking 0.22, pricing 0.15
    assert s.intent.id == "other" and price not in s.draft.text and s.draft.moment != "answer"


# A price question naming an item, read as something else (thanks and a follow-up, feedback): the item's entry, with
# its price, answers it (intent_from_knowledge.item_reading; retrieve: an FAQ entry without a price is no answer).
@pytest.mark.parametrize(("text", "price", "not_quoted"), [
    ("дякую за відповідь! а індивідуальне заняття почому?", "650 UAH", "faq:missed_lesson:uk"),
    ("Thanks for the info yesterday, how much is IELTS preparation?", "4 500 UAH", None),
])
def test_a_price_question_naming_an_item_is_answered_with_its_price_whatever_else_it_reads_as(
        ask_pack, text: str, price: str, not_quoted: str | None) -> None:
    s = ask_pack("slovo_school", text)
    assert s.draft.moment == "answer" and price in s.draft.text
    assert s.knowledge[0].kind == "catalogue" and not_quoted not in s.draft.citations
