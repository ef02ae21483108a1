"""Turns: one at a time per conversation, a burst answered together, nothing skipped.

A worker claims a conversation whose turn is due (a lease on the row; SKIP LOCKED on
PostgreSQL), drafts outside any transaction, then in one transaction re-checks that it still
holds the lease, that no message arrived since it read the conversation and that the bot still
owns it. Only then is the reply (or the hand-off) queued. Otherwise the draft is dropped unsent
and the turn, still due, runs again with every message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from ..models import MAX_MESSAGES, Conversation, Customer, Message, Suggestion
from .db import Database
from .followups import schedule
from .gate import blocked_reasons
from .inbound import cancel_follow_ups, lock_conversation, take_over
from .outbox import enqueue
from .schema import ConversationRow, MessageRow, SuggestionRow
from .tenant_policy import AutomationPolicy

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """What a turn read: the conversation up to message `upto` and the customer messages it answers."""

    id: int
    tenant: str
    channel: str
    upto: int
    answers: list[str]  # external ids of the customer messages this turn replies to
    conversation: Conversation | None  # None: nothing a customer wrote is left to answer


def claim(db: Database, *, owner: str, now: datetime, lease: timedelta, limit: int) -> list[Snapshot]:
    with db.session() as s:
        rows = s.execute(select(ConversationRow).where(
            ConversationRow.turn_due_at <= now, ConversationRow.state == "bot",
            (ConversationRow.lease_until.is_(None)) | (ConversationRow.lease_until < now))
            .order_by(ConversationRow.turn_due_at).limit(limit).with_for_update(skip_locked=True)).scalars().all()
        for conv in rows:
            conv.lease_owner, conv.lease_until = owner, now + lease
        return [_snapshot(s, conv) for conv in rows]


def _snapshot(s: Any, conv: ConversationRow) -> Snapshot:
    msgs = s.execute(select(MessageRow).where(MessageRow.conversation_id == conv.id)
                     .order_by(MessageRow.id)).scalars().all()
    upto = max((m.id for m in msgs), default=0)
    answers = [m.external_id for m in msgs if m.role == "customer" and m.id > conv.answered_upto]
    # Out-of-order deliveries: the pipeline reads the conversation in the order it was written.
    ordered = sorted(msgs, key=lambda m: (m.sent_at or m.received_at, m.id))[-MAX_MESSAGES:]
    conversation = None
    if answers and any(m.role == "customer" for m in ordered):
        conversation = Conversation(
            messages=[Message(role=m.role, text=m.text, sent_at=m.sent_at or m.received_at) for m in ordered],
            channel=conv.channel, tenant=conv.tenant, customer=Customer.model_validate(conv.customer or {}))
    return Snapshot(conv.id, conv.tenant, conv.channel, upto, [a for a in answers if a], conversation)


@dataclass
class TurnResult:
    outcome: str  # sent | handoff | dropped | lost | empty
    outbox_id: str | None = None


def finish(db: Database, snap: Snapshot, suggestion: Suggestion | None, *, owner: str, now: datetime,
           policy: AutomationPolicy, error: str | None = None) -> TurnResult:
    """Re-check and send (or hand off) in one transaction."""
    with db.session() as s:
        conv = lock_conversation(s, snap.id)
        if conv.lease_owner != owner:
            return TurnResult("lost")  # our lease expired and another worker has the turn
        conv.lease_owner = conv.lease_until = None
        newest = s.execute(select(func.max(MessageRow.id)).where(MessageRow.conversation_id == conv.id)).scalar()
        if newest != snap.upto or conv.state != "bot":
            # Something arrived mid-draft (or a person took over): drop the draft; the turn stays due.
            _trace(s, snap, suggestion, "dropped", {"why": "newer message" if newest != snap.upto else conv.state}, now)
            return TurnResult("dropped")
        conv.turn_due_at = conv.turn_first_at = None
        if suggestion is None and error is None:
            conv.answered_upto = snap.upto
            return TurnResult("empty")
        reasons = [f"pipeline_error:{error}"] if suggestion is None else blocked_reasons(suggestion)
        if suggestion is not None:
            conv.fields = {**conv.fields, **_jsonable(suggestion.fields)}
        conv.answered_upto = snap.upto
        if not reasons and suggestion is not None:
            oid = enqueue(s, conv, kind="reply", text=suggestion.draft.text, in_reply_to=snap.answers, now=now)
            cancel_follow_ups(s, conv.id, now, "superseded by a newer reply")
            schedule(s, conv, suggestion.follow_ups, now=now, after_message_id=snap.upto, policy=policy)
            _trace(s, snap, suggestion, "sent", {"sent": True, "reasons": []}, now)
            return TurnResult("sent", oid)
        packet = handoff_packet(suggestion, reasons, policy, now)
        language = suggestion.language if suggestion else "en"
        text = holding_text(suggestion, policy, now, packet["reply_by"], language)
        take_over(s, conv, now, reason=reasons[0], handoff=packet)
        oid = enqueue(s, conv, kind="handoff", text=text, in_reply_to=snap.answers, now=now, handoff=packet)
        _trace(s, snap, suggestion, "handoff", {"sent": False, "reasons": reasons}, now)
        return TurnResult("handoff", oid)


def release(db: Database, conversation_id: int, owner: str) -> None:
    """Give a claimed turn back untouched (graceful shutdown mid-turn): another worker takes it now."""
    with db.session() as s:
        s.execute(update(ConversationRow).where(ConversationRow.id == conversation_id,
                                                ConversationRow.lease_owner == owner)
                  .values(lease_owner=None, lease_until=None))


def handoff_packet(suggestion: Suggestion | None, reasons: list[str], policy: AutomationPolicy,
                   now: datetime) -> dict[str, Any]:
    """What the person who takes over reads: context header, fields, reasons, and the promise made."""
    by = policy.hours.person_by(now, within_minutes=policy.handoff_within_minutes)
    packet: dict[str, Any] = {"reasons": reasons, "reply_by": by.isoformat()}
    if suggestion is None:
        return {**packet, "summary": "The automation could not draft a reply.", "goal": "", "next_step":
                "Read the conversation and reply.", "fields": {}}
    header = suggestion.decision.handoff or suggestion.context_header
    promise = suggestion.decision.promise
    packet.update({"promise": promise.model_dump() if promise else None,
                   "send_confidence": suggestion.decision.send_confidence})
    packet.update({"intent": suggestion.intent.id, "confidence": round(suggestion.intent.confidence, 3),
                   "language": suggestion.language, "fields": _jsonable(suggestion.fields),
                   "missing_fields": suggestion.missing_fields, "draft": suggestion.draft.text})
    if header is not None:
        packet.update({"summary": header.summary, "goal": header.goal, "next_step": header.next_step})
    else:
        packet.update({"summary": f"{suggestion.intent.id}: the automation may not send this on its own.",
                       "goal": suggestion.intent.id, "next_step": "Check the draft, then reply or send it."})
    return packet


def holding_text(suggestion: Suggestion | None, policy: AutomationPolicy, now: datetime, reply_by: str,
                 language: str) -> str:
    """Rulebook §4: never a dead end. The pipeline's own hand-off (or check-back) draft when a person
    is there within the minutes it promises; otherwise the tenant's holding message, whose time is
    when the team is next there."""
    by = datetime.fromisoformat(reply_by)
    in_hours = by - now <= timedelta(minutes=policy.handoff_within_minutes + 5)
    promise = suggestion is not None and suggestion.decision.promise is not None
    if (suggestion is not None and in_hours and (promise or suggestion.draft.moment == "handoff")
            and suggestion.hygiene.passed):
        return suggestion.draft.text
    return policy.holding_message(by, now, language)


def _trace(s: Any, snap: Snapshot, suggestion: Suggestion | None, outcome: str, gate: dict[str, Any],
           now: datetime) -> None:
    s.add(SuggestionRow(conversation_id=snap.id, upto_message_id=snap.upto, outcome=outcome, gate=gate,
                        suggestion=suggestion.model_dump(mode="json") if suggestion else {}, created_at=now))


def _jsonable(value: Any) -> Any:
    import json

    return json.loads(json.dumps(value, default=str))
