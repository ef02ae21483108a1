"""Retention and erasure: stored conversations older than COPILOT_RETENTION_DAYS are deleted by the
worker, and one customer's data by `copilot privacy delete` or the admin route — on SQLite and
PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from copilot.api import create_app
from copilot.automation.db import Database
from copilot.automation.inbound import InboundEvent
from copilot.automation.schema import ConversationRow, FollowUpRow, MessageRow, OutboxRow, SuggestionRow
from copilot.automation.worker import Worker
from copilot.cli import app as cli
from copilot.models import Customer
from copilot.service.keys import KeyStore

from .conftest import Mode

TABLES = (ConversationRow, MessageRow, SuggestionRow, FollowUpRow, OutboxRow)


def _rows(db: Database, external_id: str) -> dict[str, int]:
    """Rows per table that belong to the conversations with this channel id."""
    with db.session() as s:
        ids = select(ConversationRow.id).where(ConversationRow.external_id == external_id).scalar_subquery()
        out = {"conversations": s.execute(select(func.count()).where(ConversationRow.external_id == external_id)).scalar_one()}
        for table in TABLES[1:]:
            out[table.__tablename__] = s.execute(select(func.count()).select_from(table)
                                                 .where(table.conversation_id.in_(ids))).scalar_one()
    return out


def _retaining_worker(mode: Mode, days: int) -> Worker:
    return Worker(mode.db, mode.copilot, mode.automation.policies, clock=mode.clock, name="keeper",
                  retention_days=days)


def test_the_worker_deletes_conversations_idle_past_the_retention_period_and_old_parts_of_live_ones(mode: Mode) -> None:
    mode.say("old", "o1", "What are your opening hours?")
    mode.say("live", "l1", "What are your opening hours?")
    mode.run()
    old_before = _rows(mode.db, "old")
    assert old_before["messages"] == 2 and old_before["suggestions"] == 1 and old_before["outbox"] == 1

    mode.clock.advance(timedelta(days=100))
    mode.say("live", "l2", "Do you deliver to Kyiv?")  # the live one goes on, 100 days later
    mode.run()
    keeper = _retaining_worker(mode, days=90)
    asyncio.run(keeper.tick())

    assert _rows(mode.db, "old") == dict.fromkeys(old_before, 0)
    live = mode.conversation("live")
    assert [m["message_id"] for m in live["messages"] if m["role"] == "customer"] == ["l2"]  # l1 is past 90 days
    assert len(live["suggestions"]) == 1 and live["suggestions"][0]["upto_message_id"] > 0

    # At most once an hour: a second tick right away deletes nothing more, even if something aged.
    assert keeper.retention.run_if_due(mode.db, mode.clock.now()) is None


def test_retention_zero_keeps_everything(mode: Mode) -> None:
    mode.say("c1", "m1", "What are your opening hours?")
    mode.run()
    before = _rows(mode.db, "c1")
    mode.clock.advance(timedelta(days=3650))
    asyncio.run(_retaining_worker(mode, days=0).tick())
    assert _rows(mode.db, "c1") == before


def _customer_says(mode: Mode, conversation: str, message: str, *, tenant: str = "shop",
                   email: str | None = None) -> None:
    mode.automation.inbound(InboundEvent(tenant=tenant, channel="webchat", conversation_id=conversation,
                                         message_id=message, role="customer", text="Do you deliver to Kyiv?",
                                         customer=Customer(name="Anna", email=email)))


def test_one_customers_data_is_deleted_by_conversation_id_or_email_and_nobody_elses(mode: Mode, tmp_path) -> None:
    _customer_says(mode, "380501234567", "m1")
    _customer_says(mode, "web-session-9", "m2", email="Anna@Example.com")
    _customer_says(mode, "someone-else", "m3", email="bob@example.com")
    mode.run()
    assert _rows(mode.db, "380501234567")["outbox"] == 1

    env = {"COPILOT_DATABASE_URL": mode.db.url, "COPILOT_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["privacy", "delete", "--tenant", "shop", "--customer", "380501234567"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("conversations 1 messages 2 suggestions 1")
    assert _rows(mode.db, "380501234567")["conversations"] == 0

    # By e-mail, in any case; another tenant's conversation with the same customer is not this tenant's to delete.
    result = CliRunner().invoke(cli, ["privacy", "delete", "--tenant", "other", "--customer", "anna@example.com"], env=env)
    assert result.output.startswith("conversations 0 ")
    result = CliRunner().invoke(cli, ["privacy", "delete", "--tenant", "shop", "--customer", "anna@example.com"], env=env)
    assert result.output.startswith("conversations 1 ")
    assert _rows(mode.db, "web-session-9") == dict.fromkeys(_rows(mode.db, "web-session-9"), 0)
    assert _rows(mode.db, "someone-else")["messages"] == 2  # untouched


def test_the_admin_route_deletes_a_customer_and_needs_the_admin_role_for_that_tenant(mode: Mode) -> None:
    keys = KeyStore(mode.db)
    operator = keys.create(tenants=["shop"], roles=["operator"])
    other_admin = keys.create(tenants=["elsewhere"], roles=["admin"])
    admin = keys.create(tenants=["shop"], roles=["admin"])
    app = create_app(mode.copilot, warm=False, keys=keys)
    app.state.automation = mode.automation
    client = TestClient(app)
    _customer_says(mode, "380501234567", "m1")
    mode.run()

    path = "/v1/privacy/customers/380501234567"
    assert client.delete(path, params={"tenant": "shop"}).status_code == 401
    assert client.delete(path, params={"tenant": "shop"}, headers={"Authorization": f"Bearer {operator}"}).status_code == 403
    assert client.delete(path, params={"tenant": "shop"},
                         headers={"Authorization": f"Bearer {other_admin}"}).status_code == 403
    assert _rows(mode.db, "380501234567")["conversations"] == 1

    r = client.delete(path, params={"tenant": "shop"}, headers={"Authorization": f"Bearer {admin}"})
    assert r.status_code == 200, r.text
    assert r.json()["conversations"] == 1 and r.json()["messages"] == 2
    assert _rows(mode.db, "380501234567") == dict.fromkeys(_rows(mode.db, "380501234567"), 0)
