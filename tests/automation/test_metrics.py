"""/metrics carries the automated mode's queue depth, follow-ups due and auto-send rate, read from
its database (so they are right whichever worker process did the work)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from copilot.api import create_app

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
    from prometheus_client import CollectorRegistry, generate_latest

    from copilot.automation.db import Database
    from copilot.automation.metrics import AutomationCollector

    registry = CollectorRegistry()
    registry.register(AutomationCollector(lambda: Database("postgresql+psycopg://nobody:x@127.0.0.1:1/none")))
    text = generate_latest(registry).decode()
    assert "copilot_automation_up 0.0" in text and "copilot_turns_pending" not in text
