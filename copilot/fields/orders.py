"""Order / booking ids: after an explicit marker, or a code that mixes letters and digits.

Upper-cased as written ("a-10234" → "A-10234"). A bare number is an order id only after a marker
("order 58812", "заказ № 58812"), after #/№, or when it is the whole message (the usual answer to
"send me your order number", H7); otherwise a long number is left for the phone extractor.
"""

from __future__ import annotations

import re

from .text import B, E, MessageText, alternation

_MARKER_WORDS = [
    # en
    "order", "orders", "order number", "order no", "order nr", "order id", "booking", "booking ref",
    "booking reference", "booking number", "reference", "ref", "reservation", "invoice", "tracking number",
    "tracking", "parcel",
    # ru
    "заказ", "заказа", "заказу", "заказом", "заказе", "номер заказа", "бронь", "брони", "бронирование",
    "бронирования", "трек номер", "трек-номер", "посылка", "посылки",
    # uk
    "замовлення", "номер замовлення", "бронювання", "трек номер", "посилка", "посилки",
    # hy
    "պատվեր", "պատվերը", "պատվերի", "պատվերս", "պատվերիս", "պատվերի համարը", "ամրագրում", "ամրագրման",
    # lo
    "ຄຳສັ່ງຊື້", "ອໍເດີ", "ອໍເດີ້", "ການຈອງ", "ເລກອໍເດີ",
]
# Lao is written without spaces between words ("ເລກຄຳສັ່ງຊື້ 39117"): its markers need no word start.
_LAO_MARKERS = alternation([m for m in _MARKER_WORDS if re.search("[\u0e80-\u0eff]", m)])
_MARKERS = alternation([m for m in _MARKER_WORDS if not re.search("[\u0e80-\u0eff]", m)])
# Words people put between the marker and the id: "order number is", "заказ №", "պատվերի համարը".
_FILLER = r"(?:\s*(?:number|no\.?|nr\.?|num|id|is|was|ref|номер|номером|№|#|:|-|համարը|համար|ເລກທີ|ເລກ))*"
_ID = r"#?\s?([A-Za-z0-9](?:[A-Za-z0-9/-]*[A-Za-z0-9])?)"
_MARKED = re.compile(rf"(?:{B}(?i:{_MARKERS})|{_LAO_MARKERS}){_FILLER}\s*{_ID}{E}")
_HASHED = re.compile(rf"[#№]\s?([A-Za-z0-9][A-Za-z0-9-]*[0-9][A-Za-z0-9-]*){E}")
# Unmarked codes: 1–4 letters then digits, optional further parts: A-10234, VN-2024-0042, AB12345.
_CODE = re.compile(rf"{B}([A-Za-z]{{1,4}}-?\d{{3,}}(?:-[A-Za-z0-9]{{2,}})*){E}")
_BARE = re.compile(r"^\W*#?([A-Za-z0-9-]*\d{4,}[A-Za-z0-9-]*)\W*$")


def _plausible(candidate: str) -> bool:
    digits = sum(c.isdigit() for c in candidate)
    letters = sum(c.isalpha() for c in candidate)
    return len(candidate) >= 4 and (digits >= 3 or (digits >= 1 and letters >= 1))


def find_marked_order_id(msg: MessageText, pattern: str | None) -> tuple[str, int, int] | None:
    """An id the customer labels as one (or the tenant's own pattern, which replaces the default)."""
    if pattern:
        found = None
        for m in re.finditer(pattern, msg.free):
            group = 1 if m.re.groups else 0
            found = (m.group(group).upper(), m.start(group), m.end(group))
        return found
    found = None
    for regex in (_MARKED, _HASHED):
        for m in regex.finditer(msg.free):
            if _plausible(m.group(1)) and (found is None or m.start(1) > found[1]):
                found = (m.group(1).upper(), m.start(1), m.end(1))
    return found


def find_code_order_id(msg: MessageText, pattern: str | None) -> tuple[str, int, int] | None:
    """An unmarked letters+digits code, or a message that is nothing but an id. Runs after phone."""
    if pattern:
        return None
    found = None
    for m in _CODE.finditer(msg.free):
        found = (m.group(1).upper(), m.start(1), m.end(1))
    if found is None and (m := _BARE.match(msg.free)):
        found = (m.group(1).upper(), m.start(1), m.end(1))
    return found
