"""The automated-mode tests run on both databases: SQLite (the embedded default) and a real
PostgreSQL. `.ci/run` starts PostgreSQL and sets COPILOT_TEST_POSTGRES_URL and
COPILOT_TEST_REQUIRE_POSTGRES=1; elsewhere the PostgreSQL variant is skipped only when no server
answers at that URL (default: the role and database `.ci/run` creates). Each test session creates a
database of its own there (the role has CREATEDB), so sessions running side by side never meet."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from copilot.automation.db import Database

POSTGRES_URL = os.environ.get("COPILOT_TEST_POSTGRES_URL",
                              "postgresql+psycopg://copilot:copilot@127.0.0.1:5432/copilot_test")


def _postgres_ready() -> str | None:
    """None when the server answers, else why not."""
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001  (any failure means: no server here)
        return f"{type(exc).__name__}: {exc}".splitlines()[0]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    """A database of this test session's own (several sessions may share one server), dropped at the end."""
    if _postgres_ready():
        yield None
        return
    name = f"copilot_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def reset_postgres(url: str) -> None:
    """An empty database for each test: drop and recreate the public schema."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'automation.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    if url is None:
        problem = _postgres_ready()
        if os.environ.get("COPILOT_TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required (COPILOT_TEST_REQUIRE_POSTGRES=1) but not reachable: {problem}")
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}: {problem}")
    reset_postgres(url)
    return url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.migrate()
    yield database
    database.dispose()


# ---------------------------------------------------------------- the automated mode, on a moved clock

import asyncio  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402

from copilot.automation.clock import ManualClock  # noqa: E402
from copilot.automation.inbound import InboundEvent, InboundResult  # noqa: E402
from copilot.automation.outbox import HttpSender  # noqa: E402
from copilot.automation.service import Automation  # noqa: E402
from copilot.automation.worker import Worker  # noqa: E402

SECRET = "test-outbound-secret"
RECEIVER = "http://receiver.test/outbound"
# A Tuesday, 10:00 UTC: inside the default business hours (knowledge/automation.yaml).
TUESDAY_10 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@dataclass
class Receiver:
    """The outbound receiver (a messenger connector we cannot run here): records what arrives and
    answers with the scripted statuses (then 200). An exception class in the script is raised.
    `stall`: request number (1-based) -> seconds it holds the sending worker (its event loop included)."""

    script: list[Any] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    stall: dict[int, float] = field(default_factory=dict)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        time.sleep(self.stall.get(len(self.requests), 0.0))
        step = self.script.pop(0) if self.script else 200
        if isinstance(step, type) and issubclass(step, Exception):
            raise step("scripted", request=request)
        if step == 200:
            self.received.append(json.loads(request.content))
        return httpx.Response(step, json={"ok": step == 200})

    def texts(self, conversation_id: str) -> list[str]:
        return [r["text"] for r in self.received if r["conversation_id"] == conversation_id]


class Mode:
    """The automated mode with a moved clock, a recording receiver and N workers."""

    def __init__(self, db: Database, copilot: Any, *, start: datetime = TUESDAY_10, tenant: str = "shop") -> None:
        self.db, self.copilot, self.tenant = db, copilot, tenant
        self.clock = ManualClock(start)
        self.automation = Automation(copilot, db=db, clock=self.clock)
        self.receiver = Receiver()
        self.workers = [self.worker(f"w{i}") for i in range(2)]
        self.policy = self.automation.policies.get(tenant)

    def worker(self, name: str, *, lease: timedelta = timedelta(seconds=60)) -> Worker:
        sender = HttpSender(RECEIVER, SECRET, transport=httpx.MockTransport(self.receiver))
        return Worker(self.db, self.copilot, self.automation.policies, clock=self.clock, sender=sender, name=name,
                      lease=lease)

    def say(self, conversation: str, message: str, text: str, *, role: str = "customer", channel: str = "webchat",
            sent_at: datetime | None = None) -> InboundResult:
        return self.automation.inbound(InboundEvent(
            tenant=self.tenant, channel=channel, conversation_id=conversation, message_id=message,  # type: ignore[arg-type]
            role=role, text=text, sent_at=sent_at))  # type: ignore[arg-type]

    def run(self, *, wait: timedelta | None = None) -> None:
        """Let the debounce pass (or `wait`), then both workers do what is due."""
        self.clock.advance(wait if wait is not None else timedelta(seconds=self.policy.max_debounce_seconds))
        for _ in range(50):
            if sum(asyncio.run(w.tick()) for w in self.workers) == 0:
                return
        raise AssertionError("work kept coming")

    def conversation(self, external_id: str, channel: str = "webchat") -> dict[str, Any]:
        row = next(c for c in self.automation.queue(state=None, tenant=None, limit=1000)
                   if c["conversation_id"] == external_id and c["channel"] == channel)
        return self.automation.detail(row["id"])


# The tests' business: the demo shop's knowledge with a send policy that lets the bot answer
# (the default policy is strict, docs/auto-send.md; what the gate does with it is tested here too).
SHOP_SEND_POLICY = """intents: [greeting, info, pricing, availability, booking, order_status, return_exchange,
          estimate, follow_up, feedback]
threshold: 0.5
"""


@pytest.fixture(scope="session")
def shop_copilot(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from copilot import Copilot, Settings
    from copilot.paths import KNOWLEDGE_DIR

    tenants = tmp_path_factory.mktemp("tenants")
    (tenants / "shop").mkdir()
    (tenants / "shop" / "knowledge").symlink_to(KNOWLEDGE_DIR / "demo", target_is_directory=True)
    (tenants / "shop" / "send_policy.yaml").write_text(SHOP_SEND_POLICY, encoding="utf-8")
    copilot = Copilot(Settings(data_dir=data_dir, tenants_dir=tenants))
    # The first tests of a run build the session's caches (classifier, demo index: ~90 s CPU): in the
    # fixture, which pytest-timeout does not time (timeout_func_only), not in a test body.
    copilot.warm_up("shop")
    return copilot


@pytest.fixture
def mode(db: Database, shop_copilot: Any) -> Mode:
    return Mode(db, shop_copilot)
