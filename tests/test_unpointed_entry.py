"""A question about something the business never writes about is not answered with whichever of its
entries the cosine finds nearest, when none of the customer's words points at that entry and the
cosine clears the floor only by a little; the question the entry answers is still quoted, in any
language (the evaluation tenants: aria_beauty, a beauty salon; slovo_school, a language school)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from copilot.answer_coverage import pointing_words
from copilot.knowledge.entry import Document, Entry
from copilot.knowledge.words import TenantWords
from copilot.models import Suggestion

Ask = Callable[[str, str], Suggestion]  # conftest.ask_pack


@pytest.mark.parametrize(("tenant", "text", "neighbour"), [
    # a salon asked about a computer diagnostic (a garage's service): its gift cards are nearest
    ("aria_beauty", "сколько стоит компьютерная диагностика", "faq:gift_cards:ru"),
    # a salon asked whether it has a branch in Gyumri: its parking entry is nearest
    ("aria_beauty", "Գյումրիում մասնաճյուղ ունե՞ք", "faq:parking:hy"),
    # a language school asked for a boy's haircut: its children's groups are nearest
    ("slovo_school", "do you do haircuts for a 5 year old boy?", "faq:kids:en"),
])
def test_an_entry_no_word_points_at_is_listed_not_quoted(ask_pack: Ask, tenant: str, text: str,
                                                         neighbour: str) -> None:
    s = ask_pack(tenant, text)
    top = s.knowledge[0]
    assert top.id == neighbour and top.pointers == []  # listed for the agent; nothing of the message points at it
    assert s.draft.citations == []


@pytest.mark.parametrize(("tenant", "text", "entry", "fact"), [
    ("aria_beauty", "хочу подарить маме сертификат, какие номиналы есть", "faq:gift_cards:ru", "10 000"),
    ("aria_beauty", "մեքենայով եմ գալու, կայանելու տեղ ունե՞ք", "faq:parking:hy", "կայանատեղի"),
    ("slovo_school", "can my daughter join, she's 10", "faq:kids:en", "7–11"),
])
def test_the_question_the_entry_answers_is_still_quoted(ask_pack: Ask, tenant: str, text: str, entry: str,
                                                        fact: str) -> None:
    s = ask_pack(tenant, text)
    assert s.knowledge[0].pointers  # the customer's own words point at it
    assert s.draft.citations == [entry] and fact in s.draft.text


def _faq(name: str, question: str, answer: str) -> Entry:
    return Entry(id=f"faq:{name}:en", kind="faq", language="en", title=name, text=answer, source="faq.yaml",
                 position=0, documents=(Document(question, "question"),))


def test_pointing_words_are_the_words_few_entries_use_everyday_ones_too() -> None:
    hours = _faq("hours", "when do you open", "We open at 9:00 every day.")
    entries = [hours, _faq("address", "where are you", "You find us at 5 Main Street."),
               _faq("parking", "where can you park", "You can park in the yard."),
               _faq("payment", "can you take cards", "You can pay by card.")]
    index = TenantWords(entries)
    # "open" is everyday customer wording, and only the hours entry uses it; every entry says "you"
    assert pointing_words("are you open on sunday?", "en", hours, index) == ["open"]
    assert pointing_words("do you deliver?", "en", hours, index) == []
