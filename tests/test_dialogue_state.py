"""The dialogue state read from a whole conversation: what we asked, what the customer's turn is."""

from __future__ import annotations

import pytest

from copilot.conversation_language import conversation_language
from copilot.dialogue import read_dialogue, without_greeting
from copilot.models import Conversation

MENU = ("Hi, thanks for writing. So I can help quickly: are you interested in (1) prices, (2) booking, "
        "or (3) help with an existing order? Reply with 1, 2 or 3.")


def _state(*turns: tuple[str, str]):
    return read_dialogue(Conversation.model_validate(
        {"messages": [{"role": r, "text": t} for r, t in turns]}))


def test_our_question_for_a_field_is_remembered_for_the_answer_that_follows() -> None:
    s = _state(("customer", "where is my order?"), ("agent", "Could you send me your order number?"),
               ("customer", "it's 60214"))
    assert s.last.kind == "answer" and s.asked_before == {3: ("order_id",)}
    assert s.open_request is not None and s.open_request.text == "where is my order?"


@pytest.mark.parametrize(("reply", "kind"), [
    ("yes please 👍", "confirm"), ("👍", "confirm"), ("да, давайте", "confirm"), ("այո", "confirm"),
    ("no thanks", "decline"), ("thanks, that's all!", "thanks"), ("дякую!", "thanks"),
    ("any news?", "chase"), ("есть новости?", "chase"), ("???", "chase"), ("ມີຂ່າວບໍ", "chase"),
    ("also, do you sell helmets for kids? how much are they?", "request"),
])
def test_the_kind_of_a_reply_to_our_yes_no_question(reply: str, kind: str) -> None:
    s = _state(("customer", "can I book a test ride on Saturday?"),
               ("agent", "We have Saturday at 11:00 free. Shall I book it?"), ("customer", reply))
    assert s.last.kind == kind


def test_a_yes_to_our_proposal_points_at_the_proposal() -> None:
    s = _state(("customer", "can I book a test ride on Saturday?"),
               ("agent", "We have Saturday at 11:00 free. Shall I book it?"), ("customer", "yes"))
    assert s.confirmed == {3: (2, "We have Saturday at 11:00 free. Shall I book it?")}


@pytest.mark.parametrize(("reply", "label", "option"), [
    ("2", "2", "booking"), ("the second one", "2", "booking"), ("option 3", "3", "help with an existing order"),
])
def test_a_pick_among_our_numbered_options(reply: str, label: str, option: str) -> None:
    s = _state(("customer", "hi"), ("bot", MENU), ("customer", reply))
    assert (s.last.kind, s.choice, s.chosen) == ("choice", label, option)


def test_a_digit_is_not_a_choice_when_we_offered_none() -> None:
    s = _state(("customer", "how was the service?"), ("agent", "How would you rate us from 1 to 5?"), ("customer", "2"))
    assert s.last.kind != "choice" and s.last_ours is not None and s.last_ours.rating


def test_asking_twice_for_the_same_field_is_counted() -> None:
    s = _state(("customer", "cancel my booking"), ("agent", "Could you send me your booking reference?"),
               ("customer", "I booked last week"), ("agent", "Could you send the booking reference, please?"),
               ("customer", "just cancel it"))
    assert s.times_asked("order_id") == 2


def test_a_greeting_in_front_of_a_request_is_not_the_request() -> None:
    assert without_greeting("здравствуйте, заказ так и не пришёл") == "заказ так и не пришёл"
    assert without_greeting("hello") == "hello"


@pytest.mark.parametrize(("texts", "code"), [
    (["Номер заказа не помню, где моя посылка?", "olga.p@example.ru"], "ru"),
    (["Де моє замовлення? Чекаю вже тиждень", "48213"], "uk"),
    (["Hi, can you ship the Trail 29 to Ukraine?", "Львів"], "en"),
    (["Hi, where is my order 58812?", "можно по-русски, пожалуйста?"], "ru"),
    (["hello, do you have helmets?", "Можете ли вы доставить шлем во Львов до пятницы?"], "ru"),
    (["ອໍເດີຂອງຂ້ອຍຢູ່ໃສ", "👍"], "lo"),
])
def test_the_language_of_the_conversation(texts: list[str], code: str) -> None:
    assert conversation_language(None, texts).code == code


def test_a_stated_language_still_wins() -> None:
    assert conversation_language("hy", ["hello", "ok"]).code == "hy"
