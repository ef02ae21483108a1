"""A question asked beside a request is answered first, then the request's one field is asked (rulebook H3:
answer what was asked; moments._asks_beside_request)."""

from __future__ import annotations

import pytest

# aria_beauty, a beauty salon in Yerevan (a development pack): its hours entry says when it opens on Sunday.
SUNDAY = {"ru": "в воскресенье — с 11:00 до 18:00", "hy": "կիրակի՝ 11:00–18:00"}


@pytest.mark.parametrize(("language", "text"), [
    ("ru", "вы работаете в воскресенье? хочу записаться на маникюр"),
    ("hy", "Ուզում եմ գրանցվել մատնահարդարման, կիրակի օրը աշխատու՞մ եք"),
])
def test_a_question_beside_a_booking_is_answered_and_the_booking_goes_on(ask_pack, language: str, text: str) -> None:
    s = ask_pack("aria_beauty", text)
    assert (s.language, s.intent.id, s.draft.moment) == (language, "booking", "answer")
    assert SUNDAY[language] in s.draft.text and s.missing_fields == ["time"]
    last = s.draft.text.splitlines()[-1]
    assert "?" in last or "՞" in last  # the booking's one question closes the reply


def test_a_booking_without_a_question_is_not_answered_with_an_entry(ask_pack) -> None:
    s = ask_pack("aria_beauty", "хочу записаться на маникюр в воскресенье")
    assert (s.intent.id, s.draft.moment) == ("booking", "ask_missing")


# The price of what a booking is for is a question too (moments._asks_price): the item the customer names is quoted
# with its price from the tenant's catalogue, then the booking's one field is asked.
@pytest.mark.parametrize(("tenant", "text", "price", "missing"), [
    ("aria_beauty", "хочу записаться на маникюр в субботу, сколько стоит?", "9 000 AMD", ["time"]),
    ("garage_lev", "can I book a wheel alignment for friday and how much is it", "900 UAH", ["time"]),
])
def test_the_price_asked_beside_a_booking_is_quoted_and_the_booking_goes_on(ask_pack, tenant: str, text: str,
                                                                             price: str, missing: list[str]) -> None:
    s = ask_pack(tenant, text)
    assert (s.intent.id, s.draft.moment, s.missing_fields) == ("booking", "answer", missing)
    assert price in s.draft.text and s.knowledge[0].kind == "catalogue"
