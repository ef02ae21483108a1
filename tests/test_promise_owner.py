"""Every promise has an owner (issue 17): a draft that says "our team takes it from here" or "updates
will come to this chat" after the customer gave their order number names who keeps it, and that
person (or task) gets the order number in the hand-off packet. Through the HTTP API, in 5 languages."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from copilot.automation.gate import blocked_reasons
from copilot.models import Suggestion

NOW = "2026-11-24T10:00:00+00:00"

# "where is my order?" → we ask the number → the customer gives it (the multi-turn dev set's wording).
ORDER_NUMBER_GIVEN = {
    "en": ("where is my order?", "Hi! Sorry about that. Could you send me your order number?", "it is 48213"),
    "ru": ("где мой заказ?", "Подскажите номер заказа, пожалуйста", "номер 48213"),
    "uk": ("Коли буде моє замовлення?", "Підкажіть, будь ласка, номер замовлення", "Номер 48213"),
    "hy": ("Երբ՞ կստանամ պատվերս", "Խնդրում եմ, ուղարկեք պատվերի համարը", "Համարը 48213 է"),
    "lo": ("ອໍເດີຂອງຂ້ອຍຈະຮອດມື້ໃດ", "ກະລຸນາສົ່ງເລກຄຳສັ່ງຊື້ມາໃຫ້ແດ່", "ເລກ 48213"),
}


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


@pytest.mark.parametrize("language", sorted(ORDER_NUMBER_GIVEN))
def test_an_order_number_given_leaves_the_status_lookup_with_an_owner_who_has_the_number(
        client: httpx.Client, language: str) -> None:
    asked, ours, answer = ORDER_NUMBER_GIVEN[language]
    conv = {"channel": "whatsapp", "messages": [{"role": "customer", "text": asked}, {"role": "agent", "text": ours},
                                                {"role": "customer", "text": answer}]}
    r = client.post("/v1/suggest", params={"now": NOW}, json=conv)
    assert r.status_code == 200, r.text
    s = Suggestion.model_validate(r.json())
    assert s.fields.get("order_id") == "48213", s.fields
    promise = s.decision.promise
    assert promise is not None, f"the draft promises follow-up work, the decision names no keeper: {s.draft.text}"
    assert promise.text.casefold() in s.draft.text.casefold()
    assert promise.kept_by == ("handoff" if s.decision.action == "escalate" else "task")
    assert promise.task  # what keeping it takes
    assert s.decision.handoff is not None and s.decision.handoff.fields.get("order_id") == "48213"
    assert s.decision.auto_send is False  # nothing here can look the order up: never sent unread
    # The automated mode's gate hands it to a person, with the packet above.
    reasons = blocked_reasons(s)
    assert reasons, "the gate would send it unread"
    if s.decision.action == "continue":
        assert reasons == [f"promise:{promise.kept_by}"]


def test_a_draft_that_answers_from_knowledge_promises_nothing(client: httpx.Client) -> None:
    r = client.post("/v1/suggest", params={"now": NOW},
                    json={"messages": [{"role": "customer", "text": "what are your opening hours?"}]})
    s = Suggestion.model_validate(r.json())
    assert s.draft.citations and s.decision.promise is None


def test_what_the_quoted_entry_says_the_business_does_is_not_a_promise_of_the_draft(client: httpx.Client) -> None:
    """The pickup entry says "we send an SMS when it is ready, within 2 hours": how the business works, not a
    reply this draft promises, so nobody is tasked with it and the answer may go out unread."""
    r = client.post("/v1/suggest", params={"now": NOW},
                    json={"messages": [{"role": "customer", "text": "можу сам забрати в київському магазині?"}]})
    s = Suggestion.model_validate(r.json())
    assert "faq:pickup:uk" in s.draft.citations and "надішлемо" in s.draft.text
    assert s.decision.promise is None and s.decision.auto_send


# Cancelling or moving an order with its number: nothing here can change it (no booking system), so the
# draft passes it on and a colleague confirms by a time, never "Done: cancelled"; a cancellation is not
# asked for a new date.
CHANGES = {
    "en": ("plz cancel order VN-10877 i ordered the wrong thing", "please move my delivery for order VN-10877 to friday"),
    "ru": ("отмените пожалуйста заказ VN-10877, ошибся", "перенесите доставку заказа VN-10877 на пятницу"),
    "uk": ("скасуйте будь ласка замовлення VN-10877, помилився", "перенесіть доставку замовлення VN-10877 на пʼятницю"),
    "hy": ("խնդրում եմ չեղարկեք VN-10877 պատվերը, սխալվել եմ", "VN-10877 պատվերի առաքումը տեղափոխեք ուրբաթ"),
    "lo": ("ຊ່ວຍຍົກເລີກ VN-10877 ແດ່ ສັ່ງຜິດ", "ຂໍເລື່ອນການສົ່ງອໍເດີ VN-10877 ໄປວັນສຸກ"),
}
DONE = ("done", "готово", "ready", "պատրաստ է", "ຮຽບຮ້ອຍແລ້ວ", "cancelled.", "отменена", "скасовано", "перенесена")


@pytest.mark.parametrize("language", sorted(CHANGES))
@pytest.mark.parametrize("which", [0, 1], ids=["cancel", "move"])
def test_a_cancellation_or_move_is_passed_on_with_an_owner_not_reported_done(
        client: httpx.Client, language: str, which: int) -> None:
    r = client.post("/v1/suggest", params={"now": NOW},
                    json={"channel": "whatsapp", "messages": [{"role": "customer", "text": CHANGES[language][which]}]})
    assert r.status_code == 200, r.text
    s = Suggestion.model_validate(r.json())
    assert s.intent.id == "reschedule_cancel" and s.fields.get("order_id") == "VN-10877"
    assert s.missing_fields == [] and s.draft.moment == "closing", (s.missing_fields, s.draft.text)
    assert not any(w in s.draft.text.casefold() for w in DONE), s.draft.text
    promise = s.decision.promise
    assert promise is not None and promise.kept_by == "task" and s.decision.auto_send is False, s.draft.text
    assert s.decision.handoff is not None and s.decision.handoff.fields.get("order_id") == "VN-10877"
