"""Escalation policy (rulebook §4) and follow-up timers (rulebook §5).

Every reason a conversation goes to a human has a code from the rulebook's list, so a user can
trace a hand-off to the guide. The policy stands outside any model: a customer cannot talk an
LLM into skipping it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .models import Conversation, FollowUp, Handoff

# Rulebook §4, in its order: "Hand over to a person … when: …"
REASONS: dict[str, str] = {
    "E-refund": "refund requests",
    "E-legal": "legal requests or threats",
    "E-technical": "complex technical problems (still stuck after one round of help)",
    "E-vip": "VIP customers",
    "E-angry": "sensitive complaints / angry customers",
    "E-payment": "payment problems",
    "E-high-value": "high-value orders",
    "E-human": "the customer asks for a human",
    "E-negative-feedback": "negative feedback",
    "E-low-confidence": "the automation is not confident",
    "E-loop": "the conversation loops (the same question again, no progress)",
    "hygiene_block": "the draft still breaks a blocking hygiene rule after one revision",
}

# Intents whose recipe hands off by definition (rulebook §4 and recipe 8: refunds).
_INTENT_REASON = {
    "refund": "E-refund",
    "legal": "E-legal",
    "payment_issue": "E-payment",
    "human_request": "E-human",
}


def escalation_reasons(
    *,
    conversation: Conversation,
    intent: str,
    intent_escalates: bool,
    confidence: float,
    upset: bool,
    repeat: bool,
    negative_feedback: bool,
    fields: dict[str, Any],
    high_value_amount: float,
    low_confidence: float,
    vague: bool,
) -> list[str]:
    """Reason codes that send this conversation to a human; empty means automation may continue."""
    reasons: list[str] = []
    if intent_escalates:
        reasons.append(_INTENT_REASON.get(intent, "E-human"))
    if conversation.customer.vip:
        reasons.append("E-vip")
    if upset and intent in ("complaint", "return_exchange", "order_status", "payment_issue", "refund",
                            "technical_support", "other", "follow_up"):
        reasons.append("E-angry")
    if negative_feedback:
        reasons.append("E-negative-feedback")
    if intent == "technical_support" and sum(m.role == "customer" for m in conversation.messages) >= 3:
        reasons.append("E-technical")
    money = fields.get("money")
    if isinstance(money, dict) and float(money.get("amount") or 0) >= high_value_amount:
        reasons.append("E-high-value")
    if repeat:
        reasons.append("E-loop")
    if intent == "other" and confidence < low_confidence and not vague:
        reasons.append("E-low-confidence")
    return list(dict.fromkeys(reasons))


def handoff_header(
    *, summary: str, goal: str, next_step: str, fields: dict[str, Any]
) -> Handoff:
    """The context header (M6): anyone can continue without asking the customer again."""
    return Handoff(summary=summary, goal=goal, next_step=next_step, fields=dict(fields))


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
