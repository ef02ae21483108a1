"""Multi-turn conversations: the latest message is read in the context of the whole conversation."""

from __future__ import annotations

import pytest

from copilot import Copilot


def _conv(*turns: tuple[str, str]) -> dict:
    return {"messages": [{"role": role, "text": text} for role, text in turns]}


# (language, the customer's request, our question for the order number, the answer, a human agent's re-ask)
REASKS = [
    ("en", "where is my order?", "Could you send me your order number?", "it is 48213",
     "Could you send your order number?"),
    ("ru", "Где мой заказ?", "Подскажите, пожалуйста, номер заказа.", "это 48213",
     "Пришлите, пожалуйста, номер заказа."),
    ("uk", "Де моє замовлення?", "Надішліть, будь ласка, номер замовлення.", "це 48213",
     "Підкажіть, будь ласка, номер замовлення."),
    ("hy", "Որտե՞ղ է իմ պատվերը", "Խնդրում եմ, ուղարկեք պատվերի համարը։", "48213-ն է",
     "Կուղարկե՞ք պատվերի համարը։"),
    ("lo", "ອໍເດີຂອງຂ້ອຍຢູ່ໃສ", "ກະລຸນາສົ່ງເລກຄຳສັ່ງຊື້ມາໃຫ້ແດ່", "ແມ່ນ 48213",
     "ກະລຸນາບອກເລກຄຳສັ່ງຊື້ຂອງທ່ານ"),
]


@pytest.mark.parametrize(("lang", "request_text", "ask", "answer", "reask"), REASKS, ids=[r[0] for r in REASKS])
def test_check_fails_an_agent_asking_again_for_the_order_number_just_given(
        offline_copilot: Copilot, lang: str, request_text: str, ask: str, answer: str, reask: str) -> None:
    conv = _conv(("customer", request_text), ("agent", ask), ("customer", answer))
    report = offline_copilot.check(conv, reask)
    h7 = next(c for c in report.checks if c.rule == "H7")
    assert h7.status == "fail" and "48213" in h7.detail
    assert not report.passed


@pytest.mark.parametrize(("lang", "request_text", "ask", "answer", "reask"), REASKS, ids=[r[0] for r in REASKS])
def test_the_suggestion_uses_the_order_number_instead_of_asking_again(
        offline_copilot: Copilot, lang: str, request_text: str, ask: str, answer: str, reask: str) -> None:
    s = offline_copilot.suggest(_conv(("customer", request_text), ("agent", ask), ("customer", answer)))
    assert s.fields.get("order_id") == "48213"
    assert s.trace.field_sources["order_id"] == "message 3"
    assert s.language == lang
    assert s.intent.id == "order_status"
    assert s.draft.moment != "first_reply"
    assert "order_id" not in s.missing_fields
    assert next(c for c in s.hygiene.checks if c.rule == "H7").status != "fail"


def test_an_unlabelled_order_number_in_the_request_itself_is_taken(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "hi, where is my order? it's 60214")))
    assert s.fields.get("order_id") == "60214" and s.missing_fields == []


def test_a_lao_order_number_after_the_number_word_is_taken(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "ເລກຄຳສັ່ງຊື້ 39117 ຍັງບໍ່ຮອດເທື່ອ")))
    assert s.fields.get("order_id") == "39117"


def test_a_last_message_of_only_an_email_keeps_the_conversation_language(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "Де моє замовлення? Чекаю вже тиждень"),
                                      ("agent", "Надішліть, будь ласка, номер замовлення або email."),
                                      ("customer", "oksana.k@gmail.com")))
    assert s.language == "uk"
    assert s.fields["email"] == "oksana.k@gmail.com" and s.intent.id == "order_status"


def test_a_city_name_in_another_script_does_not_switch_the_language(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "Hi, do you deliver the City 7 bike to Ukraine?"),
                                      ("agent", "Yes, we do. Which city should we deliver to?"),
                                      ("customer", "Львів")))
    assert s.language == "en" and s.fields.get("city") == "lviv"


def test_an_explicit_switch_of_language_wins(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "Hi, where is my order 58812?"),
                                      ("agent", "Thanks! I'll check and reply by 12:00."),
                                      ("customer", "можно по-русски, пожалуйста?")))
    assert s.language == "ru"


def test_a_digit_picking_our_routing_option_is_that_request_not_a_rating(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(
        ("customer", "hi"),
        ("bot", "Hi, thanks for writing. So I can help quickly: are you interested in (1) prices, (2) booking, "
                "or (3) help with an existing order? Reply with 1, 2 or 3 and I'll guide the next step."),
        ("customer", "2")))
    assert s.intent.id == "booking"
    assert s.decision.action == "continue"
    assert s.draft.moment == "ask_missing"


def test_yes_to_our_proposal_confirms_the_booking(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(
        ("customer", "can I book a test ride of the City 7 on Saturday?"),
        ("agent", "We have Saturday at 11:00 free. Shall I book it?"),
        ("customer", "yes please 👍")), now=None)
    assert s.intent.id == "booking"
    assert s.fields.get("time") == "11:00" and s.missing_fields == []
    assert s.draft.moment == "closing" and s.decision.action == "continue"


def test_any_news_reopens_with_the_order_we_hold(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "where is my order 58812?"),
                                      ("agent", "Thanks, I'll check and reply by 12:00."),
                                      ("customer", "any news?")))
    assert s.draft.moment == "reopen" and "58812" in s.draft.text and s.decision.action == "continue"


@pytest.mark.parametrize("text", [
    "this is the third time I ask, nobody answered yesterday",
    "два дня прошло и никто не ответил",
    "минуло два дні, а відповіді немає",
])
def test_frustration_over_turns_hands_off(offline_copilot: Copilot, text: str) -> None:
    s = offline_copilot.suggest(_conv(("customer", "where is my order 58812?"),
                                      ("agent", "Thanks, I'll check and reply by 12:00."),
                                      ("customer", text)))
    assert s.decision.action == "escalate" and "E-angry" in s.decision.reasons


def test_a_second_chase_without_an_answer_hands_off(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "where is my order 58812?"),
                                      ("agent", "Thanks, I'll check and reply by 12:00."),
                                      ("customer", "any news?"),
                                      ("agent", "It's in progress, you'll hear from us by 15:00."),
                                      ("customer", "hello?? still waiting")))
    assert s.decision.action == "escalate"


def test_a_closing_thank_you_is_not_a_new_question(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "I'd like to book a service for tomorrow"),
                                      ("agent", "What time works best for you?"),
                                      ("customer", "5pm"),
                                      ("agent", "Booked for tomorrow at 17:00. If you need to change it, reply here."),
                                      ("customer", "thanks, that's all")))
    assert s.draft.moment in ("feedback", "closing") and s.decision.action == "continue"
    assert s.missing_fields == []


def test_we_never_write_a_first_reply_after_we_replied(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest(_conv(("customer", "Когда будет мой заказ?"),
                                      ("agent", "Подскажите номер заказа, пожалуйста"),
                                      ("customer", "Номер 51288, почта olga.p@example.ru")))
    assert (s.intent.id, s.language, s.fields.get("order_id")) == ("order_status", "ru", "51288")
    assert s.draft.moment != "first_reply"
