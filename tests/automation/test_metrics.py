"""/metrics carries the automated mode's queue depth, follow-ups due and auto-send rate, read from
its database (so they are right whichever worker process did the work)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import event

from copilot.api import create_app
from copilot.automation.db import Database
from copilot.automation.metrics import AutomationCollector
from copilot.automation.schema import ConversationRow, FollowUpRow, OutboxRow, SuggestionRow

from .conftest import Mode


def _scrape(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    r = client.get("/metrics")
    assert r.status_code == 200
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(r.text) for s in family.samples}


def test_queue_depth_follow_ups_due_and_auto_send_rate_follow_the_database(mode: Mode) -> None:
    app = create_app(mode.copilot, warm=False)
    app.state.automation = mode.automation
    client = TestClient(app)

    mode.say("c1", "m1", "What are your opening hours?")
    mode.say("c2", "m2", "I want my money back for order VN-10711")
    mode.say("c3", "m3", "Where is my order?")
    got = _scrape(client)
    assert got[("copilot_automation_up", ())] == 1
    assert got[("copilot_turns_pending", (("when", "debouncing"),))] == 3
    assert got[("copilot_turns_pending", (("when", "due"),))] == 0

    mode.clock.advance(timedelta(minutes=1))
    assert _scrape(client)[("copilot_turns_pending", (("when", "due"),))] == 3

    mode.run(wait=timedelta(0))
    got = _scrape(client)
    assert got[("copilot_turns_pending", (("when", "due"),))] == 0
    sent = got[("copilot_turns_last_hour", (("outcome", "sent"),))]
    handoff = got[("copilot_turns_last_hour", (("outcome", "handoff"),))]
    assert handoff >= 1 and sent + handoff == 3  # the refund always goes to a person
    assert got[("copilot_auto_send_rate", ())] == sent / 3
    assert got[("copilot_conversations", (("state", "human"),))] >= 1
    assert got[("copilot_outbox", (("state", "pending"),))] == 0  # the receiver took them all
    # "Where is my order?" was answered with a question: its 4 h and 48 h reminders wait.
    assert got[("copilot_follow_ups", (("when", "later"),))] == 2
    assert got[("copilot_follow_ups", (("when", "due"),))] == 0

    mode.clock.advance(timedelta(hours=5))  # the 4 h one is due now, waiting for a worker
    got = _scrape(client)
    assert got[("copilot_follow_ups", (("when", "due"),))] == 1
    assert got[("copilot_follow_ups", (("when", "later"),))] == 1


def test_an_unreachable_database_is_a_gauge_not_a_failed_scrape() -> None:
    registry = CollectorRegistry()
    registry.register(AutomationCollector(lambda: Database("postgresql+psycopg://nobody:x@127.0.0.1:1/none")))
    text = generate_latest(registry).decode()
    assert "copilot_automation_up 0.0" in text and "copilot_turns_pending" not in text


def test_each_gauge_equals_the_rows_in_the_database_read_in_one_query_per_table(db: Database) -> None:
    """Rows written straight into the database (both engines): every label's value is the number of
    rows that fit it, and a scrape reads each table once (it used to run one COUNT per label)."""
    now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    past, later = now - timedelta(seconds=30), now + timedelta(seconds=30)
    conversations = [("bot", past)] * 3 + [("bot", later)] * 2 + [("bot", None)] * 4 + [("human", None)] * 5 + \
        [("human", past)] * 1 + [("closed", None)] * 2  # a human's conversation is not a pending turn
    outbox = {"pending": 4, "sending": 1, "failed": 2, "unknown": 3, "delivered": 7}
    follow_ups = [("pending", past)] * 2 + [("pending", later)] * 6 + [("done", past)] * 3 + [("cancelled", later)]
    outcomes = [("sent", now - timedelta(minutes=5))] * 5 + [("handoff", now - timedelta(minutes=50))] * 3 + \
        [("dropped", now)] * 1 + [("sent", now - timedelta(hours=2))] * 4  # outside the hour: not counted
    with db.session() as s:
        rows = [ConversationRow(tenant="t", channel="webchat", external_id=f"c{i}", state=state, state_changed_at=now,
                                turn_due_at=due, created_at=now, updated_at=now)
                for i, (state, due) in enumerate(conversations)]
        s.add_all(rows)
        s.flush()
        cid = rows[0].id
        s.add_all(OutboxRow(id=str(uuid.uuid4()), conversation_id=cid, kind="reply", text="x", state=state,
                            next_attempt_at=now, created_at=now) for state, n in outbox.items() for _ in range(n))
        s.add_all(FollowUpRow(conversation_id=cid, trigger="t", text="x", due_at=due, state=state, after_message_id=0,
                              created_at=now) for state, due in follow_ups)
        s.add_all(SuggestionRow(conversation_id=cid, upto_message_id=0, outcome=outcome, created_at=at)
                  for outcome, at in outcomes)

    registry = CollectorRegistry()
    registry.register(AutomationCollector(lambda: db, lambda: now))
    statements: list[str] = []

    def listener(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        text = generate_latest(registry).decode()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    got = {(s.name, tuple(sorted(s.labels.items()))): s.value for f in text_string_to_metric_families(text)
           for s in f.samples}

    assert got[("copilot_automation_up", ())] == 1
    assert got[("copilot_turns_pending", (("when", "due"),))] == 3
    assert got[("copilot_turns_pending", (("when", "debouncing"),))] == 2
    for state, n in {"bot": 9, "human": 6, "closed": 2}.items():
        assert got[("copilot_conversations", (("state", state),))] == n
    for state in ("pending", "sending", "failed", "unknown"):
        assert got[("copilot_outbox", (("state", state),))] == outbox[state]
    assert ("copilot_outbox", (("state", "delivered"),)) not in got
    assert got[("copilot_follow_ups", (("when", "due"),))] == 2
    assert got[("copilot_follow_ups", (("when", "later"),))] == 6
    assert [got[("copilot_turns_last_hour", (("outcome", o),))] for o in ("sent", "handoff", "dropped")] == [5, 3, 1]
    assert got[("copilot_auto_send_rate", ())] == 5 / 8
    selects = [st for st in statements if st.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4, selects  # conversations, outbox, follow-ups, suggestions
