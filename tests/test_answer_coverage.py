"""An FAQ entry that never mentions what the customer asks about is listed, not quoted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from copilot import Copilot, Settings
from copilot.answer_coverage import unmatched_words
from copilot.knowledge.entry import Document, Entry
from copilot.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
WIFI = Entry(id="faq:wifi:en", kind="faq", language="en", title="wifi", text="Free Wi-Fi is available in all rooms.",
             source="faq.yaml", position=0,
             documents=(Document("is there wifi", "question"), Document("do you have wifi in the rooms", "question")))


@pytest.fixture(scope="module")
def copilot(data_dir: Path) -> Copilot:
    return Copilot(Settings(data_dir=data_dir, tenants_dir=ROOT / "evals" / "datasets" / "tenants"))


def _ask(copilot: Copilot, tenant: str, text: str):
    return copilot.suggest({"tenant": tenant, "messages": [{"role": "customer", "text": text}]}, now=NOW)


def test_the_words_an_entry_never_mentions_are_the_customers_content_words_only() -> None:
    taxonomy = load_taxonomy(ROOT / "knowledge" / "taxonomy")
    assert unmatched_words("do you have a swimming pool?", "en", WIFI, taxonomy) == ["swimming", "pool"]
    # Everyday customer wording ("do you have", "is there") and the entry's own words are not counted.
    assert unmatched_words("is there wi-fi in the room?", "en", WIFI, taxonomy) == []


@pytest.mark.parametrize(("tenant", "text", "wrong"), [
    ("mekong_breeze", "do you have a swimming pool?", "faq:wifi:en"),
    ("aria_beauty", "do you do eyelash extensions?", "faq:brands:en"),
])
def test_a_question_about_something_the_entry_never_mentions_is_not_answered_with_it(copilot: Copilot, tenant: str, text: str,
                                                                              wrong: str) -> None:
    s = _ask(copilot, tenant, text)
    assert s.knowledge and s.knowledge[0].id == wrong and s.knowledge[0].unmatched  # listed for the agent
    # Not quoted: a reply is promised, or a person takes an unanswered first message over.
    assert s.draft.citations == [] and s.draft.moment in ("first_reply", "handoff")


@pytest.mark.parametrize(("tenant", "text", "entry", "fact"), [
    ("slovo_school", "where exactly is the school", "faq:address:en", "Saksahanskoho"),
    ("mekong_breeze", "is breakfast part of the room rate?", "faq:breakfast:en", "7:00"),
])
def test_filler_words_the_entry_lacks_do_not_stop_a_right_answer(copilot: Copilot, tenant: str, text: str,
                                                                 entry: str, fact: str) -> None:
    s = _ask(copilot, tenant, text)
    assert s.draft.citations == [entry] and fact in s.draft.text
    assert s.knowledge[0].unmatched == []
