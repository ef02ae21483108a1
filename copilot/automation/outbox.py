"""Outbound delivery: every message we send goes through the outbox with a stable id.

Delivered to COPILOT_OUTBOUND_URL as JSON with an HMAC-SHA256 signature over the body
(`X-Copilot-Signature: sha256=<hex>`, key COPILOT_OUTBOUND_SECRET). 429, 5xx and connection
errors are retried with exponential backoff; a request that may have reached the receiver (a
read timeout, a dropped connection, a worker that died while sending) is marked `unknown` and
not resent blindly; a message that finally fails stays `failed`. Operators see both and can retry.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .db import Database
from .schema import ConversationRow, MessageRow, OutboxRow

SIGNATURE_HEADER = "X-Copilot-Signature"
MAX_ATTEMPTS = 6
BACKOFF_BASE_S = 2.0
BACKOFF_CAP_S = 600.0


def enqueue(s: Session, conv: ConversationRow, *, kind: str, text: str, in_reply_to: list[str], now: datetime,
            handoff: dict[str, Any] | None = None) -> str:
    """Queue a message (and record it in the conversation) in the caller's transaction."""
    oid = str(uuid.uuid4())
    s.add(OutboxRow(id=oid, conversation_id=conv.id, kind=kind, text=text, in_reply_to=in_reply_to,
                    handoff=handoff, state="pending", attempts=0, next_attempt_at=now, created_at=now))
    s.add(MessageRow(conversation_id=conv.id, external_id=None, role="bot", text=text, sent_at=now,
                     received_at=now, kind=kind, outbox_id=oid))
    return oid


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    seconds = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1))
    return timedelta(seconds=max(seconds, retry_after or 0))


@dataclass
class Outcome:
    state: str  # delivered | retry | failed | unknown
    error: str | None = None
    retry_after: float | None = None


Post = Callable[[bytes, dict[str, str]], Awaitable[httpx.Response]]


class HttpSender:
    """POSTs to the receiver; classifies the result. Connection failures before the request went
    out are safe to retry; a timeout after it went out has an unknown outcome."""

    def __init__(self, url: str, secret: str | None, *, timeout_s: float = 10.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.url, self.secret = url, secret
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)),
                                        transport=transport)

    async def send(self, payload: dict[str, Any]) -> Outcome:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {"content-type": "application/json", "idempotency-key": payload["message_id"]}
        if self.secret:
            headers[SIGNATURE_HEADER] = sign(body, self.secret)
        try:
            r = await self.client.post(self.url, content=body, headers=headers)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            return Outcome("retry", f"connection: {type(exc).__name__}")
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            return Outcome("unknown", f"sent, no answer: {type(exc).__name__}")
        except httpx.HTTPError as exc:
            return Outcome("retry", f"{type(exc).__name__}: {exc}")
        if 200 <= r.status_code < 300:
            return Outcome("delivered")
        if r.status_code == 429 or r.status_code >= 500:
            ra = r.headers.get("retry-after")
            return Outcome("retry", f"HTTP {r.status_code}", float(ra) if ra and ra.isdigit() else None)
        return Outcome("failed", f"HTTP {r.status_code}: {r.text[:200]}")

    async def aclose(self) -> None:
        await self.client.aclose()


def payload(row: OutboxRow, conv: ConversationRow) -> dict[str, Any]:
    out: dict[str, Any] = {"conversation_id": conv.external_id, "message_id": row.id, "kind": row.kind,
                           "text": row.text, "in_reply_to": row.in_reply_to,
                           "tenant": conv.tenant, "channel": conv.channel}
    if row.handoff is not None:
        out["handoff"] = row.handoff
    return out


def claim(db: Database, *, owner: str, now: datetime, lease: timedelta, limit: int) -> list[tuple[OutboxRow, ConversationRow]]:
    """Due messages, marked `sending` under this worker's lease (SKIP LOCKED on PostgreSQL)."""
    with db.session() as s:
        s.execute(update(OutboxRow).where(OutboxRow.state == "sending", OutboxRow.lease_until < now).values(
            state="unknown", lease_owner=None, lease_until=None,
            last_error="the worker stopped while sending: outcome unknown, not resent"))
        rows = s.execute(select(OutboxRow).where(OutboxRow.state == "pending", OutboxRow.next_attempt_at <= now)
                         .order_by(OutboxRow.created_at).limit(limit)
                         .with_for_update(skip_locked=True)).scalars().all()
        out = []
        for row in rows:
            row.state, row.lease_owner, row.lease_until = "sending", owner, now + lease
            row.attempts += 1
            out.append((row, s.get(ConversationRow, row.conversation_id)))
        return out  # type: ignore[return-value]


def settle(db: Database, row_id: str, outcome: Outcome, *, owner: str, now: datetime) -> None:
    with db.session() as s:
        row = s.execute(select(OutboxRow).where(OutboxRow.id == row_id).with_for_update()).scalar_one()
        if row.state != "sending" or row.lease_owner != owner:
            return  # our lease ran out and the row was settled as unknown: leave it so
        row.lease_owner = row.lease_until = None
        row.last_error = outcome.error
        if outcome.state == "delivered":
            row.state, row.delivered_at = "delivered", now
        elif outcome.state == "retry" and row.attempts < MAX_ATTEMPTS:
            row.state, row.next_attempt_at = "pending", now + backoff(row.attempts, outcome.retry_after)
        elif outcome.state == "retry":
            row.state, row.last_error = "failed", f"gave up after {row.attempts} attempts; last: {outcome.error}"
        else:
            row.state = outcome.state


def retry(db: Database, row_id: str, *, now: datetime) -> OutboxRow | None:
    """An operator's decision to send a failed or unknown message again (same id: receivers dedupe)."""
    with db.session() as s:
        row = s.execute(select(OutboxRow).where(OutboxRow.id == row_id).with_for_update()).scalar_one_or_none()
        if row is None:
            return None
        if row.state in ("failed", "unknown"):
            row.state, row.next_attempt_at, row.attempts = "pending", now, 0
        return row
