"""Inbound events (the generic channel): store the message, then schedule the turn.

A delivery is stored before it is acknowledged; a redelivery of the same
`(tenant, channel, conversation_id, message_id)` is recognised and changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import MAX_MESSAGE_CHARS, TENANT_PATTERN, Channel, Customer
from .db import Database
from .schema import ConversationRow, FollowUpRow, MessageRow, OutboxRow
from .tenant_policy import AutomationPolicy

NO_REPLY_TRIGGERS = ("T-no-reply-4h", "T-no-reply-48h")  # what a customer's message makes moot


class InboundEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tenant: str | None = Field(default=None, pattern=TENANT_PATTERN)
    channel: Channel
    conversation_id: str = Field(min_length=1, max_length=200)
    message_id: str = Field(min_length=1, max_length=200)
    role: Literal["customer", "agent"]
    text: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    sent_at: datetime | None = None
    customer: Customer | None = None

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text must not be blank")
        return v


class InboundResult(BaseModel):
    accepted: bool = True
    duplicate: bool = False


def insert_ignore(db: Database, table: Any) -> Any:
    """INSERT … ON CONFLICT DO NOTHING in the database's dialect."""
    return (postgresql.insert(table) if db.skip_locked else sqlite.insert(table)).on_conflict_do_nothing()


def lock_conversation(s: Session, conversation_id: int) -> ConversationRow:
    """The conversation row, locked for this transaction (SQLite: BEGIN IMMEDIATE holds the lock)."""
    return s.execute(select(ConversationRow).where(ConversationRow.id == conversation_id)
                     .with_for_update()).scalar_one()


def cancel_follow_ups(s: Session, conversation_id: int, now: datetime, reason: str,
                      triggers: tuple[str, ...] | None = None) -> None:
    stmt = (update(FollowUpRow)
            .where(FollowUpRow.conversation_id == conversation_id, FollowUpRow.state.in_(("pending", "running")))
            .values(state="cancelled", reason=reason, done_at=now, lease_owner=None, lease_until=None))
    if triggers is not None:
        stmt = stmt.where(FollowUpRow.trigger.in_(triggers))
    s.execute(stmt)


def accept(db: Database, event: InboundEvent, *, tenant: str, policy: AutomationPolicy, now: datetime) -> InboundResult:
    """Store the event and schedule what follows, in one transaction."""
    with db.session() as s:
        s.execute(insert_ignore(db, ConversationRow).values(
            tenant=tenant, channel=event.channel, external_id=event.conversation_id, state="bot",
            state_changed_at=now, customer={}, fields={}, answered_upto=0, created_at=now, updated_at=now))
        conv = s.execute(select(ConversationRow).where(
            ConversationRow.tenant == tenant, ConversationRow.channel == event.channel,
            ConversationRow.external_id == event.conversation_id).with_for_update()).scalar_one()
        inserted = s.execute(insert_ignore(db, MessageRow).values(
            conversation_id=conv.id, external_id=event.message_id, role=event.role, text=event.text,
            sent_at=event.sent_at, received_at=now).returning(MessageRow.id)).scalar_one_or_none()
        if inserted is None:
            return InboundResult(duplicate=True)
        if event.role == "customer":
            _customer_wrote(s, conv, event, policy, now)
        else:
            take_over(s, conv, now, reason="agent_message", upto=inserted, person=True)
        conv.updated_at = now
    return InboundResult(duplicate=False)


def _customer_wrote(s: Session, conv: ConversationRow, event: InboundEvent, policy: AutomationPolicy,
                    now: datetime) -> None:
    if event.customer is not None:
        conv.customer = {**conv.customer, **event.customer.model_dump(exclude_defaults=True)}
    # The WhatsApp window runs from the customer's message; our receipt time bounds a skewed sent_at.
    wrote_at = min(event.sent_at, now) if event.sent_at else now
    conv.last_customer_at = max(conv.last_customer_at, wrote_at) if conv.last_customer_at else wrote_at
    cancel_follow_ups(s, conv.id, now, "customer wrote", NO_REPLY_TRIGGERS)
    if conv.state == "closed":  # a resolved conversation reopens when the customer writes
        conv.state, conv.state_changed_at, conv.handoff = "bot", now, None
    if conv.state == "bot":
        first = conv.turn_first_at or now
        conv.turn_first_at = first
        conv.turn_due_at = min(now + timedelta(seconds=policy.debounce_seconds),
                               first + timedelta(seconds=policy.max_debounce_seconds))


def take_over(s: Session, conv: ConversationRow, now: datetime, *, reason: str, upto: int | None = None,
              handoff: dict[str, Any] | None = None, person: bool = False) -> None:
    """A person owns the conversation: no turn, no follow-up, until it is released or resolved.
    A turn drafting right now finds the state changed when it re-checks, and sends nothing. When a
    person wrote or took over (`person`), what the bot queued and has not begun sending (a reply
    waiting for a retry) is cancelled too, visibly: it must not arrive after the person's words."""
    if conv.state != "human":
        conv.state, conv.state_changed_at = "human", now
    if handoff is not None:
        conv.handoff = handoff
    elif conv.handoff is None:
        conv.handoff = {"reasons": [reason], "summary": "A person took over the conversation."}
    if upto is not None:
        conv.answered_upto = max(conv.answered_upto, upto)
    conv.turn_due_at = conv.turn_first_at = None
    cancel_follow_ups(s, conv.id, now, "human took over")
    if person:
        s.execute(update(OutboxRow).where(OutboxRow.conversation_id == conv.id, OutboxRow.state == "pending")
                  .values(state="cancelled", last_error="a person took over before it was sent"))
