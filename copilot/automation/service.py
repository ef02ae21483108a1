"""The automated mode as one object the API, the CLI and tests share: store, policies, clock, and
(on the embedded default) the in-process worker."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from functools import cached_property
from typing import Any

from sqlalchemy import func, select

from . import outbox
from .clock import Clock, SystemClock
from .db import Database
from .inbound import InboundEvent, InboundResult, accept, cancel_follow_ups, lock_conversation, take_over
from .schema import ConversationRow, FollowUpRow, MessageRow, OutboxRow, SuggestionRow
from .tenant_policy import Policies
from .worker import Worker

log = logging.getLogger(__name__)


class NotFound(LookupError):
    pass


class Automation:
    def __init__(self, copilot: Any, *, db: Database | None = None, clock: Clock | None = None) -> None:
        self.copilot = copilot
        self.settings = copilot.settings
        self._db = db
        self.clock = clock or SystemClock()
        self.policies = Policies(self.settings)
        self.worker: Worker | None = None

    @cached_property
    def db(self) -> Database:
        """Opened and migrated on first use (a replica that never sees automation traffic pays nothing)."""
        database = self._db or Database.from_settings(self.settings)
        database.migrate()
        return database

    # ---------------------------------------------------------------- inbound

    def inbound(self, event: InboundEvent) -> InboundResult:
        tenant = event.tenant or self.settings.tenant
        policy = self.policies.get(tenant)  # InputError (404) for an unknown tenant
        result = accept(self.db, event, tenant=tenant, policy=policy, now=self.clock.now())
        if self.worker is not None and not result.duplicate:
            self.worker.wake()
        return result

    # ---------------------------------------------------------------- operators

    # `tenants`: the tenants the caller's API key may act for (None: all). A conversation of another
    # tenant is "not found", so an operator of one business learns nothing of another's.

    def queue(self, *, state: str | None, tenant: str | None, limit: int,
              tenants: frozenset[str] | None = None) -> list[dict[str, Any]]:
        with self.db.session() as s:
            q = select(ConversationRow)
            if state:
                q = q.where(ConversationRow.state == state)
            if tenant:
                q = q.where(ConversationRow.tenant == tenant)
            if tenants is not None:
                q = q.where(ConversationRow.tenant.in_(tenants))
            rows = s.execute(q.order_by(ConversationRow.state_changed_at, ConversationRow.id).limit(limit)).scalars()
            return [_summary(r) for r in rows]

    def detail(self, conversation_id: int, *, tenants: frozenset[str] | None = None) -> dict[str, Any]:
        with self.db.session() as s:
            conv = s.get(ConversationRow, conversation_id)
            if conv is None or not _visible(conv.tenant, tenants):
                raise NotFound(conversation_id)
            msgs = s.execute(select(MessageRow).where(MessageRow.conversation_id == conv.id)
                             .order_by(MessageRow.id)).scalars().all()
            sends = {o.id: o for o in s.execute(select(OutboxRow).where(OutboxRow.conversation_id == conv.id)).scalars()}
            fups = s.execute(select(FollowUpRow).where(FollowUpRow.conversation_id == conv.id)
                             .order_by(FollowUpRow.due_at)).scalars().all()
            sugs = s.execute(select(SuggestionRow).where(SuggestionRow.conversation_id == conv.id)
                             .order_by(SuggestionRow.id)).scalars().all()
            return {**_summary(conv), "fields": conv.fields, "customer": conv.customer,
                    "messages": [_message(m, sends.get(m.outbox_id or "")) for m in msgs],
                    "follow_ups": [{"id": f.id, "trigger": f.trigger, "due_at": f.due_at, "state": f.state,
                                    "reason": f.reason, "text": f.text} for f in fups],
                    "suggestions": [{"id": g.id, "at": g.created_at, "outcome": g.outcome, "gate": g.gate,
                                     "upto_message_id": g.upto_message_id, "suggestion": g.suggestion} for g in sugs]}

    def set_state(self, conversation_id: int, action: str, *, tenants: frozenset[str] | None = None) -> dict[str, Any]:
        """takeover | release | resolve."""
        now = self.clock.now()
        with self.db.session() as s:
            found = s.get(ConversationRow, conversation_id)
            if found is None or not _visible(found.tenant, tenants):
                raise NotFound(conversation_id)
            conv = lock_conversation(s, conversation_id)
            newest = s.execute(select(func.max(MessageRow.id)).where(MessageRow.conversation_id == conv.id)).scalar() or 0
            if action == "takeover":
                take_over(s, conv, now, reason="operator_takeover", upto=newest, person=True)
            else:
                # What was written so far is the person's: the bot answers what comes next.
                conv.answered_upto = max(conv.answered_upto, newest)
                conv.turn_due_at = conv.turn_first_at = None
                conv.handoff = None
                conv.state, conv.state_changed_at = ("bot" if action == "release" else "closed"), now
                if action == "resolve":
                    cancel_follow_ups(s, conv.id, now, "resolved")
            conv.updated_at = now
            return _summary(conv)

    def outbox(self, *, state: str | None, limit: int, tenants: frozenset[str] | None = None) -> list[dict[str, Any]]:
        with self.db.session() as s:
            q = select(OutboxRow, ConversationRow).join(ConversationRow, ConversationRow.id == OutboxRow.conversation_id)
            if state:
                q = q.where(OutboxRow.state == state)
            if tenants is not None:
                q = q.where(ConversationRow.tenant.in_(tenants))
            rows = s.execute(q.order_by(OutboxRow.created_at).limit(limit)).all()
            return [{**_send(o), "conversation": c.id, "conversation_id": c.external_id} for o, c in rows]

    def retry(self, outbox_id: str, *, tenants: frozenset[str] | None = None) -> dict[str, Any]:
        if tenants is not None:
            with self.db.session() as s:
                owner = s.execute(select(ConversationRow.tenant).join(OutboxRow, OutboxRow.conversation_id == ConversationRow.id)
                                  .where(OutboxRow.id == outbox_id)).scalar_one_or_none()
            if owner is None or not _visible(owner, tenants):
                raise NotFound(outbox_id)
        row = outbox.retry(self.db, outbox_id, now=self.clock.now())
        if row is None:
            raise NotFound(outbox_id)
        if self.worker is not None:
            self.worker.wake()
        return _send(row)

    # ---------------------------------------------------------------- the in-process worker

    def runs_worker(self) -> bool:
        configured = self.settings.worker_in_process
        return self.db.is_sqlite if configured is None else configured

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Run the worker loop beside the API while the app lives (embedded default)."""
        if not self.runs_worker():
            yield
            return
        self.worker = Worker.from_settings(self.db, self.copilot, clock=self.clock)
        stop = asyncio.Event()
        task = asyncio.create_task(self.worker.run(stop))
        try:
            yield
        finally:
            stop.set()
            try:
                await asyncio.wait_for(task, timeout=30)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()  # a turn in hand gives its lease back (Worker._turn)
            await self.worker.aclose()
            self.worker = None


def _summary(c: ConversationRow) -> dict[str, Any]:
    return {"id": c.id, "tenant": c.tenant, "channel": c.channel, "conversation_id": c.external_id,
            "state": c.state, "state_changed_at": c.state_changed_at, "handoff": c.handoff,
            "last_customer_at": c.last_customer_at, "turn_due_at": c.turn_due_at, "updated_at": c.updated_at}


def _send(o: OutboxRow) -> dict[str, Any]:
    return {"message_id": o.id, "kind": o.kind, "text": o.text, "in_reply_to": o.in_reply_to, "state": o.state,
            "attempts": o.attempts, "next_attempt_at": o.next_attempt_at if o.state == "pending" else None,
            "last_error": o.last_error, "created_at": o.created_at, "delivered_at": o.delivered_at}


def _message(m: MessageRow, send: OutboxRow | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": m.id, "message_id": m.outbox_id or m.external_id, "role": m.role, "text": m.text,
                           "sent_at": m.sent_at, "received_at": m.received_at}
    if m.kind:
        out["kind"] = m.kind
    if send is not None:
        out["delivery"] = {"state": send.state, "attempts": send.attempts, "last_error": send.last_error}
    return out


def _visible(tenant: str, tenants: frozenset[str] | None) -> bool:
    return tenants is None or tenant in tenants
