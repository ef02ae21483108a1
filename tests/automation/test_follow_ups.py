"""Durable follow-ups on a moved clock: fire once at the right moment, cancelled by the customer
or a takeover, survive a restart, wait out quiet hours, respect the WhatsApp 24-hour window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from copilot.automation import followups
from copilot.automation.db import Database

from .conftest import Mode


def _ask(mode: Mode, conversation: str = "c1", channel: str = "webchat") -> None:
    """A request we must ask a detail for: the reply asks a question and sets the no-reply timers."""
    mode.say(conversation, "m1", "where is my order?", channel=channel)
    mode.run()
    assert [r["kind"] for r in mode.receiver.received] == ["reply"]


def _follow_ups(mode: Mode, conversation: str = "c1", channel: str = "webchat") -> dict[str, dict]:
    return {f["trigger"]: f for f in mode.conversation(conversation, channel)["follow_ups"]}


def test_the_4h_reminder_fires_once_at_its_time_and_the_48h_offer_after(mode: Mode) -> None:
    _ask(mode)
    pending = _follow_ups(mode)
    asked_at = mode.clock.now()
    assert pending["T-no-reply-4h"]["due_at"] == asked_at + timedelta(hours=4)
    assert pending["T-no-reply-48h"]["due_at"] == asked_at + timedelta(hours=48)
    mode.run(wait=timedelta(hours=3, minutes=59))
    assert len(mode.receiver.received) == 1
    mode.run(wait=timedelta(minutes=1))  # two workers tick: it is sent once
    assert [r["kind"] for r in mode.receiver.received] == ["reply", "follow_up"]
    assert "reminder" in mode.receiver.received[1]["text"]
    mode.run(wait=timedelta(hours=44))
    assert [r["kind"] for r in mode.receiver.received] == ["reply", "follow_up", "follow_up"]
    assert {f["state"] for f in _follow_ups(mode).values()} == {"sent"}


def test_a_customer_message_cancels_the_no_reply_timers(mode: Mode) -> None:
    _ask(mode)
    mode.say("c1", "m2", "hmm, let me find it")
    assert {f["state"] for f in mode.conversation("c1")["follow_ups"] if f["reason"] == "customer wrote"} == {"cancelled"}
    mode.run(wait=timedelta(hours=5))
    assert all(r["kind"] != "follow_up" for r in mode.receiver.received)


def test_a_reminder_already_claimed_is_not_sent_when_the_customer_wrote_meanwhile(mode: Mode) -> None:
    _ask(mode)
    mode.clock.advance(hours=4)
    claimed = followups.claim(mode.db, owner="w", now=mode.clock.now(), lease=timedelta(minutes=1), limit=10)
    assert len(claimed) == 1
    mode.say("c1", "m2", "VN-10711")
    assert followups.fire(mode.db, claimed[0], owner="w", now=mode.clock.now(),
                          policy_for=mode.automation.policies.get) == "cancelled"
    assert all(r["kind"] != "follow_up" for r in mode.receiver.received)


def test_a_takeover_cancels_the_follow_ups(mode: Mode) -> None:
    _ask(mode)
    mode.automation.set_state(mode.conversation("c1")["id"], "takeover")
    mode.run(wait=timedelta(hours=49))
    assert {f["state"] for f in _follow_ups(mode).values()} == {"cancelled"}
    assert [r["kind"] for r in mode.receiver.received] == ["reply"]


def test_follow_ups_survive_a_restart(mode: Mode) -> None:
    _ask(mode)
    mode.db.dispose()  # the process ends; a new one opens the same database
    restarted = Mode(Database(mode.db.url), mode.copilot, start=mode.clock.now())
    restarted.db.migrate()
    restarted.run(wait=timedelta(hours=4, minutes=1))
    assert [r["kind"] for r in restarted.receiver.received] == ["follow_up"]
    restarted.db.dispose()


def test_a_reminder_due_in_quiet_hours_waits_until_they_end(mode: Mode) -> None:
    mode.clock.set(datetime(2026, 12, 1, 18, 30, tzinfo=UTC))  # 4 h later is 22:30, quiet (21:00-09:00)
    _ask(mode)
    due = _follow_ups(mode)["T-no-reply-4h"]["due_at"]
    assert due == datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    mode.run(wait=timedelta(hours=4))
    assert len(mode.receiver.received) == 1
    mode.clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    mode.run(wait=timedelta(0))
    assert [r["kind"] for r in mode.receiver.received] == ["reply", "follow_up"]


def test_on_whatsapp_nothing_is_sent_outside_the_24_hour_window(mode: Mode) -> None:
    _ask(mode, channel="whatsapp")
    mode.run(wait=timedelta(hours=4, minutes=1))
    assert [r["kind"] for r in mode.receiver.received] == ["reply", "follow_up"]  # 4 h: inside the window
    mode.run(wait=timedelta(hours=44))
    assert [r["kind"] for r in mode.receiver.received] == ["reply", "follow_up"]
    offer = _follow_ups(mode, channel="whatsapp")["T-no-reply-48h"]
    assert offer["state"] == "skipped" and "approved template" in offer["reason"]


def test_durations_are_read_as_iso_8601() -> None:
    assert followups.parse_duration("PT4H") == timedelta(hours=4)
    assert followups.parse_duration("P1DT2H30M") == timedelta(days=1, hours=2, minutes=30)
