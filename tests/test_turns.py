"""Long conversations are understood from their recent turns, keeping what moments and policy read."""

from __future__ import annotations

from copilot import Copilot
from copilot.models import Conversation
from copilot.turns import MESSAGE_CHARS, RECENT_MESSAGES, TOTAL_CHARS, recent_turns


def _conv(roles: list[str], text: str = "ok") -> Conversation:
    return Conversation.model_validate({"messages": [{"role": r, "text": f"{text} {i}"} for i, r in enumerate(roles)]})


def test_a_short_conversation_is_left_as_it_is() -> None:
    conv = _conv(["customer", "agent", "customer"])
    assert recent_turns(conv) is conv


def test_a_500_message_conversation_keeps_its_recent_turns() -> None:
    conv = _conv(["customer", "agent"] * 250)
    kept = recent_turns(conv).messages
    assert len(kept) == RECENT_MESSAGES and kept == conv.messages[-RECENT_MESSAGES:]


def test_an_earlier_reply_is_kept_so_it_is_not_a_first_reply() -> None:
    conv = _conv(["agent"] + ["customer"] * 100)
    kept = recent_turns(conv).messages
    assert kept[0] == conv.messages[0] and kept[-1] == conv.messages[-1]


def test_the_answered_customer_message_is_kept_behind_many_agent_messages() -> None:
    conv = _conv(["customer"] + ["agent"] * 100)
    kept = recent_turns(conv).messages
    assert kept[0] == conv.messages[0] and sum(m.role == "customer" for m in kept) == 1


def test_long_texts_are_cut_and_the_total_is_bounded() -> None:
    conv = _conv(["customer"] * 30, text="   " + "x" * 19_000)
    kept = recent_turns(conv).messages
    assert all(0 < len(m.text) <= MESSAGE_CHARS and m.text.startswith("x") for m in kept)
    assert sum(len(m.text) for m in kept) <= TOTAL_CHARS and kept[-1].text[:10] == "x" * 10


def test_a_500_message_conversation_is_answered_from_its_last_message(offline_copilot: Copilot) -> None:
    messages = [{"role": "customer" if i % 2 else "agent", "text": "I want to book a table for two"}
                for i in range(499)] + [{"role": "customer", "text": "where is my order?"}]
    s = offline_copilot.suggest({"messages": messages})
    assert s.intent.id == "order_status" and s.draft.text
