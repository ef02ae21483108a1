"""The automated-mode tests run on both databases: SQLite (the embedded default) and a real
PostgreSQL. `.ci/run` starts PostgreSQL and sets COPILOT_TEST_POSTGRES_URL and
COPILOT_TEST_REQUIRE_POSTGRES=1; elsewhere the PostgreSQL variant is skipped only when no server
answers at that URL (default: the role and database `.ci/run` creates)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

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


def reset_postgres() -> None:
    """An empty database for each test: drop and recreate the public schema."""
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'automation.sqlite3'}"
    problem = _postgres_ready()
    if problem:
        if os.environ.get("COPILOT_TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required (COPILOT_TEST_REQUIRE_POSTGRES=1) but not reachable: {problem}")
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}: {problem}")
    reset_postgres()
    return POSTGRES_URL


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.migrate()
    yield database
    database.dispose()
