"""Amounts of money with their currency: "540 EUR", "€540", "1 200 грн", "200 հազար դրամ", "50k ₭".

Only an amount next to a currency word or sign is money; a bare number could be anything.
price-parser reads the number itself (thousands and decimal separators in every local style).
"""

from __future__ import annotations

import re

from price_parser import Price

from ..rules.text import lexicon
from .text import B, E, MessageText, alternation

_CURRENCY_WORDS: dict[str, tuple[str, ...]] = {
    "USD": ("$", "usd", "us$", "dollar", "dollars", "bucks", "долларов", "доллара", "доллар", "долл",
            "доларів", "долара", "долари", "долар", "դոլար", "դոլարը", "դոլարով", "ໂດລາ"),
    "EUR": ("€", "eur", "euro", "euros", "евро", "євро", "եվրո", "եվրոյով", "ເອີໂຣ"),
    "RUB": ("₽", "rub", "руб", "рублей", "рубля", "рубль", "р"),
    "UAH": ("₴", "uah", "грн", "гривень", "гривні", "гривня", "гривен", "гривны", "гривна"),
    "AMD": ("֏", "amd", "dram", "drams", "դրամ", "դրամը", "դրամով", "դր", "драм", "драмов", "драма"),
    "LAK": ("₭", "lak", "kip", "ກີບ", "кип", "кипов", "кіп", "кіпів", "կիպ"),
    "GBP": ("£", "gbp", "pound", "pounds"),
}
_CODE_BY_WORD = {w: code for code, words in _CURRENCY_WORDS.items() for w in words}
_CUR = alternation([re.escape(w) for w in _CODE_BY_WORD])
_NUM = r"\d{1,3}(?:[ \u00a0.,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# "5k", "5 тыс", "200 հազար", "500 ພັນ": thousands
_THOUSAND = r"k|к|тыс\.?|тис\.?|հազար|ພັນ"
_AFTER = re.compile(rf"(?<![\d.,])({_NUM})\s?({_THOUSAND})?\s?(?i:({_CUR}))\.?(?![^\W_]|\d)")
_BEFORE = re.compile(rf"{B}(?i:({_CUR}))\s?({_NUM})\s?({_THOUSAND})?{E}")
# Lao and Armenian words attach to numbers without a boundary we can rely on, so E/B above are
# relaxed for signs: "$540", "540€" match because the sign itself is not a word character.


def _amount(number: str, thousands: str | None) -> float | None:
    price = Price.fromstring(number)
    if price.amount is None:
        return None
    value = float(price.amount)
    return value * 1000 if thousands else value


def find_money(msg: MessageText) -> tuple[dict[str, object], int, int] | None:
    """The last amount with a currency in the message, as {amount, currency}."""
    found: tuple[dict[str, object], int, int] | None = None
    text = msg.free
    for m in _AFTER.finditer(text):
        amount = _amount(m.group(1), m.group(2))
        if amount is not None and (found is None or m.start() > found[1]):
            found = ({"amount": amount, "currency": _CODE_BY_WORD[m.group(3).lower()]}, m.start(), m.end())
    for m in _BEFORE.finditer(text):
        amount = _amount(m.group(2), m.group(3))
        if amount is not None and (found is None or m.start() > found[1]):
            found = ({"amount": amount, "currency": _CODE_BY_WORD[m.group(1).lower()]}, m.start(), m.end())
    return found


def states_price(text: str) -> bool:
    """Whether a text (an FAQ answer) names an amount of money: it can answer "how much"."""
    return find_money(MessageText(text)) is not None


_PERCENT = re.compile(r"\d\s?%")


def states_cost(text: str) -> bool:
    """An amount of money, a share of one ("плюс 50% до вартості") or none at all ("Завтрак включён в стоимость
    номера"): it answers "how much". What is not included ("a Windows licence is not included") is no answer."""
    return states_price(text) or _PERCENT.search(text) is not None \
        or lexicon("NO_CHARGE").search(lexicon("NOT_INCLUDED").sub(" ", text)) is not None
