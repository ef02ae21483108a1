"""Token budgets: counting, trimming a long conversation, fitting knowledge."""

from __future__ import annotations

from llm_samples import FIRST_REQUEST, KNOWLEDGE, conversation

from copilot.llm import count_tokens, fit_knowledge, trim_conversation
from copilot.llm.budget import knowledge_line
from copilot.models import Message


def rendered_tokens(rows: list[dict[str, str]]) -> int:
    return sum(count_tokens(f"{r['role']}: {r['text']}") + 1 for r in rows)


def test_count_tokens_grows_with_text_and_is_zero_for_nothing():
    assert count_tokens("") == 0
    assert 0 < count_tokens("where is my order") < count_tokens("where is my order? " * 10)


def test_count_tokens_handles_every_source_language():
    for text in ["где мой заказ", "де моє замовлення", "Որտե՞ղ է իմ պատվերը", "ສິນຄ້າຂອງຂ້ອຍຢູ່ໃສແລ້ວ"]:
        assert count_tokens(text) > 0


def test_a_conversation_that_fits_is_returned_whole():
    convo = conversation(4)

    rows = trim_conversation(convo.messages, budget_tokens=1000, fields={})

    assert [r["text"] for r in rows] == [m.text for m in convo.messages]


def test_trim_keeps_the_first_customer_message_and_the_last_turns_within_budget():
    convo = conversation(40)

    rows = trim_conversation(convo.messages, budget_tokens=300, fields={"order_id": "A-10234"})

    assert rows[0] == {"role": "customer", "text": FIRST_REQUEST}
    assert rows[-1]["text"] == convo.messages[-1].text
    assert rows[-2]["text"] == convo.messages[-2].text
    assert rendered_tokens(rows) <= 300
    assert len(rows) < 40


def test_trim_notes_what_was_dropped_and_the_fields_gathered():
    convo = conversation(40)

    rows = trim_conversation(convo.messages, budget_tokens=300, fields={"order_id": "A-10234", "city": "yerevan"})

    notes = [r["text"] for r in rows if r["role"] == "note"]
    assert any("earlier messages omitted" in n for n in notes)
    assert any("order_id=A-10234" in n and "city=yerevan" in n for n in notes)


def test_trim_cuts_a_huge_message_instead_of_exceeding_the_budget():
    essay = "My bike arrived scratched and I am very unhappy about it. " * 300
    messages = [Message(role="customer", text=essay), Message(role="agent", text="Sorry!"), Message(role="customer", text=essay)]

    rows = trim_conversation(messages, budget_tokens=200, fields={})

    assert rendered_tokens(rows) <= 200
    assert rows[0]["role"] == "customer" and rows[-1]["role"] == "customer"


def test_fit_knowledge_keeps_the_best_hits_that_fit():
    budget = count_tokens(knowledge_line(KNOWLEDGE[0])) + count_tokens(knowledge_line(KNOWLEDGE[1])) + 2

    kept = fit_knowledge(list(reversed(KNOWLEDGE)), budget_tokens=budget)

    assert [h.id for h in kept] == ["faq:delivery_time:en", "catalogue:bike-city-3"]


def test_fit_knowledge_cuts_the_top_hit_when_nothing_fits_whole():
    kept = fit_knowledge(KNOWLEDGE, budget_tokens=20)

    assert [h.id for h in kept] == ["faq:delivery_time:en"]
    assert count_tokens(knowledge_line(kept[0])) + 1 <= 20
    assert kept[0].text != KNOWLEDGE[0].text
