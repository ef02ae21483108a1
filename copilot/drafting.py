"""Stage 3b — draft (offline): pick the template for intent × moment × language and fill it.

Facts come only from fields, the customer profile and retrieved knowledge (H10); an FAQ answer
is quoted verbatim from its entry and cited by id.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel import UnknownLocaleError
from babel.dates import format_skeleton, get_timezone_location

from .answer_coverage import asks_the_price
from .automation.hours import BusinessHours
from .catalogue import Catalogue
from .errors import ConfigError
from .fields.money import states_cost
from .knowledge.catalogue_entries import price_text
from .locale_format import MoneyStyle, babel_locale, format_money
from .models import FIELD_NAMES, Conversation, Draft, KnowledgeHit, Moment, Money, Option
from .moments import informational, unsure_question
from .names import reply_name
from .resources import Tenant
from .retrieve import wants_options
from .taxonomy import OTHER
from .understand import Understanding

_OPTION_LABELS = "AB"


def reply_by(now: datetime, *, minutes: int, timezone: str, language: str = "en",
             hours: BusinessHours | None = None) -> str:
    """A concrete time the customer will hear back by (H11), rounded up to 5 minutes, in the
    business's timezone named by its city in the reply's language: "16:35 (Ереван)". A promise falls
    within business hours (automation.yaml): made at night or too near closing, it is the next opening,
    with its date ("09:00 (Ереван), 7 декабря"), not a time when nobody is there."""
    zone = ZoneInfo(timezone)
    if hours is not None:  # the automated mode's own rule for when a person has replied
        by = hours.person_by(now, within_minutes=minutes).astimezone(zone)
    else:
        by = now.astimezone(zone) + timedelta(minutes=minutes)
        by += timedelta(minutes=(5 - by.minute % 5) % 5)
    where = "UTC" if timezone == "UTC" else \
        f"({get_timezone_location(zone, locale=babel_locale(language), return_city=True)})"
    text = f"{by:%H:%M} {where}"
    if by.date() != now.astimezone(zone).date():
        text += f", {format_skeleton('MMMMd', by, locale=babel_locale(language))}"
    return text


def within_hours(now: datetime, *, minutes: int, hours: BusinessHours | None) -> bool:
    """Whether someone is there for the next `minutes` (a hand-off may then say "within 30 minutes")."""
    if hours is None:
        return True
    interval = hours.open_interval(now)
    return interval is not None and now + timedelta(minutes=minutes) <= interval[1]


def format_date(value: str, language: str) -> str:
    """An ISO date as the customer reads it: "4 December", "4 декабря", "4 ທັນວາ"."""
    try:
        return format_skeleton("MMMMd", date.fromisoformat(value), locale=babel_locale(language))
    except (ValueError, UnknownLocaleError):
        return value


def _format_value(field: str, value: Any, language: str, catalogue: Catalogue | None, *,
                  money: MoneyStyle | None = None, own: str | None = None) -> str:
    if value is None:
        return ""
    if field == "date" and isinstance(value, str):
        return format_date(value, language)
    if field == "money" and isinstance(value, dict):
        return format_money(value["amount"], value.get("currency"), language, style=money, own=own)
    if field == "product" and catalogue:
        item = catalogue.item(value)
        if item:
            return item.names.get(language) or next(iter(item.names.values()))
    if field == "city" and catalogue:
        city = next((c for c in catalogue.cities if c.id == value), None)
        if city:
            return city.names.get(language) or value
    return str(value)


def decision_package(hits: list[KnowledgeHit], catalogue: Catalogue | None, language: str) -> list[Option]:
    """The two offerable catalogue items of one kind the customer's message matched best (M3): "how much is a
    bike?" gets two bikes to choose from, not a bike or an e-bike diagnostics."""
    if not catalogue:
        return []
    found = {hit.id: item for hit in hits if (item := catalogue.item_of(hit.id)) is not None and item.offerable}
    for kind in dict.fromkeys(item.kind for item in found.values()):  # the best-matched kind first
        pair = [(hit_id, item) for hit_id, item in found.items() if item.kind == kind][:len(_OPTION_LABELS)]
        if len(pair) == len(_OPTION_LABELS):
            return [Option(label=label, title=item.names.get(language) or next(iter(item.names.values())),
                           price=Money(amount=item.amount, currency=catalogue.currency),
                           summary=item.summaries.get(language, ""), knowledge_id=hit_id)
                    for label, (hit_id, item) in zip(_OPTION_LABELS, pair)]
    return []


_RECALLS = ("follow_up", "feedback")  # kinds of intent about an earlier request


def offer_options(u: Understanding, hits: list[KnowledgeHit], tenant: Tenant) -> list[Option]:
    """A price question that names no product gets two products to choose from (M3), if there are two."""
    if not wants_options(u):
        return []
    return decision_package(hits, tenant.catalogue, u.language.code)


def template_draft(conversation: Conversation, u: Understanding, hits: list[KnowledgeHit], tenant: Tenant, *,
                   moment: Moment, options: list[Option], reply_by_text: str, eta_minutes: int) -> Draft:
    """The offline draft: the answer in offline mode, the model's example and fallback in LLM mode."""
    # An informational answer asks nothing more; a policy quoted for a request ends with its one field.
    missing = [] if moment == "answer" and informational(u) else u.missing
    # "Any news?" and "thanks!" recall the request they are about ("about your order"), not themselves.
    recalled = u.earlier.id if u.earlier is not None and tenant.kind(u.intent.id) in _RECALLS \
        and tenant.kind(u.earlier.id) not in (*_RECALLS, "greeting", None) else None
    # A promise to reply to a question the classifier is unsure of names no guessed request ("I'm checking
    # your order" to "where does the minibus to Gyumri leave from?"): it is written as to a message no intent fits.
    intent = OTHER if moment == "first_reply" and unsure_question(u) else u.intent.id
    return compose_draft(
        tenant=tenant, language=u.language.code, intent=intent, moment=moment, topic_intent=recalled,
        name=reply_name(conversation.customer.name, u.fields), fields=u.fields, missing=missing,
        answer=answer_hits(u, hits) if moment == "answer" else [],
        options=options if moment == "options" else [], reply_by_text=reply_by_text, eta_minutes=eta_minutes,
    )


def answer_hits(u: Understanding, hits: list[KnowledgeHit]) -> list[KnowledgeHit]:
    """What an answer quotes: the top hit; and when the customer asks a price it does not state, the item they
    named, priced, after it ("forgot my swim cap at home, can i buy one at the front desk? how much are they": the
    cap rules say reception sells them, the cap's entry what one costs)."""
    if not hits:
        return []
    top, named = hits[0], f"catalogue:{u.fields.get('product')}:{u.language.code}"
    item = next((h for h in hits[1:] if h.id == named and not h.unmatched), None)
    if top.kind == "faq" and item is not None and asks_the_price(u.text) and not states_cost(top.text) \
            and states_cost(item.text):
        return [top, item]
    return [top]


def compose_draft(
    *,
    tenant: Tenant,
    language: str,
    intent: str,
    moment: Moment,
    name: str | None,
    fields: dict[str, Any],
    missing: list[str],
    answer: list[KnowledgeHit],
    options: list[Option],
    reply_by_text: str,
    eta_minutes: int,
    topic_intent: str | None = None,
) -> Draft:
    templates = tenant.templates
    kind = tenant.taxonomy.behaviour(intent).kind
    template = templates.select(language, intent, moment, kind)
    if template is None:
        raise ConfigError(f"No template for moment {moment!r} in language {language!r} (add an intent '*' one).")
    ask = ""
    if missing:
        phrase = templates.field_phrase(language, missing[0])
        ask = phrase.ask if phrase else ""
    money, own = tenant.config.money, tenant.currency  # the business's own currency as it writes it
    variables: dict[str, Any] = {f: _format_value(f, fields.get(f), language, tenant.catalogue, money=money, own=own)
                                 for f in FIELD_NAMES}
    variables.update(
        name=name or "",
        topic=templates.topic(language, topic_intent or intent),
        ask=ask,
        answer="\n".join(hit.text for hit in answer),
        reply_by=reply_by_text,
        eta_minutes=eta_minutes,
        options=[{"label": o.label, "title": o.title, "summary": o.summary, "price": _option_price(o, tenant, language)}
                 for o in options],
        recommendation=options[0].label if options else "",
        business=tenant.business_name(language),
        confirmed=_confirmed(tenant, intent, kind, moment, fields),
        # A hand-off may ask for the order or booking number only where the business finds customers by it
        # (tenant.yaml identified_by: a studio that finds clients by phone has no booking number to ask for).
        asks_number=tenant.config.identifier == "order_id",
    )
    text = templates.render(template, variables)
    citations = [hit.id for hit in answer] or [o.knowledge_id for o in options if o.knowledge_id]
    return Draft(text=text, template_id=template.id, moment=moment, language=language, citations=citations,
                 options=options if moment == "options" else [])


def _option_price(option: Option, tenant: Tenant, language: str) -> str:
    """The option's price as its catalogue entry writes it ("250,000 ກີບ", "250 г: 390 грн; 1 кг: 1 290 грн")."""
    item = tenant.catalogue.item_of(option.knowledge_id) if tenant.catalogue and option.knowledge_id else None
    if item is not None:
        return price_text(item, tenant.catalogue.currency, language, style=tenant.config.money, own=tenant.currency)
    if option.price is None:
        return ""
    return format_money(option.price.amount, option.price.currency, language, style=tenant.config.money,
                        own=tenant.currency)


def _confirmed(tenant: Tenant, intent: str, kind: str | None, moment: Moment, fields: dict[str, Any]) -> bool:
    """Only the tenant's booking system confirms a slot (it is asked when a booking closes); else it is requested."""
    url = tenant.config.bookings.confirm_webhook
    if url is None or kind != "book" or moment != "closing":
        return False
    from .booking_confirm import slot_confirmed

    return slot_confirmed(str(url), tenant=tenant.id, intent=intent, fields=fields)
