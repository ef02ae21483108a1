"""A worker killed with SIGKILL mid-turn: after a restart nothing is lost and nothing is sent twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from copilot.automation.db import Database
from copilot.automation.inbound import InboundEvent, accept
from copilot.automation.schema import ConversationRow, OutboxRow, SuggestionRow
from copilot.automation.tenant_policy import Policies

from .conftest import Mode

QUESTIONS = ["What are your opening hours?", "Do you deliver to Kyiv?", "How much is the Urban 3 bike?",
             "Какие у вас часы работы?", "can I return a helmet I didn't use?"]
REPO = Path(__file__).resolve().parents[2]


def _leased(db: Database) -> int:
    with db.session() as s:
        return s.execute(select(func.count()).select_from(ConversationRow)
                         .where(ConversationRow.lease_owner.is_not(None))).scalar_one()


@pytest.mark.slow
def test_a_worker_killed_mid_turn_loses_nothing_and_sends_nothing_twice(
        database_url: str, shop_copilot, data_dir: Path) -> None:
    db = Database(database_url)
    db.migrate()
    policy = Policies(shop_copilot.settings).get("shop")
    now = datetime.now(UTC) - timedelta(minutes=1)  # due at once for the worker's real clock
    for i in range(40):
        accept(db, InboundEvent(channel="webchat", conversation_id=f"k{i}", message_id="m1", role="customer",
                                text=QUESTIONS[i % len(QUESTIONS)]), tenant="shop", policy=policy, now=now)
    env = {**os.environ, "COPILOT_DATABASE_URL": database_url, "COPILOT_DATA_DIR": str(data_dir),
           "COPILOT_TENANTS_DIR": str(shop_copilot.settings.tenants_dir),
           "PYTHONPATH": str(REPO)}
    env.pop("COPILOT_OUTBOUND_URL", None)  # the killed worker only drafts; delivery is checked after restart
    proc = subprocess.Popen([sys.executable, "-m", "copilot.cli", "worker", "--batch", "2", "--poll", "0.01"],
                            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while _leased(db) == 0:  # wait for a turn in hand (the first ones need the models loaded)
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            assert time.monotonic() < deadline, "the worker never claimed a turn"
            time.sleep(0.002)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    in_hand = _leased(db)
    with db.session() as s:
        done_before = s.execute(select(func.count()).select_from(OutboxRow)).scalar_one()
    assert in_hand >= 1  # killed mid-turn

    # Restart: a new worker, once the dead worker's leases have run out.
    mode = Mode(db, shop_copilot, start=datetime.now(UTC) + timedelta(minutes=5))
    mode.run(wait=timedelta(0))
    with db.session() as s:
        sends = s.execute(select(OutboxRow)).scalars().all()
        traces = s.execute(select(SuggestionRow)).scalars().all()
        leases = s.execute(select(func.count()).select_from(ConversationRow)
                           .where(ConversationRow.lease_owner.is_not(None))).scalar_one()
    answered = Counter((o.conversation_id, m) for o in sends for m in o.in_reply_to)
    assert len(answered) == 40 and max(answered.values()) == 1  # every message answered, none twice
    assert len(sends) == 40 == sum(t.outcome in ("sent", "handoff") for t in traces)
    assert leases == 0
    delivered = Counter(r["message_id"] for r in mode.receiver.received)
    assert len(delivered) == 40 and max(delivered.values()) == 1
    assert done_before < 40  # the restart had work left to do
    db.dispose()


@pytest.mark.slow
def test_sigterm_stops_the_worker_cleanly_with_no_turn_left_in_hand(database_url: str, shop_copilot,
                                                                   data_dir: Path) -> None:
    db = Database(database_url)
    db.migrate()
    policy = Policies(shop_copilot.settings).get("shop")
    now = datetime.now(UTC) - timedelta(minutes=1)
    for i in range(20):
        accept(db, InboundEvent(channel="webchat", conversation_id=f"t{i}", message_id="m1", role="customer",
                                text=QUESTIONS[i % len(QUESTIONS)]), tenant="shop", policy=policy, now=now)
    env = {**os.environ, "COPILOT_DATABASE_URL": database_url, "COPILOT_DATA_DIR": str(data_dir),
           "COPILOT_TENANTS_DIR": str(shop_copilot.settings.tenants_dir), "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "copilot.cli", "worker", "--batch", "2", "--poll", "0.01"],
                            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while _leased(db) == 0:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.002)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert _leased(db) == 0  # the turns in hand were finished, none left claimed
    with db.session() as s:
        traces = s.execute(select(SuggestionRow)).scalars().all()
        sends = s.execute(select(func.count()).select_from(OutboxRow)).scalar_one()
    assert sends == sum(t.outcome in ("sent", "handoff") for t in traces) >= 1
    db.dispose()
