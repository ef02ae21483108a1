"""A first question whose intent the classifier is unsure of is promised a reply: the draft neither asks
for the fields of the request it guessed nor takes that request as agreed (H7, H10)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from copilot import Copilot

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _ask(copilot: Copilot, text: str):
    return copilot.suggest({"messages": [{"role": "customer", "text": text}]}, now=NOW)


@pytest.mark.parametrize(("text", "guessed_words"), [
    # read as availability (0.42): was asked which city to deliver to
    ("is the urban helmet waterproof", ("city", "deliver", "availability")),
    # read as reschedule_cancel (0.42): was asked for an order number to change or cancel
    ("I finish work at 6:30 - will anyone still be there if i come straight over?", ("cancel", "order number")),
])
def test_an_unsure_question_is_promised_a_reply_not_asked_for_a_guessed_request(
        offline_copilot: Copilot, text: str, guessed_words: tuple[str, ...]) -> None:
    s = _ask(offline_copilot, text)
    assert s.intent.confidence < 0.5 and s.draft.moment == "first_reply"
    assert not any(w in s.draft.text.lower() for w in guessed_words), s.draft.text
    assert "10:30" in s.draft.text  # when the reply comes (H11); a person keeps the promise
    assert s.decision.auto_send is False
    # nothing was asked: no field is awaited, no "reply whenever it suits you" reminder is scheduled
    assert s.missing_fields == [] and s.follow_ups == []


def test_a_request_the_classifier_is_sure_of_is_still_asked_for_its_field(offline_copilot: Copilot) -> None:
    s = _ask(offline_copilot, "can you check where my order is?")
    assert s.intent.id == "order_status" and s.draft.moment == "ask_missing"
    assert "order number" in s.draft.text


def test_a_first_message_only_guessed_to_be_a_follow_up_is_not_told_its_request_is_in_progress(
        offline_copilot: Copilot) -> None:
    # read as follow_up at 0.42: nothing of ours is being chased, so no "it's with our team" (H10)
    s = _ask(offline_copilot, "and the pool?")
    assert s.intent.id == "follow_up" and s.intent.confidence < 0.5
    assert s.draft.moment != "reopen" and "in progress" not in s.draft.text
    sure = _ask(offline_copilot, "any news?")  # a chase the classifier is sure of reopens (M5)
    assert sure.draft.moment == "reopen" and "in progress" in sure.draft.text
