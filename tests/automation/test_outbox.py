"""Outbound delivery: retries with backoff on 429/5xx/connection errors, unknown outcomes marked
and not resent, final failures visible to operators; none lost."""

from __future__ import annotations

from datetime import timedelta

import httpx

from copilot.automation import outbox

from .conftest import Mode


def _reply(mode: Mode) -> None:
    mode.say("c1", "m1", "What are your opening hours?")
    mode.run()


def _sends(mode: Mode, state: str | None = None) -> list[dict]:
    return mode.automation.outbox(state=state, limit=100)


def test_500_and_429_are_retried_with_growing_backoff_then_delivered(mode: Mode) -> None:
    mode.receiver.script = [500, 429, httpx.ConnectError]
    _reply(mode)
    [send] = _sends(mode)
    assert send["state"] == "pending" and send["attempts"] == 1 and send["last_error"] == "HTTP 500"
    first_wait = send["next_attempt_at"] - mode.clock.now()
    mode.run(wait=first_wait)
    [send] = _sends(mode)
    assert send["attempts"] == 2 and send["next_attempt_at"] - mode.clock.now() > first_wait
    mode.run(wait=timedelta(minutes=1))
    mode.run(wait=timedelta(minutes=1))
    [send] = _sends(mode)
    assert send["state"] == "delivered" and send["attempts"] == 4
    assert len(mode.receiver.received) == 1 and len(mode.receiver.requests) == 4
    assert len({r.headers["idempotency-key"] for r in mode.receiver.requests}) == 1  # one stable id


def test_a_receiver_that_keeps_failing_ends_failed_and_visible(mode: Mode) -> None:
    mode.receiver.script = [503] * outbox.MAX_ATTEMPTS
    _reply(mode)
    for _ in range(outbox.MAX_ATTEMPTS):
        mode.run(wait=timedelta(seconds=outbox.BACKOFF_CAP_S))
    [failed] = _sends(mode, "failed")
    assert failed["attempts"] == outbox.MAX_ATTEMPTS and "HTTP 503" in failed["last_error"]
    assert mode.receiver.received == []
    # An operator sends it again, same id, and this time it arrives.
    mode.automation.retry(failed["message_id"])
    mode.run(wait=timedelta(0))
    assert [r["message_id"] for r in mode.receiver.received] == [failed["message_id"]]


def test_a_timeout_after_sending_is_marked_unknown_and_not_resent(mode: Mode) -> None:
    mode.receiver.script = [httpx.ReadTimeout]
    _reply(mode)
    mode.run(wait=timedelta(hours=1))
    [unknown] = _sends(mode, "unknown")
    assert "ReadTimeout" in unknown["last_error"]
    assert len(mode.receiver.requests) == 1
    convo = mode.conversation("c1")
    assert convo["messages"][-1]["delivery"]["state"] == "unknown"


def test_a_worker_that_died_while_sending_leaves_the_message_unknown_not_resent(mode: Mode) -> None:
    mode.say("c1", "m1", "What are your opening hours?")
    mode.clock.advance(minutes=1)
    import asyncio

    asyncio.run(mode.workers[0].run_turns())
    claimed = outbox.claim(mode.db, owner="dead-worker", now=mode.clock.now(), lease=timedelta(minutes=1), limit=10)
    assert len(claimed) == 1  # it was sending when the process was killed
    mode.run(wait=timedelta(minutes=2))
    [unknown] = _sends(mode, "unknown")
    assert "outcome unknown" in unknown["last_error"]
    assert mode.receiver.requests == []


def test_a_4xx_rejection_is_not_retried(mode: Mode) -> None:
    mode.receiver.script = [400]
    _reply(mode)
    mode.run(wait=timedelta(hours=1))
    [failed] = _sends(mode, "failed")
    assert failed["last_error"].startswith("HTTP 400") and len(mode.receiver.requests) == 1


def test_without_a_receiver_configured_messages_wait_in_the_outbox(mode: Mode) -> None:
    for w in mode.workers:
        w.sender = None
    _reply(mode)
    assert [s["state"] for s in _sends(mode)] == ["pending"]


def test_a_reply_waiting_for_a_retry_is_cancelled_when_a_person_writes(mode: Mode) -> None:
    mode.receiver.script = [503]
    _reply(mode)
    mode.say("c1", "a1", "Hi, Olena here: we open at 10.", role="agent")
    mode.run(wait=timedelta(hours=1))
    [cancelled] = _sends(mode, "cancelled")
    assert cancelled["last_error"] == "a person took over before it was sent"
    assert mode.receiver.received == []  # the bot's reply never lands after the person's
