"""Numbers and prices as the customer reads them in the reply's language (Babel, CLDR data), and
the currency as the business writes it (tenant.yaml `money:`).

A price the business wrote as text ("22 000", "1 250,50") is kept as written: that is how the
business writes it. A price written as a number is grouped the way the reply's language groups
digits: 90000 → "90,000" (en), "90 000" (ru, uk, hy), "90.000" (lo).
"""

from __future__ import annotations

import re
from typing import Literal

from babel import UnknownLocaleError
from babel.numbers import format_decimal, get_currency_symbol
from pydantic import BaseModel, ConfigDict, Field, field_validator

SYMBOL = "symbol"  # `sign: symbol`: CLDR's sign for the reply's language (Babel): ֏ in hy, ₴ in uk and ru


def babel_locale(language: str) -> str:
    # Babel's "en" is en_US (12-hour clock, month-first dates); the businesses here write 24-hour times.
    return "en_GB" if language == "en" else language


def parse_number(raw: str) -> float | None:
    """A number as people write it: '1 200,50' → 1200.5, '540.00' → 540.0, '1,200' and '5,500,000' →
    thousands (a last group of 3 digits), '1.250,50' → 1250.5; None if it is not one."""
    s = re.sub(r"[\s\u00a0\u202f']", "", raw)  # 22 000, 1'000
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        head, _, tail = s.rpartition(sep)
        s = s.replace(sep, "") if len(tail) == 3 else head.replace(sep, "") + "." + tail
    if not re.fullmatch(r"-?\d+(\.\d+)?", s):  # not "nan", "1e5" or "12-15"
        return None
    return float(s)


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


def is_language_code(code: object) -> bool:
    """A language code as data files key texts by: two or three lower-case ASCII letters (en, ru, uk, hy, lo)."""
    return isinstance(code, str) and code.isascii() and code.isalpha() and code.islower() and 2 <= len(code) <= 3


class MoneyStyle(BaseModel):
    """How a business writes its own currency (tenant.yaml `money:`): "22 000 ֏", "350 грн", "$12".

    Amounts in any other currency keep their ISO code ("500 USD"): the sign is for `currency`."""

    model_config = ConfigDict(extra="forbid")
    sign: str | dict[str, str] | None = Field(
        default=None, description="One sign or word for every language (\"֏\"), one per language "
                                  "({uk: грн, ru: грн, en: UAH}; a language not listed gets the ISO code), or "
                                  "`symbol` for CLDR's sign in the reply's language. Unset: the ISO code.")
    position: Literal["before", "after"] | dict[str, Literal["before", "after"]] = Field(
        default="after", description="before: \"$12\"; after: \"12 $\"; or one per language ({en: before, "
                                     "hy: after}; a language not listed: after).")
    space: bool = Field(default=True, description="A space between amount and sign (\"350 грн\"; \"$12\" has none).")

    @field_validator("position")
    @classmethod
    def _positions(cls, v: str | dict[str, str]) -> str | dict[str, str]:
        for lang in v if isinstance(v, dict) else ():
            if not is_language_code(lang):
                raise ValueError(f"{lang!r} is not a language code (en, ru, uk, hy, lo)")
        return v

    def position_for(self, language: str) -> str:
        return self.position.get(language, "after") if isinstance(self.position, dict) else self.position

    @field_validator("sign")
    @classmethod
    def _signs(cls, v: str | dict[str, str] | None) -> str | dict[str, str] | None:
        for lang, sign in (v.items() if isinstance(v, dict) else [("", v)] if v is not None else []):
            if lang and not is_language_code(lang):
                raise ValueError(f"{lang!r} is not a language code (en, ru, uk, hy, lo)")
            if not sign.strip() or len(sign) > 16 or any(ch.isdigit() for ch in sign):
                raise ValueError(f"sign {sign!r} must be 1–16 characters without digits (֏, грн, ກີບ, $)")
        return v

    def sign_for(self, currency: str, language: str) -> str:
        """The sign to write after (or before) an amount in ``currency`` for ``language``."""
        sign = self.sign.get(language) if isinstance(self.sign, dict) else self.sign
        if sign == SYMBOL:
            try:
                return get_currency_symbol(currency, locale=babel_locale(language))
            except (UnknownLocaleError, ValueError):
                return currency
        return (sign or currency).strip()


# A price it starts from, as each language writes it: "від 600 грн", "սկսած 8 000 դրամից", "ເລີ່ມຕົ້ນ 250,000 ກີບ".
_FROM = {"en": "from {}", "ru": "от {}", "uk": "від {}", "hy": "սկսած {}ից", "lo": "ເລີ່ມຕົ້ນ {}"}


def price_from(amount: str, language: str) -> str:
    """A formatted amount as the price things start from; Armenian's ablative is glued to a word ("դրամից") and
    hyphenated after a sign or a code ("8 000 ֏-ից")."""
    if language == "hy" and not ("\u0530" <= amount[-1:] <= "\u058f" and amount[-1].isalpha()):
        amount += "-"
    return _FROM.get(language, _FROM["en"]).format(amount)


def format_money(amount: float | str, currency: str | None, language: str, *, style: MoneyStyle | None = None,
                 own: str | None = None) -> str:
    """"90 000 LAK", "1,290 UAH": the amount for ``language`` and the ISO code the business prices in;
    with the business's ``style`` for its ``own`` currency: "22 000 ֏", "350 грн", "$12"."""
    number = format_amount(amount, language)
    if not currency:
        return number
    if style is None or currency != own:
        return f"{number} {currency}"
    sign = style.sign_for(currency, language)
    gap = " " if style.space else ""
    return f"{sign}{gap}{number}" if style.position_for(language) == "before" else f"{number}{gap}{sign}"
