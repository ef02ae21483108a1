"""Stage 5 — decide: continue or hand off (rulebook §4), and the follow-up timers (rulebook §5)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .drafting import format_date
from .handoff import context_header
from .models import Conversation, Decision, FollowUp, HygieneReport, Moment
from .names import reply_name
from .policy import follow_up_timers, unanswered_reasons
from .resources import Tenant
from .understand import Understanding


def decide(conversation: Conversation, u: Understanding, tenant: Tenant, *, reasons: list[str], moment: Moment,
           report: HygieneReport, reply_by: str) -> Decision:
    """Policy reasons first, then a first message only promised an answer, then a draft that still blocks."""
    reasons = list(dict.fromkeys([*reasons, *unanswered_reasons(
        conversation=conversation, intent=u.intent.id, moment=moment)]))
    reasons += [] if report.passed else ["hygiene_block"]
    if not reasons:
        return Decision(action="continue")
    return Decision(action="escalate", reasons=reasons,
                    handoff=context_header(conversation, u, tenant, reply_by=reply_by))


def plan_follow_ups(conversation: Conversation, u: Understanding, tenant: Tenant, decision: Decision, *,
                    now: datetime, timezone: str) -> list[FollowUp]:
    """Reminders when we asked a question and continue; a booking reminder a day before the booking."""
    return follow_up_timers(
        texts=_follow_up_texts(conversation, u, tenant),
        asked_question=decision.action == "continue" and bool(u.missing),
        booking_at=_booking_at(u.fields, timezone) if "booking_reminder" in u.spec.follow_ups else None,
        now=now,
    )


def _follow_up_texts(conversation: Conversation, u: Understanding, tenant: Tenant) -> dict[str, str]:
    templates, lang = tenant.templates, u.language.code
    variables = {"name": reply_name(conversation.customer.name, u.fields) or "",
                 "topic": templates.topic(lang, u.intent.id),
                 "date": format_date(u.fields["date"], lang) if u.fields.get("date") else "",
                 "time": u.fields.get("time") or ""}
    return {k: templates.render(v, variables) for k, v in templates.follow_ups(lang).model_dump().items() if v}


def _booking_at(fields: dict[str, Any], timezone: str) -> datetime | None:
    if not fields.get("date") or not fields.get("time"):
        return None
    try:
        return datetime.fromisoformat(f"{fields['date']}T{fields['time']}").replace(tzinfo=ZoneInfo(timezone))
    except ValueError:
        return None
