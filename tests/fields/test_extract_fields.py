"""Across a conversation: customer messages only, later values win, the profile fills contacts."""

from __future__ import annotations

import pytest

from copilot.errors import InputError
from copilot.fields import extract_fields, missing_fields
from copilot.models import Conversation

from .conftest import SENT


def _conversation(*messages: tuple[str, str], **customer: object) -> Conversation:
    return Conversation.model_validate({
        "messages": [{"role": role, "text": text, "sent_at": SENT.isoformat()} for role, text in messages],
        "customer": customer,
    })


def test_fields_carry_forward_and_later_messages_override_earlier_ones():
    conversation = _conversation(
        ("customer", "hi, order 58812 is late"),
        ("agent", "Sorry! Could you send your phone number?"),
        ("customer", "+374 91 234567"),
        ("customer", "sorry, the order is 58813"),
    )
    result = extract_fields(conversation, language="en")
    assert result.values == {"order_id": "58813", "phone": "+37491234567", "reason": "late"}
    assert result.sources == {"order_id": "message 4", "phone": "message 3", "reason": "message 1"}


def test_agent_and_bot_text_is_not_the_customers_data():
    conversation = _conversation(
        ("bot", "Hi, I'm Max! Call us on +374 10 123456 or write to shop@example.com"),
        ("agent", "Your order A-10234 ships tomorrow at 5"),
        ("customer", "ok thanks"),
    )
    assert extract_fields(conversation, language="en").values == {}


def test_the_customer_profile_fills_contacts_the_messages_do_not_give():
    conversation = _conversation(
        ("customer", "мой телефон 8 916 123-45-67, где заказ?"),
        name="Анна", phone="+37491234567", email="anna@example.com",
    )
    result = extract_fields(conversation, language="ru")
    assert result.values["phone"] == "+79161234567"  # what the customer wrote wins
    assert result.sources["phone"] == "message 1"
    assert result.values["email"] == "anna@example.com"
    assert result.values["name"] == "Анна"
    assert result.sources["email"] == result.sources["name"] == "customer profile"


def test_relative_dates_resolve_against_each_messages_own_send_time():
    conversation = Conversation.model_validate({"messages": [
        {"role": "customer", "text": "завтра в 5", "sent_at": "2026-03-10T09:00:00+00:00"},
        {"role": "customer", "text": "ой, нет, завтра в 6", "sent_at": "2026-03-12T09:00:00+00:00"},
    ]})
    assert extract_fields(conversation, language="ru").values == {"date": "2026-03-13", "time": "18:00"}


def test_an_unknown_timezone_is_an_input_error():
    with pytest.raises(InputError, match="Mars/Olympus"):
        extract_fields(_conversation(("customer", "hi")), language="en", timezone="Mars/Olympus")


def test_a_full_booking_request_in_each_language(catalogue):
    cases = {
        "en": "hi, I'm Anna. need 2 City 3 bikes size M black, delivery to yerevan tomorrow at 5",
        "ru": "меня зовут Анна, нужно 2 штуки сити 3 размер М черный, доставка в Ереван завтра в 5",
        "uk": "мене звати Анна, потрібно 2 велосипеди сіті 3 розмір M чорний, доставка в Єреван завтра о 17:00",
        "hy": "Իմ անունը Աննա է, 2 հատ City 3 հեծանիվ, չափս M, սև, առաքում Երևան վաղը ժամը 5-ին",
        "lo": "ຂ້ອຍຊື່ ແອນນາ ລົດຖີບ City 3 2 ຄັນ ໄຊ M ສີດຳ ສົ່ງ ເຢເຣວານ ມື້ອື່ນ 5 ໂມງ",
    }
    for language, text in cases.items():
        values = extract_fields(_conversation(("customer", text)), language=language, catalogue=catalogue).values
        assert values["product"] == "bike-city-3", language
        assert values["quantity"] == 2, language
        assert values["size"] == "M", language
        assert values["colour"] == "black", language
        assert values["city"] == "yerevan", language
        assert values["date"] == "2026-03-11", language
        assert values["time"] == "17:00", language
        assert "name" in values, language


def test_a_colour_the_product_lacks_is_still_what_the_customer_asked_for(catalogue):
    conversation = _conversation(("customer", "do you have the City 3 in red? or black"))
    values = extract_fields(conversation, language="en", catalogue=catalogue).values
    assert values["product"] == "bike-city-3"
    assert values["colour"] == "black"  # the product's own colour wins over the earlier "red"
    only_red = extract_fields(_conversation(("customer", "City 3 in red?")), language="en", catalogue=catalogue)
    assert only_red.values["colour"] == "red"  # a helmet colour: the agent can say City 3 has none


MISSING = [
    (["order_id|phone|email"], {}, ["order_id"]),
    (["order_id|phone|email"], {"phone": "+37491234567"}, []),
    (["order_id", "reason"], {"order_id": "58812"}, ["reason"]),
    (["date", "time", "quantity"], {"time": "17:00"}, ["date", "quantity"]),
    (["email|phone", "name"], {"name": ""}, ["email", "name"]),  # an empty value is not known
    (["product", "size|colour"], {"product": "bike-city-3", "colour": "black"}, []),
    ([], {"order_id": "1"}, []),
]


@pytest.mark.parametrize(("required", "values", "expected"), MISSING)
def test_missing_fields_keep_order_and_accept_any_alternative(required, values, expected):
    assert missing_fields(required, values) == expected
