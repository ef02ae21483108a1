"""Tables of the automated mode (SQLAlchemy 2 declarative). Migrations in `migrations/versions/`
create them; a change here needs a new migration.

Times are stored as naive UTC and read back as aware UTC (SQLite keeps no time zone).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# SQLite autoincrements only an INTEGER PRIMARY KEY.
Id = BigInteger().with_variant(Integer(), "sqlite")

CONVERSATION_STATES = ("bot", "human", "closed")
FOLLOW_UP_STATES = ("pending", "running", "sent", "cancelled", "skipped")
OUTBOX_STATES = ("pending", "sending", "delivered", "failed", "unknown", "cancelled")


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the automation store; use an aware UTC time")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class ConversationRow(Base):
    """One conversation of one tenant on one channel. The row is also the turn's lock: a worker
    holds `lease_owner` until `lease_until` while it drafts; `turn_due_at` says a turn is wanted."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("tenant", "channel", "external_id", name="uq_conversation_external"),
                      Index("ix_conversations_turn_due", "turn_due_at"),
                      Index("ix_conversations_state", "state", "state_changed_at"))

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16), default="bot")
    state_changed_at: Mapped[datetime]
    customer: Mapped[dict[str, Any]] = mapped_column(default=dict)
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    handoff: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    last_customer_at: Mapped[datetime | None] = mapped_column(nullable=True)
    answered_upto: Mapped[int] = mapped_column(BigInteger, default=0)  # newest message id a turn covered
    turn_due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    turn_first_at: Mapped[datetime | None] = mapped_column(nullable=True)  # oldest unanswered: caps the debounce
    lease_owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class MessageRow(Base):
    """Every message: theirs (customer), a human agent's, and ours (bot). `id` is arrival order."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("conversation_id", "external_id", name="uq_message_external"),
                      Index("ix_messages_conversation", "conversation_id", "id"))

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    received_at: Mapped[datetime]
    kind: Mapped[str | None] = mapped_column(String(16), nullable=True)  # ours: reply | handoff | follow_up
    outbox_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class SuggestionRow(Base):
    """Each turn's suggestion and what became of it (sent, handed off, dropped for newer messages)."""

    __tablename__ = "suggestions"
    __table_args__ = (Index("ix_suggestions_conversation", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    upto_message_id: Mapped[int] = mapped_column(BigInteger)
    outcome: Mapped[str] = mapped_column(String(16))  # sent | handoff | dropped | stale
    gate: Mapped[dict[str, Any]] = mapped_column(default=dict)
    suggestion: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]


class FollowUpRow(Base):
    """A follow-up (rulebook §5) as durable work with a due time, claimed by one worker."""

    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_due", "state", "due_at"),
                      Index("ix_follow_ups_conversation", "conversation_id"))

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    trigger: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    after_message_id: Mapped[int] = mapped_column(BigInteger)  # a newer customer message cancels it
    lease_owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)


class OutboxRow(Base):
    """Every message we send, with a stable id, until the receiver confirmed it (or it failed)."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"),
                      Index("ix_outbox_conversation", "conversation_id"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # reply | handoff | follow_up
    text: Mapped[str] = mapped_column(Text)
    in_reply_to: Mapped[list[Any]] = mapped_column(default=list)
    handoff: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None] = mapped_column(nullable=True)
