"""Card data out of text we store or forward (hand-off headers): a customer pasting their card
number must not have it copied into every system the hand-off reaches (PCI DSS: mask all but the
last four digits; never keep the security code)."""

from __future__ import annotations

import re

_PAN = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")
_CVV = re.compile(r"(?i)\b(cvv2?|cvc2?|cid|csc)\s*[:#]?\s*\d{3,4}\b")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def redact_cards(text: str) -> str:
    """Card numbers (Luhn-valid, 13-19 digits) as '•••• 1234'; security codes as 'cvv •••'."""
    def pan(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        return f"•••• {digits[-4:]}" if _luhn(digits) else m.group(0)

    return _CVV.sub(lambda m: f"{m.group(1)} •••", _PAN.sub(pan, text))
