"""Durable follow-ups (rulebook §5): work with a due time in the same database as the conversation.

Scheduled in the transaction that sends the reply, cancelled by a customer message (the no-reply
timers) or a takeover, claimed by one worker (SKIP LOCKED), re-checked under the conversation
lock when fired, held back by quiet hours, and never sent on WhatsApp outside its 24-hour
customer-service window (recorded as `skipped`: it would need an approved template).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import FollowUp
from .db import Database
from .inbound import NO_REPLY_TRIGGERS, lock_conversation
from .outbox import enqueue
from .schema import ConversationRow, FollowUpRow, MessageRow
from .tenant_policy import AutomationPolicy

WHATSAPP_WINDOW = timedelta(hours=24)
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def parse_duration(value: str) -> timedelta:
    """ISO 8601 durations as the pipeline writes them (PnDTnHnMnS)."""
    m = _DURATION.match(value)
    if not m or value in ("P", "PT"):
        raise ValueError(f"not an ISO 8601 duration: {value!r}")
    d, h, mi, sec = (int(x or 0) for x in m.groups())
    return timedelta(days=d, hours=h, minutes=mi, seconds=sec)


def schedule(s: Session, conv: ConversationRow, follow_ups: list[FollowUp], *, now: datetime,
             after_message_id: int, policy: AutomationPolicy) -> None:
    """Store the suggestion's timers as due work (in the caller's transaction)."""
    quiet = policy.quiet
    for f in follow_ups:
        due = quiet.release(now + parse_duration(f.after))
        if f.trigger not in NO_REPLY_TRIGGERS:
            same = s.execute(select(FollowUpRow.id).where(
                FollowUpRow.conversation_id == conv.id, FollowUpRow.trigger == f.trigger,
                FollowUpRow.state == "pending", FollowUpRow.due_at == due)).first()
            if same:
                continue  # the booking reminder is already there
        s.add(FollowUpRow(conversation_id=conv.id, trigger=f.trigger, text=f.text, due_at=due, state="pending",
                          after_message_id=after_message_id, created_at=now))


def claim(db: Database, *, owner: str, now: datetime, lease: timedelta, limit: int) -> list[int]:
    with db.session() as s:
        rows = s.execute(select(FollowUpRow).where(
            FollowUpRow.due_at <= now,
            (FollowUpRow.state == "pending") | ((FollowUpRow.state == "running") & (FollowUpRow.lease_until < now)))
            .order_by(FollowUpRow.due_at).limit(limit).with_for_update(skip_locked=True)).scalars().all()
        for r in rows:
            r.state, r.lease_owner, r.lease_until = "running", owner, now + lease
        return [r.id for r in rows]


def fire(db: Database, follow_up_id: int, *, owner: str, now: datetime, policy_for: object) -> str:
    """Send it, or record why not; returns the follow-up's new state."""
    with db.session() as s:
        conv_id = s.execute(select(FollowUpRow.conversation_id).where(FollowUpRow.id == follow_up_id)).scalar_one()
        conv = lock_conversation(s, conv_id)  # conversation first: the same lock order as inbound
        f = s.get(FollowUpRow, follow_up_id)
        if f is None or f.state != "running" or f.lease_owner != owner:
            return f.state if f else "missing"  # cancelled meanwhile, or another worker has it
        f.lease_owner = f.lease_until = None
        policy: AutomationPolicy = policy_for(conv.tenant)  # type: ignore[operator]
        newer = s.execute(select(func.count()).select_from(MessageRow).where(
            MessageRow.conversation_id == conv.id, MessageRow.id > f.after_message_id,
            MessageRow.role == "customer")).scalar_one()
        if conv.state != "bot":
            f.state, f.reason = "cancelled", f"conversation is {conv.state}"
        elif newer and f.trigger in NO_REPLY_TRIGGERS:
            f.state, f.reason = "cancelled", "customer wrote"
        elif (later := policy.quiet.release(now)) > now:
            f.state, f.due_at, f.reason = "pending", later, "quiet hours"
            return f.state
        elif conv.channel == "whatsapp" and (conv.last_customer_at is None
                                             or now - conv.last_customer_at > WHATSAPP_WINDOW):
            f.state = "skipped"
            f.reason = "outside the WhatsApp 24-hour window: needs an approved template"
        else:
            enqueue(s, conv, kind="follow_up", text=f.text, in_reply_to=[], now=now)
            f.state, f.reason = "sent", None
        f.done_at = now
        return f.state
