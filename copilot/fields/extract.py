"""Typed fields from a conversation: what the customer told us, normalised (docs/knowledge.md).

Only customer messages count (an agent's or bot's text is not the customer's data), read oldest
to newest so a later value replaces an earlier one; the customer profile fills email, phone and
name when the messages don't (H7: never re-ask what we know). Within one message the extractors
run in a fixed order and each claims the characters it reads, so the most specific readings go
first: an email or a labelled order number before a phone, a price before a date, a product
name ("City 3") before a quantity or a clock time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..catalogue import Catalogue
from ..errors import InputError
from ..models import Conversation
from ..names import addressable_name
from .answers import read_answer
from .contacts import find_email, find_phone
from .money import find_money
from .orders import find_code_order_id, find_marked_order_id
from .people import find_name
from .quantity import find_quantity
from .reason import find_reason
from .text import MessageText
from .when import find_date, find_time


@dataclass
class ExtractedFields:
    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # field -> "message 3" / "customer profile"


def extract_fields(
    conversation: Conversation,
    *,
    language: str,
    now: datetime | None = None,
    timezone: str = "UTC",
    catalogue: Catalogue | None = None,
    order_id_pattern: str | None = None,
    asked: Mapping[int, Sequence[str]] | None = None,
    confirmed: Mapping[int, tuple[int, str]] | None = None,
    wanted: Mapping[int, Sequence[str]] | None = None,
) -> ExtractedFields:
    """Fields the customer gave anywhere in the conversation; ``sources`` says where each came from.

    In context (``copilot.dialogue``): ``asked`` maps a customer message to the fields our message
    before it asked for, so "it's 60214" fills the order number we asked for (H7); ``confirmed`` maps
    a "yes" to our proposal it accepts, whose date, time and product then count as given; ``wanted``
    maps a message to fields its request needs that we have not asked for (an unlabelled order number).

    Relative dates ("tomorrow", "в пятницу") resolve against the message's ``sent_at``, else ``now``,
    else the current time, seen in ``timezone``. Naive datetimes are taken as UTC.
    ``message N`` counts every message of the conversation from 1.
    """
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(f"Unknown timezone {timezone!r}; use an IANA name like 'Asia/Yerevan'.",
                         field="timezone") from exc
    fallback = now or datetime.now(dt_timezone.utc)
    result = ExtractedFields()
    for index, message in enumerate(conversation.messages, start=1):
        if message.role != "customer":
            continue
        base = _local(message.sent_at or fallback, tz)
        found = _extract_cached(message.text, language=language, base=base, catalogue=catalogue,
                                order_id_pattern=order_id_pattern)
        for name in (asked or {}).get(index, ()):
            value = read_answer(name, message.text, language=language, catalogue=catalogue, found=found) \
                if name not in found else None
            if name == "name":  # "Olivia Grant" alone is a name only if it reads as one (copilot.names)
                value = addressable_name(value) if value else None
            if value is not None:
                found[name] = value
                if name == "order_id":  # the digits were read as a short phone or a quantity: they are the id
                    for other in ("phone", "quantity"):
                        if other in found and _digits(found[other]) == _digits(value):
                            del found[other]
        for name in (wanted or {}).get(index, ()):
            if name not in found and (value := read_answer(name, message.text, language=language, catalogue=catalogue,
                                                           found=found, asked=False)) is not None:
                found[name] = value
        if confirmed and index in confirmed:
            ours, proposal = confirmed[index]
            agreed = extract_from_text(proposal, language=language, base=base, catalogue=catalogue,
                                       order_id_pattern=order_id_pattern)
            for name in ("date", "time", "product", "city", "quantity"):
                if name in agreed and name not in found and name not in result.values:
                    result.values[name] = agreed[name]
                    result.sources[name] = f"message {ours}, confirmed in message {index}"
        for name, value in found.items():
            result.values[name] = value
            result.sources[name] = f"message {index}"
    profile = conversation.customer
    # A profile name is caller-controlled text: kept only when it looks like a name (copilot.names).
    for name, value in (("email", profile.email), ("phone", profile.phone), ("name", addressable_name(profile.name))):
        if value and name not in result.values:
            result.values[name] = value
            result.sources[name] = "customer profile"
    return result


def extract_from_text(
    text: str,
    *,
    language: str,
    base: datetime,
    catalogue: Catalogue | None = None,
    order_id_pattern: str | None = None,
) -> dict[str, Any]:
    """Fields in one message; ``base`` is the local time it was sent (for "tomorrow")."""
    msg = MessageText(text)
    values: dict[str, Any] = {}

    def take(name: str, found: tuple[Any, int, int] | None) -> None:
        if found is not None:
            values[name] = found[0]
            msg.claim(found[1], found[2])

    take("email", find_email(msg))  # before anything reads the digits of "anna1990@…"
    take("order_id", find_marked_order_id(msg, order_id_pattern))  # "order 58812" is not a phone
    take("money", find_money(msg))  # "540 EUR" is neither a phone, a date nor a quantity
    take("phone", find_phone(msg, language))
    if "order_id" not in values:
        take("order_id", find_code_order_id(msg, order_id_pattern))
    item, things = None, ()
    if catalogue is not None and (hit := catalogue.find_product_span(msg.free, language)):
        item, span = hit
        things = (span,)
        take("product", (item.id, *span))  # "City 3" holds no quantity and no clock time
    take("date", find_date(msg, language, base))
    take("quantity", find_quantity(msg, catalogue, things=things))
    take("time", find_time(msg, has_day="date" in values))
    take("name", find_name(msg))
    take("reason", find_reason(msg))
    if catalogue is not None:
        rest = msg.free
        for attribute in ("size", "colour"):
            # The named product's own values first; a value it lacks ("City 7 in green") is still
            # what the customer asked for, so the whole catalogue is the fallback.
            value = catalogue.match_attribute(attribute, rest, language, item=item)
            if value is None and item is not None:
                value = catalogue.match_attribute(attribute, rest, language)
            if value is not None:
                values[attribute] = value
        if (city := catalogue.match_city(rest, language)) is not None:
            values["city"] = city.id
    return values


# Every turn re-reads the whole history: a 40-message conversation would parse the same 20 customer
# messages again on each call. Relative dates depend on the day the message is read from, so the day
# (and its timezone) is part of the key.
# The entry keeps its catalogue, so an id in a key always names that same live object.
_CACHE: dict[tuple[Any, ...], tuple[Catalogue | None, dict[str, Any]]] = {}
_CACHE_SIZE = 4096


def _extract_cached(text: str, *, language: str, base: datetime, catalogue: Catalogue | None,
                    order_id_pattern: str | None) -> dict[str, Any]:
    key = (text, language, base.date(), str(base.tzinfo), id(catalogue), order_id_pattern)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not catalogue:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        hit = _CACHE[key] = (catalogue, extract_from_text(text, language=language, base=base, catalogue=catalogue,
                                                         order_id_pattern=order_id_pattern))
    return dict(hit[1])  # callers add to it


def missing_fields(required: list[str], values: dict[str, Any]) -> list[str]:
    """Required fields not yet known, in the order given (most important first, H7).

    An entry "a|b|c" is satisfied by any one of them; when none is known its first name is missing.
    """
    missing: list[str] = []
    for entry in required:
        names = [n.strip() for n in entry.split("|") if n.strip()]
        if names and not any(_known(values.get(n)) for n in names) and names[0] not in missing:
            missing.append(names[0])
    return missing


def identified_by(required: list[str], identifier: str) -> list[str]:
    """`required` where each entry that takes an order number takes `identifier` too, asked first:
    a clinic finds an appointment by the phone it was made with ("order_id" -> "phone|order_id")."""
    if identifier == "order_id":
        return required
    out = []
    for entry in required:
        names = [n.strip() for n in entry.split("|") if n.strip()]
        out.append("|".join([identifier, *(n for n in names if n != identifier)]) if "order_id" in names else entry)
    return out


def _digits(value: Any) -> str:
    return "".join(ch for ch in str(value) if ch.isdigit())


def _known(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt_timezone.utc)
    return moment.astimezone(tz)
