"""The automation database: an engine from `COPILOT_DATABASE_URL` (default: one SQLite file in
WAL mode under COPILOT_DATA_DIR), with the Alembic migrations applied at start.

Why SQLAlchemy 2 + Alembic: one schema and one migration history for the embedded default
(SQLite) and scale-out (PostgreSQL), the field's standard, and `FOR UPDATE SKIP LOCKED` where
the database has it. Other features add tables with a migration on top of ours
(`copilot/automation/migrations/versions/`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from ..settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 0x436F70696C6F74  # pg advisory lock key: replicas starting together migrate once


def database_url(settings: Settings) -> str:
    """The configured URL, or the embedded SQLite file under the data dir."""
    if settings.database_url:
        url = settings.database_url
        # A bare postgresql:// URL means psycopg 3, the one driver we ship.
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{settings.data_dir / 'automation.sqlite3'}"


class Database:
    """Engine + session factory. `migrate()` brings the schema to the newest revision."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 10) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})
            _sqlite_setup(self.engine)
        else:
            self.engine = create_engine(url, echo=echo, pool_size=pool_size, max_overflow=pool_size,
                                        pool_pre_ping=True)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._migrated = False
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(database_url(settings))

    @property
    def skip_locked(self) -> bool:
        """Row locks exist only on PostgreSQL; SQLite serialises writers (BEGIN IMMEDIATE)."""
        return not self.is_sqlite

    def migrate(self) -> None:
        """Apply every Alembic migration not yet applied (idempotent; safe with several replicas)."""
        from alembic import command
        from alembic.config import Config

        with self._lock:
            if self._migrated:
                return
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
            with self.engine.begin() as conn:
                if not self.is_sqlite:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            self._migrated = True

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on error."""
        with self.sessions() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_setup(engine: Engine) -> None:
    """WAL (readers never block the writer), and BEGIN IMMEDIATE so a transaction that reads and
    then writes holds the write lock from its first statement: read-check-write is atomic, which
    is what FOR UPDATE gives on PostgreSQL."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        _switch_to_wal(cur)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _switch_to_wal(cursor: Any, wait_s: float = 30.0) -> None:
    """WAL mode, waiting for the lock: switching a new file to WAL needs it exclusively and SQLite answers
    "database is locked" at once, without the busy timeout, while another replica's connection holds it."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
