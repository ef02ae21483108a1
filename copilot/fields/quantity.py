"""How many: a number with a unit or a countable noun ("20 bikes", "20 штук", "20 հատ", "20 ຄັນ").

A number alone is never a quantity (years, prices and ids are numbers too); those spans are also
claimed by earlier extractors before this one runs.
"""

from __future__ import annotations

import re

from ..catalogue import Catalogue
from ..name_match import normalise, word_matches
from .text import B, E, MessageText, alternation

# Units and countable nouns. Stems (ending in *) take any inflection: "велосипедов", "велосипедів".
_UNITS = (
    "pcs", "pc", "pieces", "piece", "items", "item", "units", "unit", "sets", "set", "pairs", "pair",
    "bike*", "bicycle*", "helmet*", "lock*", "people", "persons", "person", "guests", "seats", "tickets",
    "шт", "штук*", "единиц*", "комплект*", "пар", "пары", "велосипед*", "велик*", "шлем*", "замк*", "человек",
    "людей", "гост*", "мест", "места", "билет*",
    "одиниц*", "шолом*", "осіб", "особи", "місць", "квит*",
    "հատ*", "հոգի", "հոգու", "հեծանիվ*", "սաղավարտ*", "զույգ*", "տեղ*", "տոմս*",
)
_LAO_UNITS = ("ອັນ", "ຄັນ", "ໜ່ວຍ", "ຊິ້ນ", "ຄົນ", "ຊຸດ", "ຄູ່", "ບ່ອນ", "ໃບ")
_UNIT = alternation([re.escape(u.rstrip("*")) + (r"[^\W\d_]*" if u.endswith("*") else "") for u in _UNITS])
_NUMBER = r"(?<![\d.,:/#№+-])(?P<q>\d{1,5})(?![\d.,:/]\d)"
_COUNTED = re.compile(
    rf"{_NUMBER}\s*(?:[xх×]\s*)?(?:(?:[^\W\d_]+\s+)?(?i:{_UNIT}){E}|(?:{alternation(list(_LAO_UNITS))}))"
)
_TIMES_BEFORE = re.compile(rf"{B}[xх×]\s?(?P<q>\d{{1,5}}){E}")  # "x20"
_TIMES_AFTER = re.compile(rf"{_NUMBER}\s?[xх×]{E}")  # "20x"
_LABELLED = re.compile(
    rf"{B}(?i:qty|quantity|amount of|количество|кол-во|кількість|քանակը|քանակ|ຈຳນວນ)\s*[:-]?\s*(?P<q>\d{{1,5}}){E}"
)
_NEXT_WORD = re.compile(rf"{_NUMBER}\s+(?P<w>[^\W\d_]{{4,}})")


_BEFORE_THING = re.compile(rf"{_NUMBER}\s*(?:[xх×]\s*)?$")


def find_quantity(
    msg: MessageText, catalogue: Catalogue | None, *, things: tuple[tuple[int, int], ...] = ()
) -> tuple[int, int, int] | None:
    """The last stated quantity in the message; ``things`` are spans of product names already
    claimed ("20 City 3 bikes"), which count like a unit when a number stands right before them."""
    text = msg.free
    found: tuple[int, int, int] | None = None
    for start, _ in things:
        if (m := _BEFORE_THING.search(text, 0, start)) and (found is None or m.start() > found[1]):
            found = (int(m["q"]), m.start(), m.end())
    for regex in (_COUNTED, _TIMES_BEFORE, _TIMES_AFTER, _LABELLED):
        for m in regex.finditer(text):
            if found is None or m.start() > found[1]:
                found = (int(m["q"]), m.start(), m.end())
    if catalogue is not None:  # "20 trekkings": the catalogue's own product words count things too
        words = catalogue.name_words
        for m in _NEXT_WORD.finditer(text):
            if (found is None or m.start() > found[1]) and any(word_matches(w, normalise(m["w"])) for w in words):
                found = (int(m["q"]), m.start(), m.end())
    if found and found[0] == 0:
        return None
    return found

