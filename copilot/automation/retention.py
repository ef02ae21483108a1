"""Retention and erasure of what customers wrote: the automated mode's database is the one place
that stores it (messages, suggestions with their drafts and fields, follow-up texts, the outbox).

- `purge(db, now, days)`: everything older than the retention period goes. A conversation idle for
  longer (no inbound message or operator action since) is deleted whole; in a conversation still
  going on, its old messages, suggestions, finished follow-ups and settled outbox rows go.
  Enforced by every worker at most once an hour (`Worker.tick`) and by `copilot privacy purge`.
- `delete_customer(db, tenant, customer)`: one customer's conversations, everything in them, on
  request (`copilot privacy delete`, `DELETE /v1/privacy/customers/{customer}`, role admin). The
  customer is named by the channel's conversation id (a WhatsApp number, a chat session id) or by
  the e-mail or phone stored with their conversations.

Children are deleted explicitly before their conversation: the foreign keys cascade, but SQLite
enforces that only on connections with `PRAGMA foreign_keys=ON`, and a count per table is the
report an operator needs.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import delete, func, or_, select

from .db import Database
from .schema import ConversationRow, FollowUpRow, MessageRow, OutboxRow, SuggestionRow

log = logging.getLogger(__name__)

PURGE_EVERY = timedelta(hours=1)  # how often a worker enforces the retention period
_FINISHED_FOLLOW_UPS = ("sent", "cancelled", "skipped")
_SETTLED_OUTBOX = ("delivered", "failed", "unknown", "cancelled")
_CHILDREN = (MessageRow, SuggestionRow, FollowUpRow, OutboxRow)


class Deleted(BaseModel):
    """Rows deleted, per table."""

    conversations: int = Field(default=0, description="Whole conversations (with everything in them).")
    messages: int = 0
    suggestions: int = 0
    follow_ups: int = 0
    outbox: int = 0

    def add(self, table: str, n: int) -> None:
        setattr(self, table, getattr(self, table) + n)

    @property
    def total(self) -> int:
        return self.conversations + self.messages + self.suggestions + self.follow_ups + self.outbox


def _delete_conversations(s: Any, ids: list[int], out: Deleted) -> None:
    for start in range(0, len(ids), 500):  # bounded IN lists
        chunk = ids[start:start + 500]
        for table in _CHILDREN:
            out.add(table.__tablename__, s.execute(delete(table).where(table.conversation_id.in_(chunk))).rowcount)
        out.add("conversations", s.execute(delete(ConversationRow).where(ConversationRow.id.in_(chunk))).rowcount)


def purge(db: Database, *, now: datetime, days: int) -> Deleted:
    """Delete what is older than `days` (0: keep everything). Idempotent; safe with several workers."""
    out = Deleted()
    if days <= 0:
        return out
    cutoff = now - timedelta(days=days)
    with db.session() as s:
        idle = s.execute(select(ConversationRow.id).where(ConversationRow.updated_at < cutoff)).scalars().all()
        _delete_conversations(s, list(idle), out)
        # Conversations still going on keep only their recent past.
        out.add("messages", s.execute(delete(MessageRow).where(MessageRow.received_at < cutoff)).rowcount)
        out.add("suggestions", s.execute(delete(SuggestionRow).where(SuggestionRow.created_at < cutoff)).rowcount)
        out.add("follow_ups", s.execute(delete(FollowUpRow).where(
            FollowUpRow.state.in_(_FINISHED_FOLLOW_UPS), FollowUpRow.created_at < cutoff)).rowcount)
        out.add("outbox", s.execute(delete(OutboxRow).where(
            OutboxRow.state.in_(_SETTLED_OUTBOX), OutboxRow.created_at < cutoff)).rowcount)
    if out.total:
        log.info("retention: deleted data older than %d days", days, extra={"deleted": out.model_dump()})
    return out


def customer_conversations(s: Any, tenant: str, customer: str, channel: str | None = None) -> list[int]:
    """Ids of the tenant's conversations with this customer: by the channel's conversation id, or
    the e-mail (any case) or phone stored with them."""
    needle = customer.strip()
    match = or_(ConversationRow.external_id == needle,
                func.lower(ConversationRow.customer["email"].as_string()) == needle.lower(),
                ConversationRow.customer["phone"].as_string() == needle)
    q = select(ConversationRow.id).where(ConversationRow.tenant == tenant, match)
    if channel:
        q = q.where(ConversationRow.channel == channel)
    return list(s.execute(q).scalars().all())


def delete_customer(db: Database, *, tenant: str, customer: str, channel: str | None = None) -> Deleted:
    """Erase one customer's conversations of one tenant, and everything in them."""
    out = Deleted()
    with db.session() as s:
        _delete_conversations(s, customer_conversations(s, tenant, customer, channel), out)
    # The customer is not named in the log line: it would be what we just deleted.
    log.info("privacy: deleted one customer's data", extra={"tenant": tenant, "deleted": out.model_dump()})
    return out


class RetentionTimer:
    """Runs `purge` at most once per PURGE_EVERY (the worker asks `due` every tick: no I/O)."""

    def __init__(self, days: int) -> None:
        self.days = days
        self.last: datetime | None = None

    def due(self, now: datetime) -> bool:
        return self.days > 0 and (self.last is None or now - self.last >= PURGE_EVERY)

    def run_if_due(self, db: Database, now: datetime) -> Deleted | None:
        if not self.due(now):
            return None
        self.last = now
        return purge(db, now=now, days=self.days)
