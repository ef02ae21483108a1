"""Price questions that name no item (M3): two items of one kind to choose from, unless an FAQ entry answers
what was asked (the demo shop rents bikes as well as selling them)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml

from copilot import Copilot, Suggestion
from copilot.settings import KNOWLEDGE_DIR

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
ITEMS = {i["id"]: i for i in yaml.safe_load((KNOWLEDGE_DIR / "demo" / "catalogue.yaml").read_text("utf-8"))["items"]}


def _suggest(copilot: Copilot, text: str) -> Suggestion:
    return copilot.suggest({"messages": [{"role": "customer", "text": text}], "channel": "whatsapp"}, now=NOW)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "how much is it to rent a bike for a day?"),
    ("ru", "сколько стоит аренда велосипеда на день?"),
    ("uk", "скільки коштує оренда велосипеда?"),
    ("hy", "Հեծանիվի վարձույթը որքա՞ն արժե"),
    ("lo", "ເຊົ່າລົດຖີບມື້ໜຶ່ງລາຄາເທົ່າໃດ"),
])
def test_a_rental_price_question_is_answered_by_the_rental_entry_not_with_bikes_for_sale(
        offline_copilot: Copilot, language: str, text: str) -> None:
    s = _suggest(offline_copilot, text)
    assert (s.draft.moment, s.draft.citations) == ("answer", [f"faq:rental:{language}"])
    assert "15" in s.draft.text and not s.draft.options


@pytest.mark.parametrize("text", [
    "how much is a bike?", "what do your bikes cost?", "сколько стоит электровелосипед?",
    # "prices" is how the intent asks, though only the repair-prices entry writes "цены"/"ціни"
    "какие цены на электровелосипеды", "які ціни на електровелосипеди",
])
def test_a_price_question_naming_no_item_is_offered_two_items_of_one_kind(offline_copilot: Copilot,
                                                                           text: str) -> None:
    s = _suggest(offline_copilot, text)
    assert s.draft.moment == "options" and len(s.draft.options) == 2
    items = [ITEMS[o.knowledge_id.split(":")[1]] for o in s.draft.options]
    assert {i.get("kind", "product") for i in items} == {"product"}  # no e-bike diagnostics among the bikes
    assert all(i.get("stock", 0) > 0 for i in items)
