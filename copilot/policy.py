"""Escalation policy (rulebook §4) and follow-up timers (rulebook §5).

Every reason a conversation goes to a human has a code from the rulebook's list, so a user can
trace a hand-off to the guide. The policy stands outside any model: a customer cannot talk an
LLM into skipping it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .escalation_context import reasons_in_context
from .fields.money import find_money
from .fields.text import MessageText
from .models import Conversation, FollowUp
from .reasons import UNSUPPORTED_LANGUAGE
from .romanised import native_form
from .signal_words import SignalWords, default_signal_words
from .signals import is_repeat
from .taxonomy import OTHER, IntentSpec

if TYPE_CHECKING:
    from .resources import Tenant
    from .settings import Settings
    from .understand import Understanding


def stated_escalations(text: str, words: SignalWords | None = None) -> list[str]:
    """Reason codes the customer's own words trigger (`signals.yaml`: the default's, or a tenant's)."""
    return (words or default_signal_words()).stated_escalations(text)


def assess_escalation(conversation: Conversation, u: Understanding, tenant: Tenant, settings: Settings) -> list[str]:
    """The escalation step of the spine: policy applied to what was understood (outside any model)."""
    reasons = escalation_reasons(
        conversation=conversation,
        intent=u.spec,
        confidence=u.intent.confidence,
        upset=u.upset,
        repeat=is_repeat(conversation),
        negative_feedback=u.negative_feedback,
        fields=u.fields,
        high_value=tenant.high_value,
        low_confidence=settings.low_confidence,
        vague=u.vague or u.intent.id != OTHER,
        words=tenant.signals,
        language=u.language.code,
    )
    if u.unsupported_language and not settings.llm_enabled:
        # Offline we can only answer in a language we have templates for: a person answers this one.
        reasons.append(UNSUPPORTED_LANGUAGE)
    # What only the whole conversation shows: frustration over turns, a loop, a person asked for midway.
    return reasons_in_context(reasons, u.dialogue, intent=u.intent.id, missing=u.missing) if u.dialogue else reasons


def escalation_reasons(
    *,
    conversation: Conversation,
    intent: IntentSpec,
    confidence: float,
    upset: bool,
    repeat: bool,
    negative_feedback: bool,
    fields: dict[str, Any],
    high_value: Callable[[str | None], float],
    low_confidence: float,
    vague: bool,
    words: SignalWords | None = None,
    language: str = "",
) -> list[str]:
    """Reason codes that send this conversation to a human; empty means automation may continue."""
    reasons: list[str] = []
    if intent.escalate:  # the intent's recipe hands off by definition (rulebook §4, recipe 8: refunds)
        reasons.append(intent.escalation_reason)
    elif intent.escalate_from is not None and confidence >= intent.escalate_from:
        reasons.append(intent.escalation_reason)  # read surely: a sensitive complaint goes to a person
    helped = conversation.has_our_reply
    last = conversation.last_customer_message.text
    stated = stated_escalations(last, words)
    for said in (native_form(last, language) if language else last, _amount_as_money(last, language)):
        if said != last:  # typed in Latin letters ("v sud"); an amount where the markers say money
            stated += [r for r in stated_escalations(said, words) if r not in stated]
    reasons += [r for r in stated if r != "E-technical" or helped]
    if conversation.customer.vip:
        reasons.append("E-vip")
    if upset and intent.kind != "feedback":  # angry feedback is negative feedback, below
        reasons.append("E-angry")
    if negative_feedback:
        reasons.append("E-negative-feedback")
    if intent.escalate_after_help and helped:
        reasons.append("E-technical")  # still stuck after one round of help (recipe 6)
    if is_high_value(fields.get("money"), high_value):
        reasons.append("E-high-value")
    if repeat:
        reasons.append("E-loop")
    if intent.id == OTHER and confidence < low_confidence and not vague:
        reasons.append("E-low-confidence")
    return list(dict.fromkeys(reasons))


# The word the refund markers use for money, per language: "I want my 54,000 kip back" says "my money back".
_MONEY = {"en": "money", "ru": "деньги", "uk": "гроші", "hy": "գումարը", "lo": "ເງິນ"}


def _amount_as_money(text: str, language: str) -> str:
    """The message with its amount of money written as the word for money ("верните мои 6 000 грн" → "верните
    мои деньги"), so the markers that name money (`signals.yaml`) hear a refund asked with the sum."""
    msg = MessageText(text)
    found = find_money(msg)
    if found is None:
        return text
    _, start, end = found
    return msg.text[:start] + _MONEY.get(language, _MONEY["en"]) + msg.text[end:]


def is_high_value(money: Any, threshold: Callable[[str | None], float]) -> bool:
    """E-high-value: an amount at or above the tenant's threshold for its currency."""
    if not isinstance(money, dict):
        return False
    return float(money.get("amount") or 0) >= threshold(money.get("currency"))


def unanswered_reasons(*, conversation: Conversation, intent: str, moment: str) -> list[str]:
    """E-low-confidence for a first message that gets only a promise ("I'll look into it and reply by
    …"): neither the intents nor the knowledge answer it, so a person must keep that promise (H11).
    Later turns the classifier calls `other` ("around 3pm") are answers to our own question."""
    first = not conversation.has_our_reply
    return ["E-low-confidence"] if intent == OTHER and moment == "first_reply" and first else []


def follow_up_timers(
    *,
    texts: dict[str, str],
    asked_question: bool,
    booking_at: datetime | None,
    now: datetime,
) -> list[FollowUp]:
    """The guide's timers (T-rules): never rely on memory. Durations are ISO 8601, from the reply."""
    out: list[FollowUp] = []
    if asked_question and texts.get("reminder"):
        out.append(FollowUp(after="PT4H", trigger="T-no-reply-4h", text=texts["reminder"]))
    if asked_question and texts.get("close_offer"):
        out.append(FollowUp(after="PT48H", trigger="T-no-reply-48h", text=texts["close_offer"]))
    if booking_at and texts.get("booking_reminder"):
        lead = booking_at - timedelta(hours=24) - now
        if lead.total_seconds() > 0:
            out.append(FollowUp(after=_iso_duration(lead), trigger="T-booking-24h", text=texts["booking_reminder"]))
    return out


def _iso_duration(delta: timedelta) -> str:
    total = int(delta.total_seconds())
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    out = "P" + (f"{days}D" if days else "")
    time = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return out + ("T" + time if time else ("" if days else "T0M"))
