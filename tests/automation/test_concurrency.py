"""Two workers racing on one database: 300 inbound deliveries across 30 conversations with 20 %
duplicates, bursts and out-of-order arrivals. Every customer message is answered or handed off,
exactly one outbound message per turn, no reply after a human wrote, each message delivered once."""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from copilot.automation.schema import ConversationRow, MessageRow, OutboxRow, SuggestionRow

from .conftest import Mode

# Mostly questions the bot answers on its own; a few that go to a person (refund, order check-back).
TEXTS = ["hi", "What are your opening hours?", "Do you deliver to Kyiv?", "How much is the Urban 3 bike?", "thanks!",
         "Сколько стоит доставка?", "Чи є у вас шоломи?", "can I return a helmet I didn't use?",
         "Do you have the Urban 3 in red?", "Какие у вас часы работы?", "Ձեր խանութը քանիսին է բացվում?",
         "What is your return policy?", "ok", "good, thank you", "where is my order?", "I want my money back"]
CONVERSATIONS, DELIVERIES, DUPLICATE_SHARE, WITH_AGENT = 30, 300, 0.2, 6


def _script(rng: random.Random) -> list[list[dict]]:
    """Bursts of deliveries; sent_at is the order written, the delivery order is shuffled in a burst."""
    unique = int(DELIVERIES * (1 - DUPLICATE_SHARE))
    per_conv: dict[int, int] = Counter()
    events = []
    agents = set(rng.sample(range(CONVERSATIONS), WITH_AGENT))
    for _ in range(unique):
        c = rng.randrange(CONVERSATIONS)
        per_conv[c] += 1
        n = per_conv[c]
        agent = c in agents and n == 4
        events.append({"conversation_id": f"c{c}", "message_id": f"c{c}-m{n}", "n": n,
                       "role": "agent" if agent else "customer",
                       "text": "Hi, Maria from the team here, I'll take it from here." if agent else rng.choice(TEXTS)})
    bursts: list[list[dict]] = []
    i = 0
    while i < len(events):
        size = rng.choice([1, 1, 2, 3, 5])
        burst = events[i:i + size]
        rng.shuffle(burst)  # out of order within the burst
        bursts.append(burst)
        i += size
    for e in rng.sample(events, DELIVERIES - unique):  # duplicates, redelivered some bursts later
        bursts[min(len(bursts) - 1, rng.randrange(len(bursts)))].append(e)
    assert sum(len(b) for b in bursts) == DELIVERIES
    return bursts


def _catch_up(mode: Mode) -> None:
    """Wait (real time, bounded) until no turn is due or in hand at the clock's current time."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with mode.db.session() as s:
            busy = s.execute(select(func.count()).select_from(ConversationRow).where(
                (ConversationRow.turn_due_at <= mode.clock.now()) | ConversationRow.lease_owner.is_not(None))).scalar()
        if not busy:
            return
        time.sleep(0.005)
    raise AssertionError("the workers did not catch up within 60 s")


def test_two_workers_racing_answer_everything_once_and_never_over_a_human(
        mode: Mode, caplog: pytest.LogCaptureFixture) -> None:
    rng = random.Random(16)
    # One delivery stalls its worker for seconds (under load: a starved thread) while the other worker and
    # the deliveries go on, and the manual clock with them, far faster than real time. A lease is real
    # work time, so the workers' leases outlast the whole script's clock: with the default 60 s, the
    # stalled message was settled `unknown` by the other worker (the flake seen at load 7).
    mode.receiver.stall = {25: 8.0}
    mode.workers = [mode.worker(f"w{i}", lease=timedelta(hours=1)) for i in range(2)]
    stops: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
    ready = threading.Barrier(3)
    errors: list[BaseException] = []

    def race(worker) -> None:
        async def main() -> None:
            stop = asyncio.Event()
            stops.append((asyncio.get_running_loop(), stop))
            ready.wait()
            await worker.run(stop, poll_s=0.002)

        try:
            asyncio.run(main())
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=race, args=(w,)) for w in mode.workers]
    for t in threads:
        t.start()
    ready.wait()
    start = mode.clock.now()
    seen: set[str] = set()
    duplicates = 0
    try:
        for burst in _script(rng):
            for e in burst:
                sent_at = start + timedelta(seconds=e["n"])
                r = mode.say(e["conversation_id"], e["message_id"], e["text"], role=e["role"], sent_at=sent_at)
                duplicates += r.duplicate
                assert r.duplicate == (e["message_id"] in seen)
                seen.add(e["message_id"])
            mode.clock.advance(seconds=rng.choice([0, 1, 2, 4, 8]))
            if rng.random() < 0.3:
                _catch_up(mode)  # let the workers draft what is due, so deliveries keep landing mid-turn
    finally:  # a failure above must not leave the workers running (pytest would hang at exit)
        for loop, stop in stops:
            loop.call_soon_threadsafe(stop.set)
        for t in threads:
            t.join(timeout=120)
    assert errors == [] and duplicates == DELIVERIES * DUPLICATE_SHARE
    mode.run(wait=timedelta(minutes=1))  # what was still due when the deliveries stopped

    with mode.db.session() as s:
        messages = s.execute(select(MessageRow).order_by(MessageRow.id)).scalars().all()
        sends = s.execute(select(OutboxRow)).scalars().all()
        traces = s.execute(select(SuggestionRow)).scalars().all()
    by_conv: dict[int, list[MessageRow]] = {}
    for m in messages:
        by_conv.setdefault(m.conversation_id, []).append(m)
    turn_sends = [o for o in sends if o.kind in ("reply", "handoff")]
    answered = Counter(mid for o in turn_sends for mid in o.in_reply_to)

    # Exactly one outbound message per turn, each answering at least one message, none answered twice.
    assert len(turn_sends) == sum(t.outcome in ("sent", "handoff") for t in traces)
    assert all(o.in_reply_to for o in turn_sends)
    assert max(answered.values()) == 1
    for conv_messages in by_conv.values():
        human_at = [m.id for m in conv_messages if m.role == "agent" or m.kind == "handoff"]
        for m in conv_messages:
            if m.role == "customer" and m.external_id not in answered:
                # Not answered by the bot: a person has it (it came after a hand-off, or before an agent wrote).
                assert any(h < m.id for h in human_at if h) or any(
                    a.id > m.id for a in conv_messages if a.role == "agent"), (m.external_id, m.text)
        agent_ids = [m.id for m in conv_messages if m.role == "agent"]
        if agent_ids:
            assert all(m.id < agent_ids[0] for m in conv_messages if m.role == "bot"), "bot wrote after a human"
    # Every message we queued reached the receiver exactly once.
    delivered = Counter(r["message_id"] for r in mode.receiver.received)
    assert set(delivered) == {o.id for o in sends} and max(delivered.values()) == 1
    assert {o.state for o in sends} == {"delivered"}, (
        [(o.kind, o.state, o.attempts, o.last_error) for o in sends if o.state != "delivered"],
        [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR])
    # The script really made the conversations talk (a closing that promises the team's work, e.g.
    # after an order number, goes to a person since issue 17, so fewer turns stay with the bot).
    assert len(turn_sends) > 2 * CONVERSATIONS
