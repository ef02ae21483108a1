"""The worker loop: turns, follow-ups, deliveries. Any number of workers may share a database.

Each unit of work is claimed with a lease (and SKIP LOCKED on PostgreSQL), so none runs twice;
a worker that dies leaves its leases to expire and the work to be claimed again, none dropped.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from datetime import timedelta
from typing import Any

from ..models import Suggestion
from . import followups, outbox, retention, turns
from .clock import Clock, SystemClock
from .db import Database
from .outbox import HttpSender
from .tenant_policy import Policies

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, db: Database, copilot: Any, policies: Policies, *, clock: Clock | None = None,
                 sender: Any = None, lease: timedelta = timedelta(seconds=60), batch: int = 4,
                 name: str | None = None, retention_days: int = 0) -> None:
        self.db, self.copilot, self.policies = db, copilot, policies
        self.clock = clock or SystemClock()
        self.sender = sender
        self.lease, self.batch = lease, batch
        self.owner = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.retention = retention.RetentionTimer(retention_days)
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    @classmethod
    def from_settings(cls, db: Database, copilot: Any, **kwargs: Any) -> Worker:
        settings = copilot.settings
        sender = None
        if settings.outbound_url:
            secret = settings.outbound_secret.get_secret_value() if settings.outbound_secret else None
            sender = HttpSender(settings.outbound_url, secret)
        # A turn may wait on a model: the lease outlives the model's timeout and retries.
        lease = timedelta(seconds=max(60.0, settings.timeout_s * (settings.retries + 1) * 2 + 10))
        kwargs.setdefault("retention_days", settings.retention_days)
        return cls(db, copilot, Policies(settings), sender=sender, lease=lease, **kwargs)

    def wake(self) -> None:
        """Work just arrived (in-process inbound, from any thread): skip the rest of the poll interval."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    async def tick(self) -> int:
        """Do what is due now, once: turns, then follow-ups, then deliveries. Returns units done."""
        done = await self.run_turns()
        done += await asyncio.to_thread(self.run_follow_ups)
        done += await self.deliver()
        # The retention period is enforced here, once an hour: not counted as work done.
        if self.retention.due(now := self.clock.now()):
            await asyncio.to_thread(self.retention.run_if_due, self.db, now)
        return done

    async def run_until_idle(self, max_ticks: int = 1000) -> int:
        """Tick until nothing is due at the clock's current time (tests, `copilot chat`)."""
        total = 0
        for _ in range(max_ticks):
            n = await self.tick()
            total += n
            if n == 0:
                return total
        raise RuntimeError("work kept coming after max_ticks ticks")

    async def run_turns(self) -> int:
        now = self.clock.now()
        snaps = await asyncio.to_thread(turns.claim, self.db, owner=self.owner, now=now, lease=self.lease,
                                        limit=self.batch)
        if snaps:
            await asyncio.gather(*(self._turn(s) for s in snaps))
        return len(snaps)

    async def _turn(self, snap: turns.Snapshot) -> None:
        policy = self.policies.get(snap.tenant)
        suggestion: Suggestion | None = None
        error = None
        now = self.clock.now()
        try:
            if snap.conversation is not None:
                suggestion = await self.copilot.asuggest(snap.conversation, now=now)
        except asyncio.CancelledError:
            await asyncio.shield(asyncio.to_thread(turns.release, self.db, snap.id, self.owner))
            raise
        except Exception as exc:  # noqa: BLE001  (a failed draft goes to a person, never to silence)
            log.exception("turn of conversation %s failed", snap.id)
            error = type(exc).__name__
        result = await asyncio.to_thread(turns.finish, self.db, snap, suggestion, owner=self.owner,
                                         now=self.clock.now(), policy=policy, error=error)
        log.debug("turn %s: %s", snap.id, result.outcome)

    def run_follow_ups(self) -> int:
        now = self.clock.now()
        ids = followups.claim(self.db, owner=self.owner, now=now, lease=self.lease, limit=self.batch * 4)
        for fid in ids:
            followups.fire(self.db, fid, owner=self.owner, now=self.clock.now(), policy_for=self.policies.get)
        return len(ids)

    async def deliver(self) -> int:
        if self.sender is None:
            return 0  # no receiver configured: messages wait in the outbox, visible to operators
        now = self.clock.now()
        claimed = await asyncio.to_thread(outbox.claim, self.db, owner=self.owner, now=now, lease=self.lease,
                                          limit=self.batch * 4)

        async def one(row: Any, conv: Any) -> None:
            result = await self.sender.send(outbox.payload(row, conv))
            await asyncio.to_thread(outbox.settle, self.db, row.id, result, owner=self.owner, now=self.clock.now())

        if claimed:
            await asyncio.gather(*(one(r, c) for r, c in claimed))
        return len(claimed)

    async def run(self, stop: asyncio.Event, *, poll_s: float = 0.25) -> None:
        """Loop until `stop` is set; the turn in hand is finished or given back, never half-sent."""
        self._loop = asyncio.get_running_loop()
        while not stop.is_set():
            try:
                n = await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001  (a database hiccup must not end the loop)
                log.exception("worker tick failed")
                n = 0
            if n == 0:
                self._wake.clear()
                waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
                _, pending = await asyncio.wait(waiters, timeout=poll_s, return_when=asyncio.FIRST_COMPLETED)
                for p in pending:
                    p.cancel()

    async def aclose(self) -> None:
        if self.sender is not None and hasattr(self.sender, "aclose"):
            await self.sender.aclose()
