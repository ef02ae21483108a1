"""Card data is masked in text we forward (hand-off headers)."""

from __future__ import annotations

from copilot.redact import redact_cards


def test_a_card_number_keeps_only_its_last_four_digits_and_the_security_code_goes() -> None:
    assert redact_cards("card 4111 1111 1111 1111 exp 12/27 cvv 123") == "card •••• 1111 exp 12/27 cvv •••"
    assert redact_cards("карта 5500-0000-0000-0004") == "карта •••• 0004"


def test_numbers_that_are_not_card_numbers_stay() -> None:
    text = "order 1234567890123, phone +380 67 123 4567, booking VN-10715"   # 13 digits, not Luhn-valid
    assert redact_cards(text) == text
