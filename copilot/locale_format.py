"""Numbers and prices as the customer reads them in the reply's language (Babel, CLDR data).

A price the business wrote as text ("22 000", "1 250,50") is kept as written: that is how the
business writes it. A price written as a number is grouped the way the reply's language groups
digits: 90000 → "90,000" (en), "90 000" (ru, uk, hy), "90.000" (lo).
"""

from __future__ import annotations

from babel import UnknownLocaleError
from babel.numbers import format_decimal


def babel_locale(language: str) -> str:
    # Babel's "en" is en_US (12-hour clock, month-first dates); the businesses here write 24-hour times.
    return "en_GB" if language == "en" else language


def format_amount(amount: float | str, language: str) -> str:
    """An amount of money without its currency: as written when a string, else grouped for ``language``."""
    if isinstance(amount, str):
        return amount.strip()
    pattern = "#,##0" if float(amount).is_integer() else "#,##0.00"
    try:
        # CLDR groups with a no-break space (ru, uk, hy); businesses and customers type a plain one,
        # and drafts collapse whitespace: a plain space keeps the quote identical to its entry.
        return format_decimal(amount, format=pattern, locale=babel_locale(language)).replace("\u00a0", " ").replace(
            "\u202f", " ")
    except (UnknownLocaleError, ValueError):
        return f"{amount:.0f}" if float(amount).is_integer() else f"{amount:.2f}"


def format_money(amount: float | str, currency: str | None, language: str) -> str:
    """"90 000 LAK", "1,290 UAH": the amount for ``language`` and the ISO code the business prices in."""
    return f"{format_amount(amount, language)} {currency or ''}".strip()
